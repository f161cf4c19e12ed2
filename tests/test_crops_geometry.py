"""Crop arithmetic and crop-to-shape outlines, without a deck."""

from __future__ import annotations

import io

import pytest
from lxml import etree
from PIL import Image

from slidesan.images.crop import RESIDUE_SLACK, crop_and_encode, plan_crop, read_sides, write_sides
from slidesan.images.shape_mask import custom_polygons, preset_polygons, render_mask

A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def test_rounds_outward_and_writes_the_sub_pixel_remainder_back():
    plan = plan_crop((400, 300), (0.10125, 0.2, 0.0, 0.0))        # left edge at 40.5 px
    assert plan.box == (40, 60, 400, 300)
    assert plan.src[0] == pytest.approx(0.5 / 360)
    assert plan.src[1:] == pytest.approx((0, 0, 0))


def test_outset_stays_an_outset_relative_to_the_new_size():
    plan = plan_crop((400, 300), (0.0, 0.2, 0.0, -0.1))
    assert plan.box == (0, 60, 400, 300)
    assert plan.src[3] == pytest.approx(-30 / 240)


def test_negative_fill_rect_overscan_hides_pixels_too():
    plan = plan_crop((300, 200), (0, 0, 0, 0), fill=(-1 / 6, 0, -1 / 6, 0))   # SmartArt-style overscan
    assert plan.box == (38, 0, 262, 200) or plan.box == (37, 0, 263, 200)
    assert plan.fill == pytest.approx((0, 0, 0, 0))


def test_window_trims_a_frame_and_keeps_positive_fill_insets():
    plan = plan_crop((400, 300), (0, 0, 0, 0), fill=(0, 0, 0, 0), window=(0, 0.2, 0, 0))
    assert plan.box == (0, 60, 400, 300) and plan.fill == pytest.approx((0, 0, 0, 0))


def test_remainder_written_back_is_never_read_as_a_hidden_pixel():
    plan = plan_crop((5001, 3001), (0.333333, 0.777777, 0.1234567, 0.0000999))
    rect = etree.Element(f"{{{A}}}srcRect")
    write_sides(rect, plan.src, truncate_positive=True)
    size = (plan.box[2] - plan.box[0], plan.box[3] - plan.box[1])
    again = plan_crop(size, read_sides(rect), slack=RESIDUE_SLACK)
    assert again.is_full


def test_strict_percent_values_are_read():
    rect = etree.fromstring(f'<a:srcRect xmlns:a="{A}" l="25%" t="10000"/>')
    assert read_sides(rect) == pytest.approx((0.25, 0.1, 0, 0))


def test_lossless_stays_lossless_and_palette_transparency_survives():
    img = Image.new("P", (50, 40), 3)
    img.info["transparency"] = 3
    buf = io.BytesIO()
    img.save(buf, "GIF", transparency=3)
    src = Image.open(io.BytesIO(buf.getvalue()))
    src.load()
    out = crop_and_encode(src, (10, 10, 30, 30))
    assert out.ext == "png"
    back = Image.open(io.BytesIO(out.blob))
    assert back.size == (20, 20) and back.convert("RGBA").getpixel((5, 5))[3] == 0


@pytest.mark.parametrize("prst", ["ellipse", "roundRect", "triangle", "rtTriangle", "diamond", "parallelogram",
                                  "hexagon", "octagon", "star5", "round2SameRect", "pentagon", "trapezoid", "plus"])
def test_required_presets_are_drawn_inside_the_frame(prst):
    geom = etree.fromstring(f'<a:prstGeom xmlns:a="{A}" prst="{prst}"><a:avLst/></a:prstGeom>')
    polys = preset_polygons(geom, 2000000, 1000000)
    assert polys
    xs = [x for poly in polys for x, _ in poly]
    ys = [y for poly in polys for _, y in poly]
    assert min(xs) >= -1e-6 and max(xs) <= 1 + 1e-6 and min(ys) >= -1e-6 and max(ys) <= 1 + 1e-6
    mask = render_mask(polys, (200, 100), lambda x, y: (x * 200, y * 100), grow=0)
    covered = 1 - mask.histogram()[0] / (200 * 100)
    assert 0.3 < covered < 1.0          # every one of these shapes leaves some corner outside


def test_star5_has_ten_points_and_its_tips_touch_the_frame():
    geom = etree.fromstring(f'<a:prstGeom xmlns:a="{A}" prst="star5"/>')
    (poly,) = preset_polygons(geom, 100, 100)
    assert len(poly) == 10
    assert min(y for _, y in poly) == pytest.approx(0) and max(y for _, y in poly) == pytest.approx(1)
    assert min(x for x, _ in poly) == pytest.approx(0) and max(x for x, _ in poly) == pytest.approx(1)


def test_unknown_preset_is_not_guessed():
    assert preset_polygons(etree.fromstring(f'<a:prstGeom xmlns:a="{A}" prst="cloud"/>'), 10, 10) is None


def test_custom_geometry_paths_with_curves():
    geom = etree.fromstring(
        f'<a:custGeom xmlns:a="{A}"><a:pathLst><a:path w="100" h="100">'
        '<a:moveTo><a:pt x="0" y="100"/></a:moveTo><a:lnTo><a:pt x="50" y="0"/></a:lnTo>'
        '<a:cubicBezTo><a:pt x="70" y="0"/><a:pt x="100" y="40"/><a:pt x="100" y="100"/></a:cubicBezTo>'
        '<a:quadBezTo><a:pt x="50" y="120"/><a:pt x="0" y="100"/></a:quadBezTo><a:close/></a:path>'
        '<a:path w="100" h="100" fill="none"><a:moveTo><a:pt x="0" y="0"/></a:moveTo>'
        '<a:lnTo><a:pt x="100" y="0"/></a:lnTo></a:path></a:pathLst></a:custGeom>')
    polys = custom_polygons(geom, 1, 1)
    assert len(polys) == 1 and polys[0][0] == (0, 1) and (0.5, 0) in polys[0]
    formula = etree.fromstring(f'<a:custGeom xmlns:a="{A}"><a:pathLst><a:path><a:moveTo><a:pt x="r" y="t"/>'
                               '</a:moveTo></a:path></a:pathLst></a:custGeom>')
    assert custom_polygons(formula, 1, 1) is None


def test_jpeg_crop_keeps_icc_and_orientation_but_no_other_metadata():
    from PIL import ImageCms

    from slidesan.images.icc import standard_profile

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PLANTED-CAMERA-MAKER"
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 200, 30)).save(buf, "JPEG", quality=70, icc_profile=icc, exif=exif.tobytes(),
                                                   comment=b"PLANTED-COMMENT")
    src = Image.open(io.BytesIO(buf.getvalue()))
    src.load()
    out = crop_and_encode(src, (0, 16, 64, 48))
    back = Image.open(io.BytesIO(out.blob))
    assert back.format == "JPEG" and back.size == (64, 32)
    assert back.quantization == src.quantization
    assert standard_profile(back.info.get("icc_profile")) == "sRGB", "an sRGB profile stays sRGB (as our own copy)"
    assert dict(back.getexif()) == {0x0112: 6}
    assert b"PLANTED" not in out.blob
