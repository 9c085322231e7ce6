from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import Verdict
from frameworks.models import FrameworkVersion


class ElementsField(forms.ModelMultipleChoiceField):
    """Checkboxes that read like the framework: numbered sub-entries under their lead-in."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        prefix = "\u2003" if obj.parent_id else ""
        return f"{prefix}{obj.label} {obj.text}".strip()


class OpenAssessmentForm(forms.Form):
    framework = forms.ModelChoiceField(label=_("Framework version"), queryset=FrameworkVersion.objects.all())
    approval_required = forms.BooleanField(
        label=_("The executive approves each item before it is sent"), required=False, initial=True
    )


class AssignForm(forms.Form):
    division = forms.ModelChoiceField(label=_("Division"), queryset=None, required=False)
    position_th = forms.CharField(label=_("Position"), max_length=300, required=False)
    officer = forms.ModelChoiceField(label=_("Officer"), queryset=None, required=False)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    base_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = agency.divisions.all()
        self.fields["officer"].queryset = agency.people.filter(is_active=True)


class BulkAssignForm(forms.Form):
    items = forms.ModelMultipleChoiceField(queryset=None, widget=forms.CheckboxSelectMultiple, label=_("Items"))
    division = forms.ModelChoiceField(label=_("Division"), queryset=None, required=False)
    officer = forms.ModelChoiceField(label=_("Officer"), queryset=None, required=False)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = assessment.items.all()
        self.fields["division"].queryset = assessment.agency.divisions.all()
        self.fields["officer"].queryset = assessment.agency.people.filter(is_active=True)

    def clean(self):
        data = super().clean()
        if not (data.get("division") or data.get("officer") or data.get("due_date")):
            raise forms.ValidationError(_("Choose a division, an officer or a due date to set."))
        return data


class EvidenceForm(forms.Form):
    """One new entry (URL or file) plus the ticks and note; existing entries are kept or dropped."""

    base_version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    ticked = ElementsField(label=_("Elements this evidence covers"), queryset=None, required=False)
    keep = forms.ModelMultipleChoiceField(
        label=_("Keep these entries"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    title = forms.CharField(label=_("Title of the new entry"), max_length=300, required=False)
    url = forms.CharField(label=_("URL on the agency's website"), max_length=2000, required=False)
    file = forms.FileField(label=_("or upload a file"), required=False)
    effective_date = forms.DateField(
        label=_("Effective date (the document's own date)"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    covers_to = forms.DateField(
        label=_("Covers the period up to (for reports)"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    none_statement = forms.BooleanField(label=_("This entry states that there were none"), required=False)

    def __init__(self, *args, elements, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ticked"].queryset = elements
        self.fields["keep"].queryset = entries

    def clean(self):
        data = super().clean()
        has_new = data.get("url") or data.get("file")
        if has_new and not data.get("title"):
            self.add_error("title", _("Give the new entry a title."))
        if (data.get("title") or data.get("effective_date")) and not has_new:
            self.add_error("url", _("Give a URL or upload a file."))
        return data


class TransitionForm(forms.Form):
    action = forms.CharField()
    base_version = forms.IntegerField()
    comment = forms.CharField(required=False, max_length=4000)


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Verdict"), choices=Verdict.choices, widget=forms.RadioSelect)
    missing = ElementsField(label=_("Missing elements"), queryset=None, required=False)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    base_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, elements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["missing"].queryset = elements


class ConfirmForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Final verdict"), choices=Verdict.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason (required when the verdict changes)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    base_version = forms.IntegerField(widget=forms.HiddenInput)


class ClarificationForm(forms.Form):
    text = forms.CharField(label=_("Clarification"), widget=forms.Textarea(attrs={"rows": 3}))
    entries = forms.ModelMultipleChoiceField(
        label=_("Evidence already sent that shows it"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = entries


class PhaseForm(forms.Form):
    start = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
