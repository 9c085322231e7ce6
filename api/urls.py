from ninja import NinjaAPI

from .frameworks import router as frameworks_router

api = NinjaAPI(
    title="Prongsai API",
    version="1",
    description="Integrity and Transparency Assessment (ITA): frameworks, agencies, assessments.",
    urls_namespace="api",
)
api.add_router("/frameworks/", frameworks_router)
