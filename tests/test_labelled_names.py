"""The value of an explicit name field is a name whatever its shape (labelled_names.py)."""

import pytest

from slidesan.scan.identifiers import find_identifiers


def _flagged(text, source="ocr"):
    return {(m.category, m.text) for m in find_identifiers(text, source=source) if m.severity == "high"}


@pytest.mark.parametrize("text, category, value", [
    ("Patient Name: okafor", "name", "okafor"),                                   # typed in lower case
    ("Patient Name: LIDC-IDRI-0078 |", "name", "LIDC-IDRI-0078"),                  # a study code standing in for the name
    ("| (0010,0010) Patient's Name Brannigan_20230611 |", "name", "Brannigan_20230611"),   # a DICOM dump: tag, no colon
    ("Reader Name: vkowalski", "clinician", "vkowalski"),                          # a user name in a staff field
    ("Referring Physician Name: dr hale", "clinician", "dr hale"),
    ("Operators' Name = T Mbeki", "clinician", "T Mbeki"),
    ("Pt. Name: ng wei  Sex: F", "name", "ng wei"),                               # the value ends at the next field
    ("Last Name: o'hara   First Name: aoife", "name", "o'hara"),
])
def test_a_name_fields_whole_value_is_flagged(text, category, value):
    assert (category, value) in _flagged(text)


def test_the_value_stops_at_the_next_label():
    found = find_identifiers("Patient Name: tanaka yuki Patient ID: 7730091", source="ocr")
    names = [m.text for m in found if m.category == "name"]
    assert names == ["tanaka yuki"]
    assert any(m.category == "patient-id" and m.text == "7730091" for m in found)


@pytest.mark.parametrize("text", [
    "Patient Name: ANONYMIZED", "Patient's Name: Anonymous", "Name: N/A", "Patient Name: ^^", "Name: ______",
    "Study Name: brain protocol v2", "Series name: t2_tse_cor", "File name: case_7.dcm", "Station Name: ctscan01",
    "Protocol Name: head routine", "Your name: ", "The patient name was removed before export",
])
def test_emptied_fields_and_names_of_things_are_not_names(text):
    assert not {c for c, _ in _flagged(text) if c in ("name", "clinician")}


@pytest.mark.parametrize("text, value", [
    ("Annotator: | reviewer_7", "reviewer_7"), ("Reported by: rad.okoye", "rad.okoye"),
    ("Operator: jdoe  Station: CT1", "jdoe"), ("Sonographer: KMW2", "KMW2"),
])
def test_a_staff_fields_single_token_is_a_person(text, value):
    assert ("clinician", value) in _flagged(text)


@pytest.mark.parametrize("text", ["Radiologist: consultant", "Operator: GE", "Reviewed by: 2", "Author: anonymous"])
def test_ordinary_words_and_numbers_in_a_staff_field_are_not_people(text):
    assert not {c for c, _ in _flagged(text) if c in ("name", "clinician")}


@pytest.mark.parametrize("text, values", [
    ("Nom: dupont Prénom: marie", {"dupont", "marie"}),            # French, the value ends at the next label
    ("Nachname: müller  Vorname: hans", {"müller", "hans"}),
    ("Nama : yuni fatmawati", {"yuni fatmawati"}),                 # Indonesian / Malay
    ("Nazwisko: kowalska", {"kowalska"}),
])
def test_name_fields_in_other_languages_are_read_whole_in_pixels(text, values):
    """Viewers and forms print the name field in the user's language; read from pixels, its value is a
    name in lower case too, as an English `Name:` field's is."""
    assert {v for c, v in _flagged(text) if c == "name"} == values


def test_a_field_named_in_another_language_for_a_thing_is_no_name():
    assert not {v for c, v in _flagged("Nom du fichier: rapport.pdf") if c == "name"}
