"""An address line is one person's home to its end: flat, house, street, town and postcode, comma by
comma (forms found by the browser-rendered red-team set). Made-up addresses."""

from __future__ import annotations

import pytest

from slidesan.scan.identifiers import find_identifiers
from slidesan.scan.identifiers.vocabulary import default_vocabulary


def addresses(text: str) -> list[str]:
    return [m.text for m in find_identifiers(text, default_vocabulary(), source="ocr") if m.category == "address"]


@pytest.mark.parametrize("text", [
    "221 Quarrel Rd, Apt 5, Portsmouth PO1 3LJ",       # flat and town with a UK postcode after the street
    "2/16 Wattle Road, Bondi NSW 2026",                # unit/house number, suburb, state and postcode
    "Flat 3, 9 Kiln Lane, Hexham NE46 1AB",            # the flat before the house number
    "Calle del Pino 18, 3ºB, 28014 Madrid",            # a floor and door, then postal code and town
    "52 Tallow Avenue, Dublin 6W",                     # a Dublin district
])
def test_the_whole_address_line_is_one_address(text):
    assert addresses(text) == [text]


def test_the_line_ends_at_words_that_are_not_a_town():
    assert addresses("12 Baker Street, and then, the CT showed a mass") == ["12 Baker Street"]


@pytest.mark.parametrize("text", ["Kerkstraat 12, 1017 GC Amsterdam", "ul. Marszałkowska 10, 00-590 Warszawa",
                                  "Storgatan 5, 111 22 Stockholm", "Hauptstraße 5, 10115 Berlin"])
def test_streets_and_postal_codes_of_more_countries_make_one_address(text):
    for source in ("text", "ocr"):
        assert [(m.category, m.text) for m in find_identifiers(text, source=source) if m.severity != "info"] == [
            ("address", text)]


@pytest.mark.parametrize("text", ["Tel.: 01 23 45 67 89", "Tél : 06 12 34 56 78", "01 23 45 67 89", "Telefon: 030 1234567"])
def test_phone_numbers_written_in_pairs_or_after_a_label_in_other_languages(text):
    assert [m.category for m in find_identifiers(text) if m.severity != "info"] == ["phone"]


@pytest.mark.parametrize("text", ["Series 12 34 56 78 90", "T2 weg 12", "et al. 2019"])
def test_counters_and_prose_are_not_phones_or_addresses(text):
    assert not [m for m in find_identifiers(text, source="ocr") if m.category in ("phone", "address")]
