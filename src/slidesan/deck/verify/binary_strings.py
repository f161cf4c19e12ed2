"""Printable strings in a binary part, the way `strings` would list them, minus pixel data.

Entropy-coded pixels form random printable runs ("Kq3Lmn") that would drown the real strings, so
for pictures only the container is read: JPEG application and comment segments and bytes after
EOI, PNG chunks other than image data and bytes after IEND, GIF extension blocks and bytes after
the trailer, the BMP header and bytes after the pixel array, WebP chunks other than frames, TIFF
tag values, an EMF's or WMF's records without the pixel bits of their bitmaps (images/metafile_bitmaps.py).
A font is read as a font: its name table (fontTools), or the strings of an Embedded OpenType header.
Other binaries are read whole. Strings are ASCII/Latin runs and UTF-16 runs of both byte orders (EMF
text, font names and ICC descriptions are UTF-16); a string is kept when it holds two words of three
letters with a vowel, a long digit run or a path.
"""

from __future__ import annotations

import re
import struct
import zlib

from slidesan.images.metafile_bitmaps import is_metafile, plus_image_file, plus_images, without_pixels

ASCII_RUN = re.compile(rb"[\x20-\x7e]{6,}")
UTF16LE_RUN = re.compile(rb"(?:[\x20-\x7e]\x00){6,}")
UTF16BE_RUN = re.compile(rb"(?:\x00[\x20-\x7e]){6,}")
# A string worth judging: two letter words, a long digit run, or a path.
_W = r"(?=[A-Za-z]*[AEIOUYaeiouy])[A-Za-z]{3,}"
WORDY = re.compile(rf"{_W}[ ,^_.]+{_W}|\d{{6,}}|[A-Za-z]:[\\/]|\\\\\w|/\w+/\w+")
MAX_STRINGS = 5000
MEDIA_EDGE = 1 << 18


def strings(blob: bytes, wordy: bool = True) -> list[str]:
    """Distinct printable strings of the non-pixel bytes of `blob` that look like words (all of them
    when not `wordy`: what is dropped unread is read whole, `NHS 943 476 5919` has no two words)."""
    found: dict[str, None] = {}
    for chunk in container_bytes(blob):
        for run in ASCII_RUN.findall(chunk):
            found.setdefault(run.decode("latin-1"), None)
        for run in UTF16LE_RUN.findall(chunk):
            found.setdefault(run.decode("utf-16-le"), None)
        for run in UTF16BE_RUN.findall(chunk):
            found.setdefault(run.decode("utf-16-be"), None)
        if len(found) > MAX_STRINGS:
            break
    return [s for s in found if not wordy or WORDY.search(s)]


def container_bytes(blob: bytes) -> list[bytes]:
    head = blob[:12]
    font = font_strings(blob)
    if font is not None:
        return font
    try:
        if head.startswith(b"\xff\xd8"):
            return jpeg_container(blob)
        if head.startswith(b"\x89PNG"):
            return png_container(blob)
        if head.startswith((b"GIF87a", b"GIF89a")):
            return gif_container(blob)
        if head.startswith(b"BM") and len(blob) > 30:
            return bmp_container(blob)
        if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            return webp_container(blob)
        if head[:4] in (b"II*\0", b"MM\0*"):
            return tiff_container(blob)
        if is_metafile(blob):
            # an EMF+ image object is a picture file of its own: its container is read, not its pixels
            return without_pixels(blob) + [piece for image in plus_images(blob)
                                           for piece in container_bytes(plus_image_file(image))]
        if head.startswith(b"%PDF"):
            return pdf_strings(blob)
        if head[4:8] == b"ftyp":
            return iso_media_container(blob)
        if len(blob) > 2 * MEDIA_EDGE and head[:4] in (b"RIFF", b"ID3\3", b"ID3\4", b"OggS", b"fLaC", b"\x1aE\xdf\xa3"):
            return [blob[:MEDIA_EDGE], blob[-MEDIA_EDGE:]]      # tags sit at the start or the end
    except Exception:  # noqa: BLE001 - a malformed container is read whole instead
        pass
    return [blob]


def jpeg_container(blob: bytes) -> list[bytes]:
    """Application and comment segments up to the first scan (tables are numbers, not text), and
    whatever follows the last EOI."""
    pos, out = 2, []
    while pos + 4 <= len(blob) and blob[pos] == 0xFF:
        marker = blob[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        length = struct.unpack(">H", blob[pos + 2:pos + 4])[0]
        if marker == 0xDA:                          # start of scan: entropy-coded data follows
            break
        if 0xE0 <= marker <= 0xEF or marker == 0xFE:
            out.append(blob[pos + 4:pos + 2 + length])
        pos += 2 + length
    end = blob.rfind(b"\xff\xd9")
    return out + [blob[end + 2:] if end >= 0 else blob[pos:]]


PDF_LITERAL = re.compile(rb"\((?:[^()\\]|\\.){2,}\)", re.S)
PDF_HEX = re.compile(rb"<([0-9A-Fa-f\s]{8,})>")
PDF_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
MAX_PDF_STREAMS = 200


def pdf_strings(blob: bytes) -> list[bytes]:
    """A PDF's strings, not its structure: literal and hex strings (document information, annotations,
    text shown by content streams) and XML packets (XMP), in the file and in its inflated streams.
    Cross-reference tables and object numbers would read as phone numbers and are left out."""
    out = []
    sources = [blob]
    for stream in PDF_STREAM.findall(blob)[:MAX_PDF_STREAMS]:
        try:
            sources.append(zlib.decompressobj().decompress(stream, 1 << 22))
        except zlib.error:
            sources.append(stream)
    for data in sources:
        out += [m[1:-1] for m in PDF_LITERAL.findall(data)]
        for hexed in PDF_HEX.findall(data):
            raw = bytes.fromhex(re.sub(rb"\s", b"", hexed).decode()) if len(re.sub(rb"\s", b"", hexed)) % 2 == 0 else b""
            out.append(raw.decode("utf-16-be", "ignore").encode() if raw[:2] == b"\xfe\xff" else raw)
        out += re.findall(rb"<x:xmpmeta.*?</x:xmpmeta>", data, re.S)
    return out


def iso_media_container(blob: bytes) -> list[bytes]:
    """MP4/MOV/M4A boxes (titles, artists, comments live in moov/udta) without the media data."""
    out, pos = [], 0
    while pos + 8 <= len(blob):
        size, kind = struct.unpack(">I4s", blob[pos:pos + 8])
        header = 8
        if size == 1:
            size, header = struct.unpack(">Q", blob[pos + 8:pos + 16])[0], 16
        elif size == 0:
            size = len(blob) - pos
        if size < header:
            break
        if kind != b"mdat":
            out.append(blob[pos:pos + size])
        pos += size
    return out


def tiff_container(blob: bytes) -> list[bytes]:
    """Text, byte and undefined tag values of every page (pixel strips are skipped)."""
    import io

    from PIL import Image

    out = []
    with Image.open(io.BytesIO(blob)) as img:
        for index in range(getattr(img, "n_frames", 1)):
            img.seek(index)
            for value in img.tag_v2.values():
                values = value if isinstance(value, tuple) else (value,)
                out += [v.encode("utf-8", "replace") if isinstance(v, str) else v for v in values
                        if isinstance(v, (str, bytes))]
    return out


def font_strings(blob: bytes) -> list[bytes] | None:
    """A font's strings (None when `blob` is not a font): its name table, or an EOT's header strings
    and, when its font data is not compressed, the name table inside."""
    from slidesan.deck.fonts import FontError, read_font

    if blob[:4] not in (b"\0\1\0\0", b"OTTO", b"true", b"ttcf") and blob[34:36] != b"LP":
        return None
    try:
        font = read_font(blob)
    except FontError:
        return None
    return [s.encode("utf-16-le") for s in font.strings()]


def png_container(blob: bytes) -> list[bytes]:
    """Every chunk but image data, compressed ones (iCCP, zTXt, compressed iTXt) inflated too."""
    out, pos = [], 8
    while pos + 8 <= len(blob):
        length = struct.unpack(">I", blob[pos:pos + 4])[0]
        ctype = blob[pos + 4:pos + 8]
        if ctype not in (b"IDAT", b"fdAT"):
            out.append(blob[pos:pos + 12 + length])
            out += inflated_chunk(ctype, blob[pos + 8:pos + 8 + length])
        pos += 12 + length
        if ctype == b"IEND":
            break
    out.append(blob[pos:])
    return out


def inflated_chunk(ctype: bytes, body: bytes) -> list[bytes]:
    """The decompressed payload of an iCCP, zTXt or compressed iTXt chunk (at most 4 MB)."""
    keyword_end = body.find(b"\0")
    if keyword_end < 0:
        return []
    if ctype in (b"iCCP", b"zTXt"):
        data = body[keyword_end + 2:]
    elif ctype == b"iTXt" and body[keyword_end + 1:keyword_end + 2] == b"\1":
        rest = body[keyword_end + 3:]
        lang_end = rest.find(b"\0")
        key_end = rest.find(b"\0", lang_end + 1)
        data = rest[key_end + 1:] if lang_end >= 0 and key_end >= 0 else b""
    else:
        return []
    try:
        return [zlib.decompressobj().decompress(data, 1 << 22)]
    except zlib.error:
        return []


def gif_container(blob: bytes) -> list[bytes]:
    """Extension blocks and bytes after the trailer; image data (LZW) is skipped."""
    flags = blob[10]
    pos = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    out = []
    while pos < len(blob):
        kind = blob[pos]
        if kind == 0x3B:
            out.append(blob[pos + 1:])
            break
        if kind == 0x21:
            start, pos = pos, skip_sub_blocks(blob, pos + 2)
            out.append(blob[start:pos])
        elif kind == 0x2C:
            local = blob[pos + 9]
            pos += 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0) + 1
            pos = skip_sub_blocks(blob, pos)
        else:
            out.append(blob[pos:])
            break
    return out


def skip_sub_blocks(blob: bytes, pos: int) -> int:
    while pos < len(blob) and blob[pos]:
        pos += blob[pos] + 1
    return pos + 1


def bmp_container(blob: bytes) -> list[bytes]:
    offset = struct.unpack("<I", blob[10:14])[0]
    width, height = struct.unpack("<ii", blob[18:26])
    bits = struct.unpack("<H", blob[28:30])[0]
    size = ((width * bits + 31) // 32) * 4 * abs(height)
    return [blob[:offset], blob[offset + size:]]


def webp_container(blob: bytes) -> list[bytes]:
    out, pos = [blob[:12]], 12
    while pos + 8 <= len(blob):
        ctype = blob[pos:pos + 4]
        length = struct.unpack("<I", blob[pos + 4:pos + 8])[0]
        if ctype not in (b"VP8 ", b"VP8L", b"ALPH", b"ANMF"):
            out.append(blob[pos:pos + 8 + length])
        pos += 8 + length + (length & 1)
    out.append(blob[pos:])
    return out
