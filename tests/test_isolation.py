"""Every back-office URL, walked as every kind of user: nobody sees another agency's data.

A URL name missing from ROUTES fails test_every_url_is_walked, so new pages cannot skip this.
"""

import pytest
from django.urls import get_resolver, reverse

from agencies.models import Invitation, Membership, Role
from agencies.services import invitation_create

from .conftest import make_person

ALL = {"admin", "officer", "executive", "member", "assessor", "operator"}
MANAGERS = {"admin", "operator"}

# name → (roles that may GET it, how to build its kwargs)
ROUTES = {
    "backoffice:agency": (ALL, lambda f: {}),
    "backoffice:people": (ALL - {"assessor"}, lambda f: {}),
    "backoffice:person_edit": (MANAGERS, lambda f: {"person_id": f["person"].pk}),
    "backoffice:members": (MANAGERS, lambda f: {}),
    "backoffice:membership_revoke": (set(), lambda f: {"membership_id": f["membership"].pk}),
    "backoffice:invitation_revoke": (set(), lambda f: {"invitation_id": f["invitation"].pk}),
    "backoffice:working_groups": (ALL, lambda f: {}),
    "backoffice:working_group": (ALL, lambda f: {"group_id": f["group"].pk}),
    "backoffice:audit": ({"admin", "executive", "operator"}, lambda f: {}),
    "backoffice:division_create": (set(), lambda f: {}),
    "backoffice:agency_emblem": (set(), lambda f: {}),
}
STAFF = ALL - {"assessor"}
OIT = lambda f: {"pk": f["assessment"].pk}  # noqa: E731
OIT_ITEM = lambda f: {"pk": f["assessment"].pk, "item_pk": f["item"].pk}  # noqa: E731
ROUTES.update(
    {
        "oit:assessments": (ALL, lambda f: {}),
        "oit:assessment": (ALL, OIT),
        "oit:matrix": (MANAGERS, OIT),
        "oit:matrix_print": (STAFF, OIT),
        "oit:score": (ALL, OIT),
        "oit:phases": (ALL, OIT),
        "oit:item": (ALL, OIT_ITEM),
        "oit:item_assign": (MANAGERS, OIT_ITEM),
        "oit:publish": (STAFF, OIT),
        "oit:rollover": (MANAGERS, OIT),
        "oit:entry_file": (STAFF, lambda f: {"pk": f["assessment"].pk, "entry_pk": f["entry"].pk}),
        "oit:item_evidence": (set(), OIT_ITEM),
        "oit:item_transition": (set(), OIT_ITEM),
        "oit:item_verdict": (set(), OIT_ITEM),
        "oit:item_confirm": (set(), OIT_ITEM),
        "oit:item_clarify": (set(), OIT_ITEM),
    }
)
QA = {"admin", "officer", "operator"}
ROUTES.update(
    {
        "public_admin:section": (MANAGERS, lambda f: {}),
        "public_admin:publish": (set(), lambda f: {}),
        "public_admin:itas": (STAFF, OIT),
        "public_admin:itas_export": (STAFF, lambda f: {"pk": f["assessment"].pk, "fmt": "csv"}),
        "public_admin:itas_check": (set(), OIT),
        "public_admin:questions": (QA, lambda f: {}),
        "public_admin:records": (MANAGERS, lambda f: {}),
        "public_admin:participation_delete": (set(), lambda f: {"record_pk": f["participation"].pk}),
        "public_admin:eservice_delete": (set(), lambda f: {"service_pk": f["eservice"].pk}),
        "public_admin:page_as_evidence": (set(), lambda f: {}),
        "public_admin:question_answer": (set(), lambda f: {"question_pk": f["question"].pk}),
        "public_admin:question_moderate": (set(), lambda f: {"question_pk": f["question"].pk}),
    }
)
# URLs with no agency in them: checked separately below.
UNSCOPED = {"backoffice:home", "backoffice:agency_create", "backoffice:frameworks", "backoffice:framework_upload"}


@pytest.fixture
def objects(people, framework, settings):
    from agencies.models import WorkingGroupMember
    from agencies.services import Seat, working_group_appoint

    person = make_person(people.agency, first_name="เป้าหมาย")
    group = working_group_appoint(
        actor=None, agency=people.agency, fiscal_year=2566, order_number="17/2566",
        order_date="2023-01-16", subject_th="คณะทำงาน", signed_by=person,
        seats=[Seat(person=person, group_role=WorkingGroupMember.GroupRole.CHAIR)], duties=[("1", "หน้าที่")],
    )
    invitation = invitation_create(actor=None, agency=people.agency, email="x@example.org", role=Role.MEMBER, send=False)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django.core.files.uploadedfile import SimpleUploadedFile

    from assessments.services import EntryInput, assessment_open, evidence_save

    assessment = assessment_open(actor=people.admin, agency=people.agency, framework=framework)
    item = assessment.items.get(item__code="o1")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    revision = evidence_save(
        actor=people.admin, assessment_item=item, base_version=item.version,
        new_entries=[EntryInput(title="ไฟล์", file=SimpleUploadedFile("o1.pdf", pdf, "application/pdf"))],
    )
    from transparency.models import EService, ParticipationRecord, Question

    question = Question.objects.create(agency=people.agency, text="คำถามทดสอบจากประชาชน", receipt_hash="0" * 64)
    return {
        "question": question,
        "participation": ParticipationRecord.objects.create(
            agency=people.agency, title_th="ประชาคม", starts_on="2023-01-10", ends_on="2023-01-10",
            participants_th="ผู้ใหญ่บ้าน", outcome_th="ข้อเสนอ"),
        "eservice": EService.objects.create(agency=people.agency, name_th="ขออนุญาต", url="https://muangkao.go.th/e"),
        "assessment": assessment,
        "item": item,
        "entry": revision.entries.get(),
        "person": person,
        "group": group,
        "membership": Membership.objects.get(user=people.officer, role=Role.OFFICER),
        "invitation": invitation.invitation,
    }


def _url(name, objects, code="muangkao"):
    return reverse(name, kwargs={"code": code, **ROUTES[name][1](objects)})


def test_every_url_is_walked():
    names = set()
    for namespace in ("backoffice", "oit", "public_admin"):
        resolver = get_resolver().namespace_dict[namespace][1]
        names |= {f"{namespace}:{name}" for name in resolver.reverse_dict if isinstance(name, str)}
    assert names == set(ROUTES) | UNSCOPED


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_an_outsider_gets_404_for_every_url_and_method(people, objects, name):
    url = _url(name, objects)
    for who in ("outsider", "nobody"):
        client = people.client(who)
        # POST-only routes answer 405 to GET for everyone, before looking anything up.
        expected_get = 405 if not ROUTES[name][0] else 404
        assert client.get(url).status_code == expected_get, (who, url)
        assert client.post(url, {"name_th": "x", "email": "y@example.org", "action": "submit", "base_version": 1,
                                 "verdict": "pass", "text": "x"}).status_code == 404, (who, url)
    # Nothing was changed by those POSTs.
    assert Membership.objects.filter(pk=objects["membership"].pk).exists()
    assert Invitation.objects.get(pk=objects["invitation"].pk).revoked_at is None
    assert objects["participation"].__class__.objects.filter(pk=objects["participation"].pk).exists()
    assert objects["eservice"].__class__.objects.filter(pk=objects["eservice"].pk).exists()


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_anonymous_users_are_sent_to_login(people, objects, name):
    response = people.client(None).post(_url(name, objects))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", sorted(n for n, (roles, _) in ROUTES.items() if roles))
def test_each_role_sees_exactly_its_pages(people, objects, name):
    allowed, _ = ROUTES[name]
    url = _url(name, objects)
    for who in sorted(ALL):
        status = people.client(who).get(url).status_code
        if who in allowed:
            assert status == 200, (who, url, status)
        else:
            assert status in (403, 404), (who, url, status)


def test_an_agency_page_cannot_be_reached_through_another_agencys_code(people, objects):
    # The outsider is admin of ban-suan; the person belongs to muangkao.
    url = reverse("backoffice:person_edit", kwargs={"code": "ban-suan", "person_id": objects["person"].pk})
    assert people.client("outsider").get(url).status_code == 404


def test_home_lists_only_my_agencies(people):
    page = people.client("outsider").get(reverse("backoffice:home")).content.decode()
    assert "เทศบาลตำบลบ้านสวน" in page and "เมืองเก่า" not in page
    page = people.client("operator").get(reverse("backoffice:home")).content.decode()
    assert "เทศบาลตำบลบ้านสวน" in page and "เมืองเก่า" in page


def test_only_operators_create_agencies(people):
    url = reverse("backoffice:agency_create")
    assert people.client("admin").get(url).status_code == 403
    assert people.client("operator").get(url).status_code == 200


def test_the_home_page_counts_oit_progress_in_fixed_queries(people, objects, django_assert_max_num_queries):
    client = people.client("operator")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("backoffice:home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "ita-2566" in page and "0/43" in page


def test_operators_filter_agencies_by_province(people):
    from agencies.models import Agency

    Agency.objects.filter(code="ban-suan").update(province="ลำพูน")
    page = people.client("operator").get(reverse("backoffice:home"), {"province": "ลำพูน"}).content.decode()
    assert "บ้านสวน" in page and "เมืองเก่า" not in page


def _agency_url_names() -> set[str]:
    """Every named URL of the back office that takes an agency code."""
    names = set()
    resolver = get_resolver()
    for namespace in ("backoffice", "oit", "plans", "surveys", "public_admin", "complaints"):
        sub = resolver.namespace_dict[namespace][1]
        for name, entries in sub.reverse_dict.lists():
            # entries[0][0] lists (format, parameter names) for the pattern
            # Public pages (/p/<code>/...) are open to everyone by design; they have their own walks.
            if isinstance(name, str) and any("code" in params and not fmt.startswith("p/") for fmt, params in entries[0][0]):
                names.add(f"{namespace}:{name}")
    return names


def test_every_agency_url_of_every_app_has_an_outsider_test(people, objects, framework):
    """ROUTES here, the plans walk and the surveys walk together cover every agency URL."""
    from django.urls import resolve

    from .plans_factories import make_world
    from .surveys_helpers import make_campaign
    from .test_complaints_views import WALKED as complaint_urls
    from .test_plans_isolation import _urls as plans_urls
    from .test_surveys_admin_views import agency_urls as survey_urls

    covered = set(ROUTES)
    read, write = plans_urls(make_world(people))
    covered |= {resolve(url).view_name for url in read + write}
    covered |= {"plans:document_job", "plans:document_job_progress", "plans:document_job_start", "plans:document_job_file"}
    covered |= {"plans:calendar_feeds"}  # tests/test_calendar_feeds.py
    covered |= {resolve(url).view_name for _, url in survey_urls(make_campaign(people, framework))}
    covered |= complaint_urls
    names = _agency_url_names()
    assert len(names) > 50 and "plans:measures" in names and "surveys:results" in names
    missing = sorted(names - covered)
    assert not missing, f"agency URLs without an outsider test: {missing}"
