"""Who may move an item where, and when; who may change its evidence and see its verdicts.

The workflow table and the object rules built on it (agencies.permissions gives the named
permissions). Pages ask `may_*` to decide what to offer; services call `require_*`, which raise
`PermissionRefused` with the reason, so a page and its service cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from agencies.permissions import Perm, has_perm
from lib.errors import PermissionRefused
from lib.thai import today_bangkok

from .models import ItemState, Phase

S = ItemState


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    perm: str  # the named permission a user needs to take this step
    label: object
    needs_comment: bool = False
    phase: str | None = None  # the calendar window the step must happen in


TRANSITIONS = {
    t.action: t
    for t in (
        Transition("submit", frozenset({S.IN_PROGRESS, S.RETURNED}), S.SUBMITTED, Perm.OIT_SUBMIT,
                   _("Submit to the ITA admin")),
        Transition("return", frozenset({S.SUBMITTED, S.ACCEPTED}), S.RETURNED, Perm.OIT_RETURN,
                   _("Return with comments"), needs_comment=True),
        Transition("accept", frozenset({S.SUBMITTED}), S.ACCEPTED, Perm.OIT_ACCEPT, _("Accept")),
        Transition("approve", frozenset({S.ACCEPTED}), S.APPROVED, Perm.OIT_APPROVE, _("Approve")),
        Transition("send", frozenset({S.APPROVED}), S.SENT, Perm.OIT_SEND,
                   _("Send to the assessors"), phase=Phase.Code.OIT_COLLECTION),
    )
}

# States in which the officer may still change the evidence.
EDITABLE_STATES = frozenset({S.TODO, S.IN_PROGRESS, S.RETURNED})


def transition_for(action: str, *, approval_required: bool) -> Transition | None:
    transition = TRANSITIONS.get(action)
    if transition is None:
        return None
    if transition.action == "send" and not approval_required:
        # Without the executive step, an accepted item goes straight out.
        return Transition(
            "send", frozenset({S.APPROVED, S.ACCEPTED}), S.SENT, transition.perm, transition.label, phase=transition.phase
        )
    if transition.action == "approve" and not approval_required:
        return None
    return transition


# --- object rules --------------------------------------------------------------------------


def _is_own(user, item) -> bool:
    return bool(item.officer_id and item.officer.user_id == getattr(user, "pk", None))


def transition_refusal(user, item, transition: Transition):
    """Why USER may not take TRANSITION on ITEM (a lazy message), or None when they may."""
    agency = item.assessment.agency
    if not has_perm(user, agency, transition.perm):
        return _("Your role in this agency does not allow this step.")
    # An officer submits only the items given to them; the ITA admin submits any.
    if transition.action == "submit" and not _is_own(user, item) and not has_perm(user, agency, Perm.OIT_MANAGE):
        return _("Only the officer responsible for this item may submit it.")
    return None


def require_transition(user, item, transition: Transition) -> None:
    refusal = transition_refusal(user, item, transition)
    if refusal is not None:
        raise PermissionRefused(refusal)


def available_actions(user, item) -> list[Transition]:
    """The steps USER may take on ITEM now (its state, the workflow and the object rules)."""
    approval_required = item.assessment.approval_required
    found = []
    for action in TRANSITIONS:
        transition = transition_for(action, approval_required=approval_required)
        if transition and item.state in transition.sources and transition_refusal(user, item, transition) is None:
            found.append(transition)
    return found


def evidence_refusal(user, item):
    """Why USER may not change ITEM's evidence (who, not when), or None: the officer responsible
    for the item or the ITA admin."""
    agency = item.assessment.agency
    if has_perm(user, agency, Perm.OIT_MANAGE):
        return None
    if has_perm(user, agency, Perm.OIT_EVIDENCE) and _is_own(user, item):
        return None
    return _("Only the officer responsible for this item or the ITA admin may change its evidence.")


def require_evidence_editor(user, item) -> None:
    refusal = evidence_refusal(user, item)
    if refusal is not None:
        raise PermissionRefused(refusal)


def may_edit_evidence(user, item) -> bool:
    return item.state in EDITABLE_STATES and evidence_refusal(user, item) is None


def require_reviewer(user, agency) -> None:
    if not has_perm(user, agency, Perm.OIT_REVIEW):
        raise PermissionRefused(_("Only the assessors assigned to this agency may judge its items."))


def phase_window(assessment, code: str):
    return assessment.phases.filter(code=code).first()


def verdicts_visible_to_agency(assessment, *, today=None) -> bool:
    """The agency sees preliminary verdicts once the clarification window opens."""
    phase = phase_window(assessment, Phase.Code.CLARIFICATION)
    today = today or today_bangkok()
    return phase is not None and today >= phase.start


def may_see_verdicts(user, assessment) -> bool:
    """Assessors always; the agency from the clarification window on."""
    return has_perm(user, assessment.agency, Perm.OIT_REVIEW) or verdicts_visible_to_agency(assessment)


def may_see_drafts(user, agency) -> bool:
    """The agency's own people see evidence before it is sent; assessors see only what was sent."""
    return has_perm(user, agency, Perm.OIT_DRAFTS)


