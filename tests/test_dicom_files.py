"""Bad DICOM input gives one clear SlidesanError line; writing keeps the transfer syntax;
file and folder names that carry identity are caught."""

from __future__ import annotations

import io
from pathlib import Path

import pydicom
import pytest
from pydicom.data import get_testdata_file

from slidesan.dicom import (DicomDirError, NotDicomError, PackState, TruncatedDicomError, deidentify,
                            read_dicom, write_dicom)
from slidesan.dicom.naming import safe_name
from slidesan.errors import SlidesanError

CT = Path(get_testdata_file("CT_small.dcm")).read_bytes()


def _without_preamble(data: bytes) -> bytes:
    ds = pydicom.dcmread(io.BytesIO(data))
    del ds.file_meta
    buffer = io.BytesIO()
    ds.save_as(buffer, implicit_vr=True, little_endian=True)   # bare dataset, no preamble or meta
    return buffer.getvalue()


@pytest.mark.parametrize("label,data,error", [
    ("jpeg named .dcm", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(3000), NotDicomError),
    ("text named .dcm", b"Patient list\nSMITH JOHN 123\n" * 50, NotDicomError),
    ("empty", b"", NotDicomError),
    ("zeros", bytes(4096), NotDicomError),
    ("cut in the header", CT[:1000], TruncatedDicomError),
    ("cut in the pixels", CT[: len(CT) // 2], TruncatedDicomError),
    ("cut by one byte", CT[:-1], TruncatedDicomError),
    ("meta only", CT[:200], TruncatedDicomError),
    # an element whose value representation no reader knows ('YI' for StudyDate's 'DA'): damage found on
    # reading, not an internal error when a rule first reads the element
    ("group length of 5 bytes", CT.replace(b"\x02\x00\x00\x00UL\x04\x00", b"\x02\x00\x00\x00UL\x05\x00", 1),
     TruncatedDicomError),
    ("unknown VR", CT.replace(b"\x08\x00\x20\x00DA", b"\x08\x00\x20\x00YI", 1), TruncatedDicomError),
])
def test_bad_input_raises_one_line(label, data, error, tmp_path):
    path = tmp_path / "scan.dcm"
    path.write_bytes(data)
    with pytest.raises(error) as caught:
        read_dicom(path)
    message = str(caught.value)
    assert isinstance(caught.value, SlidesanError)
    assert message.startswith("scan.dcm: ") and "\n" not in message and "Traceback" not in message


def test_dicomdir_is_detected():
    with pytest.raises(DicomDirError, match="DICOMDIR"):
        read_dicom(get_testdata_file("DICOMDIR"))


def test_missing_preamble_parses_when_it_is_a_dataset():
    ds = read_dicom(_without_preamble(CT))
    assert ds.Modality == "CT" and len(ds.PixelData) == 128 * 128 * 2


def test_missing_file_is_one_line(tmp_path):
    with pytest.raises(SlidesanError, match="cannot be read"):
        read_dicom(tmp_path / "absent.dcm")


@pytest.mark.parametrize("name", ["ExplVR_BigEnd.dcm", "image_dfl.dcm", "JPEG2000.dcm", "rtplan.dcm"])
def test_written_file_keeps_transfer_syntax_and_pixels(name, tmp_path):
    source = read_dicom(get_testdata_file(name))
    syntax, pixels = source.file_meta.TransferSyntaxUID, source.get("PixelData")
    deidentify(source, PackState())
    write_dicom(source, tmp_path / name)
    again = read_dicom(tmp_path / name)
    assert again.file_meta.TransferSyntaxUID == syntax
    if syntax.is_encapsulated:     # a frame's comment segments go (dicom/frame_markers.py); the image stays
        assert (again.pixel_array == read_dicom(get_testdata_file(name)).pixel_array).all()
    else:
        assert again.get("PixelData") == pixels
    assert (tmp_path / name).read_bytes()[:128] == bytes(128)
    assert not list(tmp_path.glob("*.part"))


def test_names_with_identity_are_flagged():
    ds = pydicom.dcmread(io.BytesIO(CT))
    ds.PatientName, ds.PatientID, ds.PatientBirthDate = "Okonkwo^Ada", "RX99812", "19510302"
    assert safe_name("OKONKWO_ADA.dcm", ds).identifying
    assert safe_name("scan_RX99812.dcm", ds).identifying
    assert safe_name("02.03.1951", ds, folder=True).identifying
    assert safe_name(f"{ds.SOPInstanceUID}.dcm", ds).identifying
    plain = safe_name("IMG0004.dcm", ds, index=7)
    assert not plain.identifying and plain.proposed == "IMG0007.dcm"
    state = PackState()
    assert safe_name("Okonkwo", ds, folder=True, state=state).proposed == "DIR0001"


def test_dataset_without_preamble_is_written_as_part10(tmp_path):
    ds = read_dicom(_without_preamble(CT))
    deidentify(ds, PackState())
    write_dicom(ds, tmp_path / "out.dcm")
    again = read_dicom(tmp_path / "out.dcm")
    assert again.file_meta.TransferSyntaxUID == "1.2.840.10008.1.2"      # implicit VR, as read
    assert again.file_meta.MediaStorageSOPInstanceUID == again.SOPInstanceUID


def test_unlisted_person_names_are_emptied_too():
    ds = pydicom.dcmread(io.BytesIO(CT))
    ds.add_new(0x00321032, "PN", "Requesting^Doc")          # listed (X)
    ds.add_new(0x40080114, "PN", "Okonkwo^Ada")             # listed: Physician Approving Interpretation
    ds.add_new(0x00700084, "PN", "Creator^Content")         # listed: Content Creator's Name (Z/D)
    item = pydicom.Dataset()
    item.add_new(0x0040A075, "PN", "Observer^Verifying")    # Verifying Observer Name (D)
    item.add_new(0x00142006, "PN", "Evaluator^Unlisted")    # Evaluator Name: not in Table E.1-1
    ds.add_new(0x00189346, "SQ", pydicom.Sequence([item]))  # CTDI Phantom Type Code Seq (unlisted SQ)
    ds.add_new(0x00140104, "PN", "Reviewer^Unlisted")       # Secondary Reviewer Name: not listed
    findings = deidentify(ds, PackState())
    names = [e.value for e in ds.iterall() if e.VR == "PN" and e.value]
    assert all(str(v).startswith("PERSON-") for v in names) and len(names) == 1, names   # D: a keyed pseudonym
    texts = " ".join(f.text or "" for f in findings)
    assert "Observer^Verifying" in texts and "Evaluator^Unlisted" in texts and "Reviewer^Unlisted" in texts
    assert not ds[0x00140104].value and not ds.CTDIPhantomTypeCodeSequence[0][0x00142006].value


def test_survey_then_clean_file_in_a_worker_copy(tmp_path):
    import pickle
    from slidesan.dicom import clean_dicom_file, survey
    src = tmp_path / "OKONKWO_ADA.dcm"
    ds = pydicom.dcmread(io.BytesIO(CT))
    ds.PatientName, ds.PatientID = "Okonkwo^Ada", "RX99812"
    ds.save_as(src)
    state = survey([src], PackState())
    assert state.frozen and state.patients
    worker = pickle.loads(pickle.dumps(state))
    result = clean_dicom_file(src, tmp_path / "IMG0001.dcm", worker, file="OKONKWO_ADA.dcm")
    assert result.name.identifying and result.name.proposed == "IMG0001.dcm"
    assert result.findings and all(f.file == "OKONKWO_ADA.dcm" for f in result.findings)
    state.absorb(worker)
    assert str(ds.SOPInstanceUID) in state.key_record()["uids"]
    assert b"Okonkwo" not in (tmp_path / "IMG0001.dcm").read_bytes()


def test_sequence_hidden_as_un_is_walked():
    """A proxy that re-encodes a sequence as UN must not let the names inside it through."""
    import struct

    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.sequence import Sequence
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    inner = Dataset()
    inner.PatientName = "HIDDEN^UNSEQ"
    holder = Dataset()
    holder.add_new(0x00189346, "SQ", Sequence([inner]))      # not listed in Table E.1-1
    buffer = io.BytesIO()
    holder.save_as(buffer, implicit_vr=True, little_endian=True)
    value = buffer.getvalue()[8:]
    ds = Dataset()
    ds.SOPClassUID, ds.SOPInstanceUID, ds.Modality = "1.2.840.10008.5.1.4.1.1.2", generate_uid(), "CT"
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    out = io.BytesIO()
    ds.save_as(out, enforce_file_format=True)
    data = out.getvalue() + struct.pack("<HH", 0x0018, 0x9346) + b"UN\0\0" + struct.pack("<I", len(value)) + value
    assert pydicom.dcmread(io.BytesIO(data)).get_item(0x00189346).VR == "UN"    # really stored as UN
    parsed = read_dicom(data)
    deidentify(parsed, PackState())
    written = io.BytesIO()
    write_dicom(parsed, written)
    assert b"HIDDEN" not in written.getvalue()


def test_meta_naming_no_transfer_syntax_is_repaired(tmp_path):
    """A damaged or private UID where the meta names the transfer syntax: the file is read as its
    elements are written, and the repair is said (it was an internal error when first asked)."""
    path = tmp_path / "scan.dcm"
    path.write_bytes(CT.replace(b"1.2.840.10008.1.2.1\x00", b"1.2.840.10008.1.9.1\x00", 1))
    ds = read_dicom(path)
    assert ds.file_meta.TransferSyntaxUID == "1.2.840.10008.1.2.1"
    assert any("unknown transfer syntax '1.2.840.10008.1.9.1'" in note for note in ds.slidesan_repairs)
    assert ds.pixel_array.shape == (128, 128)
