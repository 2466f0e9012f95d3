"""The JSON API under /api/v1/ (django-ninja, OpenAPI 3 at /api/v1/openapi.json).

Modules add their routers here. Every operation declares its permission rule
with :func:`dugnad.people.api_auth.api_requires`.
"""

from __future__ import annotations

from ninja import NinjaAPI

from dugnad.directory.api import router as directory_router
from dugnad.municipalities.api import router as municipalities_router
from dugnad.people.api import router as people_router
from dugnad.volunteering.api import router as volunteering_router

api = NinjaAPI(
    title="Dugnad API",
    version="1",
    description=(
        "Open data and integrations for Dugnad. Public data is licensed under the "
        "Norwegian Licence for Open Government Data (NLOD 2.0, "
        "https://data.norge.no/nlod/no/2.0): every open-data response says so in a "
        '`licence` field or a `Link: <…>; rel="license"` header.'
    ),
    urls_namespace="api",
)
api.add_router("/municipality", municipalities_router)
api.add_router("/me", people_router)
api.add_router("/organisations", directory_router)
api.add_router("/volunteering", volunteering_router)
