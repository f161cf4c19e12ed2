"""The one pack test with OCR: burned-in text in a loose picture, and a clean image pack gating 0."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from fixtures import packs
from slidesan.options import Options


@pytest.fixture(scope="module")
def tesseract():
    from slidesan.scan.ocr import tesseract_status

    available, message = tesseract_status()
    if not available:
        pytest.skip(message)


def test_ocr_of_pack_pictures_and_clean_image_pack_exit_0(tesseract, tmp_path):
    from slidesan.api import clean

    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "knee.jpg").write_bytes(packs.photo_jpeg())
    report = clean(photos, tmp_path / "out", Options(ocr=True, jobs=1))
    read = [f for f in report.findings if f.step == "ocr" and f.action == "flagged"]
    assert any("SMITH" in (f.text or "").upper() for f in read), [(f.category, f.text) for f in report.findings]
    assert all(f.file == "knee.jpg" and f.image == "knee.jpg" and f.box for f in read)
    assert report.verdict == "identifiable"          # burned-in pixels stay: metadata stripping cannot fix them
    from slidesan.report.html_view import render_html

    assert str(report.images["knee.jpg"]["thumbnail"]).startswith("data:image/png;base64,")
    assert render_html(report).count('alt="flagged picture knee.jpg"') == 1

    plain = packs.clean_image_pack(tmp_path / "plain")
    res = subprocess.run([sys.executable, "-m", "slidesan.cli", "check", plain, "-j", "1", "--report-json",
                          tmp_path / "plain.json"], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "nothing found" in res.stdout
    data = json.loads((tmp_path / "plain.json").read_text())
    assert data["findings"] == [] and len(data["files"]) == 3


def test_redact_paints_over_text_read_in_a_loose_picture(tesseract, tmp_path):
    from slidesan.api import clean
    from slidesan.scan.ocr import read_many

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "knee.jpg").write_bytes(packs.photo_jpeg())
    report = clean(tmp_path / "in", tmp_path / "out", Options(ocr=True, redact=True, jobs=1))
    assert any(f.action == "redacted" and f.file == "knee.jpg" for f in report.findings)
    after = (tmp_path / "out" / "knee.jpg").read_bytes()
    lines = read_many({"after": after}, jobs=1)["after"]
    assert not any("SMITH" in line.text.upper() for line in lines), [line.text for line in lines]
