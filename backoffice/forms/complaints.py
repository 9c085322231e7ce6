"""Forms of the recipients' and the ITA admin's pages of the reporting channel."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from complaints.guideline import guideline
from portal.forms.complaints import ReportForm


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
