"""Editing measure plans, measures, methods and follow-ups: the same checks as creating them,
optimistic concurrency on a version number, an audit entry with what changed, and published
OIT evidence that never changes when the record does."""

import datetime as dt
from contextlib import contextmanager

import pytest

from audit.models import AuditEntry
from lib.errors import DomainError
from plans import services
from plans.models import FollowUp, Measure, MeasureMethod, MeasurePlan

from .plans_factories import D, make_measure, make_plan


@contextmanager
def refused(text: str, *, field: str | None = "", code: str | None = None):
    """The service refuses with TEXT in its Thai — English message (and FIELD / CODE if given)."""
    with pytest.raises(DomainError) as exc:
        yield exc
    assert text in exc.value.bilingual(), exc.value.bilingual()
    if field != "":
        assert exc.value.field == field
    if code is not None:
        assert exc.value.code == code


@pytest.fixture
def measure(people):
    return make_measure(make_plan(people.agency))


def _update_measure(measure, **kwargs):
    kwargs.setdefault("base_version", measure.version)
    kwargs.setdefault("title_th", measure.title_th)
    kwargs.setdefault("period_start", measure.period_start)
    kwargs.setdefault("period_end", measure.period_end)
    kwargs.setdefault("divisions", list(measure.divisions.all()))
    return services.measure_update(actor=None, measure=measure, **kwargs)


def _update_follow_up(entry, **kwargs):
    kwargs.setdefault("base_version", entry.version)
    kwargs.setdefault("date", entry.date)
    kwargs.setdefault("text_th", entry.text_th)
    kwargs.setdefault("url", entry.url)
    return services.follow_up_update(actor=None, follow_up=entry, **kwargs)


# --- measure plans ------------------------------------------------------------------------------


def test_a_plan_edit_saves_bumps_the_version_and_audits_before_and_after(people):
    plan = make_plan(people.agency)
    assert plan.version == 0
    saved = services.measure_plan_update(actor=people.admin, plan=plan, base_version=0, fiscal_year=2566,
                                         title_th=" มาตรการฉบับแก้ไข ", adopted_on=D(2023, 1, 20), intro_th="บทนำ")
    assert (saved.title_th, saved.adopted_on, saved.version) == ("มาตรการฉบับแก้ไข", D(2023, 1, 20), 1)
    entry = AuditEntry.objects.get(action="plans.measure_plan.updated")
    assert entry.payload["before"] == {"title_th": plan.title_th, "intro_th": "", "adopted_on": "2023-01-16"}
    assert entry.payload["after"] == {"title_th": "มาตรการฉบับแก้ไข", "intro_th": "บทนำ", "adopted_on": "2023-01-20"}
    assert entry.payload["version"] == 1


def test_a_plan_cannot_move_onto_a_year_that_has_a_plan(people):
    make_plan(people.agency, fiscal_year=2567)
    plan = make_plan(people.agency)
    with refused("already a measures plan for fiscal year 2567", field="fiscal_year"):
        services.measure_plan_update(actor=None, plan=plan, base_version=0, fiscal_year=2567,
                                     title_th="x", adopted_on=D(2023, 1, 16))
    assert MeasurePlan.objects.get(pk=plan.pk).fiscal_year == 2566


def test_a_plan_edit_from_a_stale_form_is_a_conflict(people):
    plan = make_plan(people.agency)
    services.measure_plan_update(actor=None, plan=plan, base_version=0, fiscal_year=2566, title_th="คนแรก",
                                 adopted_on=D(2023, 1, 16))
    with refused("Someone else changed this record", field=None, code="conflict"):
        services.measure_plan_update(actor=None, plan=plan, base_version=0, fiscal_year=2566, title_th="คนที่สอง",
                                     adopted_on=D(2023, 1, 16))
    assert MeasurePlan.objects.get(pk=plan.pk).title_th == "คนแรก"


# --- measures -----------------------------------------------------------------------------------


def test_a_measure_edit_changes_title_period_divisions_monitoring_and_status(people, measure):
    from agencies.services import division_create

    finance = division_create(actor=None, agency=people.agency, name_th="กองคลัง")
    saved = _update_measure(measure, title_th="มาตรการใหม่", period_start=D(2022, 12, 1), period_end=D(2023, 6, 30),
                            divisions=[finance], monitoring_th="รายงานทุกเดือน", status="in_progress")
    saved = Measure.objects.get(pk=measure.pk)
    assert (saved.title_th, saved.period_text, saved.monitoring_th, saved.status, saved.version) == (
        "มาตรการใหม่", "ธ.ค. ๖๕ – มิ.ย. ๖๖", "รายงานทุกเดือน", "in_progress", 1)
    assert list(saved.divisions.all()) == [finance]
    entry = AuditEntry.objects.get(action="plans.measure.updated")
    assert entry.payload["before"]["divisions"] == [people.division.pk]
    assert entry.payload["after"]["divisions"] == [finance.pk]
    assert entry.payload["after"]["period_end"] == "2023-06-30"
    assert "number" not in entry.payload["after"]


def test_a_measure_edit_refuses_a_period_ending_before_it_starts(measure):
    with refused("The period ends (31 มกราคม 2566) before it starts (1 มีนาคม 2566).", field="period_end"):
        _update_measure(measure, period_start=D(2023, 3, 1), period_end=D(2023, 1, 31))
    fresh = Measure.objects.get(pk=measure.pk)
    assert (fresh.period_start, fresh.version) == (D(2023, 1, 1), 0)


def test_a_measure_edit_refuses_a_division_of_another_agency_and_no_division(people, measure):
    from agencies.services import division_create

    foreign = division_create(actor=None, agency=people.other_agency, name_th="กองคลัง")
    with refused("That division belongs to another agency.", field="divisions"):
        _update_measure(measure, divisions=[people.division, foreign])
    with refused("Name at least one responsible division.", field="divisions"):
        _update_measure(measure, divisions=[])
    assert list(Measure.objects.get(pk=measure.pk).divisions.all()) == [people.division]


def test_a_measure_edit_refuses_an_unknown_status_and_an_empty_title(measure):
    with refused("Unknown status.", field="status"):
        _update_measure(measure, status="lost")
    with pytest.raises(DomainError) as exc:
        _update_measure(measure, title_th="   ")
    assert exc.value.field == "title_th"


def test_a_measure_cannot_shrink_away_from_its_follow_ups(measure):
    services.follow_up_add(actor=None, measure=measure, date=D(2023, 3, 20), text_th="ประชุม")
    with refused("would lie outside the new period", field="period_end"):
        _update_measure(measure, period_end=D(2023, 2, 28))
    assert Measure.objects.get(pk=measure.pk).period_end == D(2023, 3, 31)


def test_a_measure_cannot_shrink_away_from_a_method_with_its_own_period(measure):
    services.measure_method_add(actor=None, measure=measure, text_th="อบรม", period_start=D(2023, 3, 1),
                                period_end=D(2023, 3, 31))
    with refused("has its own period", field="period_end"):
        _update_measure(measure, period_end=D(2023, 2, 28))


def test_a_measure_edit_from_a_stale_form_is_a_conflict_and_status_changes_bump_the_version(measure):
    services.measure_set_status(actor=None, measure=measure, status="in_progress")
    assert Measure.objects.get(pk=measure.pk).version == 1
    with refused("Someone else changed this record", code="conflict"):
        _update_measure(measure, base_version=0, title_th="ทับของคนอื่น")
    assert Measure.objects.get(pk=measure.pk).title_th == "การยกระดับผลการประเมิน ITA"


def test_a_first_follow_up_moving_the_measure_in_progress_bumps_its_version(measure):
    services.follow_up_add(actor=None, measure=measure, date=D(2023, 1, 10), text_th="เริ่ม")
    assert Measure.objects.get(pk=measure.pk).version == 1


# --- methods ------------------------------------------------------------------------------------


def test_a_method_edit_saves_text_own_period_and_divisions(people, measure):
    method = measure.methods.first()
    saved = services.method_update(actor=people.admin, method=method, base_version=0, text_th="แต่งตั้งคณะทำงานใหม่",
                                   period_start=D(2023, 1, 1), period_end=D(2023, 1, 31),
                                   divisions=[people.division])
    fresh = MeasureMethod.objects.get(pk=method.pk)
    assert (fresh.text_th, fresh.period_text, fresh.version) == ("แต่งตั้งคณะทำงานใหม่", "ม.ค. ๖๖ – ม.ค. ๖๖", 1)
    assert list(fresh.divisions.all()) == [people.division]
    assert saved.version == 1
    entry = AuditEntry.objects.get(action="plans.measure.method_updated")
    assert entry.payload["before"]["period_start"] is None and entry.payload["after"]["period_start"] == "2023-01-01"


def test_a_method_edit_keeps_the_create_checks(people, measure):
    from agencies.services import division_create

    method = measure.methods.first()
    with refused("within its measure", field="period_start"):
        services.method_update(actor=None, method=method, base_version=0, text_th="x",
                               period_start=D(2023, 1, 1), period_end=D(2023, 5, 1))
    with refused("ends (1 มกราคม 2566) before it starts", field="period_end"):
        services.method_update(actor=None, method=method, base_version=0, text_th="x",
                               period_start=D(2023, 2, 1), period_end=D(2023, 1, 1))
    with refused("or neither", field="period_end"):
        services.method_update(actor=None, method=method, base_version=0, text_th="x", period_start=D(2023, 2, 1))
    foreign = division_create(actor=None, agency=people.other_agency, name_th="กองคลัง")
    with refused("another agency", field="divisions"):
        services.method_update(actor=None, method=method, base_version=0, text_th="x", divisions=[foreign])
    services.follow_up_add(actor=None, method=method, date=D(2023, 3, 5), text_th="ทำแล้ว")
    with refused("would lie outside the new period", field="period_end"):
        services.method_update(actor=None, method=method, base_version=0, text_th="x",
                               period_start=D(2023, 1, 1), period_end=D(2023, 1, 31))
    assert MeasureMethod.objects.get(pk=method.pk).text_th == "แต่งตั้งคณะทำงาน"


def test_a_method_edit_from_a_stale_form_is_a_conflict(measure):
    method = measure.methods.first()
    services.method_update(actor=None, method=method, base_version=0, text_th="ก")
    with refused("Someone else changed this record", code="conflict"):
        services.method_update(actor=None, method=method, base_version=0, text_th="ข")
    assert MeasureMethod.objects.get(pk=method.pk).text_th == "ก"


# --- follow-ups ---------------------------------------------------------------------------------


def test_a_follow_up_edit_saves_date_precision_text_and_link(people, measure):
    entry = services.follow_up_add(actor=None, measure=measure, date=D(2023, 1, 16), text_th="จัดทำคำสั่ง")
    saved = _update_follow_up(entry, date=D(2023, 2, 14), precision="month", text_th="ประชุมเดือนกุมภาพันธ์",
                              url=" https://muangkao.go.th/news/2 ")
    fresh = FollowUp.objects.get(pk=entry.pk)
    assert (fresh.date, fresh.precision, fresh.text_th, fresh.url, fresh.version) == (
        D(2023, 2, 1), "month", "ประชุมเดือนกุมภาพันธ์", "https://muangkao.go.th/news/2", 1)
    assert saved.version == 1
    audit = AuditEntry.objects.get(action="plans.follow_up.updated")
    assert audit.payload["before"] == {"date": "2023-01-16", "precision": "day", "text_th": "จัดทำคำสั่ง", "url": ""}
    assert audit.payload["after"]["url"] == "https://muangkao.go.th/news/2"


@pytest.mark.parametrize("day", [D(2022, 12, 31), D(2023, 4, 1)])
def test_a_follow_up_edit_refuses_a_date_outside_the_measure_period(measure, day):
    entry = services.follow_up_add(actor=None, measure=measure, date=D(2023, 1, 16), text_th="จัดทำคำสั่ง")
    with refused("outside the period 1 มกราคม 2566 – 31 มีนาคม 2566", field="date"):
        _update_follow_up(entry, date=day)
    assert FollowUp.objects.get(pk=entry.pk).date == D(2023, 1, 16)


def test_a_follow_up_of_a_method_is_checked_against_the_method_period(measure):
    method = services.measure_method_add(actor=None, measure=measure, text_th="ประชุม", period_start=D(2023, 1, 1),
                                         period_end=D(2023, 1, 31))
    entry = services.follow_up_add(actor=None, method=method, date=D(2023, 1, 20), text_th="ประชุมครั้งที่ ๑")
    with refused("outside the period", field="date"):
        _update_follow_up(entry, date=D(2023, 2, 10))


@pytest.mark.parametrize("url", ["ftp://muangkao.go.th/file.pdf", "javascript:alert(1)", "muangkao.go.th/x"])
def test_a_follow_up_link_must_be_http_or_https(measure, url):
    entry = services.follow_up_add(actor=None, measure=measure, date=D(2023, 1, 16), text_th="x",
                                   url="https://muangkao.go.th/1")
    with refused("must start with http:// or https://", field="url"):
        _update_follow_up(entry, url=url)
    with refused("must start with http:// or https://", field="url"):
        services.follow_up_add(actor=None, measure=measure, date=D(2023, 1, 16), text_th="x", url=url)
    assert FollowUp.objects.get(pk=entry.pk).url == "https://muangkao.go.th/1"


def test_a_follow_up_link_into_a_private_network_is_refused(measure):
    entry = services.follow_up_add(actor=None, measure=measure, date=D(2023, 1, 16), text_th="x")
    with pytest.raises(DomainError) as exc:
        _update_follow_up(entry, url="http://192.168.1.10/report")
    assert exc.value.field == "url"


def test_a_follow_up_edit_needs_text_and_a_fresh_version(measure):
    entry = services.follow_up_add(actor=None, measure=measure, date=D(2023, 1, 16), text_th="x")
    with refused("Say what was done.", field="text_th"):
        _update_follow_up(entry, text_th="  ")
    _update_follow_up(entry, text_th="ครั้งแรก")
    with refused("Someone else changed this record", code="conflict"):
        _update_follow_up(entry, base_version=0, text_th="ทับ")
    assert FollowUp.objects.get(pk=entry.pk).text_th == "ครั้งแรก"


# --- published evidence stays as it was ---------------------------------------------------------


def test_editing_a_published_follow_up_keeps_the_revision_and_publishing_again_makes_revision_2(
    people, framework, settings
):
    from assessments.publishing import candidate_key, candidates_for, record_publish

    from .oit_helpers import open_assessment, set_phase

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    assessment = open_assessment(people, framework)
    set_phase(assessment, "oit-collection")
    measure = make_measure(make_plan(people.agency))
    entry = services.follow_up_add(actor=None, measure=measure, date=dt.date(2023, 1, 17),
                                   text_th="จัดทำคู่มือการใช้ทรัพย์สิน", url="https://muangkao.go.th/manual")
    key = next(candidate_key(c) for c in candidates_for(assessment) if c.record == entry)
    first = record_publish(actor=people.admin, assessment=assessment, key=key, item_code="o43")
    published = first.entries.get()
    before = (published.title, published.url, published.effective_date)

    _update_follow_up(entry, date=D(2023, 2, 3), text_th="เผยแพร่คู่มือฉบับปรับปรุง",
                      url="https://muangkao.go.th/manual-v2")

    first.refresh_from_db()
    published.refresh_from_db()
    assert (published.title, published.url, published.effective_date) == before
    assert before == ("จัดทำคู่มือการใช้ทรัพย์สิน", "https://muangkao.go.th/manual", dt.date(2023, 1, 17))
    assert first.entries.count() == 1

    second = record_publish(actor=people.admin, assessment=assessment, key=key, item_code="o43")
    assert (first.number, second.number) == (1, 2)
    newest = second.entries.get(url="https://muangkao.go.th/manual-v2")
    assert newest.title == "เผยแพร่คู่มือฉบับปรับปรุง" and newest.effective_date == dt.date(2023, 2, 3)
    assert first.entries.get().url == "https://muangkao.go.th/manual"
