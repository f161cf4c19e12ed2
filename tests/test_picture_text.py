"""Judging the text read in one picture (scan/picture_text): layout, labels, the patient block,
precision rules and the per-line account. Lines are made up here, as an OCR engine returns them,
so every rule is tested on its general form without running OCR."""

from __future__ import annotations

import pytest

from slidesan.scan.ocr.lines import OcrLine
from helpers import ocr_line as line
from slidesan.scan.picture_text import judge_picture

H = 12      # text height of the made-up lines


def flagged(lines) -> list[tuple[str, str]]:
    return [(m.category, m.text) for _, m in judge_picture(lines).identifiers()]


def texts(lines) -> list[str]:
    return [text for _, text in flagged(lines)]


# ---------------------------------------------------------------- labels and where their values sit

@pytest.mark.parametrize("text, category, value", [
    ("Patient's Birth Date: 4 juil. 1950", "date-of-birth", "4 juil. 1950"),
    ("Patient ID: MF-compression-frag", "patient-id", "MF-compression-frag"),
    ("Patient's Name: TEST, Compression", "name", "TEST, Compression"),      # common words, but the label says
    ("Institution Name: N.C.C. HIGASHI", "institution", "N.C.C. HIGASHI"),
    ("Study ID: 8NM1", "accession", "8NM1"),
    ("Referring Physician's Name: Okafor", "clinician", "Okafor"),
    ("Nom: Anonymous 1", "name", "Anonymous 1"),       # a numbered pseudonym; `Anonymous` alone says emptied
])
def test_value_after_its_label_is_that_identifier_whatever_its_form(text, category, value):
    assert (category, value) in flagged([line(text, 10, 10)])


def test_weak_label_inside_a_cell_is_not_a_label():
    """`Model Name:` names a device model; only a label opening its cell announces a person."""
    assert flagged([line("Manufacturer's Model Name: IRS", 10, 10)]) == []


def test_value_beside_its_caption_on_the_same_row():
    lines = [line("Patient ID", 10, 10), line("NOID", 200, 10), line("Sex", 10, 30), line("F", 200, 30)]
    assert flagged(lines) == [("patient-id", "NOID")]


def test_value_in_an_input_box_beside_its_caption():
    """The box's border read as `|` makes the value's box twice its caption's height."""
    boxed = OcrLine("|reviewer_7", (160, 6, 250, 6 + 2 * H), 91.0, "|reviewer_7", ((0, 11, (160, 6, 250, 6 + 2 * H)),),
                    "tesseract", True, False)
    assert ("clinician", "reviewer_7") in flagged([line("Annotator:", 10, 12), boxed])


def test_value_under_its_caption():
    lines = [line("Referring Physician", 10, 10), line("Hartley", 10, 26)]
    assert ("clinician", "Hartley") in flagged(lines)


def test_every_row_of_a_list_under_its_caption_is_its_value():
    """A viewer's patient list is one column under one caption (`Patient Name`): each row is a name,
    whatever its form, also a row the reader garbled (a name in a script it does not read), until a
    gap or the next caption ends the list."""
    lines = [line("Patient Name", 10, 10), line("TEST-i18n-Okonkwo", 10, 28), line("TEST-i18n-j1 ji) > pls", 10, 46),
             line("TEST-118n-Itoxcem6ypr", 10, 64), line("Zyx^Qwerty", 10, 82),
             line("Patient ID", 10, 130), line("7730091", 10, 148)]
    found = flagged(lines)
    for value in ("TEST-i18n-j1 ji) > pls", "TEST-118n-Itoxcem6ypr", "Zyx^Qwerty"):
        assert any(category == "name" and text in value and len(text) >= 5 for category, text in found), (value, found)
    assert ("name", "7730091") not in found and not any(t == "Patient ID" for _, t in found)


def test_ordinary_words_under_a_listed_value_are_not_names():
    """A side panel: the patient's name under its caption, then the panel's menu aligned below it."""
    menu = ("Downloads", "Teaching Files", "Recent Cases", "Shared Folder")
    lines = [line("Patient Name", 10, 10), line("OKONKWO^CHIDI", 10, 28)] + [
        line(word, 10, 46 + 18 * k) for k, word in enumerate(menu)]
    found = flagged(lines)
    assert ("name", "OKONKWO^CHIDI") in found
    assert not any(text in menu for _, text in found), found


def test_a_list_under_a_weak_caption_is_not_read_as_names():
    """`Name` alone heads a file list as often as a patient list: only its first row is its value."""
    lines = [line("Name", 10, 10), line("report.pdf", 10, 28), line("Axial T2 series", 10, 46)]
    assert not any(category == "name" for category, _ in flagged(lines))


def test_a_harmless_caption_is_never_a_value():
    lines = [line("Patient Name", 10, 10), line("Patient Sex", 200, 10)]
    assert flagged(lines) == []


def worklist(header_y: int = 10) -> list[OcrLine]:
    """A study list: header cells read as separate regions, rows below, one column harmless."""
    y = header_y
    rows = [line("Patient Name", 10, y), line("Patient ID", 200, y), line("Birth Date", 330, y),
            line("Modality", 460, y)]
    for k, (name, pid, dob, mod) in enumerate([("Artifix", "fuQQFud7", "11/04/1975", "CT"),
                                              ("Anonymous", "642341", "23 janv. 1971", "MR"),
                                              ("3D_Knee", "NOID9", "1.1.1901", "OT")]):
        y += 20
        rows += [line(name, 10, y), line(pid, 200, y), line(dob, 330, y), line(mod, 460, y)]
    return rows


def test_values_under_identifying_headers_are_identifiers_and_the_rest_is_not():
    found = flagged(worklist())
    for value in ("Artifix", "fuQQFud7", "11/04/1975", "Anonymous", "642341", "23 janv. 1971", "3D_Knee", "NOID9"):
        assert value in [text for _, text in found], value
    assert not any(text in ("CT", "MR", "OT") for _, text in found)


def test_a_search_form_header_over_empty_boxes_gives_nothing():
    """The labels of a search form over input boxes read as junk: no row holds a value of its
    column's form (a date, a code with a digit), so nothing under them is an identifier."""
    lines = [line("Patient Name", 10, 10), line("Patient ID", 200, 10), line("Study Date", 330, 10),
             line("Sesathi Sshaly", 10, 30, conf=30, reliable=False), line("Bik Sickle", 200, 30, conf=20, reliable=False)]
    assert flagged(lines) == []


def test_stacked_headers_both_apply():
    lines = [line("Patient Name", 10, 10), line("Patient ID", 200, 10), line("Birth Date", 330, 10),
             line("Study Date", 10, 28), line("Accession No", 200, 28), line("Modality", 330, 28),
             line("ARMANDO", 10, 50), line("ANONYMIZE7", 200, 50), line("4/13/1975", 330, 50),
             line("7/28/2005", 10, 70), line("738221", 200, 70), line("MR", 330, 70)]
    found = texts(lines)
    for value in ("ARMANDO", "ANONYMIZE7", "4/13/1975", "7/28/2005", "738221"):
        assert value in found, value
    assert "MR" not in found


# ---------------------------------------------------------------- the patient block

def test_first_line_of_a_block_holding_patient_evidence_is_the_name():
    lines = [line("ARTIFIX", 10, 10), line("123-456-789", 10, 26), line("1961-03-14 M", 10, 42)]
    found = flagged(lines)
    assert ("name", "ARTIFIX") in found
    assert "123-456-789" in [t for _, t in found]


def test_a_block_without_patient_evidence_names_nobody():
    lines = [line("AXIAL BRAIN", 10, 10), line("W:400 L:40", 10, 26), line("5.0 mm", 10, 42)]
    assert flagged(lines) == []


def test_an_id_label_read_as_digits_still_labels_its_number():
    """`ID:` read `10:` glued to the number: a colon then five digits or more is no time."""
    assert "4471203" in texts([line("HOPE FAITH F 61Y 10:4471203", 10, 10)])
    assert "4471203" in texts([line("lD: 4471203", 10, 10)])
    assert texts([line("SMITH, John 61Y", 10, 10), line("Time 10:45:31 10:4512", 10, 26)]) == ["SMITH, John"]


def test_bare_id_under_the_name_in_the_block():
    lines = [line("Zenna Okonkwo", 10, 10), line("482913", 10, 26), line("DOB: 14/03/1961", 10, 42)]
    assert "482913" in texts(lines)


@pytest.mark.parametrize("text", ["NGUYEN, Thi Lan", "LE, Thi Hoa", "BROWN, Thi Lan", "SMITH, John"])
def test_surname_comma_given_with_short_middle_names_from_every_culture(text):
    assert ("name", text) in flagged([line(text, 10, 10)])


@pytest.mark.parametrize("text", ["SHORT, SUMMER", "WOOD, G", "MAY, JUNE", "GREEN, C.", "Wood, Gareth", "SHORT^SUMMER",
                                  "BIRD^JOY", "BANKS, R.J.", "BANKS, R. J."])
def test_a_comma_pair_heading_a_corner_is_a_name_even_in_ordinary_words(text):
    """Nothing in `SHORT, SUMMER` says person but its place: the first line of a corner, written as
    viewers write names. Alone in the picture (no ID or birth date under it) it was harmless."""
    lines = [line(text, 10, 10), line("CT HEAD", 500, 10), line("W:80 L:40", 10, 480)]
    assert ("name", text) in flagged(lines)
    assert ("name", text) in flagged([line("St Mary's Hospital", 10, 10), line(text, 10, 26)])


@pytest.mark.parametrize("text", ["CHEST, PA", "Axial, T2", "KNEE, R", "HEAD, NECK", "Summary, Conclusions",
                                  "Series: 3, Image: 12", "Brain^Routine", "AXIAL T2", "Key Images", "OF THE",
                                  "PRODUCTS", "NATIONAL CANCER INSTITUTE"])
def test_a_comma_pair_of_imaging_words_or_a_heading_is_not_a_name(text):
    judged = judge_picture([line(text, 10, 10), line("W:80 L:40", 10, 480)])
    assert [a.outcome for a in judged.lines] == ["harmless", "harmless"]


@pytest.mark.parametrize("text", ["SUMMER SHORT", "BIRD JOY", "Bird, Joy", "WOOD,", "Summer Short", "WOOD"])
def test_capitals_heading_a_corner_are_not_harmless(text):
    """Two ordinary words in capitals where a viewer prints the name: perhaps a name, so review."""
    judged = judge_picture([line(text, 10, 10), line("W:80 L:40", 10, 480)])
    assert [a.outcome for a in judged.lines] == ["unknown words", "harmless"]
    assert [(m.severity, m.text) for _, m in judged.flagged()] == [("review", text)]


def test_a_comma_pair_below_a_corners_first_lines_is_no_name_by_place():
    lines = [line("ACME PACS", 10, 10), line("Viewer 3", 10, 26), line("SHORT, SUMMER", 10, 42)]
    assert flagged(lines) == []


def test_pacs_header_row_name_is_found():
    lines = [line("PATEL, Rajesh   Hosp No: RX1234567   DOB: 14/03/1961   M", 10, 10)]
    found = texts(lines)
    assert "PATEL, Rajesh" in found and "RX1234567" in found and "14/03/1961" in found


# ---------------------------------------------------------------- forms found anywhere

@pytest.mark.parametrize("text, value", [
    ("TCGA-05-4244-01Z", "TCGA-05-4244-01Z"), ("1234-56789", "1234-56789"), ("12-34-56-789012", "12-34-56-789012"),
    ("img0033", "img0033"), ("2591315322_91132132", "2591315322_91132132"),
    ("1.2.840.113745.101000.1008000.38425", "1.2.840.113745.101000.1008000.38425"),
    ("1.3.6.1....53582630", "1.3.6.1....53582630"), ("/home/nicolas/Downloads/wounds", "/home/nicolas/Downloads/wounds"),
    ("1963-May-24", "1963-May-24"), ("2021 Mar 15", "2021 Mar 15"), ("29 Aug 94", "29 Aug 94"),
    ("Fri, Mar 22nd 2019", "Fri, Mar 22nd 2019"), ("8 déc. 2003", "8 déc. 2003"), ("106 Years", "106 Years"),
])
def test_identifier_forms_read_in_pictures(text, value):
    assert value in texts([line(text, 10, 10)])


@pytest.mark.parametrize("text", [
    "L12-5", "T2-FLAIR", "B31s", "JPEG2000", "image-00004", "16-Dec-2345", "SOP Class UID: 1.2.840.10008.5.1.4.1.1.1",
    "(0010,0010) PN Patient's Name", "12:09:56", "45Y", "60-year-old man", "https://volview.netlify.app",
    "Invert LUT", "Fuzzy Matching", "Eile Edit View History Bookmarks", "File Edit View Window Help Tools",
    "PET^PETCT", "Obere Gelenke^Schulter", "Patient Name Phonetic", "Syntax UID",
])
def test_interface_text_and_scan_parameters_are_not_identifiers(text):
    assert flagged([line(text, 10, 10)]) == []


def test_a_time_after_its_date_is_part_of_it():
    assert texts([line("10/16/24 08:27:46", 10, 10)]) == ["10/16/24 08:27:46"]


def test_value_wrapped_in_a_narrow_cell_is_one_value():
    lines = [line("ACRIN-6698-", 10, 10), line("102212", 10, 26)]
    assert "ACRIN-6698-102212" in texts(lines)


def test_a_wrapped_value_is_joined_under_its_last_word_when_scraps_stand_before_it():
    # an icon read as `@@` opens the cell; the year wraps under the date's own left edge
    lines = [line("@@ 04-04-", 10, 10), line("2002", 31, 26)]
    assert "04-04-2002" in texts(lines)


# ---------------------------------------------------------------- reliability and the account

def test_texture_keeps_only_strong_identifier_forms():
    lines = [line("Sesathi Sshaly", 10, 10, conf=5, texture=True), line("DOB: 14/03/1961", 10, 200, conf=30, texture=True)]
    assert flagged(lines) == [("date-of-birth", "14/03/1961")]


def test_an_unsure_line_goes_to_review_instead_of_being_harmless():
    text = judge_picture([line("Kreich Mihal", 10, 10, conf=30, reliable=False)])
    assert [a.outcome for a in text.lines] == ["unread"]
    assert text.counts() == {"identifier": 0, "unknown words": 0, "harmless": 0, "unread": 1}


def test_every_line_ends_in_exactly_one_account():
    lines = worklist() + [line("W:400 L:40", 10, 300), line("xq zz", 10, 320, conf=20, reliable=False)]
    text = judge_picture(lines)
    counts = text.counts()
    assert sum(counts.values()) == len(text.lines) == len(lines)
    assert counts["identifier"] > 0 and counts["harmless"] > 0 and counts["unread"] == 1


def test_two_readings_of_one_place_report_an_identifier_once():
    tess = line("DOB: 14/03/1961", 10, 10)
    learned = OcrLine("DOB: 14/03/1961", tess.box, 97.0, "", tess.spans, "learned")
    assert texts([tess, learned]) == ["14/03/1961"]


@pytest.mark.parametrize("text", ["ST MARYS MED CTR", "Saint Jude Med. Ctr.", "NORTHTOWN PET/CT", "MEDICAL IMAGING OF COLO.",
                                  "Ambridge Medical Imaging"])
def test_institutions_by_form_without_the_usual_head_words(text):
    assert [category for category, _ in flagged([line(text, 10, 10)])] == ["institution"]


@pytest.mark.parametrize("text, value", [
    ("Patel, Farhan A.", "Patel, Farhan A"),                      # Surname, Given Initial. in mixed case
    ("Pat: Lindqvist, Eleni E.", "Lindqvist, Eleni E"),
    ("COHEN MIRIAM", "COHEN MIRIAM"),                             # SURNAME GIVEN in capitals, a known given name
    ("DR^HADDAD", "DR^HADDAD"),                                   # a title is no imaging word
    ("Centre Hospitalier de Tarrow Vale", "Centre Hospitalier de Tarrow Vale"),
    ("Centre d'Imagerie Carrow", "Centre d'Imagerie Carrow"), ("Klinikum Wrenfield", "Klinikum Wrenfield"),
    ("Lindholt PET/CT", "Lindholt PET/CT"),
    ("Study: 22.66.2615", "22.66.2615"), ("Study: 3 favr. 2018", "3 favr. 2018"),   # damaged, but labelled
    ("7/11/23", "7/11/23"), ("9/30/37", "9/30/37"),              # US dates with two-digit years
    ("[20170614MR7319)", "20170614MR7319"), ("73-75-61 -976220", "73-75-61 -976220"),
    ("Patient |D: 061760", "061760"),                             # the ID label with its I misread
    ("Gosp Wo: A20 948 167", "A20 948 167"),                      # a label misread by two letters, before its colon
])
def test_more_identifier_forms_read_in_pictures(text, value):
    assert value in texts([line(text, 10, 10)])


def test_a_spanish_medical_centre_is_an_institution():
    """Head first, as Spanish and Portuguese write it: four title-case words a menu rule must not take."""
    assert flagged([line("Centro Médico Los Almendros", 10, 10)]) == [("institution", "Centro Médico Los Almendros")]


@pytest.mark.parametrize("text", ["Anatomy, Physiology", "Neoplasm, Secondary", "Edit, View", "page 1 - 2018",
                                  "Se 3 - 145", "Brain MRI", "Cardiac Imaging", "Kopf^Routine", "1.5.10",
                                  "MAMMOGRAPHIE DEPISTAGE", "TDM THORACIQUE"])   # study descriptions, French
def test_more_forms_that_are_not_identifiers(text):
    assert flagged([line(text, 10, 10)]) == []


def test_a_form_value_written_in_the_box_under_its_caption():
    lines = [line("Surname", 77, 318), line("Demir", 145, 336), line("Date of birth", 81, 362),
             line("21 Dec 1983", 166, 377)]
    found = texts(lines)
    assert "Demir" in found and "21 Dec 1983" in found


@pytest.mark.parametrize("text, value", [
    ("Dr van der Berg", "Dr van der Berg"), ("Dr. A. de la Cruz", "Dr. A. de la Cruz"),   # particles after a title
    ("Chinedu EZE", "Chinedu EZE"), ("Anneke VAN DIJK", "Anneke VAN DIJK"),             # Given SURNAME
])
def test_names_with_particles_and_given_surname_order(text, value):
    assert value in texts([line(text, 10, 10)])


def test_a_caption_misread_by_a_letter_still_announces_its_value():
    lines = [line("Sumame", 64, 328), line("Tanaka", 126, 347)]
    assert "Tanaka" in texts(lines)
    assert flagged([line("Annotations", 64, 328), line("Rendering", 200, 328)]) == []


@pytest.mark.parametrize("text, values", [
    # a patient list's line: a short run of words, then a code in brackets, a birth date or sex after
    ("wv Anonymous [642341] 23 janv. 1971 Female", {"642341", "23 janv. 1971"}),
    ("3D_Knee [3D_Knee]", {"3D_Knee"}), ("SignedSmallNegative, 12 No Window [12signedSNNW]", {"12signedSNNW"}),
    ("NAME, NONE [NOID]", {"NAME, NONE", "NOID"}),                                # SURNAME, GIVEN [code of letters]
    ("OAKHART-VELL, Quentin [QVELL]", {"OAKHART-VELL, Quentin", "QVELL"}),
    ("Reader Name: fedorov |", {"fedorov"}),                                      # a role's name, in lower case
    ("F:/SBO/FirstTwentyAnonymized\\2591315322_91132132.json", {"2591315322_91132132"}),
    ("CT NECK SOFT TISSUE W/ CO...20120507", {"20120507"}),                     # an ellipsis glued to a value
    ("[CT] 6 aodt 2010, 01:04:34", {"6 aodt 2010, 01:04:34"}),                  # a month misread by a letter
    ("Patient Name: QIN-HEADNECK- 01-0139", {"QIN-HEADNECK- 01-0139"}),        # a value split after its dash
])
def test_patient_lists_roles_and_glued_values(text, values):
    assert values <= set(texts([line(text, 10, 10)])), texts([line(text, 10, 10)])


@pytest.mark.parametrize("text", ["Select All [295]", "Ax FIESTA [27]", "ECG [ECG] 25 janv. 2013", "Brain, Routine [MRI]",
                                  "Knee, Left [CT]", "Chest, PA [PORTABLE]", "Report, Final [SIGNED]"])
def test_list_lines_without_patient_evidence_name_nobody(text):
    assert "name" not in [category for category, _ in flagged([line(text, 10, 10)])]


def test_a_field_of_its_own_is_not_the_value_of_the_caption_above():
    lines = [line("Annotator:", 10, 10), line("Annotation Date: | 2021-12-20 11:04:21", 10, 28)]
    assert flagged(lines) == [("date", "2021-12-20 11:04:21")]


# ---------------------------------------------------------------- unknown words: harmless only when accounted for

@pytest.mark.parametrize("text, words", [
    ("Tiihonen Eeva-Liisa", "Tiihonen Eeva-Liisa"),        # Finnish order, a hyphenated given name
    ("eleanor thorne", "eleanor thorne"),                  # a name typed in lower case
    ("loannis Papadopoulos", "loannis Papadopoulos"),      # OCR's l for a capital I
    ("de la Cruz, Marfa", "Cruz, Marfa"),                   # one word ordinary (cruz), one unknown
    ("WANG XIAO", "WANG XIAO"),                            # romanised syllables, not acronyms
    ("Santos", "Santos"),                                  # an ordinary word somewhere, a common surname
    ("KaurHarpreet", "KaurHarpreet"),                      # OCR glued two words
    ("vander Berg, Anneke", "vander Berg, Anneke"),         # a particle glued, lower case: neutral
    ("Kowalczyk, tukasz", "Kowalczyk, tukasz"),             # a capital misread as lower case
])
def test_unknown_name_shaped_words_go_to_review_not_to_harmless(text, words):
    judged = judge_picture([line(text, 10, 10), line("CT HEAD", 10, 30)])
    assert [a.outcome for a in judged.lines] == ["unknown words", "harmless"]
    assert [(m.severity, m.text) for _, m in judged.flagged()] == [("review", words)]


@pytest.mark.parametrize("text", ["Dupont, Jean-Pierre", "SMITH-JONES, MARY-ANN X",
                                  "BROWN, MARY X", "SMITH, JOHN A", "Hans-Peter Müller"])
def test_compound_given_names_initials_and_a_tab_close_keep_a_name(text):
    """A hyphenated given name is title case part by part; a lone letter after the name is an initial or
    the close button of a viewer's tab, not OCR garbage that voids the name."""
    judged = judge_picture([line(text, 10, 10), line("CT HEAD", 10, 30)])
    assert [(m.category, m.severity) for _, m in judged.flagged()] == [("name", "high")]


@pytest.mark.parametrize("text", [
    "W 400 L 40",            # numbers and overlay vocabulary
    "Slice thickness 5 mm",  # ordinary words
    "Hrvw Xkcd tHe",         # noise: no vowel, mixed case: not a name
    "Eile Edit View",        # a menu with one OCR slip: two ordinary words
    "IHEP CPU",              # acronyms
    "Photometric Issuer",    # words of DICOM attribute names: a viewer's interface
    "Lossless / Uncompressed",   # an ordinary word with a prefix and an ending
    "Annotator",             # a field label alone: a caption, not a person
])
def test_lines_whose_every_word_is_accounted_for_stay_harmless(text):
    judged = judge_picture([line(text, 10, 10)])
    assert [a.outcome for a in judged.lines] == ["harmless"]


@pytest.mark.parametrize("text, category, value", [
    ("NHC: 12345678", "hospital-number", "12345678"),               # Spanish: numero de historia clinica
    ("N.º historia: 00412877", "hospital-number", "00412877"),
    ("Patiëntnr: 22825364", "patient-id", "22825364"),              # Dutch
    ("Pat.-Nr.: 40061883", "patient-id", "40061883"),               # German
    ("BSN: 123456782", "patient-id", "123456782"),                  # Dutch citizen service number
    ("DNI: 12345678Z", "patient-id", "12345678Z"),                  # Spanish national identity
    ("Geb.-Dat.: 01.02.1960", "date-of-birth", "01.02.1960"),
    ("Fecha nac.: 3/4/1950", "date-of-birth", "3/4/1950"),
    ("Accessienr: 123456789", "accession", "123456789"),
    ("Auftragsnr: 20231234", "accession", "20231234"),
    ("Nº petición: 7781234", "accession", "7781234"),
    ("Naam patiënt: Bakker", "name", "Bakker"),
    ("Nombre y apellidos: Arrieta Nerea", "name", "Arrieta Nerea"),
    ("Onderzoeksdatum: 12-03-2021", "date", "12-03-2021"),
])
def test_labels_printed_in_the_viewers_languages_announce_their_values(text, category, value):
    """The five languages viewers and dose reports are printed in (English, French, German, Spanish,
    Dutch): a bare number after `NHC:` is the hospital number however short or plain it is."""
    found = flagged([line(text, 10, 10)])
    assert (category, value) in found, found
    assert not [f for f in found if f[1] != value], found        # the label itself is no name


@pytest.mark.parametrize("text", ["lcm", "icm", "Icm", "lOmm", "|cm", "i0 mm", "lms"])
def test_a_measurement_whose_digits_were_read_as_letters_stays_harmless(text):
    """A scale bar's `1 cm` read as `lcm` or `icm` (1 taken for l or i, the space lost) is a
    measurement, not an unknown name."""
    judged = judge_picture([line(text, 10, 10)])
    assert [a.outcome for a in judged.lines] == ["harmless"]


@pytest.mark.parametrize("text", ["Icmira", "Imss"])
def test_names_that_merely_start_with_a_lookalike_letter_still_go_to_review(text):
    judged = judge_picture([line(text, 10, 10)])
    assert [a.outcome for a in judged.lines] == ["unknown words"]


def test_unknown_words_on_an_unsure_line_are_unread_not_reviewed_twice():
    judged = judge_picture([line("Tiihonen Eeva-Liisa", 10, 10, conf=40, reliable=False)])
    assert [a.outcome for a in judged.lines] == ["unread"]


def test_a_long_number_where_no_text_was_detected_is_unread_not_harmless():
    judged = judge_picture([line("Si blae Hostal AN 556089 91032005", 10, 10, conf=23, texture=True)])
    assert [a.outcome for a in judged.lines] == ["unread"]


@pytest.mark.parametrize("text", ["Bocy Part Examined", "Seftware Versions", "Serias Dascription", "Instance Numbar"])
def test_a_tag_browsers_captions_misread_are_not_names(text):
    """One misread letter (two in a long word) from a DICOM keyword's word: a caption, not a person."""
    judged = judge_picture([line(text, 10, 10), line("CT HEAD", 10, 30)])
    assert not [m for _, m in judged.flagged() if m.severity == "high"]


@pytest.mark.parametrize("text", ["Jones Harriet", "Chen Meiling", "Okafor Chinedu", "Dale Rowena"])
def test_names_near_caption_words_stay_names(text):
    judged = judge_picture([line(text, 10, 10), line("CT HEAD", 10, 30)])
    assert [(m.category, m.severity) for _, m in judged.flagged()][:1] in ([("name", "high")], [("name", "review")])


@pytest.mark.parametrize("caption, value", [("NHS No:", "Ward / Clinic"), ("NHS No:", "CRP. 7appendicts"),
                                            ("Acc. No:", "12:46:26 PM"), ("Accession", "12:46:26 PM")])
def test_a_value_of_the_wrong_kind_beside_an_id_caption_is_not_that_id(caption, value):
    """NHS numbers are digits, and a time is no accession number: the next caption or another column."""
    for place in ((120, 10), (10, 28)):
        assert flagged([line(caption, 10, 10), line(value, *place)]) == []


def test_a_letters_only_accession_beside_its_caption_stays_flagged():
    assert flagged([line("Acc. No:", 10, 10), line("OQYOrzL", 120, 10)]) == [("accession", "OQYOrzL")]


def test_a_judgement_that_fails_leaves_every_line_unread_not_the_file_refused(monkeypatch):
    """A layout the rules never met may raise inside them (a table header read twice once did): the
    picture's lines then end unread, to review, so the verdict cannot be publication and the rest of
    the file is still cleaned."""
    from slidesan.scan.picture_text import fields

    def broken(*_args):
        raise TypeError("'<' not supported between instances of 'NoneType' and 'str'")

    monkeypatch.delenv("SLIDESAN_DEBUG", raising=False)
    monkeypatch.setattr(fields, "find_fields", broken)
    judged = judge_picture([line("OKONKWO^CHIDI", 10, 10), line("W 400 L 40", 10, 30)])
    assert [account.outcome for account in judged.lines] == ["unread", "unread"]
    assert "not judged" in judged.lines[0].reason


def test_a_monospaced_space_does_not_cut_a_value_in_two():
    """A monospaced font (viewer overlays often use one) sets a space as wide as a letter: wider than
    a text height, where cells used to end. `Patient: Short, Summer` lost `Summer`, `KING, L` was two cells."""
    assert ("name", "Short, Summer") in flagged([line("Patient: Short, Summer", 10, 10, char=14.0)])
    assert ("name", "KING, L") in flagged([line("KING, L", 10, 10, char=14.0), line("W:80 L:40", 10, 480)])
    worklist = [line("Name", 10, 10), line("ID", 200, 10), line("SMITH, John", 10, 30), line("482913", 200, 30)]
    assert {("name", "SMITH, John"), ("patient-id", "482913")} <= set(flagged(worklist))
