"""An agency: creating one (operators), its page, its divisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from agencies import services
from agencies.access import roles_in
from agencies.models import Role
from agencies.permissions import Perm, agency_view, has_perm
from backoffice.forms.agencies import AgencyForm, DivisionForm
from lib.errors import DomainError, PermissionRefused

from .common import agency_context, form_error, members_qs


@login_required
def agency_create(request):
    if not request.user.is_operator:
        raise PermissionRefused(gettext_lazy("Only operators of the installation create agencies."))
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agency = services.agency_create(
                actor=request.user,
                code=data["code"],
                name_th=data["name_th"],
                name_en=data["name_en"],
                kind=data["kind"],
                province=data["province"],
                district=data["district"],
                domains=[data["domain"]] if data["domain"] else [],
            )
        except DomainError as error:
            form_error(request, form, error)
        else:
            messages.success(request, _("Agency created."))
            return redirect("backoffice:agency", code=agency.code)
    return render(request, "backoffice/agency_form.html", {"form": form})


@agency_view(Perm.AGENCY_VIEW)
def agency_detail(request, agency):
    divisions = agency.divisions.annotate(n_people=Count("people"))
    group = (
        agency.working_groups.select_related("signed_by")
        .prefetch_related(Prefetch("members", queryset=members_qs()))
        .first()
    )
    context = agency_context(
        request,
        agency,
        domains=agency.domains.all(),
        divisions=divisions,
        n_people=agency.people.filter(is_active=True).count(),
        group=group,
        my_roles=sorted(Role(r).label for r in roles_in(request.user, agency)),
        division_form=DivisionForm(),
        can_edit_agency=has_perm(request.user, agency, Perm.AGENCY_EDIT),
    )
    return render(request, "backoffice/agency_detail.html", context)


@require_POST
@agency_view(Perm.AGENCY_EDIT)
def division_create(request, agency):
    form = DivisionForm(request.POST)
    if form.is_valid():
        try:
            services.division_create(actor=request.user, agency=agency, **form.cleaned_data)
            messages.success(request, _("Division added."))
        except DomainError as error:
            messages.error(request, error.bilingual())
    else:
        messages.error(request, _("Please give the division a name."))
    return redirect("backoffice:agency", code=agency.code)


@require_POST
@agency_view(Perm.AGENCY_EDIT)
def agency_emblem(request, agency):
    """Upload (or remove) the Garuda/emblem printed on the agency's orders and memos."""
    try:
        if request.POST.get("remove"):
            services.agency_emblem_remove(actor=request.user, agency=agency)
            messages.success(request, _("The emblem was removed; documents print without it."))
        else:
            upload = request.FILES.get("emblem")
            if upload is None:
                raise DomainError(_("Choose an image file (PNG, JPEG or SVG) first."), field="emblem")
            services.agency_emblem_set(actor=request.user, agency=agency, name=upload.name, data=upload.read())
            messages.success(request, _("The emblem was saved; orders and memos now print it."))
    except DomainError as error:
        messages.error(request, error.bilingual())
    return redirect("backoffice:agency", code=agency.code)
