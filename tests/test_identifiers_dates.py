"""Dates, dates of birth and times in overlay and slide-text forms; scan parameters are not dates."""

import pytest

from slidesan.scan.identifiers import find_identifiers


def found(text, source="text"):
    return [(m.category, m.text) for m in find_identifiers(text, source=source)]


@pytest.mark.parametrize("value", [
    "03/04/1961", "03-Apr-1961", "03.04.1961", "3 Apr 1961", "06.16.1976", "2012-03-09", "4/14/2020",
    "3rd April 1961", "April 3, 1961", "03/04/61", "1961/04/03",
])
def test_date_forms(value):
    assert found(f"scan {value} done") == [("date", value)]


def test_compact_date_standalone():
    assert found("19610403") == [("date", "19610403")]


@pytest.mark.parametrize("name, date", [
    ("IMG_20240317_101512.jpg", "20240317"), ("Thrombus_20241017", "20241017"), ("scan_2024-10-17.dcm", "2024-10-17"),
    ("export_2019.03.14_final", "2019.03.14"), ("scan-2024-10-17", "2024-10-17"), ("case_14.03.2019", "14.03.2019"),
    ("2019-03-14T10:15:22.500000", "2019-03-14"), ("20190314T101522", "20190314"),      # ISO 8601 date and time
])
@pytest.mark.parametrize("source", ["text", "ocr"])
def test_dates_glued_into_file_and_series_names(name, date, source):
    """A camera's or a lecturer's file name and a series name glue the study date in with `_` or a
    word's hyphen; it is the same date (RCR: an indirect identifier), typed or read from pixels."""
    hits = found(name, source)
    assert ("date", date) in hits or source == "ocr" and any(c == "patient-id" and date in t for c, t in hits), hits


@pytest.mark.parametrize("text", ["12-34-56-789012", "1.2.840.20190314.1", "v2019-03-14", "A20190314", "20190314-001"])
def test_a_date_inside_a_longer_number_or_word_is_not_a_date(text):
    assert not [c for c, _ in found(text) if c == "date"]


@pytest.mark.parametrize("text", ["19611403", "18990101", "21000101", "196104031"])
def test_compact_date_must_be_valid(text):
    assert not [c for c, _ in found(text) if c == "date"]


@pytest.mark.parametrize("label", ["DOB: ", "DOB ", "D.O.B. ", "Born ", "Date of birth: ", "D0B: "])
def test_date_of_birth_labels(label):
    assert found(f"{label}06.16.1976", source="ocr")[-1] == ("date-of-birth", "06.16.1976")


def test_ocr_confusions_in_dates():
    assert found("0B.09.2012", source="ocr") == [("date", "0B.09.2012")]
    assert found("D0B: O7.22.1943", source="ocr") == [("date-of-birth", "O7.22.1943")]


def test_six_digit_date_only_after_dob():
    assert found("DOB 030461") == [("date-of-birth", "030461")]
    assert not [c for c, _ in found("Ref 030461") if c.startswith("date")]


@pytest.mark.parametrize("text", ["13.13.2012", "31/02/2012", "00.01.2000", "12.05.1850"])
def test_impossible_dates_are_not_dates(text):
    assert not [c for c, _ in found(text) if c.startswith("date")]


@pytest.mark.parametrize("text", [
    "5.0 mm", "W:400 L:40", "1.5T", "version 2.3.1", "v10.2.14", "1.5.10", "slice -123.5", "120/80",
    "Se: 3 Im: 45", "3.5 MHz", "TIS 0.4", "MI 1.14", "Z 12.04", "512x512", "1:100", "16:9", "Pitch 0.98",
])
def test_scan_parameters_are_not_dates_or_times(text):
    assert not [c for c, _ in found(text, source="ocr") if c in ("date", "date-of-birth", "time")]


@pytest.mark.parametrize("value", ["05:24:57PM", "8:48:26 AM", "17:05", "11:30 pm", "08:15:00"])
def test_times(value):
    assert found(value) == [("time", value)]


def test_date_and_time_together():
    assert found("03/02/2017 05:24:57PM") == [("date", "03/02/2017"), ("time", "05:24:57PM")]


def test_dob_beats_plain_date_on_confidence():
    dob = find_identifiers("DOB: 03/04/1961")[0]
    plain = find_identifiers("03/04/1961")[0]
    assert dob.category == "date-of-birth" and plain.category == "date"
    assert dob.confidence > plain.confidence


def test_may_as_a_verb_is_not_a_date():
    assert found("this may 2020 change") == []


@pytest.mark.parametrize("value", ["20 Juni 1993", "19 marzo 2006", "3 Sept 1961", "12 décembre 1970", "l9-May-1956"])
def test_month_names_in_other_languages_and_ocr_days(value):
    assert found(f"x {value}", source="ocr")[-1] == ("date", value)


def test_mj_misread_sex_marker_is_not_a_name():
    assert found("MJ 01.09.2012", source="ocr") == [("date", "01.09.2012")]


def test_ocr_misread_day_keeps_the_whole_date():
    assert found("DOB: 69-Jul-1976", source="ocr") == [("date-of-birth", "69-Jul-1976")]
    assert not [c for c, _ in found("69-Jul-1976") if c.startswith("date") and _ == "69-Jul-1976"]


@pytest.mark.parametrize("text", ["1954年3月12日", "1954년 3월 12일", "12 marca 1954", "12 Mart 1954", "12 Μαρτίου 1954",
                                  "12 марта 1954 г.", "12 października 2019", "3. května 1960", "12. maaliskuuta 1954",
                                  "12 Mayıs 1954", "7 augusti 2001"])
def test_dates_as_more_languages_print_them(text):
    for source in ("text", "ocr"):
        assert [m.category for m in find_identifiers(text, source=source) if m.severity == "high"] == ["date"], source


@pytest.mark.parametrize("text", ["1954年", "第3月", "3月12日", "2019年13月40日"])
def test_cjk_pieces_without_a_whole_date_are_not_dates(text):
    assert not [m for m in find_identifiers(text) if m.category == "date"]


@pytest.mark.parametrize("token", ["Thistlewood_M_14-03-1952", "RX_20190314_A7", "IMG_20240317_101512"])
def test_a_code_read_from_pixels_that_glues_a_date_to_more_stays_a_whole_code(token):
    """In a picture, a token of letters and digits joined by `_` or `-` is read as a code (a
    patient ID); one holding a date is still the whole code, not only its date (the date alone
    would make a direct identifier an indirect one)."""
    assert found(token, "ocr") == [("patient-id", token)]
