"""The channel's guideline, page and statistics become OIT evidence in one step, into whichever
items each year's publishing map names (o27-o29 in 2566, O17-O19 in 2568, O16-O18 in 2569)."""

import pytest

from assessments.publishing import candidate_key, candidates_for, record_publish
from frameworks.services import DATA_DIR, framework_load


from .oit_helpers import open_assessment, set_phase

pytestmark = pytest.mark.django_db

KINDS = ("complaint-guideline", "complaint-channel", "complaint-statistics")


@pytest.mark.parametrize("code", ["ita-2566", "ita-2568", "ita-2569"])
def test_the_three_items_publish_in_one_step_each_year(people, channel, settings, monkeypatch, code):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.SITE_URL = "https://prongsai.example"
    monkeypatch.setattr("documents.pdf.render_pdf", lambda html: b"%PDF-1.4\n% guideline\n%%EOF\n")
    for path in sorted(DATA_DIR.glob("ita-256*.yaml")):
        framework_load(path=path)
    from frameworks.models import FrameworkVersion

    version = FrameworkVersion.objects.get(code=code)
    assessment = open_assessment(people, version)
    set_phase(assessment, "oit-collection")
    offered = {c.kind: c for c in candidates_for(assessment) if c.kind in KINDS}
    assert set(offered) == set(KINDS)
    for kind in KINDS:
        rule = next(r for r in version.publishing if r["record"] == kind)
        target = version.items.get(node_id=rule["item"])
        candidate = offered[kind]
        assert candidate.items == (target.code,)
        revision = record_publish(actor=people.admin, assessment=assessment, key=candidate_key(candidate),
                                  item_code=target.code)
        entry = revision.entries.get()
        if kind == "complaint-guideline":
            assert entry.file and entry.file.name.endswith(".pdf")
        else:
            assert entry.url.startswith("https://prongsai.example/p/muangkao/report/")
        assert {el.node_id for el in revision.ticked_elements.all()} == set(rule.get("ticks", []))


def test_a_closed_channel_offers_nothing_to_publish(people, channel, framework):
    from complaints import services

    services.channel_configure(actor=people.admin, agency=people.agency, open=False, escalation_agency=None,
                               chief_executive_label="นายก", retention_days=None)
    assessment = open_assessment(people, framework)
    assert not [c for c in candidates_for(assessment) if c.kind in KINDS]
