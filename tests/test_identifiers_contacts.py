"""Postcodes, phone numbers, e-mail addresses, URLs and ages."""

import pytest

from slidesan.scan.identifiers import find_identifiers


def found(text, source="text"):
    return [(m.category, m.text) for m in find_identifiers(text, source=source)]


@pytest.mark.parametrize("value", ["LS1 3EX", "SW1A 1AA", "M1 1AE", "EH16 4SA", "CF14 4XW", "B33 8TH"])
def test_uk_postcodes(value):
    assert found(f"Leeds {value}") == [("postcode", value)] or ("postcode", value) in found(value)


@pytest.mark.parametrize("text", ["T2 FLAIR", "L12-5", "C5-1", "6C1 HD", "LA6", "T1 3D", "B0 map"])
def test_postcode_negatives(text):
    assert not [c for c, _ in found(text, "ocr") if c == "postcode"]


def test_us_zip_only_with_context():
    assert ("postcode", "44195") in found("Cleveland, OH 44195")
    assert not [c for c, _ in found("44195") if c == "postcode"]


@pytest.mark.parametrize("value", [
    "0113 243 3144", "+44 113 243 3144", "+44 (0)20 7946 0958", "020 7946 0958", "07700 900123",
    "(216) 444-2200", "216-444-2200", "+1 216 444 2200",
])
def test_phone_numbers(value):
    assert found(f"Tel {value}") == [("phone", value)]


@pytest.mark.parametrize("text", [
    "120 kV 250 mAs", "3.5 MHz 36Hz 19fps", "W:400 L:40", "512 x 512", "1.5T", "Se: 3 Im: 45 / 120",
    "0.625 1.25 2.5 5.0", "-123.5 +45.0 12.25",
])
def test_phone_negatives(text):
    assert not [c for c, _ in found(text, "ocr") if c == "phone"]


def test_email_and_url():
    text = "Contact jane.smith@nhs.net or see https://example.org/case/12 and www.example.com"
    cats = found(text)
    assert ("email", "jane.smith@nhs.net") in cats
    assert ("url", "https://example.org/case/12") in cats
    assert ("url", "www.example.com") in cats
    assert not [c for c, _ in cats if c == "name"]


@pytest.mark.parametrize("text,value", [
    ("55F", "55F"), ("62 yo", "62 yo"), ("Age: 62", "62"), ("62y", "62y"), ("a 62-year-old man", "62-year-old"),
    ("Mrs X, 62, seen at St Elsewhere", "62"), ("aged 47", "47"), ("M/34", "M/34"),
])
def test_ages(text, value):
    assert ("age", value) in found(text)


@pytest.mark.parametrize("text", ["6F sheath", "10F catheter", "36Hz", "3 years of follow-up", "Fr 12", "62"])
def test_age_negatives(text):
    assert not [c for c, _ in found(text) if c == "age"]
