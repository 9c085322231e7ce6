"""Every agency URL of the back office, asked by every kind of user, answers exactly one status.

Outside the agency (the outsider is admin of another agency; nobody has no role anywhere) the
answer is 404, so nobody learns what exists; a member whose role lacks the permission gets 403;
a member who holds it gets the page (or the form's answer); an anonymous visitor is sent to log
in. Each request runs in a savepoint that is rolled back, so one role's POST cannot change what
the next role sees. A URL name missing from ROUTES fails test_every_url_is_walked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.urls import get_resolver, reverse

from agencies.models import Role
from agencies.services import invitation_create

from .conftest import make_person

MEMBERS = ("admin", "officer", "executive", "member", "assessor", "operator")
ALL = frozenset(MEMBERS)
STAFF = ALL - {"assessor"}
MANAGERS = frozenset({"admin", "operator"})
AUDIT = frozenset({"admin", "executive", "operator"})
EVIDENCE = frozenset({"admin", "officer", "operator"})
REVIEWERS = frozenset({"assessor", "operator"})
PLANS_EDIT = frozenset({"admin", "officer", "member", "operator"})
SURVEYS_RUN = frozenset({"admin", "assessor", "operator"})
QA = frozenset({"admin", "officer", "operator"})
APPROVERS = frozenset({"executive", "operator"})
CODE = "muangkao"


@dataclass(frozen=True)
class Route:
    name: str
    method: str  # "get" or "post"
    allowed: frozenset  # members who hold the permission
    kwargs: object = lambda f: {}  # noqa: E731  builds the URL's kwargs (besides the agency code)
    ok: int = 200  # what an allowed member gets (for a POST: the answer to DATA)
    data: object = field(default_factory=dict)  # a dict, or a function of the objects that gives one
    # Members for whom the object itself answers differently (e.g. an assessor asking for a
    # file the agency has not sent them: 404, nothing to know).
    special: dict = field(default_factory=dict)
    anonymous: int = 302


OIT = lambda f: {"pk": f["assessment"].pk}  # noqa: E731
ITEM = lambda f: {"pk": f["assessment"].pk, "item_pk": f["item"].pk}  # noqa: E731
MEASURE = lambda f: {"measure_id": f["world"].measure.pk}  # noqa: E731
YEAR = lambda f: {"year": f["campaign"].fiscal_year}  # noqa: E731
IIT = lambda f: {"year": f["campaign"].fiscal_year, "questionnaire_code": "iit"}  # noqa: E731
EIT = lambda f: {"year": f["campaign"].fiscal_year, "questionnaire_code": "eit"}  # noqa: E731
JOB = lambda f: {"job_id": f["job"].pk}  # noqa: E731

ROUTES = [
    # the agency, its people and working group
    Route("backoffice:agency", "get", ALL),
    Route("backoffice:division_create", "post", MANAGERS, ok=302),
    Route("backoffice:people", "get", STAFF),
    Route("backoffice:people", "post", MANAGERS),
    Route("backoffice:person_edit", "get", MANAGERS, lambda f: {"person_id": f["person"].pk}),
    Route("backoffice:members", "get", MANAGERS),
    Route("backoffice:membership_revoke", "post", MANAGERS, lambda f: {"membership_id": f["membership"].pk}, ok=302),
    Route("backoffice:invitation_revoke", "post", MANAGERS, lambda f: {"invitation_id": f["invitation"].pk}, ok=302),
    Route("backoffice:working_groups", "get", ALL),
    Route("backoffice:working_group", "get", ALL, lambda f: {"group_id": f["group"].pk}),
    Route("backoffice:audit", "get", AUDIT),
    Route("backoffice:audit_csv", "get", AUDIT),
    Route("backoffice:working_group_create", "get", MANAGERS),
    Route("backoffice:working_group_create", "post", MANAGERS, ok=400),
    Route("backoffice:working_group_edit", "get", MANAGERS, lambda f: {"group_id": f["group"].pk}),
    Route("backoffice:working_group_edit", "post", MANAGERS, lambda f: {"group_id": f["group"].pk}, ok=400),
    Route("backoffice:agency_emblem", "post", MANAGERS, ok=302),
    # OIT
    Route("oit:assessments", "get", ALL),
    Route("oit:assessments", "post", MANAGERS),
    Route("oit:assessment", "get", ALL, OIT),
    Route("oit:matrix", "get", MANAGERS, OIT),
    Route("oit:matrix_print", "get", STAFF, OIT),
    Route("oit:score", "get", ALL, OIT),
    Route("oit:phases", "get", ALL, OIT),
    Route("oit:phases", "post", frozenset({"operator"}), OIT, ok=302,
          data=lambda f: {"phase": f["assessment"].phases.first().pk, "start": "2030-01-01", "end": "2030-02-01"}),
    Route("oit:item", "get", ALL, ITEM),
    Route("oit:item_assign", "get", MANAGERS, ITEM),
    Route("oit:rollover", "get", MANAGERS, OIT),
    Route("oit:publish", "get", STAFF, OIT),
    Route("oit:publish", "post", EVIDENCE, OIT),  # no such record: the page again, with the refusal
    Route("oit:entry_file", "get", STAFF, lambda f: {"pk": f["assessment"].pk, "entry_pk": f["entry"].pk},
          special={"assessor": 404}),
    # o1 is the officer's item (see `objects`): the executive and the member may not give evidence.
    Route("oit:item_evidence", "post", EVIDENCE, ITEM, ok=400),
    Route("oit:item_transition", "post", MANAGERS, ITEM, ok=302, data={"action": "accept", "base_version": 1}),
    Route("oit:item_verdict", "post", REVIEWERS, ITEM, ok=400, data={"verdict": "pass", "base_version": 1}),
    Route("oit:item_confirm", "post", REVIEWERS, ITEM, ok=400, data={"base_version": 1}),
    Route("oit:item_clarify", "post", MANAGERS, ITEM, ok=400),
    # each role's bulk step: the executive's approval memo, the ITA admin's send
    Route("oit:approve", "get", APPROVERS, OIT),
    Route("oit:approve", "post", APPROVERS, OIT, ok=400),  # nothing ticked: the page again, with the refusal
    Route("oit:send", "get", MANAGERS, OIT),
    Route("oit:send", "post", MANAGERS, OIT, ok=400),
    Route("oit:approval_memo", "get", STAFF, lambda f: {"pk": f["assessment"].pk, "memo_pk": f["memo"].pk}),
    # plans: everyone reads, the agency's staff (not the executive) write
    Route("plans:overview", "get", ALL),
    Route("plans:measures", "get", ALL),
    Route("plans:measure", "get", ALL, MEASURE),
    Route("plans:risks", "get", ALL),
    Route("plans:action_plan", "get", ALL),
    Route("plans:no_gift", "get", ALL),
    Route("plans:ethics", "get", ALL),
    Route("plans:ethics", "post", PLANS_EDIT, ok=400),
    Route("plans:meetings", "get", ALL),
    Route("plans:meetings", "post", PLANS_EDIT, ok=400),
    Route("plans:meeting", "get", ALL, lambda f: {"meeting_id": f["world"].meeting.pk}),
    Route("plans:meeting_minutes", "post", PLANS_EDIT, lambda f: {"meeting_id": f["world"].meeting.pk}, ok=400),
    Route("plans:calendar", "get", ALL),
    # The feed answers calendar apps with a token, so an anonymous request is a 404, not a login.
    Route("plans:calendar_ics", "get", ALL, anonymous=404),
    # Any member may make a private feed link of what they see (tests/test_calendar_feeds.py).
    Route("plans:calendar_feeds", "post", ALL, ok=302, data={"name": "phone"}),
    Route("plans:measure_plan_create", "post", PLANS_EDIT, ok=400),
    Route("plans:analysis_point_add", "post", PLANS_EDIT, ok=400),
    Route("plans:measure_create", "post", PLANS_EDIT, ok=400),
    Route("plans:follow_up_add", "post", PLANS_EDIT, MEASURE, ok=400),
    Route("plans:method_add", "post", PLANS_EDIT, MEASURE, ok=400),
    Route("plans:measure_status", "post", PLANS_EDIT, MEASURE, ok=400),
    Route("plans:measure_plan_edit", "get", PLANS_EDIT, lambda f: {"plan_id": f["world"].plan.pk}),
    Route("plans:measure_edit", "get", PLANS_EDIT, MEASURE),
    Route("plans:method_edit", "get", PLANS_EDIT,
          lambda f: {"measure_id": f["world"].measure.pk, "method_id": f["world"].method.pk}),
    Route("plans:follow_up_edit", "get", PLANS_EDIT,
          lambda f: {"measure_id": f["world"].measure.pk, "follow_up_id": f["world"].follow_up.pk}),
    Route("plans:analysis_results_import", "post", PLANS_EDIT, ok=400),
    Route("plans:imported_result_weakness", "post", PLANS_EDIT, lambda f: {"result_id": f["world"].result.pk}, ok=302),
    Route("plans:risk_register_create", "post", PLANS_EDIT, ok=400),
    Route("plans:risk_add", "post", PLANS_EDIT, ok=400),
    Route("plans:treatment_add", "post", PLANS_EDIT, lambda f: {"risk_id": f["world"].risk.pk}, ok=400),
    Route("plans:treatment_follow_up_add", "post", PLANS_EDIT, lambda f: {"treatment_id": f["world"].treatment.pk},
          ok=400),
    Route("plans:action_plan_create", "post", PLANS_EDIT, ok=400),
    Route("plans:project_add", "post", PLANS_EDIT, ok=400),
    Route("plans:plan_report_file", "post", PLANS_EDIT, ok=400),
    Route("plans:chief_executive_record", "post", PLANS_EDIT, ok=400),
    Route("plans:no_gift_declare", "post", PLANS_EDIT, ok=400),
    Route("plans:no_gift_activity_add", "post", PLANS_EDIT, ok=400),
    Route("plans:no_gift_report_file", "post", PLANS_EDIT, ok=400),
    # documents: everyone reads them; building in the background is for the agency's staff
    Route("plans:documents", "get", ALL),
    Route("plans:document", "get", ALL, lambda f: {"kind": "measures", "pk": f["world"].plan.pk, "fmt": "html"}),
    Route("plans:document_job_start", "post", STAFF,
          lambda f: {"kind": "measures", "pk": f["world"].plan.pk, "fmt": "pdf"}, ok=302),
    Route("plans:document_job", "get", STAFF, JOB),
    Route("plans:document_job_progress", "get", STAFF, JOB),
    Route("plans:document_job_file", "get", STAFF, JOB, ok=404),  # not built yet: nothing to download
    # surveys: everyone follows them; admins and assessors run them
    Route("surveys:campaigns", "get", ALL),
    Route("surveys:campaigns", "post", SURVEYS_RUN),
    Route("surveys:campaign", "get", ALL, YEAR),
    Route("surveys:campaign", "post", SURVEYS_RUN, YEAR),
    Route("surveys:status", "post", SURVEYS_RUN, YEAR, ok=302),
    Route("surveys:results", "get", ALL, YEAR),
    Route("surveys:results", "post", SURVEYS_RUN, YEAR),
    Route("surveys:counter_codes", "post", SURVEYS_RUN, EIT),
    Route("surveys:slips", "get", SURVEYS_RUN, IIT),
    Route("surveys:slips", "post", SURVEYS_RUN, IIT),
    Route("surveys:codes_approve", "post", REVIEWERS, YEAR, ok=302),
    Route("surveys:scores_verify", "post", REVIEWERS, YEAR, ok=302),
    Route("surveys:poster", "get", ALL, IIT),
    Route("surveys:poster_pdf", "get", ALL, YEAR),
    Route("surveys:poster_pdf_one", "get", ALL, EIT),
    # the agency's public section, ITAS hand-off and citizens' questions
    Route("public_admin:section", "get", MANAGERS),
    Route("public_admin:publish", "post", MANAGERS, ok=400),
    Route("public_admin:records", "get", MANAGERS),
    Route("public_admin:participation_delete", "post", MANAGERS, lambda f: {"record_pk": f["participation"].pk}, ok=302),
    Route("public_admin:eservice_delete", "post", MANAGERS, lambda f: {"service_pk": f["eservice"].pk}, ok=302),
    Route("public_admin:page_as_evidence", "post", EVIDENCE, ok=400),
    Route("public_admin:itas", "get", STAFF, OIT),
    Route("public_admin:itas_export", "get", STAFF, lambda f: {"pk": f["assessment"].pk, "fmt": "csv"}),
    Route("public_admin:itas_check", "post", MANAGERS, OIT, ok=302),
    Route("public_admin:questions", "get", QA),
    Route("public_admin:question_answer", "post", QA, lambda f: {"question_pk": f["question"].pk}, ok=302),
    Route("public_admin:question_moderate", "post", MANAGERS, lambda f: {"question_pk": f["question"].pk}, ok=302),
]
# URLs with no agency in them: checked separately below.
UNSCOPED = {
    "backoffice:home", "backoffice:agency_create", "backoffice:frameworks", "backoffice:framework_upload",
    "surveys:progress",
    "surveys:landing", "surveys:thanks", "surveys:survey", "surveys:qr",
}
NAMESPACES = ("backoffice", "oit", "plans", "surveys", "public_admin")


class Objects:
    """What the URLs point at, built on first use: a route builds only what it needs."""

    def __init__(self, people, framework):
        self.people, self.framework, self._built = people, framework, {}

    def __getitem__(self, name: str):
        if name not in self._built:
            builder = {"assessment": self._oit, "item": self._oit, "entry": self._oit, "world": self._world,
                       "job": self._world}.get(name) or getattr(self, f"_{name}")
            self._built.update(builder())
        return self._built[name]

    def _oit(self) -> dict:
        from django.core.files.uploadedfile import SimpleUploadedFile

        from agencies.models import Membership
        from assessments.services import (
            EntryInput,
            assessment_open,
            evidence_save,
            matrix_assign,
        )

        people = self.people
        assessment = assessment_open(actor=people.admin, agency=people.agency, framework=self.framework)
        item = assessment.items.get(item__code="o1")
        officer_person = Membership.objects.get(user=people.officer, role=Role.OFFICER).person
        item = matrix_assign(actor=people.admin, assessment_item=item, division=None, position_th="",
                             officer=officer_person, due_date=None, base_version=item.version)
        pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        revision = evidence_save(
            actor=people.admin, assessment_item=item, base_version=item.version,
            new_entries=[EntryInput(title="ไฟล์", file=SimpleUploadedFile("o1.pdf", pdf, "application/pdf"))],
        )
        return {"assessment": assessment, "item": item, "entry": revision.entries.get()}

    def _memo(self) -> dict:
        """o2 approved by the executive through one approval memo."""
        from assessments.approvals import approval_memo_sign
        from assessments.services import EntryInput, evidence_save, item_transition

        people, assessment = self.people, self["assessment"]
        o2 = assessment.items.get(item__code="o2")
        evidence_save(actor=people.admin, assessment_item=o2, base_version=o2.version,
                      new_entries=[EntryInput(title="ผัง", url="https://muangkao.go.th/o2")])
        for action in ("submit", "accept"):
            o2.refresh_from_db()
            item_transition(actor=people.admin, assessment_item=o2, action=action)
        return {"memo": approval_memo_sign(actor=people.executive, assessment=assessment, items=[o2], to_th="นายก")}

    def _person(self) -> dict:
        return {"person": make_person(self.people.agency, first_name="เป้าหมาย")}

    def _group(self) -> dict:
        from agencies.models import WorkingGroupMember
        from agencies.services import Seat, working_group_appoint

        person = self["person"]
        group = working_group_appoint(
            actor=None, agency=self.people.agency, fiscal_year=2566, order_number="17/2566",
            order_date="2023-01-16", subject_th="คณะทำงาน", signed_by=person,
            seats=[Seat(person=person, group_role=WorkingGroupMember.GroupRole.CHAIR)], duties=[("1", "หน้าที่")],
        )
        return {"group": group}

    def _membership(self) -> dict:
        from agencies.models import Membership

        return {"membership": Membership.objects.get(user=self.people.member, role=Role.MEMBER)}

    def _invitation(self) -> dict:
        issued = invitation_create(actor=None, agency=self.people.agency, email="x@example.org", role=Role.MEMBER,
                                   send=False)
        return {"invitation": issued.invitation}

    def _world(self) -> dict:
        from documents.models import DocumentJob

        from .plans_factories import make_world

        world = make_world(self.people)
        job = DocumentJob.objects.create(agency=self.people.agency, kind="measures", record_pk=world.plan.pk, fmt="pdf")
        return {"world": world, "job": job}

    def _question(self) -> dict:
        from transparency.models import Question

        return {"question": Question.objects.create(agency=self.people.agency, text="คำถามทดสอบจากประชาชน",
                                                    receipt_hash="0" * 64)}

    def _participation(self) -> dict:
        from transparency.models import ParticipationRecord

        return {"participation": ParticipationRecord.objects.create(
            agency=self.people.agency, title_th="ประชาคม", starts_on="2023-01-10", ends_on="2023-01-10",
            participants_th="ผู้ใหญ่บ้าน", outcome_th="ข้อเสนอ")}

    def _eservice(self) -> dict:
        from transparency.models import EService

        return {"eservice": EService.objects.create(agency=self.people.agency, name_th="ขออนุญาต",
                                                    url="https://muangkao.go.th/e")}

    def _campaign(self) -> dict:
        from .surveys_helpers import make_campaign

        return {"campaign": make_campaign(self.people, self.framework)}


@pytest.fixture
def objects(people, framework, settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    # Who may ask is the question here, not how Chromium draws the poster (tests/test_surveys_poster_pdf.py).
    monkeypatch.setattr("documents.pdf.render_pdf", lambda html, **kwargs: b"%PDF-1.4 test")
    return Objects(people, framework)


# What each app's pages expect to exist in the agency, even when their URL names no object.
NEEDS = {"oit": "assessment", "plans": "world", "surveys": "campaign"}


def _url(route: Route, objects, code: str = CODE) -> str:
    namespace = route.name.split(":")[0]
    if namespace in NEEDS:
        objects[NEEDS[namespace]]
    return reverse(route.name, kwargs={"code": code, **route.kwargs(objects)})


def _ask(client, route: Route, url: str, objects) -> int:
    """The status of one request, with everything it changed rolled back."""
    data = route.data(objects) if callable(route.data) else route.data
    with transaction.atomic():
        response = getattr(client, route.method)(url, data)
        transaction.set_rollback(True)
    return response.status_code


def expected(route: Route, who: str | None) -> int:
    if who is None:
        return route.anonymous
    if who in ("outsider", "nobody"):
        return 404
    if who in route.special:
        return route.special[who]
    return route.ok if who in route.allowed else 403


def _id(route: Route) -> str:
    return f"{route.method}-{route.name}"


def test_every_url_is_walked():
    names = set()
    resolver = get_resolver()
    for namespace in NAMESPACES:
        sub = resolver.namespace_dict[namespace][1]
        names |= {f"{namespace}:{name}" for name in sub.reverse_dict if isinstance(name, str)}
    walked = {route.name for route in ROUTES}
    assert names == walked | UNSCOPED, sorted(names ^ (walked | UNSCOPED))
    assert len(walked) > 70 and not walked & UNSCOPED


def test_the_report_channels_back_office_is_walked_in_its_own_test():
    """The complaint channel's URLs keep their walk in tests/test_complaints_views.py (reports are
    sealed for their recipients and need their own fixtures); none may be left out there."""
    from .test_complaints_views import WALKED

    sub = get_resolver().namespace_dict["complaints"][1]
    names = set()
    for name, entries in sub.reverse_dict.lists():
        if isinstance(name, str) and any("code" in params and not fmt.startswith("p/") for fmt, params in entries[0][0]):
            names.add(f"complaints:{name}")
    assert names and names <= set(WALKED)


def test_every_route_is_listed_once():
    keys = [(route.name, route.method) for route in ROUTES]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("route", ROUTES, ids=_id)
def test_each_user_gets_exactly_the_expected_status(people, objects, route):
    url = _url(route, objects)
    answers = {who: _ask(people.client(who), route, url, objects) for who in (*MEMBERS, "outsider", "nobody", None)}
    wanted = {who: expected(route, who) for who in answers}
    assert answers == wanted, url


@pytest.mark.parametrize("route", [r for r in ROUTES if r.method == "post"], ids=_id)
def test_post_only_routes_refuse_get_before_looking_anything_up(people, objects, route):
    if any(r.name == route.name and r.method == "get" for r in ROUTES):
        pytest.skip("this URL also has a page")
    assert people.client("outsider").get(_url(route, objects)).status_code == 405


@pytest.mark.parametrize("route", ROUTES, ids=_id)
def test_another_agencys_code_never_reaches_our_objects(people, objects, route):
    """The outsider is admin of ban-suan: our objects through their agency's code are 404, or 403
    where an admin's role refuses the step in any agency before anything is looked up."""
    if route.kwargs(objects) == {}:
        pytest.skip("no object in this URL")
    status = _ask(people.client("outsider"), route, _url(route, objects, code="ban-suan"), objects)
    assert status == (404 if "admin" in route.allowed else 403) or (status == 404 and route.method == "post"), status


def test_outsiders_change_nothing(people, objects):
    from agencies.models import Invitation, Membership
    from surveys.models import Campaign

    client = people.client("outsider")
    for route in ROUTES:
        if route.method == "post":
            client.post(_url(route, objects), {"name_th": "x", "email": "y@example.org", "action": "submit",
                                               "base_version": 1, "verdict": "pass", "text": "x", "status": "closed"})
    assert Membership.objects.filter(pk=objects["membership"].pk).exists()  # built before the POSTs
    assert Invitation.objects.get(pk=objects["invitation"].pk).revoked_at is None
    assert Campaign.objects.get(pk=objects["campaign"].pk).status == "open"
    assert type(objects["participation"]).objects.filter(pk=objects["participation"].pk).exists()
    assert type(objects["eservice"]).objects.filter(pk=objects["eservice"].pk).exists()


def test_home_lists_only_my_agencies(people):
    page = people.client("outsider").get(reverse("backoffice:home")).content.decode()
    assert "เทศบาลตำบลบ้านสวน" in page and "เมืองเก่า" not in page
    page = people.client("operator").get(reverse("backoffice:home")).content.decode()
    assert "เทศบาลตำบลบ้านสวน" in page and "เมืองเก่า" in page


def test_only_operators_create_agencies(people):
    url = reverse("backoffice:agency_create")
    assert people.client("admin").get(url).status_code == 403
    assert people.client("operator").get(url).status_code == 200
    assert people.client(None).get(url).status_code == 302


def test_the_home_page_counts_oit_progress_in_fixed_queries(people, objects, django_assert_max_num_queries):
    objects["assessment"]
    client = people.client("operator")
    # 9: the page's 8, plus the second factor's device read once per request (django-otp).
    with django_assert_max_num_queries(9):
        response = client.get(reverse("backoffice:home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "ita-2566" in page and "0/43" in page


def test_operators_filter_agencies_by_province(people):
    from agencies.models import Agency

    Agency.objects.filter(code="ban-suan").update(province="ลำพูน")
    page = people.client("operator").get(reverse("backoffice:home"), {"province": "ลำพูน"}).content.decode()
    assert "บ้านสวน" in page and "เมืองเก่า" not in page
