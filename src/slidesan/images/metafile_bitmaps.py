"""The bitmaps an EMF or WMF picture carries, found by walking its records.

A picture pasted as a metafile (copied from a viewer, a Word document, a PDF reader) is often
one bitmap and a few drawing records. Rendering shows only what the metafile draws: a clip rectangle or
a source rectangle can leave the stored bitmap's name band undrawn, yet the file holds every pixel.
So the scan reads each bitmap as stored (scan/picture_views.py), and the last sweep leaves the pixel
bits out of the strings it judges (deck/verify/binary_strings.py), since pixels are not text: a grey
picture stores each pixel as three equal bytes, runs like "pppeee^^^YYY" that read as names.
An EMF written with GDI+ (EMF+, in comment records) stores its pictures as image objects instead: a PNG
or JPEG file, or raw pixels; they are read the same way, and a kind this module cannot turn into a
picture is handed on as bytes no decoder opens, so the scan reports it not inspected.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

# EMF records carrying a device-independent bitmap (MS-EMF 2.3.1 bitmap records, 2.3.7 brush objects):
# the offset, within the record, of each bitmap's offBmi field; cbBmi, offBits and cbBits follow it.
BITMAP_FIELDS = {
    76: (84,), 77: (84,), 114: (84,), 116: (84,),     # BITBLT, STRETCHBLT, ALPHABLEND, TRANSPARENTBLT
    78: (84, 112), 79: (96, 124),                       # MASKBLT, PLGBLT: the source and the mask
    80: (48,), 81: (48,),                               # SETDIBITSTODEVICE, STRETCHDIBITS
    93: (16,), 94: (16,),                               # CREATEMONOBRUSH, CREATEDIBPATTERNBRUSHPT
}
EOF_RECORD = 14
# WMF records carrying a device-independent bitmap (MS-WMF 2.3.1): where, after the record's 6-byte head,
# the DIB starts; a BitBlt or StretchBlt record of the length without a bitmap has none.
WMF_DIB_AT = {0x0940: 22, 0x0B41: 26, 0x0F43: 28, 0x0D33: 24, 0x0142: 10}
WMF_PLACEABLE = b"\xd7\xcd\xc6\x9a"


@dataclass
class StoredBitmap:
    info: tuple[int, int]       # the BITMAPINFO's span in the file
    bits: tuple[int, int]       # the pixel bits' span in the file


def is_emf(blob: bytes) -> bool:
    return blob[:4] == b"\x01\0\0\0" and blob[40:44] == b" EMF"


def is_wmf(blob: bytes) -> bool:
    return blob[:4] in (WMF_PLACEABLE, b"\x01\0\x09\0", b"\x02\0\x09\0")


def is_metafile(blob: bytes) -> bool:
    return is_emf(blob) or is_wmf(blob)


def walk(blob: bytes) -> tuple[list[StoredBitmap], int]:
    """The bitmaps of every record, and where the walk stopped: after the end-of-file record, or at
    the first record that does not fit (what follows is not records the walk can vouch for)."""
    if is_wmf(blob):
        return walk_wmf(blob)
    bitmaps, pos = [], 0
    while pos + 8 <= len(blob):
        kind, size = struct.unpack_from("<II", blob, pos)
        if size < 8 or size % 4 or pos + size > len(blob):
            break
        for field in BITMAP_FIELDS.get(kind, ()):
            if field + 16 > size:
                continue
            info_at, info_len, bits_at, bits_len = struct.unpack_from("<4I", blob, pos + field)
            if bits_len and 8 <= bits_at and bits_at + bits_len <= size and info_at + info_len <= size:
                bitmaps.append(StoredBitmap((pos + info_at, pos + info_at + info_len),
                                            (pos + bits_at, pos + bits_at + bits_len)))
        pos += size
        if kind == EOF_RECORD:
            break
    return bitmaps, pos


def walk_wmf(blob: bytes) -> tuple[list[StoredBitmap], int]:
    bitmaps = []
    pos = 22 if blob[:4] == WMF_PLACEABLE else 0
    if pos + 18 > len(blob):
        return [], pos
    pos += 2 * struct.unpack_from("<H", blob, pos + 2)[0]          # the header's own size, in words
    while pos + 6 <= len(blob):
        words, function = struct.unpack_from("<IH", blob, pos)
        size = 2 * words
        if size < 6 or pos + size > len(blob):
            break
        dib = WMF_DIB_AT.get(function)
        if dib is not None and words != (function >> 8) + 3 and dib + 12 <= size:
            bits = dib_bits_at(blob, pos + dib)
            if bits is not None and bits < pos + size:
                bitmaps.append(StoredBitmap((pos + dib, bits), (bits, pos + size)))
        pos += size
        if function == 0:
            break
    return bitmaps, pos


def dib_bits_at(blob: bytes, start: int) -> int | None:
    """Where a packed DIB's pixel bits begin: after its header, colour table and colour masks."""
    header = struct.unpack_from("<I", blob, start)[0]
    if header == 12:                                                  # BITMAPCOREHEADER: RGB triples
        count = struct.unpack_from("<H", blob, start + 10)[0]
        return start + 12 + (3 << count if count <= 8 else 0)
    if header < 40 or start + 36 > len(blob):
        return None
    count, compression = struct.unpack_from("<HI", blob, start + 14)
    used = struct.unpack_from("<I", blob, start + 32)[0]
    colours = used or (1 << count if count <= 8 else 0)
    masks = {3: 12, 6: 16}.get(compression, 0) if header == 40 else 0
    return start + header + 4 * colours + masks


def without_pixels(blob: bytes) -> list[bytes]:
    """The file in pieces with every bitmap's pixel bits and every EMF+ image object's data left out
    (what follows the walk kept whole); an EMF+ object's own container is for the caller to read
    (plus_images)."""
    spans = [bitmap.bits for bitmap in walk(blob)[0]] + [span for image in plus_images(blob) for span in image.spans]
    out, kept_from = [], 0
    for start, stop in sorted(spans):
        out.append(blob[kept_from:max(kept_from, start)])
        kept_from = max(kept_from, stop)
    return out + [blob[kept_from:]]


# EMF+ (MS-EMFPLUS): records inside EMR_COMMENT records whose data starts with "EMF+"
EMR_COMMENT, EMF_PLUS = 70, b"EMF+"
PLUS_OBJECT, PLUS_IMAGE = 0x4008, 5                 # EmfPlusObject; its ObjectType for an image
PLUS_BITMAP, PLUS_COMPRESSED = 1, 1                 # EmfPlusImage type bitmap; EmfPlusBitmap type compressed
PLUS_PIXELS = {0x0026200A: ("RGBA", "BGRA", 4), 0x00022009: ("RGB", "BGRX", 4), 0x00021808: ("RGB", "BGR", 3)}


@dataclass
class PlusImage:
    data: bytes                     # the image object's data, its pieces joined
    spans: list[tuple[int, int]]    # where those pieces are in the file


def plus_images(blob: bytes) -> list[PlusImage]:
    """Every EMF+ image object, its data gathered over the records that continue it."""
    if not is_emf(blob):
        return []
    done, open_objects, totals = [], {}, {}
    pos = 0
    while pos + 8 <= len(blob):
        kind, size = struct.unpack_from("<II", blob, pos)
        if size < 8 or size % 4 or pos + size > len(blob):
            break
        if kind == EMR_COMMENT and size >= 16 and blob[pos + 12:pos + 16] == EMF_PLUS:
            end = min(pos + size, pos + 12 + struct.unpack_from("<I", blob, pos + 8)[0])
            at = pos + 16
            while at + 12 <= end:
                plus_kind, flags, plus_size, data_size = struct.unpack_from("<HHII", blob, at)
                if plus_size < 12 or at + plus_size > end:
                    break
                if plus_kind == PLUS_OBJECT and (flags >> 8) & 0x7F == PLUS_IMAGE:
                    start, stop = at + 12 + (4 if flags & 0x8000 else 0), at + 12 + min(data_size, plus_size - 12)
                    if flags & 0x8000 and data_size >= 4:       # a continued object says its whole size first
                        totals.setdefault(flags & 0xFF, struct.unpack_from("<I", blob, at + 12)[0])
                    pieces = open_objects.setdefault(flags & 0xFF, [])
                    if start < stop:
                        pieces.append((start, stop))
                    if not flags & 0x8000:          # the last record of this object
                        spans = open_objects.pop(flags & 0xFF)
                        done.append(_gathered(blob, spans, totals.pop(flags & 0xFF, 0)))
                at += plus_size
        pos += size
        if kind == EOF_RECORD:
            break
    done += [_gathered(blob, spans, totals.get(key, 0)) for key, spans in open_objects.items() if spans]
    return done


def _gathered(blob: bytes, spans: list[tuple[int, int]], total: int) -> PlusImage:
    """An object's pieces joined, cut to the size it said it has (records are padded to whole words)."""
    data = b"".join(blob[a:b] for a, b in spans)
    return PlusImage(data[:total] if 0 < total <= len(data) else data, spans)


def plus_image_file(image: PlusImage) -> bytes:
    """The picture an EMF+ image object holds, as a file a decoder opens: the PNG, JPEG... it stores,
    or its raw pixels as a PNG; anything else (a metafile inside, an indexed pixel format) as it is,
    which no decoder opens, so the scan says it was not inspected."""
    data = image.data
    if len(data) < 28 or struct.unpack_from("<I", data, 4)[0] != PLUS_BITMAP:
        return data
    width, height, stride, pixel_format, bitmap_type = struct.unpack_from("<iiiII", data, 8)
    if bitmap_type == PLUS_COMPRESSED:
        return data[28:]
    layout = PLUS_PIXELS.get(pixel_format)
    if layout is None or width <= 0 or height <= 0 or stride < width * layout[2] or len(data) < 28 + stride * height:
        return data
    from io import BytesIO

    from PIL import Image

    picture = Image.frombuffer(layout[0], (width, height), data[28:28 + stride * height], "raw", layout[1], stride, 1)
    out = BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def as_bmp_files(blob: bytes) -> list[bytes]:
    """Each stored bitmap as a BMP file (file header + its BITMAPINFO + its bits), for the decoder."""
    files = []
    for bitmap in walk(blob)[0]:
        info = blob[bitmap.info[0]:bitmap.info[1]]
        bits = blob[bitmap.bits[0]:bitmap.bits[1]]
        if len(info) < 40:
            continue
        files.append(b"BM" + struct.pack("<IHHI", 14 + len(info) + len(bits), 0, 0, 14 + len(info)) + info + bits)
    return files
