"""The parts demo organisations are generated from: the seeds' groups and
their shares, what a kind of organisation is (:class:`Kind`, with its ICNPO
categories, target groups, languages, activities and name patterns; the
kinds themselves are in :mod:`.kinds_culture` and :mod:`.kinds_other`), the
national organisations, immigrant communities, people's names, streets and
the umbrella councils.

Demo content, in Norwegian as the organisations would write it themselves;
none of it is user interface text. Names are combinations, not copies of
real organisations.
"""

from __future__ import annotations

from dataclasses import dataclass

# The three groups the seeds give figures for (Bærum's status note, 2022:
# 70–80 % culture and leisure, 8–10 % health and social).
CULTURE = "culture"  # ICNPO main group 1
HEALTH_SOCIAL = "health_social"  # ICNPO main groups 3 and 4
OTHER = "other"

CULTURE_SHARE = 0.75
HEALTH_SOCIAL_SHARE = 0.09


def bucket(category_codes: tuple[str, ...] | list[str]) -> str:
    """Which of the seeds' groups an organisation with these categories falls in."""
    mains = {code.split(".", 1)[0] for code in category_codes}
    if "1" in mains:
        return CULTURE
    if mains & {"3", "4"}:
        return HEALTH_SOCIAL
    return OTHER


@dataclass(frozen=True)
class ActivityPattern:
    """An activity: name, when (days and times to draw from) and where.

    ``venue`` is a pattern with ``{place}`` (the local place name) or
    ``{short}`` (the municipality's short name)."""

    name: str
    days: tuple[str, ...]
    times: tuple[str, ...]
    venue: str
    season: str = ""


@dataclass(frozen=True)
class Kind:
    """A kind of organisation and how to make one.

    ``names`` are patterns with ``{place}`` (a place in the municipality),
    ``{short}`` (the municipality's short name) and ``{origin}``/``{people}``
    (for immigrant organisations, from ``origins``)."""

    key: str
    weight: int
    categories: tuple[str, ...]
    names: tuple[str, ...]
    description: str
    target_groups: tuple[str, ...] = ("adults",)
    activities: tuple[ActivityPattern, ...] = ()
    fee_kr: tuple[int, int] | None = (200, 400)
    national: str | None = None
    titles: tuple[str, ...] = ("Leder", "Styreleder", "Sekretær", "Kasserer")
    uses_origins: bool = False

    @property
    def bucket(self) -> str:
        return bucket(self.categories)


A = ActivityPattern
EVENINGS = ("18.00–20.00", "18.30–20.30", "19.00–21.00", "19.30–21.30")
AFTERNOONS = ("17.00–18.00", "17.30–19.00", "17.00–18.30", "16.30–18.00")
MORNINGS = ("10.00–12.00", "11.00–13.00", "10.30–12.30")
WEEKDAYS = ("Mandager", "Tirsdager", "Onsdager", "Torsdager")
WEEKEND = ("Lørdager", "Søndager")
SCHOOL_YEAR = "august–juni"

# National organisations local branches belong to (key: name, category, purpose).
NATIONAL_ORGANISATIONS: dict[str, tuple[str, str, str]] = {
    "redcross": (
        "Norges Røde Kors",
        "4.200",
        "Nasjonal humanitær organisasjon med lokalforeninger og hjelpekorps i hele landet.",
    ),
    "folkehjelp": (
        "Norsk Folkehjelp",
        "4.200",
        "Nasjonal organisasjon for solidaritet og sanitet, med lokale sanitetslag.",
    ),
    "scouts": (
        "Norges speiderforbund",
        "13",
        "Speidern: nasjonalt forbund for speidergrupper over hele landet.",
    ),
    "nmf": (
        "Norges Musikkorps Forbund",
        "1.100",
        "NMF: nasjonal organisasjon for skolekorps og voksenkorps.",
    ),
    "nkss": (
        "Norske Kvinners Sanitetsforening",
        "3.400",
        "Nasjonal kvinneorganisasjon for helse, med lokale sanitetsforeninger.",
    ),
    "diabetes": (
        "Diabetesforbundet",
        "7.100",
        "Nasjonal interesse- og brukerorganisasjon for mennesker med diabetes.",
    ),
    "nhf": (
        "Norges Handikapforbund",
        "7.100",
        "Nasjonal interesseorganisasjon for mennesker med funksjonsnedsettelser.",
    ),
}

# The kinds of organisation are in kinds_culture.py (ICNPO group 1) and
# kinds_other.py (the other groups), in the order the generator draws from.

# Immigrant communities: (origin adjective, people, languages).
ORIGINS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Somalisk", "somaliere", ("so", "nb")),
    ("Polsk", "polakker", ("pl", "nb")),
    ("Eritreisk", "eritreere", ("ti", "nb")),
    ("Afghansk", "afghanere", ("fa", "ps", "nb")),
    ("Pakistansk", "pakistanere", ("ur", "nb")),
    ("Tamilsk", "tamiler", ("ta", "nb")),
    ("Arabisk", "arabisktalende", ("ar", "nb")),
    ("Syrisk", "syrere", ("ar", "ku", "nb")),
    ("Ukrainsk", "ukrainere", ("uk", "ru", "nb")),
    ("Filippinsk", "filippinere", ("tl", "en", "nb")),
    ("Vietnamesisk", "vietnamesere", ("vi", "nb")),
    ("Kurdisk", "kurdere", ("ku", "nb")),
    ("Iransk", "iranere", ("fa", "nb")),
    ("Litauisk", "litauere", ("lt", "nb")),
)
MOSQUE_LANGUAGES: tuple[tuple[str, ...], ...] = (("ar", "ur", "nb"), ("ar", "so", "nb"))

FIRST_NAMES = (
    "Kari", "Ola", "Ingrid", "Per", "Anne", "Lars", "Marit", "Jon", "Silje", "Anders",
    "Hilde", "Erik", "Nora", "Emil", "Sara", "Jonas", "Ida", "Magnus", "Maria", "Håkon",
    "Astrid", "Bjørn", "Randi", "Tor", "Liv", "Sigrid", "Knut", "Tone", "Geir", "Heidi",
    "Fatima", "Ahmed", "Amina", "Mohammed", "Agnieszka", "Tomasz", "Yonas", "Senait",
    "Ali", "Zahra", "Priya", "Linh", "Olena", "Jamal",
)  # fmt: skip
LAST_NAMES = (
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
    "Kristiansen", "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg",
    "Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen",
    "Halvorsen", "Henriksen", "Lund", "Sørensen", "Moen", "Gundersen", "Iversen",
    "Strand", "Solberg", "Svendsen", "Eide", "Knutsen", "Martinsen", "Bakken",
    "Kowalski", "Nowak", "Hussain", "Ahmed", "Ali", "Mohamed", "Tesfay", "Nguyen", "Khan",
)  # fmt: skip
STREETS = (
    "Skoleveien", "Kirkeveien", "Idrettsveien", "Løkkeveien", "Bjørkeveien", "Granstubben",
    "Gamleveien", "Stasjonsveien", "Furuveien", "Bekkeveien", "Hagaløkkveien", "Tunveien",
)  # fmt: skip
ACCESSIBILITY_NOTES = (
    "Trinnfri adgang og HC-toalett i øvingslokalet.",
    "Teleslynge i møtesalen. Si fra om du trenger tilrettelegging.",
    "Heis til andre etasje; parkering for forflytningshemmede ved inngangen.",
    "Aktivitetene kan tilrettelegges for barn og voksne med funksjonsnedsettelser.",
    "Lokalet har trinnfri adgang, men toalettet er ikke tilrettelagt for rullestol.",
)
FEE_NOTES = (
    "Søskenmoderasjon.",
    "Gratis første semester.",
    "Familiemedlemskap halv pris for nummer to.",
    "Kontingenten kan dekkes av fritidskortet.",
    "",
    "",
)

# Umbrella councils (paraplyorganisasjoner) of a municipality: key, name
# pattern, kind ("umbrella" or "volunteer_council"), category, and the
# categories whose organisations are members (with the share that are).
UMBRELLAS: tuple[tuple[str, str, str, str, tuple[str, ...], float], ...] = (
    ("sport", "{short} idrettsråd", "umbrella", "1.200", ("1.200",), 0.9),
    ("culture", "{short} kulturråd", "umbrella", "1.100", ("1.100",), 0.7),
    (
        "humsos",
        "HUMSOS {short} – humanitære og sosiale organisasjoner",
        "umbrella",
        "4.100",
        ("3.300", "3.400", "4.100", "4.200"),
        0.6,
    ),
    ("nature", "{short} natur- og friluftsråd", "umbrella", "5.100", ("5.100", "5.200"), 0.7),
    ("faith", "{short} tro- og livssynsforum", "umbrella", "10.100", ("10.100",), 0.8),
    ("council", "Frivillighetsrådet i {short}", "volunteer_council", "8.100", (), 0.0),
)
UMBRELLA_DESCRIPTIONS = {
    "sport": "Samarbeidsorgan for idrettslagene i {short}: fordeling av anlegg og "
    "treningstider, og idrettens stemme overfor kommunen.",
    "culture": "Paraplyorganisasjon for kulturlivet i {short}: korps, kor, teater, "
    "husflid og historielag.",
    "humsos": "Nettverk for frivillige humanitære og sosiale organisasjoner i {short}.",
    "nature": "Samarbeidsråd for natur-, miljø- og friluftsorganisasjonene i {short}.",
    "faith": "Dialog og samarbeid mellom tros- og livssynssamfunnene i {short}.",
    "council": "Frivillighetsrådet er et talerør for frivilligheten og et bindeledd mellom "
    "frivilligheten og kommunen. Det planlegger årshjulet og arrangerer den årlige "
    "frivillighetskonferansen.",
}

# Purposes of generated organisations: ``{place}`` is the place in the name,
# ``{short}`` the municipality's short name.
PURPOSES = (
    "Å samle medlemmene om felles aktiviteter og bidra til et godt lokalmiljø på {place}.",
    "Foreningen skal drive frivillig arbeid til glede for medlemmene og innbyggerne i {short}.",
    "Å gi et åpent og inkluderende tilbud for alle som vil delta, uavhengig av bakgrunn.",
)
