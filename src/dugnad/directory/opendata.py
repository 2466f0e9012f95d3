"""What the directory's open data shares, in every format: the licence, and the
public facts of an organisation as plain values (what its page shows).

The JSON API, the HSDS export and the CSV export all read organisations
through :func:`dugnad.directory.queries.with_details`, so each of them costs a
fixed number of queries, and say the same licence.
"""

from __future__ import annotations

from dataclasses import dataclass

from dugnad.directory.models import Organisation, TargetGroup
from dugnad.directory.queries import LANGUAGES
from dugnad.municipalities.models import District


@dataclass(frozen=True)
class Licence:
    id: str
    name: str
    url: str

    @property
    def link_header(self) -> str:
        """An RFC 8288 ``Link`` header value naming the licence."""
        return f'<{self.url}>; rel="license"; title="{self.id}"'


NLOD = Licence(
    id="NLOD-2.0",
    name="Norsk lisens for offentlige data (NLOD) 2.0",
    url="https://data.norge.no/nlod/no/2.0",
)


def districts_of(organisation: Organisation) -> list[District]:
    """The districts the organisation is active in, its main district first
    (from prefetched rows: no queries)."""
    found: list[District] = []
    if organisation.district is not None:
        found.append(organisation.district)
    found += [d for d in organisation.districts.all() if d not in found]
    return found


def target_group_pairs(organisation: Organisation) -> list[tuple[str, str]]:
    labels = dict(TargetGroup.choices)
    return [(code, str(labels[code])) for code in organisation.target_groups if code in labels]


def language_pairs(organisation: Organisation) -> list[tuple[str, str]]:
    return [(code, str(LANGUAGES.get(code, code))) for code in organisation.languages]
