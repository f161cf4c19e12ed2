"""Red team 8 (mixed case packs): every file of a pack ends in an account the verdict sees.

Each test builds its made-up example here; none comes from real material.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from slidesan.api import check
from slidesan.options import Options

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.fixture(scope="module")
def tesseract():
    from slidesan.scan.ocr import tesseract_status

    available, message = tesseract_status()
    if not available:
        pytest.skip(message)


def plain_scan(seed: int, size: int = 256) -> Image.Image:
    import numpy as np

    rng = np.random.default_rng(seed)
    pixels = np.full((size, size), 40, np.float32) + rng.normal(0, 5, (size, size))
    pixels[size // 4: 3 * size // 4, size // 4: 3 * size // 4] += 60
    return Image.fromarray(pixels.clip(0, 255).astype("uint8")).convert("RGB")


def name_band(seed: int, size: int = 256) -> Image.Image:
    """A PACS-style band at the top: a made-up patient's name and hospital number."""
    image = plain_scan(seed, size)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, size, 44], fill=(0, 0, 0))
    try:
        font = ImageFont.truetype(FONT, 16)
    except OSError:
        font = ImageFont.load_default(16)
    draw.text((6, 4), "Patient: Wendeline Quarrington", font=font, fill=(255, 255, 255))
    draw.text((6, 24), "Hosp No: RX5528146", font=font, fill=(255, 255, 255))
    return image


@pytest.mark.parametrize("fmt", ["TIFF", "WEBP"])
def test_check_reads_the_pages_a_clean_drops(tesseract, tmp_path, fmt):
    """A TIFF's second page, a WebP's second frame: never shown, dropped by clean, but in the input a
    check reports on. The check must read them (before: 'publication', exit 0)."""
    pages = [plain_scan(1), name_band(2)]
    buf = io.BytesIO()
    pages[0].save(buf, fmt, save_all=True, append_images=pages[1:], **({"lossless": True} if fmt == "WEBP" else {}))
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / f"series.{fmt.lower()}").write_bytes(buf.getvalue())
    report = check([pack], Options(ocr=True, jobs=1))
    read = [f for f in report.findings if f.action == "flagged" and "hidden" in (f.image or "")]
    assert any("Quarrington" in (f.text or "") or "5528146" in (f.text or "") for f in read), \
        [(f.category, f.action, f.text, f.image) for f in report.findings]


def cine_gif(frames: list[Image.Image]) -> bytes:
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=40, loop=0)
    return buf.getvalue()


def test_a_name_on_one_frame_of_a_long_repeating_cine_is_read(tesseract, tmp_path):
    """60 frames, three of them repeated, a name band on frame 8 alone: sampling 32 of 60 frames
    skipped it (before: clean 'publication', exit 0, the band kept); the distinct frames are 4."""
    from slidesan.api import clean

    frames = [plain_scan(10 + i % 3, 160) for i in range(60)]
    frames[7] = name_band(20, 160)
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "cine.gif").write_bytes(cine_gif(frames))
    report = clean(pack, tmp_path / "out", Options(ocr=True, jobs=1))
    assert any(f.action == "flagged" and "#frame8" in (f.image or "") for f in report.findings), \
        [(f.category, f.action, f.text, f.image) for f in report.findings]


def test_distinct_frames_past_the_reading_limit_are_not_inspected(tmp_path):
    """More distinct frames than are read: the ones left over are reported not inspected."""
    from slidesan.images.frames import MAX_READ
    from slidesan.pack.image_file import views_of

    data = cine_gif([Image.new("RGB", (48, 32), (i * 4, 0, 0)) for i in range(MAX_READ + 6)])
    views, unread = views_of(data, "cine.gif")
    assert unread == 6 and len(views) <= MAX_READ + 1
    assert views_of(data, "cine.gif", limit=None)[1] == 0


@pytest.mark.parametrize("level", ["publication", "limited-access"])
def test_a_patient_in_a_file_or_folder_name_is_a_direct_identifier_in_check(tmp_path, level):
    """Before: a check of a pack whose only finding was 'file name holds identifiers' said
    'limited-access' (and exit 0 at --level limited-access) with a name and hospital number in it."""
    pack = tmp_path / "pack"
    (pack / "Quarrington Wendeline RX5528146").mkdir(parents=True)
    (pack / "Quarrington Wendeline RX5528146" / "notes.txt").write_bytes(b"")
    (pack / "Quarrington_Wendeline_RX5528146.txt").write_bytes(b"")
    report = check([pack], Options(ocr=False, jobs=1, level=level))
    names = {f.category for f in report.findings if f.action == "flagged"}
    assert {"file-name", "folder-name"} <= names, [(f.category, f.action, f.text) for f in report.findings]
    assert report.verdict == "identifiable" and report.exit_code() == 1


def test_a_consultant_hospital_or_birth_date_in_a_name_is_renamed(tmp_path):
    """Before: only direct identifiers renamed a file, and 'DOB 02.11.1947' lost its dots before the
    identifier engine saw it; a consultant's or hospital's name stayed in the cleaned pack's names."""
    from slidesan.api import clean

    pack = tmp_path / "pack"
    planted = ["Dr Tobias Vantongeren", "St Winifreds General Hospital", "DOB 02.11.1947"]
    for i, name in enumerate(planted):
        (pack / name).mkdir(parents=True)
        buf = io.BytesIO()
        plain_scan(30 + i, 64).save(buf, "PNG")
        (pack / name / f"{name} frontal.png").write_bytes(buf.getvalue())
    clean(pack, tmp_path / "out", Options(ocr=False, jobs=1))
    written = [p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")]
    assert len([w for w in written if w.endswith(".png")]) == 3
    assert not any(word in w for w in written for word in ("Vantongeren", "Winifred", "1947")), written
    categories = {f.category for f in check([pack], Options(ocr=False, jobs=1)).findings if f.action == "flagged"}
    assert {"clinician", "institution", "date-of-birth"} <= categories, categories


def test_a_decks_hidden_tiff_page_is_not_inspected_in_check(tmp_path):
    """A deck's TIFF picture with a second page: clean removes the page unread, so a check (which
    reports the input) must not pass it as read; before it was an info line."""
    from pptx import Presentation
    from pptx.util import Inches

    buf = io.BytesIO()
    plain_scan(40).save(buf, "TIFF", save_all=True, append_images=[name_band(41)])
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_picture(io.BytesIO(buf.getvalue()), Inches(1), Inches(1),
                                                                          Inches(4))
    prs.save(tmp_path / "talk.pptx")
    report = check([tmp_path / "talk.pptx"], Options(ocr=False, jobs=1))
    hidden = [f for f in report.findings if f.category == "hidden-frames"]
    assert hidden and all(f.action == "not-inspected" for f in hidden), \
        [(f.category, f.action, f.message) for f in report.findings]


@pytest.mark.parametrize("orientation", [6, 8])
def test_a_picture_stored_sideways_is_read_as_viewers_show_it(tesseract, tmp_path, orientation):
    """A phone photo of a viewer stored sideways with an EXIF orientation: viewers show the name band
    upright; before, OCR read only the stored pixels (fragments, no identifier). --redact cannot
    paint boxes found in the turned view, so those stay flagged."""
    from slidesan.api import clean

    shown = name_band(50, 320)
    stored = shown.transpose(Image.Transpose.ROTATE_90 if orientation == 6 else Image.Transpose.ROTATE_270)
    exif = Image.Exif()
    exif[0x0112] = orientation
    buf = io.BytesIO()
    stored.save(buf, "JPEG", quality=92, exif=exif.tobytes())
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "phone.jpg").write_bytes(buf.getvalue())
    report = clean(pack, tmp_path / "out", Options(ocr=True, jobs=1, redact=True))
    names = [f for f in report.findings if f.category == "name" and "Quarrington" in (f.text or "")]
    # read in the upright view (boxes there are not painted: they stay flagged), or in the stored
    # pixels as a line turned a quarter (scan/ocr/confirm.py), where --redact paints it
    assert names and all(f.action == "flagged" if (f.image or "").endswith("#upright") else
                         f.action in ("redacted", "flagged") for f in names), \
        [(f.category, f.action, f.text, f.image) for f in report.findings]


def test_office_documents_are_not_called_zips_to_unzip(tmp_path):
    """A .docx or .odt in a pack was reported as 'a zip inside the pack ... unzip it': it is a document
    the tool cannot inspect (not copied, needs review), and unzipping it would be the wrong advice."""
    import zipfile

    from slidesan.api import clean

    pack = tmp_path / "pack"
    pack.mkdir()
    with zipfile.ZipFile(pack / "handout.docx", "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    with zipfile.ZipFile(pack / "notes.odt", "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    with zipfile.ZipFile(pack / "extra.zip", "w") as zf:
        zf.writestr("a.txt", "x")
    report = clean(pack, tmp_path / "out", Options(ocr=False, jobs=1))
    problems = {row["path"]: row.get("problem", "") for row in report.files}
    assert "document this tool cannot inspect" in problems["handout.docx"], problems
    assert "document this tool cannot inspect" in problems["notes.odt"], problems
    assert problems["extra.zip/a.txt"] == ""              # an archive is opened (test_pack_nested_zips.py)
    assert [p.name for p in (tmp_path / "out").rglob("*")] == ["extra.zip"] and report.verdict == "needs-review"
