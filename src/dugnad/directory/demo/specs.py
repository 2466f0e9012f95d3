"""What the generator makes and the writer writes: an organisation, its
activities and contacts before they are in the database, and the area (a
municipality, its places and districts) they are generated for."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from dugnad.directory.demo import catalogue
from dugnad.directory.models import IcnpoCategory, OrganisationKind
from dugnad.municipalities.models import District, Municipality


@dataclass
class ActivitySpec:
    name: str
    schedule: str
    place: str
    district: District | None = None
    description: str = ""


@dataclass
class ContactSpec:
    name: str
    title: str
    email: str


@dataclass
class OrganisationSpec:
    """Everything about one demo organisation, before it is written."""

    organisation_number: str
    name: str
    municipality: Municipality
    categories: list[IcnpoCategory]
    kind: str = OrganisationKind.ORGANISATION
    description: str = ""
    purpose: str = ""
    district: District | None = None
    districts: list[District] = field(default_factory=list)
    active_in: list[Municipality] = field(default_factory=list)
    street_address: str = ""
    postal_code: str = ""
    postal_place: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    email: str = ""
    target_groups: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=lambda: ["nb"])
    accessibility: str = ""
    membership_fee_ore: int | None = None
    membership_fee_note: str = ""
    founded: date | None = None
    in_frivillighetsregisteret: bool = True
    activities: list[ActivitySpec] = field(default_factory=list)
    contacts: list[ContactSpec] = field(default_factory=list)
    member_of: list[str] = field(default_factory=list)  # organisation numbers
    national: str | None = None  # organisation number

    @property
    def bucket(self) -> str:
        return catalogue.bucket([c.code for c in self.categories])


@dataclass
class Area:
    """A municipality as the generator sees it."""

    municipality: Municipality
    short: str
    # (place name used in organisation names, its district)
    places: list[tuple[str, District]]
    # district id → (postal code, postal place, latitude, longitude)
    geography: dict[int, tuple[str, str, float, float]]
