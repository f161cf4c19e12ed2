"""Reading and writing DICOM files without tracebacks.

Packs contain anything: JPEGs named .dcm, truncated copies, files without the Part 10 preamble,
DICOMDIRs. `read_dicom` either returns a fully parsed dataset or raises a SlidesanError subclass
with one sentence the pack report can show; `write_dicom` writes Part 10 with a zeroed preamble,
explicit file meta and the dataset's own transfer syntax (Pixel Data bytes as read).
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import warnings
from pathlib import Path

import pydicom
from pydicom.dataset import Dataset
from pydicom.errors import BytesLengthException, InvalidDicomError

from slidesan.dicom import peek
from slidesan.dicom.deep import MAX_NESTING, WRITE_SAFE_NESTING, TooDeep, call_deep, nesting_depth
from slidesan.dicom.repair import (MAX_STRAY_BYTES, corrected_meta, dataset_start, decode_all, iter_levels,
                                   repair_transfer_syntax)
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
    """Parse a path or bytes completely (Pixel Data left encoded) or raise one clear SlidesanError.

    The file meta is repaired on the way in (a missing transfer syntax is inferred), so the pixels
    of a dataset without a Part 10 header decode like any other."""
    label = name or _name(source)
    try:
        data = source if isinstance(source, (bytes, bytearray)) else Path(source).read_bytes()
    except OSError as exc:
        raise SlidesanError(f"{label}: cannot be read ({exc.strerror or exc})") from None
    if len(data) < 8:
        raise NotDicomError(f"{label}: not a DICOM file (only {len(data)} bytes)")
    has_preamble = len(data) >= 132 and data[128:132] == b"DICM"
    try:
        ds = _parse_deep(data, label, has_preamble)
    except (NotDicomError, TruncatedDicomError) as exc:
        if has_preamble:                       # a meta whose transfer syntax the dataset contradicts?
            ds = _reparse_corrected(data, label)
            if ds is None:
                raise
        elif isinstance(exc, TruncatedDicomError):
            raise
        else:
            ds = None
    if ds is not None and has_preamble and _native_under_compressed_syntax(ds):
        ds = _reparse_corrected(data, label) or ds
    if ds is not None and _is_dicomdir(ds):
        raise DicomDirError(f"{label}: is a DICOMDIR (media index), not an image; "
                            "it must be dropped or regenerated for the cleaned pack")
    if not has_preamble and (ds is None or not _looks_like_dataset(ds)):
        ds = _after_stray_bytes(data, label)
    if len(ds) == 0:
        if has_preamble:
            raise TruncatedDicomError(f"{label}: truncated DICOM (nothing after the file meta)")
        raise NotDicomError(f"{label}: not a DICOM file (no data elements)")
    repaired = repair_transfer_syntax(ds)
    if repaired:
        ds.slidesan_repairs = getattr(ds, "slidesan_repairs", []) + [repaired]
    _check_pixel_length(ds, label)
    return ds


def _parse_deep(data, label: str, has_preamble: bool) -> Dataset:
    """`_parse`, again in a thread with a deep stack when the nesting is too deep for the default."""
    try:
        return _parse(data, label, has_preamble)
    except RecursionError:
        try:
            return call_deep(_parse, data, label, has_preamble)
        except RecursionError:
            raise SlidesanError(f"{label}: sequences nested too deeply to read; not read") from None


def _reparse_corrected(data, label: str) -> Dataset | None:
    """The file parsed again under the transfer syntax its dataset is really written in
    (repair.corrected_meta), or None when the meta contradicts nothing."""
    fixed = corrected_meta(bytes(data))
    if fixed is None:
        return None
    try:
        ds = _parse_deep(fixed[0], label, True)
    except SlidesanError:
        return None
    if not _looks_like_dataset(ds):
        return None
    ds.slidesan_repairs = getattr(ds, "slidesan_repairs", []) + [fixed[1]]
    return ds


def _native_under_compressed_syntax(ds: Dataset) -> bool:
    meta = getattr(ds, "file_meta", None)
    syntax = meta.get("TransferSyntaxUID") if meta is not None else None
    pixel = ds.get_item(0x7FE00010) if "PixelData" in ds else None
    syntax = pydicom.uid.UID(str(syntax)) if syntax is not None else None
    return bool(syntax is not None and syntax.is_transfer_syntax and syntax.is_compressed and pixel is not None
                and getattr(pixel, "length", 0xFFFFFFFF) not in (0xFFFFFFFF, None))


def _after_stray_bytes(data, label: str) -> Dataset:
    """A bare dataset that a few stray bytes precede (repair.dataset_start), or NotDicomError."""
    start = dataset_start(bytes(data[:MAX_STRAY_BYTES + 16]))
    if start is None:
        raise NotDicomError(f"{label}: not a DICOM file")
    ds = _parse_deep(data[start:], label, False)
    if not _looks_like_dataset(ds):
        raise NotDicomError(f"{label}: not a DICOM file")
    ds.slidesan_repairs = [f"{start} stray byte(s) before the dataset skipped"]
    return ds


def _parse(data, label: str, has_preamble: bool) -> Dataset:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ds = pydicom.dcmread(io.BytesIO(data), force=not has_preamble)
            _check_last_element(ds, label, has_preamble)
            depth = _depth_of_known_elements(ds)
            if depth > MAX_NESTING:
                raise TooDeep(f"sequences nested more than {MAX_NESTING} levels deep")
            ds.slidesan_depth = depth            # the writer needs it (deep.call_deep past WRITE_SAFE_NESTING)
            return ds
        except InvalidDicomError:
            raise NotDicomError(f"{label}: not a DICOM file") from None
        except RecursionError:
            raise
        except TooDeep as exc:
            raise SlidesanError(f"{label}: {exc}; not read") from None
        except (EOFError, OSError, ValueError, KeyError, TypeError, OverflowError, NotImplementedError,
                AttributeError, IndexError, UnicodeError, struct.error, BytesLengthException) as exc:
            if has_preamble:
                raise TruncatedDicomError(f"{label}: damaged or truncated DICOM ({_short(exc)})") from None
            raise NotDicomError(f"{label}: not a DICOM file") from None


KNOWN_VRS = frozenset(vr.value for vr in pydicom.valuerep.VR)


def _depth_of_known_elements(ds: Dataset) -> int:
    """How deep the sequences nest (every sequence parsed, iteratively). An element whose value
    representation pydicom does not know would fail only when a rule first reads it, long after the
    file was accepted: it is damage, found here (ValueError) while the file is being read."""
    depth = 0
    for item, level in iter_levels(ds):
        depth = max(depth, level)
        for tag, raw in item.items():
            if raw.VR is not None and raw.VR not in KNOWN_VRS:
                raise ValueError(f"unknown value representation in {pydicom.tag.Tag(tag)}")
    return depth


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


def _is_dicomdir(ds: Dataset) -> bool:
    meta = getattr(ds, "file_meta", None)
    sop = (peek.value(meta, "MediaStorageSOPClassUID") if meta is not None else None) \
        or peek.value(ds, "SOPClassUID")
    return str(sop or "") == DICOMDIR_SOP_CLASS or "DirectoryRecordSequence" in ds


def _looks_like_dataset(ds: Dataset) -> bool:
    """A file parsed with force=True counts as DICOM only if it has a sane anchor attribute."""
    tags = list(ds.keys())
    if not tags or tags != sorted(tags):
        return False
    for keyword in _ANCHOR_KEYWORDS:
        found = peek.value(ds, keyword)
        if found not in (None, "") and str(found).isprintable():
            return True
    return False


def _check_pixel_length(ds: Dataset, label: str) -> None:
    """Native Pixel Data shorter than the header's geometry says the file was cut. The expected
    length is pydicom's own (YBR_FULL_422 holds two samples per pixel, not three)."""
    if "PixelData" not in ds:
        return
    meta = getattr(ds, "file_meta", None)
    syntax = meta.get("TransferSyntaxUID") if meta is not None else None
    if syntax is not None and syntax.is_compressed:
        return
    from pydicom.pixels.utils import get_expected_length

    try:
        expected = int(get_expected_length(peek.Peeked(ds), unit="bytes"))
    except Exception:  # noqa: BLE001 - geometry missing or odd: the pixel pass reports it
        return
    stored = len(peek.pixel_bytes(ds))
    if stored < expected:
        raise TruncatedDicomError(f"{label}: truncated DICOM (pixel data has {stored} of "
                                  f"{expected} bytes)")


def write_dicom(ds: Dataset, target, *, name: str | None = None) -> str:
    """Write Part 10: zeroed preamble, explicit file meta, same transfer syntax. Returns the SHA-256
    of the bytes written (the report needs it; hashing while writing saves reading the file back).

    A path is written directly (no copy of the pixel data through a memory buffer: at 512 KB a
    slice, copies cost as much as the cleaning); on any error the partial file is removed, so
    nothing half-written remains. Errors name the input (`name`), not the output, which may have
    been renamed.
    """
    label = name or (Path(target).name if isinstance(target, (str, os.PathLike)) else "dataset")
    if not isinstance(target, (str, os.PathLike)):
        return _write(ds, target, label)
    path = Path(target)
    try:
        with open(path, "w+b") as fh:
            return _write(ds, fh, label)
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise SlidesanError(f"{label}: could not be written ({exc.strerror or exc})") from None
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def encode_dicom(ds: Dataset, label: str) -> bytes:
    """The Part 10 bytes of `ds`, or one SlidesanError line naming `label`."""
    buffer = io.BytesIO()
    _write(ds, buffer, label)
    return buffer.getvalue()


class _HashingWriter:
    """What pydicom writes to, passed on to the real file and hashed on the way. pydicom writes
    every tag, VR and length separately: small pieces are gathered first (hundreds of calls into
    the file and the hash per file otherwise). Should the writer ever move backwards (it does not
    today), the hash is taken from the file afterwards instead."""

    GATHER = 64 * 1024

    def __init__(self, fh):
        self.fh, self.sha, self.start, self.moved = fh, hashlib.sha256(), fh.tell(), False
        self.pending = bytearray()

    def write(self, data) -> int:
        if len(data) < 4096:
            self.pending += data
            if len(self.pending) >= self.GATHER:
                self.flush()
        else:
            self.flush()
            self.sha.update(data)
            self.fh.write(data)
        return len(data)

    def flush(self) -> None:
        if self.pending:
            self.sha.update(self.pending)
            self.fh.write(self.pending)
            self.pending = bytearray()

    def tell(self) -> int:
        return self.fh.tell() + len(self.pending)

    def seek(self, offset: int, whence: int = 0) -> int:
        self.flush()
        here = self.fh.tell()
        position = self.fh.seek(offset, whence)
        self.moved = self.moved or position != here
        return position

    def digest(self) -> str:
        self.flush()
        if not self.moved:
            return self.sha.hexdigest()
        self.fh.seek(self.start)
        sha = hashlib.sha256()
        for block in iter(lambda: self.fh.read(1 << 20), b""):
            sha.update(block)
        return sha.hexdigest()


def _write(ds: Dataset, fh, label: str) -> str:
    ds.preamble = b"\x00" * 128
    start = fh.tell()
    depth = getattr(ds, "slidesan_depth", None)
    try:
        deep = (nesting_depth(ds) if depth is None else depth) > WRITE_SAFE_NESTING

        def save() -> _HashingWriter:
            fh.seek(start)
            fh.truncate()
            writer = _HashingWriter(fh)
            ds.save_as(writer, enforce_file_format=True)
            writer.flush()
            return writer

        try:
            writer = call_deep(save) if deep else save()
        except (TypeError, ValueError):
            # elements read with implicit VR while the meta promises explicit VR: decode them all, once
            decode_all(ds)
            writer = call_deep(save) if deep else save()
    except TooDeep as exc:
        raise SlidesanError(f"{label}: {exc}; not written") from None
    except OSError:
        raise
    except Exception as exc:  # noqa: BLE001 - report one line, write nothing
        raise SlidesanError(f"{label}: could not be written as DICOM ({_short(exc)})") from None
    return writer.digest()
