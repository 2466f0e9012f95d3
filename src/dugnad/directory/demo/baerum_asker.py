"""Bærum and Asker as the demo knows them: the districts' geography, the place
names organisations are named after, the foundation's organisations' directory
details and the organisations of both municipalities."""

from __future__ import annotations

from datetime import date
from typing import Any

# District → (postal code, postal place, latitude, longitude of its centre).
DISTRICT_GEOGRAPHY: dict[str, dict[str, tuple[str, str, float, float]]] = {
    "baerum": {
        "Sandvika": ("1337", "Sandvika", 59.890, 10.525),
        "Bekkestua": ("1357", "Bekkestua", 59.918, 10.588),
        "Fornebu": ("1364", "Fornebu", 59.897, 10.625),
        "Rykkinn": ("1349", "Rykkinn", 59.927, 10.474),
        "Østerås": ("1361", "Østerås", 59.940, 10.600),
        "Skytterdalen": ("1341", "Slependen", 59.878, 10.493),
        "Emma Hjort": ("1346", "Gjettum", 59.905, 10.545),
        "Dønski": ("1346", "Gjettum", 59.911, 10.532),
        "Stabekk": ("1369", "Stabekk", 59.909, 10.612),
        "Lysaker": ("1366", "Lysaker", 59.913, 10.640),
        "Høvik": ("1363", "Høvik", 59.897, 10.580),
        "Kolsås": ("1352", "Kolsås", 59.920, 10.502),
        "Bærums Verk": ("1353", "Bærums Verk", 59.938, 10.505),
        "Lommedalen": ("1350", "Lommedalen", 59.955, 10.470),
        "Eiksmarka": ("1359", "Eiksmarka", 59.945, 10.616),
        "Jar": ("1358", "Jar", 59.926, 10.621),
    },
    "asker": {
        "Asker sentrum": ("1384", "Asker", 59.833, 10.435),
        "Heggedal": ("1389", "Heggedal", 59.785, 10.445),
        "Vollen": ("1391", "Vollen", 59.790, 10.485),
        "Holmen": ("1394", "Nesbru", 59.848, 10.490),
        "Borgen": ("1388", "Borgen", 59.845, 10.420),
        "Nærsnes": ("3478", "Nærsnes", 59.752, 10.515),
        "Slemmestad": ("3470", "Slemmestad", 59.781, 10.495),
        "Røyken": ("3440", "Røyken", 59.749, 10.395),
        "Sætre": ("3475", "Sætre i Hurum", 59.682, 10.525),
        "Tofte": ("3482", "Tofte", 59.545, 10.560),
        "Hvalstad": ("1395", "Hvalstad", 59.858, 10.468),
        "Vettre": ("1392", "Vettre", 59.818, 10.470),
    },
}

# Local place names used in organisation names, and the district each lies in.
PLACES: dict[str, tuple[tuple[str, str], ...]] = {
    "baerum": (
        ("Sandvika", "Sandvika"), ("Bekkestua", "Bekkestua"), ("Fornebu", "Fornebu"),
        ("Rykkinn", "Rykkinn"), ("Østerås", "Østerås"), ("Skytterdalen", "Skytterdalen"),
        ("Emma Hjort", "Emma Hjort"), ("Dønski", "Dønski"), ("Stabekk", "Stabekk"),
        ("Lysaker", "Lysaker"), ("Høvik", "Høvik"), ("Kolsås", "Kolsås"),
        ("Bærums Verk", "Bærums Verk"), ("Lommedalen", "Lommedalen"),
        ("Eiksmarka", "Eiksmarka"), ("Jar", "Jar"), ("Haslum", "Bekkestua"),
        ("Hosle", "Østerås"), ("Blommenholm", "Høvik"), ("Snarøya", "Fornebu"),
        ("Gjettum", "Dønski"), ("Tanum", "Skytterdalen"), ("Vøyenenga", "Bærums Verk"),
        ("Grav", "Eiksmarka"), ("Hundsund", "Fornebu"), ("Nadderud", "Bekkestua"),
        ("Ballerud", "Høvik"), ("Berger", "Rykkinn"), ("Evje", "Emma Hjort"),
        ("Slependen", "Skytterdalen"), ("Kirkerud", "Sandvika"), ("Valler", "Stabekk"),
        ("Tjernsmyr", "Emma Hjort"), ("Gommerud", "Rykkinn"), ("Helset", "Østerås"),
        ("Eineåsen", "Kolsås"), ("Hauger", "Emma Hjort"), ("Bjørnegård", "Sandvika"),
    ),
    "asker": (
        ("Asker", "Asker sentrum"), ("Heggedal", "Heggedal"), ("Vollen", "Vollen"),
        ("Holmen", "Holmen"), ("Borgen", "Borgen"), ("Nærsnes", "Nærsnes"),
        ("Slemmestad", "Slemmestad"), ("Røyken", "Røyken"), ("Sætre", "Sætre"),
        ("Tofte", "Tofte"), ("Hvalstad", "Hvalstad"), ("Vettre", "Vettre"),
        ("Blakstad", "Vettre"), ("Billingstad", "Hvalstad"), ("Dikemark", "Heggedal"),
        ("Gullhella", "Heggedal"), ("Leangen", "Asker sentrum"), ("Nesøya", "Holmen"),
        ("Spikkestad", "Røyken"), ("Hyggen", "Røyken"), ("Åros", "Røyken"),
        ("Filtvet", "Tofte"), ("Hurum", "Tofte"), ("Bødalen", "Borgen"),
        ("Landøya", "Holmen"), ("Solberg", "Asker sentrum"),
    ),
}  # fmt: skip

# Enrichment of the foundation's organisations (found by name): categories,
# target groups, national organisation, umbrellas and activities.
FOUNDATION_ORGANISATIONS: dict[str, dict[str, Any]] = {
    "Rykkinn skolekorps": {
        "categories": ("1.100",),
        "target_groups": ["children", "youth"],
        "national": "nmf",
        "umbrellas": ("culture",),
        "fee_ore": 180_000,
        "fee_note": "Søskenmoderasjon. Leie av instrument er inkludert.",
        "founded": date(1962, 9, 1),
        "activities": [
            ("Korpsøvelse", "Tirsdager 18.00–20.00, august–juni", "Rykkinn skole"),
            ("Aspirantkorps for nybegynnere", "Torsdager 17.30–18.30", "Rykkinn skole"),
            ("Juniorkorps", "Mandager 17.30–18.30", "Berger skole"),
        ],
        "accessibility": "Øvingslokalet på Rykkinn skole har trinnfri adgang og HC-toalett.",
    },
    "Bærum Røde Kors": {
        "categories": ("4.200",),
        "target_groups": ["adults", "seniors", "youth"],
        "national": "redcross",
        "umbrellas": ("humsos",),
        "fee_ore": 30_000,
        "founded": date(1917, 3, 12),
        "activities": [
            ("Besøkstjeneste", "Etter avtale", "Hele Bærum"),
            ("Leksehjelp", "Onsdager 17.00–19.00", "Sandvika bibliotek"),
            ("Beredskapsvakt", "Helger etter vaktliste", "Bærum Røde Kors-hus, Sandvika"),
        ],
    },
    "Fornebu Vel": {
        "categories": ("6.100",),
        "target_groups": ["families", "adults"],
        "fee_ore": 30_000,
        "founded": date(2008, 4, 1),
        "activities": [("Nærmiljødugnad", "Lørdager 10.00–14.00, april–mai", "Fornebu senter")],
    },
    "Asker Røde Kors": {
        "categories": ("4.200",),
        "target_groups": ["adults", "seniors"],
        "national": "redcross",
        "umbrellas": ("humsos",),
        "fee_ore": 30_000,
        "activities": [("Førstehjelpskurs", "Mandager 18.00–21.00", "Asker Røde Kors-hus")],
    },
    "Heggedal idrettslag": {
        "categories": ("1.200",),
        "target_groups": ["children", "youth", "adults"],
        "umbrellas": ("sport",),
        "fee_ore": 60_000,
        "activities": [
            ("Allidrett", "Onsdager 17.00–18.00", "Heggedal skole"),
            ("Fotballtrening", "Tirsdager og torsdager 17.30–19.00", "Heggedal kunstgress"),
        ],
    },
}

# Organisations of both municipalities (at home in Bærum, also active in Asker).
SHARED_ORGANISATIONS: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("Asker og Bærum diabetesforening", ("7.100",), "diabetes", "Likepersoner og temamøter."),
    ("Asker og Bærum hørselslag", ("7.100",), "", "Hørselshjelp og teleslyngeutlån."),
    ("Asker og Bærum sjakklubb", ("1.300",), "", "Klubbkvelder og turneringer hver uke."),
)
