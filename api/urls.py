from ninja import NinjaAPI

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
