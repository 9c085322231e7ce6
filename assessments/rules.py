"""Who may move an item where, and when. Pure tables; the services enforce them."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from agencies.models import Role

from .models import ItemState, Phase

S = ItemState


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    label: object
    needs_comment: bool = False
    phase: str | None = None  # the calendar window the step must happen in


TRANSITIONS = {
    t.action: t
    for t in (
        Transition("submit", frozenset({S.IN_PROGRESS, S.RETURNED}), S.SUBMITTED,
                   frozenset({Role.OFFICER, Role.ADMIN}), _("Submit to the ITA admin")),
        Transition("return", frozenset({S.SUBMITTED, S.ACCEPTED}), S.RETURNED,
                   frozenset({Role.ADMIN, Role.EXECUTIVE}), _("Return with comments"), needs_comment=True),
        Transition("accept", frozenset({S.SUBMITTED}), S.ACCEPTED, frozenset({Role.ADMIN}), _("Accept")),
        Transition("approve", frozenset({S.ACCEPTED}), S.APPROVED, frozenset({Role.EXECUTIVE}), _("Approve")),
        Transition("send", frozenset({S.APPROVED}), S.SENT, frozenset({Role.ADMIN}),
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
            "send", frozenset({S.APPROVED, S.ACCEPTED}), S.SENT, transition.roles, transition.label, phase=transition.phase
        )
    if transition.action == "approve" and not approval_required:
        return None
    return transition


def available_actions(state: str, roles: set[str], *, approval_required: bool) -> list[Transition]:
    found = []
    for action in TRANSITIONS:
        transition = transition_for(action, approval_required=approval_required)
        if transition and state in transition.sources and roles & transition.roles:
            found.append(transition)
    return found
