"""Forms of the reporting channel: what the reporter types, what staff set."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency

from .guideline import guideline


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


class PassphraseForm(forms.Form):
    passphrase = forms.CharField(label=_("Your passphrase"), widget=forms.PasswordInput, max_length=200)


class SetPassphraseForm(forms.Form):
    old_passphrase = forms.CharField(label=_("Current passphrase"), widget=forms.PasswordInput, required=False, max_length=200)
    passphrase = forms.CharField(label=_("New passphrase"), widget=forms.PasswordInput, max_length=200)
    passphrase_again = forms.CharField(label=_("New passphrase again"), widget=forms.PasswordInput, max_length=200)

    def clean(self):
        data = super().clean()
        if data.get("passphrase") != data.get("passphrase_again"):
            self.add_error("passphrase_again", _("The two passphrases differ."))
        return data


class MoveForm(forms.Form):
    to_state = forms.ChoiceField(label=_("Next step"))
    outcome = forms.ChoiceField(label=_("Outcome"), required=False)
    referred_to = forms.ChoiceField(label=_("Referred to"), required=False)
    reference = forms.CharField(label=_("Their reference"), required=False, max_length=120)
    base_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, state: str, **kwargs):
        super().__init__(*args, **kwargs)
        rules = guideline()
        self.fields["to_state"].choices = [(code, rules.states[code].label) for code in rules.state(state).next]
        self.fields["outcome"].choices = [("", "—")] + [(c.code, c.label) for c in rules.outcomes.values()]
        self.fields["referred_to"].choices = [("", "—")] + [(c.code, c.label) for c in rules.referral_bodies.values()]


class ChannelForm(forms.Form):
    open = forms.BooleanField(label=_("Take reports from the public through Prongsai"), required=False)
    escalation_agency = forms.ModelChoiceField(
        label=_("Body above (receives reports that concern every recipient)"), queryset=Agency.objects.none(), required=False,
    )
    chief_executive_label = forms.CharField(label=_("Title of the chief executive"), max_length=120)
    retention_days = forms.IntegerField(label=_("Keep closed reports for (days)"), required=False, min_value=365, max_value=36500)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["escalation_agency"].queryset = Agency.objects.exclude(pk=agency.pk).order_by("name_th")


class RecipientForm(forms.Form):
    user = forms.ChoiceField(label=_("Person"))
    position = forms.CharField(label=_("Position shown to reporters"), max_length=200)
    is_chief_executive = forms.BooleanField(label=_("This person is the chief executive"), required=False)

    def __init__(self, *args, user_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = list(user_choices)


class RecordedReportForm(ReportForm):
    """A report a recipient takes down from a call, a letter or a visit."""

    received_by = forms.ChoiceField(label=_("Received by"))
    field_order = ["received_by"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_by"].choices = [(c.code, c.label) for c in guideline().channels.values() if c.code != "web"]
        self.order_fields(["received_by"])
