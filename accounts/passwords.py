"""Change a password, or set a new one through a single-use link sent by email.

Django's own views do the work: the reset link carries a token made from the account's
current password hash and last login, so it stops working once used, and it expires after
settings.PASSWORD_RESET_TIMEOUT. The request page answers the same whether or not the
address has an account, so nobody learns which addresses exist.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from .services import password_set


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("backoffice:home")

    def form_valid(self, form):
        password_set(user=self.request.user, form=form, how="changed")
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, _("Your password has been changed."))
        return redirect(self.get_success_url())


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_sent")

    def form_valid(self, form):
        # Links point at the configured site, not at whatever Host header the request carried.
        self.extra_email_context = {"site_url": settings.SITE_URL.rstrip("/"),
                                    "hours": settings.PASSWORD_RESET_TIMEOUT // 3600}
        return super().form_valid(form)


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:login")

    def form_valid(self, form):
        password_set(user=form.user, form=form, how="reset")
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        messages.success(self.request, _("Your new password is set. Log in with it."))
        return redirect(self.success_url)
