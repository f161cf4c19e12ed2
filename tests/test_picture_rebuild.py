"""Pictures are rebuilt from what a viewer shows: every picture-format hiding place leaves nothing behind."""

import io
import struct

import numpy as np
import pytest
from PIL import Image

import slidesan
from fixtures.decks import picture_hiding as ph
from helpers import members, where_bytes
from slidesan.images.icc import is_our_copy, standard_profile
from slidesan.images.rebuild import needs_rebuild, rebuild_picture
from slidesan.images.shown_pixels import hidden_colour_count

FAST = slidesan.Options(ocr=False)


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory):
    work = tmp_path_factory.mktemp("rebuild")
    path = work / "in.pptx"
    planted = ph.build(path)
    out = work / "out.pptx"
    report = slidesan.clean(path, out, FAST)
    return path, out, planted, report


def slide_media(out, slide: int) -> list[bytes]:
    """Image bytes used by one slide of the written deck."""
    from pptx import Presentation

    prs = Presentation(str(out))
    s = prs.slides[slide - 1]
    return [rel.target_part.blob for rel in s.part.rels.values() if "image" in rel.reltype]


def decoded(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def test_every_canary_is_gone_from_every_part(cleaned):
    path, out, planted, _report = cleaned
    for marker in planted["canaries"]:
        assert where_bytes(path, marker), f"fixture did not plant {marker!r}"
        assert where_bytes(out, marker) == [], marker


def test_frames_and_pages_a_viewer_never_shows_are_gone(cleaned):
    _path, out, planted, report = cleaned
    slides = planted["slides"]
    tiff = decoded(slide_media(out, slides["tiff-page2"])[0])
    assert getattr(tiff, "n_frames", 1) == 1
    apng = slide_media(out, slides["apng-frame"])[0]
    assert b"acTL" not in apng and b"fdAT" not in apng and decoded(apng).getpixel((0, 0)) == 40
    webp = decoded(slide_media(out, slides["webp-animated"])[0])
    assert getattr(webp, "n_frames", 1) == 1
    assert any(f.category == "picture-rebuilt" and "further pages removed" in f.message
               and f.slide == slides["tiff-page2"] for f in report.findings)


def test_shown_animation_stays_animated_and_cropped_frame_by_frame(cleaned):
    _path, out, planted, _report = cleaned
    gif = decoded(slide_media(out, planted["slides"]["gif-animated"])[0])
    assert gif.format == "GIF" and gif.n_frames == 2
    cropped = decoded(slide_media(out, planted["slides"]["gif-cropped"])[0])
    assert cropped.format == "GIF" and cropped.n_frames == 2 and cropped.size == (640, 150)
    for index in range(2):
        cropped.seek(index)
        rgb = np.asarray(cropped.convert("RGB")).astype(int)
        assert not (np.abs(rgb - (255, 0, 255)).max(axis=2) < 40).any(), "cropped-away band survived"
    cropped.seek(1)
    assert np.asarray(cropped.convert("L")).max() > 200, "the second frame still shows its content"


def test_colour_under_transparency_and_palette_tricks_are_gone(cleaned):
    _path, out, planted, _report = cleaned
    alpha = decoded(slide_media(out, planted["slides"]["alpha-hidden"])[0])
    assert alpha.mode == "RGBA" and hidden_colour_count(np.asarray(alpha)) == 0
    assert alpha.getpixel((10, 10)) == (200, 30, 30, 255), "what is shown stays"
    trick = decoded(slide_media(out, planted["slides"]["palette-trick"])[0])
    assert trick.mode in ("RGB", "L") and b"PLTE" not in slide_media(out, planted["slides"]["palette-trick"])[0]
    text_area = np.asarray(trick.convert("RGB"))[60:130, 0:580]
    assert len(np.unique(text_area.reshape(-1, 3), axis=0)) == 1, "the invisible text left no trace in the pixels"
    assert trick.convert("RGB").getpixel((620, 20)) == (220, 40, 40)


def test_colour_profiles_are_standard_copies_or_converted(cleaned):
    _path, out, planted, _report = cleaned
    jpeg = decoded(slide_media(out, planted["slides"]["jpeg-icc"])[0])
    assert is_our_copy(jpeg.info["icc_profile"]) and standard_profile(jpeg.info["icc_profile"]) == "sRGB"
    png = decoded(slide_media(out, planted["slides"]["png-icc"])[0])
    assert png.info.get("icc_profile") is None, "an unknown profile is converted, not carried"
    cropped = decoded(slide_media(out, planted["slides"]["jpeg-icc-cropped"])[0])
    assert is_our_copy(cropped.info["icc_profile"])


def test_output_passes_its_own_check_and_opens(cleaned):
    _path, out, _planted, report = cleaned
    from pptx import Presentation

    Presentation(str(out))
    for name, data in members(out).items():
        if name.startswith("ppt/media/"):
            assert needs_rebuild(data) == [], name
    assert not [f for f in report.findings if f.action == "not-inspected" and f.category == "image-metadata"]


# -- the library --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(ph.PICTURES))
def test_rebuild_is_a_fixed_point(name):
    once = rebuild_picture(ph.PICTURES[name]()).data
    assert rebuild_picture(once).data == once


def entropy_tail(data: bytes) -> bytes:
    pos = 2
    while data[pos + 1] != 0xDA:
        pos += 2 + struct.unpack(">H", data[pos + 2:pos + 4])[0]
    return data[pos:]


def test_jpeg_with_standard_parts_is_not_reencoded():
    data = ph.jpeg_app14_payload()
    result = rebuild_picture(data)
    assert not result.reencoded and entropy_tail(result.data) == entropy_tail(data)
    assert b"Adobe" in result.data and result.data.count(b"Adobe") == 1
    assert decoded(result.data).tobytes() == decoded(data).tobytes()


def test_png_with_extra_data_in_its_image_stream_is_written_afresh():
    img = Image.new("RGB", (32, 8), (9, 99, 199))
    raw = b"".join(b"\x00" + img.tobytes()[i * 96:(i + 1) * 96] for i in range(8))
    body = struct.pack(">IIBBBBB", 32, 8, 8, 2, 0, 0, 0)
    extra = zlib_stream(raw + b"\x00PLANTED-EXTRA-ROW" * 3)
    data = b"\x89PNG\r\n\x1a\n" + ph._png_chunk(b"IHDR", body) + ph._png_chunk(b"IDAT", extra) + ph._png_chunk(b"IEND", b"")
    result = rebuild_picture(data)
    assert result.reencoded and b"PLANTED" not in result.data
    assert decoded(result.data).tobytes() == img.tobytes()
    # rows past the height are a hiding place a check must name, as a JPEG's shortened frame is
    assert any("past the picture's last row" in r for r in result.removed)


def test_check_of_a_png_whose_image_data_runs_past_its_height_is_not_publication(tmp_path):
    img = Image.new("RGB", (32, 12), (9, 99, 199))
    raw = b"".join(b"\x00" + img.tobytes()[i * 96:(i + 1) * 96] for i in range(12))
    body = struct.pack(">IIBBBBB", 32, 8, 8, 2, 0, 0, 0)          # the header says 8 rows of 12
    data = (b"\x89PNG\r\n\x1a\n" + ph._png_chunk(b"IHDR", body) + ph._png_chunk(b"IDAT", zlib_stream(raw))
            + ph._png_chunk(b"IEND", b""))
    path = tmp_path / "rows.png"
    path.write_bytes(data)
    assert slidesan.check(path).verdict != "publication"          # with OCR: nothing else holds it back


def zlib_stream(raw: bytes) -> bytes:
    import zlib

    return zlib.compress(raw, 0)


def test_sixteen_bit_png_keeps_its_depth():
    import cv2

    arr = (np.arange(64 * 16 * 4, dtype=np.uint32).reshape(16, 64, 4) * 37 % 65536).astype(np.uint16)
    arr[..., 3] = 65535
    arr[0, :8, 3] = 0
    ok, data = cv2.imencode(".png", arr)
    result = rebuild_picture(data.tobytes())
    back = cv2.imdecode(np.frombuffer(result.data, np.uint8), cv2.IMREAD_UNCHANGED)
    assert back.dtype == np.uint16 and (back[1:] == arr[1:]).all()
    assert (back[0, :8] == 0).all()


@pytest.mark.parametrize("header", [
    struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0),       # a bomb: refused before anything is inflated
    struct.pack(">IIBBBBB", 10, 10, 8, 5, 0, 0, 0),               # colour type 5 does not exist
])
def test_hostile_png_headers_are_one_clear_error(header):
    import zlib

    from slidesan.images.metadata import CorruptImage

    data = (b"\x89PNG\r\n\x1a\n" + ph._png_chunk(b"IHDR", header) + ph._png_chunk(b"sBIT", b"\x08")
            + ph._png_chunk(b"IDAT", zlib.compress(bytes(100))) + ph._png_chunk(b"IEND", b""))
    with pytest.raises(CorruptImage):
        rebuild_picture(data)


def test_animation_cropped_to_a_shape_is_masked_in_every_frame(tmp_path):
    """Frame 1 already transparent outside the ellipse must not let frame 2 keep its corners."""
    from PIL import ImageDraw
    from pptx.enum.shapes import MSO_SHAPE

    from fixtures.common import add_picture, blank_deck, blank_slide

    first = Image.new("RGBA", (120, 80), (0, 0, 0, 0))
    ImageDraw.Draw(first).ellipse([0, 0, 119, 79], fill=(30, 120, 30, 255))
    second = Image.new("RGBA", (120, 80), (255, 0, 255, 255))
    buf = io.BytesIO()
    first.save(buf, "GIF", save_all=True, append_images=[second], duration=300, loop=0, disposal=2)
    prs = blank_deck()
    pic = add_picture(blank_slide(prs), buf.getvalue())
    pic.auto_shape_type = MSO_SHAPE.OVAL
    prs.save(tmp_path / "in.pptx")
    slidesan.clean(tmp_path / "in.pptx", tmp_path / "out.pptx", FAST)
    out = decoded([d for n, d in members(tmp_path / "out.pptx").items() if n.startswith("ppt/media/")][0])
    assert out.n_frames == 2
    for index in range(2):
        out.seek(index)
        assert out.convert("RGBA").getpixel((1, 1))[3] == 0, f"corner of frame {index + 1} still shown"
