"""Repairs that let slidesan read and write what pydicom can read (issue 12, part 3).

Real packs hold datasets without a Part 10 header, headers that lack the SOP Class/Instance UIDs or
the transfer syntax, and datasets whose meta promises one encoding while the elements use another.
None of these makes a file unreadable, so none should cost the file:

- `dataset_start` finds where a bare dataset (no preamble, no meta) starts when a few stray bytes
  precede it (a general form: the first element is group 0008 or 0010 with a plausible VR/length);
- `repair_transfer_syntax` fills a missing transfer syntax from how the dataset was actually encoded,
  or, for encapsulated pixel data, from the codec signature of the first fragment;
- `repair_sop_uids` gives a dataset without SOP Instance UID a new one derived from the pack key,
  and one without SOP Class UID the class its modality implies (reported as a finding);
- `decode_all` converts every raw element so a dataset read as implicit VR can be written explicit.

Every walk here is iterative: a deeply nested sequence never raises RecursionError.
"""

from __future__ import annotations

import struct
from typing import Callable, Iterator

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import (UID, ExplicitVRBigEndian, ExplicitVRLittleEndian, ImplicitVRLittleEndian,
                         JPEG2000, JPEG2000Lossless, JPEGBaseline8Bit, JPEGExtended12Bit, JPEGLosslessSV1,
                         JPEGLSLossless, RLELossless)

from slidesan.dicom import peek
from slidesan.dicom.header_values import dictionary_vr
from slidesan.report.model import INFO

_EXPLICIT_VRS = {vr.encode() for vr in (
    "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD", "IS", "LO", "LT", "OB", "OD", "OF", "OL", "OV", "OW",
    "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV")}
MAX_STRAY_BYTES = 256

# SOP Class a dataset's Modality implies when the class is missing from both dataset and meta.
MODALITY_SOP_CLASS = {
    "CT": "1.2.840.10008.5.1.4.1.1.2", "MR": "1.2.840.10008.5.1.4.1.1.4", "US": "1.2.840.10008.5.1.4.1.1.6.1",
    "CR": "1.2.840.10008.5.1.4.1.1.1", "DX": "1.2.840.10008.5.1.4.1.1.1.1", "MG": "1.2.840.10008.5.1.4.1.1.1.2",
    "NM": "1.2.840.10008.5.1.4.1.1.20", "PT": "1.2.840.10008.5.1.4.1.1.128", "XA": "1.2.840.10008.5.1.4.1.1.12.1",
    "RF": "1.2.840.10008.5.1.4.1.1.12.2", "SR": "1.2.840.10008.5.1.4.1.1.88.22",
    "RTDOSE": "1.2.840.10008.5.1.4.1.1.481.2", "RTSTRUCT": "1.2.840.10008.5.1.4.1.1.481.3",
    "RTPLAN": "1.2.840.10008.5.1.4.1.1.481.5", "RTIMAGE": "1.2.840.10008.5.1.4.1.1.481.1",
}
SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7"
RAW_DATA = "1.2.840.10008.5.1.4.1.1.66"


def _plausible_element(data: bytes, offset: int) -> bool:
    """An element of group 0008/0010 (little endian) starts at `offset`: explicit VR letters, or an
    implicit length that fits in the file."""
    if offset + 8 > len(data):
        return False
    group, element = struct.unpack_from("<HH", data, offset)
    if group not in (0x0008, 0x0010) or element > 0x4000:
        return False
    if data[offset + 4:offset + 6] in _EXPLICIT_VRS:
        return True
    length = struct.unpack_from("<I", data, offset + 4)[0]
    return length < 1024 and offset + 8 + length <= len(data)


def dataset_start(data: bytes) -> int | None:
    """Where a bare dataset really starts when stray bytes precede it; None when nothing plausible
    lies within the first MAX_STRAY_BYTES bytes (or it already starts at 0)."""
    if _plausible_element(data, 0):
        return None
    for offset in range(1, min(MAX_STRAY_BYTES, len(data) - 8)):
        if data[offset] in (0x08, 0x10) and data[offset + 1] == 0 and _plausible_element(data, offset) \
                and _plausible_element(data, _next_offset(data, offset)):
            return offset
    return None


def _next_offset(data: bytes, offset: int) -> int:
    """Offset of the element after the one at `offset` (explicit or implicit VR little endian)."""
    vr = data[offset + 4:offset + 6]
    if vr in _EXPLICIT_VRS:
        if vr in (b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"UC", b"UN", b"UR", b"UT", b"SV", b"UV"):
            return offset + 12 + struct.unpack_from("<I", data, offset + 8)[0]
        return offset + 8 + struct.unpack_from("<H", data, offset + 6)[0]
    return offset + 8 + struct.unpack_from("<I", data, offset + 4)[0]


# First bytes of the first fragment of encapsulated pixel data -> the transfer syntax that wrote it.
def _codec_syntax(fragment: bytes) -> str | None:
    if fragment[:2] == b"\xff\xd8":
        marker = _first_sof(fragment)
        return {0xC0: JPEGBaseline8Bit, 0xC1: JPEGExtended12Bit, 0xC3: JPEGLosslessSV1,
                0xF7: JPEGLSLossless}.get(marker, JPEGBaseline8Bit)
    if fragment[:4] == b"\xff\x4f\xff\x51" or fragment[4:8] == b"jP  ":
        return JPEG2000
    if len(fragment) >= 64 and struct.unpack_from("<I", fragment, 0)[0] in range(1, 16) \
            and struct.unpack_from("<I", fragment, 4)[0] == 64:
        return RLELossless
    return None


def _first_sof(stream: bytes) -> int | None:
    """The first start-of-frame marker of a JPEG stream (C0..C3, F7 for JPEG-LS)."""
    index = 2
    while index + 4 <= len(stream) and index < 65536:
        if stream[index] != 0xFF:
            return None
        marker = stream[index + 1]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xF7):
            return marker
        index += 2 + struct.unpack_from(">H", stream, index + 2)[0]
    return None


def _first_fragment(pixel_data: bytes) -> bytes:
    """The first fragment after the Basic Offset Table of encapsulated Pixel Data."""
    try:
        offset = 8 + struct.unpack_from("<I", pixel_data, 4)[0]          # skip the offset table item
        if pixel_data[offset:offset + 4] != b"\xfe\xff\x00\xe0":
            return b""
        length = struct.unpack_from("<I", pixel_data, offset + 4)[0]
        return pixel_data[offset + 8:offset + 8 + min(length, 65536)]
    except struct.error:
        return b""


def repair_transfer_syntax(ds: Dataset) -> str | None:
    """Give `ds.file_meta` a transfer syntax when it has none, or one no reader knows (a damaged or
    private UID: what the pixels and elements are written in is found from them either way); return
    a sentence saying what was assumed, or None when nothing was missing."""
    meta = getattr(ds, "file_meta", None)
    if meta is None:
        meta = ds.file_meta = FileMetaDataset()
    declared = meta.get("TransferSyntaxUID")
    if declared and UID(str(declared)).is_transfer_syntax:
        return None
    pixel = ds.get_item(0x7FE00010)
    encapsulated = pixel is not None and getattr(pixel, "length", 0) == 0xFFFFFFFF
    syntax = None
    if encapsulated:
        value = pixel.value if isinstance(pixel.value, (bytes, bytearray)) else b""
        syntax = _codec_syntax(_first_fragment(bytes(value[:70000])))
        if syntax == JPEG2000 and _lossless_hint(ds):
            syntax = JPEG2000Lossless
    if syntax is None:
        syntax = encoding_syntax(ds)
    meta.TransferSyntaxUID = UID(syntax)
    how = "from the compressed pixel data" if encapsulated else "from how the dataset is encoded"
    what = f"unknown transfer syntax {str(declared)[:64]!r} in the file meta" if declared else \
        "transfer syntax missing from the file meta"
    return f"{what}: {UID(syntax).name} assumed {how}"


def _lossless_hint(ds: Dataset) -> bool:
    return str(peek.value(ds, "LossyImageCompression", "") or "").strip() == "00"


def encoding_syntax(ds: Dataset) -> str:
    """The uncompressed transfer syntax of the elements as they were read."""
    implicit, little = getattr(ds, "original_encoding", (True, True))
    if implicit in (True, None):
        return ImplicitVRLittleEndian
    return ExplicitVRLittleEndian if little in (True, None) else ExplicitVRBigEndian


def repair_sop_uids(ds: Dataset, new_uid: Callable[[str], str], seed: str, add: Callable) -> None:
    """SOP Instance UID from the pack key when both dataset and meta lack it; SOP Class UID from the
    modality (or Secondary Capture / Raw Data) when both lack it. Each repair is one info finding."""
    meta = getattr(ds, "file_meta", None) or FileMetaDataset()
    if not peek.value(ds, "SOPInstanceUID"):
        old = str(meta.get("MediaStorageSOPInstanceUID", "") or "")
        ds.SOPInstanceUID = new_uid(old) if old else new_uid(f"slidesan:missing-sop-instance:{seed}")
        add("dicom-repair", INFO, "replaced", "SOP Instance UID missing: a new one was derived from the pack key",
            "SOPInstanceUID")
    if not peek.value(ds, "SOPClassUID"):
        sop_class = str(meta.get("MediaStorageSOPClassUID", "") or "")
        how = "taken from the file meta"
        if not sop_class:
            modality = str(peek.value(ds, "Modality", "") or "").upper()
            sop_class = MODALITY_SOP_CLASS.get(modality) or (SECONDARY_CAPTURE if "PixelData" in ds else RAW_DATA)
            how = f"set to {UID(sop_class).name} (from Modality {modality or 'absent'})"
        ds.SOPClassUID = sop_class
        add("dicom-repair", INFO, "replaced", f"SOP Class UID missing: {how}", "SOPClassUID")


def iter_datasets(ds: Dataset) -> Iterator[Dataset]:
    """`ds` and every sequence item below it, depth first, without recursion."""
    for item, _depth in iter_levels(ds):
        yield item


_MAYBE_SEQUENCE = frozenset({"SQ", None, "UN"})


def iter_levels(ds: Dataset) -> Iterator[tuple[Dataset, int]]:
    """(dataset, nesting depth) for `ds` and every sequence item below it, parsing each sequence
    (an implicit-VR sequence read as UN included) as it goes; iterative."""
    stack = [(ds, 0)]
    while stack:
        current, depth = stack.pop()
        yield current, depth
        maybe = [(tag, raw) for tag, raw in current.items() if raw.VR in _MAYBE_SEQUENCE]
        for tag, raw in maybe:                     # raw elements, without get_item's overhead
            if raw.VR == "SQ" or (getattr(raw, "value", None) is not None and _dictionary_sq(tag)):
                value = current[tag].value
                if isinstance(value, Sequence):
                    stack.extend((item, depth + 1) for item in reversed(value) if isinstance(item, Dataset))


def _dictionary_sq(tag: int) -> bool:
    return dictionary_vr(tag) == "SQ"


def decode_all(ds: Dataset) -> None:
    """Convert every raw element (all levels) so the writer never meets an implicit-VR raw value
    while writing explicit VR."""
    for item in iter_datasets(ds):
        for tag in list(item.keys()):
            item[tag]


def corrected_meta(data: bytes) -> tuple[bytes, str] | None:
    """(the file re-made with the transfer syntax its dataset is really written in, a sentence) when
    a Part 10 file's meta declares a byte order, or compressed pixel data, that the dataset
    contradicts: the first data element reads as little endian under a big-endian syntax (or the
    reverse), or a compressed syntax heads native Pixel Data. None when nothing contradicts."""
    import io

    from pydicom.filebase import DicomBytesIO
    from pydicom.filereader import _read_file_meta_info, read_dataset
    from pydicom.filewriter import write_file_meta_info

    if len(data) < 150 or data[128:132] != b"DICM":
        return None
    try:
        meta = _read_file_meta_info(io.BytesIO(data[132:]))
        start = 132 + 12 + int(meta[0x00020000].value)
        declared = UID(str(meta.get("TransferSyntaxUID", "") or ""))
    except Exception:  # noqa: BLE001 - a meta pydicom cannot read is not repaired here
        return None
    head = data[start:start + 8]
    if len(head) < 8:
        return None
    explicit = head[4:6] in _EXPLICIT_VRS
    big_bytes = struct.unpack_from(">H", head)[0] in (0x0008, 0x0010) and explicit
    syntax = None
    if declared == ExplicitVRBigEndian and _plausible_element(data, start):
        syntax = ExplicitVRLittleEndian if explicit else ImplicitVRLittleEndian
    elif declared != ExplicitVRBigEndian and big_bytes and not _plausible_element(data, start):
        syntax = ExplicitVRBigEndian
    elif declared.is_transfer_syntax and declared.is_compressed:    # a damaged UID is no syntax
        try:
            body = read_dataset(DicomBytesIO(data[start:]), not explicit, True, stop_when=None)
            pixel = body.get_item(0x7FE00010)
        except Exception:  # noqa: BLE001 - pydicom reads it as declared, or not at all
            return None
        if pixel is not None and getattr(pixel, "length", 0xFFFFFFFF) != 0xFFFFFFFF:
            syntax = ExplicitVRLittleEndian if explicit else ImplicitVRLittleEndian
    if syntax is None or syntax == declared:
        return None
    meta.TransferSyntaxUID = UID(syntax)
    del meta[0x00020000]
    buffer = DicomBytesIO()
    write_file_meta_info(buffer, meta, enforce_standard=True)
    return (data[:132] + buffer.getvalue() + data[start:],
            f"the file meta declared {declared.name}, but the dataset is written in {UID(syntax).name}")
