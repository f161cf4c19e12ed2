"""Metadata values of TIFF and WebP pictures are quoted as JPEG's and PNG's are, so the identifier search
sees them (images/metadata.tiff_tag_details, strip_webp). Red team 10 (exiftool): a hospital number in a
TIFF's EXIF UserComment, XMP or XPComment, or in a WebP's XMP, left `check` at "metadata present"
(review) instead of identifiable. Pictures are made up here."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, TiffImagePlugin

from slidesan.images.rebuild import rebuild_picture
from slidesan.scan.metadata_text import metadata_identifiers

MRN = "GX7741203"
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt><rdf:li>'
       + MRN.encode() + b"</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>")


def _pixels():
    return Image.fromarray(np.random.default_rng(6).integers(0, 255, (32, 40, 3), dtype=np.uint8))


def _identified(data: bytes) -> list[str]:
    result = rebuild_picture(data)
    assert MRN.encode() not in result.data
    return [match.category for match, *_ in metadata_identifiers(result.details)]


def _tiff(**tags) -> bytes:
    info = TiffImagePlugin.ImageFileDirectory_v2()
    for tag, value in tags.items():
        info[int(tag[1:])] = value
    buffer = io.BytesIO()
    _pixels().save(buffer, "TIFF", tiffinfo=info)
    return buffer.getvalue()


def test_tiff_exif_user_comment_is_read():
    exif = Image.Exif()
    exif.get_ifd(0x8769)[37510] = b"ASCII\x00\x00\x00" + MRN.encode()
    buffer = io.BytesIO()
    _pixels().save(buffer, "TIFF", exif=exif.tobytes())
    assert "hospital-number" in _identified(buffer.getvalue())


def test_tiff_xmp_packet_is_read():
    assert "hospital-number" in _identified(_tiff(t700=XMP))


def test_webp_xmp_chunk_is_read():
    buffer = io.BytesIO()
    _pixels().save(buffer, "WEBP", xmp=XMP, lossless=True)
    assert "hospital-number" in _identified(buffer.getvalue())


def _iptc(*datasets: tuple[int, str]) -> bytes:
    block = b"".join(b"\x1c\x02" + bytes([tag]) + len(text).to_bytes(2, "big") + text.encode() for tag, text in datasets)
    return block + b"\x00" * (-len(block) % 4)


def test_tiff_iptc_block_labelled_long_is_read_whole():
    """Photoshop labels a TIFF's IPTC block LONG; Pillow decodes it as numbers and keeps the first only,
    so nothing of it was quoted. Every text dataset is read, not only the by-line and caption."""
    block = _iptc((0, "\x00\x04"), (25, "keyword"), (40, f"MRN {MRN}"))
    data = bytearray(_tiff(t33723=block))
    entry = (33723).to_bytes(2, "little") + (7).to_bytes(2, "little") + len(block).to_bytes(4, "little")
    at = data.index(entry)                   # the same bytes, labelled as Photoshop labels them
    data[at + 2:at + 8] = (4).to_bytes(2, "little") + (len(block) // 4).to_bytes(4, "little")
    assert "hospital-number" in _identified(bytes(data))


def _jp2(pixels, **options) -> bytes:
    buffer = io.BytesIO()
    try:
        Image.fromarray(pixels).save(buffer, "JPEG2000", irreversible=False, **options)
    except (OSError, KeyError):
        pytest.skip("Pillow was built without OpenJPEG")
    return buffer.getvalue()


def _box(kind: bytes, body: bytes) -> bytes:
    return (8 + len(body)).to_bytes(4, "big") + kind + body


def test_a_jpeg_2000_picture_keeps_its_coded_data_and_loses_every_box_around_it():
    """JPEG 2000 pictures (PACS exports, `.jp2`) were no format slidesan knew: not inspected. Their
    XML and XMP boxes, comments and appended bytes are read, and left out; the codestream stays."""
    pixels = np.random.default_rng(8).integers(0, 255, (40, 56), dtype=np.uint8)
    plain = _jp2(pixels)
    xmp_uuid = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")
    data = plain + _box(b"xml ", f"<case>MRN {MRN}</case>".encode()) + _box(b"uuid", xmp_uuid + XMP) + b"SMITH 42"
    result = rebuild_picture(data)
    assert result.format == "JPEG2000" and MRN.encode() not in result.data and b"SMITH" not in result.data
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(result.data))), pixels)
    assert rebuild_picture(result.data).data == result.data          # a fixed point: the residue is empty
    assert [match.category for match, *_ in metadata_identifiers(result.details)].count("hospital-number") == 2
    code = _jp2(pixels, no_jp2=True)                                   # a bare codestream, as in `.j2k`
    assert Image.open(io.BytesIO(rebuild_picture(code + b"tail").data)).size == (56, 40)
    # bytes appended after the codestream that end in its end marker too (a JPEG, say) are still after it
    appended = rebuild_picture(code + f"SMITH {MRN}".encode() + b"\xff\xd9")
    assert MRN.encode() not in appended.data and "hospital-number" in [
        match.category for match, *_ in metadata_identifiers(appended.details)]


def test_a_jpeg_2000_file_is_a_picture_of_a_pack(tmp_path):
    from slidesan.api import check, clean
    from slidesan.options import Options

    pixels = np.full((64, 64), 40, np.uint8)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "case1.jp2").write_bytes(_jp2(pixels) + _box(b"xml ", f"<case>MRN {MRN}</case>".encode()))
    report = check([tmp_path / "in"], Options(ocr=False))
    assert report.verdict == "identifiable" and "hospital-number" in {f.category for f in report.findings}
    clean(tmp_path / "in", tmp_path / "out", Options(ocr=False))
    written = (tmp_path / "out" / "case1.jp2").read_bytes()
    assert MRN.encode() not in written and np.array_equal(np.asarray(Image.open(io.BytesIO(written))), pixels)
