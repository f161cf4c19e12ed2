"""DICOM pixels as pictures a person (or OCR) would see, and pixels written back after redaction.

Burned-in text is read from what a viewer shows, so frames are rendered the way a viewer renders
them: the Modality LUT, then the VOI LUT or window from the header (or the full value range when
there is none), MONOCHROME1 inverted, colour converted to RGB, all scaled to 8 bits. Overlay
planes are rendered separately, white text on black, because the de-identifier removes them and
what they said must be read first. Overlays "embedded" in the unused high bits of Pixel Data
(a retired encoding that some vendors still write, sometimes in a bit other than the one the
header names) are found by looking at every bit above High Bit.

Decoding goes through pydicom's own handlers; a transfer syntax none of the installed handlers
can decode raises `PixelsUnreadable` with one sentence, so the caller reports the instance as
not inspected instead of guessing.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from PIL import Image
from pydicom.dataset import Dataset
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian

from slidesan.dicom import peek

MAX_SAMPLED_FRAMES = 5
MAX_PIXELS = 64_000_000        # same budget as images.safe_open: a header may declare anything
MAX_REDACT_SAMPLES = 512_000_000   # all frames decoded at once to be painted and stored again


class PixelsUnreadable(Exception):
    """The pixel data cannot be decoded here (missing handler, damaged stream, absurd size)."""


@dataclass
class Rendered:
    """One picture to read: a sampled frame or an overlay plane, 8-bit, in image pixel coordinates."""

    label: str            # "frame 1", "overlay 6000", "embedded overlay bit 13"
    image: Image.Image
    frame: int | None     # frame index (0-based) for frames, None for overlays
    kind: str             # "frame" | "overlay" | "embedded-overlay"


def number_of_frames(ds: Dataset) -> int:
    try:
        return max(1, int(peek.value(ds, "NumberOfFrames", 1) or 1))
    except (TypeError, ValueError):
        return 1


def sample_frames(count: int, limit: int = MAX_SAMPLED_FRAMES) -> list[int]:
    """First, last and evenly spaced frames between them (first, middle, last for small counts)."""
    if count <= limit:
        return list(range(count))
    picks = {round(i * (count - 1) / (limit - 1)) for i in range(limit)}
    return sorted(picks)


def _check_size(ds: Dataset) -> None:
    try:
        pixels = int(peek.value(ds, "Rows")) * int(peek.value(ds, "Columns")) \
            * int(peek.value(ds, "SamplesPerPixel", 1) or 1)
    except (AttributeError, TypeError, ValueError):
        raise PixelsUnreadable("pixel data has no usable Rows/Columns") from None
    if pixels <= 0 or pixels > MAX_PIXELS:
        raise PixelsUnreadable(f"frame of {pixels} samples is outside the decoding budget")


def decode_frame(ds: Dataset, index: int, *, correct_unused_bits: bool = True) -> np.ndarray:
    """One frame as stored (after YBR→RGB for colour), or PixelsUnreadable with the reason."""
    from pydicom.pixels import pixel_array

    _check_size(ds)
    native = native_frame(ds, index, correct_unused_bits)
    if native is not None:
        return native
    kwargs = {"index": index} if number_of_frames(ds) > 1 else {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pixel_array(ds, correct_unused_bits=correct_unused_bits, **kwargs)
    except Exception as exc:  # noqa: BLE001 - pydicom raises many kinds; all mean "cannot decode here"
        syntax = _syntax_name(ds)
        text = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise PixelsUnreadable(f"pixel data ({syntax}) cannot be decoded: {text}") from None


_NATIVE_LITTLE_ENDIAN = frozenset({ExplicitVRLittleEndian, ImplicitVRLittleEndian})
_GREY = frozenset({"MONOCHROME1", "MONOCHROME2"})


def native_frame(ds: Dataset, index: int, correct_unused_bits: bool = True) -> np.ndarray | None:
    """What pydicom's decoder returns for the commonest layout (uncompressed little-endian grey frames
    of 8 or 16 bits, every Image Pixel attribute present and plain, the pixel data exactly as long as
    the header says), read directly: the decoder's setup costs a millisecond a slice, reading the
    bytes a few microseconds. None for any other layout (pydicom decodes it, or says why it cannot).
    The array is a writeable copy, and unused high bits are cleared (sign-extended when signed) as
    pydicom clears them; tests/test_dicom_native_frame.py holds both to the same answers."""
    meta = getattr(ds, "file_meta", None)
    if meta is None or meta.get("TransferSyntaxUID") not in _NATIVE_LITTLE_ENDIAN:
        return None
    if "FloatPixelData" in ds or "DoubleFloatPixelData" in ds or "PixelData" not in ds:
        return None
    def get(key, default=None):
        return peek.value(ds, key, default)

    rows, columns, allocated, stored, signed, samples = (get(k) for k in _PIXEL_MODULE)
    frames = get("NumberOfFrames", 1) if "NumberOfFrames" in ds else 1
    if not all(isinstance(v, int) and not isinstance(v, bool)
               for v in (rows, columns, allocated, stored, signed, samples, frames)):
        return None
    if (samples != 1 or allocated not in (8, 16) or not 1 <= stored <= allocated or signed not in (0, 1)
            or not (0 < rows < 1 << 16 and 0 < columns < 1 << 16) or not 0 <= index < frames
            or get("PhotometricInterpretation") not in _GREY):
        return None
    raw = ds.get_item(0x7FE00010)
    data = peek.pixel_bytes(ds)
    length = rows * columns * (allocated // 8)
    if getattr(raw, "length", None) == 0xFFFFFFFF or not isinstance(data, bytes) \
            or len(data) not in (length * frames, length * frames + 1):
        return None
    dtype = np.dtype(("<i" if signed else "<u") + str(allocated // 8))
    arr = np.frombuffer(data, dtype, count=rows * columns, offset=index * length).reshape(rows, columns).copy()
    if correct_unused_bits and stored < allocated:
        np.left_shift(arr, allocated - stored, out=arr)
        np.right_shift(arr, allocated - stored, out=arr)
    return arr


_PIXEL_MODULE = ("Rows", "Columns", "BitsAllocated", "BitsStored", "PixelRepresentation", "SamplesPerPixel")


def _syntax_name(ds: Dataset) -> str:
    meta = getattr(ds, "file_meta", None)
    syntax = meta.get("TransferSyntaxUID") if meta is not None else None
    return getattr(syntax, "name", None) or str(syntax or "unknown transfer syntax")


def to_display(ds: Dataset, arr: np.ndarray) -> Image.Image:
    """An 8-bit picture of one decoded frame as a viewer would show it."""
    photometric = str(ds.get("PhotometricInterpretation", "MONOCHROME2") or "MONOCHROME2").upper()
    if arr.ndim == 3:                                   # colour (pydicom already gave RGB)
        if arr.dtype != np.uint8:
            arr = _scale(arr.astype(np.float64), float(arr.min()), float(arr.max()))
        return Image.fromarray(np.ascontiguousarray(arr[..., :3]), "RGB")
    if photometric == "PALETTE COLOR":
        try:
            from pydicom.pixels import apply_color_lut
            rgb = apply_color_lut(arr, ds)
            return to_display(Dataset(), (rgb >> 8).astype(np.uint8) if rgb.dtype != np.uint8 else rgb)
        except Exception:  # noqa: BLE001 - fall back to grey levels of the indices
            pass
    values = _voi(ds, arr)
    low, high = float(values.min()), float(values.max())
    grey = _scale(values, low, high)
    if photometric == "MONOCHROME1":
        grey = 255 - grey
    return Image.fromarray(grey, "L")


def _voi(ds: Dataset, arr: np.ndarray) -> np.ndarray:
    """Modality LUT, then the header's VOI LUT or window; the raw range when they are missing or odd."""
    from pydicom.pixels import apply_modality_lut, apply_voi_lut

    values = arr.astype(np.float64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            values = apply_modality_lut(arr, ds).astype(np.float64)
        except Exception:  # noqa: BLE001 - a damaged rescale only costs contrast
            pass
        if "VOILUTSequence" in ds or "WindowCenter" in ds:
            try:
                windowed = apply_voi_lut(values, ds, index=0).astype(np.float64)
                if float(windowed.max()) > float(windowed.min()):
                    return windowed
            except Exception:  # noqa: BLE001
                pass
    return values


def _scale(values: np.ndarray, low: float, high: float) -> np.ndarray:
    if high <= low:
        return np.zeros(values.shape, np.uint8)
    return np.clip((values - low) * (255.0 / (high - low)), 0, 255).astype(np.uint8)


def render_frames(ds: Dataset, frames: list[int]) -> list[Rendered]:
    total = number_of_frames(ds)
    out = []
    for index in frames:
        image = to_display(ds, decode_frame(ds, index))
        label = f"frame {index + 1} of {total}" if total > 1 else "image"
        out.append(Rendered(label, image, index, "frame"))
    return out


def _bitmap_image(bits: np.ndarray, rows: int, columns: int, origin=(1, 1)) -> Image.Image:
    """White-on-black 8-bit picture of an overlay bitmap, placed at its origin in image pixels."""
    canvas = np.zeros((rows, columns), np.uint8)
    top, left = int(origin[0]) - 1, int(origin[1]) - 1
    height, width = bits.shape
    src_top, src_left = max(0, -top), max(0, -left)
    dst_top, dst_left = max(0, top), max(0, left)
    h = min(height - src_top, rows - dst_top)
    w = min(width - src_left, columns - dst_left)
    if h > 0 and w > 0:
        canvas[dst_top:dst_top + h, dst_left:dst_left + w] = \
            (bits[src_top:src_top + h, src_left:src_left + w] != 0) * 255
    return Image.fromarray(canvas, "L")


def overlay_planes(ds: Dataset) -> list[Rendered]:
    """Every (60xx,3000) Overlay Data plane (first frame of each), rendered white on black."""
    from pydicom.overlays import get_overlay_array

    out = []
    rows, columns = int(ds.get("Rows", 0) or 0), int(ds.get("Columns", 0) or 0)
    for group in range(0x6000, 0x6020, 2):
        if (group << 16 | 0x3000) not in ds:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                bits = get_overlay_array(ds, group)
        except Exception:  # noqa: BLE001 - a damaged plane: reported by the caller as not read
            out.append(Rendered(f"overlay {group:04X} (could not be decoded)", Image.new("L", (1, 1)), None,
                                "overlay-unreadable"))
            continue
        if bits.ndim == 3:
            bits = bits[0]
        origin = ds.get(group << 16 | 0x0050)
        origin = origin.value if origin is not None and origin.value and len(origin.value) == 2 else (1, 1)
        height = rows or bits.shape[0]
        width = columns or bits.shape[1]
        out.append(Rendered(f"overlay {group:04X}", _bitmap_image(bits, height, width, origin), None, "overlay"))
    return out


def embedded_overlay_bits(ds: Dataset, raw: np.ndarray) -> list[int]:
    """Bits above High Bit that are set anywhere in a grey frame: retired embedded overlays."""
    if raw.ndim != 2 or raw.dtype.kind not in "ui":
        return []
    allocated = int(ds.get("BitsAllocated", 16) or 16)
    high_bit = int(ds.get("HighBit", int(ds.get("BitsStored", allocated) or allocated) - 1))
    if high_bit + 1 >= allocated:
        return []
    view = raw.view(f"u{raw.dtype.itemsize}")
    return [bit for bit in range(high_bit + 1, allocated) if np.any((view >> bit) & 1)]


def embedded_overlays(ds: Dataset, frame: int = 0) -> list[Rendered]:
    """Renders of the unused high bits that hold something, read from the pixels before pydicom masks them."""
    if int(ds.get("SamplesPerPixel", 1) or 1) != 1 or int(ds.get("BitsAllocated", 8) or 8) <= 8:
        return []
    raw = decode_frame(ds, frame, correct_unused_bits=False)
    out = []
    for bit in embedded_overlay_bits(ds, raw):
        bits = (raw.view(f"u{raw.dtype.itemsize}") >> bit) & 1
        out.append(Rendered(f"overlay in unused pixel bit {bit}", _bitmap_image(bits, *raw.shape),
                            None, "embedded-overlay"))
    return out


# -- writing pixels back -------------------------------------------------------------------------

def black_value(ds: Dataset, frame: np.ndarray):
    """The stored value a viewer shows as black in this frame: the darkest value present."""
    if frame.ndim == 3:
        return 0
    photometric = str(ds.get("PhotometricInterpretation", "") or "").upper()
    return frame.max() if photometric == "MONOCHROME1" else frame.min()


def paint_and_store(ds: Dataset, boxes: list[tuple[int, int, int, int]], pad: int = 2) -> int:
    """Black out `boxes` in every frame, drop unused high bits, store uncompressed; frames painted.

    Boxes come from sampled frames but are painted in all of them (burned-in text sits in the same
    place on every frame). Compressed input becomes Explicit VR Little Endian (lossless from the
    decoded values); uncompressed input keeps its transfer syntax. Colour is stored as RGB.
    """
    count = number_of_frames(ds)
    _check_size(ds)
    samples = int(ds.Rows) * int(ds.Columns) * int(ds.get("SamplesPerPixel", 1) or 1)
    if samples * count > MAX_REDACT_SAMPLES:
        raise PixelsUnreadable(f"{count} frames are too many to redact in memory")
    frames = []
    for index in range(count):
        arr = np.array(decode_frame(ds, index), copy=True)
        value = black_value(ds, arr)
        height, width = arr.shape[:2]
        for left, top, right, bottom in boxes:
            arr[max(0, top - pad):min(height, bottom + pad + 1), max(0, left - pad):min(width, right + pad + 1)] = value
        frames.append(arr)
    stack = frames[0] if count == 1 else np.stack(frames)
    _store(ds, stack)
    return count


def _store(ds: Dataset, arr: np.ndarray) -> None:
    meta = ds.file_meta
    syntax = meta.get("TransferSyntaxUID")
    colour = arr.shape[-1] == 3 and int(ds.get("SamplesPerPixel", 1) or 1) == 3
    if syntax is None or syntax.is_compressed or not syntax.is_little_endian:
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds.is_little_endian, ds.is_implicit_VR = True, False
    if colour:
        ds.PhotometricInterpretation = "RGB"
        ds.PlanarConfiguration = 0
    stored = arr.astype(arr.dtype.newbyteorder("<"), copy=False)
    ds.PixelData = stored.tobytes()
    ds["PixelData"].VR = "OW" if stored.dtype.itemsize > 1 else "OB"
    if "NumberOfFrames" in ds or arr.ndim == (4 if colour else 3):
        ds.NumberOfFrames = number_of_frames(ds)
    for tag in ("ExtendedOffsetTable", "ExtendedOffsetTableLengths"):
        if tag in ds:
            del ds[tag]
