"""The frameworks app's official document (who answers each OIT item), registered in FrameworksConfig.ready()."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from documents.registry import OfficialDocument

from .models import FrameworkVersion
from .selectors import framework_tree


def _oit_matrix(agency, pk: int) -> dict:
    version = get_object_or_404(FrameworkVersion, pk=pk)
    return {"tree": framework_tree(version), "version": version, "filename": f"oit-responsibility-{version.code}"}


OFFICIAL_DOCUMENTS = [
    OfficialDocument(
        "oit-matrix", _("OIT responsibility matrix"), "documents/oit_matrix.html", _oit_matrix,
        # Every framework version applies to every agency.
        records=lambda agency: FrameworkVersion.objects.all(),
        describe=lambda version: (version.code, None),
    ),
]
