"""Read what pydicom can read, write values of the right VR (issue 12, parts 3 and 4)."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pydicom
import pytest
from pydicom.data import get_testdata_file

from fixtures.dicom_reports import deep_report
from slidesan.dicom import PackState, deidentify, read_dicom, write_dicom
from slidesan.dicom.deep import nesting_depth
from slidesan.dicom.pixel_reasons import is_photograph, undecodable
from slidesan.dicom.repair import dataset_start, repair_transfer_syntax
from slidesan.dicom.values import replacement_for
from slidesan.dicom.vr_check import check_written, invalid_values
from slidesan.errors import SlidesanError

TEST_FILES = Path(pydicom.__file__).parent / "data" / "test_files"
DAMAGED = {"MR_truncated.dcm", "rtplan_truncated.dcm"}          # really cut short: refused with one line


def _clean(data_or_path, name="input.dcm"):
    ds = read_dicom(data_or_path, name=name)
    findings = deidentify(ds, PackState(), file=name)
    buffer = io.BytesIO()
    write_dicom(ds, buffer, name=name)
    return findings, buffer.getvalue()


@pytest.mark.parametrize("path", sorted(TEST_FILES.glob("*.dcm")), ids=lambda p: p.name)
def test_every_bundled_pydicom_file_is_cleaned_into_valid_dicom(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if path.name in DAMAGED:
            with pytest.raises(SlidesanError, match=f"^{path.name}: "):
                _clean(path, path.name)
            return
        _, data = _clean(path, path.name)
        out = pydicom.dcmread(io.BytesIO(data))
        already = set(invalid_values(pydicom.dcmread(path, force=True)))    # the input's own bad values stay
        assert set(invalid_values(out)) <= already, path.name
    assert data[128:132] == b"DICM" and out.file_meta.MediaStorageSOPInstanceUID == out.SOPInstanceUID
    assert out.file_meta.TransferSyntaxUID and out.SOPClassUID


def test_dataset_without_meta_after_a_stray_byte_is_read():
    data = (TEST_FILES / "no_meta.dcm").read_bytes()
    assert data[0] == 0x20 and dataset_start(data) == 1
    findings, out = _clean(data)
    assert pydicom.dcmread(io.BytesIO(out)).Modality == "CT"
    assert any("stray byte" in f.message for f in findings)


def test_missing_transfer_syntax_is_inferred_from_the_encoding_and_the_codec():
    ds = read_dicom(get_testdata_file("JPEG2000.dcm"))
    del ds.file_meta.TransferSyntaxUID
    assert "JPEG 2000" in repair_transfer_syntax(ds)
    ds = read_dicom(TEST_FILES / "meta_missing_tsyntax.dcm")
    assert ds.file_meta.TransferSyntaxUID == "1.2.840.10008.1.2"         # implicit VR little endian, as read


def test_missing_sop_uids_are_repaired_from_the_pack_key():
    ds = read_dicom(TEST_FILES / "nested_priv_SQ.dcm")
    assert "SOPInstanceUID" not in ds and "SOPClassUID" not in ds
    state = PackState()
    findings = deidentify(ds, state, file="a/b.dcm")
    assert ds.SOPInstanceUID == state.new_uid("slidesan:missing-sop-instance:a/b.dcm")
    assert ds.SOPClassUID == "1.2.840.10008.5.1.4.1.1.7"                  # pixels, no modality: secondary capture
    assert sum(f.category == "dicom-repair" for f in findings) == 2


def test_ybr_full_422_is_not_called_truncated():
    ds = read_dicom(get_testdata_file("SC_ybr_full_422_uncompressed.dcm"))
    assert len(ds.PixelData) == ds.Rows * ds.Columns * 2


def test_implicit_elements_under_an_explicit_meta_are_written():
    _, data = _clean(get_testdata_file("SC_rgb_jpeg.dcm"))
    assert pydicom.dcmread(io.BytesIO(data)).ConversionType == "DI"


def test_deep_nesting_reads_cleans_and_writes_and_absurd_depth_is_one_line(tmp_path):
    findings, data = _clean(deep_report(600))
    assert b"Drummond" not in data and b"Aoife" not in data
    assert len(findings) > 0
    with pytest.raises(SlidesanError, match="^deep.dcm: .*nested") as caught:
        read_dicom(deep_report(2500), name="deep.dcm")
    assert "\n" not in str(caught.value)


def test_nesting_depth_counts_sequence_levels():
    assert nesting_depth(read_dicom(deep_report(7))) == 7


def test_errors_name_the_input_not_the_output(tmp_path):
    ds = read_dicom(get_testdata_file("CT_small.dcm"))
    ds.add_new(0x00100010, "PN", "x")
    ds[0x00100010].VR = "XX"                                              # unwritable
    with pytest.raises(SlidesanError, match="^scans/in.dcm: could not be written"):
        write_dicom(ds, tmp_path / "CASE-0001-0001.dcm", name="scans/in.dcm")


def test_replacements_follow_the_vr():
    state = PackState()
    uid = replacement_for("UI", "1.2.3.4", state)
    assert uid == state.new_uid("1.2.3.4") and uid.startswith("2.25.")
    assert replacement_for("PN", "Okafor^Ifeoma", state).startswith("PERSON-")
    assert replacement_for("DA", "20190417", state) == "19000101"
    assert replacement_for("DA", "20190417", state, shift_days=-1) == "20190416"
    ds = read_dicom(get_testdata_file("CT_small.dcm"))
    ds.add_new(0x006A0003, "UI", "1.2.840.99.1")                          # Annotation Group UID: D in Table E.1-1
    deidentify(ds, state)
    assert ds[0x006A0003].value == state.new_uid("1.2.840.99.1")


def test_a_wrong_value_written_by_slidesan_is_refused():
    ds = read_dicom(get_testdata_file("CT_small.dcm"))
    ds.add_new(0x006A0003, "UI", "ANONYMOUS")
    with pytest.raises(SlidesanError, match="^x.dcm: internal check failed.*AnnotationGroupUID"):
        check_written([(ds, 0x006A0003)], "x.dcm")


def test_device_identities_not_in_the_table_are_removed_unless_retained():
    from slidesan.dicom import DicomOptions

    for retain in (False, True):
        ds = read_dicom(get_testdata_file("rtplan.dcm"))
        ds.add_new(0x30020020, "SH", "LINAC-LEEDS-3")                     # Radiation Machine Name
        ds.add_new(0x00181010, "LO", "SC-WS-LEEDS")                       # Secondary Capture Device ID
        deidentify(ds, PackState(), DicomOptions(retain_device_identity=retain))
        assert (ds.get("RadiationMachineName") == "LINAC-LEEDS-3") is retain
        assert ("SecondaryCaptureDeviceID" in ds) is retain
        machines = [b.get("TreatmentMachineName") or "" for b in ds.BeamSequence]
        assert all(m == "" for m in machines) or retain


def test_pixels_no_decoder_handles_are_named_and_bone_scan_captures_are_no_photographs():
    ds = read_dicom(get_testdata_file("JPEG2000.dcm"))
    ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.4.100"            # MPEG2: no decoder
    assert "no decoder" in undecodable(ds)
    assert undecodable(read_dicom(get_testdata_file("CT_small.dcm"))) is None
    capture = read_dicom(get_testdata_file("SC_rgb_small_odd.dcm"))
    assert is_photograph(capture)
    capture.Modality = "NM"
    assert not is_photograph(capture)                                      # a colour bone-scan capture
    grey = read_dicom(get_testdata_file("MR_small.dcm"))
    grey.SOPClassUID, grey.Modality = "1.2.840.10008.5.1.4.1.1.7", "OT"
    assert not is_photograph(grey)                                         # a greyscale capture


def test_the_digest_returned_is_the_hash_of_the_file_written(tmp_path):
    import hashlib

    for name in ("CT_small.dcm", "JPEG2000.dcm", "MR_small_bigendian.dcm", "image_dfl.dcm"):
        digest = write_dicom(read_dicom(get_testdata_file(name)), tmp_path / name)
        assert digest == hashlib.sha256((tmp_path / name).read_bytes()).hexdigest(), name


def _part10_with_declared_syntax(declared) -> bytes:
    """A made-up image written implicit VR little endian under a meta that declares `declared`."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.filebase import DicomBytesIO
    from pydicom.filewriter import write_file_meta_info

    ds = Dataset()
    ds.SOPClassUID, ds.SOPInstanceUID = "1.2.840.10008.5.1.4.1.1.7", "1.2.826.0.1.3680043.9.5151.1"
    ds.PatientName, ds.PatientID, ds.Modality = "LOVEGROVE^ANSELM", "LV7781234", "OT"
    ds.SamplesPerPixel, ds.PhotometricInterpretation, ds.Rows, ds.Columns = 1, "MONOCHROME2", 8, 8
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    ds.PixelData = bytes(range(64))
    body = io.BytesIO()
    ds.save_as(body, implicit_vr=True, little_endian=True, enforce_file_format=False)
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID = ds.SOPClassUID, ds.SOPInstanceUID
    meta.TransferSyntaxUID = declared
    head = DicomBytesIO()
    write_file_meta_info(head, meta, enforce_standard=True)
    return b"\0" * 128 + b"DICM" + head.getvalue() + body.getvalue()


@pytest.mark.parametrize("declared", [pydicom.uid.ExplicitVRBigEndian, pydicom.uid.JPEGBaseline8Bit,
                                      pydicom.uid.RLELossless])
def test_a_meta_whose_transfer_syntax_the_dataset_contradicts_is_repaired_not_refused(declared):
    findings, written = _clean(_part10_with_declared_syntax(declared))
    out = pydicom.dcmread(io.BytesIO(written))
    assert out.file_meta.TransferSyntaxUID in (pydicom.uid.ImplicitVRLittleEndian, pydicom.uid.ExplicitVRLittleEndian)
    assert bytes(out.PixelData) == bytes(range(64))
    assert b"LOVEGROVE" not in written and b"LV7781234" not in written
    assert any(f.category == "dicom-repair" and "declared" in f.message for f in findings)
