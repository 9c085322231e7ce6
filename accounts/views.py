from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
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
