"""Crops: every picture keeps only its displayed pixels, in every place a picture can be painted."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree
from PIL import Image

import slidesan
from helpers import count_colour, image_members, members, where_bytes
from slidesan.step_context import StepContext
from slidesan.deck.package import Deck
from slidesan.deck.steps import crops
from slidesan.options import Options

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OPTS = Options(ocr=False, keep_notes=True)


def clean(path, tmp_path, options=OPTS):
    out = tmp_path / "out.pptx"
    report = slidesan.clean(path, out, options=options)
    return out, report


def pictures_by_name(pptx) -> dict[str, tuple[etree._Element, str, dict]]:
    """shape name -> (p:pic element, part name, that part's rels {rId: target member})."""
    found = {}
    with zipfile.ZipFile(pptx) as zf:
        names = zf.namelist()
        for name in names:
            if not (name.endswith(".xml") and name.startswith("ppt/") and "/_rels/" not in name):
                continue
            root = etree.fromstring(zf.read(name))
            rels_name = name.rsplit("/", 1)[0] + "/_rels/" + name.rsplit("/", 1)[1] + ".rels"
            rels = {}
            if rels_name in names:
                for rel in etree.fromstring(zf.read(rels_name)):
                    target = rel.get("Target")
                    if rel.get("TargetMode") != "External":
                        base = name.rsplit("/", 1)[0]
                        parts = (base + "/" + target).split("/") if not target.startswith("/") else target[1:].split("/")
                        stack = []
                        for piece in parts:
                            if piece == "..":
                                stack.pop()
                            elif piece not in ("", "."):
                                stack.append(piece)
                        rels[rel.get("Id")] = "/".join(stack)
            for pic in root.iter(f"{{{P}}}pic"):
                found[pic.find(f".//{{{P}}}cNvPr").get("name")] = (pic, name, rels)
    return found


def image_of(pptx, pic_entry) -> Image.Image:
    pic, _, rels = pic_entry
    rid = pic.find(f".//{{{A}}}blip").get(f"{{{R}}}embed")
    img = Image.open(io.BytesIO(members(pptx)[rels[rid]]))
    img.load()
    return img


def xfrm_attrs(pic) -> dict:
    xfrm = pic.find(f"{{{P}}}spPr/{{{A}}}xfrm")
    off, ext = xfrm.find(f"{{{A}}}off"), xfrm.find(f"{{{A}}}ext")
    return {**xfrm.attrib, **{f"off_{k}": v for k, v in off.attrib.items()}, **{f"ext_{k}": v for k, v in ext.attrib.items()}}


@pytest.fixture
def cleaned(build_deck, tmp_path):
    path, planted = build_deck("crops")
    out, report = clean(path, tmp_path)
    return path, out, report, planted


def test_no_cropped_away_pixel_survives_in_any_place(cleaned):
    path, out, report, _ = cleaned
    assert sum(count_colour(img) for img in image_members(path).values()) > 0     # the fixture does hide magenta
    leftovers = {name: count_colour(img) for name, img in image_members(out).items() if count_colour(img)}
    assert leftovers == {}
    cropped = [f for f in report.findings if f.category == "crop" and f.action == "cropped"]
    places = {(f.part, f.shape) for f in cropped}
    for part_name, shape in [
        ("/ppt/slideMasters/slideMaster1.xml", "background"), ("/ppt/slideLayouts/slideLayout7.xml", "background"),
        ("/ppt/notesSlides/notesSlide1.xml", "Notes picture (id 99)"), ("/ppt/theme/theme1.xml", "theme"),
        ("/ppt/charts/chart1.xml", "plotArea"),
    ]:
        assert (part_name, shape) in places
    shapes = {f.shape.split(" (")[0] for f in cropped}
    assert {"Plain", "Jpeg", "Negative", "Grouped", "Filled shape", "table-cell", "background", "Choice", "Fallback",
            "Off top", "Off bottom flipped", "Svg twin", "Ellipse"} <= shapes
    assert all(f.severity == "info" and "px off the" in f.message or "outline" in f.message for f in cropped)
    assert any("400x60 px off the top" in f.message for f in cropped)


def test_cropped_image_is_the_displayed_region_and_the_crop_is_gone(cleaned):
    _, out, _, _ = cleaned
    pics = pictures_by_name(out)
    for name in ("Plain", "Jpeg", "Grouped", "Choice", "Notes picture", "Svg twin"):
        assert abs(image_of(out, pics[name]).size[0] - 400) <= 1 and abs(image_of(out, pics[name]).size[1] - 240) <= 1
        assert pics[name][0].find(f".//{{{A}}}srcRect") is None, name
    assert image_of(out, pics["Fallback"]).size == (360, 240)
    for name, data in members(out).items():
        if name.endswith(".xml"):
            for rect in etree.fromstring(data).iter(f"{{{A}}}srcRect"):
                assert all(int(rect.get(k, 0)) <= 0 for k in "ltrb"), (name, dict(rect.attrib))


def test_frames_rotation_and_flips_are_kept(cleaned):
    path, out, _, _ = cleaned
    before, after = pictures_by_name(path), pictures_by_name(out)
    for name in ("Plain", "Jpeg", "Negative", "Grouped", "Ellipse", "Svg twin", "Choice"):
        assert xfrm_attrs(after[name][0]) == xfrm_attrs(before[name][0]), name
    assert xfrm_attrs(after["Plain"][0])["rot"] == "1800000" and xfrm_attrs(after["Plain"][0])["flipH"] == "1"


def test_off_slide_part_is_cut_and_the_frame_shrinks_to_what_was_visible(cleaned):
    _, out, _, planted = cleaned
    pics = pictures_by_name(out)
    for name, key in (("Off top", "off_top_frame"), ("Off bottom flipped", "off_flip_frame")):
        attrs = xfrm_attrs(pics[name][0])
        frame = tuple(int(attrs[k]) for k in ("off_x", "off_y", "ext_cx", "ext_cy"))
        assert all(abs(a - b) <= 1 for a, b in zip(frame, planted[key])), (name, frame)
        assert image_of(out, pics[name]).size == (400, 240)
        assert count_colour(image_of(out, pics[name])) == 0
    assert xfrm_attrs(pics["Off bottom flipped"][0]).get("flipV") == "1"


def test_negative_crop_keeps_its_padding(cleaned):
    _, out, _, _ = cleaned
    pic = pictures_by_name(out)["Negative"][0]
    rect = pic.find(f".//{{{A}}}srcRect")
    assert rect is not None and rect.get("t") is None
    assert int(rect.get("b")) == pytest.approx(-10000 * 300 / 240, abs=2)     # same padding, relative to 240 rows
    assert image_of(out, pictures_by_name(out)["Negative"]).size == (400, 240)


def test_jpeg_stays_jpeg_with_the_original_quantisation_and_subsampling(cleaned):
    from PIL import JpegImagePlugin

    path, out, _, _ = cleaned
    original = image_of(path, pictures_by_name(path)["Jpeg"])
    result = image_of(out, pictures_by_name(out)["Jpeg"])
    assert result.format == "JPEG"
    assert result.quantization == original.quantization
    assert JpegImagePlugin.get_sampling(result) == JpegImagePlugin.get_sampling(original)
    for name in ("Plain", "Grouped"):
        assert image_of(out, pictures_by_name(out)[name]).format == "PNG"


def test_crop_to_ellipse_makes_the_outside_transparent(cleaned):
    _, out, _, _ = cleaned
    img = image_of(out, pictures_by_name(out)["Ellipse"])
    assert img.mode == "RGBA" and img.size == (300, 300)
    assert img.getpixel((2, 2)) == (0, 0, 0, 0) and img.getpixel((297, 297)) == (0, 0, 0, 0)
    assert img.getpixel((150, 150))[3] == 255 and img.getpixel((150, 3))[3] == 255


def test_svg_twin_and_artistic_effect_original_are_removed(cleaned):
    _, out, report, planted = cleaned
    assert where_bytes(out, planted["planted_svg"]) == []
    assert where_bytes(out, planted["planted_wdp"]) == []
    assert not any(n.endswith((".svg", ".wdp")) for n in members(out))
    slide_xml = b"".join(data for name, data in members(out).items() if name.endswith(".xml"))
    assert b"svgBlip" not in slide_xml and b"imgProps" not in slide_xml
    assert image_of(out, pictures_by_name(out)["Artistic"]).size == (200, 100)     # displayed picture kept
    categories = {(f.category, f.action) for f in report.findings}
    assert {("svg-twin", "removed"), ("artistic-effect-original", "removed")} <= categories


def test_cleaned_deck_has_no_crop_residue_and_reopens(cleaned):
    from pptx import Presentation

    _, out, _, _ = cleaned
    assert crops.residue(Deck(out), OPTS) == []
    Presentation(str(out))


def test_residue_lists_what_scrub_acts_on(build_deck):
    path, _ = build_deck("crops")
    found = crops.residue(Deck(path), OPTS)
    text = "\n".join(found)
    for what in ("Plain", "Grouped", "Off top", "Off bottom flipped", "Ellipse", "imgProps", "background"):
        assert what in text, what


def test_shared_source_is_never_edited_and_identical_crops_are_stored_once(build_deck, tmp_path):
    path, _ = build_deck("crops_shared")
    out, _ = clean(path, tmp_path)
    pics = pictures_by_name(out)
    whole = image_of(out, pics["Whole"])
    assert whole.size == (400, 300) and count_colour(whole) == 400 * 60     # the uncropped use still shows it all
    a, b, tl = (pics[n] for n in ("Top A", "Top B", "Top left"))
    rid = lambda e: e[0].find(f".//{{{A}}}blip").get(f"{{{R}}}embed")   # noqa: E731
    assert a[2][rid(a)] == b[2][rid(b)] != pics["Whole"][2][rid(pics["Whole"])]
    assert image_of(out, a).size == (400, 240) and count_colour(image_of(out, a)) == 0
    assert image_of(out, tl).size == (300, 240) and count_colour(image_of(out, tl)) == 0
    assert len(image_members(out)) == 3


def test_unreadable_cropped_picture_is_reported_not_inspected(build_deck):
    from fixtures.common import patch_zip

    path, _ = build_deck("crops_shared")
    patch_zip(path, replace={"ppt/media/image1.png": b"\x89PNG\r\n\x1a\n not really a picture"})
    deck = Deck(path)
    ctx = StepContext(OPTS)
    crops.scrub(deck, ctx)
    assert [f.action for f in ctx.findings] and all(f.action == "not-inspected" for f in ctx.findings)
    assert all(f.severity == "review" for f in ctx.findings)


def test_cleaning_a_cleaned_deck_crops_nothing_more(cleaned, tmp_path):
    _, out, _, _ = cleaned
    again = tmp_path / "again.pptx"
    report = slidesan.clean(out, again, options=OPTS)
    assert [f.message for f in report.findings if f.step == "crops" and f.action in ("cropped", "removed")] == []
    assert sorted(image_members(again)) == sorted(image_members(out))


def test_tiled_fill_with_a_crop_is_flagged_not_guessed(build_deck):
    path, _ = build_deck("crops_shared")
    deck = Deck(path)
    slide = deck.slide_parts()[0]
    blip_fill = next(deck.xml(slide).iter(f"{{{P}}}blipFill"))
    src_rect = etree.Element(f"{{{A}}}srcRect", t="20000")
    blip_fill.find(f"{{{A}}}blip").addnext(src_rect)
    blip_fill.replace(blip_fill.find(f"{{{A}}}stretch"), etree.Element(f"{{{A}}}tile"))
    ctx = StepContext(OPTS)
    crops.scrub(deck, ctx)
    assert [(f.severity, f.action) for f in ctx.findings if f.shape.startswith("Whole")] == [("review", "flagged")]
    assert src_rect.get("t") == "20000" and crops.residue(deck, OPTS) == []


def test_svg_twin_goes_even_when_the_raster_crop_is_under_a_pixel(build_deck, tmp_path):
    path, planted = build_deck("crops")
    deck = Deck(path)
    for part in deck.slide_parts():
        for pic in deck.xml(part).iter(f"{{{P}}}pic"):
            if pic.find(f".//{{{P}}}cNvPr").get("name") == "Svg twin":
                pic.find(f".//{{{A}}}srcRect").set("t", "100")        # 0.3 px of 300 rows
    deck.save(tmp_path / "tiny.pptx")
    out, report = clean(tmp_path / "tiny.pptx", tmp_path)
    assert where_bytes(out, planted["planted_svg"]) == []
    assert any(f.category == "svg-twin" and f.shape.startswith("Svg twin") for f in report.findings)
