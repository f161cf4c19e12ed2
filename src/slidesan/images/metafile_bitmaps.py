"""The bitmaps an EMF or WMF picture carries, found by walking its records.

A picture pasted as a metafile (copied from a viewer, a Word document, a PDF reader) is often
one bitmap and a few drawing records. Rendering shows only what the metafile draws: a clip rectangle or
a source rectangle can leave the stored bitmap's name band undrawn, yet the file holds every pixel.
So the scan reads each bitmap as stored (scan/picture_views.py), and the last sweep leaves the pixel
bits out of the strings it judges (deck/verify/binary_strings.py), since pixels are not text: a grey
picture stores each pixel as three equal bytes, runs like "pppeee^^^YYY" that read as names.
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
    """The file in pieces with every bitmap's pixel bits left out (what follows the walk kept whole)."""
    bitmaps, end = walk(blob)
    out, kept_from = [], 0
    for bitmap in sorted(bitmaps, key=lambda b: b.bits):
        start, stop = bitmap.bits
        out.append(blob[kept_from:max(kept_from, start)])
        kept_from = max(kept_from, stop)
    return out + [blob[kept_from:]]


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
