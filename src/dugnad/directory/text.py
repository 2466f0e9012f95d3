"""Norwegian free-text search terms, the same on every database.

PostgreSQL stems with its ``norwegian`` text search configuration (Snowball);
SQLite's FTS5 has no Norwegian stemmer, so the same Snowball algorithm runs
here in Python (``snowballstemmer``) on the indexed text and on the query.
Every query term matches as a prefix of a stem, which also evens out the
places where the stemmer cuts a word and its inflections differently
("korps" → "korp", "korpset" → "korps").
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

# Words too common to search on, in bokmål, nynorsk and English (a query such
# as "korps for barn på Rykkinn" keeps korps, barn and rykkinn).
STOPWORDS = frozenset(
    [
        "og",
        "i",
        "på",
        "for",
        "til",
        "med",
        "av",
        "en",
        "et",
        "ei",
        "den",
        "det",
        "de",
        "som",
        "er",
        "om",
        "fra",
        "ved",
        "eller",
        "men",
        "å",
        "at",
        "så",
        "har",
        "kan",
        "vi",
        "du",
        "jeg",
        "eg",
        "dei",
        "dykk",
        "me",
        "ikkje",
        "ikke",
        "ein",
        "eit",
        "frå",
        "åt",
        "the",
        "and",
        "of",
        "in",
        "for",
        "on",
        "at",
        "to",
        "a",
        "an",
        "with",
        "by",
        "from",
        "or",
        "is",
        "are",
        "near",
    ]
)

# Heads of Norwegian compound words people search for on their own: a search
# for "korps" should find "skolekorps", for "lag" "idrettslag". Indexed text
# gets the head as an extra word (a small decompounder, not a dictionary).
COMPOUND_HEADS = (
    "korps", "kor", "lag", "klubb", "forening", "foreining", "speider", "idrett",
    "musikk", "teater", "dans", "fotball", "ski", "sjakk", "bibliotek", "kirke",
    "menighet", "forsamling", "senter", "råd", "hjelp", "vel",
)  # fmt: skip

_WORD = re.compile(r"[\wæøåÆØÅ]+", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("norwegian")


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def with_compound_heads(text: str) -> str:
    """The text followed by the compound heads found inside its longer words."""
    heads = []
    for word in words(text):
        for head in COMPOUND_HEADS:
            if len(word) > len(head) + 2 and head in word[2:]:
                heads.append(head)
    return f"{text} {' '.join(dict.fromkeys(heads))}" if heads else text


def stems(text: str) -> str:
    """The text as space-separated Norwegian stems (what SQLite indexes)."""
    return " ".join(_stemmer().stemWords(words(text)))


def query_terms(query: str) -> list[str]:
    """The stems a query searches for: stopwords and one-letter words dropped.

    Query words are stemmed twice: the stemmer leaves some inflections one
    step longer than the base form ("korpset" → "korps", but "korps" →
    "korp"), and a query stem is matched as a prefix, so the shorter stem
    finds both.
    """
    terms = [w for w in words(query) if w not in STOPWORDS and len(w) > 1]
    stemmer = _stemmer()
    return list(dict.fromkeys(stemmer.stemWords(stemmer.stemWords(terms))))


# Abbreviations that stay in capitals when a register name is re-cased
# (idrettslag, idrettsforening, fotballklubb, ...; youth and church bodies).
_ACRONYMS = frozenset(
    [
        "IL",
        "IF",
        "IK",
        "FK",
        "BK",
        "SK",
        "HK",
        "TIF",
        "KFUM",
        "KFUK",
        "NMF",
        "NJFF",
        "DNT",
        "NRK",
        "NKS",
        "AS",
        "SA",
        "BA",
        "ASA",
        "FAU",
        "SFO",
        "LHL",
        "MS",
        "NSF",
        "NFF",
        "NIF",
    ]
)
_SMALL_WORDS = frozenset(
    ["og", "i", "på", "for", "til", "med", "av", "fra", "ved", "under", "over", "om"]
)


def name_from_register(name: str) -> str:
    """A register name written in capitals, as people write it.

    Brønnøysund stores names in capitals ("RYKKINN SKOLEKORPS"). Which words
    are proper names cannot be known, so every word but the small ones gets a
    capital letter ("Rykkinn Skolekorps"), known abbreviations stay in
    capitals ("IL Jutul"), and words joined by hyphens are each capitalised.
    A name with any lower-case letter is kept as it is. Organisations can
    correct their name; the import never overwrites it afterwards.
    """
    if not name or name != name.upper() or not any(c.isalpha() for c in name):
        return name

    def part(text: str) -> str:
        if text in _ACRONYMS or any(c.isdigit() for c in text):
            return text  # IL, KFUM; 4H, 1814
        return text.capitalize()

    words = []
    for position, word in enumerate(name.split(" ")):
        if position > 0 and word.lower() in _SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append("-".join(part(piece) for piece in word.split("-")))
    return " ".join(words)
