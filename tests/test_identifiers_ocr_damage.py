"""Identifiers as OCR damages them: a value after its label (identifiers/labelled_values.py), a
date or record number one misread digit off its format."""

from __future__ import annotations

import pytest

from slidesan.scan.identifiers import find_identifiers


def high(line: str, source: str = "ocr") -> list[tuple[str, str]]:
    return [(m.category, m.text) for m in find_identifiers(line, source=source) if m.severity == "high"]


@pytest.mark.parametrize("line, expected", [
    ("NHS: 299 032.5751", [("nhs-number", "299 032.5751")]),          # a space read as a full stop
    ("NHS No: 669 156 4949", [("nhs-number", "669 156 4949")]),       # one digit misread: check digit fails
    ("NHS: 592 551 26", [("nhs-number", "592 551 26")]),              # a digit group lost
    ("WHS: 346 343 B6r8", [("nhs-number", "346 343 B6r8")]),          # the label misread as well
    ("MRN XX8&597622", [("hospital-number", "XX8&597622")]),
    ("Address postcode: Gi2 8QQ", [("postcode", "Gi2 8QQ")]),
    ("Address postcode: CFT4 &Xw", [("postcode", "CFT4 &Xw")]),
    ("ID; 89308032505", [("patient-id", "89308032505")]),
    ("DOB: 17 Nov 13846", [("date-of-birth", "17 Nov 13846")]),
])
def test_damaged_value_after_its_label_is_flagged(line, expected):
    assert high(line) == expected


@pytest.mark.parametrize("line", [
    "ID: 3 Im: 45", "Se: 3 Im: 45 ID 12", "NHS: 2019 plan", "MRN: 12 mm", "Acc: 5.0 mm 120 kV",
    "Patient ID: 0.5 1.25 3.0", "Postcode lookup", "NHS 111 advice", "DOB: unknown",
])
def test_labels_without_a_plausible_value_are_not_flagged(line):
    assert high(line) == []


def test_typed_slide_text_is_not_read_as_damaged():
    """Slide text has no OCR damage: a label followed by junk there is not an identifier."""
    assert high("NHS: 592 551 26", source="text") == []
    assert high("MRN XX8&597622", source="text") == []


def test_an_intact_value_keeps_its_own_detector():
    assert high("NHS: 943 476 5919") == [("nhs-number", "943 476 5919")]
    assert [m.confidence for m in find_identifiers("NHS: 943 476 5919", source="ocr")] == [0.97]


@pytest.mark.parametrize("line, expected", [
    ("KAUFMAN SCOTT [M] 93.09.2012", ("date", "93.09.2012")),       # the 0 of the day read as 9
    ("03.39.2012", ("date", "03.39.2012")),                          # 30 read as 39
    ("69/68/1991", ("date", "69/68/1991")),                          # 09/08 with both 0s read as 6
    ("4958-11-23 F", ("date", "4958-11-23")),                        # the 1 of 1958 read as 4
    ("23.11.7958", ("date", "23.11.7958")),                          # ... or as 7
    ("seen BD3. Juni1961", ("date", "Juni1961")),                      # the space before the year lost
    ("RX?306261", ("hospital-number", "RX?306261")),                 # a 7 read as ?
    ("MAN KT#349427", ("hospital-number", "KT#349427")),             # a 7 read as #
])
def test_one_misread_digit_keeps_an_identifier(line, expected):
    assert expected in high(line)
    assert expected not in high(line, source="text")


@pytest.mark.parametrize("line", ["33.33.2012", "69/68/195", "4958-11-43", "5958-11-23", "1234-05-06", "v 93.09.2012", "AB#12#456", "T2 #123456",
                                  "Ure WY Use FU LUNE FUL"])
def test_damage_no_single_confusion_explains_is_not_flagged(line):
    assert high(line) == []


def test_a_four_word_name_without_its_caret_is_still_a_name():
    assert ("name", "VAN DER BERG HARUTO") in high("VAN DER BERG HARUTO")


def test_a_misread_dob_label_is_a_label_not_a_name():
    assert high("OOB- 14/03/1968") == [("date-of-birth", "14/03/1968")]
    assert ("name", "SMITH JOHN") in high("SMITH JOHN 14/03/1968")


@pytest.mark.parametrize("line", ["Comparing Text Formats", "Ohio Assessment Timeline", "Registered Due",
                                  "Enduring Understanding"])
def test_a_screenshot_heading_in_mixed_case_is_not_a_name(line):
    """Mixed-case words read from a screenshot are judged as slide text judges them: English word
    forms (comparing, timeline) and place names are not surnames."""
    assert high(line) == []


@pytest.mark.parametrize("line, name", [
    ("MANNING FIELDING", "MANNING FIELDING"),      # upper case, as PACS prints names: word forms do not excuse it
    ("Aoife Ellingham", "Aoife Ellingham"),
    ("Seen Okonkwo Fielding", "Okonkwo Fielding"),
])
def test_names_in_ocr_text_survive_the_word_form_test(line, name):
    assert ("name", name) in high(line)


@pytest.mark.parametrize("line", ["CPU Usage", "POI Project", "ELA College Readiness"])
def test_an_acronym_before_known_words_is_not_a_name(line):
    assert high(line) == []


@pytest.mark.parametrize("line, name", [("ALI Okonkwo", "ALI Okonkwo"), ("Wei CHEN", "Wei CHEN"), ("CHEN Wei Ling", "CHEN Wei Ling"),
                                        ("CHEN LI", "CHEN LI"), ("Kate CHEN", "Kate CHEN")])
def test_short_upper_case_names_are_still_names(line, name):
    """The acronym rule needs every unknown word to be a short upper-case one: a mixed-case surname
    beside it, or upper case throughout (as PACS prints names), keeps the name."""
    assert ("name", name) in high(line)


def test_a_glued_birth_date_after_a_label_misread_in_both_letters():
    """`DOB:17041969` read as `008:17041969`: the label's look-alike digits still open a birth date."""
    from slidesan.scan.identifiers import find_identifiers

    assert [(m.category, m.text) for m in find_identifiers("008:17041969", source="ocr")] == \
        [("date-of-birth", "17041969")]


def test_a_misread_three_letter_month_with_its_abbreviation_dot():
    """`28 dée. 1992` is `28 déc. 1992` with one letter misread; without the dot a three-letter word
    is too short to be taken for a month (`5 ten 2001`)."""
    from slidesan.scan.identifiers import find_identifiers

    assert [(m.category, m.text) for m in find_identifiers("Date: 28 dée. 1992", source="ocr")
            if m.category == "date"] == [("date", "28 dée. 1992")]
    assert not [m for m in find_identifiers("5 ten 2001", source="ocr") if m.category == "date"]


@pytest.mark.parametrize("line", ["Window Preset Descrip...", "Export Series Destinat\u2026",   # cut to fit a button
                                  "Notch Filter Frequ...", "Fitter High Level",              # common words in a row
                                  "Archivo Editar Ver Herramientas Ayuda"])                  # a menu in Spanish
def test_interface_labels_read_from_pixels_are_not_names(line):
    assert [c for c, _ in high(line) if c == "name"] == []


@pytest.mark.parametrize("line, name", [("Kreich, Micha...", "Kreich, Micha"), ("Jade Hill", "Jade Hill"),
                                        ("Encik Ahmad Faiz Bin Ismail", "Encik Ahmad Faiz Bin Ismail"),
                                        ("Amelie Rossi...", "Amelie Rossi")])
def test_names_cut_short_or_made_of_two_common_words_stay_names(line, name):
    assert ("name", name) in high(line)


@pytest.mark.parametrize("line", ["(0008,0018) SOP Instance UID 1.2.840.113619.2.471",
                                  "Media Storage SOP Class UID 1.2.840,10008,5.1.4"])
def test_a_uid_after_a_capitalised_word_is_no_birth_date_behind_a_name(line):
    """A PACS name is an upper-case run before a sex marker or a date; a UID opens like a date (`1.2.840`)."""
    assert [c for c, _ in high(line) if c == "name"] == []
    assert ("name", "WATANABE KENJI") in high("WATANABE KENJI 1.2.1960")


@pytest.mark.parametrize("line, expected", [
    ("O06; 23] May 1992", ("date", "23] May 1992")),                 # a box border read as ] after the day
    ("DOB: 7| Jan 2001", ("date-of-birth", "7| Jan 2001")),          # ... or as a bar
    ("Study 14) Mar 2019 10:02", ("date", "14) Mar 2019")),
])
def test_a_border_read_after_the_day_keeps_the_date(line, expected):
    assert expected in high(line)


@pytest.mark.parametrize("line", ["(12) Patients", "[10] Smith J", "Fig 3] shows"])
def test_a_bracketed_number_before_words_is_not_made_a_date(line):
    assert not [c for c, _ in high(line) if c.startswith("date")]


@pytest.mark.parametrize("line, value", [("HOPE FAITH F 61Y 10:4471203", "4471203"), ("l0: 4471203", "4471203")])
def test_an_id_label_read_with_a_zero_for_its_d_labels_a_long_number(line, value):
    assert ("patient-id", value) in high(line)


@pytest.mark.parametrize("line", ["Time 10:45:31 10:4512", "10:45 512 mm", "ratio 10:1"])
def test_a_time_or_ratio_is_no_misread_id_label(line):
    assert not [c for c, _ in high(line) if c == "patient-id"]
