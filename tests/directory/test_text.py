"""Register names re-cased for people to read."""

from __future__ import annotations

import pytest

from dugnad.directory.text import name_from_register


@pytest.mark.parametrize(
    ("register", "written"),
    [
        ("RYKKINN SKOLEKORPS", "Rykkinn Skolekorps"),
        ("IL JUTUL", "IL Jutul"),
        ("NATUR OG UNGDOM BÆRUM", "Natur og Ungdom Bærum"),
        ("STABÆK FOTBALL KVINNER", "Stabæk Fotball Kvinner"),
        ("BÆRUM RØDE KORS HJELPEKORPS", "Bærum Røde Kors Hjelpekorps"),
        ("SANDVIKA-BEKKESTUA SJAKKLUBB", "Sandvika-Bekkestua Sjakklubb"),
        ("KFUM-KFUK BÆRUM", "KFUM-KFUK Bærum"),
        ("Rykkinn skolekorps", "Rykkinn skolekorps"),  # already written by people
        ("4H BÆRUM", "4H Bærum"),
    ],
)
def test_register_names_in_capitals_are_recased(register: str, written: str) -> None:
    assert name_from_register(register) == written
