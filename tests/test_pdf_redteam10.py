"""PDF forms red team 10 found in files written by other producers (LibreOffice's PDF export, hand-made
incremental updates, ghostscript, qpdf, img2pdf), as general forms. Made-up patient: Wilberforce
Grantchester, hospital number GX7741203."""

from __future__ import annotations

import pikepdf
from pdf_helpers import where_planted

import slidesan
from fixtures.pdfs.common import new_pdf, save
from slidesan.options import Options

MRN = "GX7741203"


def checked(path):
    return slidesan.check([path], Options(ocr=False))


def _link(pdf, uri: str) -> None:
    annot = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[72, 72, 200, 90], Border=[0, 0, 0],
        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(uri))))
    pdf.pages[0].obj["/Annots"] = pikepdf.Array([annot])


def test_a_link_whose_address_carries_a_hospital_number_is_a_direct_identifier(tmp_path):
    pdf = new_pdf()
    _link(pdf, f"https://pacs.example.org/viewer?mrn={MRN}&name=Grantchester")
    path = tmp_path / "link.pdf"
    save(pdf, path)
    report = checked(path)
    assert report.verdict == "identifiable", [(f.category, f.severity, f.message) for f in report.findings]
    out = tmp_path / "out.pdf"
    slidesan.clean(path, out, Options(ocr=False))
    assert not where_planted(out, MRN.encode())


def test_a_plain_link_with_a_query_is_not_identifiable(tmp_path):
    pdf = new_pdf()
    _link(pdf, "https://radiopaedia.example.org/search?q=pulmonary+embolism&lang=en")
    path = tmp_path / "link.pdf"
    save(pdf, path)
    assert checked(path).verdict != "identifiable"
