"""Operators load a new year's framework file in the product: check, diff, confirm."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frameworks.models import FrameworkUpload, FrameworkVersion
from frameworks.schema import FrameworkFileError
from frameworks.selectors import preparing_context
from frameworks.services import MAX_FILE_BYTES, FrameworkLocked
from frameworks.uploads import (
    framework_diff,
    framework_upload_check,
    framework_upload_publish,
    framework_upload_read,
    previous_version,
)
from lib.errors import DomainError, PermissionRefused


def _operator(request) -> None:
    if not request.user.is_operator:
        raise PermissionRefused(gettext_lazy("Only operators of the installation load framework versions."))


@login_required
def frameworks(request):
    _operator(request)
    problems, status = [], 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose a framework file (.yaml) to upload."))
            status = 400
        elif upload.size > MAX_FILE_BYTES:
            problems = [(upload.name, "", _("the file is %(size)s bytes; the limit is %(limit)s") % {"size": upload.size, "limit": MAX_FILE_BYTES})]
            status = 400
        else:
            try:
                checked = framework_upload_check(actor=request.user, name=upload.name, raw=upload.read())
            except FrameworkFileError as error:
                problems = [(error.source, path, reason) for path, reason in error.problems]
                status = 400
            except DomainError as error:
                messages.error(request, error.bilingual())
                status = 400
            else:
                return redirect("backoffice:framework_upload", pk=checked.pk)
    versions = FrameworkVersion.objects.annotate(n_items=Count("items")).order_by("-fiscal_year")
    uploads = FrameworkUpload.objects.select_related("uploaded_by")[:20]
    context = {"versions": versions, "uploads": uploads, "problems": problems, **preparing_context()}
    return render(request, "backoffice/frameworks.html", context, status=status)


@login_required
def framework_upload(request, pk: int):
    _operator(request)
    upload = get_object_or_404(FrameworkUpload, pk=pk)
    if request.method == "POST":
        try:
            result = framework_upload_publish(actor=request.user, upload=upload)
        except (DomainError, FrameworkFileError, FrameworkLocked) as error:
            messages.error(request, error.bilingual() if isinstance(error, DomainError) else str(error))
            return redirect("backoffice:framework_upload", pk=upload.pk)
        messages.success(request, _("Framework %(code)s is published.") % {"code": result.version.code})
        return redirect("portal:framework", code=result.version.code)
    doc = framework_upload_read(upload)
    diff = framework_diff(doc, previous_version(doc))
    return render(request, "backoffice/framework_upload.html", {"upload": upload, "doc": doc, "diff": diff})
