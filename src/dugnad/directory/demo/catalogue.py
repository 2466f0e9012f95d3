"""The parts demo organisations are generated from: kinds of organisation (with
their ICNPO categories, target groups, languages, activities and name
patterns), places, people's names and the umbrella councils.

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

KINDS: tuple[Kind, ...] = (
    # --- Culture and leisure (ICNPO 1) ---------------------------------------
    Kind(
        "skolekorps",
        30,
        ("1.100",),
        ("{place} skolekorps", "{place} skolemusikkorps", "{place} juniorkorps"),
        "Korps for barn og unge på {place}. Vi øver hver uke, spiller på 17. mai, "
        "konserter og korpsstevner, og tar imot nye musikanter fra 2. klasse.",
        ("children", "youth"),
        (
            A("Korpsøvelse", WEEKDAYS, AFTERNOONS, "{place} skole", SCHOOL_YEAR),
            A("Aspirantkorps", WEEKDAYS, ("17.00–18.00", "17.30–18.15"), "{place} skole"),
        ),
        (1200, 2400),
        "nmf",
        ("Leder", "Dirigent", "Kasserer", "Aspirantansvarlig"),
    ),
    Kind(
        "musikkorps",
        10,
        ("1.100",),
        ("{place} musikkorps", "{place} janitsjar", "{short} brassband", "{place} veteranorkester"),
        "Korps for voksne amatørmusikere. Vi spiller alt fra marsj til filmmusikk og "
        "har konserter vår og høst.",
        ("adults", "seniors"),
        (A("Øvelse", WEEKDAYS, EVENINGS, "{place} skole", SCHOOL_YEAR),),
        (1500, 3000),
        "nmf",
        ("Leder", "Dirigent", "Kasserer"),
    ),
    Kind(
        "barnekor",
        14,
        ("1.100",),
        ("{place} barnekor", "{place} ungdomskor", "{place} Soul Children", "{place} jentekor"),
        "Kor for barn og unge med glede av å synge. Vi synger i kirken, på konserter "
        "og på Sandvika Byfest, og drar på korleir hver høst.",
        ("children", "youth"),
        (A("Korøvelse", WEEKDAYS, AFTERNOONS, "{place} kirke", SCHOOL_YEAR),),
        (500, 1500),
        None,
        ("Leder", "Dirigent", "Foreldrekontakt"),
    ),
    Kind(
        "voksenkor",
        16,
        ("1.100",),
        (
            "{place} mannskor",
            "{place} damekor",
            "{place} kammerkor",
            "{place} gospelkor",
            "{place} sangkor",
            "{short} seniorkor",
        ),
        "Kor for voksne som liker å synge sammen. Nye sangere er velkommen til å "
        "komme på en prøveøvelse.",
        ("adults", "seniors"),
        (A("Korøvelse", WEEKDAYS, EVENINGS, "{place} kirke", SCHOOL_YEAR),),
        (800, 2000),
        None,
        ("Leder", "Dirigent", "Kasserer"),
    ),
    Kind(
        "teater",
        9,
        ("1.100",),
        (
            "{place} teaterlag",
            "{place} revylag",
            "{short} barne- og ungdomsteater",
            "{place} amatørteater",
        ),
        "Amatørteater med forestillinger hvert år. Vi trenger både skuespillere og "
        "folk til lys, lyd, kostymer og kulisser.",
        ("children", "youth", "adults"),
        (A("Teaterverksted", WEEKDAYS, AFTERNOONS, "{place} skole", SCHOOL_YEAR),),
        (300, 800),
    ),
    Kind(
        "historielag",
        8,
        ("1.100",),
        (
            "{place} historielag",
            "{place} bygdelag",
            "{short} fortidsminneforening",
            "{place} sjøhistoriske forening",
        ),
        "Vi samler og formidler lokalhistorie: vandringer, foredrag, gamle bilder og årsskrift.",
        ("adults", "seniors"),
        (A("Medlemsmøte med foredrag", WEEKDAYS, ("19.00–21.00",), "{place} bibliotek"),),
        (250, 400),
    ),
    Kind(
        "husflid",
        7,
        ("1.100",),
        ("{place} husflidslag", "{place} strikkekafé", "{place} bunadlaug", "{short} vevlag"),
        "Håndverk og husflid: strikking, veving, søm og treskjæring. Vi deler "
        "kunnskap på tvers av generasjoner.",
        ("adults", "seniors"),
        (A("Kurskveld", WEEKDAYS, EVENINGS, "{place} grendehus"),),
        (250, 450),
    ),
    Kind(
        "kunst",
        7,
        ("1.100",),
        (
            "{place} kunstforening",
            "{short} fotoklubb",
            "{place} malergruppe",
            "{short} jazzklubb",
            "{place} storband",
            "{place} folkedanslag",
            "{place} spelemannslag",
        ),
        "Et fellesskap for dem som er glade i kunst og kultur, med samlinger, "
        "utstillinger og konserter.",
        ("adults",),
        (A("Samling", WEEKDAYS, EVENINGS, "{place} grendehus"),),
        (300, 600),
    ),
    Kind(
        "idrettslag",
        40,
        ("1.200",),
        ("{place} IL", "{place} idrettslag", "{place} idrettsforening", "IL {place}"),
        "Idrettslag med fotball, ski og allidrett for barn, ungdom og voksne på "
        "{place}. Alle kan være med, uansett nivå.",
        ("children", "youth", "adults"),
        (
            A("Allidrett for barn", WEEKDAYS, AFTERNOONS, "{place} skole", SCHOOL_YEAR),
            A("Trim for voksne", WEEKDAYS, EVENINGS, "{place} idrettshall"),
        ),
        (400, 1200),
        None,
        ("Leder", "Daglig leder", "Sportslig leder", "Kasserer"),
    ),
    Kind(
        "ballklubb",
        36,
        ("1.200",),
        (
            "{place} fotballklubb",
            "{place} håndballklubb",
            "{place} basketballklubb",
            "{place} innebandyklubb",
            "{place} volleyballklubb",
            "{place} bandyklubb",
            "{place} hockeyklubb",
            "{place} FK",
        ),
        "Ballklubb med lag for barn og ungdom i alle aldre, og et breddetilbud for voksne.",
        ("children", "youth"),
        (
            A("Trening", WEEKDAYS, AFTERNOONS, "{place} idrettshall"),
            A("Kamper", WEEKEND, ("10.00–15.00",), "{place} idrettsplass"),
        ),
        (800, 2500),
        None,
        ("Leder", "Sportslig leder", "Kasserer", "Trener"),
    ),
    Kind(
        "individuell",
        34,
        ("1.200",),
        (
            "{place} skiklubb",
            "{place} tennisklubb",
            "{place} svømmeklubb",
            "{place} turnforening",
            "{place} orienteringslag",
            "{place} friidrettsklubb",
            "{place} sykkelklubb",
            "{place} klatreklubb",
            "{place} bordtennisklubb",
            "{place} rideklubb",
            "{place} seilforening",
            "{place} padleklubb",
            "{place} roklubb",
            "{short} golfklubb",
            "{place} karateklubb",
            "{place} bueskyttere",
        ),
        "Klubb for barn, ungdom og voksne, med treninger, konkurranser og "
        "nybegynnerkurs hver sesong.",
        ("children", "youth", "adults"),
        (A("Trening", WEEKDAYS, AFTERNOONS, "{place} idrettshall"),),
        (500, 2000),
        None,
        ("Leder", "Trener", "Kasserer"),
    ),
    Kind(
        "sjakk",
        6,
        ("1.300",),
        ("{place} sjakklubb", "{place} bridgeklubb", "{short} go-klubb", "{place} brettspillklubb"),
        "Klubbkvelder for nybegynnere og viderekomne, turneringer og kurs for barn.",
        ("children", "adults", "seniors"),
        (A("Klubbkveld", WEEKDAYS, EVENINGS, "{place} bibliotek"),),
        (200, 500),
    ),
    Kind(
        "pensjonist",
        18,
        ("1.300",),
        (
            "{place} pensjonistforening",
            "{place} seniordans",
            "{place} seniortreff",
            "{place} eldresenterforening",
        ),
        "Møteplass for pensjonister på {place}: medlemsmøter med kaffe og foredrag, "
        "turer og utflukter.",
        ("seniors",),
        (
            A("Medlemsmøte", WEEKDAYS, MORNINGS, "{place} seniorsenter"),
            A("Seniordans", WEEKDAYS, MORNINGS, "{place} grendehus"),
        ),
        (150, 300),
        None,
        ("Leder", "Sekretær", "Kasserer", "Turkomité"),
    ),
    Kind(
        "fritid",
        16,
        ("1.300",),
        (
            "{place} hagelag",
            "{place} bygdekvinnelag",
            "{place} ungdomsklubb",
            "{place} båtforening",
            "{short} hundeklubb",
            "{short} frimerkeklubb",
            "{short} modellflyklubb",
            "{place} motorklubb",
            "{place} kvinneforening",
            "{place} foreldreforening",
        ),
        "Sosial forening med faste treff, kurs og sommeravslutning. Nye medlemmer "
        "er hjertelig velkommen.",
        ("adults", "families"),
        (A("Medlemstreff", WEEKDAYS, EVENINGS, "{place} grendehus"),),
        (200, 500),
    ),
    # --- Health (3) and social services (4) ---------------------------------
    Kind(
        "hjelpekorps",
        6,
        ("4.200",),
        ("{short} Røde Kors Hjelpekorps", "{place} Røde Kors", "{place} Røde Kors Ungdom"),
        "Førstehjelp, vakthold og søk og redning. Vi trenger frivillige til "
        "sanitetsvakter, besøkstjeneste og beredskap.",
        ("youth", "adults"),
        (A("Øvelse", WEEKDAYS, EVENINGS, "{place} Røde Kors-hus"),),
        (300, 400),
        "redcross",
    ),
    Kind(
        "sanitet",
        8,
        ("3.400",),
        ("{place} sanitetsforening", "{place} Sanitetskvinner"),
        "Vi arbeider for kvinners helse og et godt lokalmiljø: besøksvenner, "
        "trimgrupper og støtte til sykehjemmet.",
        ("adults", "seniors"),
        (A("Strikkekafé og møte", WEEKDAYS, MORNINGS, "{place} grendehus"),),
        (250, 350),
        "nkss",
    ),
    Kind(
        "folkehjelp",
        3,
        ("4.200",),
        ("Norsk Folkehjelp {short}", "Norsk Folkehjelp Sanitet {place}"),
        "Sanitetsvakter, førstehjelpskurs og beredskap i lokalmiljøet.",
        ("youth", "adults"),
        (A("Sanitetsøvelse", WEEKDAYS, EVENINGS, "{place} skole"),),
        (200, 300),
        "folkehjelp",
    ),
    Kind(
        "helse",
        6,
        ("3.300", "3.400"),
        (
            "Mental Helse {short}",
            "{short} demensforening",
            "Kirkens SOS {short}",
            "{place} besøksvenner",
            "{short} slagrammede",
            "{short} kreftforening",
        ),
        "Vi gir støtte, fellesskap og informasjon til dem som trenger det, og "
        "samarbeider med kommunens helsetjenester.",
        ("adults", "seniors"),
        (A("Samtalegruppe", WEEKDAYS, EVENINGS, "{short} frivilligsentral"),),
        (100, 300),
    ),
    Kind(
        "sosial",
        8,
        ("4.100",),
        (
            "Leksehjelpen {place}",
            "Home-Start Familiekontakt {short}",
            "{place} nabohjelp",
            "{place} matsentral",
            "{place} besøkstjeneste",
            "{place} flyktningguide",
            "{short} mentorforening",
            "{place} handlehjelp",
        ),
        "Frivillige som hjelper naboer, familier og nye i kommunen: leksehjelp, "
        "besøksvenner, handlehjelp og følgetjeneste.",
        ("families", "newcomers", "seniors"),
        (A("Leksehjelp og kafé", WEEKDAYS, AFTERNOONS, "{place} bibliotek"),),
        None,
    ),
    # --- Other groups --------------------------------------------------------
    Kind(
        "vel",
        30,
        ("6.100",),
        (
            "{place} vel",
            "{place} velforening",
            "Øvre {place} vel",
            "Nedre {place} vel",
            "{place} huseierforening",
        ),
        "Velforening for beboerne på {place}: dugnader, nærmiljø, trafikksikkerhet, "
        "juletrefest og 17. mai-arrangement.",
        ("families", "adults"),
        (A("Vårdugnad", ("Lørdager",), ("10.00–14.00",), "{place} grendehus", "april–mai"),),
        (150, 400),
    ),
    Kind(
        "natur",
        10,
        ("5.100",),
        (
            "{place} turlag",
            "{short} jeger- og fiskeforening",
            "Natur og Ungdom {short}",
            "Naturvernforbundet {short}",
            "{place} løypelag",
            "{short} soppforening",
            "{short} ornitologiske forening",
        ),
        "Friluftsliv og naturvern: turer, kurs, rydding av stier og strender.",
        ("families", "adults", "youth"),
        (A("Fellestur", WEEKEND, ("10.00–14.00",), "Parkeringen ved {place} skole"),),
        (200, 600),
    ),
    Kind(
        "dyrevern",
        2,
        ("5.200",),
        ("{short} dyrevern", "{short} kattehjem", "{place} fuglevenner"),
        "Vi tar vare på dyr som trenger hjelp, og formidler omplassering.",
        ("adults",),
        (A("Frivilligkveld", WEEKDAYS, EVENINGS, "{place} grendehus"),),
        (200, 300),
    ),
    Kind(
        "speider",
        12,
        ("13",),
        (
            "{place} speidergruppe",
            "{place} KFUK-KFUM-speidere",
            "{place} sjøspeidere",
            "{place} Frelsesarmeens speidere",
        ),
        "Speiding for barn og ungdom fra 7 år: friluftsliv, leir, samarbeid og lederutvikling.",
        ("children", "youth"),
        (A("Speidermøte", WEEKDAYS, AFTERNOONS, "{place} speiderhytte", SCHOOL_YEAR),),
        (400, 900),
        "scouts",
        ("Gruppeleder", "Troppsleder", "Kasserer"),
    ),
    Kind(
        "barn_ungdom",
        5,
        ("13",),
        (
            "{place} 4H",
            "{place} fritidsklubb",
            "{place} ungdomslag",
            "{short} Ungdommens kulturmønstring",
        ),
        "Aktiviteter for barn og unge, drevet av ungdom og frivillige voksne.",
        ("children", "youth"),
        (A("Åpen klubb", ("Fredager",), ("18.00–22.00",), "{place} fritidshus"),),
        (100, 300),
    ),
    Kind(
        "menighet",
        10,
        ("10.100",),
        (
            "{place} menighet",
            "Pinsemenigheten {place}",
            "{place} misjonsforsamling",
            "{short} baptistmenighet",
            "{place} frikirke",
            "{short} katolske menighet",
            "{short} human-etiske lokallag",
        ),
        "Trossamfunn med gudstjenester, babysang, trosopplæring og diakoni.",
        ("families", "adults", "seniors"),
        (
            A("Gudstjeneste", ("Søndager",), ("11.00–12.30",), "{place} kirke"),
            A("Babysang", WEEKDAYS, ("11.00–12.00",), "{place} menighetshus"),
        ),
        None,
        None,
        ("Menighetsrådsleder", "Daglig leder", "Prest"),
    ),
    Kind(
        "moske",
        2,
        ("10.100", "14.100"),
        ("Islamsk kultursenter {short}", "{short} moské", "{place} muslimske forening"),
        "Moské og kultursenter med fredagsbønn, koranskole for barn og norskkurs for kvinner.",
        ("families", "newcomers"),
        (A("Fredagsbønn", ("Fredager",), ("13.00–14.00",), "{short} moské"),),
        None,
        None,
        ("Styreleder", "Imam", "Sekretær"),
        True,
    ),
    Kind(
        "innvandrer",
        8,
        ("14.100",),
        (
            "{origin} forening i {short}",
            "{origin} kulturforening {short}",
            "{origin} kvinneforening {short}",
            "{origin} ungdomsforening {short}",
            "{short} {people} familieforening",
        ),
        "Møteplass og nettverk for {people} i {short}: kulturkvelder, morsmålsopplæring, "
        "leksehjelp og informasjon om det norske samfunnet.",
        ("newcomers", "families"),
        (A("Kulturkveld", WEEKEND, ("16.00–20.00",), "{place} grendehus"),),
        (100, 300),
        None,
        ("Leder", "Styreleder", "Kasserer"),
        True,
    ),
    Kind(
        "bruker",
        8,
        ("7.100",),
        (
            "LHL {short}",
            "{short} diabetesforening",
            "HLF {short}",
            "{short} Revmatikerforening",
            "Norges Blindeforbund {short}",
            "{short} Astma- og Allergiforening",
            "{short} Pensjonistforbund",
            "Autismeforeningen {short}",
        ),
        "Bruker- og interesseorganisasjon: likepersoner, temamøter og påvirkningsarbeid "
        "overfor kommunen.",
        ("adults", "seniors", "disabilities"),
        (A("Likepersonstreff", WEEKDAYS, MORNINGS, "{short} frivilligsentral"),),
        (250, 450),
    ),
    Kind(
        "frivillighet",
        2,
        ("8.100",),
        ("{place} nærmiljøsentral", "{short} frivillighetsfond", "{place} dugnadsgruppe"),
        "Vi kobler folk som vil bidra med oppgaver i nærmiljøet og støtter nye initiativ.",
        ("adults", "seniors"),
        (A("Åpen kafé", WEEKDAYS, MORNINGS, "{place} bibliotek"),),
        None,
    ),
    Kind(
        "internasjonal",
        2,
        ("9.100",),
        (
            "{short}–Gambia vennskapsforening",
            "{short} Amnesty-gruppe",
            "{place} misjonsforening",
            "{short} FN-forening",
        ),
        "Internasjonal solidaritet: vennskapssamarbeid, innsamlinger og informasjonsarbeid.",
        ("adults",),
        (A("Medlemsmøte", WEEKDAYS, EVENINGS, "{place} bibliotek"),),
        (150, 300),
    ),
    Kind(
        "utdanning",
        3,
        ("2.300",),
        ("Seniornett {short}", "{place} studieforening", "{short} pianoskole for voksne"),
        "Kurs og læring for voksne: digital hjelp, studiesirkler og foredrag.",
        ("seniors", "adults"),
        (A("Digital hjelp", WEEKDAYS, MORNINGS, "{place} bibliotek"),),
        (200, 400),
    ),
    Kind(
        "fagforening",
        2,
        ("11.300",),
        ("{short} lærerlag", "{short} sykepleierforening", "{short} brannmannsforening"),
        "Lokal fagforening for medlemmene i kommunen.",
        ("adults",),
        (),
        (0, 0),
    ),
)

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
