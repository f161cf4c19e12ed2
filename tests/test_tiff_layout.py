"""A TIFF's parts no reader shows (images/tiff_layout.py): bytes no directory points to, and strips
holding rows past ImageLength, are named for `check`; what ordinary writers produce is not."""

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image, ImageDraw

import slidesan
from slidesan.images.tiff_layout import hidden_parts

WIDTH, SHOWN, CODED = 160, 60, 90          # the header declares SHOWN rows; the strip codes CODED


def baseline_tiff(strip: bytes, compression: int = 1, gap: bytes = b"") -> bytes:
    """A little-endian grey TIFF whose one strip is `strip`, with `gap` between the directory and it."""
    entries = [(256, WIDTH), (257, SHOWN), (258, 8), (259, compression), (262, 1), (273, 0), (277, 1),
               (278, CODED), (279, len(strip))]
    first = 8 + 2 + 12 * len(entries) + 4 + len(gap)
    out = bytearray(b"II*\x00" + struct.pack("<IH", 8, len(entries)))
    for tag, value in entries:
        out += struct.pack("<HHII", tag, 4, 1, first if tag == 273 else value)
    return bytes(out + struct.pack("<I", 0) + gap + strip)


def coded_rows() -> bytes:
    """CODED rows: a plain picture, and below row SHOWN a name band only a changed length would show."""
    img = Image.new("L", (WIDTH, CODED), 30)
    ImageDraw.Draw(img).text((4, SHOWN + 8), "OAKHART Quentin 5512093", fill=250)
    return img.tobytes()


@pytest.mark.parametrize("compression, encode", [(1, lambda raw: raw), (8, zlib.compress)])
def test_rows_past_the_declared_length_are_named(compression, encode):
    removed, _ = hidden_parts(baseline_tiff(encode(coded_rows()), compression))
    assert removed and "past the picture's last row" in removed[0]


def test_a_strip_holding_exactly_the_declared_rows_is_not_named():
    assert hidden_parts(baseline_tiff(coded_rows()[:WIDTH * SHOWN])) == ([], [])


def test_text_no_directory_points_to_is_named_and_quoted():
    data = baseline_tiff(coded_rows()[:WIDTH * SHOWN], gap=b"\x00" * 4 + b"OAKHART^QUENTIN MRN 55120934" + b"\x00" * 4)
    removed, details = hidden_parts(data)
    assert removed == ["36 bytes no TIFF directory points to"]
    assert any("OAKHART^QUENTIN" in d for d in details)


def test_check_of_such_a_tiff_is_not_publication(tmp_path):
    path = tmp_path / "rows.tif"
    path.write_bytes(baseline_tiff(coded_rows()))
    assert Image.open(path).size == (WIDTH, SHOWN)
    assert slidesan.check(path).verdict != "publication"       # with OCR: nothing else holds it back


@pytest.mark.parametrize("mode", ["RGB", "L", "RGBA", "1"])
@pytest.mark.parametrize("compression", ["raw", "tiff_lzw", "tiff_deflate", "packbits"])
def test_what_pillow_writes_is_not_named(mode, compression):
    rng = np.random.default_rng(7)
    img = Image.fromarray((rng.random((123, 77, 3)) * 255).astype("uint8")).convert(mode)
    buf = io.BytesIO()
    img.save(buf, "TIFF", compression=compression, save_all=True, append_images=[img, img])
    assert hidden_parts(buf.getvalue()) == ([], [])


def test_an_old_style_jpeg_tiffs_interchange_stream_is_a_part_not_a_gap():
    buf = io.BytesIO()
    Image.new("L", (16, 16), 99).save(buf, "JPEG", comment=b"no gap")
    jpeg = buf.getvalue()
    entries = [(256, 16), (257, 16), (258, 8), (259, 6), (262, 1), (277, 1), (513, 0), (514, len(jpeg))]
    first = 8 + 2 + 12 * len(entries) + 4
    out = bytearray(b"II*\x00" + struct.pack("<IH", 8, len(entries)))
    for tag, value in entries:
        out += struct.pack("<HHII", tag, 4, 1, first if tag == 513 else value)
    assert hidden_parts(bytes(out + struct.pack("<I", 0) + jpeg)) == ([], [])
