"""Visible identifiers: slide text, burned-in pixels, covers that only hide, and --redact."""

import io
import shutil
import zipfile

import pytest
from PIL import Image

import slidesan
from slidesan.scan.ocr import read_text

needs_tesseract = pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract is not installed")


def findings_by(report, **where):
    return [f for f in report.findings if all(getattr(f, k) == v for k, v in where.items())]


def test_identifiers_in_slide_text_are_flagged(build_deck, tmp_path):
    path, _ = build_deck("scan")
    report = slidesan.clean(path, tmp_path / "o.pptx", slidesan.Options(ocr=False))
    slide1 = findings_by(report, slide=1)
    assert any(f.category == "nhs-number" and "943 476 5919" in f.text for f in slide1)
    assert any(f.category == "name" and "Smith" in f.text for f in slide1)
    assert report.verdict == "identifiable"
    assert any(f.category == "ocr" and f.action == "not-inspected" for f in report.findings)


@needs_tesseract
def test_covered_identifier_is_reported_as_covered_not_removed(build_deck, tmp_path):
    path, _ = build_deck("scan")
    report = slidesan.clean(path, tmp_path / "o.pptx")
    slide2 = [f for f in findings_by(report, slide=2) if f.severity == "high"]
    assert slide2, [f.to_dict() for f in report.findings]
    assert all(f.action == "covered-not-removed" for f in slide2)
    slide3 = [f for f in findings_by(report, slide=3) if f.severity == "high"]
    assert any(f.action == "flagged" and "4857773456" in (f.text or "") for f in slide3)
    assert all(f.box and f.image for f in slide2 + slide3)


def media_images(path):
    with zipfile.ZipFile(path) as zf:
        return {n: Image.open(io.BytesIO(zf.read(n))).convert("RGB") for n in zf.namelist() if n.startswith("ppt/media/")}


@needs_tesseract
def test_redact_paints_pixels_so_ocr_no_longer_reads_them(build_deck, tmp_path):
    path, planted = build_deck("scan")
    out = tmp_path / "o.pptx"
    report = slidesan.clean(path, out, slidesan.Options(redact=True))
    redacted = [f for f in report.findings if f.action == "redacted"]
    assert any("4857773456" in (f.text or "") for f in redacted)
    texts = " ".join(line.text for img in media_images(out).values() for line in read_text(img))
    assert "4857773456" not in texts.replace(" ", "")
    assert "SMITH" not in texts.upper()


@needs_tesseract
def test_burn_in_covers_flattens_the_cover_into_pixels(build_deck, tmp_path):
    path, planted = build_deck("scan")
    out = tmp_path / "o.pptx"
    report = slidesan.clean(path, out, slidesan.Options(burn_in_covers=True))
    assert any(f.action == "burned-in" and f.slide == 2 for f in report.findings)
    band_dark = []
    for img in media_images(out).values():
        band = img.crop((0, 0, 640, 44))
        band_dark.append(max(hi for _, hi in band.getextrema()) < 30)
    assert any(band_dark), "the cover was not burned into the picture"
    assert not any(f.category == "name" and f.slide == 2 and f.remains for f in report.findings)
