"""Forms of the public section's back-office pages: profile, participation, e-services, counts."""

from django import forms

from lib.forms import ThaiDateField
from django.utils.translation import gettext_lazy

from agencies.models import Person
from transparency.models import ParticipationRecord


class ProfileForm(forms.Form):
    is_public = forms.BooleanField(label=gettext_lazy("Show the public section"), required=False)
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=100, required=False)
    email = forms.EmailField(label=gettext_lazy("Email"), required=False)
    website = forms.URLField(label=gettext_lazy("Website"), required=False, assume_scheme="https")
    office_hours_th = forms.CharField(label=gettext_lazy("Office hours"), max_length=200, required=False)
    executives = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Executives shown to the public"), queryset=Person.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["executives"].queryset = Person.objects.filter(agency=agency, is_active=True).order_by("first_name")


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = ParticipationRecord
        fields = ["kind", "title_th", "starts_on", "ends_on", "participants_th", "participant_count", "outcome_th", "changes_th"]
        field_classes = {"starts_on": ThaiDateField, "ends_on": ThaiDateField}
        widgets = {
            "participants_th": forms.Textarea(attrs={"rows": 2}),
            "outcome_th": forms.Textarea(attrs={"rows": 2}),
            "changes_th": forms.Textarea(attrs={"rows": 2}),
        }


class EServiceForm(forms.Form):
    name_th = forms.CharField(label=gettext_lazy("Service"), max_length=300)
    url = forms.URLField(label=gettext_lazy("Address"), max_length=2000, assume_scheme="https")
    description_th = forms.CharField(label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ServiceCountForm(forms.Form):
    service_th = forms.CharField(label=gettext_lazy("Service"), max_length=300)
    month = ThaiDateField(label=gettext_lazy("Month (any day in it)"))
    count = forms.IntegerField(label=gettext_lazy("Number of times served"), min_value=0)


FORMS = {"participation": ParticipationForm, "eservice": EServiceForm, "count": ServiceCountForm}
