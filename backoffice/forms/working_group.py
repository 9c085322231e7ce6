"""The appointment order of the working group, edited in the product: heading, seats, duties."""

from __future__ import annotations

import re

from django import forms

from lib.forms import ThaiDateField
from django.utils.translation import gettext_lazy as _

from agencies.models import WorkingGroupMember
from agencies.services import Seat
from lib import thai

EXTRA_SEATS = 3
DUTY_NUMBER = re.compile(r"^\s*([0-9๐-๙]+(?:\.[0-9๐-๙]+)*)[.)]?\s+(.*)$")


def default_subject(fiscal_year: int) -> str:
    return (
        "แต่งตั้งคณะทำงานการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
        f"(ITA) ประจำปีงบประมาณ พ.ศ. {thai.to_thai_digits(fiscal_year)}"
    )


def parse_duties(text: str) -> list[tuple[str, str]]:
    """One duty per line; a leading "3" or "3.1" is its number, else lines are numbered in turn."""
    duties: list[tuple[str, str]] = []
    counter = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        match = DUTY_NUMBER.match(line)
        if match:
            number = thai.to_arabic_digits(match.group(1))
            body = match.group(2).strip()
            if "." not in number:
                counter = int(number)
        else:
            counter += 1
            number, body = str(counter), line.strip()
        duties.append((number, body))
    return duties


def duties_text(group) -> str:
    return "\n".join(f"{duty.number} {duty.text_th}" for duty in group.duties.all())


class OrderForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("Fiscal year (BE)"), min_value=2500, max_value=2700)
    order_number = forms.CharField(label=_("Order number"), max_length=50, help_text=_("e.g. 17/2566"))
    order_date = ThaiDateField(label=_("Order date"))
    subject_th = forms.CharField(label=_("Subject"), widget=forms.Textarea(attrs={"rows": 2}))
    preamble_th = forms.CharField(label=_("Preamble"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    signed_by = forms.ModelChoiceField(label=_("Signed by"), queryset=None, required=False)
    duties = forms.CharField(
        label=_("Duties"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One duty per line. Start a line with its number (3 or 3.1) to number it yourself."),
    )
    term_th = forms.CharField(label=_("Term and closing"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_by"].queryset = agency.people.filter(is_active=True)

    def clean_duties(self):
        duties = parse_duties(self.cleaned_data["duties"])
        if not duties:
            raise forms.ValidationError(_("Write at least one duty."))
        return duties


class SeatForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=None, required=False)
    group_role = forms.ChoiceField(label=_("Role in the group"), choices=WorkingGroupMember.GroupRole.choices, required=False)
    position_text = forms.CharField(label=_("Position as written in the order"), max_length=300, required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = agency.people.filter(is_active=True)

    def clean(self):
        data = super().clean()
        if data.get("person") and not data.get("group_role"):
            self.add_error("group_role", _("Choose this person's role in the group."))
        return data


SeatFormSet = forms.formset_factory(SeatForm, extra=EXTRA_SEATS)


def seat_formset(data=None, *, agency, group=None):
    initial = [
        {"person": seat.person, "group_role": seat.group_role, "position_text": seat.position_text}
        for seat in group.members.all()
    ] if group is not None else []
    return SeatFormSet(data, initial=initial, prefix="seats", form_kwargs={"agency": agency})


def seats_from(formset) -> list[Seat]:
    return [
        Seat(person=form.cleaned_data["person"], group_role=form.cleaned_data["group_role"],
             position_text=form.cleaned_data.get("position_text", ""))
        for form in formset.forms
        if form.cleaned_data.get("person")
    ]
