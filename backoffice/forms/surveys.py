from django import forms
from django.utils.translation import gettext_lazy as _

from frameworks.models import FrameworkVersion, SampleRule

from surveys.models import Campaign


def _group_choices():
    choices = [("", _("— not used —"))]
    seen = set()
    for rule in SampleRule.objects.filter(kind="table").select_related("version").order_by("-version__fiscal_year"):
        for row_id, name, minimum in rule.table_rows():
            if row_id not in seen:
                seen.add(row_id)
                choices.append((row_id, f"{name} ({minimum})"))
    return choices


class CampaignForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("Fiscal year (BE)"), min_value=2500, max_value=2700)
    framework = forms.ModelChoiceField(
        label=_("Framework"), queryset=FrameworkVersion.objects.filter(questionnaires__isnull=False).distinct()
    )
    iit_mode = forms.ChoiceField(
        label=_("How staff reach the IIT"), choices=Campaign.IitMode.choices, widget=forms.RadioSelect,
        help_text=_("Access codes: one slip per person, each code works once. Open link: anyone with the link can answer; "
                    "only the anti-spam checks stop repeated answers, so results are easier to game."),
    )
    eligible_staff = forms.IntegerField(
        label=_("Number of staff with one year of service or more"), min_value=0, max_value=100000,
        help_text=_("Only the number: no names. In code mode at most this many codes can be printed."),
    )
    service_users = forms.IntegerField(
        label=_("Estimated number of service users this year"), min_value=0, max_value=10_000_000, required=False,
    )
    agency_group = forms.ChoiceField(label=_("Or: agency group and size"), required=False)
    opens_on = forms.DateField(label=_("First day (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    closes_on = forms.DateField(label=_("Last day (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency_group"].choices = _group_choices()
        if editing:
            del self.fields["fiscal_year"]
            del self.fields["framework"]


class CounterCodesForm(forms.Form):
    count = forms.IntegerField(label=_("Number of counter codes"), min_value=1, max_value=5000)


class PrintCodesForm(forms.Form):
    count = forms.IntegerField(label=_("Number of codes to print now"), min_value=1, max_value=5000)


class ApproveCodesForm(forms.Form):
    extra = forms.IntegerField(label=_("Staff codes allowed beyond the eligible staff"), min_value=0, max_value=5000)
    reason = forms.CharField(label=_("Why"), max_length=500)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel (XLSX) file of official indicator scores"),
        help_text=_(
            "One line per indicator: indicator number, score (0-100); in a workbook, the first sheet with "
            "the number in column A and the score in column B. A header line is allowed."
        ),
    )
