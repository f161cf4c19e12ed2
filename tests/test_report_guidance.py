"""A report that says what to do (issue 13): next steps, places in words, one summary line, EXIF
identifiers named, check's split between what clean removes and what a person must review."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

import slidesan
from slidesan.api import write_reports
from slidesan.options import Options
from slidesan.report.guidance import next_step, summary_line, where
from slidesan.report.html_view import render_html
from slidesan.report.json_view import report_dict
from slidesan.report.model import Finding, Report

PATIENT = "Margaret JONES"
HOSPITAL_NUMBER = "Hospital No: RX1234567"


def jpeg_with_exif() -> bytes:
    image = Image.linear_gradient("L").resize((320, 240)).convert("RGB")
    exif = Image.Exif()
    exif[315] = PATIENT                     # Artist
    exif[270] = HOSPITAL_NUMBER             # ImageDescription
    buf = io.BytesIO()
    image.save(buf, "JPEG", exif=exif.tobytes())
    return buf.getvalue()


def deck_with_exif_picture(path: Path) -> Path:
    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Case 3: chest film"
    slide.shapes.add_picture(io.BytesIO(jpeg_with_exif()), Emu(914400), Emu(1828800))
    prs.save(path)
    return path


def test_every_identifier_in_picture_metadata_is_named_when_removed(tmp_path):
    deck = deck_with_exif_picture(tmp_path / "talk.pptx")
    report = slidesan.clean(deck, tmp_path / "out.pptx", Options(ocr=False))
    removed = {(f.category, f.text) for f in report.findings if f.step == "picture-rebuild" and not f.remains}
    assert ("name", PATIENT) in removed
    assert any(category == "hospital-number" and "RX1234567" in text for category, text in removed)
    data = report_dict(report)
    named = [f for f in data["findings"] if f["category"] == "name" and f["step"] == "picture-rebuild"]
    assert named and named[0]["where"].startswith("Slide 1 (Case 3: chest film)")
    assert "/ppt/" not in named[0]["where"]


def test_check_of_a_loose_picture_with_a_name_in_exif_is_identifiable(tmp_path):
    picture = tmp_path / "knee.jpg"
    picture.write_bytes(jpeg_with_exif())
    report = slidesan.check([picture], Options(ocr=False))
    assert report.verdict == "identifiable"
    name = next(f for f in report.findings if f.category == "name")
    assert name.clean_removes and next_step(name).startswith("Nothing to do by hand")
    cleaned = slidesan.clean(picture, tmp_path / "knee.clean.jpg", Options(ocr=False))
    assert any(f.category == "name" and f.action == "stripped" for f in cleaned.findings)


def test_check_separates_what_clean_removes_from_what_to_review(tmp_path):
    from fixtures.decks import notes

    deck = tmp_path / "notes.pptx"
    notes.build(deck)
    report = slidesan.check([deck], Options(ocr=False))
    page = render_html(report)
    assert "removes automatically" in page
    automatic = [f for f in report.findings if f.clean_removes]
    review = [f for f in report.findings if f.remains and not f.clean_removes and f.severity != "info"]
    # flagged, or not inspected when the clean removes it unread (the notes page's picture)
    assert automatic and all(f.action in ("flagged", "not-inspected") for f in automatic)
    assert any(f.action == "flagged" for f in automatic)
    assert summary_line(report).startswith("Run clean: it removes")
    assert all(not f.clean_removes for f in review)


@pytest.mark.parametrize("finding, words", [
    (Finding("name", "high", "flagged", "name read in picture", text="JONES", slide=4, image="/ppt/media/image2.png",
             box=(1, 2, 3, 4)), "Crop the band"),
    (Finding("nhs-number", "high", "flagged", "NHS number in slide text", text="943 476 5919", slide=2,
             part="/ppt/slides/slide2.xml", shape="TextBox 3"), "retype"),
    (Finding("face", "review", "flagged", "picture appears to show a face", slide=3), "delete it or crop the face"),
    (Finding("ocr", "review", "not-inspected", "text found but not read reliably", slide=5), "--thorough"),
    (Finding("picture", "review", "not-inspected", "picture could not be decoded", slide=5), "PNG or JPEG"),
    (Finding("name", "high", "covered-not-removed", "name in picture is only covered", slide=6, image="x",
             box=(1, 2, 3, 4)), "Burn in covers"),
    (Finding("bad-input", "review", "removed", "x.bin: not a deck", file="x.bin", step="pack"), ""),
    (Finding("unknown-file", "review", "not-inspected", "x.bin: not a deck", file="x.bin", step="pack"),
     "Remove this file"),
    (Finding("age", "info", "flagged", "age", text="60-year-old", slide=1), ""),
])
def test_each_remaining_finding_has_a_plain_next_step(finding, words):
    step = next_step(finding)
    assert (words in step) if words else step == ""


def test_places_are_slide_numbers_and_titles_not_part_paths():
    titles = {"": {9: "Case 3: chest film"}}
    on_slide = Finding("name", "high", "flagged", "m", slide=9, part="/ppt/slides/slide9.xml", shape="Picture 4",
                       image="/ppt/media/image1.png", box=(16, 927, 259, 945))
    assert where(on_slide, titles) == "Slide 9 (Case 3: chest film), Picture 4"
    layout = Finding("placeholder-text", "info", "removed", "m", part="/ppt/slideLayouts/slideLayout2.xml")
    assert where(layout).startswith("slide layout 2")
    page = render_html(Report("0", "clean", "talk.pptx", findings=[on_slide], slide_titles=titles))
    assert "Slide 9 (Case 3: chest film)" in page and "box 16, 927" not in page


def test_one_summary_line_says_what_stands_in_the_way():
    findings = [Finding("name", "high", "flagged", "name read in picture", slide=4, image="i", box=(1, 1, 2, 2)),
                Finding("face", "review", "flagged", "face", slide=7),
                Finding("comment", "high", "removed", "comment removed")]
    line = summary_line(Report("0", "clean", "talk.pptx", findings=findings))
    assert line.startswith("Do not share yet: 1 identifier") and "slide 4" in line and "1 thing to check" in line
    assert "1 hidden item removed" in line
    assert summary_line(Report("0", "clean", "t.pptx")).startswith("Ready to share")


def test_report_files_carry_summary_next_steps_and_full_size_pictures(tmp_path):
    from PIL import ImageDraw, ImageFont

    image = Image.new("RGB", (1400, 500), "black")
    ImageDraw.Draw(image).text((40, 60), "Patient: JONES, Margaret  NHS No 943 476 5919", fill="white",
                               font=ImageFont.load_default(size=40))
    picture = tmp_path / "screen.png"
    image.save(picture)
    report = slidesan.clean(picture, tmp_path / "screen.clean.png", Options(jobs=1))
    json_path, html_path = write_reports(report, Path(report.output_path))
    data = json.loads(json_path.read_text())
    assert data["summary"].startswith("Do not share yet")
    assert any("next_step" in f for f in data["findings"] if f["action"] == "flagged" and f["severity"] == "high")
    page = html_path.read_text()
    assert 'id="what-to-do"' in page and 'class="lightbox" id="picture-1"' in page
    assert 'href="#picture-1"' in page and "full size picture" in page
    full = next(iter(report.images.values()))["full"]
    import base64

    shown = Image.open(io.BytesIO(base64.b64decode(str(full).split(",", 1)[1])))
    assert shown.size == (1400, 500)                          # full size, not a thumbnail


def test_an_empty_file_is_called_empty(tmp_path):
    from slidesan.errors import SlidesanError

    for name in ("talk.pptx", "scan.dcm", "photo.jpg"):
        (tmp_path / name).write_bytes(b"")
    with pytest.raises(SlidesanError, match="empty file"):
        slidesan.clean(tmp_path / "talk.pptx", tmp_path / "out.pptx", Options(ocr=False))
    report = slidesan.check([tmp_path], Options(ocr=False, jobs=1))
    assert [item["problem"].split(": ", 1)[1].startswith("empty file") for item in report.files] == [True] * 3
