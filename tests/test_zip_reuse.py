"""Untouched parts keep their original compressed bytes (issue 13: an uncropped 115 MB deck must not
come out larger), and nothing hidden after the end of a compressed stream is ever carried over."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image

import slidesan
from slidesan.deck.zip_reuse import OriginalMembers, write_raw
from slidesan.options import Options


def photo_deck(path: Path) -> Path:
    from pptx import Presentation
    from pptx.util import Emu

    buf = io.BytesIO()
    Image.effect_noise((900, 600), 40).convert("RGB").save(buf, "JPEG", quality=90)
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide.shapes.add_picture(io.BytesIO(buf.getvalue()), Emu(914400), Emu(914400), width=Emu(4572000))
    prs.save(path)
    return path


def raw_streams(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        names = [i.filename for i in zf.infolist()]
        data = {n: zf.read(n) for n in names}
    with OriginalMembers(path) as members:
        return {n: members.raw_if_unchanged(n, data[n])[1] for n in names
                if members.raw_if_unchanged(n, data[n]) is not None}


def restored(deck: Path, target: Path, compress_type: int, level: int | None = None) -> Path:
    """The same deck with its pictures stored the way other tools store them (stored, or fast deflate)."""
    with zipfile.ZipFile(deck) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            media = info.filename.startswith("ppt/media/")
            dst.writestr(info.filename, src.read(info), compress_type=compress_type if media else zipfile.ZIP_DEFLATED,
                         compresslevel=level if media else None)
    return target


@pytest.mark.parametrize("compress_type, level", [(zipfile.ZIP_STORED, None), (zipfile.ZIP_DEFLATED, 1)])
def test_an_untouched_picture_keeps_its_original_compressed_bytes(tmp_path, compress_type, level):
    deck = restored(photo_deck(tmp_path / "made.pptx"), tmp_path / "talk.pptx", compress_type, level)
    out = tmp_path / "out.pptx"
    slidesan.clean(deck, out, Options(ocr=False))
    before, after = raw_streams(deck), raw_streams(out)
    media = [n for n in before if n.startswith("ppt/media/")]
    assert media and all(after[n] == before[n] for n in media)
    assert out.stat().st_size <= deck.stat().st_size * 1.01


def test_bytes_hidden_after_a_compressed_stream_are_not_copied(tmp_path):
    deck = photo_deck(tmp_path / "talk.pptx")
    tampered = tmp_path / "tampered.pptx"
    secret = b"HIDDEN-JONES-MARGARET-RX1234567"
    with zipfile.ZipFile(deck) as src, zipfile.ZipFile(tampered, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if not info.filename.startswith("ppt/media/"):
                dst.writestr(info, data)
                continue
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            raw = packer.compress(data) + packer.flush() + secret
            original = zipfile.ZipInfo(info.filename)
            original.compress_type, original.CRC, original.file_size = zipfile.ZIP_DEFLATED, zlib.crc32(data), len(data)
            write_raw(dst, info.filename, original, raw, (1980, 1, 1, 0, 0, 0))
    assert secret in tampered.read_bytes()
    with zipfile.ZipFile(tampered) as zf:                 # readers see a normal picture
        assert zf.testzip() is None
    out = tmp_path / "out.pptx"
    slidesan.clean(tampered, out, Options(ocr=False))
    assert secret not in out.read_bytes()
