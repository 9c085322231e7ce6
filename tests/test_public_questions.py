"""Citizens ask without an account (proof of work, rate limit, no address kept); staff answer;
answers are published after moderation; a private question is read only with its receipt."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from lib.errors import DomainError, PermissionRefused
from lib.proof_of_work import pow_solve
from surveys import guard
from transparency import services
from transparency.models import Question

from .public_helpers import go_public
from .surveys_helpers import surveys_env  # noqa: F401

pytestmark = pytest.mark.usefixtures("surveys_env")
TEXT = "อยากทราบว่าจะขอใช้ศาลาประชาคมได้อย่างไรครับ"


def _solved(agency):
    challenge, bits = guard.challenge_issue(services.question_scope(agency))
    return challenge, pow_solve(challenge, bits)


def ask(people, text=TEXT, client="c1", **kwargs):
    challenge, solution = _solved(people.agency)
    return services.question_ask(agency=people.agency, text=text, challenge=challenge, solution=solution, client=client, **kwargs)


def test_a_citizen_asks_through_the_page_without_an_account_or_a_cookie(people, client):
    go_public(people)
    page = client.get(reverse("portal:agency_questions", args=["muangkao"]))
    assert page.status_code == 200 and not page.cookies
    html = page.content.decode()
    challenge = html.split('data-pow-challenge="')[1].split('"')[0]
    bits = int(html.split('data-pow-bits="')[1].split('"')[0])
    response = client.post(
        reverse("portal:agency_ask", args=["muangkao"]),
        {"text": TEXT, "contact": "", "pow_challenge": challenge, "pow_solution": pow_solve(challenge, bits)},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 200 and not response.cookies
    question = Question.objects.get()
    assert question.text == TEXT and question.state == Question.State.NEW
    receipt = response.content.decode().split('class="receipt"><strong>')[1].split("<")[0]
    assert services.question_by_receipt(people.agency, receipt) == question
    # the address is nowhere: not in the question, not in the audit entry
    stored = str(list(Question.objects.values())) + str(list(AuditEntry.objects.values()))
    assert "203.0.113.9" not in stored


def test_a_question_without_the_proof_of_work_is_refused_and_kept_on_the_page(people, client):
    go_public(people)
    response = client.post(reverse("portal:agency_ask", args=["muangkao"]), {"text": TEXT})
    assert response.status_code == 400
    assert TEXT in response.content.decode() and 'role="alert"' in response.content.decode()
    assert not Question.objects.exists()


def test_too_many_questions_from_one_device_are_refused(people):
    for n in range(services.QUESTION_LIMIT[0]):
        ask(people, text=f"{TEXT} ข้อที่ {n}")
    with pytest.raises(DomainError) as refused:
        ask(people)
    assert refused.value.status == 429
    ask(people, client="another-device")


def test_short_questions_are_refused_with_a_message(people):
    with pytest.raises(DomainError) as refused:
        ask(people, text="สั้น")
    assert refused.value.field == "text"


def test_answered_questions_are_public_only_after_moderation_with_their_dates(people, client):
    go_public(people)
    question, _ = ask(people)
    url = reverse("portal:agency_questions", args=["muangkao"])
    services.question_answer(actor=people.officer, question=question, answer="ติดต่อสำนักปลัดได้ทุกวันทำการ")
    assert "ติดต่อสำนักปลัด" not in client.get(url).content.decode()
    with pytest.raises(PermissionRefused):
        services.question_moderate(actor=people.officer, question=question, publish=True)
    services.question_moderate(actor=people.admin, question=question, publish=True)
    page = client.get(url).content.decode()
    assert TEXT in page and "ติดต่อสำนักปลัด" in page
    from transparency.selectors import question_stats

    assert question_stats(people.agency).published == 1


def test_a_private_question_is_never_published_and_read_only_with_its_receipt(people, client):
    go_public(people)
    question, receipt = ask(people, is_private=True)
    services.question_answer(actor=people.admin, question=question, answer="คำตอบส่วนตัว")
    with pytest.raises(DomainError):
        services.question_moderate(actor=people.admin, question=question, publish=True)
    assert "คำตอบส่วนตัว" not in client.get(reverse("portal:agency_questions", args=["muangkao"])).content.decode()
    url = reverse("portal:agency_receipt", args=["muangkao"])
    assert "คำตอบส่วนตัว" in client.post(url, {"receipt": receipt.lower()}).content.decode()
    assert client.post(url, {"receipt": "AAAAAA-BBBBBB-CCCCCC"}).status_code == 404


def test_a_receipt_of_one_agency_reads_nothing_at_another(people, client):
    from agencies.models import Agency

    go_public(people)
    other = Agency.objects.get(code="ban-suan")
    go_public(people, other)
    _question, receipt = ask(people, is_private=True)
    assert client.post(reverse("portal:agency_receipt", args=["ban-suan"]), {"receipt": receipt}).status_code == 404


def test_staff_answer_and_moderate_in_the_back_office(people):
    question, _ = ask(people)
    officer = people.client("officer")
    page = officer.get(reverse("public_admin:questions", args=["muangkao"]))
    assert page.status_code == 200 and TEXT in page.content.decode()
    officer.post(reverse("public_admin:question_answer", args=["muangkao", question.pk]), {"answer": "ได้ครับ"})
    question.refresh_from_db()
    assert question.state == Question.State.ANSWERED and question.answered_by == people.officer
    assert officer.post(reverse("public_admin:question_moderate", args=["muangkao", question.pk]), {"decision": "publish"}).status_code == 403
    people.client("admin").post(reverse("public_admin:question_moderate", args=["muangkao", question.pk]), {"decision": "publish"})
    question.refresh_from_db()
    assert question.state == Question.State.PUBLISHED and question.published_at
    assert people.client("member").get(reverse("public_admin:questions", args=["muangkao"])).status_code == 403
