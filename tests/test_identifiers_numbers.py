"""NHS / CHI numbers and hospital, accession and patient-ID numbers."""

import pytest

from slidesan.scan.identifiers import find_identifiers
from slidesan.scan.identifiers.nhs_numbers import mod11_valid


def found(text, source="text"):
    return [(m.category, m.text) for m in find_identifiers(text, source=source)]


@pytest.mark.parametrize("digits", ["9434765919", "4010232137", "9876543210"])
def test_mod11_accepts_valid_numbers(digits):
    assert mod11_valid(digits)


@pytest.mark.parametrize("digits", ["9434765918", "1234567890", "943476591", "94347659190", "abcdefghij"])
def test_mod11_rejects_bad_numbers(digits):
    assert not mod11_valid(digits)


@pytest.mark.parametrize("text", ["943 476 5919", "9434765919", "943-476-5919", "NHS No: 943 476 5919"])
def test_nhs_number_forms(text):
    assert ("nhs-number", text.split(": ")[-1]) in found(text)


def test_nhs_context_raises_confidence():
    bare = find_identifiers("943 476 5919")[0]
    labelled = find_identifiers("NHS number 943 476 5919")[0]
    assert labelled.confidence > bare.confidence


def test_number_failing_mod11_is_not_nhs():
    assert not any(c == "nhs-number" for c, _ in found("NHS 943 476 5918"))


def test_number_failing_mod11_is_hospital_number_when_labelled():
    assert found("Hosp No: 9434765918") == [("hospital-number", "9434765918")]


def test_chi_number_starts_with_date_of_birth():
    # 010180 = 1 Jan 1980; check digit computed with the mod-11 weights
    digits = "010180123"
    total = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1)))
    check = (11 - total % 11) % 11
    assert check != 10
    number = digits + str(check)
    assert found(f"CHI: {number}") == [("chi-number", number)]
    assert found(number)[0][0] == "chi-number"


def test_split_digit_groups_from_ocr_are_joined():
    assert found("943 476 5919", source="ocr") == [("nhs-number", "943 476 5919")]


@pytest.mark.parametrize("text,category,value", [
    ("MRN: AB123456", "hospital-number", "AB123456"),
    ("Hosp No 12345678", "hospital-number", "12345678"),
    ("Hospital No. K123456", "hospital-number", "K123456"),
    ("PID: 556677", "patient-id", "556677"),
    ("Patient ID 00012345", "patient-id", "00012345"),
    ("Acc: RX20193344", "accession", "RX20193344"),
    ("Accession 120907058", "accession", "120907058"),
    ("Study ID 4471", "accession", "4471"),
])
def test_labelled_record_numbers(text, category, value):
    assert (category, value) in found(text)


@pytest.mark.parametrize("text", ["00079241539", "120907058", "00047431395", "91011121314159"])
def test_bare_long_digit_runs_in_ocr(text):
    assert found(text, source="ocr") == [("hospital-number", text)]


@pytest.mark.parametrize("text", [
    "ID: 3", "Se: 3 Im: 45", "PMID: 12345678", "1234.5678 mm", "slice -1234567.5", "0000000",
    "Series 1234567 of", "version v10.2.3",
    "12345 6 7 8 9101112131415 16 17", "25 262728293031",        # a calendar's weeks read without their spaces
])
def test_record_number_negatives(text):
    assert not [c for c, _ in found(text, source="ocr") if c in ("hospital-number", "accession", "patient-id")]


@pytest.mark.parametrize("text", ["ISBN 0596002033", "ISBN: 0130952494", "Tel 943 476 5919"])
def test_isbn_and_phone_context_are_not_nhs_numbers(text):
    assert not [c for c, _ in found(text) if c == "nhs-number"]


@pytest.mark.parametrize("text", ["Tel: 980 262 7852", "Phone 415 555 0132", "Fax: 212-555-0187"])
def test_north_american_numbers_after_a_phone_label_are_phones(text):
    assert [c for c, _ in found(text)] == ["phone"]


@pytest.mark.parametrize("text", ["930 262 7352", "do: 930 262 7352", "NHS 943-476-5918"])
def test_grouped_ten_digits_read_from_pixels_are_identifiers_whatever_their_check_digit(text):
    # one misread digit always breaks the modulus-11 check; the 3-3-4 grouping is the printed NHS form
    assert [c for c, _ in found(text, source="ocr")] == ["nhs-number"]


@pytest.mark.parametrize("text", ["930 262 7352", "9302627352", "512 512 1024"])
def test_check_digit_still_decides_in_typed_text_and_ungrouped_runs(text):
    assert not [c for c, _ in found(text) if c == "nhs-number"]
    assert not [c for c, _ in found("9302627352 ", source="ocr") if c == "nhs-number"]


@pytest.mark.parametrize("text", ["EPA STAR Grant #R827405", "Grant No. 2204571", "Award 2204571", "Lot 4455667",
                                  "Catalogue # 4455667"])
def test_a_number_after_a_grant_lot_or_catalogue_label_is_no_record_number(text):
    assert not [m for m in find_identifiers(text) if m.category in ("hospital-number", "patient-id", "accession")]


def test_a_digit_run_longer_than_any_record_number_is_data_in_typed_text():
    """A binary stream's printable runs (`0808080807070707...`) are no patient's number; a run read
    from pixels may be two numbers glued by OCR, so there it still counts."""
    run = "0808080807070707070706060606060606050505050505050"
    assert not find_identifiers(run, source="text")
    assert find_identifiers("MRN 4857773456", source="text")
    assert [m.category for m in find_identifiers(run, source="ocr")] == ["hospital-number"]


@pytest.mark.parametrize("run", ["0000000", "02020202020202020202", "4747474747"])
def test_one_or_two_digits_over_and_over_are_a_pattern_not_a_number(run):
    assert not [m for m in find_identifiers(run, source="ocr") if m.category == "hospital-number"]
