"""Forms of the plans pages. They only parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency

from plans.models import AnalysisPoint, EthicsRecord, FollowUp, Measure, Meeting, PlanReport, ProjectProgress

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TEXT = forms.Textarea(attrs={"rows": 3})


def date_field(label, required=True):
    return forms.DateField(label=label, widget=DATE, required=required)


class AgencyForm(forms.Form):
    """A form whose choices come from one agency only."""

    def __init__(self, *args, agency: Agency, **kwargs):
        self.agency = agency
        super().__init__(*args, **kwargs)


class MeasurePlanForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("Fiscal year (BE)"), min_value=2500, max_value=2700)
    title_th = forms.CharField(label=_("Title"), max_length=400)
    intro_th = forms.CharField(label=_("Introduction"), widget=TEXT, required=False)
    adopted_on = date_field(_("Adopted on"))


class AnalysisPointForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AnalysisPoint.Kind.choices)
    source_code = forms.CharField(label=_("Indicator or item"), max_length=20, help_text=_("e.g. o12, IIT or 9"))
    score = forms.DecimalField(label=_("Last year's score"), required=False, max_digits=5, decimal_places=2)
    text_th = forms.CharField(label=_("Finding"), widget=TEXT)


class MeasureForm(AgencyForm):
    title_th = forms.CharField(label=_("Measure"), max_length=400)
    period_start = date_field(_("Starts"))
    period_end = date_field(_("Ends"))
    divisions = forms.ModelMultipleChoiceField(label=_("Responsible divisions"), queryset=None,
                                               widget=forms.CheckboxSelectMultiple)
    methods = forms.CharField(label=_("Methods, one per line"), widget=TEXT, required=False)
    monitoring_th = forms.CharField(label=_("How it is monitored"), widget=TEXT, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["divisions"].queryset = self.agency.divisions.all()


class MethodForm(AgencyForm):
    text_th = forms.CharField(label=_("Method"), widget=TEXT)
    period_start = date_field(_("Starts (if not the measure's)"), required=False)
    period_end = date_field(_("Ends (if not the measure's)"), required=False)
    divisions = forms.ModelMultipleChoiceField(label=_("Responsible divisions (if not the measure's)"), queryset=None,
                                               widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["divisions"].queryset = self.agency.divisions.all()


class FollowUpForm(AgencyForm):
    method = forms.TypedChoiceField(label=_("For"), coerce=int, required=False, empty_value=None)
    date = date_field(_("Date"))
    precision = forms.ChoiceField(label=_("Date known to the"), choices=FollowUp.Precision.choices,
                                  initial=FollowUp.Precision.DAY)
    heading_th = forms.CharField(label=_("Heading (optional)"), max_length=300, required=False)
    text_th = forms.CharField(label=_("What was done"), widget=TEXT, required=False)
    url = forms.URLField(label=_("Link to the evidence"), required=False, max_length=1000, assume_scheme="https")
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=None, required=False)

    def __init__(self, *args, measure=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("the whole measure"))]
        if measure is not None:
            choices += [(m.pk, f"{_('method')} {m.number}. {m.text_th[:60]}") for m in measure.methods.all()]
        self.fields["method"].choices = choices
        self.fields["meeting"].queryset = Meeting.objects.filter(agency=self.agency)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Measure.Status.choices)


class Versioned(forms.Form):
    """An edit form: the version of the record it was built from travels in a hidden field."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class MeasurePlanEditForm(Versioned, MeasurePlanForm):
    pass


class MeasureEditForm(Versioned, AgencyForm):
    title_th = forms.CharField(label=_("Measure"), max_length=400)
    period_start = date_field(_("Starts"))
    period_end = date_field(_("Ends"))
    divisions = forms.ModelMultipleChoiceField(label=_("Responsible divisions"), queryset=None,
                                               widget=forms.CheckboxSelectMultiple)
    monitoring_th = forms.CharField(label=_("How it is monitored"), widget=TEXT, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Measure.Status.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["divisions"].queryset = self.agency.divisions.all()


class MethodEditForm(Versioned, MethodForm):
    pass


class FollowUpEditForm(Versioned):
    date = date_field(_("Date"))
    precision = forms.ChoiceField(label=_("Date known to the"), choices=FollowUp.Precision.choices)
    heading_th = forms.CharField(label=_("Heading (optional)"), max_length=300, required=False)
    text_th = forms.CharField(label=_("What was done"), widget=TEXT, required=False)
    url = forms.CharField(label=_("Link to the evidence"), required=False, max_length=1000,
                          widget=forms.URLInput)


class ResultsImportForm(forms.Form):
    # An empty file reaches the service, which refuses it in Thai and English.
    file = forms.FileField(label=_("Last year's results (CSV or XLSX)"), allow_empty_file=True,
                           help_text=_("One row per score: code,score. The code is an indicator number (1-10) "
                                       "or an OIT item code (o1-o43); the score lies between 0 and 100."))


class MeetingForm(AgencyForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    title_th = forms.CharField(label=_("Subject"), max_length=500)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME, required=False)
    organiser_th = forms.CharField(label=_("Organiser"), max_length=300, required=False)
    letter_number = forms.CharField(label=_("Letter number"), max_length=100, required=False)
    letter_date = date_field(_("Letter date"), required=False)
    received_number = forms.CharField(label=_("Received number (เลขรับ)"), max_length=50, required=False)
    location_th = forms.CharField(label=_("Place"), max_length=300, required=False)
    platform = forms.CharField(label=_("Online platform"), max_length=100, required=False)
    online_url = forms.URLField(label=_("Online room link"), required=False, assume_scheme="https")
    meeting_number = forms.CharField(label=_("Meeting number"), max_length=50, required=False)
    passcode = forms.CharField(label=_("Passcode"), max_length=50, required=False)
    must_attend_th = forms.CharField(label=_("Who must attend"), widget=TEXT, required=False)
    attendees = forms.ModelMultipleChoiceField(label=_("Attendees"), queryset=None, required=False,
                                               widget=forms.CheckboxSelectMultiple)
    minutes_th = forms.CharField(label=_("Minutes"), widget=TEXT, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = self.agency.people.filter(is_active=True)


class MinutesForm(AgencyForm):
    attendees = forms.ModelMultipleChoiceField(label=_("Attendees"), queryset=None, required=False,
                                               widget=forms.CheckboxSelectMultiple)
    minutes_th = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = self.agency.people.filter(is_active=True)


class RiskRegisterForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("Fiscal year (BE)"), min_value=2500, max_value=2700)
    title_th = forms.CharField(label=_("Title"), max_length=400)
    assessed_on = date_field(_("Assessed on"))


class RiskForm(AgencyForm):
    process_th = forms.CharField(label=_("Process or task"), max_length=300)
    division = forms.ModelChoiceField(label=_("Division"), queryset=None, required=False)
    event_th = forms.CharField(label=_("Risk event"), widget=TEXT)
    cause_th = forms.CharField(label=_("Cause"), widget=TEXT, required=False)
    controls_th = forms.CharField(label=_("Existing controls"), widget=TEXT, required=False)
    likelihood = forms.IntegerField(label=_("Likelihood"))
    impact = forms.IntegerField(label=_("Impact"))
    residual_likelihood = forms.IntegerField(label=_("Residual likelihood"), required=False)
    residual_impact = forms.IntegerField(label=_("Residual impact"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = self.agency.divisions.all()


class TreatmentForm(AgencyForm):
    text_th = forms.CharField(label=_("Treatment measure"), widget=TEXT)
    period_start = date_field(_("Starts"))
    period_end = date_field(_("Ends"))
    division = forms.ModelChoiceField(label=_("Division"), queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = self.agency.divisions.all()


class TreatmentFollowUpForm(forms.Form):
    date = date_field(_("Date"))
    text_th = forms.CharField(label=_("What was done"), widget=TEXT)
    url = forms.URLField(label=_("Link to the evidence"), required=False, assume_scheme="https")


class ActionPlanForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("Fiscal year (BE)"), min_value=2500, max_value=2700)
    title_th = forms.CharField(label=_("Title"), max_length=400)
    approved_on = date_field(_("Approved on"))
    period_start = date_field(_("Starts"))
    period_end = date_field(_("Ends"))


class ProjectForm(AgencyForm):
    name_th = forms.CharField(label=_("Project or activity"), max_length=400)
    objective_th = forms.CharField(label=_("Objective"), widget=TEXT, required=False)
    budget = forms.CharField(label=_("Budget (baht)"), required=False, max_length=40,
                             help_text=_("Digits, Thai or Arabic; commas allowed."))
    no_budget = forms.BooleanField(label=_("Uses no budget"), required=False)
    period_start = date_field(_("Starts"))
    period_end = date_field(_("Ends"))
    division = forms.ModelChoiceField(label=_("Division"), queryset=None, required=False)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = self.agency.divisions.all()
        self.fields["owner"].queryset = self.agency.people.filter(is_active=True)


class PlanReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanReport.Kind.choices)
    covers_start = date_field(_("Covers from"))
    covers_end = date_field(_("Covers to"))
    reported_on = date_field(_("Reported on"))
    summary_th = forms.CharField(label=_("Summary of results"), widget=TEXT, required=False)
    problems_th = forms.CharField(label=_("Problems and obstacles"), widget=TEXT, required=False)
    suggestions_th = forms.CharField(label=_("Suggestions"), widget=TEXT, required=False)

    def __init__(self, *args, projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.projects = list(projects)
        for project in self.projects:
            self.fields[f"status_{project.pk}"] = forms.ChoiceField(
                label=f"{project.number}. {project.name_th}", choices=ProjectProgress.Status.choices,
                initial=ProjectProgress.Status.IN_PROGRESS)
            self.fields[f"done_{project.pk}"] = forms.CharField(label=_("What was done"), required=False, widget=TEXT)
            self.fields[f"spent_{project.pk}"] = forms.CharField(label=_("Money spent (baht)"), required=False,
                                                                 max_length=40)

    def lines(self):
        data = self.cleaned_data
        return {
            p: {"status": data[f"status_{p.pk}"], "done_th": data[f"done_{p.pk}"], "spent": data[f"spent_{p.pk}"]}
            for p in self.projects
        }

    def project_rows(self):
        return [(p, self[f"status_{p.pk}"], self[f"done_{p.pk}"], self[f"spent_{p.pk}"]) for p in self.projects]


class ChiefExecutiveForm(AgencyForm):
    person = forms.ModelChoiceField(label=_("Person"), queryset=None)
    position_th = forms.CharField(label=_("Position as signed"), max_length=300)
    start = date_field(_("In office from"))
    end = date_field(_("In office until"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = self.agency.people.all()


class DeclarationForm(AgencyForm):
    fiscal_year = forms.IntegerField(label=_("Fiscal year (BE)"), min_value=2500, max_value=2700)
    title_th = forms.CharField(label=_("Title"), max_length=400)
    body_th = forms.CharField(label=_("Text of the declaration"), widget=forms.Textarea(attrs={"rows": 6}))
    signed_on = date_field(_("Signed on"))
    signed_by = forms.ModelChoiceField(label=_("Signed by"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_by"].queryset = self.agency.people.all()


class NoGiftActivityForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("Fiscal year (BE)"), min_value=2500, max_value=2700)
    date = date_field(_("Date"))
    title_th = forms.CharField(label=_("Activity"), max_length=400)
    description_th = forms.CharField(label=_("Description"), widget=TEXT, required=False)
    participants = forms.IntegerField(label=_("Participants"), required=False)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")


class NoGiftReportForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("Fiscal year (BE)"), min_value=2500, max_value=2700)
    covers_start = date_field(_("Covers from"))
    covers_end = date_field(_("Covers to"))
    reported_on = date_field(_("Reported on"))
    gifts_reported = forms.IntegerField(label=_("Gifts reported"), initial=0)
    summary_th = forms.CharField(label=_("Assessment"), widget=TEXT)
    problems_th = forms.CharField(label=_("Problems and obstacles"), widget=TEXT, required=False)
    suggestions_th = forms.CharField(label=_("Suggestions"), widget=TEXT, required=False)


class EthicsForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("Fiscal year (BE)"), min_value=2500, max_value=2700)
    kind = forms.ChoiceField(label=_("Kind"), choices=EthicsRecord.Kind.choices)
    title_th = forms.CharField(label=_("Title"), max_length=400)
    date = date_field(_("Date"))
    description_th = forms.CharField(label=_("Description"), widget=TEXT, required=False)
    url = forms.URLField(label=_("Link to the document"), required=False, assume_scheme="https")
