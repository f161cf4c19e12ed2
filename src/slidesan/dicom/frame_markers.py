"""Metadata carried inside the compressed frames of Pixel Data.

A DICOM made from a photo or a screen grab (dcmtk's img2dcm, gdcm, a PACS export of a JPEG) keeps the
JPEG's own bytes as the frame, and with them its comment (COM), EXIF, XMP and IPTC segments: a name
typed into the picture's metadata survives every header rule, because the header rules never look
inside Pixel Data. JPEG-LS uses the same marker syntax, and a JPEG 2000 codestream has comment
segments (COM) in its main header and in each tile-part's header. These segments carry nothing a decoder needs: they are taken out
of every frame, the coded image data is copied byte for byte, and the frames are encapsulated again
(with a fresh offset table). JFIF and Adobe APP14 segments stay (density and colour transform).
"""

from __future__ import annotations

import io
import re
import struct

from slidesan.images.jpeg2000 import J2K_SOC, CodestreamUnreadable, strip_codestream_comments
from slidesan.images.metadata import COM, NEXT_MARKER, SOS
from slidesan.images.rebuild_jpeg import ParsedJpeg, note_dropped
from slidesan.report.model import INFO

PIXEL_DATA = 0x7FE00010
JPEG_SOI = b"\xff\xd8"
JPEG_LS_SOF = 0xF7
# JPEG-LS entropy data escapes 0xFF with a following byte below 0x80; anything from 0x80 up is a marker.
LS_NEXT_MARKER = re.compile(rb"\xff(?=[\x80-\xcf\xd8-\xfe])")


class FrameUnreadable(ValueError):
    """A frame's marker structure could not be followed."""


def strip_frame_markers(ds, run) -> None:
    """Remove comment and APPn segments from every compressed frame of `ds`, reporting what they held."""
    if PIXEL_DATA not in ds or not getattr(ds, "file_meta", None):
        return
    syntax = ds.file_meta.get("TransferSyntaxUID")
    if syntax is None or not syntax.is_encapsulated:
        return
    from pydicom.encaps import generate_fragments, parse_basic_offsets

    value = ds.get_item(PIXEL_DATA).value            # the raw item bytes: nothing converted unless changed
    try:
        buffer = io.BytesIO(value)
        had_table = bool(parse_basic_offsets(buffer))   # the Basic Offset Table item is not a fragment
        frames = _frames(list(generate_fragments(buffer)))
    except (ValueError, TypeError, struct.error):
        return      # pixel data that cannot be split cannot be decoded either: burned_in reports it not inspected
    parsed, cleaned = ParsedJpeg(), []
    for frame in frames:
        try:
            cleaned.append(_strip(frame, parsed))
        except (FrameUnreadable, IndexError, struct.error):
            cleaned.append(frame)       # a codestream whose markers cannot be followed cannot be decoded
                                        # either: burned_in reports its pixels not inspected
    if parsed.removed:
        _reencapsulate(ds, cleaned, had_table)
    if parsed.removed or parsed.details:
        _report(run, parsed)


def _frames(fragments: list[bytes]) -> list[bytes]:
    """Fragments joined into frames: a new frame starts where a codestream starts (JPEG SOI, J2K SOC)."""
    frames: list[bytearray] = []
    for fragment in fragments:
        if not frames or fragment.startswith(JPEG_SOI) or fragment.startswith(J2K_SOC):
            frames.append(bytearray(fragment))
        else:
            frames[-1] += fragment
    return [bytes(frame) for frame in frames]


def _strip(frame: bytes, parsed: ParsedJpeg) -> bytes:
    if frame.startswith(J2K_SOC):
        return _strip_j2k(frame, parsed)
    if frame.startswith(JPEG_SOI):
        return _strip_jpeg(frame, parsed)
    return frame                      # RLE and other non-marker codings carry no metadata segments


def _strip_jpeg(data: bytes, parsed: ParsedJpeg) -> bytes:
    """JPEG (any process) and JPEG-LS: every APPn but JFIF/Adobe, and every COM, left out."""
    out, pos, size, next_marker = bytearray(JPEG_SOI), 2, len(data), NEXT_MARKER
    while pos < size:
        if data[pos] != 0xFF:
            raise FrameUnreadable(f"no marker at offset {pos}")
        while pos < size and data[pos] == 0xFF:
            pos += 1
        if pos >= size:
            raise FrameUnreadable("ends inside a marker")
        marker = data[pos]
        start = pos - 1
        pos += 1
        if marker == 0xD9:                                   # EOI: whatever follows is not part of the frame
            out += data[start:pos]
            if data[pos:].strip(b"\x00"):
                parsed.removed.append(f"{size - pos} bytes after the end of the image")
            return bytes(out)
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            out += data[start:pos]
            continue
        if pos + 2 > size:
            raise FrameUnreadable("ends inside a segment header")
        end = pos + struct.unpack(">H", data[pos:pos + 2])[0]
        if end < pos + 2 or end > size:
            raise FrameUnreadable(f"segment 0xFF{marker:02X} runs past the end")
        payload = data[pos + 2:end]
        if marker == JPEG_LS_SOF:
            next_marker = LS_NEXT_MARKER
        if (0xE0 <= marker <= 0xEF or marker == COM) and not _kept_app(marker, payload):
            note_dropped(parsed, marker, payload)
            pos = end
            continue
        out += data[start:end]
        pos = end
        if marker == SOS:
            found = next_marker.search(data, pos)
            stop = found.start() if found else size
            out += data[pos:stop]
            pos = stop
    raise FrameUnreadable("no end-of-image marker")


def _kept_app(marker: int, payload: bytes) -> bool:
    return (marker == 0xE0 and payload.startswith(b"JFIF\x00")) or (marker == 0xEE and payload.startswith(b"Adobe"))


def _strip_j2k(data: bytes, parsed: ParsedJpeg) -> bytes:
    try:
        return strip_codestream_comments(data, parsed.removed, parsed.details)
    except CodestreamUnreadable as exc:
        raise FrameUnreadable(str(exc)) from None


def _reencapsulate(ds, frames: list[bytes], had_table: bool) -> None:
    from pydicom.encaps import encapsulate, encapsulate_extended

    if 0x7FE00001 in ds:                       # an Extended Offset Table must describe the new frames
        ds.PixelData, ds.ExtendedOffsetTable, ds.ExtendedOffsetTableLengths = encapsulate_extended(frames)
    else:
        ds.PixelData = encapsulate(frames, has_bot=had_table or len(frames) > 1)
    ds["PixelData"].is_undefined_length = True


def _report(run, parsed: ParsedJpeg) -> None:
    from slidesan.scan.metadata_text import metadata_identifiers

    kinds = ", ".join(dict.fromkeys(parsed.removed))
    unique = list(dict.fromkeys(parsed.details))          # a comment repeated in every tile-part: said once
    details = "; ".join(unique)[:400] or None
    if kinds:
        run.add("image-metadata", INFO, "removed", f"metadata inside the compressed pixel frames removed: {kinds}",
                details)
    for match, severity, label, field in metadata_identifiers(unique):
        run.add(match.category, severity, "removed", f"{label} in the pixel frames' metadata ({field})", match.text)
