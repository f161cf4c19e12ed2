"""Forms of radiology screens found by a browser-rendered red-team set (tag browsers, two-column
request forms, banners with separators, header strips read field by field, worklist headers,
nuclear-medicine acquisition lines). Lines are made up, as an OCR engine returns them."""

from __future__ import annotations

from dataclasses import replace

from tests.test_picture_text import flagged, line


def test_tag_browser_value_is_on_its_row_after_the_vr():
    """`(0010,0010)  Patient's Name  PN  DE LA CRUZ^ANA`: the value is the row's cell after the VR,
    far to the right; the VR (`PN`) is not the name."""
    lines = [line("(0010,0010)", 10, 10), line("Patient's Name", 120, 10), line("PN", 330, 10),
             line("QUILLFEATHER^ODALYS", 420, 10),
             line("(0028,1051)", 10, 30), line("Window Width", 120, 30), line("DS", 330, 30), line("400", 420, 30)]
    found = flagged(lines)
    assert ("name", "QUILLFEATHER^ODALYS") in found
    assert not any(text in ("PN", "Window Width") for _, text in found)


def test_tag_browser_empty_value_takes_nothing_from_the_row_below():
    """An emptied `Patient ID` row (only its VR) does not make the next row's attribute name an ID."""
    lines = [line("(0010,0020)", 10, 10), line("Patient ID", 120, 10), line("LO", 330, 10),
             line("(0012,0062)", 10, 30), line("Patient Identity Removed", 120, 30), line("CS", 330, 30),
             line("YES", 420, 30)]
    assert flagged(lines) == []


def test_two_column_form_value_far_right_of_its_label():
    """A request form's label column and value column: `Surname` ... `DE LA CRUZ` (read as two
    cells), `Forename(s)` ... `Yolanda`, the values 30 text heights to the right."""
    gapped = line("DE LA QUIRVANE", 400, 10)       # the reader's words, with a wide gap after `DE`
    spans = ((0, 2, (400, 10, 414, 22)),) + tuple((s, e, (b[0] + 30, b[1], b[2] + 30, b[3])) for s, e, b in gapped.spans[1:])
    gapped = replace(gapped, spans=spans)
    lines = [line("Surname", 10, 10), gapped,
             line("Forename(s)", 10, 40), line("Yolanda", 400, 40),
             line("Title", 10, 70), line("Mrs", 400, 70)]
    found = flagged(lines)
    assert ("name", "Yolanda") in found
    assert ("name", "DE LA QUIRVANE") in found
    assert not any(text == "Title" for _, text in found)


def test_far_cell_alone_is_not_a_form_value():
    """Without a second label/value pair aligned with it, a far cell on the caption's row is not its value."""
    assert flagged([line("Surname", 10, 10), line("Zoom 130%", 600, 10)]) == []


def test_banner_fields_between_separators():
    """`Thi Hoa LE | 1964-06-01 (60y) | NHS No. ...`: the separators end each field, so the name
    before the birth date is the patient's, and the NHS number's value stops at the next separator."""
    text = "Thi Hoa LE | 1964-06-01 (60y) | Gender Male | NHS No. 4505577104 | GP: Dr Bartholomew Quist"
    found = flagged([line(text, 10, 10)])
    assert ("name", "Thi Hoa LE") in found
    assert ("nhs-number", "4505577104") in found


def test_header_strip_read_field_by_field_names_the_patient_before_the_id():
    """An ultrasound header strip read as separate lines: institution, name, ID, date. The name is
    the field just before the first patient field, whatever stands first."""
    lines = [line("Harbourside Imaging Centre", 10, 10), line("Tamsin Oyelowo-Fray", 260, 10),
             line("Pt ID 36566989", 400, 10), line("02/06/2024 16:00", 540, 10), line("MI 1.3 TIs 0.4", 700, 10)]
    assert ("name", "Tamsin Oyelowo-Fray") in flagged(lines)


def test_header_row_caption_takes_no_neighbouring_header_as_value():
    """A worklist with no rows: `Accession` beside `Mod` in the header row is a header, not a value."""
    lines = [line("Patient Name", 10, 10), line("Patient ID", 120, 10), line("Accession", 230, 10),
             line("Mod", 320, 10), line("Study Date", 370, 10)]
    assert flagged(lines) == []


def test_matrix_size_and_counts_are_not_ids():
    """`Counts: 1416k Matrix 256x1024` under a block with an age: acquisition parameters, not IDs."""
    lines = [line("Tc-99m MDP 650 MBq", 10, 10), line("Age 71", 10, 26),
             line("Counts: 1416k Matrix 256x1024 Speed 12 cm/min", 10, 42)]
    assert flagged(lines) == []


def test_captions_with_a_plural_mark_or_a_misread_letter_are_not_names():
    """`Forename(s)` and `Sumame` (Surname, r+n read as m) open a form's rows; the block takes no
    caption for the patient's name."""
    lines = [line("Sumame", 10, 10), line("Forename(s)", 10, 30), line("Date of birth 12/04/1961", 10, 50)]
    assert not any(text in ("Sumame", "Forename(s)") for _, text in flagged(lines))
    lines = [line("QRAET:", 10, 10), line("DOB: 12/04/1961 F", 10, 26)]
    assert not any("AET" in text for _, text in flagged(lines))


def test_long_name_first_in_a_banner_row_is_a_name():
    """A five-word name (`Encik Ahmad Faiz Bin Ismail`) reads like a menu bar to word lists; first in a
    banner row before the birth date it is the patient's name."""
    text = "Encik Ahmad Faiz Bin Ismail | DOB 2 September 1988 (36y) | Sex Female"
    assert ("name", "Encik Ahmad Faiz Bin Ismail") in flagged([line(text, 10, 10)])


def test_vr_before_a_tag_browser_value_is_no_name():
    """`(0010,0010) Patient's Name` and, read as one line, `PN KOWALCZYK^AGNIESZKA`: `PN` is the VR."""
    lines = [line("(0010,0010)", 10, 10), line("Patient's Name", 100, 10), line("PN", 300, 10),
             line("KOWALCZYK^AGNIESZKA", 330, 10)]
    joined = replace(lines[2], text="PN  KOWALCZYK^AGNIESZKA", raw="PN  KOWALCZYK^AGNIESZKA",
                     box=(300, 10, 463, 22), spans=((0, 2, (300, 10, 314, 22)), (4, 23, (340, 10, 473, 22))))
    found = flagged(lines[:2] + [joined])
    assert ("name", "KOWALCZYK^AGNIESZKA") in found and not any(text == "PN" for _, text in found)


def test_far_cell_under_another_columns_caption_is_not_a_form_value():
    """A form of captions over boxes in two columns: `Surname` (left) shares a row with `Kestrel Ward`,
    the box under `Location` (right column); text starting in the gap means the far cell is another
    column's, not the surname."""
    lines = [line("Surname", 10, 10), line("Location", 470, 0), line("Kestrel Ward", 500, 14),
             line("Telephone", 10, 50), line("0161 496 0734", 500, 50)]
    assert ("name", "Kestrel Ward") not in flagged(lines)


def test_value_with_a_spaced_dash_stays_on_its_row():
    """`6967 - 8846`: the dash's box is two pixels high; the value is still on its caption's row."""
    value = line("6967 - 8846", 420, 10)
    spans = tuple((s, e, (b[0], b[1] + 5, b[2], b[1] + 7) if value.text[s:e] == "-" else b) for s, e, b in value.spans)
    lines = [line("(0008,0050)", 10, 10), line("Accession Number", 120, 10), replace(value, spans=spans)]
    assert ("accession", "6967 - 8846") in flagged(lines)


def test_tag_numbers_damaged_by_ocr_under_a_name_are_no_patient_ids():
    """A tag browser under the patient's name: `(o002,0015}`, `(o00s,0070)` are tag numbers OCR damaged (0 read
    as o, 8 as s, the bracket as }), not the bare ID a patient block holds under its name."""
    lines = [line("Name: Demir, Nikos", 10, 10), line("(o002,0015} ul", 10, 26), line("(o00s,0070) LO", 10, 42)]
    assert flagged(lines) == [("name", "Demir, Nikos")]


def test_damaged_tag_numbers_open_a_tag_row():
    from slidesan.scan.picture_text import fields, layout

    for text in ("(o002,0015} ul", "(0008.0050) SH", "(0010,0010)"):
        row = layout.cells_of([line(text, 10, 10), line("Some Attribute", 160, 10)])[0]
        assert fields.is_tag_row(row), text
    for text in ("12345678", "Patient ID", "(1234567)", "(00123456)"):     # a bracketed ID, no tag
        assert not fields.is_tag_row(layout.cells_of([line(text, 10, 10)])[0]), text


def test_form_row_ends_where_the_next_panel_starts():
    """A report panel's form (`Reader Name:` ... `okonkwo`) beside the image viewport: a mark over the
    image far along the same row (`~`, a readout) belongs to the viewport, not to the form's row, so
    the value column still names the reader."""
    lines = [line("Study ID:", 10, 10), line("88213", 300, 10),
             line("Reader Name:", 10, 40), line("okonkwo", 300, 40), line("~", 1500, 38),
             line("W 400 L 40", 1700, 70)]
    assert ("clinician", "okonkwo") in flagged(lines)


def test_number_after_a_studys_date_goes_with_the_date():
    """A query result's study row (`Knee (R) [MR] 1 janv. 2007, 12:00:00 223344`: the accession column) and a
    study line (`Study: 19/05/2016 202612`: the time as DICOM writes it): the 5 or 6 bare digits after the
    date are flagged with it; a quantity with its unit (`45000 mGy`) or a count (`1200 images`) is not."""
    for text, expected in (("Knee (R) [MR] 1 janv. 2007, 12:00:00 223344", "1 janv. 2007, 12:00:00 223344"),
                           ("CT HEAD 12/03/2019 14:22 48213 Se 2", "12/03/2019 14:22 48213"),
                           ("Study: 19/05/2016 202612", "19/05/2016 202612")):
        assert ("date", expected) in flagged([line(text, 10, 10)]), text
    for text, expected in (("12/03/2019 45000 mGy", "12/03/2019"), ("12/03/2019 10:45:36 1200 images", "12/03/2019 10:45:36"),
                           ("Study 2019-03-12 1234", "2019-03-12")):
        assert flagged([line(text, 10, 10)]) == [("date", expected)], text


def test_a_postcode_field_takes_its_value_whatever_the_grammar():
    """A request form's `Postcode` caption over `DY49 8KS` (a typed postcode the Royal Mail grammar
    refuses): the caption says what it is. A caption under it (`Ward / Clinic`) is no postcode: every
    country's postcode holds a digit."""
    assert ("postcode", "DY49 8KS") in flagged([line("Postcode", 10, 10), line("DY49 8KS", 10, 28)])
    assert ("postcode", "J45LM") in flagged([line("Postcode:", 10, 10), line("J45LM", 120, 10)])
    assert flagged([line("Postcode", 10, 10), line("Ward / Clinic", 10, 28)]) == []


def test_a_dimension_is_no_age_in_a_corner_stack():
    """`3D TOF` under `Img 12 of 48` and over `(c) 2025 Imaging Department`: 3D is a dimension, not an age of
    three days, so the corner is no patient block and the year no patient ID. With a real age it is."""
    corner = [line("Img 12 of 48", 600, 10), line("3D TOF", 600, 28), line("© 2025 Imaging Department", 600, 46)]
    assert flagged(corner) == []
    aged = [line("Img 12 of 48", 600, 10), line("45Y F", 600, 28), line("Ref 2025-4471", 600, 46)]
    assert ("patient-id", "2025-4471") in flagged(aged)
