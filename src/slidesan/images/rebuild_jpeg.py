"""A JPEG rebuilt through an allow-list of segments, re-encoded only when the pixels need it.

Decoding a JPEG needs its tables (DQT, DHT, DAC), frame and scan headers (SOFn, SOS, DRI, DNL)
and the entropy-coded data; a viewer also uses the JFIF and Adobe headers (density, colour
transform) and a colour profile. Those are parsed and written again from their values, in a
fixed order: JFIF is 14 bytes (no thumbnail), Adobe is 12 (no extra payload), the EXIF
orientation alone gets a fresh APP1 of our own, and a colour profile is our copy of a standard one.
Everything else (EXIF, XMP, comments, vendor APPn, bytes after the end of the image, fill bytes)
is left out. The scan data is copied byte for byte, so no quality is lost, unless the profile is
unknown (the pixels are converted to sRGB) or a table segment is malformed: then the picture is
re-encoded with its own quantisation tables and chroma subsampling.

A scan's coded data can run on past its last block: text written before the end-of-image marker,
or the rows of a picture whose frame header was made shorter (the original's name band still coded,
shown by any tool that puts the height back). The decoder never reads those bytes: they are found
where changing them changes no pixel (`trim_unread_coded_data`), quoted for a check, and such a
picture is written afresh from its shown pixels, because the last block row the decoder does read
still codes up to 15 rows under a shortened frame's edge.

Known limit: bytes skipped before a restart marker inside a scan, and unused symbols in a Huffman
table, are copied with the scan; only a lossless transcoder (jpegtran) would rewrite those.
"""

from __future__ import annotations

import io
import re
import struct
from dataclasses import dataclass, field

from PIL import Image

from slidesan.images.metadata import (
    COM, EOI, NEXT_MARKER, SOI, SOS, STANDALONE, CorruptImage, clip, exif_details, iptc_details, jpeg_segment_name,
    tail_details, xmp_details,
)

SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
DHT, DAC, DQT, DRI, DNL = 0xC4, 0xCC, 0xDB, 0xDD, 0xDC
DECODING = SOF | {DHT, DAC, DQT, DRI, DNL, SOS}
ICC_ID = b"ICC_PROFILE\x00"
UNKNOWN_PROFILE = "unknown colour profile"


@dataclass
class ParsedJpeg:
    segments: list = field(default_factory=list)   # (marker, payload, entropy bytes after it)
    jfif: bytes | None = None                       # canonical 14-byte JFIF payload
    adobe: bytes | None = None                      # canonical 12-byte Adobe payload
    icc_chunks: list = field(default_factory=list)
    orientation: int = 1
    removed: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    malformed: str | None = None
    unread: list = field(default_factory=list)      # coded bytes no decoder reads, cut from their scans

    @property
    def icc(self) -> bytes | None:
        if not self.icc_chunks:
            return None
        return b"".join(chunk for _seq, chunk in sorted(self.icc_chunks, key=lambda c: c[0]))


def exact_length(marker: int, payload: bytes) -> bool:
    """The payload is exactly the structure the marker defines: nothing rides along."""
    n = len(payload)
    try:
        if marker in SOF:
            return n >= 6 and n == 6 + 3 * payload[5]
        if marker == SOS:
            return n >= 1 and n == 4 + 2 * payload[0]
        if marker in (DRI, DNL):
            return n == 2
        if marker == DAC:
            return n % 2 == 0
        if marker == DQT:
            pos = 0
            while pos < n:
                precision, table = payload[pos] >> 4, payload[pos] & 15
                if precision > 1 or table > 3:
                    return False
                pos += 1 + 64 * (precision + 1)
            return pos == n
        if marker == DHT:
            pos = 0
            while pos < n:
                if payload[pos] >> 4 > 1 or payload[pos] & 15 > 3 or pos + 17 > n:
                    return False
                count = sum(payload[pos + 1:pos + 17])
                symbols = payload[pos + 17:pos + 17 + count]
                if count > 256 or len(set(symbols)) != count:
                    return False
                pos += 17 + count
            return pos == n
    except IndexError:
        return False
    return False


def note_dropped(parsed: ParsedJpeg, marker: int, payload: bytes) -> None:
    name = jpeg_segment_name(marker, payload)
    parsed.removed.append(name)
    if name == "EXIF":
        parsed.details.extend(exif_details(payload))
    elif name in ("XMP", "extended XMP"):
        parsed.details.extend(xmp_details(payload.split(b"\x00", 1)[-1]))
    elif name == "JPEG comment":
        parsed.details.append(f"comment: {clip(payload)}")
    elif name == "Photoshop/IPTC":
        parsed.details.extend(iptc_details(payload))


def read_orientation(payload: bytes) -> int:
    try:
        exif = Image.Exif()
        exif.load(payload)
        value = int(exif.get(0x0112, 1))
        return value if 1 <= value <= 8 else 1
    except Exception:  # noqa: BLE001 - a broken EXIF block carries no orientation worth keeping
        return 1


def keep_app(parsed: ParsedJpeg, marker: int, payload: bytes) -> None:
    """APP0 JFIF, APP2 ICC and APP14 Adobe are re-made from their values; the rest is noted as removed."""
    if marker == 0xE0 and payload.startswith(b"JFIF\x00") and len(payload) >= 14 and parsed.jfif is None:
        parsed.jfif = payload[:12] + b"\x00\x00"
        if len(payload) > 14:
            parsed.removed.append("JFIF thumbnail" if payload[12:14] != b"\x00\x00" else "JFIF extra bytes")
        return
    if marker == 0xEE and payload.startswith(b"Adobe") and len(payload) >= 12 and parsed.adobe is None:
        parsed.adobe = b"Adobe" + struct.pack(">HHH", 100, 0, 0) + bytes((min(payload[11], 2),))
        if payload[5:11] != struct.pack(">HHH", 100, 0, 0) or len(payload) > 12:
            parsed.removed.append("Adobe APP14 extra payload")
        return
    if marker == 0xE2 and payload.startswith(ICC_ID) and len(payload) > 14:
        parsed.icc_chunks.append((payload[12], payload[14:]))
        return
    if marker == 0xE1 and payload.startswith(b"Exif\x00"):
        parsed.orientation = read_orientation(payload)
    note_dropped(parsed, marker, payload)


def parse_jpeg(data: bytes) -> ParsedJpeg:
    parsed = ParsedJpeg()
    pos, size = 2, len(data)
    while True:
        if pos >= size:
            raise CorruptImage("JPEG ends before its end-of-image marker (truncated)")
        if data[pos] != 0xFF:
            raise CorruptImage(f"JPEG has garbage where a marker should be (offset {pos})")
        while pos < size and data[pos] == 0xFF:
            pos += 1
        if pos >= size:
            raise CorruptImage("JPEG ends inside a marker (truncated)")
        marker = data[pos]
        pos += 1
        if marker == EOI:
            if pos < size:
                parsed.removed.append(f"{size - pos} bytes after the end of the image")
                parsed.details.extend(tail_details(data[pos:]))
            return parsed
        if marker in STANDALONE or marker in (SOI, 0x00):
            raise CorruptImage(f"JPEG has an unexpected marker 0xFF{marker:02X} at offset {pos - 2}")
        if pos + 2 > size:
            raise CorruptImage("JPEG ends inside a segment header (truncated)")
        end = pos + struct.unpack(">H", data[pos:pos + 2])[0]
        if end < pos + 2 or end > size:
            raise CorruptImage(f"JPEG segment 0xFF{marker:02X} runs past the end of the file (truncated)")
        payload = data[pos + 2:end]
        pos = end
        if marker in DECODING:
            if not exact_length(marker, payload):
                parsed.malformed = f"segment 0xFF{marker:02X} holds more or less than its tables"
            entropy = b""
            if marker == SOS:
                found = NEXT_MARKER.search(data, pos)
                if found is None:
                    raise CorruptImage("JPEG ends inside the image data (truncated)")
                entropy, pos = data[pos:found.start()], found.start()
            parsed.segments.append((marker, payload, entropy))
        elif 0xE0 <= marker <= 0xEF or marker == COM:
            keep_app(parsed, marker, payload)
        else:
            parsed.removed.append(f"JPEG segment 0xFF{marker:02X}")


def segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def orientation_exif(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    return exif.tobytes()          # "Exif\0\0" and one IFD with one tag: nothing else can ride along


def assemble(parsed: ParsedJpeg, icc: bytes | None, orientation: int) -> bytes:
    out = bytearray(b"\xff\xd8")
    if parsed.jfif is not None:
        out += segment(0xE0, parsed.jfif)
    if orientation != 1:
        out += segment(0xE1, orientation_exif(orientation))
    if icc:
        step = 65519 - 14
        chunks = [icc[i:i + step] for i in range(0, len(icc), step)]
        for seq, chunk in enumerate(chunks, start=1):
            out += segment(0xE2, ICC_ID + bytes((seq, len(chunks))) + chunk)
    if parsed.adobe is not None:
        out += segment(0xEE, parsed.adobe)
    for marker, payload, entropy in parsed.segments:
        out += segment(marker, payload) + entropy
    out += b"\xff\xd9"
    return bytes(out)


def reencode(data: bytes, image: Image.Image) -> bytes:
    """Pixels written again with the source's quantisation tables and chroma subsampling."""
    from PIL import JpegImagePlugin

    from slidesan.images.safe_open import open_image

    source = open_image(data)
    params: dict = {"quality": 95}
    if getattr(source, "quantization", None) and image.mode in ("L", "RGB") and (
            len(source.quantization) <= 2 or image.mode == source.mode):
        params = {"qtables": source.quantization}
    sampling = JpegImagePlugin.get_sampling(source)
    if sampling != -1 and image.mode == "RGB":
        params["subsampling"] = sampling
    if source.info.get("progressive"):
        params["progressive"] = True
    buf = io.BytesIO()
    image.save(buf, "JPEG", **params)
    return buf.getvalue()


def rebuild_jpeg(data: bytes, result) -> None:
    """Fill `result` (images/rebuild.Rebuilt): data, removed, details, changes, reencoded."""
    from slidesan.images.icc import is_our_copy
    from slidesan.images.safe_open import UnreadableImage, open_image
    from slidesan.images.shown_pixels import colour_policy

    parsed = parse_jpeg(data)
    result.removed += parsed.removed
    result.details += parsed.details
    icc = parsed.icc
    pixels_needed = parsed.malformed
    shown_icc = None
    if icc:
        from slidesan.images.icc import standard_profile

        standard = standard_profile(icc)
        if standard is not None:
            shown_icc = standard.data
            if not is_our_copy(icc):
                result.changes.append(f"colour profile replaced by slidesan's copy of standard {standard}")
        else:
            pixels_needed = pixels_needed or UNKNOWN_PROFILE
    if not pixels_needed:
        unread = trim_unread_coded_data(parsed, shown_icc)
        if not unread:
            result.data = assemble(parsed, shown_icc, parsed.orientation)
            return
        # Coded data ran past what the decoder reads: the frame may have been made shorter, and the
        # last block row it still reads holds rows under the new edge. Written afresh from the shown
        # pixels, nothing of those rows is left.
        result.removed.append(f"{unread} bytes of coded data the decoder never reads")
        result.details.extend(unread_details(parsed))
        pixels_needed = "its coded data ran past what the decoder reads"
    try:
        image = open_image(data)
    except UnreadableImage as exc:
        raise CorruptImage(f"JPEG {exc}") from None
    if pixels_needed != UNKNOWN_PROFILE:          # that one is said by colour_policy below
        result.changes.append(f"re-encoded: {pixels_needed}")
    shown = colour_policy(image, icc)
    result.changes += shown.changes
    encoded = reencode(data, shown.image if shown.image.mode in ("L", "RGB", "CMYK") else shown.image.convert("RGB"))
    result.reencoded = True
    result.data = assemble(parse_jpeg(encoded), shown.icc, parsed.orientation)


# -- coded data past the last block ---------------------------------------------------------------

UNREAD_SLACK = 16     # bytes changed at a scan's end to ask whether the decoder reads them at all: a few
                      # final bytes of an ordinary scan can sometimes be changed unseen; a name needs more
RESTART = re.compile(rb"\xff[\xd0-\xd7]")


def trim_unread_coded_data(parsed: ParsedJpeg, icc: bytes | None) -> int:
    """Cut every scan's coded data where the decoder stops reading it; returns the bytes cut (kept in
    parsed.unread for the report). Bytes are unread when changing them changes no pixel: each is
    replaced by another value, not cut, because a decoder short of data fills in zeros, which can
    happen to decode as the real bits did (the last refinement bits of a progressive scan). A scan
    whose last UNREAD_SLACK bytes are read (every ordinary JPEG) costs one decode."""
    from slidesan.images.safe_open import UnreadableImage, open_image

    def pixels(segments) -> bytes | None:
        trial = ParsedJpeg(segments=whole_blocks(segments), jfif=parsed.jfif, adobe=parsed.adobe)
        try:
            return open_image(assemble(trial, icc, 1)).tobytes()
        except UnreadableImage:
            return None

    reference = pixels(parsed.segments)
    if reference is None:
        return 0
    cut = 0
    for index, (marker, payload, entropy) in enumerate(parsed.segments):
        restart = max((m.end() for m in RESTART.finditer(entropy)), default=0)
        if marker != SOS or len(entropy) - restart <= UNREAD_SLACK:
            continue

        def unread_from(length: int, replaced: bool = True) -> bool:
            segments = list(parsed.segments)
            segments[index] = (marker, payload, entropy[:length] + (other_bytes(entropy[length:]) if replaced else b""))
            return pixels(segments) == reference

        if not unread_from(len(entropy) - UNREAD_SLACK):
            continue
        low, high = restart, len(entropy) - UNREAD_SLACK
        while low < high:
            middle = (low + high) // 2
            if unread_from(middle):
                high = middle
            else:
                low = middle + 1
        if not unread_from(low, replaced=False):
            continue
        parsed.unread.append(entropy[low:])
        parsed.segments[index] = (marker, payload, entropy[:low])
        cut += len(entropy) - low
    return cut


def whole_blocks(segments: list) -> list:
    """The segments with the frame's size rounded up to whole MCUs, for comparing decodes: the blocks
    past the picture's edge in its last MCU row and column are coded and read, only not shown, so
    changing their bytes must change pixels too (else the end of every such picture reads as unread)."""
    out = []
    for marker, payload, entropy in segments:
        if marker in SOF and len(payload) >= 6 + 3 * payload[5] and payload[5]:
            factors = payload[6 + 1:6 + 3 * payload[5]:3]
            tall, wide = 8 * max(f & 15 for f in factors), 8 * max(f >> 4 for f in factors)
            height, width = struct.unpack(">HH", payload[1:5])
            if height and tall and wide:
                height, width = -(-height // tall) * tall, -(-width // wide) * wide
                payload = payload[:1] + struct.pack(">HH", min(height, 65535), min(width, 65535)) + payload[5:]
        out.append((marker, payload, entropy))
    return out


def other_bytes(data: bytes) -> bytes:
    """Every byte changed, none made a marker (0xFF): what a decoder that reads them cannot ignore."""
    return bytes((b ^ 0x5A) & 0x7F if b ^ 0x5A == 0xFF else b ^ 0x5A for b in data)


def unread_details(parsed: ParsedJpeg) -> list[str]:
    """What the unread coded bytes say, quoted as bytes after the end of a picture are."""
    return [d for tail in parsed.unread for d in tail_details(tail, "coded data never read")]
