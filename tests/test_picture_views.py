"""Every frame, faint text, vector pictures, text as outlines and (--thorough) whole slides are read."""

import io
import shutil

import pytest
from PIL import Image
from pptx.util import Emu

import slidesan
from fixtures.common import blank_deck, blank_slide
from fixtures.decks import picture_hiding as ph

needs_tesseract = pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract is not installed")


def flagged_names(report, slide=None):
    return [f for f in report.findings if f.category == "name" and f.severity == "high" and f.action == "flagged"
            and "SMITH" in (f.text or "") and (slide is None or f.slide == slide)]


@pytest.fixture(scope="module")
def picture_report(tmp_path_factory):
    work = tmp_path_factory.mktemp("views")
    path = work / "in.pptx"
    planted = ph.build(path, only=("near-black", "gif-animated", "gif-cropped", "palette-trick", "alpha-hidden"))
    return planted, slidesan.clean(path, work / "out.pptx")


@needs_tesseract
def test_every_frame_of_a_shown_animation_is_read(picture_report):
    planted, report = picture_report
    for name in ("gif-animated", "gif-cropped"):
        found = flagged_names(report, planted["slides"][name])
        assert found and all("frame 2 of 2" in f.message for f in found), name


@needs_tesseract
def test_near_black_text_is_found_by_stretching_contrast(picture_report):
    planted, report = picture_report
    found = flagged_names(report, planted["slides"]["near-black"])
    assert found and "faint text" in found[0].message


@needs_tesseract
def test_invisible_text_removed_by_the_rebuild_is_not_reported(picture_report):
    planted, report = picture_report
    for name in ("palette-trick", "alpha-hidden"):
        assert not flagged_names(report, planted["slides"][name]), name


@pytest.fixture(scope="module")
def vector_deck(tmp_path_factory):
    from fixtures.decks import vector_text

    work = tmp_path_factory.mktemp("vector")
    path = work / "in.pptx"
    return path, vector_text.build(path)


@needs_tesseract
@pytest.mark.skipif(not shutil.which("pdftoppm") or not (shutil.which("rsvg-convert") or shutil.which("soffice")),
                    reason="rsvg-convert or LibreOffice, and pdftoppm, are needed")
def test_vector_pictures_and_outlined_text_are_rendered_and_read(vector_deck, tmp_path):
    path, planted = vector_deck
    report = slidesan.clean(path, tmp_path / "out.pptx")
    assert "rendered vector picture" in flagged_names(report, planted["slides"]["svg"])[0].message
    assert "rendered vector picture" in flagged_names(report, planted["slides"]["pdf"])[0].message
    assert "outlines" in flagged_names(report, planted["slides"]["freeform"])[0].message
    for metafile in ("emf", "wmf"):         # built by LibreOffice from the same outlines, when it is here
        if metafile in planted["slides"]:
            assert "rendered vector picture" in flagged_names(report, planted["slides"][metafile])[0].message
    assert not [f for f in report.findings if f.category == "unsupported-picture" and f.action == "not-inspected"]


def test_without_a_renderer_vector_pictures_stay_not_inspected(vector_deck, tmp_path, monkeypatch):
    from slidesan.images import vector

    monkeypatch.setattr(vector, "renderer_for", lambda content_type: None)
    path, planted = vector_deck
    report = slidesan.clean(path, tmp_path / "out.pptx", slidesan.Options(ocr=False))
    missing = {f.slide for f in report.findings if f.category == "unsupported-picture" and f.action == "not-inspected"}
    assert {planted["slides"][kind] for kind in ("svg", "pdf", "emf", "wmf") if kind in planted["slides"]} <= missing
    assert report.verdict != "publication"


def test_long_animation_is_sampled_and_says_so(tmp_path):
    from slidesan.images.frames import MAX_READ

    frames = [Image.new("RGB", (64, 48), (i * 5, 0, 0)) for i in range(MAX_READ + 8)]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=40, loop=0)
    prs = blank_deck()
    blank_slide(prs).shapes.add_picture(io.BytesIO(buf.getvalue()), Emu(0), Emu(0))
    prs.save(tmp_path / "in.pptx")
    report = slidesan.clean(tmp_path / "in.pptx", tmp_path / "out.pptx", slidesan.Options(ocr=False))
    sampled = [f for f in report.findings if f"{MAX_READ} of its {MAX_READ + 8} distinct frames" in f.message]
    assert sampled and sampled[0].action == "not-inspected", "a frame nobody read can never pass as publication"
    assert report.verdict != "publication"
    out = Image.open(io.BytesIO(_media(tmp_path / "out.pptx")[0]))
    assert out.n_frames == MAX_READ + 8, "a shown animation keeps every frame"


def _media(path):
    import zipfile

    with zipfile.ZipFile(path) as zf:
        return [zf.read(n) for n in zf.namelist() if n.startswith("ppt/media/")]


@needs_tesseract
@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm")), reason="LibreOffice and pdftoppm")
def test_thorough_reads_each_slide_as_rendered(tmp_path):
    """A name typed one letter per text box is a name only on the rendered slide."""
    from pptx.util import Pt

    prs = blank_deck()
    slide = blank_slide(prs)
    for index, char in enumerate("Patient: SMITH, John"):
        if char == " ":
            continue
        box = slide.shapes.add_textbox(Emu(914400 + index * 182880), Emu(2743200), Emu(182880), Emu(500000))
        frame = box.text_frame
        frame.text, frame.word_wrap = char, False
        frame.margin_left = frame.margin_right = 0
        frame.paragraphs[0].runs[0].font.size = Pt(24)
        frame.paragraphs[0].runs[0].font.name = "Courier New"
    prs.save(tmp_path / "in.pptx")
    plain = slidesan.clean(tmp_path / "in.pptx", tmp_path / "plain.pptx")
    assert not flagged_names(plain)
    thorough = slidesan.clean(tmp_path / "in.pptx", tmp_path / "out.pptx", slidesan.Options(thorough=True))
    found = flagged_names(thorough, 1)
    assert found and "as rendered" in found[0].message


@needs_tesseract
def test_loose_pictures_in_packs_are_read_frame_by_frame_and_stretched():
    from slidesan.pack.image_file import clean_image

    _data, found = clean_image(ph.animated_gif_name(), "case/loop.gif", slidesan.Options())
    assert any(f.category == "name" and "frame 2 of 2" in f.message for f in found)
    _data, found = clean_image(ph.near_black_text(), "case/dark.png", slidesan.Options())
    assert any(f.category == "name" and "faint text" in f.message for f in found)


@needs_tesseract
@pytest.mark.parametrize("kind", ["emf", "wmf"])
def test_a_bitmap_a_metafile_clips_is_read_whole(tmp_path, kind):
    from PIL import ImageDraw, ImageFont
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    from fixtures.common import add_picture, add_raw_part, picture_bytes
    from fixtures.metafile_bitmap import emf_with_bitmap, wmf_with_bitmap

    # a scan pasted as a metafile: its name band is clipped away, so no rendering shows it
    scan = Image.new("RGB", (640, 360), (20, 20, 20))
    draw = ImageDraw.Draw(scan)
    draw.text((12, 10), "QUENNEVARTH, Oswin  Hosp No: RX4857773", fill=(255, 255, 255),
              font=ImageFont.truetype("DejaVuSans.ttf", 26))
    draw.ellipse([200, 120, 440, 330], fill=(150, 150, 150))
    prs = blank_deck()
    slide = blank_slide(prs)
    picture = add_picture(slide, picture_bytes(64, 36, band=0))
    make = {"emf": emf_with_bitmap, "wmf": wmf_with_bitmap}[kind]
    _, rid = add_raw_part(slide.part, f"/ppt/media/image90.{kind}", f"image/x-{kind}",
                          make(scan, clip=(0, 60, 640, 360)), RT.IMAGE)
    picture._element.blipFill[0].set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed", rid)
    path = tmp_path / "in.pptx"
    prs.save(path)
    report = slidesan.clean(path, tmp_path / "out.pptx")
    held = [f for f in report.findings if f.severity == "high" and f.action == "flagged"
            and "stored in the metafile" in f.message]
    assert {f.category for f in held} >= {"hospital-number"}
    assert all(f.slide == 1 for f in held)


@needs_tesseract
def test_a_picture_an_emf_plus_image_object_holds_is_read(tmp_path):
    """A picture pasted from a GDI+ program is stored as an EMF+ image object (a PNG inside comment
    records, split over several): read as a picture, as a bitmap record's is."""
    import io

    from PIL import ImageDraw, ImageFont
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    from fixtures.common import add_picture, add_raw_part, picture_bytes
    from fixtures.metafile_bitmap import emf_plus_with_image

    scan = Image.new("RGB", (640, 200), (20, 20, 20))
    ImageDraw.Draw(scan).text((12, 10), "QUENNEVARTH, Oswin  Hosp No: RX4857773", fill=(255, 255, 255),
                              font=ImageFont.truetype("DejaVuSans.ttf", 26))
    png = io.BytesIO()
    scan.save(png, "PNG")
    prs = blank_deck()
    slide = blank_slide(prs)
    picture = add_picture(slide, picture_bytes(64, 36, band=0))
    _, rid = add_raw_part(slide.part, "/ppt/media/image91.emf", "image/x-emf",
                          emf_plus_with_image(png.getvalue(), scan.size, pieces=3), RT.IMAGE)
    picture._element.blipFill[0].set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed", rid)
    path = tmp_path / "in.pptx"
    prs.save(path)
    report = slidesan.check(path)
    held = [f for f in report.findings if f.severity == "high" and "stored in the metafile" in f.message]
    assert {f.category for f in held} >= {"hospital-number"}
