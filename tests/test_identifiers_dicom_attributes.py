"""A DICOM attribute's value typed beside the attribute (a header pasted into notes, a JSON sidecar,
pydicom's and dcmdump's print-outs) is what the attribute says it is, whatever its form; the
attribute table is the data dictionary and PS3.15 Table E.1-1, not values seen. Made-up values."""

import pytest

from slidesan.scan.identifiers import find_identifiers


def found(text):
    return [(m.category, m.text) for m in find_identifiers(text, source="text")]


@pytest.mark.parametrize("text, expected", [
    ("StationName: AWP66075", ("institution", "AWP66075")),
    ("Station Name: CTROYAL01", ("institution", "CTROYAL01")),
    ("DeviceSerialNumber: 66075", ("device", "66075")),
    ("Device Serial Number: SN998877", ("device", "SN998877")),
    ("(0008,1010) Station Name                        SH: 'CTROYAL01'", ("institution", "CTROYAL01")),
    ("(0008,1010) SH [CTROYAL01]                             #  10, 1 StationName", ("institution", "CTROYAL01")),
    ("(0010,0010) PN [Thistlewood^Margaret]     #  20, 1 PatientName", ("name", "Thistlewood^Margaret")),
    ("PatientName: Thistlewood", ("name", "Thistlewood")),
    ("InstitutionalDepartmentName: Neuroradiology West Wing", ("institution", "Neuroradiology West Wing")),
    ("PatientID: 19610304", ("patient-id", "19610304")),
])
def test_the_attribute_says_what_its_value_is(text, expected):
    assert expected in found(text), found(text)


@pytest.mark.parametrize("text", [
    "Patient's Name: ANONYMOUS", "Institution Name:", "StudyID: 1", "Manufacturer: SIEMENS",
    "Series Description: t1_mprage_sag", "The patient name was withheld: see notes", "StationName: REMOVED",
])
def test_empty_placeholder_and_harmless_attributes_are_not_identifiers(text):
    assert found(text) == []


def test_the_vr_pydicom_prints_is_not_a_name():
    assert found("(0010,0010) Patient's Name                      PN: 'SMITH^JOHN'") == [("name", "SMITH^JOHN")]
