"""Red team 9 (real burned-in pictures in new containers): text turned a quarter, and colour a
picture stores where no viewer shows it.

Each test builds its made-up example here; none comes from real material.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from slidesan.images.shown_pixels import stored_view
from slidesan.options import Options
from slidesan.scan.ocr import confirm, learned
from slidesan.scan.ocr.lines import OcrLine

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BAND_TEXT = "Okonkwo-Brandt, Adaeze   00482913"


def band(text: str = BAND_TEXT, size: int = 22) -> Image.Image:
    """A PACS-style band: a made-up patient's name and hospital number, light on dark."""
    font = ImageFont.truetype(FONT, size)
    image = Image.new("RGB", (16 + int(font.getlength(text)), size + 16), (0, 0, 0))
    ImageDraw.Draw(image).text((8, 6), text, font=font, fill=(235, 235, 235))
    return image


def scan_with_band(turn: int) -> Image.Image:
    """A grey 'scan' with the band along one edge, the whole picture turned by `turn` degrees
    (anticlockwise, as PIL turns): a screenshot pasted sideways or a radiograph stored on its side."""
    rng = np.random.default_rng(turn)
    base = np.full((520, 820), 60, np.float32) + rng.normal(0, 4, (520, 820))
    base[140:460, 160:660] += 70
    picture = Image.fromarray(base.clip(0, 255).astype("uint8")).convert("RGB")
    picture.paste(band(), (10, 10))
    return picture.rotate(turn, expand=True)


def needs_both_readers():
    from slidesan.scan.ocr import tesseract_status

    if not learned.status()[0] or not tesseract_status()[0]:
        pytest.skip("needs Tesseract and the learned reader")


# ---------------------------------------------------------------- turned lines (scan/ocr/confirm.py)

@pytest.fixture
def fake_reader(monkeypatch):
    """The recogniser replaced by a table of readings per crop width (deterministic, no model)."""
    readings: dict[int, tuple[str, float]] = {}

    def recognise(crops):
        return [readings.get(crop.shape[1], ("", 0.0)) for crop in crops]

    monkeypatch.setattr(learned, "recognise", recognise)
    return readings


def test_a_tall_place_is_a_line_turned_a_quarter_and_is_read_turned(fake_reader):
    """Before, a place taller than wide was skipped as an icon; turned, its crop is as wide as the
    place is tall, and that reading stands."""
    rgb = np.zeros((400, 300, 3), np.uint8)
    place = (250, 20, 270, 380)                      # 20 wide, 360 tall
    fake_reader[360] = ("VANTONGEREN TOBIAS 1234567", 0.97)
    lines = confirm.reconcile([], [place], rgb)
    assert [ln.text for ln in lines] == ["VANTONGEREN TOBIAS 1234567"] and lines[0].reliable
    spans = [box for _, _, box in lines[0].spans]
    assert all(box[0] == 250 and box[2] == 270 for box in spans)      # word boxes lie along the column
    assert len({box[1] for box in spans}) == 3


def test_tesseract_fragments_inside_a_tall_place_do_not_hide_it(fake_reader):
    """Tesseract reads a turned line as scattered marks (`=`, `J`); they are not a reading of it."""
    rgb = np.zeros((400, 300, 3), np.uint8)
    place = (250, 20, 270, 380)
    fragments = [OcrLine(t, (252, y, 268, y + 6), 40.0, t, ((0, len(t), (252, y, 268, y + 6)),))
                 for t, y in (("=", 60), ("J", 120), ("ws .", 200))]
    fake_reader[360] = ("VANTONGEREN TOBIAS 1234567", 0.97)
    lines = confirm.reconcile(fragments, [place], rgb)
    assert "VANTONGEREN TOBIAS 1234567" in [ln.text for ln in lines if ln.reliable and not ln.texture]


def test_a_column_of_level_words_is_not_read_turned(fake_reader):
    """A tall place Tesseract read surely as level words (a stack of labels) stays as read."""
    rgb = np.zeros((400, 300, 3), np.uint8)
    place = (250, 20, 300, 380)
    level = [OcrLine("Series", (252, 30, 298, 50), 92.0, "Series", ((0, 6, (252, 30, 298, 50)),))]
    fake_reader[360] = ("garbage", 0.95)
    lines = confirm.reconcile(level, [place], rgb)
    assert [ln.text for ln in lines] == ["Series"]


@pytest.mark.parametrize("turn", [90, 270])
def test_a_name_band_turned_a_quarter_is_read(turn):
    """The whole picture turned: the band runs up or down the edge. Before, no line was found there
    and the picture could pass as publication."""
    needs_both_readers()
    from slidesan.scan.ocr import read_text
    from slidesan.scan.picture_text import judge_picture

    judged = judge_picture(read_text(scan_with_band(turn)))
    found = {m.text for _, m in judged.flagged()}
    assert any("00482913" in text for text in found), found


# ---------------------------------------------------------------- colour stored where no viewer shows it

def hidden_band_png() -> bytes:
    """The band's pixels kept in the colour channels but made fully transparent: a viewer shows a
    transparent strip, the file still spells the name and number."""
    picture = scan_with_band(0).convert("RGBA")
    arr = np.asarray(picture).copy()
    arr[:60, :, 3] = 0
    buf = io.BytesIO()
    Image.fromarray(arr, "RGBA").save(buf, "PNG")
    return buf.getvalue()


def test_stored_view_shows_colour_under_transparency_and_palette_twins():
    image = Image.open(io.BytesIO(hidden_band_png()))
    view = stored_view(image)
    assert view is not None and view.mode == "RGB"
    assert np.asarray(view)[:60].max() > 200        # the band's letters are back
    # one colour under all the transparency spells nothing
    flat = np.zeros((40, 40, 4), np.uint8)
    flat[..., :3] = 255
    assert stored_view(Image.fromarray(flat, "RGBA")) is None
    # a palette whose entry 1 has the colour of entry 0: letters drawn with 1 are invisible
    pal = Image.new("P", (120, 40), 0)
    pal.putpalette([0, 0, 0, 0, 0, 0] + [0] * 762)
    ImageDraw.Draw(pal).text((5, 10), "1234567", fill=1)
    assert np.asarray(pal.convert("L")).max() == 0
    view = stored_view(pal)
    assert view is not None and np.asarray(view).max() == 255
    assert stored_view(Image.new("P", (10, 10), 0)) is None


def test_check_reads_a_loose_pictures_colour_under_transparency():
    """A check reports the input: the band under alpha 0 is read there (a clean clears it)."""
    needs_both_readers()
    from slidesan.pack.image_file import clean_image

    data = hidden_band_png()
    _, checked = clean_image(data, "fig.png", Options(jobs=1), strip=False)
    stored = [f for f in checked if f.image == "fig.png#stored" and f.severity == "high"]
    assert any("00482913" in (f.text or "") for f in stored), [(f.category, f.text, f.image) for f in checked]
    written, cleaned = clean_image(data, "fig.png", Options(jobs=1))
    assert not any("#stored" in (f.image or "") for f in cleaned)
    assert stored_view(Image.open(io.BytesIO(written))) is None


def test_a_decks_colour_under_transparency_is_not_inspected_in_check(tmp_path):
    """The deck's picture is rebuilt unread (colour under alpha 0 cleared): before, a check said
    publication although the input spells the band; now it is not inspected, so never publication."""
    from pptx import Presentation
    from pptx.util import Inches

    from slidesan.api import check

    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_picture(io.BytesIO(hidden_band_png()), Inches(1),
                                                                          Inches(1), Inches(6))
    prs.save(tmp_path / "talk.pptx")
    report = check([tmp_path / "talk.pptx"], Options(ocr=False, jobs=1))
    hidden = [f for f in report.findings if f.category == "hidden-colour"]
    assert hidden and all(f.action == "not-inspected" for f in hidden), \
        [(f.category, f.action, f.message) for f in report.findings]
    assert report.verdict != "publication"


# ---------------------------------------------------------------- pictures a clean drops with their slide or notes page

def deck_with_picture_on(tmp_path, where: str):
    """A made-up deck: a visible title slide, and a name-band picture on a hidden slide or on the
    notes page of the visible one (python-pptx offers no add_picture on notes: the p:pic is added
    by hand to the notes page's shape tree)."""
    from pptx import Presentation
    from pptx.util import Inches

    buf = io.BytesIO()
    scan_with_band(0).save(buf, "PNG")
    prs = Presentation()
    first = prs.slides.add_slide(prs.slide_layouts[5])
    first.shapes.title.text = "Teaching case"
    if where == "hidden-slide":
        hidden = prs.slides.add_slide(prs.slide_layouts[6])
        hidden.shapes.add_picture(io.BytesIO(buf.getvalue()), Inches(1), Inches(1), Inches(6))
        hidden._element.set("show", "0")
    elif where == "notes":
        notes = first.notes_slide
        scratch = prs.slides.add_slide(prs.slide_layouts[6])
        pic = scratch.shapes.add_picture(io.BytesIO(buf.getvalue()), Inches(1), Inches(1), Inches(4))
        _, rid = notes.part.get_or_add_image_part(io.BytesIO(buf.getvalue()))
        pic._element.blipFill.blip.rEmbed = rid
        notes.shapes._spTree.append(pic._element)
        scratch_id = prs.slides._sldIdLst[-1]
        prs.part.drop_rel(scratch_id.rId)
        prs.slides._sldIdLst.remove(scratch_id)
    path = tmp_path / "talk.pptx"
    prs.save(path)
    return path


@pytest.mark.parametrize("where", ["hidden-slide", "notes"])
def test_pictures_a_clean_drops_unread_are_not_inspected_in_check(tmp_path, where):
    """Before, a check said publication: the hidden slide or notes page is removed by clean without
    its pictures being read, and the check (which reports the input) called that info."""
    from slidesan.api import check, clean

    path = deck_with_picture_on(tmp_path, where)
    report = check([path], Options(ocr=False, jobs=1))
    unread = [f for f in report.findings if f.category == "unread-pictures"]
    assert len(unread) == 1 and unread[0].action == "not-inspected" and unread[0].severity == "review", \
        [(f.category, f.action, f.message) for f in report.findings]
    assert unread[0].slide == (2 if where == "hidden-slide" else 1)      # where the picture was shown
    cleaned = clean(path, tmp_path / "out.pptx", Options(ocr=False))
    assert [f.severity for f in cleaned.findings if f.category == "unread-pictures"] == ["info"]


def test_a_hidden_slide_without_pictures_reports_none_unread(tmp_path):
    from pptx import Presentation

    from slidesan.api import check

    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = "Teaching case"
    hidden = prs.slides.add_slide(prs.slide_layouts[5])
    hidden.shapes.title.text = "Answer"
    hidden._element.set("show", "0")
    prs.save(tmp_path / "talk.pptx")
    report = check([tmp_path / "talk.pptx"], Options(ocr=False, jobs=1))
    assert not [f for f in report.findings if f.category == "unread-pictures"]


def test_a_pdf_pictures_band_under_a_zero_soft_mask_is_not_inspected_in_check(tmp_path):
    """The PDF twin of a cropped name band: before, a check called the masked pixels a high finding
    that was merely flagged, so the handout rated limited-access (exit 0 at that level) although the
    band holds a name nobody read. Now they weigh as cropped pixels: high and not inspected."""
    import zlib

    import pikepdf

    from slidesan.api import check

    picture = scan_with_band(0).convert("L")
    pdf = pikepdf.new()
    image = pdf.make_stream(zlib.compress(picture.tobytes()))
    image.Filter, image.Type, image.Subtype = pikepdf.Name.FlateDecode, pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height, image.ColorSpace, image.BitsPerComponent = picture.width, picture.height, \
        pikepdf.Name.DeviceGray, 8
    alpha = np.full((picture.height, picture.width), 255, np.uint8)
    alpha[:50] = 0
    mask = pdf.make_stream(zlib.compress(alpha.tobytes()))
    mask.Filter, mask.Type, mask.Subtype = pikepdf.Name.FlateDecode, pikepdf.Name.XObject, pikepdf.Name.Image
    mask.Width, mask.Height, mask.ColorSpace, mask.BitsPerComponent = picture.width, picture.height, \
        pikepdf.Name.DeviceGray, 8
    image.SMask = mask
    page = pdf.add_blank_page(page_size=(612, 792))
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.Contents = pdf.make_stream(b"q 560 0 0 355 20 300 cm /Im0 Do Q")
    pdf.save(tmp_path / "handout.pdf")
    report = check([tmp_path / "handout.pdf"], Options(ocr=False, jobs=1))
    masked = [f for f in report.findings if f.category == "cropped-pixels"]
    assert masked and all(f.action == "not-inspected" and f.severity == "high" for f in masked), \
        [(f.category, f.severity, f.action) for f in report.findings]
    assert report.verdict not in ("publication", "limited-access")
