"""Red team 15: a patient's identifier set inside or beside the forms red team 14 taught the judge to let
pass (modality-led study descriptions, menu bars, teaching-event dates, eponym and label places, emptied
fields, PET/CT study extents, process tables). Every line is made up as an OCR engine returns it from a
viewer, a worklist, a report or a teaching slide; each case must stay an identifier (high) or at least
go to review, never pass as harmless."""

from __future__ import annotations

import pytest

from helpers import ocr_line as line
from slidesan.scan.identifiers import find_identifiers
from slidesan.scan.picture_text import judge_picture
from slidesan.scan.picture_text.judge import HARMLESS


def corner(*texts: str, x: int = 10):
    return [line(t, x, 10 + 18 * k) for k, t in enumerate(texts)]


def high(lines) -> list[str]:
    return [m.text for _, m in judge_picture(lines).identifiers()]


def flagged(lines, needle: str) -> bool:
    return any(needle in text for text in high(lines))


def outcomes(lines) -> list[str]:
    return [a.outcome for a in judge_picture(lines).lines]


# ------------------------------------------------------------ modality-led descriptions vs a title `MR`

@pytest.mark.parametrize("texts, needle", [
    (["MR SMITH JOHN"], "SMITH"), (["MR BROWN CHEST"], "BROWN"), (["MR WOOD"], "WOOD"),
    (["CT HEAD", "MR OKAFOR"], "OKAFOR"), (["MR OKAFOR BRAIN", "DOB: 02/01/1989"], "OKAFOR"),
    (["US HALL", "DOB: 02/01/1989"], "HALL"), (["MR KNEE LEFT", "Patient: MR FIELD"], "FIELD"),
])
def test_a_title_mr_or_a_surname_after_a_modality_stays_a_name(texts, needle):
    assert flagged(corner(*texts), needle)


@pytest.mark.parametrize("texts, needle", [
    (["CT CHEST BANKS", "DOB: 02/01/1989"], "BANKS"), (["US ABDOMEN HALL", "RX4471203"], "HALL"),
    (["XR HAND WOOD", "12/03/1961 M"], "WOOD"),
])
def test_a_word_that_is_a_surname_ending_a_modality_description_on_a_block_head_is_a_name(texts, needle):
    """A surname that is also an ordinary word (data/word_names.txt), last after a modality and a body
    part, heading a patient block: the block's name, not the study description's last word."""
    assert flagged(corner(*texts), needle)


@pytest.mark.parametrize("texts", [["US ABDOMEN COMPLETE", "Se 3 Im 12"], ["MR BRAIN SHORT", "Se 3 Im 12"],
                                   ["CT CHEST BANKS", "W 400 L 40"], ["MR SMALL BOWEL", "Se 3 Im 12"]])
def test_descriptions_ending_in_an_ordinary_word_stay_descriptions(texts):
    assert high(corner(*texts)) == []


# ------------------------------------------------------------ menu bars and window titles

@pytest.mark.parametrize("text", ["File Edit View - SMITH, John", "Print Save Close Patient: Okafor Adaeze",
                                  "Open Study: OKAFOR^ADAEZE Close"])
def test_a_name_in_a_toolbar_or_title_bar_is_flagged(text):
    assert high([line(text, 4, 2)])


@pytest.mark.parametrize("text", ["File Edit View Help - Okonjo", "File Edit View Image Tools Okonjo",
                                  "Worklist Report Print Save Okafor"])
def test_an_unknown_word_beside_menu_commands_that_is_no_misread_command_goes_to_review(text):
    assert outcomes([line(text, 4, 2)]) != [HARMLESS]


# ------------------------------------------------------------ a teaching event's line that dates the patient

@pytest.mark.parametrize("text, date", [
    ("Course of treatment started 14/03/2019", "14/03/2019"),
    ("Lecture: case of Mrs Okafor 14/03/2019", "14/03/2019"),
    ("Teaching case OKAFOR, Adaeze 14/03/2019", "14/03/2019"),
    ("Course: admitted 14/03/2019", "14/03/2019"),
    ("Seminar case: scanned 14/03/2019", "14/03/2019"),
    ("Presented at MDT 14/03/2019", "14/03/2019"),
    ("Workshop patient DOB 14/03/1961", "14/03/1961"),
])
def test_a_patients_date_on_a_teaching_events_line_stays(text, date):
    assert flagged([line(text, 10, 300)], date)


# ------------------------------------------------------------ emptied fields beside a real value

@pytest.mark.parametrize("texts, needle", [
    (["Patient: ANONYMOUS SMITH"], "SMITH"), (["Patient: Anonymous OKAFOR"], "OKAFOR"),
    (["Name: ANON Okafor"], "Okafor"), (["Patient: ANONYMOUS", "OKAFOR^ADAEZE"], "OKAFOR"),
    (["Patient ID: ANON", "DOB: 02/01/1989"], "02/01/1989"),
])
def test_an_emptied_marker_does_not_empty_what_stands_beside_it(texts, needle):
    assert flagged(corner(*texts), needle)


# ------------------------------------------------------------ PET/CT sites

@pytest.mark.parametrize("text, site", [("PET-CT HARROGATE", "HARROGATE"), ("PET-CT WHOLE BODY HARROGATE", "HARROGATE"),
                                        ("PET/CT BRADFORD ROYAL", "BRADFORD")])
def test_a_place_after_pet_ct_is_a_site(text, site):
    assert any(site in m.text for m in find_identifiers(text, source="ocr") if m.category == "institution")


def test_a_name_after_a_pet_ct_extent_is_flagged():
    assert flagged(corner("PET-CT SKULL BASE TO THIGH", "BROWN, JAMES"), "BROWN")


# ------------------------------------------------------------ surnames that are eponyms, labels, products

@pytest.mark.parametrize("texts, needle", [
    (["Patient: PAGET, Mary"], "PAGET"), (["Paget disease: PAGET, Mary 12/03/1950"], "PAGET"),
    (["CROHN ANNA disease follow-up"], "CROHN"), (["Mrs Okafor sign consent"], "Okafor"),
    (["Adaeze Okafor: 12/03/1980"], "Okafor"), (["Canon Okafor Adaeze"], "Okafor"),
])
def test_a_name_before_a_sign_a_disease_or_a_colon_stays_a_name(texts, needle):
    assert flagged(corner(*texts), needle)


@pytest.mark.parametrize("text", ["Okafor: 45Y F", "OKAFOR: 45Y F", "GE Okafor, Adaeze", "OKAFOR stage IV",
                                  "Okafor stage IV, 45Y F", "Nwosu score 4, 61 yo"])
def test_an_unknown_surname_on_a_patients_line_or_in_capitals_goes_to_review(text):
    assert outcomes([line(text, 300, 300)]) != [HARMLESS]


# ------------------------------------------------------------ a worklist with a User column

def test_a_worklist_with_pid_and_user_columns_keeps_its_identifiers():
    header = ["PID", "Name", "DOB", "User", "Stat"]
    row = ["40817263", "OKAFOR^ADAEZE", "02/01/1989", "jsmith", "Y"]
    lines = [line(t, 10 + 140 * i, 10) for i, t in enumerate(header)]
    lines += [line(t, 10 + 140 * i, 28) for i, t in enumerate(row)]
    found = high(lines)
    assert "40817263" in found and "OKAFOR^ADAEZE" in found and "02/01/1989" in found


# ------------------------------------------------------------ emptied fields as OCR reads them

@pytest.mark.parametrize("text", ["Name: Anonymisex", "Patient: AnonymousPatient", "Patient Name: ANONYMIZEO", "ANONYMIZEO"])
def test_an_emptied_field_misread_by_a_letter_or_run_together_is_harmless(text):
    assert outcomes([line(text, 6, 51)]) == [HARMLESS]


@pytest.mark.parametrize("text, needle", [("Name: Annabelle", "Annabelle"), ("Name: Anonymous Okafor", "Okafor"),
                                          ("Patient: ANONYMISED ADAEZE", "ADAEZE")])
def test_a_name_beside_or_near_an_emptied_word_stays_a_name(text, needle):
    assert flagged([line(text, 6, 51)], needle)
