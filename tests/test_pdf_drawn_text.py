"""Letters only the pixels show (text as outlines in one fill, Type3 glyphs, a ToUnicode map that names other
letters than the font draws) are read from the rendered page without --thorough, or admitted as not inspected.

Made-up patient: PEMBERTON^ALICE, MRN 5530817."""

from __future__ import annotations

import shutil

import pikepdf
import pytest
from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont

import slidesan
from fixtures.decks.scan import FONT_PATHS
from fixtures.pdfs.common import save
from slidesan.options import Options
from slidesan.pdf.drawn_text import accounted_for

needs_tesseract = pytest.mark.skipif(not shutil.which("tesseract"), reason="Tesseract is needed")
NAME = "PEMBERTON^ALICE MRN 5530817"


class PdfPen(BasePen):
    """A glyph outline as PDF path operators, scaled and moved."""

    def __init__(self, glyphs, scale, dx, dy):
        super().__init__(glyphs)
        self.ops, self.scale, self.dx, self.dy = [], scale, dx, dy

    def at(self, pt):
        return f"{pt[0] * self.scale + self.dx:.2f} {pt[1] * self.scale + self.dy:.2f}"

    def _moveTo(self, pt):
        self.ops.append(self.at(pt) + " m")

    def _lineTo(self, pt):
        self.ops.append(self.at(pt) + " l")

    def _curveToOne(self, a, b, c):
        self.ops.append(f"{self.at(a)} {self.at(b)} {self.at(c)} c")

    def _closePath(self):
        self.ops.append("h")


def outline_font():
    font = TTFont(FONT_PATHS[0])
    return font, font.getGlyphSet(), font.getBestCmap(), font["head"].unitsPerEm


def page_pdf(content: bytes, resources=None) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 300))
    pdf.pages[0].obj.Contents = pdf.make_stream(content)
    if resources is not None:
        pdf.pages[0].obj.Resources = resources
    return pdf


def outlines_in_one_fill() -> pikepdf.Pdf:
    """The whole name as glyph outlines, painted by a single fill operator."""
    _font, glyphs, cmap, upm = outline_font()
    x, ops = 40.0, []
    for ch in NAME:
        pen = PdfPen(glyphs, 16 / upm, x, 200)
        glyphs[cmap[ord(ch)]].draw(pen)
        ops += pen.ops
        x += glyphs[cmap[ord(ch)]].width * 16 / upm
    return page_pdf(("0 g\n" + "\n".join(ops) + "\nf\n").encode())


def type3_font_pdf() -> pikepdf.Pdf:
    """A Type3 font whose procedures draw the letters; codes from 'a' on, no glyph names, no ToUnicode."""
    pdf = pikepdf.new()
    _font, glyphs, cmap, upm = outline_font()
    chars = sorted(set(NAME))
    procs, differences, widths = pikepdf.Dictionary(), [97], []
    for index, ch in enumerate(chars):
        glyph = glyphs[cmap[ord(ch)]]
        pen = PdfPen(glyphs, 1, 0, 0)
        glyph.draw(pen)
        procs[f"/c{index}"] = pdf.make_stream(f"{glyph.width} 0 d0\n{chr(10).join(pen.ops)}\nf".encode())
        differences.append(pikepdf.Name(f"/c{index}"))
        widths.append(glyph.width)
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type3, FontBBox=[0, -300, 2000, 1000],
        FontMatrix=[1 / upm, 0, 0, 1 / upm, 0, 0], CharProcs=procs, FirstChar=97, LastChar=96 + len(chars),
        Encoding=pikepdf.Dictionary(Type=pikepdf.Name.Encoding, Differences=pikepdf.Array(differences)),
        Widths=widths))
    codes = "".join(chr(97 + chars.index(ch)) for ch in NAME).encode()
    pdf.add_blank_page(page_size=(595, 300))
    pdf.pages[0].obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(T3=font))
    pdf.pages[0].obj.Contents = pdf.make_stream(b"BT /T3 16 Tf 40 200 Td (" + codes + b") Tj ET")
    return pdf


def mapped_helvetica_pdf(first: str) -> pikepdf.Pdf:
    """Helvetica (WinAnsi) drawing the name; its ToUnicode maps codes 0x20.. to `first` and on (" ": honestly)."""
    pdf = pikepdf.new()
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /M def 1 begincodespacerange "
            f"<00> <FF> endcodespacerange 1 beginbfrange <20> <7E> <{ord(first):04X}> endbfrange endcmap "
            "CMapName currentdict /CMap defineresource pop end end")
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica, Encoding=pikepdf.Name.WinAnsiEncoding,
                                                ToUnicode=pdf.make_stream(cmap.encode())))
    pdf.add_blank_page(page_size=(595, 300))
    pdf.pages[0].obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    pdf.pages[0].obj.Contents = pdf.make_stream(f"BT /F1 16 Tf 40 200 Td ({NAME}) Tj ET".encode())
    return pdf


CASES = {"outlines in one fill": (outlines_in_one_fill, "outlines"),
         "Type3 glyphs": (type3_font_pdf, "Type3"),
         "ToUnicode that lies": (lambda: mapped_helvetica_pdf("x"), "ToUnicode")}


@pytest.mark.parametrize("case", CASES)
def test_without_ocr_the_page_is_admitted_not_inspected(case, tmp_path):
    build, word = CASES[case]
    save(build(), tmp_path / "in.pdf")
    report = slidesan.clean(tmp_path / "in.pdf", tmp_path / "out.pdf", Options(ocr=False))
    unread = [f for f in report.findings if f.action == "not-inspected" and f.slide == 1 and word in f.message]
    assert unread and report.verdict == "needs-review"


@needs_tesseract
@pytest.mark.parametrize("case", CASES)
def test_by_default_the_rendered_page_is_read(case, tmp_path):
    build, word = CASES[case]
    save(build(), tmp_path / "in.pdf")
    report = slidesan.clean(tmp_path / "in.pdf", tmp_path / "out.pdf", Options())
    assert any(f.category == "name" and "PEMBERTON" in (f.text or "") and "rendered page" in f.message
               for f in report.findings)
    assert any(f.action == "kept" and word in f.message for f in report.findings)
    assert report.verdict == "identifiable"


def test_an_honest_map_or_an_unnamed_ligature_is_not_read_as_rendered(tmp_path):
    save(mapped_helvetica_pdf(" "), tmp_path / "in.pdf")
    report = slidesan.clean(tmp_path / "in.pdf", tmp_path / "out.pdf", Options(ocr=False))
    assert not any(f.category == "pdf-text" for f in report.findings)
    assert report.verdict == "identifiable"                            # the name is page text, found as such
    assert accounted_for("Multiple files are bound", "Multiple \x1fles are bound")   # an unnamed ligature
    assert not accounted_for("xxxxxxx xxxxx", "PEMBERTON ALICE")
