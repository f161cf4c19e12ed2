"""A PNG rebuilt from a fixed list of chunks, its image data proven to be the image and nothing more.

Kept, re-made from their values: IHDR, gAMA, cHRM, sRGB, sBIT, pHYs (each checked for its size and
a plausible range), iCCP (only our copy of a standard profile), tRNS (a colour key for grey or
RGB), IDAT, IEND. Everything else goes: text, EXIF, time, private chunks, bytes after IEND, and the
APNG animation (acTL/fcTL/fdAT), because PowerPoint shows only the still image.

The IDAT chunks are copied as they are only when inflating them gives exactly the bytes the header
promises (no data after the zlib stream, no extra rows) and nothing is hidden in the pixels:
an indexed picture (palette tricks), an interlaced or sub-byte grey one (padding bits), colour under
alpha 0 or an unknown colour profile all make the picture be written afresh from its pixels.
"""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np

from slidesan.images.metadata import PNG_NAMES, CorruptImage, clip, png_chunk_details, tail_details

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
APNG = {b"acTL", b"fcTL", b"fdAT"}
SMALL = (b"gAMA", b"cHRM", b"sRGB", b"pHYs", b"sBIT", b"tRNS")
COLOUR_CHUNKS = (b"gAMA", b"cHRM", b"sRGB")
MAX_PROFILE = 4 << 20


def chunk(ctype: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body) & 0xFFFFFFFF)


def valid_small_chunk(ctype: bytes, body: bytes, colour_type: int) -> bool:
    """Numbers in their range: a 4-byte ASCII word read as a number is far out of every range."""
    n = len(body)
    if ctype == b"gAMA":
        return n == 4 and 1000 <= struct.unpack(">I", body)[0] <= 1_000_000
    if ctype == b"cHRM":
        return n == 32 and all(v <= 100_000 for v in struct.unpack(">8I", body))
    if ctype == b"sRGB":
        return n == 1 and body[0] <= 3
    if ctype == b"pHYs":
        x, y, unit = struct.unpack(">IIB", body) if n == 9 else (0, 0, 9)
        return n == 9 and unit <= 1 and 0 < x <= 1_000_000 and 0 < y <= 1_000_000
    if ctype == b"sBIT":
        return n == {0: 1, 2: 3, 3: 3, 4: 2, 6: 4}.get(colour_type, -1) and all(1 <= v <= 16 for v in body)
    if ctype == b"tRNS":
        return (colour_type == 0 and n == 2) or (colour_type == 2 and n == 6)
    return False


class ParsedPng:
    def __init__(self):
        self.header = b""
        self.small: dict[bytes, bytes] = {}
        self.idat: list[bytes] = []
        self.icc: bytes | None = None
        self.removed: list[str] = []
        self.details: list[str] = []
        self.animated = False
        self.pixels = None            # decoded at full depth by the alpha check, when it ran

    @property
    def width(self):
        return struct.unpack(">I", self.header[0:4])[0]

    @property
    def height(self):
        return struct.unpack(">I", self.header[4:8])[0]

    @property
    def depth(self):
        return self.header[8]

    @property
    def colour_type(self):
        return self.header[9]

    @property
    def interlaced(self):
        return self.header[12] == 1


# Words of the names tools give an embedded profile ("ICC Profile", "Photoshop ICC profile"): a name of
# only these says nothing; any other name is someone's choice and is read like other metadata text.
TOOL_PROFILE_WORDS = {"icc", "profile", "photoshop", "embedded", "colour", "color", "srgb", "rgb", "default"}


def chosen_name(name: bytes) -> bool:
    words = set(name.decode("latin-1").casefold().replace("_", " ").split())
    return bool(words) and not words <= TOOL_PROFILE_WORDS


def read_profile(body: bytes, parsed: ParsedPng) -> None:
    name, _, rest = body.partition(b"\x00")
    if chosen_name(name):    # written as "ICC profile" whatever it said; a check reads what it said
        parsed.details.append(f"colour profile name: {clip(name)}")
    try:
        inflater = zlib.decompressobj()
        parsed.icc = inflater.decompress(rest[1:], MAX_PROFILE)
    except zlib.error:
        parsed.removed.append("unreadable iCCP colour profile")


def parse_png(data: bytes) -> ParsedPng:
    parsed = ParsedPng()
    pos, size = 8, len(data)
    while True:
        if pos + 8 > size:
            raise CorruptImage("PNG ends before its IEND chunk (truncated)")
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        end = pos + 12 + length
        if end > size:
            raise CorruptImage(f"PNG chunk {ctype!r} runs past the end of the file (truncated)")
        body = data[pos + 8:pos + 8 + length]
        pos = end
        if ctype == b"IHDR":
            if length != 13 or parsed.header:
                raise CorruptImage("PNG header chunk is malformed")
            parsed.header = body
        elif ctype == b"IDAT":
            parsed.idat.append(body)
        elif ctype == b"IEND":
            if pos < size:
                parsed.removed.append(f"{size - pos} bytes after the end of the image")
                parsed.details.extend(tail_details(data[pos:]))
            break
        elif ctype == b"PLTE":
            pass                                       # indexed pictures are expanded, never copied
        elif ctype == b"iCCP" and parsed.icc is None:
            read_profile(body, parsed)
        elif ctype in APNG:
            parsed.animated = True
        elif ctype in SMALL:
            if parsed.header and parsed.colour_type == 3 and ctype in (b"tRNS", b"sBIT"):
                pass                                   # used when the palette is expanded
            elif parsed.header and ctype not in parsed.small and valid_small_chunk(ctype, body, parsed.colour_type):
                parsed.small[ctype] = body
            else:
                parsed.removed.append(f"malformed or repeated PNG {ctype.decode('latin-1')} chunk")
        elif ctype[:1].isupper() or not ctype[:1].isalpha():
            raise CorruptImage(f"PNG has an unknown critical chunk {ctype.decode('latin-1')!r}")
        else:
            parsed.removed.append(PNG_NAMES.get(ctype, f"PNG {ctype.decode('latin-1')} chunk"))
            parsed.details.extend(png_chunk_details(ctype, body))
    if not parsed.header or not parsed.idat:
        raise CorruptImage("PNG has no header or no image data")
    from slidesan.images.safe_open import MAX_PIXELS

    if parsed.width * parsed.height > MAX_PIXELS:       # checked before anything is inflated
        raise CorruptImage(f"PNG declares {parsed.width}x{parsed.height} pixels, over the "
                           f"{MAX_PIXELS // 1_000_000} MP limit")
    if parsed.animated:
        parsed.removed.append("APNG animation frames (PowerPoint shows only the still image)")
    return parsed


MORE_THAN_THE_PICTURE = "image data holds more than the picture"


def pixels_problem(parsed: ParsedPng, data: bytes) -> str | None:
    """Why the image data cannot be copied as it is; None when it provably holds only the image."""
    ct, depth = parsed.colour_type, parsed.depth
    if ct not in CHANNELS:
        return "unknown colour type"
    if ct == 3:
        return "indexed colours"
    if parsed.interlaced:
        return "interlaced"
    if depth < 8:
        return "sub-byte samples"
    row = 1 + parsed.width * CHANNELS[ct] * depth // 8
    expected = row * parsed.height
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(b"".join(parsed.idat), expected + 1)
    except zlib.error:
        raise CorruptImage("PNG image data does not inflate") from None
    if len(raw) > expected or inflater.unused_data or inflater.unconsumed_tail:
        return MORE_THAN_THE_PICTURE
    if len(raw) < expected or not inflater.eof:
        return "image data shorter than the picture"
    filters = np.frombuffer(raw, np.uint8)[::row]
    if filters.max(initial=0) > 4:
        return "unknown row filter"
    if ct in (4, 6) and alpha_hides_colour(data, parsed):
        return "colour under transparent pixels"
    return None


def decode_any_depth(data: bytes) -> np.ndarray:
    """Pixels at their own depth (OpenCV keeps 16-bit colour, which Pillow narrows to 8 bits)."""
    import cv2

    arr = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    if arr is None:
        raise CorruptImage("PNG cannot be decoded")
    return arr


def alpha_hides_colour(data: bytes, parsed: ParsedPng) -> bool:
    """Decoded once here; encode_afresh reuses the pixels (parsed.pixels) when they must be cleared."""
    from slidesan.images.shown_pixels import hidden_colour_count

    arr = parsed.pixels = decode_any_depth(data)
    return arr.ndim == 3 and arr.shape[2] in (2, 4) and hidden_colour_count(arr) > 0


def assemble(parsed: ParsedPng, icc: bytes | None) -> bytes:
    out = bytearray(SIGNATURE + chunk(b"IHDR", parsed.header))
    for ctype in (b"gAMA", b"cHRM", b"sRGB", b"sBIT"):
        if ctype in parsed.small:
            out += chunk(ctype, parsed.small[ctype])
    if icc:
        out += chunk(b"iCCP", b"ICC profile\x00\x00" + zlib.compress(icc, 9))
    for ctype in (b"pHYs", b"tRNS"):
        if ctype in parsed.small:
            out += chunk(ctype, parsed.small[ctype])
    for body in parsed.idat:
        out += chunk(b"IDAT", body)
    out += chunk(b"IEND", b"")
    return bytes(out)


def encode_afresh(data: bytes, parsed: ParsedPng, result) -> tuple[bytes, bytes | None]:
    """(PNG bytes written from the shown pixels, our standard profile or None)."""
    from slidesan.images.crop import PNG_LEVEL
    from slidesan.images.icc import standard_profile
    from slidesan.images.safe_open import UnreadableImage, open_image
    from slidesan.images.shown_pixels import cleared_colour, hidden_colour_count, shown_pixels

    if (parsed.depth == 16 and parsed.colour_type in (2, 4, 6)) or (
            parsed.pixels is not None and (not parsed.icc or standard_profile(parsed.icc) is not None)):
        # OpenCV keeps 16-bit samples; with alpha and no profile to convert it also saves a second decode
        import cv2

        arr = parsed.pixels if parsed.pixels is not None else decode_any_depth(data)
        if arr.ndim == 3 and arr.shape[2] in (2, 4):
            cleared = hidden_colour_count(arr)
            if cleared:
                arr = cleared_colour(arr)
                result.changes.append(f"colour under {cleared} transparent or nearly transparent pixels cleared")
        ok, encoded = cv2.imencode(".png", arr, [cv2.IMWRITE_PNG_COMPRESSION, PNG_LEVEL])
        if not ok:
            raise CorruptImage("PNG cannot be written again")
        standard = standard_profile(parsed.icc) if parsed.icc else None
        if parsed.icc and standard is None:
            result.changes.append("unknown colour profile of a 16-bit picture removed (colours not converted)")
        return encoded.tobytes(), (standard.data if standard is not None else None)
    try:
        image = open_image(data)
    except UnreadableImage as exc:
        raise CorruptImage(f"PNG {exc}") from None
    shown = shown_pixels(image, parsed.icc)
    result.changes += shown.changes
    params: dict = {"compress_level": PNG_LEVEL}
    if image.info.get("dpi"):
        params["dpi"] = image.info["dpi"]
    img = shown.image
    if img.mode not in ("1", "L", "LA", "RGB", "RGBA", "I", "I;16"):
        img = img.convert("RGBA" if "A" in img.getbands() else "RGB")
    buf = io.BytesIO()
    img.save(buf, "PNG", **params)
    return buf.getvalue(), shown.icc


def rebuild_png(data: bytes, result) -> None:
    """Fill `result` (images/rebuild.Rebuilt) with the rebuilt PNG and what was left out or changed."""
    from slidesan.images.icc import is_our_copy, standard_profile

    parsed = parse_png(data)
    result.removed += parsed.removed
    result.details += parsed.details
    problem = pixels_problem(parsed, data)
    icc_out = None
    if parsed.icc:
        standard = standard_profile(parsed.icc)
        if standard is None:
            problem = problem or "unknown colour profile"
        else:
            icc_out = standard.data
            if not is_our_copy(parsed.icc):
                result.changes.append(f"colour profile replaced by slidesan's copy of standard {standard}")
    if problem is None:
        result.data = assemble(parsed, icc_out)
        return
    if problem == MORE_THAN_THE_PICTURE:
        # Rows past the header's height (or data after the zlib stream) are shown by any tool that puts
        # the height back, like a JPEG whose frame was made shorter: a hiding place, not a mere re-encode.
        result.removed.append("image data past the picture's last row (rows a changed height would show)")
    elif problem not in ("indexed colours", "colour under transparent pixels", "unknown colour profile"):
        result.changes.append(f"written afresh: {problem}")
    encoded, icc_out = encode_afresh(data, parsed, result)
    result.reencoded = True
    again = parse_png(encoded)
    if not parsed.icc:       # gamma and chromaticities still describe the pixels; a converted profile does not
        again.small.update({k: v for k, v in parsed.small.items() if k in COLOUR_CHUNKS and k not in again.small})
    result.data = assemble(again, icc_out)
