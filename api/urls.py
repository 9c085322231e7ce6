from ninja import NinjaAPI

from lib.errors import DomainError
from prongsai.refusals import refusal_response

from .assessments import router as assessments_router
from .frameworks import router as frameworks_router

api = NinjaAPI(
    title="Prongsai API",
    version="1",
    description="Integrity and Transparency Assessment (ITA): frameworks, agencies, assessments.",
    urls_namespace="api",
)
api.add_router("/frameworks/", frameworks_router)
api.add_router("/assessments/", assessments_router)
api.add_router("/surveys/", "api.surveys.router")


@api.exception_handler(DomainError)
def refused(request, error: DomainError):
    """The API side of the one refusal path (prongsai.refusals): status and both languages."""
    return refusal_response(request, error, as_json=True)
