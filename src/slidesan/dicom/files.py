"""Reading and writing DICOM files without tracebacks.

Packs contain anything: JPEGs named .dcm, truncated copies, files without the Part 10 preamble,
DICOMDIRs. `read_dicom` either returns a fully parsed dataset or raises a SlidesanError subclass
with one sentence the pack report can show; `write_dicom` writes Part 10 with a zeroed preamble,
explicit file meta and the dataset's own transfer syntax (Pixel Data bytes as read).
"""

from __future__ import annotations

import io
import os
import warnings
from pathlib import Path

import pydicom
from pydicom.datadict import dictionary_VR
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError

from slidesan.errors import SlidesanError

DICOMDIR_SOP_CLASS = "1.2.840.10008.1.3.10"
# Tags at least one of which any real image/object header has; a forced parse of a non-DICOM
# file rarely produces any of them with a sane value.
_ANCHOR_KEYWORDS = ("SOPClassUID", "SOPInstanceUID", "StudyInstanceUID", "Modality", "PatientID")


class NotDicomError(SlidesanError):
    """The file is not DICOM (or too damaged to tell)."""


class TruncatedDicomError(SlidesanError):
    """The file starts as DICOM but ends early."""


class DicomDirError(SlidesanError):
    """The file is a DICOMDIR (a media index): the pack layer drops or regenerates it."""


def _name(source) -> str:
    return Path(source).name if isinstance(source, (str, os.PathLike)) else "the data"


def read_dicom(source, *, name: str | None = None) -> Dataset:
    """Parse a path or bytes completely (Pixel Data left encoded) or raise one clear SlidesanError."""
    label = name or _name(source)
    try:
        data = source if isinstance(source, (bytes, bytearray)) else Path(source).read_bytes()
    except OSError as exc:
        raise SlidesanError(f"{label}: cannot be read ({exc.strerror or exc})") from None
    if len(data) < 8:
        raise NotDicomError(f"{label}: not a DICOM file (only {len(data)} bytes)")
    has_preamble = len(data) >= 132 and data[128:132] == b"DICM"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ds = pydicom.dcmread(io.BytesIO(data), force=not has_preamble)
            _check_last_element(ds, label, has_preamble)
            _load_everything(ds)
        except InvalidDicomError:
            raise NotDicomError(f"{label}: not a DICOM file") from None
        except (EOFError, OSError, ValueError, KeyError, TypeError, OverflowError,
                NotImplementedError, AttributeError, IndexError, UnicodeError) as exc:
            if has_preamble:
                raise TruncatedDicomError(f"{label}: damaged or truncated DICOM ({_short(exc)})") from None
            raise NotDicomError(f"{label}: not a DICOM file") from None
    if _is_dicomdir(ds):
        raise DicomDirError(f"{label}: is a DICOMDIR (media index), not an image; "
                            "it must be dropped or regenerated for the cleaned pack")
    if not has_preamble and not _looks_like_dataset(ds):
        raise NotDicomError(f"{label}: not a DICOM file")
    if len(ds) == 0:
        if has_preamble:
            raise TruncatedDicomError(f"{label}: truncated DICOM (nothing after the file meta)")
        raise NotDicomError(f"{label}: not a DICOM file (no data elements)")
    _check_pixel_length(ds, label)
    return ds


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:100]


def _check_last_element(ds: Dataset, label: str, has_preamble: bool) -> None:
    """pydicom silently returns a short value when the file ends inside the last element."""
    tags = list(ds.keys())
    if not tags:
        return
    raw = ds.get_item(tags[-1])
    length = getattr(raw, "length", None)
    value = getattr(raw, "value", None)
    if isinstance(value, (bytes, bytearray)) and length not in (None, 0xFFFFFFFF) and len(value) < length:
        if not has_preamble:
            raise NotDicomError(f"{label}: not a DICOM file (or a truncated one without its preamble)")
        raise TruncatedDicomError(f"{label}: truncated DICOM (file ends inside its last element)")


def _load_everything(ds: Dataset) -> None:
    """Parse every sequence now so a damaged nested structure fails here, not halfway through
    cleaning. Plain values stay raw (they are decoded only if cleaning touches them, and
    written back byte for byte otherwise), which keeps reading fast."""
    for raw in list(ds.elements()):
        if raw.VR == "SQ" or (raw.VR in (None, "UN") and _dictionary_vr(raw.tag) == "SQ"):
            for item in ds[raw.tag].value:
                _load_everything(item)


def _dictionary_vr(tag: int) -> str | None:
    try:
        return dictionary_VR(tag)
    except KeyError:
        return None


def _is_dicomdir(ds: Dataset) -> bool:
    meta = getattr(ds, "file_meta", None)
    sop = (meta.get("MediaStorageSOPClassUID") if meta is not None else None) or ds.get("SOPClassUID")
    return str(sop or "") == DICOMDIR_SOP_CLASS or "DirectoryRecordSequence" in ds


def _looks_like_dataset(ds: Dataset) -> bool:
    """A file parsed with force=True counts as DICOM only if it has a sane anchor attribute."""
    tags = list(ds.keys())
    if not tags or tags != sorted(tags):
        return False
    for keyword in _ANCHOR_KEYWORDS:
        value = ds.get(keyword)
        if value not in (None, "") and str(value).isprintable():
            return True
    return False


def _check_pixel_length(ds: Dataset, label: str) -> None:
    """Native Pixel Data shorter than rows x columns x samples x bits says the file was cut."""
    if "PixelData" not in ds:
        return
    meta = getattr(ds, "file_meta", None)
    syntax = meta.get("TransferSyntaxUID") if meta is not None else None
    if syntax is not None and syntax.is_compressed:
        return
    try:
        expected = (int(ds.Rows) * int(ds.Columns) * int(ds.get("SamplesPerPixel", 1))
                    * int(ds.get("NumberOfFrames", 1) or 1) * int(ds.BitsAllocated)) // 8
    except (AttributeError, TypeError, ValueError):
        return
    if len(ds.PixelData) < expected:
        raise TruncatedDicomError(f"{label}: truncated DICOM (pixel data has {len(ds.PixelData)} of "
                                  f"{expected} bytes)")


def write_dicom(ds: Dataset, target) -> None:
    """Write Part 10: zeroed preamble, explicit file meta, same transfer syntax.

    The file is encoded in memory first, so an encoding error leaves nothing behind (a temp name
    plus rename costs more than the whole header cleaning on some file systems).
    """
    ds.preamble = b"\x00" * 128
    buffer = io.BytesIO()
    try:
        ds.save_as(buffer, enforce_file_format=True)
    except Exception as exc:  # noqa: BLE001 - report one line, write nothing
        label = Path(target).name if isinstance(target, (str, os.PathLike)) else "dataset"
        raise SlidesanError(f"{label}: could not be written as DICOM ({_short(exc)})") from None
    if isinstance(target, (str, os.PathLike)):
        try:
            Path(target).write_bytes(buffer.getvalue())
        except OSError as exc:
            raise SlidesanError(f"{Path(target).name}: could not be written ({exc.strerror or exc})") from None
    else:
        target.write(buffer.getvalue())
