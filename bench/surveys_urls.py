"""URLs for bench/surveys_load.py: the real ones plus a no-op POST behind the same middleware,
so the benchmark can say how much of a response's cost is the survey's own work."""

from django.http import HttpResponse
from django.urls import include, path


def noop(request):
    """Reads the form like the survey does (the CSRF check already parsed it), stores nothing."""
    return HttpResponse(status=204 if request.method == "POST" and request.POST is not None else 405)


urlpatterns = [
    path("bench/noop/", noop),
    path("", include("prongsai.urls")),
]
