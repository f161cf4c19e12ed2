"""Red team 11: identifiers as radiologists type them in slide text, notes and comments, each form with
its own made-up example, and the innocent teaching text beside them that must stay below high."""

import pytest

from slidesan.scan.identifiers import find_identifiers
from slidesan.scan.identifiers.match import text_severity


def high(text: str) -> set[tuple[str, str]]:
    """(category, text) of every match typed text reports high (deck_scan's severity)."""
    return {(m.category, m.text) for m in find_identifiers(text, source="text") if text_severity(m)[0] == "high"}


@pytest.mark.parametrize("text, date", [
    ("DOB 4.7.58", "4.7.58"), ("D.O.B. 9.1.77", "9.1.77"), ("born 12.3.49", "12.3.49"),
    ("Scan: 2.6.19", "2.6.19"),
])
def test_a_short_dotted_date_after_its_label_is_a_date(text, date):
    assert any(found == date for _, found in high(text)), high(text)


@pytest.mark.parametrize("text", ["version 1.2.10", "T2 1.5.10 sequence", "see section 3.4.21"])
def test_a_short_dotted_number_without_a_date_label_is_not_a_date(text):
    assert not high(text)


@pytest.mark.parametrize("text, number", [
    ("Results phoned to ward 9, ext 4417", "4417"), ("Ext. 25531 for the reporting room", "25531"),
    ("bleep 3392 when done", "3392"), ("Pager: 0716", "0716"), ("Bleep Wilfred on 6622 if worried", "6622"),
])
def test_an_internal_number_after_its_label_is_a_phone(text, number):
    assert ("phone", number) in high(text), high(text)


@pytest.mark.parametrize("text", ["page 123 of the report", "BP 140/90", "Extension 3 mm beyond the capsule",
                                  "ext 300 mm"])
def test_no_internal_number_without_its_label(text):
    assert not any(category == "phone" for category, _ in high(text)), high(text)


@pytest.mark.parametrize("text, initials", [
    ("QW, 58M, presented with haemoptysis", "QW"), ("ZT 71F: right hip pain", "ZT"), ("K.L. (83 yo)", "K.L"),
    ("UV, 45 years old, fall", "UV"), ("AN, 52F: RUQ pain", "AN"), ("OR (71F) after a fall", "OR"), ("NO, 33M, haemoptysis", "NO"), ("SC, 42M", "SC"), ("NM (63M)", "NM"),
])
def test_initials_before_an_age_and_sex_are_a_patient(text, initials):
    assert ("name", initials) in high(text), high(text)


@pytest.mark.parametrize("text", ["CXR, 67M: right lower lobe consolidation", "CT 45F with abdominal pain",
                                  "MRI, 34F", "IS 30 yo", "NO 45 years ago", "US, 40F", "PA, 45M", "CTPA, 60F"])
def test_an_examination_before_an_age_and_sex_is_no_patient(text):
    assert not any(category == "name" for category, _ in high(text)), high(text)


@pytest.mark.parametrize("text, name", [
    ("Mrs Q.V., 61F", "Mrs Q.V"), ("Mr E.M. was scanned twice", "Mr E.M"), ("Ms S.O. attended", "Ms S.O"),
])
def test_a_title_before_dotted_initials_names_the_patient(text, name):
    assert ("name", name) in high(text), high(text)


@pytest.mark.parametrize("text, name", [
    ("Ingrid WAKEFORD - Ward 12, bed 4", "Ingrid WAKEFORD"),          # surname in capitals
    ("Margaret Bird, 49", "Margaret Bird"),                          # an age follows
    ("Kwame Rowntree 02/01/1952", "Kwame Rowntree"),                 # a birth date follows
    ("Hannah Fenwick (DOB 3.4.51)", "Hannah Fenwick"),
    ("Okonkwo, Ingrid - CT abdomen", "Okonkwo, Ingrid"),             # Surname, Given
    ("Achebe, Ngozika - MRI knee", "Achebe, Ngozika"),               # ...a given name no list holds
    ("Patient June Obasi, seen in clinic", "June Obasi"),            # a given name that is also a word
    ("Thanks to Summer Achterberg for the images", "Summer Achterberg"),
    ("patient Cormac Bird had a prior MRI", "Cormac Bird"),          # a given name no list holds
    ("Chidinma Green, 44", "Chidinma Green"),
])
def test_a_given_name_and_surname_in_a_patient_context_is_high(text, name):
    assert ("name", name) in high(text), high(text)


@pytest.mark.parametrize("text", [
    "Salter Harris 2 fracture", "Pierre Robin Sequence, 3 cases", "Hodgkin Lymphoma, 45 cases",
    "Source: Varga, Elspeth (2014).", "Smith J, Jones K. Radiology 2019;290:1-10", "Wilms Tumour 4",
    "Patient Safety Leaflet", "Tobias Wrenfield, Marian Castellow and others", "Crohn, Kantor and the string sign",
    "However, Nakamura showed", "Address: Mirek, Tolvane, Ostrabury, Kelvarshire",
])
def test_eponyms_references_and_lists_stay_below_high(text):
    assert not any(category == "name" and "," in found for category, found in high(text)) and not any(
        category == "name" and found in ("Salter Harris", "Pierre Robin", "Hodgkin Lymphoma", "Varga, Elspeth",
                                         "Wilms Tumour", "Patient Safety", "Wrenfield, Marian")
        for category, found in high(text)), high(text)


@pytest.mark.parametrize("text, place", [
    ("Case courtesy of Dr Wren Holloway, Frimley Park", "Frimley Park"),
    ("referred by Dr S. Adeyemi (Derriford) on 3 May 2020", "Derriford"),
    ("Dr Jones, St Bartholomew's", "St Bartholomew's"),
])
def test_the_place_written_after_a_doctor_is_their_institution(text, place):
    assert ("institution", place) in high(text), high(text)


@pytest.mark.parametrize("text", ["Dr Smith, Consultant Radiologist", "Dr Smith (Radiology)"])
def test_a_doctors_post_is_not_an_institution(text):
    assert not any(category == "institution" for category, _ in high(text)), high(text)


@pytest.mark.parametrize("text, name", [
    ("Ask Margaret (the registrar) to crop the label", "Margaret"), ("Ask Summer (the FY2) to check", "Summer"),
    ("Rhys, our sonographer, rescanned her", "Rhys"), ("Bleep Chidinma on 7725", "Chidinma"),
    ("Thanks to Dev (SpR)", "Dev"),
])
def test_a_colleague_named_beside_their_role_or_bleep_is_a_clinician(text, name):
    assert ("clinician", name) in high(text), high(text)


@pytest.mark.parametrize("text", ["Induction (FY1)", "MRI (the consultant asked for it)", "Teaching (registrar)"])
def test_a_role_in_brackets_after_an_ordinary_word_is_no_person(text):
    assert not any(category == "clinician" for category, _ in high(text)), high(text)


@pytest.mark.parametrize("text, name", [
    ("Summer Short, 54F, presented with haematuria", "Summer Short"), ("Joy Bird (83 yo), fall", "Joy Bird"),
    ("Jack Long, 67M", "Jack Long"), ("Short, Summer, 54F", "Short, Summer"), ("GREEN, C, 45M", "GREEN, C"),
    ("Hope Wood DOB 3.3.61", "Hope Wood"), ("CT chest - WOOD, G", "WOOD, G"),
    ("Pemberton, Summer - CT abdomen", "Pemberton, Summer"), ("Green, Gareth - CT abdomen", "Green, Gareth"),
    ("Joy BIRD - Ward 12, bed 4", "Joy BIRD"), ("Thanks to Bill Green for the images", "Bill Green"),
    ("Patient Summer Short, seen in clinic", "Summer Short"),
    ("Case 3: Wood, Grace", "Wood, Grace"), ("Case no. 12 - Short, Summer", "Short, Summer"),    # a numbered case
    ("Courtesy of Bird, Joy", "Bird, Joy"),                                                 # a phrase that introduces
])
def test_a_name_of_ordinary_words_before_what_only_a_patient_has(text, name):
    """Names that are English words (data/word_names.txt) say nothing alone; before an age with its
    sex, a birth date or a record label, or joined to an examination by a dash, they are the patient
    (red team 11's open `Short, Summer`, `CT chest - GREEN, C`)."""
    assert ("name", name) in high(text), high(text)


@pytest.mark.parametrize("text", ["Sports Injury, 23M", "Cycling Accident, 45M", "Road Traffic Collision, 45M",
                                  "Chest Pain, 54F", "Long Bones, 12M", "Summer School 2026, 40 delegates",
                                  "Hope and Joy, 2019", "CT head - Axial, T2", "Causes, Effects - CT",
                                  "Mammography - Screening, Recall", "CT protocol - Contrast, IV",
                                  "Courtesy of Summer School", "Thanks to Sports Medicine for the images",
                                  "Sports Injury - Ward 12", "Case 3: Acute, Chronic", "Case 1: Chest, Abdomen",
                                  "Case 3: Head, Neck", "Case 7: Pain, Swelling"])
def test_a_case_of_ordinary_words_before_an_age_is_no_name(text):
    assert not any(category == "name" for category, _ in high(text)), high(text)


@pytest.mark.parametrize("text", ["SHORT^SUMMER", "Bird^Joy", "WOOD^G"])
def test_a_caret_pair_of_ordinary_words_is_a_name(text):
    """The caret is how DICOM writes a person: `SHORT^SUMMER` in a kept description was kept because
    both words are English; descriptions that use a caret name an examination with imaging words."""
    assert ("name", text) in {(m.category, m.text) for m in find_identifiers(text, source="dicom")}


@pytest.mark.parametrize("text", ["Brain^Routine", "abdomen^liver", "Chest^Routine Adult", "Head^Neck"])
def test_a_caret_description_of_an_examination_is_no_name(text):
    assert not [m for m in find_identifiers(text, source="dicom") if m.category == "name"]


@pytest.mark.parametrize("text, value", [("Consultant: Green", "Green"), ("Reported by: Wood", "Wood")])
def test_a_staff_field_holding_a_surname_that_is_a_word_is_a_clinician(text, value):
    assert ("clinician", value) in high(text), high(text)


@pytest.mark.parametrize("text", ["Consultant: Radiology", "Reported by: Hand", "Annotator: arrows"])
def test_a_staff_field_holding_an_ordinary_word_is_no_clinician(text):
    assert not high(text), high(text)


@pytest.mark.parametrize("text, place", [("referred from the Royal Free", "Royal Free"),
                                         ("seen at the Royal Marsden", "Royal Marsden"),
                                         ("Royal Devon and Exeter, 2021", "Royal Devon and Exeter")])
def test_a_royal_hospital_named_without_a_head_word_is_an_institution(text, place):
    assert ("institution", place) in high(text), high(text)


@pytest.mark.parametrize("text", ["the Royal College of Radiologists guidance", "Royal Society of Medicine",
                                  "sent by Royal Mail"])
def test_royal_bodies_are_no_hospital(text):
    assert not high(text), high(text)
