"""Two readings of one place (an unsure Tesseract reading of a word kept beside the line that holds
it) are judged together without breaking the table reader (made-up lines, no OCR)."""

from __future__ import annotations

from slidesan.scan.picture_text import judge_picture
from tests.test_picture_text import line

GAP = " " * 12


def test_a_table_header_read_twice_at_one_place_still_reads_its_column():
    """The header line's last label (`Accession no.`) was also read alone, unsurely, as garbage that
    starts at the same x: ordering the header's columns must not compare the label's kind with the
    garbage's lack of one (it raised TypeError, so the picture's text was never judged)."""
    text = GAP.join(["Patient name", "Patient ID", "Study date", "Accession no."])
    header = line(text, 10, 10)
    x = 10 + int(text.index("Accession") * 7.0)
    garbage = line("Aaaxvsdees rit.", x, 10, conf=7.0, reliable=False)
    row = line(GAP.join(["Anonymous   ", "4238399   ", "12/1/2003 ", "2094352"]), 10, 30)
    found = [m.text for _, m in judge_picture([header, garbage, row]).identifiers()]
    assert "4238399" in found and "2094352" in found
