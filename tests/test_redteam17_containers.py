"""Red team 17: places in picture containers that a clean kept or a check did not read.

Each test builds a made-up picture whose container holds a patient where no rule looked: colour
under nearly transparent pixels, coded JPEG data the decoder never reads, a JPEG 2000 header box's
own sub-boxes and second codestream, a GIF's plain text and application data, a PNG profile's name,
a BMP's gap before its pixels and its embedded profile.
"""

import io
import struct
import zlib

import numpy as np
from PIL import Image, ImageCms, ImageDraw, ImageFont

import slidesan
from slidesan.images.rebuild import rebuild_picture
from slidesan.images.shown_pixels import stored_view
from slidesan.pack.image_file import clean_image

NAME = "WINTERBOTTOM, Esmeralda"
CHECK = slidesan.Options(ocr=False)


def picture(size=(320, 200)) -> Image.Image:
    rng = np.random.default_rng(7)
    arr = rng.integers(60, 120, (size[1], size[0], 3), dtype=np.uint8)
    return Image.fromarray(arr, "RGB")


def encoded(img: Image.Image, fmt: str, **params) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **params)
    return buf.getvalue()


def identifier_texts(data: bytes, rel: str) -> list[str]:
    """What a check of the picture alone flags as identifying (without OCR)."""
    _out, findings = clean_image(data, rel, CHECK, strip=False)
    return [f.text or "" for f in findings if f.category in ("name", "mrn", "date-of-birth", "patient-id")
            and f.severity == "high"]


def test_colour_under_nearly_transparent_pixels_is_cleared_and_read_by_a_check():
    img = picture().convert("RGBA")
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, 320, 40), fill=(0, 0, 0, 2))
    draw.text((10, 10), NAME, fill=(255, 255, 255, 2), font=ImageFont.load_default())
    data = encoded(img, "PNG")
    assert stored_view(Image.open(io.BytesIO(data))) is not None       # a check reads the band
    rebuilt = np.asarray(Image.open(io.BytesIO(rebuild_picture(data).data)).convert("RGBA"))
    assert rebuilt[:40, :, :3].max() == 0 and rebuilt[:40, :, 3].max() == 2
    assert (rebuilt[41:] == np.asarray(img)[41:]).all()                 # what shows is as it was


def test_the_soft_edge_of_a_shape_is_no_hidden_colour():
    """Anti-aliasing leaves a shape's colour under a few levels of alpha at its edge: cleared by a
    clean like any unseen colour, but nothing a check must read (a deck check would hold every logo)."""
    big = Image.new("RGBA", (800, 400), (0, 0, 0, 0))
    ImageDraw.Draw(big).ellipse((100, 50, 700, 350), fill=(200, 30, 30, 255))
    logo = big.resize((160, 80), Image.LANCZOS)
    arr = np.asarray(logo)
    assert ((arr[..., 3] > 0) & (arr[..., 3] <= 7) & (arr[..., 0] > 0)).any()     # the soft edge is there
    assert stored_view(logo) is None


def coded_jpeg(tall: int = 0) -> bytes:
    """A JPEG; with `tall`, coded `tall` rows taller than its frame header says (a name band under it)."""
    img = picture((320, 200 + tall))
    if tall:
        ImageDraw.Draw(img).rectangle((0, 200, 320, 200 + tall), fill=(255, 255, 255))
    data = bytearray(encoded(img, "JPEG", quality=90))
    if tall:
        at = data.find(b"\xff\xc0")
        data[at + 5:at + 7] = struct.pack(">H", 200)
    return bytes(data)


def test_text_inside_the_last_scan_is_cut_and_quoted():
    data = coded_jpeg()
    planted = data[:-2] + b"  " + NAME.encode() + b"  " + data[-2:]
    result = rebuild_picture(planted)
    assert NAME.encode() not in result.data
    assert any("coded data the decoder never reads" in r for r in result.removed)
    before = np.asarray(Image.open(io.BytesIO(data)), dtype=float)
    assert abs(np.asarray(Image.open(io.BytesIO(result.data)), dtype=float) - before).mean() < 3   # written afresh
    assert any("WINTERBOTTOM" in t.upper() for t in identifier_texts(planted, "scan.jpg"))
    assert rebuild_picture(data).data == rebuild_picture(rebuild_picture(data).data).data


def test_rows_under_a_shortened_frame_header_are_not_kept():
    data = coded_jpeg(tall=48)
    result = rebuild_picture(data)
    assert len(result.data) < len(data) and any("coded data" in r for r in result.removed)
    shown = np.asarray(Image.open(io.BytesIO(data)), dtype=float)
    assert abs(np.asarray(Image.open(io.BytesIO(result.data)), dtype=float) - shown).mean() < 3   # written afresh
    grown = bytearray(result.data)                     # the height put back: nothing below the frame
    at = grown.find(b"\xff\xc0")
    grown[at + 5:at + 7] = struct.pack(">H", 248)
    Image.LOAD_TRUNCATED_IMAGES = True
    try:
        img = Image.open(io.BytesIO(bytes(grown)))
        img.load()
    finally:
        Image.LOAD_TRUNCATED_IMAGES = False
    # no white band decoded, not even in the block row the shortened frame still reads (rows 200-207)
    assert np.asarray(img.convert("L"))[200:].mean() < 200 and np.asarray(img.convert("L"))[200:208].mean() < 200


def test_an_ordinary_jpeg_keeps_every_coded_byte():
    """The last bytes of an ordinary scan code the blocks past the picture's edge (read, not shown), and
    now and then a few can change unseen: neither is text nobody reads, and nothing is cut."""
    rng = np.random.default_rng(17)
    for height in range(600, 632):
        grey = np.clip(rng.normal(128, 40, (height, 900)), 0, 255).astype(np.uint8)
        data = encoded(Image.fromarray(grey, "L").convert("RGB"), "JPEG", quality=90)
        assert rebuild_picture(data).removed == [], height


def box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I4s", len(body) + 8, kind) + body


def jp2_boxes(data: bytes):
    pos = 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        yield kind, data[pos + 8:pos + n]
        pos += n


def jp2(img: Image.Image, header_extra: bytes = b"", after_code: bytes = b"") -> bytes:
    out = b""
    for kind, body in jp2_boxes(encoded(img, "JPEG2000", irreversible=False)):
        out += box(kind, body + header_extra if kind == b"jp2h" else body)
        if kind == b"jp2c":
            out += after_code
    return out


def test_jpeg2000_keeps_one_codestream_and_only_the_header_boxes_a_reader_needs():
    second = encoded(picture(), "JPEG2000", irreversible=False, no_jp2=True)
    data = jp2(picture(), header_extra=box(b"note", NAME.encode()), after_code=box(b"jp2c", second))
    result = rebuild_picture(data)
    assert NAME.encode() not in result.data
    assert [k for k, _ in jp2_boxes(result.data)].count(b"jp2c") == 1
    assert any("further JPEG 2000 codestream" in r for r in result.removed)
    assert any(NAME in d for d in result.details)
    assert Image.open(io.BytesIO(result.data)).tobytes() == Image.open(io.BytesIO(data)).tobytes()


def named_profile(name: str) -> bytes:
    """sRGB primaries with linear curves, described as `name`: no standard profile behaves so."""
    icc = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    text = name.encode()
    desc = b"desc\x00\x00\x00\x00" + struct.pack(">I", len(text) + 1) + text + b"\x00" + b"\x00" * 79
    desc += b"\x00" * (-len(desc) % 4)
    count = struct.unpack(">I", icc[128:132])[0]
    for i in range(count):
        at = 132 + 12 * i
        if icc[at:at + 4] == b"desc":
            icc[at + 4:at + 12] = struct.pack(">II", len(icc), len(desc))
        if icc[at:at + 4] in (b"rTRC", b"gTRC", b"bTRC"):
            icc[at + 4:at + 12] = struct.pack(">II", len(icc) + len(desc), 14)
    icc += desc + b"curv\x00\x00\x00\x00" + struct.pack(">IH", 1, 0x0100) + b"\x00\x00"
    icc[0:4] = struct.pack(">I", len(icc))
    return bytes(icc)


def test_jpeg2000_colour_profile_text_is_read_and_not_kept():
    data = b""
    for kind, body in jp2_boxes(jp2(picture())):
        if kind == b"jp2h":
            body = b"".join(box(k, b"\x02\x00\x00" + named_profile(NAME) if k == b"colr" else b)
                            for k, b in jp2_boxes(body))
        data += box(kind, body)
    result = rebuild_picture(data)
    assert any(NAME in d for d in result.details)
    assert NAME.encode() not in result.data
    assert Image.open(io.BytesIO(result.data)).size == (320, 200)
    assert rebuild_picture(result.data).data == result.data          # the rebuild is a fixed point
    assert any("WINTERBOTTOM" in t.upper() for t in identifier_texts(data, "profile.jp2"))


def sub_blocks(payload: bytes) -> bytes:
    return b"".join(bytes((len(payload[i:i + 255]),)) + payload[i:i + 255]
                    for i in range(0, len(payload), 255)) + b"\x00"


def test_gif_plain_text_and_application_data_are_read():
    data = encoded(picture().quantize(32), "GIF")
    plain = b"\x21\x01\x0c" + struct.pack("<HHHHBBBB", 4, 4, 300, 20, 8, 14, 1, 0) + sub_blocks(NAME.encode())
    app = b"\x21\xff\x0bPACSEXPT1.0" + sub_blocks(b"patient=" + NAME.encode())
    for extra in (plain, app):
        planted = data[:-1] + extra + data[-1:]
        assert any("WINTERBOTTOM" in t.upper() for t in identifier_texts(planted, "plain.gif")), extra[:2]
        assert NAME.encode() not in rebuild_picture(planted).data


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def test_png_colour_profile_name_is_read():
    data = encoded(picture(), "PNG")
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    planted = data[:33] + png_chunk(b"iCCP", NAME.encode() + b"\x00\x00" + zlib.compress(icc)) + data[33:]
    assert any("WINTERBOTTOM" in t.upper() for t in identifier_texts(planted, "named.png"))
    assert NAME.encode() not in rebuild_picture(planted).data


def bmp_v5(img: Image.Image, gap: bytes = b"", profile: bytes = b"") -> bytes:
    w, h = img.size
    pixels = np.asarray(img.convert("RGBA"))[::-1, :, [2, 1, 0, 3]].tobytes()
    offset = 14 + 124 + len(gap)
    v5 = struct.pack("<IiiHHIIiiII", 124, w, h, 1, 32, 3, len(pixels), 2835, 2835, 0, 0)
    v5 += struct.pack("<IIII", 0xFF0000, 0xFF00, 0xFF, 0xFF000000) + (b"DEBM" if profile else b"BGRs")
    v5 += b"\x00" * 48 + struct.pack("<IIII", 4, 124 + len(gap) + len(pixels) if profile else 0, len(profile), 0)
    body = v5 + gap + pixels + profile
    return b"BM" + struct.pack("<IHHI", 14 + len(body), 0, 0, offset) + body


def test_bmp_gap_before_the_pixels_and_embedded_profile_are_read():
    gap = bmp_v5(picture(), gap=b"Patient: " + NAME.encode() + b"\x00\x00")
    profile = bmp_v5(picture(), profile=named_profile(NAME))
    for data, rel in ((gap, "gap.bmp"), (profile, "profile.bmp")):
        assert any("WINTERBOTTOM" in t.upper() for t in identifier_texts(data, rel)), rel
        assert NAME.encode() not in rebuild_picture(data).data


def test_jpeg2000_colour_under_transparent_pixels_is_not_kept():
    """The coded data of a JPEG 2000 is kept byte for byte, so a picture whose transparency hides colour
    (a name under alpha 0) is written afresh from its shown pixels instead."""
    img = picture((240, 80)).convert("RGBA")
    ImageDraw.Draw(img).text((10, 30), NAME, fill=(0, 0, 0, 255))
    arr = np.asarray(img).copy()
    arr[:, 120:, 3] = 0                                  # the name's end under alpha 0
    data = encoded(Image.fromarray(arr, "RGBA"), "JPEG2000", irreversible=False)
    assert np.asarray(Image.open(io.BytesIO(data)))[:, 120:, :3].max() > 0     # colour is there to hide
    result = rebuild_picture(data)
    out = np.asarray(Image.open(io.BytesIO(result.data)))
    assert out[:, 120:, :3].max() == 0 and (out[..., 3] == arr[..., 3]).all()
    assert any("transparency" in c for c in result.changes)
