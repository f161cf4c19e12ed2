"""What a cleaned PDF still shows is scanned: page text, bookmarks, alt text, pictures (OCR);
--redact removes the text for real (re-extracted to prove it) and paints the pixels."""

from __future__ import annotations

import shutil

import pytest
from pdf_helpers import build_pdf, where_planted

import slidesan
from slidesan.options import Options
from slidesan.pdf.text import page_texts

needs_tesseract = pytest.mark.skipif(not shutil.which("tesseract"), reason="Tesseract is needed")


def test_text_bookmarks_alt_text_found(tmp_path):
    path, planted = build_pdf(tmp_path, "scan")
    report = slidesan.clean(path, tmp_path / "out.pdf", Options(ocr=False))
    found = {f.text for f in report.findings if f.action == "flagged" and f.severity == "high"}
    for text in planted["text"]:
        assert any(text in t for t in found), text
    assert any(planted["bookmark"] in t for t in found)
    assert any(planted["alt"] in t for t in found)
    assert report.verdict == "identifiable"


def test_redact_removes_text_for_real(tmp_path):
    path, planted = build_pdf(tmp_path, "scan")
    out = tmp_path / "out.pdf"
    report = slidesan.clean(path, out, Options(ocr=False, redact=True))
    text = page_texts(out.read_bytes())[0].text
    for secret in planted["text"]:
        assert secret not in text
        assert not where_planted(out, secret.encode())
    assert "follow-up" in text and "in clinic" in text            # the rest of each line stays
    redacted = [f for f in report.findings if f.action == "redacted"]
    assert len(redacted) >= 2


@needs_tesseract
def test_ocr_reads_and_redact_paints_pictures(tmp_path):
    path, _ = build_pdf(tmp_path, "scan")
    report = slidesan.clean(path, tmp_path / "plain.pdf", Options())
    read = [f for f in report.findings if f.image and f.category == "name"]
    assert read and "Smith" in read[0].text
    out = tmp_path / "out.pdf"
    report = slidesan.clean(path, out, Options(redact=True))
    assert any(f.image and f.action == "redacted" for f in report.findings)
    again = slidesan.clean(out, tmp_path / "again.pdf", Options())
    assert not [f for f in again.findings if f.image and f.category == "name"]


@needs_tesseract
def test_thorough_reads_text_drawn_as_outlines(tmp_path):
    import pikepdf

    from fixtures.pdfs.common import new_pdf, save

    pdf = new_pdf(text=b"Outlines below")
    # "Mr John Smith" drawn as a picture inside a form: no characters; only rendering + OCR sees it.
    path = tmp_path / "outlines.pdf"
    from fixtures.pdfs.scan import burned_in_picture
    import zlib

    img = burned_in_picture("Mr John Smith")
    stream = pdf.make_stream(zlib.compress(img.convert("L").tobytes()), Type=pikepdf.Name.XObject,
                             Subtype=pikepdf.Name.Image, Width=img.width, Height=img.height,
                             ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8, Filter=pikepdf.Name.FlateDecode)
    pdf.pages[0].obj.Resources.XObject.Im1 = stream
    pdf.pages[0].obj.Contents = pdf.make_stream(pdf.pages[0].obj.Contents.read_bytes() +
                                                b"q 320 0 0 80 40 60 cm /Im1 Do Q\n")
    save(pdf, path)
    report = slidesan.clean(path, tmp_path / "out.pdf", Options(thorough=True))
    assert any("rendered page" in f.message and f.category == "name" for f in report.findings)


@needs_tesseract
def test_inline_images_read_and_reported(tmp_path):
    from fixtures.pdfs.scan import build_inline

    path = tmp_path / "inline.pdf"
    build_inline(path)
    report = slidesan.clean(path, tmp_path / "out.pdf", Options())
    assert any(f.image and f.image.startswith("inline image") and f.category == "name" for f in report.findings)
    assert any("inline image(s) partly hidden" in f.message for f in report.findings)
    assert report.verdict == "identifiable"


def test_text_as_outlines_needs_thorough(tmp_path):
    from fixtures.pdfs.common import add_content, new_pdf, save

    pdf = new_pdf()
    letters = b"".join(b"%d 100 m %d 120 %d 120 %d 100 c %d 80 %d 80 %d 100 c f\n"
                       % (x, x, x + 8, x + 8, x + 8, x, x) for x in range(40, 340, 12))
    add_content(pdf, 0, b"0 g " + letters)
    path = tmp_path / "outlines.pdf"
    save(pdf, path)
    report = slidesan.clean(path, tmp_path / "out.pdf", Options(ocr=False))
    assert any("text drawn as outlines" in f.message for f in report.findings)
    assert report.verdict == "needs-review"
    plain, _ = build_pdf(tmp_path, "document_info")
    report = slidesan.clean(plain, tmp_path / "plain.pdf", Options(ocr=False))
    assert not any("outlines" in f.message for f in report.findings)


@needs_tesseract
def test_a_picture_finding_names_the_page_that_shows_the_picture(tmp_path):
    """A handout's report says on which page the name is (the first page drawing the image; an
    inline image its own page), as a deck's report names the slide."""
    import pikepdf
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 28)
    shown = Image.new("RGB", (700, 200), "black")
    ImageDraw.Draw(shown).text((20, 20), "OKONKWO, Chidi   DOB: 14/03/1961", font=font, fill="white")
    Image.new("RGB", (700, 200), "white").save(tmp_path / "blank.pdf")
    shown.save(tmp_path / "shown.pdf")
    pdf = pikepdf.open(tmp_path / "blank.pdf")
    pdf.pages.extend(pikepdf.open(tmp_path / "shown.pdf").pages)
    pdf.save(tmp_path / "two.pdf")
    report = slidesan.check(tmp_path / "two.pdf", Options(jobs=1))
    read = [f for f in report.findings if f.image and f.category in ("name", "date-of-birth")]
    assert read and {f.slide for f in read} == {2}, [(f.text, f.slide) for f in read]
