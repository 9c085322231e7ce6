from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.services import invitation_accept, invitation_lookup
from lib.errors import DomainError

from .forms import EmailAuthenticationForm, NewAccountForm


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("You have logged out."))
    return redirect("portal:home")


def invitation_view(request, token: str):
    try:
        invitation = invitation_lookup(token)
    except DomainError as error:
        return render(request, "accounts/invitation_invalid.html", {"error": error}, status=410 if error.code != "invalid" else 404)
    form = NewAccountForm(request.POST or None) if not request.user.is_authenticated else None
    if request.method == "POST":
        try:
            if request.user.is_authenticated:
                membership = invitation_accept(token=token, user=request.user)
            elif form.is_valid():
                membership = invitation_accept(
                    token=token, full_name=form.cleaned_data["full_name"], password=form.cleaned_data["password"]
                )
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            else:
                membership = None
        except DomainError as error:
            if error.field and form is not None and error.field in form.fields:
                form.add_error(error.field, error.message)
            else:
                messages.error(request, error.shown())
            membership = None
        if membership is not None:
            messages.success(
                request,
                _("Welcome. You now work in %(agency)s as %(role)s.")
                % {"agency": membership.agency.name, "role": membership.get_role_display()},
            )
            return redirect("backoffice:agency", code=membership.agency.code)
    return render(request, "accounts/invitation.html", {"invitation": invitation, "form": form})


@login_required
def api_tokens(request):
    from .models import ApiToken
    from .services import api_token_create, api_token_revoke

    issued = None
    if request.method == "POST":
        try:
            if "revoke" in request.POST:
                token = get_object_or_404(ApiToken, pk=request.POST["revoke"], user=request.user)
                api_token_revoke(user=request.user, token=token)
                messages.success(request, _("Token revoked."))
                return redirect("accounts:tokens")
            issued = api_token_create(user=request.user, name=request.POST.get("name", ""))
        except DomainError as error:
            messages.error(request, error.shown())
    tokens = request.user.api_tokens.all()
    return render(request, "accounts/tokens.html", {"tokens": tokens, "issued": issued})


def _safe_next(request, default: str = "backoffice:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(default)


@login_required
def verify_view(request):
    """The second step of logging in: a code from the authenticator app or a recovery code."""
    from .two_factor import has_second_factor, second_factor_check

    if request.user.is_verified() or not has_second_factor(request.user):
        return redirect(_safe_next(request))
    error = None
    if request.method == "POST":
        try:
            device = second_factor_check(actor=request.user, token=request.POST.get("token", ""))
        except DomainError as refused:
            error = refused
        else:
            otp_login(request, device)
            return redirect(_safe_next(request))
    return render(request, "accounts/verify.html", {"error": error, "next": _safe_next(request)},
                  status=error.status if error else 200)


@login_required
def two_factor_view(request):
    """Add an authenticator app (QR code), see and renew recovery codes, or remove the factor."""
    from surveys.qr import qr_svg_inline

    from . import two_factor as tf

    user = request.user
    error, codes, device = None, None, None
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "confirm":
                device, codes = tf.totp_enrol_confirm(actor=user, token=request.POST.get("token", ""))
                otp_login(request, device)
                messages.success(request, _("Your authenticator app is set up."))
            elif action == "recovery":
                codes = tf.recovery_codes_issue(actor=user)
            elif action == "remove":
                tf.second_factor_remove(actor=user)
                messages.success(request, _("The second factor is removed."))
                return redirect("accounts:two_factor")
        except DomainError as refused:
            error = refused
    enrolled = tf.has_second_factor(user)
    context = {
        "enrolled": enrolled,
        "required": tf.second_factor_required(user),
        "codes": codes,
        "codes_left": tf.recovery_codes_left(user) if enrolled else 0,
        "error": error,
        "next": _safe_next(request) if request.GET.get("next") or request.POST.get("next") else "",
    }
    if not enrolled:
        device = tf.totp_enrol_start(actor=user)
        context.update(qr=qr_svg_inline(device.config_url, scale=5, title=_("QR code for your authenticator app")),
                       secret=tf.totp_secret(device))
    return render(request, "accounts/two_factor.html", context, status=error.status if error else 200)
