"""What a TIFF holds that no reader shows: bytes no directory points to, and image data past the
rows and columns its header declares.

A TIFF is a set of pointers: directories (IFDs) whose entries point to values and to the strips or
tiles of each image. Anything between them is never read by a viewer, yet stays in the file: a name
written into a gap, or the rows of an uncropped original kept in a strip whose ImageLength was made
smaller (any tool that puts the length back shows them). `clean` writes every TIFF afresh from its
shown pixels, so both go; this module lets `check` name them, as BMP gaps and PNG rows past the
height are named (images/rebuild.py, images/rebuild_png.py).

Measured without decoding where the data is uncompressed (a strip's byte count against the rows it
should hold) or Deflate (inflated and compared), and for every compression by counting strips and
tiles against those the dimensions need. Known limit: the last strip of an LZW, PackBits or JPEG TIFF
can code rows past ImageLength unseen here (Pillow stops at the length; clean still drops them).
"""

from __future__ import annotations

import struct
import zlib

from slidesan.images.metadata_quotes import tail_details

TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
IFD_POINTERS = {330, 34665, 34853, 40965}          # SubIFDs, EXIF, GPS, Interoperability
MAX_IFDS = 256
LARGE_GAP = 1024    # binary gaps this large may hold a picture; smaller ones only matter if they read as text
DEFLATE = (8, 32946)


class _Layout:
    def __init__(self, data: bytes):
        self.data = data
        self.order = "<" if data[:2] == b"II" else ">"
        self.used: list[tuple[int, int]] = [(0, 8)]
        self.images: list[dict[int, tuple]] = []

    def unpack(self, fmt: str, at: int) -> tuple:
        return struct.unpack_from(self.order + fmt, self.data, at)

    def read_ifds(self, first: int) -> None:
        todo, seen = [first], set()
        while todo and len(seen) < MAX_IFDS:
            at = todo.pop()
            if at in seen or not 8 <= at < len(self.data) - 2:
                continue
            seen.add(at)
            (count,) = self.unpack("H", at)
            self.used.append((at, 2 + 12 * count + 4))
            tags: dict[int, tuple] = {}
            for i in range(count):
                tag, kind, n = self.unpack("HHI", at + 2 + 12 * i)
                values = self.values(at + 2 + 12 * i + 8, kind, n)
                tags[tag] = values
                if tag in IFD_POINTERS:
                    todo.extend(v for v in values if isinstance(v, int))
            self.images.append(tags)
            (after,) = self.unpack("I", at + 2 + 12 * count)
            if after:
                todo.append(after)

    def values(self, field: int, kind: int, n: int) -> tuple:
        size = TYPE_SIZES.get(kind, 1) * n
        at = field
        if size > 4:
            (at,) = self.unpack("I", field)
            self.used.append((at, size))
        if kind in (3, 4, 13) and at + size <= len(self.data) and n <= 1 << 20:
            return self.unpack(f"{n}{'H' if kind == 3 else 'I'}", at)
        return ()


def hidden_parts(data: bytes) -> tuple[list[str], list[str]]:
    """(removed, details) for a classic TIFF: bytes no directory points to, and strips or tiles
    holding more than the header's rows and columns. ([], []) for what cannot be parsed (Pillow's
    reading decides whether the picture is readable at all) and for BigTIFF."""
    if data[:4] not in (b"II*\x00", b"MM\x00*"):
        return [], []
    layout = _Layout(data)
    try:
        layout.read_ifds(layout.unpack("I", 4)[0])
        removed = [note for tags in layout.images for note in _past_the_picture(data, tags, layout)]
    except struct.error:
        return [], []
    gaps = _gaps(layout.used, len(data))
    details: list[str] = []
    hidden = [(start, end) for start, end in gaps if _may_hide(data[start:end])]
    if hidden:
        removed.append(f"{sum(e - s for s, e in hidden)} bytes no TIFF directory points to")
        for start, end in hidden:
            details.extend(tail_details(data[start:end], "bytes between the TIFF's parts"))
    return removed, details


def _past_the_picture(data: bytes, tags: dict[int, tuple], layout: _Layout) -> list[str]:
    """Strips or tiles (marked used) that hold more than the image's declared size."""
    if tags.get(513) and tags.get(514):                 # an old-style JPEG TIFF's interchange stream
        layout.used.append((tags[513][0], tags[514][0]))
    width, length = (tags.get(256) or (0,))[0], (tags.get(257) or (0,))[0]
    tiled = 324 in tags
    offsets, counts = (tags.get(324), tags.get(325)) if tiled else (tags.get(273), tags.get(279))
    if not offsets or not counts or not width or not length:
        return []
    for start, size in zip(offsets, counts):
        layout.used.append((start, size))
    planes = (tags.get(277) or (1,))[0] if (tags.get(284) or (1,))[0] == 2 else 1
    if tiled:
        tw, tl = (tags.get(322) or (0,))[0], (tags.get(323) or (0,))[0]
        if not tw or not tl:
            return []
        needed = -(-width // tw) * -(-length // tl) * planes
        return [f"{len(offsets) - needed} TIFF tiles past the picture"] if len(offsets) > needed else []
    rows = min((tags.get(278) or (length,))[0], length) or length
    needed = -(-length // rows) * planes
    if len(offsets) > needed:
        return [f"{len(offsets) - needed} TIFF strips past the picture's last row"]
    compression = (tags.get(259) or (1,))[0]
    samples = 1 if planes > 1 else (tags.get(277) or (1,))[0]
    bits = sum((tags.get(258) or (1,))[:samples]) if planes == 1 else (tags.get(258) or (1,))[0]
    row_bytes = -(-width * bits // 8)
    extra = 0
    for index, (start, size) in enumerate(zip(offsets, counts)):
        strip_rows = min(rows, length - (index % (needed // planes)) * rows)
        expected = strip_rows * row_bytes
        if compression == 1 and data[start + expected:start + size].strip(b"\x00"):
            extra += max(0, size - expected)          # zeros past the rows are a writer's padding
        elif compression in DEFLATE:
            extra += _inflated_beyond(data[start:start + size], expected)
    return [f"{extra} bytes of TIFF image data past the picture's last row"] if extra > 0 else []


def _may_hide(gap: bytes) -> bool:
    """Text of four characters or more, or a large binary run. Writers leave word-alignment bytes and
    odd remnants between parts (Pillow's multi-page writer leaves a stray 8-byte header per page)."""
    return bool(tail_details(gap)) or len(gap.strip(b"\x00")) > LARGE_GAP


def _inflated_beyond(strip: bytes, expected: int) -> int:
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(strip, expected + 1)
    except zlib.error:
        return 0                                   # Pillow decides whether the picture decodes
    more = len(raw) - expected
    return max(0, more) + (1 if inflater.unconsumed_tail or inflater.unused_data.strip(b"\x00") else 0)


def _gaps(used: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    gaps, covered = [], 0
    for start, length in sorted(used):
        if start > covered:
            gaps.append((covered, min(start, size)))
        covered = max(covered, start + length)
    if covered < size:
        gaps.append((covered, size))
    return [(s, e) for s, e in gaps if e > s]
