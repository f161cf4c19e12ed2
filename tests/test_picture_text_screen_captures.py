"""Forms red team 21 (a third overlay generator, benchmarks/redteam21) found unflagged on screen captures:
made-up lines in the places viewers and scanners print them."""

from __future__ import annotations

import pytest

from helpers import ocr_line as line
from slidesan.scan.identifiers import find_identifiers
from slidesan.scan.picture_text import judge_picture


def corner(*texts: str, x: int = 10) -> list:
    return [line(t, x, 10 + 18 * k) for k, t in enumerate(texts)]


def identifiers(lines) -> list[tuple[str, str]]:
    return [(m.category, m.text) for _, m in judge_picture(lines).identifiers()]


def ocr_found(text: str) -> list[tuple[str, str]]:
    return [(m.category, m.text) for m in find_identifiers(text, source="ocr") if m.severity == "high"]


# ------------------------------------------------------------ a hospital number's label read with a letter lost

@pytest.mark.parametrize("text", ["Hosptal No 447118", "Hospita1 No: 447118", "Hospitl No. 447118"])
def test_a_hospital_number_after_a_label_read_with_a_letter_wrong_is_flagged(text):
    assert ("hospital-number", "447118") in ocr_found(text)


# ------------------------------------------------------------ a site line cut to `HOSP`

@pytest.mark.parametrize("text, site", [("KILBRECK COMMUNITY HOSP", "KILBRECK COMMUNITY HOSP"),
                                        ("ST ODRAN'S GEN HOSP.", "ST ODRAN'S GEN HOSP")])
def test_a_site_line_cut_to_hosp_is_an_institution(text, site):
    assert ("institution", site) in ocr_found(text)


@pytest.mark.parametrize("text", ["PATIENT HOSP NO 447118", "HOSP 447118"])
def test_hosp_as_the_numbers_label_is_no_institution(text):
    assert not [c for c, _ in ocr_found(text) if c == "institution"]


# ------------------------------------------------------------ the ID right after the name in a header strip

@pytest.mark.parametrize("code", ["552917", "W47-4 32164", "G13-974949"])
def test_a_code_right_after_the_name_in_a_header_strip_is_the_patients_id(code):
    """An ultrasound header strip read field by field: name, bare ID, study date on one baseline."""
    lines = [line("OYELARAN, Tomas", 8, 14), line(code, 140, 14), line("13/06/17 08:03", 260, 14)]
    assert ("patient-id", code) in identifiers(lines)


def test_the_code_after_the_name_is_found_when_the_name_was_read_twice_and_the_fields_stand_apart():
    """A second reading of the name's place (`5ZAB0.llona` over `SZABO, Ilona`) stands between them, and the ID's
    digits (no ascenders) are shorter than the name, so the fields stand more than six of its heights apart."""
    lines = [line("SZABO, Ilona", 4, 12), line("5ZAB0.llona", 7, 14, conf=31.0), line("W47-4 32164", 160, 14, height=7),
             line("Jan 18, 2020 08:03", 260, 14)]
    assert ("patient-id", "W47-4 32164") in identifiers(lines)


def test_a_number_in_a_strip_not_after_a_name_stays_harmless():
    lines = [line("Abdomen", 8, 14), line("552917", 100, 14), line("TIS 0.7 MI 1.1", 200, 14)]
    assert not [c for c, t in identifiers(lines) if t == "552917"]


# ------------------------------------------------------------ the head of a patient block

@pytest.mark.parametrize("head", ["st. quellan, ria", "horvadt, kwesi", "o'dwyer, ines"])
def test_a_lower_case_surname_given_heading_a_patient_block_is_a_name(head):
    lines = corner(head, "Pat ID 3105-15806", "D.O.B. 20 DEC 2010")
    assert ("name", head) in identifiers(lines)


@pytest.mark.parametrize("head", ["chest, abdomen", "and marsh, the", "trees and, wings"])
def test_lower_case_vocabulary_or_a_sentence_fragment_heading_a_block_is_no_name(head):
    lines = corner(head, "Pat ID 3105-15806", "D.O.B. 20 DEC 2010")
    assert not [t for c, t in identifiers(lines) if c == "name"]


def test_a_name_the_word_lists_doubt_is_confirmed_by_heading_a_patient_block():
    """`Mei KIM` alone is unsure (review); first in a block over an NHS number and a birth date it is the name."""
    assert ("name", "Mei KIM") in identifiers(corner("Mei KIM", "NHS No: 280 870 0717", "BD: 28-Mar-1984"))
