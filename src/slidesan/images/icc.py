"""Colour profiles: keep a known standard one (rebuilt from our own bytes), convert the rest to sRGB.

An ICC profile is a container of its own: its description, copyright and any private tag can hold
a name or a path, and a profile is copied from picture to picture by every editor. A profile is
recognised by what it does to colours, never by its description: test colours are sent through it
and through each standard profile made here (sRGB, Display P3, Adobe RGB (1998), and grey with the
sRGB or a 2.2 curve); when they land on the same sRGB values the picture gets our own copy of that
standard profile, which holds nothing but colorimetry. Any other profile is unknown: the pixels
are converted to sRGB and no profile is written (viewers assume sRGB).

    standard_profile(icc) -> StandardProfile | None     our bytes for a recognised profile
    to_srgb(image, icc)   -> image converted, or None when the profile cannot be read
"""

from __future__ import annotations

import functools
import hashlib
import io
import struct

import numpy as np
from PIL import Image, ImageCms

D50 = (0.9642, 1.0, 0.8249)
D65_XY = (0.3127, 0.3290)
SRGB_CURVE = (2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045)     # ICC parametric curve type 3
BRADFORD = np.array([[0.8951, 0.2664, -0.1614], [-0.7502, 1.7135, 0.0367], [0.0389, -0.0685, 1.0296]])
TOLERANCE = 3              # max difference, in 8-bit sRGB levels, between a profile and a standard one


def _s15(value: float) -> bytes:
    return struct.pack(">i", int(round(value * 65536)))


def _xyz_tag(xyz) -> bytes:
    return b"XYZ \x00\x00\x00\x00" + b"".join(_s15(v) for v in xyz)


def _para_tag(curve) -> bytes:
    kind = 0 if len(curve) == 1 else 3
    return b"para\x00\x00\x00\x00" + struct.pack(">HH", kind, 0) + b"".join(_s15(v) for v in curve)


def _mluc_tag(text: str) -> bytes:
    body = text.encode("utf-16-be")
    return b"mluc\x00\x00\x00\x00" + struct.pack(">II", 1, 12) + b"enUS" + struct.pack(">II", len(body), 28) + body


def _xyz_of(xy) -> np.ndarray:
    x, y = xy
    return np.array([x / y, 1.0, (1 - x - y) / y])


def _adaptation(white_xy) -> np.ndarray:
    """Bradford matrix from the profile's white to the ICC's D50 connection space."""
    src, dst = BRADFORD @ _xyz_of(white_xy), BRADFORD @ np.array(D50)
    return np.linalg.inv(BRADFORD) @ np.diag(dst / src) @ BRADFORD


def _colorants(primaries, white_xy) -> np.ndarray:
    """Columns: red, green and blue in XYZ (D50-adapted), as a matrix/TRC profile states them."""
    prim = np.column_stack([_xyz_of(p) for p in primaries])
    scale = np.linalg.solve(prim, _xyz_of(white_xy))
    return _adaptation(white_xy) @ (prim * scale)


def build_profile(description: str, space: bytes, tags: list[tuple[bytes, bytes]]) -> bytes:
    """An ICC v4.3 display profile holding exactly `tags` (4-byte aligned, no private data)."""
    table, body = [], b""
    offset = 128 + 4 + 12 * (len(tags) + 2)
    tags = [(b"desc", _mluc_tag(description)), (b"cprt", _mluc_tag("No copyright, use freely")), *tags]
    for sig, data in tags:
        table.append(struct.pack(">4sII", sig, offset + len(body), len(data)))
        body += data + b"\x00" * (-len(data) % 4)
    size = offset + len(body)
    header = (struct.pack(">I", size) + b"\x00" * 4 + struct.pack(">I", 0x04300000) + b"mntr" + space + b"XYZ "
              + struct.pack(">6H", 2024, 1, 1, 0, 0, 0) + b"acsp" + b"\x00" * 24 + struct.pack(">I", 0)
              + b"".join(_s15(v) for v in D50) + b"\x00" * 48)
    return header + struct.pack(">I", len(tags)) + b"".join(table) + body


def rgb_profile(description: str, primaries, curve, white_xy=D65_XY) -> bytes:
    m = _colorants(primaries, white_xy)
    chad = b"sf32\x00\x00\x00\x00" + b"".join(_s15(v) for v in _adaptation(white_xy).flatten())
    trc = _para_tag(curve)
    return build_profile(description, b"RGB ", [
        (b"wtpt", _xyz_tag(D50)), (b"chad", chad),
        (b"rXYZ", _xyz_tag(m[:, 0])), (b"gXYZ", _xyz_tag(m[:, 1])), (b"bXYZ", _xyz_tag(m[:, 2])),
        (b"rTRC", trc), (b"gTRC", trc), (b"bTRC", trc)])


def grey_profile(description: str, curve) -> bytes:
    return build_profile(description, b"GRAY", [(b"wtpt", _xyz_tag(D50)), (b"kTRC", _para_tag(curve))])


SRGB_PRIMARIES = ((0.64, 0.33), (0.30, 0.60), (0.15, 0.06))
STANDARD_PROFILES = {
    "sRGB": lambda: rgb_profile("sRGB", SRGB_PRIMARIES, SRGB_CURVE),
    "Display P3": lambda: rgb_profile("Display P3", ((0.680, 0.320), (0.265, 0.690), (0.150, 0.060)), SRGB_CURVE),
    "Adobe RGB (1998)": lambda: rgb_profile("Adobe RGB (1998)", ((0.64, 0.33), (0.21, 0.71), (0.15, 0.06)),
                                            (563 / 256,)),
    "sGrey": lambda: grey_profile("sGrey", SRGB_CURVE),
    "Grey gamma 2.2": lambda: grey_profile("Grey gamma 2.2", (2.2,)),
}


@functools.lru_cache(maxsize=None)
def standard_bytes(name: str) -> bytes:
    return STANDARD_PROFILES[name]()


class StandardProfile(str):
    """The name of a recognised standard profile; .data is our own copy of it."""

    @property
    def data(self) -> bytes:
        return standard_bytes(str(self))


def _test_image(space: str) -> Image.Image:
    levels = np.linspace(0, 255, 9).round().astype(np.uint8)
    if space == "L":
        return Image.fromarray(np.arange(256, dtype=np.uint8).reshape(16, 16), "L")
    grid = np.stack(np.meshgrid(levels, levels, levels, indexing="ij"), axis=-1).reshape(27, 27, 3)
    return Image.fromarray(grid, "RGB")


def _profile_space(icc: bytes) -> str | None:
    space = icc[16:20] if len(icc) >= 128 else b""
    return {b"RGB ": "RGB", b"GRAY": "L", b"CMYK": "CMYK"}.get(space)


@functools.lru_cache(maxsize=64)
def _as_srgb(icc: bytes, mode: str) -> bytes | None:
    """Test colours of `mode` sent through the profile to sRGB, as bytes; None when lcms refuses it."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        target = ImageCms.createProfile("sRGB")
        out_mode = "L" if mode == "L" else "RGB"
        if mode == "L":
            target = ImageCms.ImageCmsProfile(io.BytesIO(standard_bytes("sGrey")))
        transform = ImageCms.buildTransform(source, target, mode, out_mode, ImageCms.Intent.RELATIVE_COLORIMETRIC)
        return ImageCms.applyTransform(_test_image(mode), transform).tobytes()
    except Exception:  # noqa: BLE001 - lcms raises PyCMSError, OSError, ValueError on bad profiles
        return None


@functools.lru_cache(maxsize=256)
def _recognise(digest: str, icc: bytes) -> str | None:
    mode = _profile_space(icc)
    if mode not in ("RGB", "L"):
        return None
    seen = _as_srgb(icc, mode)
    if seen is None:
        return None
    got = np.frombuffer(seen, np.uint8).astype(np.int16)
    for name in STANDARD_PROFILES:
        ref_bytes = standard_bytes(name)
        if _profile_space(ref_bytes) != mode:
            continue
        ref = _as_srgb(ref_bytes, mode)
        if ref is not None and np.abs(got - np.frombuffer(ref, np.uint8).astype(np.int16)).max() <= TOLERANCE:
            return name
    return None


def standard_profile(icc: bytes | None) -> StandardProfile | None:
    """The standard profile `icc` behaves as, or None (unknown, unreadable or not RGB/grey)."""
    if not icc:
        return None
    name = _recognise(hashlib.sha256(icc).hexdigest(), bytes(icc))
    return None if name is None else StandardProfile(name)


def is_our_copy(icc: bytes) -> bool:
    """True when `icc` is byte for byte one of the standard profiles made here."""
    return any(icc == standard_bytes(name) for name in STANDARD_PROFILES)


def to_srgb(image: Image.Image, icc: bytes) -> Image.Image | None:
    """The pixels converted from `icc` to sRGB (grey stays grey); None when the profile is unreadable."""
    mode = "L" if image.mode in ("L", "LA") else "RGB"
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if mode == "L":
            target = ImageCms.ImageCmsProfile(io.BytesIO(standard_bytes("sGrey")))
        else:
            target = ImageCms.createProfile("sRGB")
        alpha = image.getchannel("A") if "A" in image.getbands() else None
        base = image.convert("L" if mode == "L" else ("CMYK" if image.mode == "CMYK" else "RGB"))
        converted = ImageCms.profileToProfile(base, source, target, outputMode=mode,
                                              renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    except Exception:  # noqa: BLE001
        return None
    if converted is None:
        return None
    if alpha is not None:
        converted = converted.convert("LA" if mode == "L" else "RGBA")
        converted.putalpha(alpha)
    return converted


def profile_description(icc: bytes) -> str:
    """The profile's own description text, for the report only (never used to recognise it)."""
    return dict(profile_texts(icc)).get("description", "no description")


# Text tags a profile maker (or anyone with a profile editor) fills in freely.
TEXT_TAGS = {b"desc": "description", b"cprt": "copyright", b"dmnd": "device maker", b"dmdd": "device model",
             b"vued": "viewing conditions", b"targ": "characterisation target"}


def profile_texts(icc: bytes) -> list[tuple[str, str]]:
    """(what, text) of every free-text tag of a profile: a calibration tool writes the user's or the
    workstation's name there, and the profile travels inside the picture."""
    found = []
    for sig, offset, size in tag_table(icc):
        if sig in TEXT_TAGS:
            text = tag_text(icc[offset:offset + size])
            if text:
                found.append((TEXT_TAGS[sig], text))
    return found


def tag_table(icc: bytes) -> list[tuple[bytes, int, int]]:
    """(signature, offset, size) of every entry of the profile's tag table, as many as the bytes hold
    (a count that says more is cut there, never capped lower: a text tag listed last is still read)."""
    try:
        count = struct.unpack(">I", icc[128:132])[0]
    except struct.error:
        return []
    count = min(count, max(0, (len(icc) - 132) // 12))
    return [struct.unpack(">4sII", icc[132 + 12 * i:144 + 12 * i]) for i in range(count)]


def tag_text(tag: bytes) -> str:
    """The text of a `desc`, `mluc` or `text` tag (at most 120 characters); '' for any other type."""
    try:
        if tag[:4] == b"desc":
            length = struct.unpack(">I", tag[8:12])[0]
            return tag[12:12 + length].rstrip(b"\x00").decode("latin-1")[:120]
        if tag[:4] == b"mluc":
            length, start = struct.unpack(">II", tag[20:28])
            return tag[start:start + length].decode("utf-16-be", "replace").rstrip("\x00")[:120]
        if tag[:4] == b"text":
            return tag[8:].rstrip(b"\x00").decode("latin-1")[:120]
    except (struct.error, IndexError):
        pass
    return ""


def blank_profile_texts(icc: bytes) -> bytes:
    """The profile with every free-text tag's characters turned to spaces, in place: same length, same
    tag table, same colour transform; only what a person typed is gone. Used where a profile is kept
    (a PDF's /ICCBased colour space), not replaced."""
    out = bytearray(icc)
    for sig, offset, size in tag_table(icc):
        if sig in TEXT_TAGS and offset + size <= len(icc):
            blank_tag(out, offset, size)
    return bytes(out)


def blank_tag(out: bytearray, offset: int, size: int) -> None:
    """A text tag's characters turned to spaces in place: same length, same table."""
    kind, end = bytes(out[offset:offset + 4]), offset + size
    if kind == b"text":
        _fill(out, offset + 8, end, b" ", keep_last_nul=True)
    elif kind == b"desc":
        length = struct.unpack(">I", out[offset + 8:offset + 12])[0]
        ascii_end = min(end, offset + 12 + length)
        _fill(out, offset + 12, ascii_end, b" ", keep_last_nul=True)
        if ascii_end + 8 <= end:
            units = struct.unpack(">I", out[ascii_end + 4:ascii_end + 8])[0]
            _fill(out, ascii_end + 8, min(end, ascii_end + 8 + 2 * units), b"\x00 ")
    elif kind == b"mluc" and offset + 16 <= end:
        records, record_size = struct.unpack(">II", out[offset + 8:offset + 16])
        for r in range(min(records, 64)):
            at = offset + 16 + r * record_size
            if at + 12 > end:
                break
            length, start = struct.unpack(">II", out[at + 4:at + 12])
            _fill(out, offset + start, min(end, offset + start + length), b"\x00 ")


def _fill(out: bytearray, start: int, end: int, unit: bytes, keep_last_nul: bool = False) -> None:
    if end <= start:
        return
    last = out[end - 1] if keep_last_nul else None
    span = end - start
    out[start:end] = (unit * (span // len(unit) + 1))[:span]
    if keep_last_nul and last == 0:
        out[end - 1] = 0
