"""The activity categories of Frivillighetsregisteret: the twelve ICNPO main
groups with their subgroups, and Norway's two additional main groups (13
children and youth, 14 inclusion and diversity). Codes follow the register
("1", "1.100"); the register import adds any code it meets that is not here.
"""

from __future__ import annotations

# (code, bokmål, nynorsk, English)
CATEGORIES: list[tuple[str, str, str, str]] = [
    ("1", "Kultur og fritid", "Kultur og fritid", "Culture and recreation"),
    ("1.100", "Kunst og kultur", "Kunst og kultur", "Culture and arts"),
    ("1.200", "Idrett", "Idrett", "Sports"),
    ("1.300", "Rekreasjon og sosiale foreninger", "Rekreasjon og sosiale foreiningar",
     "Other recreation and social clubs"),
    ("2", "Utdanning og forskning", "Utdanning og forsking", "Education and research"),
    ("2.100", "Grunn- og videregående utdanning", "Grunn- og vidaregåande utdanning",
     "Primary and secondary education"),
    ("2.200", "Høyere utdanning", "Høgare utdanning", "Higher education"),
    ("2.300", "Annen utdanning", "Anna utdanning", "Other education"),
    ("2.400", "Forskning", "Forsking", "Research"),
    ("3", "Helse", "Helse", "Health"),
    ("3.100", "Sykehus og rehabilitering", "Sjukehus og rehabilitering",
     "Hospitals and rehabilitation"),
    ("3.200", "Sykehjem", "Sjukeheim", "Nursing homes"),
    ("3.300", "Psykisk helse og krisearbeid", "Psykisk helse og krisearbeid",
     "Mental health and crisis intervention"),
    ("3.400", "Andre helsetjenester", "Andre helsetenester", "Other health services"),
    ("4", "Sosiale tjenester", "Sosiale tenester", "Social services"),
    ("4.100", "Sosiale tjenester", "Sosiale tenester", "Social services"),
    ("4.200", "Krisehjelp og støttearbeid", "Krisehjelp og støttearbeid", "Emergency and relief"),
    ("4.300", "Økonomisk og materiell støtte", "Økonomisk og materiell støtte",
     "Income support and maintenance"),
    ("5", "Natur, miljø og dyrevern", "Natur, miljø og dyrevern",
     "Environment and animal protection"),
    ("5.100", "Natur- og miljøvern", "Natur- og miljøvern", "Environment"),
    ("5.200", "Dyrevern", "Dyrevern", "Animal protection"),
    ("6", "Lokalsamfunn og bolig", "Lokalsamfunn og bustad", "Development and housing"),
    ("6.100", "Lokalsamfunnsutvikling og velforeninger",
     "Lokalsamfunnsutvikling og velforeiningar", "Community development and neighbourhoods"),
    ("6.200", "Bolig", "Bustad", "Housing"),
    ("6.300", "Arbeid og opplæring", "Arbeid og opplæring", "Employment and training"),
    ("7", "Politikk og interessegrupper", "Politikk og interessegrupper",
     "Law, advocacy and politics"),
    ("7.100", "Interesse- og brukerorganisasjoner", "Interesse- og brukarorganisasjonar",
     "Civic and advocacy organisations, user organisations"),
    ("7.200", "Rettshjelp", "Rettshjelp", "Law and legal services"),
    ("7.300", "Politiske organisasjoner", "Politiske organisasjonar", "Political organisations"),
    ("8", "Stiftelser og frivillighetsfremmende organisasjoner",
     "Stiftingar og frivilligheitsfremjande organisasjonar",
     "Philanthropic intermediaries and voluntarism promotion"),
    ("8.100", "Stiftelser og frivillighetssentraler", "Stiftingar og frivilligsentralar",
     "Grant-making foundations and volunteer centres"),
    ("9", "Internasjonale organisasjoner", "Internasjonale organisasjonar", "International"),
    ("9.100", "Internasjonale organisasjoner", "Internasjonale organisasjonar",
     "International activities"),
    ("10", "Tro og livssyn", "Tru og livssyn", "Religion and life stance"),
    ("10.100", "Tros- og livssynssamfunn", "Trus- og livssynssamfunn",
     "Religious and life stance congregations"),
    ("11", "Arbeidsliv og fagforeninger", "Arbeidsliv og fagforeiningar",
     "Business, professional associations and unions"),
    ("11.100", "Arbeidsgiverorganisasjoner", "Arbeidsgivarorganisasjonar",
     "Business associations"),
    ("11.200", "Yrkes- og fagorganisasjoner", "Yrkes- og fagorganisasjonar",
     "Professional associations"),
    ("11.300", "Fagforeninger", "Fagforeiningar", "Labour unions"),
    ("12", "Andre", "Andre", "Not elsewhere classified"),
    ("12.100", "Andre", "Andre", "Not elsewhere classified"),
    ("13", "Barne- og ungdomsorganisasjoner", "Barne- og ungdomsorganisasjonar",
     "Children and youth organisations"),
    ("14", "Inkludering og mangfold", "Inkludering og mangfald", "Inclusion and diversity"),
    ("14.100", "Innvandrerorganisasjoner", "Innvandrarorganisasjonar", "Immigrant organisations"),
]  # fmt: skip


def main_code(code: str) -> str:
    return code.split(".", 1)[0]


def normalise_code(raw: str) -> str:
    """ "1 100", "1.100" and "1.1" all mean subgroup 1.100; "1" is a main group."""
    text = raw.strip().replace(" ", ".")
    main, _sep, sub = text.partition(".")
    if not sub:
        return main
    return f"{main}.{sub.ljust(3, '0')[:3]}"


def sort_key(code: str) -> str:
    """Orders codes numerically: 2 before 10, 1.100 before 1.200."""
    main, _sep, sub = code.partition(".")
    return f"{int(main):03d}.{sub:0<3}" if main.isdigit() else code


def load_categories(category_model: type) -> None:
    """Create or update the categories (used by a data migration and tests)."""
    objects = category_model._default_manager  # type: ignore[attr-defined]
    by_code: dict[str, object] = {}
    for code, name_nb, name_nn, name_en in CATEGORIES:
        parent = by_code.get(main_code(code)) if "." in code else None
        category, _created = objects.update_or_create(
            code=code,
            defaults={
                "name_nb": name_nb,
                "name_nn": name_nn,
                "name_en": name_en,
                "parent": parent,
                "sort_key": sort_key(code),
            },
        )
        by_code[code] = category
