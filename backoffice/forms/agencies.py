from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Person, Role


class AgencyForm(forms.Form):
    code = forms.CharField(label=_("Public code"), max_length=40, help_text=_("Short, lower-case, used in links, e.g. muangkao"))
    name_th = forms.CharField(label=_("Name (Thai)"), max_length=300)
    name_en = forms.CharField(label=_("Name (English)"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=Agency.Kind.choices)
    province = forms.CharField(label=_("Province"), max_length=100)
    district = forms.CharField(label=_("District"), max_length=100, required=False)
    domain = forms.CharField(label=_("Main website domain"), max_length=253, required=False)


class DivisionForm(forms.Form):
    name_th = forms.CharField(label=_("Division name (Thai)"), max_length=200)
    name_en = forms.CharField(label=_("Division name (English)"), max_length=200, required=False)


class PersonForm(forms.Form):
    title = forms.CharField(label=_("Name prefix"), max_length=30, required=False)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    position_th = forms.CharField(label=_("Position"), max_length=300)
    position_en = forms.CharField(label=_("Position (English)"), max_length=300, required=False)
    division = forms.ModelChoiceField(label=_("Division"), queryset=None, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    is_active = forms.BooleanField(label=_("Still working here"), required=False, initial=True)

    def __init__(self, *args, agency: Agency, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this agency's divisions can be chosen.
        self.fields["division"].queryset = agency.divisions.all()
        if not editing:
            del self.fields["is_active"]


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    role = forms.ChoiceField(label=_("Role"), choices=[c for c in Role.choices if c[0] != Role.ASSESSOR])
    person = forms.ModelChoiceField(label=_("Person"), queryset=None, required=False)

    def __init__(self, *args, agency: Agency, allow_assessor: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(agency=agency, is_active=True)
        if allow_assessor:
            self.fields["role"].choices = Role.choices
