"""Forms of the public reporting channel: what the reporter types (portal.views.complaints)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.guideline import guideline


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; the services check each by its content."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class ReportForm(forms.Form):
    category = forms.ChoiceField(label=_("What kind of wrongdoing is it?"))
    what = forms.CharField(label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10_000)
    when = forms.CharField(label=_("When did it happen?"), required=False, max_length=500,
                           help_text=_("A date or a period, as you remember it."))
    where = forms.CharField(label=_("Where did it happen?"), required=False, max_length=500)
    people = forms.CharField(label=_("People or positions involved"), required=False, max_length=2_000,
                             widget=forms.Textarea(attrs={"rows": 2}))
    amount = forms.CharField(label=_("Amounts of money or property involved"), required=False, max_length=500)
    concerns = forms.MultipleChoiceField(
        label=_("Does it concern any of these people? They will not receive it."), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contact = forms.CharField(
        label=_("Your contact details (optional)"), required=False, max_length=500,
        help_text=_("Leave empty to stay anonymous. You can always follow up with your receipt."),
    )
    files = MultipleFileField(label=_("Attachments (optional)"), required=False,
                              widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.txt"}),
                            help_text=_("PDF, photos, Word or text files, up to 5 files of 10 MB. Author details and photo locations are removed."))

    def __init__(self, *args, concern_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "—")] + [(c.code, c.label) for c in guideline().categories.values()]
        self.fields["concerns"].choices = list(concern_choices)


class TrackForm(forms.Form):
    receipt_code = forms.CharField(label=_("Receipt code"), max_length=40)
    receipt_secret = forms.CharField(label=_("Secret"), max_length=40, widget=forms.PasswordInput(render_value=True))


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000)
    files = MultipleFileField(label=_("Attachments (optional)"), required=False)
