"""The agency's audit trail: sentences, filters, pages and a CSV export."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms

from lib.forms import ThaiDateField
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from agencies.permissions import Perm, agency_view
from audit.selectors import audit_csv, audit_entries, audit_people, when_text
from audit.sentences import sentences

from .common import agency_context

PAGE_SIZE = 50


class AuditFilterForm(forms.Form):
    item = forms.CharField(label=_("Item code"), max_length=20, required=False)
    person = forms.TypedChoiceField(label=_("Person"), coerce=int, required=False, empty_value=None)
    start = ThaiDateField(label=_("From"), required=False)
    end = ThaiDateField(label=_("To"), required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("Everyone"))] + list(people)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end of the range is before its start."))
        return data


def _filtered(request, agency):
    form = AuditFilterForm(request.GET or None, people=audit_people(agency))
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {"item": data["item"], "actor_id": data["person"], "start": data["start"], "end": data["end"]}
    query = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
    return form, audit_entries(agency, **filters), query


@agency_view(Perm.AUDIT_READ)
def audit_log(request, agency):
    form, entries, query = _filtered(request, agency)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = sentences(page.object_list)
    for entry, _who, _text in rows:
        entry.when = when_text(entry.created_at)
    return render(request, "backoffice/audit.html", agency_context(
        request, agency, tab="audit", form=form, page=page, rows=rows, query=query,
    ), status=200 if not form.errors else 400)


@agency_view(Perm.AUDIT_READ)
def audit_export(request, agency):
    _form, entries, _query = _filtered(request, agency)
    response = HttpResponse(audit_csv(entries.iterator(chunk_size=2000)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{agency.code}-audit.csv"'
    return response
