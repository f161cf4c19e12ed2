"""Clean teaching pictures pass (red team 14): what viewers and lecturers draw on a properly anonymised
picture is no identifier and no unknown name, while the same picture with a patient header is still
caught. Lines are made up as an OCR engine returns them; every case names a general form."""

from __future__ import annotations

import pytest

from slidesan.scan.identifiers import find_identifiers
from slidesan.scan.ocr.lines import OcrLine
from helpers import ocr_line as line
from slidesan.scan.picture_text import judge_picture
from slidesan.scan.picture_text.judge import HARMLESS



def corner(*texts: str, x: int = 10) -> list[OcrLine]:
    """Lines stacked in a viewer's top-left corner."""
    return [line(t, x, 10 + 18 * k) for k, t in enumerate(texts)]


def identifiers(lines) -> list[tuple[str, str]]:
    return [(m.category, m.text) for _, m in judge_picture(lines).identifiers()]


def outcomes(lines) -> list[str]:
    return [a.outcome for a in judge_picture(lines).lines]


# ------------------------------------------------------------ a field whose value says it was emptied

@pytest.mark.parametrize("text", ["Patient: ANONYMOUS", "Name: Anonymised", "Patient ID: ANON",
                                  "Patient's Name: Anonymous^Patient", "Nom: anonymized"])
def test_an_emptied_field_is_no_identifier(text):
    assert identifiers([line(text, 10, 10)]) == []


def test_an_emptied_field_does_not_make_a_study_description_a_patients_name():
    lines = corner("MRI BRAIN W/WO", "Name: Anonymised", "Toshiba Aplio 1800")
    assert identifiers(lines) == []


@pytest.mark.parametrize("text, value", [("Patient ID: ANON48576", "ANON48576"), ("Name: Anonymous 1", "Anonymous 1"),
                                         ("Patient: HARTWELL, Imogen", "HARTWELL, Imogen")])
def test_a_value_that_is_more_than_the_word_stays_an_identifier(text, value):
    assert value in [v for _, v in identifiers([line(text, 10, 10)])]


# ------------------------------------------------------------ study descriptions led by their modality

@pytest.mark.parametrize("text", ["MR PROSTATE MULTIPARAMETRIC", "CT PULMONARY ANGIOGRAM", "US ABDOMEN COMPLETE",
                                  "MR L-SPINE", "MR C-SPINE W/O"])
def test_a_study_description_is_no_name_even_over_a_hospital_number(text):
    found = identifiers(corner(text, "Hosp No: 40817263"))
    assert ("name", text) not in found and ("hospital-number", "40817263") in found


def test_a_study_description_heading_a_patient_block_is_no_name_but_the_block_is_read():
    found = identifiers(corner("MRI LUMBAR SPINE W/O", "DRISCOLL^OISIN", "DOB: 02/01/1989"))
    assert ("name", "MRI LUMBAR SPINE W/O") not in found
    assert ("name", "DRISCOLL^OISIN") in found


@pytest.mark.parametrize("text", ["MR JOHN SMITH", "MR BRAIN SMITH", "MR SMITH-JONES"])
def test_mr_before_a_person_is_a_title(text):
    assert [c for c, _ in identifiers([line(text, 10, 10)])] == ["name"]


# ------------------------------------------------------------ menu bars and toolbars

@pytest.mark.parametrize("text", ["File View Series Annotate Export Help", "Stack Serll Magnify Export",
                                  "Fite Edit View Image Toois Window Help", "Cme MPR 3D Invert Flip Rotate"])
def test_a_menu_bar_is_interface_text_wherever_it_stands(text):
    lines = [line(text, 4, 2), line("DOB: 02/01/1989", 10, 40)]
    assert [a.outcome for a in judge_picture(lines).lines][0] == HARMLESS


def test_a_name_beside_menu_words_is_still_a_name():
    assert "name" in [c for c, _ in identifiers([line("File Edit View Help SMITH, John", 4, 2)])]


@pytest.mark.parametrize("text", ["File Edit View OKONJO ADAEZE", "File Edit View Help OKONJO"])
def test_unknown_words_shaped_as_a_name_beside_menu_words_still_go_to_review(text):
    assert outcomes([line(text, 4, 2)]) != [HARMLESS]


# ------------------------------------------------------------ the date of the talk

@pytest.mark.parametrize("text", ["Teaching session 14/05/2025", "Radiology Grand Rounds 12 March 2024",
                                  "Journal club 03.10.2024", "FRCR Part 2B revision, June 2025"])
def test_a_teaching_events_date_is_no_examination_date(text):
    assert identifiers([line(text, 10, 300)]) == []


@pytest.mark.parametrize("text, value", [("Exam date: 14/05/2025", "14/05/2025"), ("14/05/2025", "14/05/2025"),
                                         ("Teaching file DOB: 02/01/1989", "02/01/1989"),
                                         ("Teaching file case 12 14/05/2019", "14/05/2019"),
                                         ("Revision arthroplasty 14/05/2019", "14/05/2019"),
                                         ("Clinical course 14/05/2019", "14/05/2019"),
                                         ("Course of treatment 14/05/2019", "14/05/2019")])
def test_other_dates_stay(text, value):
    assert value in [v for _, v in identifiers([line(text, 10, 300)])]


# ------------------------------------------------------------ readouts are no age and no ID

def test_a_window_readout_is_no_age_so_no_patient_block():
    lines = corner("Window 1600 Level -550", "C: 40 W: 400", x=600)
    assert identifiers(lines) == []


def test_an_age_still_makes_a_block():
    found = identifiers(corner("HARTWELL", "45Y F", "RX7306261"))
    assert ("patient-id", "RX7306261") in found or any(v == "RX7306261" for _, v in found)


# ------------------------------------------------------------ institutions: a PET/CT study's extent

def test_pet_ct_then_body_parts_is_a_study_not_a_site():
    assert not [m for m in find_identifiers("PET-CT SKULL BASE TO THIGH", source="ocr") if m.category == "institution"]
    assert [m.text for m in find_identifiers("LINDHOLT PET/CT", source="ocr") if m.category == "institution"] \
        == ["LINDHOLT PET/CT"]
    assert [m for m in find_identifiers("PET-CT LEEDS", source="ocr") if m.category == "institution"]


# ------------------------------------------------------------ words no list knew, where names never stand

@pytest.mark.parametrize("text", [
    "Gero fascia", "Circle of Wilis", "Pouch of Dowglas", "Quorbel duct", "Pixet: 068mm", "Aor:",
    "Toshiba Apiio 1800", "Std Dev:73", "WWIWI 80/40", "Air Kerma 210 mGy", "Std Dev: 7.3", "Psoas", "ISMRM 2024 Singapore",
    "Stensen duct", "De-identified",
])
def test_eponyms_captions_products_and_readouts_are_harmless(text):
    assert outcomes([line(text, 300, 300)]) == [HARMLESS]


@pytest.mark.parametrize("text", ["Quorbel Imogen", "Ekwueme", "Vantrelle Oisin 45Y"])
def test_an_unknown_name_elsewhere_still_goes_to_review(text):
    assert outcomes([line(text, 300, 300)]) != [HARMLESS]
