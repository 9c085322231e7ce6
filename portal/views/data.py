"""Open data of an agency: the catalogue page, its DCAT JSON-LD, and each dataset as CSV and JSON."""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from transparency.opendata import FREQUENCIES, LICENCE, REGISTRY, Dataset, datasets

from .agency import absolute
from .public import public_page


def _dataset(slug: str) -> Dataset:
    dataset = REGISTRY.get(slug)
    if dataset is None:
        raise Http404
    return dataset


def metadata(agency, dataset: Dataset) -> dict:
    """The data.go.th catalogue fields of one dataset, in Thai with the English beside."""
    last = dataset.last_update(agency)
    with translation.override("en"):
        title_en, description_en = str(dataset.title), str(dataset.description)
        frequency_en = str(FREQUENCIES[dataset.frequency][1])
    with translation.override("th"):
        title_th, description_th = str(dataset.title), str(dataset.description)
        frequency_th = str(FREQUENCIES[dataset.frequency][1])
    return {
        "identifier": f"{agency.code}-{dataset.slug}",
        "title": title_th,
        "title_en": title_en,
        "description": description_th,
        "description_en": description_en,
        "publisher": agency.name_th,
        "publisher_en": agency.name_en,
        "license_id": LICENCE["id"],
        "license_url": LICENCE["url"],
        "update_frequency": frequency_th,
        "update_frequency_en": frequency_en,
        "last_updated": last.isoformat(timespec="seconds") if last else None,
        "keywords": list(dataset.keywords),
        "columns": list(dataset.columns),
        "csv": absolute(reverse("portal:agency_dataset", args=[agency.code, dataset.slug, "csv"])),
        "json": absolute(reverse("portal:agency_dataset", args=[agency.code, dataset.slug, "json"])),
    }


@require_GET
@public_page
def catalogue(request, agency):
    entries = [(dataset, metadata(agency, dataset)) for dataset in datasets()]
    return render(request, "portal/agency_data.html", {"agency": agency, "entries": entries})


@require_GET
@public_page
def catalogue_dcat(request, agency):
    home = absolute(reverse("portal:agency", args=[agency.code]))
    publisher = {"@type": "foaf:Agent", "foaf:name": agency.name_th, "foaf:homepage": home}
    body = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@id": absolute(reverse("portal:agency_dcat", args=[agency.code])),
        "@type": "dcat:Catalog",
        "dct:title": {"@language": "th", "@value": f"ข้อมูลเปิดของ{agency.name_th}"},
        "dct:publisher": publisher,
        "dct:language": "th",
        "dcat:dataset": [],
    }
    for dataset in datasets():
        meta = metadata(agency, dataset)
        body["dcat:dataset"].append({
            "@id": f"{home}#{meta['identifier']}",
            "@type": "dcat:Dataset",
            "dct:identifier": meta["identifier"],
            "dct:title": [{"@language": "th", "@value": meta["title"]}, {"@language": "en", "@value": meta["title_en"]}],
            "dct:description": [
                {"@language": "th", "@value": meta["description"]}, {"@language": "en", "@value": meta["description_en"]},
            ],
            "dct:publisher": publisher,
            "dct:license": meta["license_url"],
            "dct:accrualPeriodicity": {"@id": FREQUENCIES[dataset.frequency][0]},
            "dct:modified": meta["last_updated"],
            "dcat:keyword": meta["keywords"],
            "dcat:distribution": [
                {"@type": "dcat:Distribution", "dcat:downloadURL": meta["csv"], "dcat:mediaType": "text/csv", "dct:format": "CSV"},
                {"@type": "dcat:Distribution", "dcat:downloadURL": meta["json"], "dcat:mediaType": "application/json", "dct:format": "JSON"},
            ],
        })
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False}, content_type="application/ld+json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@public_page
def dataset_file(request, agency, slug: str, fmt: str):
    dataset = _dataset(slug)
    rows = dataset.rows(agency)
    name = f"{agency.code}-{dataset.slug}.{fmt}"
    if fmt == "json":
        response = JsonResponse(
            {"metadata": metadata(agency, dataset), "rows": rows}, json_dumps_params={"ensure_ascii": False}
        )
    else:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=dataset.columns)
        writer.writeheader()
        writer.writerows(rows)
        # A BOM so that Excel, which most agencies open CSV with, reads the Thai as UTF-8.
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
