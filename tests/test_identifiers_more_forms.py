"""Identifier forms found by an attacker's pass over typed text, each by its general shape with
made-up values: initials with a surname, a patient named by a label, national and insurance
numbers after their label, birth dates in other languages and glued, a year of birth, text stored
backwards or spelled with look-alike letters, and words in scripts the detectors cannot read.
Each has its look-alikes that must stay quiet (citations, figure panels, Greek symbols)."""

from __future__ import annotations

import pytest

from slidesan.deck.leaks import normalise
from slidesan.scan.identifiers import find_identifiers


def found(text: str) -> list[tuple[str, str]]:
    return [(m.category, m.text) for m in find_identifiers(normalise(text))]


@pytest.mark.parametrize("text, expected", [
    ("Images courtesy of J. P. McAllister", ("name", "J. P. McAllister")),
    ("Lecture by E. Thorne", ("name", "E. Thorne")),
    ("Case from J Bloggsworth", ("name", "J Bloggsworth")),
    ("McAllister, J.P. reported it", ("name", "McAllister, J.P")),
    ("THORNE E  CT HEAD", ("name", "THORNE E")),
    ("Patient JPM", ("name", "JPM")),
    ("Pt. Oyelaran", ("name", "Oyelaran")),
])
def test_initials_and_a_surname_are_a_name(text, expected):
    assert expected in found(text)


@pytest.mark.parametrize("text", [
    "Smith J, Jones K. Radiology. 2019;290:1-9",      # a citation names authors, not patients
    "Hallett R, et al. showed",
    "Figure B shows the lesion",
    "Type A Aortic dissection",
    "Vitamin K deficiency",
    "Group C showed no change",
    "Patient MRN",
    "Patient A",
    "I Love Radiology",
])
def test_letters_beside_ordinary_words_are_not_names(text):
    assert not [c for c, _ in found(text) if c == "name"], found(text)


@pytest.mark.parametrize("text, expected", [
    ("SSN 123-45-6789", ("patient-id", "123-45-6789")),
    ("Medicare 2123 45670 1", ("patient-id", "2123 45670 1")),
    ("NHS: 485 777 3456", ("hospital-number", "485 777 3456")),  # fails the check digit: still a number
    ("Versichertennummer: 1234567890", ("patient-id", "1234567890")),
])
def test_national_and_insurance_numbers_after_their_label(text, expected):
    assert expected in found(text)


def test_a_number_after_a_label_word_in_prose_is_not_taken():
    assert found("the NHS spent 12 345 678") == []


@pytest.mark.parametrize("text, value", [
    ("DOB:17041969", "17041969"),
    ("DOB 1957", "1957"),
    ("born in 1957", "1957"),
    ("Fecha nac.: 3 de mayo de 1962", "3 de mayo de 1962"),
    ("Geburtsdatum 12.03.1957", "12.03.1957"),
    ("Year of birth: 1949", "1949"),
    ("Geboortedatum: 17-04-1969", "17-04-1969"),
    ("Data urodzenia 17.04.1969", "17.04.1969"),
    ("Doğum tarihi: 17/04/1969", "17/04/1969"),
])
def test_birth_dates_in_their_many_forms(text, value):
    assert ("date-of-birth", value) in found(text)


def test_a_year_without_a_birth_label_is_not_a_birth_date():
    assert not found("In 1957 Hounsfield was at EMI")


def test_text_stored_backwards_under_a_right_to_left_override_is_read_as_shown():
    assert ("name", "adrian") in found("Patient: \u202ehtimsdlog nairda\u202c")


def test_look_alike_letters_inside_a_latin_word_are_folded():
    assert ("name", "Mrs Margaret Weston") in found("Case of Mrs M\u0430rg\u0430ret W\u0435st\u043en")
    assert ("name", "John Smith") in found("Patient: J\u043ehn Sm\u0456th")


@pytest.mark.parametrize("text", ["Иван Петров", "Γιάννης Παπαδόπουλος", "王小明", "محمد العلي", "Петров^Иван"])
def test_words_in_a_script_the_detectors_cannot_read_go_to_review(text):
    matches = find_identifiers(normalise(text))
    assert [(m.category, m.severity) for m in matches] == [("other-script", "review")]


@pytest.mark.parametrize("text", ["α-fetoprotein and β-hCG", "dose 5 μSv", "αβ T cells"])
def test_greek_symbols_are_not_words(text):
    assert not found(text)


@pytest.mark.parametrize("text, expected", [
    ("123-45-6789", ("patient-id", "123-45-6789")),                     # US SSN by its shape
    ("CF: RSSMRA69D17H501U", ("patient-id", "RSSMRA69D17H501U")),       # codice fiscale
    ("170469 1234", ("chi-number", "170469 1234")),                     # CHI with a space after the date
    ("NIR 1 69 04 75 123 456 78", ("patient-id", "1 69 04 75 123 456 78")),
    ("NI AB 12 34 56 C", ("patient-id", "AB 12 34 56 C")),
])
def test_national_numbers_known_by_their_shape(text, expected):
    assert expected in found(text)


@pytest.mark.parametrize("text", ["000-12-3456", "320469 1234", "Dose 12 34 56", "QQ 12 34 56 C"])
def test_shapes_that_are_no_national_number(text):
    assert not [c for c, _ in found(text) if c in ("patient-id", "chi-number")], found(text)


@pytest.mark.parametrize("text, value", [
    ("12 rue des Lilas, 75010 Paris", "12 rue des Lilas, 75010 Paris"),
    ("2218 Baker Street", "2218 Baker Street"),
    ("55 Fruit St, Boston MA 02114", "55 Fruit St, Boston MA 02114"),
    ("Hauptstraße 12, 10115 Berlin", "Hauptstraße 12, 10115 Berlin"),
    ("Via Roma 12", "Via Roma 12"),
])
def test_street_addresses_with_their_house_number(text, value):
    assert ("address", value) in found(text)


@pytest.mark.parametrize("text", ["Figure 3 Main Street", "In 2019 Smith Road", "Main Street", "2 Way Valve"])
def test_a_street_word_without_a_house_number_is_no_address(text):
    assert not [c for c, _ in found(text) if c == "address"], found(text)


def test_an_eircode_is_a_postcode():
    assert ("postcode", "D04 T6F4") in found("Eircode: D04 T6F4")


@pytest.mark.parametrize("text, value", [
    ("F. Nac.: 17.IV.1969", "17.IV.1969"), ("Geb.: 3 XII 1948", "3 XII 1948")])
def test_a_month_in_roman_numerals(text, value):
    assert ("date-of-birth", value) in found(text)


@pytest.mark.parametrize("text, value", [("96 J.", "96 J"), ("91 ans", "91 ans"), ("97 ys", "97 ys")])
def test_ages_over_89_in_other_languages_units(text, value):
    assert ("age", value) in found(text)


def test_hospital_head_first_with_portuguese_particles():
    assert ("institution", "Hospital das Clinicas") in found("Hospital das Clinicas")


@pytest.mark.parametrize("text, value", [("ID: E 88 12 04", "E 88 12 04"), ("HN 552 71 1", "552 71 1")])
def test_a_damaged_id_after_its_label_keeps_its_letter_group(text, value):
    from slidesan.scan.identifiers import find_identifiers

    assert value in [m.text for m in find_identifiers(text, source="ocr")]


@pytest.mark.parametrize("text", ["044718C", "229876543A", "E2023.0912.44"])
def test_record_codes_with_a_check_letter_or_dotted_groups_read_from_pixels(text):
    from slidesan.scan.identifiers import find_identifiers

    assert [(m.category, m.text) for m in find_identifiers(f"Pt {text} CT", source="ocr")
            if m.text == text] == [("patient-id", text)]


@pytest.mark.parametrize("text", ["v2.10.3", "SL 2.5", "Zoom 1.8", "1.2.840.10008"])
def test_versions_decimals_and_uids_are_no_dotted_codes(text):
    from slidesan.scan.identifiers import find_identifiers

    assert not [m for m in find_identifiers(text, source="ocr") if m.category == "patient-id"]


@pytest.mark.parametrize("text, institution", [
    ("CHU de Nantes", "CHU de Nantes"),                                       # French acronym heads
    ("CHR de Lille", "CHR de Lille"),
    ("Uniklinik Köln", "Uniklinik Köln"),                                     # German and Swiss heads
    ("Kantonsspital Aarau", "Kantonsspital Aarau"),
    ("Hospital Clínic de Barcelona", "Hospital Clínic de Barcelona"),         # head first, place unknown
    ("Hospital Italiano", "Hospital Italiano"),
    ("Rigshospitalet", "Rigshospitalet"),                                     # one compound word
    ("Karolinska Universitetssjukhuset", "Karolinska Universitetssjukhuset"),
    ("Haukeland universitetssjukehus", "Haukeland universitetssjukehus"),
    ("Ankara Şehir Hastanesi", "Ankara Şehir Hastanesi"),
    ("Oulun yliopistollinen sairaala", "Oulun yliopistollinen sairaala"),
])
def test_hospitals_named_in_other_languages(text, institution):
    for source in ("text", "ocr"):
        assert [m.text for m in find_identifiers(text, source=source) if m.category == "institution"] == [institution]


@pytest.mark.parametrize("text", ["Hospital Number: 1234567", "Hospital Road", "Universitetssjukhuset", "Kreiskrankenhaus",
                                  "the CHU", "Hospital Anxiety and Depression Scale", "sjukhus", "Krankenhaus",
                                  "Hospital Trust", "NHS Trust", "Klinikum", "Hôpital"])
def test_generic_hospital_words_and_labels_are_not_institutions(text):
    assert not [m for m in find_identifiers(text, source="ocr") if m.category == "institution"]


@pytest.mark.parametrize("text, expected", [
    ("Nom: DUPONT Prénom: Marie", [("name", "DUPONT"), ("name", "Marie")]),      # the next label ends a value...
    ("Vorname: Hans Nachname: Müller", [("name", "Hans"), ("name", "Müller")]),  # ...and its own value is read
    ("Cognome: Rossi Nome: Mario", [("name", "Rossi"), ("name", "Mario")]),
    ("Naam: de Vries, Jan", [("name", "de Vries, Jan")]),
    ("Paciente: García López", [("name", "García López")]),
    ("Médico: Dra. Pérez", [("clinician", "Dra. Pérez")]),
    ("Médecin traitant: Dupont", [("clinician", "Dupont")]),
    ("Frau Dr. Weber", [("clinician", "Frau Dr. Weber")]),
    ("Mme Lefèvre", [("name", "Mme Lefèvre")]),
    ("NHC: 1234567", [("hospital-number", "1234567")]),
    ("N° IPP: 80012345", [("hospital-number", "80012345")]),
    ("N° de dossier: 2019A00123", [("hospital-number", "2019A00123")]),
    ("Fallnummer: 40012345", [("hospital-number", "40012345")]),
    ("Nº Historia Clínica: 456123", [("hospital-number", "456123")]),
    ("PESEL: 54031212345", [("patient-id", "54031212345")]),
])
def test_labels_of_european_forms(text, expected):
    for source in ("text", "ocr"):
        got = [(m.category, m.text) for m in find_identifiers(text, source=source) if m.severity != "info"]
        assert got == expected, (source, got)


@pytest.mark.parametrize("text, name", [
    ("Jan Mar Jun", None),                     # a chart's date axis (LibreOffice's PDF of a deck, red team 10)
    ("Jan Sep Dec", None),
    ("Jan Kowalski", "Jan Kowalski"),          # a given name that is also a month still opens a name
])
def test_a_run_of_month_names_is_no_person(text, name):
    names = [t for c, t in found(text) if c == "name"]
    assert names == ([name] if name else [])
