"""Remove metadata from pictures without touching their pixels.

A teaching picture carries more than it shows: EXIF (camera owner, GPS, capture time, a
thumbnail of the *uncropped* original), XMP (creator, file history), Photoshop/IPTC blocks,
comments, text chunks and whatever was appended after the end of the image. JPEG and PNG are
rewritten through the allow-list of images/rebuild.py (image data byte for byte when nothing else
is there); GIF and WebP here lose the blocks or chunks that hold metadata, and TIFF, whose metadata
sits in the same directory as the pixel layout, is re-saved losslessly. These names and quotes
are what the report says was removed; the deck step and loose pictures use images/rebuild.py.

    strip_metadata(data) -> StripResult(data, removed, details, format)
    find_metadata(data)  -> what strip_metadata would still remove (empty when clean)

Unknown formats raise UnknownImageFormat and broken files raise CorruptImage, both
SlidesanErrors with one readable sentence; callers report the picture as not inspected.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from dataclasses import dataclass, field

from slidesan.errors import SlidesanError
from slidesan.images.jpeg2000 import CodestreamUnreadable, is_jpeg2000, without_metadata
from slidesan.images.metadata_quotes import (
    EXIF_SUB, MAX_TEXT_INFLATE, clip, exif_details, exif_text, iptc_details, tail_details, xmp_details,
)

class ImageMetadataError(SlidesanError):
    """The picture's metadata could not be inspected."""


class UnknownImageFormat(ImageMetadataError):
    """Not a format this module can rewrite (EMF, WMF, PDF, SVG, JPEG XR, HEIC...)."""


class CorruptImage(ImageMetadataError):
    """The byte stream is truncated or does not follow its format's structure."""


@dataclass
class StripResult:
    data: bytes
    removed: list[str] = field(default_factory=list)     # kinds of metadata left out
    details: list[str] = field(default_factory=list)     # notable values, quoted for the report
    format: str = ""

    @property
    def changed(self) -> bool:
        return bool(self.removed)


def sniff_format(data: bytes) -> str | None:
    """The container format from the magic bytes (content types and extensions lie)."""
    if data.startswith(b"\xff\xd8"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "TIFF"
    if data.startswith(b"BM"):
        return "BMP"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if is_jpeg2000(data):
        return "JPEG2000"
    return None


def strip_metadata(data: bytes) -> StripResult:
    """Rewrite `data` without its metadata; pixels and colour information stay as they were."""
    fmt = sniff_format(data)
    if fmt is None:
        raise UnknownImageFormat("not a JPEG, PNG, GIF, TIFF, BMP, WebP or JPEG 2000 picture; its metadata cannot be inspected")
    result = StripResult(data, format=fmt)
    if fmt == "BMP":
        return result   # BITMAPINFOHEADER has no room for metadata
    STRIPPERS[fmt](data, result)
    if not result.removed:
        result.data = data
    return result


def find_metadata(data: bytes) -> list[str]:
    """Kinds of metadata still present; [] when clean or when the format is not one we rewrite."""
    try:
        return strip_metadata(data).removed
    except UnknownImageFormat:
        return []


# -- JPEG -----------------------------------------------------------------------------------

SOI, EOI, SOS, COM = 0xD8, 0xD9, 0xDA, 0xFE
STANDALONE = {0x01, *range(0xD0, 0xD8)}          # TEM and RST0-7 carry no length
# In entropy-coded data 0xFF is followed by 0x00 (stuffing), 0xD0-0xD7 (restart) or 0xFF (fill);
# anything else is the next marker.
NEXT_MARKER = re.compile(rb"\xff(?=[^\x00\xd0-\xd7\xff])")
APP_NAMES = {
    b"Exif\x00": "EXIF", b"http://ns.adobe.com/xap/1.0/\x00": "XMP",
    b"http://ns.adobe.com/xmp/extension/\x00": "extended XMP", b"Photoshop 3.0\x00": "Photoshop/IPTC",
    b"JFXX\x00": "JFIF thumbnail", b"MPF\x00": "multi-picture index", b"FPXR\x00": "FlashPix data",
    b"Ducky": "Photoshop 'Save for Web' data",
}


def jpeg_segment_name(marker: int, payload: bytes) -> str:
    for ident, name in APP_NAMES.items():
        if payload.startswith(ident):
            return name
    if marker == COM:
        return "JPEG comment"
    ident = payload[:16].split(b"\x00", 1)[0]
    label = ident.decode("ascii", "replace") if ident.isascii() and ident.strip() else "unnamed"
    return f"APP{marker - 0xE0} segment ({label})"


# -- PNG ------------------------------------------------------------------------------------

PNG_NAMES = {b"tEXt": "PNG text", b"zTXt": "PNG compressed text", b"iTXt": "PNG international text",
             b"eXIf": "EXIF", b"tIME": "PNG modification time"}


def rebuilt_container(data: bytes, result: StripResult) -> None:
    """JPEG and PNG: the allow-list rebuild (images/rebuild.py) is the only rewrite there is."""
    from slidesan.images.rebuild import rebuild_picture

    rebuilt = rebuild_picture(data)
    result.data = rebuilt.data
    result.removed += rebuilt.removed
    result.details += rebuilt.details


def png_chunk_details(ctype: bytes, body: bytes) -> list[str]:
    try:
        if ctype == b"eXIf":
            return exif_details(body)
        keyword, _, rest = body.partition(b"\x00")
        if ctype == b"tEXt":
            text = rest
        elif ctype == b"zTXt":
            text = zlib.decompressobj().decompress(rest[1:], MAX_TEXT_INFLATE)
        elif ctype == b"iTXt":
            compressed, rest = rest[0], rest[2:]
            _lang, _, rest = rest.partition(b"\x00")
            _translated, _, text = rest.partition(b"\x00")
            if compressed:
                text = zlib.decompressobj().decompress(text, MAX_TEXT_INFLATE)
        else:
            return []
        key = keyword.decode("latin-1")
        if key == "XML:com.adobe.xmp":
            return xmp_details(text)
        return [f"{key}: {clip(text)}"]
    except Exception:  # noqa: BLE001
        return []


# -- GIF ------------------------------------------------------------------------------------

GIF_KEEP_APPS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")


def gif_sub_blocks_end(data: bytes, pos: int) -> int:
    """Offset just after the zero-length block that ends a run of data sub-blocks."""
    size = len(data)
    while True:
        if pos >= size:
            raise CorruptImage("GIF ends inside a data block (truncated)")
        n = data[pos]
        pos += 1 + n
        if n == 0:
            return pos


def strip_gif(data: bytes, result: StripResult) -> None:
    if len(data) < 13:
        raise CorruptImage("GIF is shorter than its header (truncated)")
    flags = data[10]
    pos = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    out = bytearray(data[:pos])
    size = len(data)
    while True:
        if pos >= size:
            raise CorruptImage("GIF ends before its trailer (truncated)")
        kind = data[pos]
        if kind == 0x3B:
            out.append(0x3B)
            if pos + 1 < size:
                result.removed.append(f"{size - pos - 1} bytes after the end of the image")
                result.details.extend(tail_details(data[pos + 1:]))
            break
        if kind == 0x2C:
            if pos + 10 > size:
                raise CorruptImage("GIF ends inside an image descriptor (truncated)")
            local = data[pos + 9]
            body = pos + 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0)
            end = gif_sub_blocks_end(data, body + 1)      # +1: LZW minimum code size
            out += data[pos:end]
        elif kind == 0x21:
            if pos + 2 > size:
                raise CorruptImage("GIF ends inside an extension (truncated)")
            label = data[pos + 1]
            end = gif_sub_blocks_end(data, pos + 2)
            block = data[pos:end]
            if label == 0xF9 or (label == 0xFF and block[3:14] in GIF_KEEP_APPS):
                out += block                               # graphic control, looping
            elif label == 0xFE:
                result.removed.append("GIF comment")
                result.details.append(f"comment: {clip(gif_block_text(block[2:]))}")
            elif label == 0x01:      # text a decoder may draw over the picture: few do, a tool reads it
                result.removed.append("GIF plain text")
                result.details.append(f"plain text: {clip(gif_block_text(block[2 + 13:]))}")
            elif label == 0xFF:
                app = block[3:14].decode("latin-1", "replace")
                payload = gif_block_text(block[14:])
                if app.startswith("XMP Data"):
                    result.removed.append("XMP")
                    result.details.extend(xmp_details(block[14:]))      # raw: its "sub-blocks" are the text
                else:
                    result.removed.append(f"GIF application data ({app.strip()})")
                    result.details.extend(tail_details(payload, f"GIF application data ({app.strip()})"))
            else:
                result.removed.append(f"GIF extension 0x{label:02X}")
        else:
            raise CorruptImage(f"GIF has an unknown block 0x{kind:02X} at offset {pos}")
        pos = end
    result.data = bytes(out)


def gif_block_text(blocks: bytes) -> bytes:
    out, pos = bytearray(), 0
    while pos < len(blocks) and blocks[pos]:
        out += blocks[pos + 1:pos + 1 + blocks[pos]]
        pos += 1 + blocks[pos]
    return bytes(out)


# -- TIFF -----------------------------------------------------------------------------------

# Tags that describe how to lay out and colour the pixels; every other tag is metadata.
TIFF_STRUCTURE = {254, 255, 256, 257, 258, 259, 262, 263, 264, 265, 266, 273, 274, 277, 278, 279, 280,
                  281, 282, 283, 284, 290, 291, 296, 297, 301, 317, 318, 319, 320, 321, 322, 323, 324,
                  325, 332, 334, 338, 339, 340, 341, 347, 512, 513, 514, 515, 517, 518, 519, 520, 521,
                  529, 530, 531, 532, 34675}
TIFF_NAMES = {269: "DocumentName", 270: "ImageDescription", 271: "Make", 272: "Model", 285: "PageName",
              305: "Software", 306: "DateTime", 315: "Artist", 316: "HostComputer", 33432: "Copyright",
              700: "XMP", 33723: "IPTC", 34377: "Photoshop", 34665: "EXIF", 34853: "GPS",
              37724: "Photoshop layers", 40091: "XPTitle", 40092: "XPComment", 40093: "XPAuthor",
              40094: "XPKeywords", 40095: "XPSubject"}
TIFF_LOSSLESS = {"raw", "tiff_lzw", "tiff_adobe_deflate", "tiff_deflate", "packbits", "group3", "group4"}


def strip_tiff(data: bytes, result: StripResult) -> None:
    from slidesan.images.safe_open import UnreadableImage, open_image

    try:
        img = open_image(data, load=False)
        count = getattr(img, "n_frames", 1)
        for index in range(count):                          # first only look: most TIFFs are clean
            img.seek(index)
            for tag in sorted(img.tag_v2):
                if tag not in TIFF_STRUCTURE:
                    name = TIFF_NAMES.get(tag, f"TIFF tag {tag}")
                    if name not in result.removed:
                        result.removed.append(name)
                    result.details.extend(tiff_tag_details(img, tag, name))
        if not result.removed:
            return
        frames = []
        for index in range(count):
            img.seek(index)
            frames.append((img.copy(), dict(img.tag_v2), dict(img.info)))
        result.data = resave_tiff(frames)
        if frame_pixels(open_image(result.data)) != [frame.tobytes() for frame, _tags, _info in frames]:
            raise CorruptImage("TIFF cannot be rewritten without changing its pixels")
    except UnreadableImage as exc:
        raise CorruptImage(f"TIFF {exc}") from None
    except ImageMetadataError:
        raise
    except Exception as exc:  # noqa: BLE001 - Pillow's writers raise many kinds
        raise CorruptImage(f"TIFF cannot be rewritten losslessly ({type(exc).__name__}: {exc})") from None


TIFF_QUOTED = (269, 270, 271, 272, 285, 305, 306, 315, 316, 33432, 40091, 40092, 40093, 40094, 40095)


def tiff_tag_details(img, tag: int, name: str) -> list[str]:
    """What a TIFF metadata tag says, as the JPEG and PNG containers' values are quoted: text tags, the
    XMP packet, the IPTC block and the EXIF directory's own fields (UserComment, owner, unique ID)."""
    value = img.tag_v2[tag]
    if tag in TIFF_QUOTED:
        return [f"{name}: {exif_text(value)}"]
    if tag == 700:
        return xmp_details(value if isinstance(value, bytes) else str(value).encode())
    if tag == 33723:
        return iptc_details(_tag_bytes(img, tag, value))
    if tag == 34665:
        try:
            sub = img.getexif().get_ifd(0x8769)
        except Exception:  # noqa: BLE001 - an unreadable directory is still removed
            return ["EXIF (unparseable)"]
        return [f"{label}: {exif_text(sub[key])}" for key, label in EXIF_SUB.items() if sub.get(key)]
    return []


def _tag_bytes(img, tag: int, value) -> bytes:
    """A block tag's bytes as the file holds them. Photoshop labels the IPTC block LONG, which Pillow
    decodes as numbers and cuts to the one its tag table expects; its raw copy of the tag is whole."""
    raw = getattr(img.tag_v2, "_tagdata", {}).get(tag)
    if isinstance(raw, (bytes, bytearray)):
        return bytes(raw)
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    numbers = value if isinstance(value, (tuple, list)) else (value,)
    try:
        return struct.pack(f"{img.tag_v2._endian}{len(numbers)}I", *numbers)
    except (struct.error, TypeError, AttributeError):
        return b""


def frame_pixels(img) -> list[bytes]:
    out = []
    for index in range(getattr(img, "n_frames", 1)):
        img.seek(index)
        out.append(img.tobytes())
    return out


def resave_tiff(frames) -> bytes:
    """Write the frames again with only structural tags; decoded pixels stay identical."""
    clean = []
    for image, tags, info in frames:
        image.info = {}
        clean.append(image)
    _first, tags, info = frames[0]
    compression = info.get("compression", "raw")
    options = {"compression": compression if compression in TIFF_LOSSLESS else "tiff_lzw"}
    if info.get("icc_profile"):
        options["icc_profile"] = info["icc_profile"]
    if 282 in tags and 283 in tags:
        options["resolution_unit"] = tags.get(296, 2)
        options["x_resolution"], options["y_resolution"] = tags[282], tags[283]
    if tags.get(274, 1) != 1:
        options["tiffinfo"] = {274: tags[274]}
    buf = io.BytesIO()
    clean[0].save(buf, "TIFF", save_all=len(clean) > 1, append_images=clean[1:], **options)
    return buf.getvalue()


# -- WebP -----------------------------------------------------------------------------------

WEBP_KEEP = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}


def strip_webp(data: bytes, result: StripResult) -> None:
    size = min(len(data), 8 + struct.unpack("<I", data[4:8])[0])
    pos, chunks = 12, []
    while pos + 8 <= size:
        ctype, length = struct.unpack("<4sI", data[pos:pos + 8])
        end = pos + 8 + length + (length & 1)
        if pos + 8 + length > size:
            raise CorruptImage(f"WebP chunk {ctype!r} runs past the end of the file (truncated)")
        if ctype in WEBP_KEEP:
            chunks.append(data[pos:min(end, size)])
        else:
            result.removed.append({b"EXIF": "EXIF", b"XMP ": "XMP"}.get(ctype, f"WebP {ctype.decode('latin-1')} chunk"))
            if ctype == b"EXIF":
                result.details.extend(exif_details(data[pos + 8:pos + 8 + length]))
            elif ctype == b"XMP ":
                result.details.extend(xmp_details(data[pos + 8:pos + 8 + length]))
        pos = end
    if len(data) > size:
        result.removed.append(f"{len(data) - size} bytes after the end of the image")
        result.details.extend(tail_details(data[size:]))
    if chunks and chunks[0][:4] == b"VP8X":                # clear the EXIF and XMP flags
        head = bytearray(chunks[0])
        head[8] &= ~0x0C & 0xFF
        chunks[0] = bytes(head)
    body = b"WEBP" + b"".join(chunks)
    result.data = b"RIFF" + struct.pack("<I", len(body)) + body


def strip_jpeg2000(data: bytes, result: StripResult) -> None:
    try:
        result.data = without_metadata(data, result.removed, result.details)
    except (CodestreamUnreadable, struct.error) as exc:
        raise CorruptImage(f"JPEG 2000 {exc}") from None


STRIPPERS = {"JPEG": rebuilt_container, "PNG": rebuilt_container, "GIF": strip_gif, "TIFF": strip_tiff, "WEBP": strip_webp,
             "JPEG2000": strip_jpeg2000}
