"""Fail closed on text in pictures (issue 10): text found but not read reliably sends the picture
to review, every picture's lines are accounted for in the report, and a redaction is read again."""

from __future__ import annotations

import io
import shutil

import pytest
from pptx.util import Emu

import slidesan
from fixtures.common import blank_deck, blank_slide
from fixtures.decks.scan import overlay_picture
from slidesan.scan import pixels

needs_tesseract = pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract is not installed")


def picture(text: str) -> bytes:
    """A name in a script neither reader knows (Cyrillic), white on a dark frame, as a viewer prints it."""
    return overlay_picture(text)


def deck_with(tmp_path, blob: bytes):
    prs = blank_deck()
    slide = blank_slide(prs)
    slide.shapes.add_picture(io.BytesIO(blob), Emu(914400), Emu(914400))
    path = tmp_path / "talk.pptx"
    prs.save(path)
    return path


@needs_tesseract
def test_a_name_no_reader_can_read_keeps_the_deck_from_publication(tmp_path):
    report = slidesan.clean(deck_with(tmp_path, picture("Люксембург Иван")), tmp_path / "o.pptx")
    unread = [f for f in report.findings if f.category == "ocr" and f.action == "not-inspected" and f.box]
    assert unread and "not read reliably" in unread[0].message and unread[0].slide == 1
    assert report.verdict != "publication" and report.exit_code() == 1
    accounts = [entry["text_lines"] for entry in report.images.values() if "text_lines" in entry]
    assert accounts and accounts[0]["unread"] >= 1


@needs_tesseract
def test_every_picture_reports_how_its_lines_ended(tmp_path):
    report = slidesan.clean(deck_with(tmp_path, overlay_picture("SMITH^JOHN  DOB 03/04/1961")), tmp_path / "o.pptx")
    accounts = [entry["text_lines"] for entry in report.images.values() if "text_lines" in entry]
    assert accounts == [{"identifier": 1, "harmless": 0, "unread": 0}]
    assert report.verdict == "identifiable"


@needs_tesseract
def test_a_redaction_that_misses_is_caught_by_reading_the_picture_again(tmp_path, monkeypatch):
    """A painter that leaves the pixels as they were (a box off by a line, say): the re-read finds
    the name, and the deck stays identifiable instead of passing as redacted."""
    monkeypatch.setattr(pixels, "paint_boxes", lambda data, boxes, **kw: (data, "png"))
    path = deck_with(tmp_path, overlay_picture("SMITH^JOHN  DOB 03/04/1961"))
    report = slidesan.clean(path, tmp_path / "o.pptx", slidesan.Options(redact=True))
    still = [f for f in report.findings if "after redaction" in f.message]
    assert still and report.verdict == "identifiable"


@needs_tesseract
def test_a_good_redaction_passes_its_own_check(tmp_path):
    path = deck_with(tmp_path, overlay_picture("SMITH^JOHN  DOB 03/04/1961"))
    report = slidesan.clean(path, tmp_path / "o.pptx", slidesan.Options(redact=True))
    assert not [f for f in report.findings if "after redaction" in f.message]
    assert report.verdict == "publication", [f.to_dict() for f in report.findings if f.remains]


@needs_tesseract
def test_a_loose_picture_with_unread_text_is_not_publication(tmp_path):
    path = tmp_path / "capture.png"
    path.write_bytes(picture("Люксембург Иван"))
    report = slidesan.check(path)
    assert report.verdict != "publication"
    assert any(f.category == "ocr" and "not read reliably" in f.message for f in report.findings)
