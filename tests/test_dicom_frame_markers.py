"""Metadata inside compressed pixel frames (dicom/frame_markers.py). Red team 10 found that a DICOM made
from a JPEG by dcmtk's img2dcm keeps the JPEG's comment segment, and with -ka its EXIF and XMP, inside
Pixel Data: a name typed into the photo's metadata was written out and the verdict said publication.
Every dataset and picture here is made up in the test."""

from __future__ import annotations

import io
import struct

import numpy as np
import pydicom
import pytest
from PIL import Image
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate, generate_fragments, parse_basic_offsets
from pydicom.uid import JPEG2000Lossless, JPEGBaseline8Bit

from slidesan.dicom import DicomOptions, PackState, deidentify
from slidesan.dicom.frame_markers import strip_frame_markers
from slidesan.report.model import HIGH, verdict_of

NAME, MRN = "Wilberforce Grantchester", "GX7741203"


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def _jpeg_with_metadata(seed: int) -> bytes:
    pixels = np.random.default_rng(seed).integers(0, 255, (32, 48), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "JPEG", quality=90)
    plain = buffer.getvalue()
    exif = Image.Exif()
    exif[0x010E] = f"{NAME} {MRN}"                          # ImageDescription
    extra = _segment(0xFE, f"{NAME} {MRN}".encode()) + _segment(0xE1, b"Exif\x00\x00" + exif.tobytes())
    return plain[:2] + extra + plain[2:]


def _dataset(frames: list[bytes], syntax, rows=32, columns=48) -> Dataset:
    ds = Dataset()
    ds.SOPClassUID, ds.SOPInstanceUID = "1.2.840.10008.5.1.4.1.1.7", "1.2.826.0.1.3680043.9.4243.1"
    ds.StudyInstanceUID, ds.SeriesInstanceUID = "1.2.826.0.1.3680043.9.4243.2", "1.2.826.0.1.3680043.9.4243.3"
    ds.Modality, ds.PatientName, ds.PatientID = "OT", "ANON", "CASE1"
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.Rows, ds.Columns, ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = rows, columns, 8, 8, 7, 0
    if len(frames) > 1:
        ds.NumberOfFrames = len(frames)
    ds.PixelData = encapsulate(frames, has_bot=len(frames) > 1)
    ds["PixelData"].VR, ds["PixelData"].is_undefined_length = "OB", True
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = syntax
    return ds


def _written(ds: Dataset) -> bytes:
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def _frames_of(data: bytes) -> list[bytes]:
    ds = pydicom.dcmread(io.BytesIO(data))
    buffer = io.BytesIO(ds.PixelData)
    parse_basic_offsets(buffer)
    return list(generate_fragments(buffer))


def test_jpeg_comment_and_exif_inside_every_frame_are_removed_and_named():
    frames = [_jpeg_with_metadata(1), _jpeg_with_metadata(2)]
    ds = _dataset(frames, JPEGBaseline8Bit)
    before = [np.asarray(Image.open(io.BytesIO(f))) for f in frames]
    findings = deidentify(ds, PackState(), DicomOptions())
    written = _written(ds)
    assert b"Grantchester" not in written and MRN.encode() not in written
    after = _frames_of(written)
    assert len(after) == 2
    for old, new in zip(before, after):                      # the coded image is untouched
        assert np.array_equal(old, np.asarray(Image.open(io.BytesIO(new))))
    assert any(f.category == "hospital-number" and f.severity == HIGH for f in findings)
    assert any("compressed pixel frames removed" in f.message for f in findings)


def test_check_of_such_a_file_is_not_publication():
    ds = _dataset([_jpeg_with_metadata(3)], JPEGBaseline8Bit)
    findings = deidentify(ds, PackState(), DicomOptions())
    for f in findings:                                       # check reports what a clean removes as present
        f.action = "flagged"
    assert verdict_of(findings) == "identifiable"


def test_a_frame_without_metadata_is_left_byte_for_byte():
    buffer = io.BytesIO()
    Image.fromarray(np.zeros((32, 48), np.uint8)).save(buffer, "JPEG")
    ds = _dataset([buffer.getvalue()], JPEGBaseline8Bit)
    pixel_data = ds.PixelData

    class Run:
        findings: list = []

        def add(self, *args):
            self.findings.append(args)

    run = Run()
    strip_frame_markers(ds, run)
    assert ds.PixelData == pixel_data and not run.findings


def test_jpeg_2000_main_header_comment_is_removed():
    buffer = io.BytesIO()
    try:
        Image.fromarray(np.full((32, 48), 90, np.uint8)).save(buffer, "JPEG2000", no_jp2=True, irreversible=False)
    except (OSError, KeyError):
        pytest.skip("Pillow was built without OpenJPEG")
    code = buffer.getvalue()
    comment = struct.pack(">HHH", 0xFF64, 4 + len(NAME), 1) + NAME.encode()
    siz_end = 4 + struct.unpack(">H", code[4:6])[0]          # SOC, then SIZ with its length
    frame = code[:siz_end] + comment + code[siz_end:]
    ds = _dataset([frame], JPEG2000Lossless)
    deidentify(ds, PackState(), DicomOptions())
    written = _written(ds)
    assert b"Grantchester" not in written
    (new,) = _frames_of(written)
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(new))), np.asarray(Image.open(io.BytesIO(code))))


def _with_tile_comments(code: bytes, text: bytes) -> bytes:
    """`code` with a COM segment at the head of every tile-part, each tile-part's Psot grown to hold it."""
    comment = struct.pack(">HHH", 0xFF64, 4 + len(text), 1) + text
    out, pos = bytearray(), code.index(b"\xff\x90")
    out += code[:pos]
    while code[pos:pos + 2] == b"\xff\x90":
        psot = struct.unpack(">I", code[pos + 6:pos + 10])[0]
        end = pos + psot if psot else len(code) - 2
        sot = bytearray(code[pos:pos + 12])
        if psot:
            sot[6:10] = struct.pack(">I", psot + len(comment))
        out += sot + comment + code[pos + 12:end]
        pos = end
    return bytes(out + code[pos:])


def test_jpeg_2000_tile_part_comments_are_removed_and_the_codestream_is_whole_again():
    """A comment may stand in any tile-part's header as well as the main header; it was read and kept,
    because its removal changes the tile-part's length. The lengths are written again: the codestream
    is the one cleaned without the comments, byte for byte (OpenJPEG's own main-header comment goes in both)."""
    pixels = np.random.default_rng(3).integers(0, 255, (40, 56), dtype=np.uint8)
    buffer = io.BytesIO()
    try:
        Image.fromarray(pixels).save(buffer, "JPEG2000", no_jp2=True, irreversible=False, tile_size=(16, 16))
    except (OSError, KeyError):
        pytest.skip("Pillow was built without OpenJPEG")
    code = buffer.getvalue()
    frame = _with_tile_comments(code, f"{NAME} {MRN}".encode())
    assert frame.count(NAME.encode()) == 12                  # 4 × 3 tiles, one tile-part each
    cleaned = []
    for each in (code, frame):
        ds = _dataset([each], JPEG2000Lossless, rows=40, columns=56)
        findings = deidentify(ds, PackState(), DicomOptions())
        cleaned.append(_frames_of(_written(ds))[0])
    expected, new = cleaned
    assert new == expected and NAME.encode() not in new
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(new))), pixels)
    said = [f for f in findings if f.action == "removed" and "tile comment" in f.message]
    assert [f.text for f in said if f.severity == HIGH] == [MRN] and any(NAME in (f.text or "") for f in said)
