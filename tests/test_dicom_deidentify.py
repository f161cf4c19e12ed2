"""DICOM de-identification on the planted fixture pack: every marker gone from every output byte,
UIDs consistent across the pack, pixel data byte for byte, levels and options as documented."""

from __future__ import annotations

import datetime as dt
import pickle

import pydicom
import pytest

from fixtures.dicom_pack import MARKERS, build
from slidesan.dicom import DicomOptions, PackState, deidentify, read_dicom, write_dicom
from slidesan.report.model import Finding


def _clean_pack(src, out, options, state=None):
    state = state or PackState()
    out.mkdir(exist_ok=True)
    findings = {}
    for path in sorted(src.glob("*.dcm")):
        ds = read_dicom(path)
        findings[path.name] = deidentify(ds, state, options, file=path.name)
        write_dicom(ds, out / path.name)
    return state, findings


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    src = tmp_path_factory.mktemp("pack")
    planted = build(src)
    return src, planted


@pytest.fixture(scope="module")
def publication(pack, tmp_path_factory):
    src, planted = pack
    out = tmp_path_factory.mktemp("publication")
    state, findings = _clean_pack(src, out, DicomOptions())
    return out, state, findings


@pytest.fixture(scope="module")
def limited(pack, tmp_path_factory):
    src, planted = pack
    out = tmp_path_factory.mktemp("limited")
    state, findings = _clean_pack(src, out, DicomOptions(level="limited-access"))
    return out, state, findings


def _original_uids(src):
    uids = set()
    for path in src.glob("*.dcm"):
        for elem in pydicom.dcmread(path).iterall():
            if elem.VR == "UI" and not str(elem.value).startswith("1.2.840.10008"):
                uids.add(str(elem.value))
    return uids


def test_every_marker_is_planted(pack):
    src, planted = pack
    everything = b"".join(p.read_bytes() for p in src.glob("*.dcm"))
    assert [m for m in planted["markers"] if m.encode() not in everything] == []


def test_no_marker_or_original_uid_survives_publication(pack, publication):
    src, planted = pack
    out, _, _ = publication
    needles = list(MARKERS) + [planted["study_date"]] + sorted(_original_uids(src))
    left = {p.name: [n for n in needles if n.encode() in p.read_bytes()] for p in out.glob("*.dcm")}
    assert len(left) == 6
    assert all(not found for found in left.values()), left


def test_uids_stay_consistent_and_references_resolve(pack, publication):
    src, planted = pack
    out, _, _ = publication
    ds = {p.name: pydicom.dcmread(p) for p in out.glob("*.dcm")}
    images = [d for name, d in ds.items() if name != "sc.dcm"]
    assert len({d.StudyInstanceUID for d in images}) == 1
    assert len({d.SeriesInstanceUID for d in images}) == 2
    assert len({d.FrameOfReferenceUID for d in images}) == 1
    assert ds["sc.dcm"].StudyInstanceUID != images[0].StudyInstanceUID
    sops = {d.SOPInstanceUID for d in ds.values()}
    assert len(sops) == 6
    refs = [item.ReferencedSOPInstanceUID for d in images
            for key in ("ReferencedImageSequence", "SourceImageSequence") for item in d.get(key, [])]
    assert len(refs) == 4 and set(refs) <= sops
    for d in ds.values():
        assert d.file_meta.MediaStorageSOPInstanceUID == d.SOPInstanceUID
        assert d.SOPInstanceUID.startswith("2.25.") and len(d.SOPInstanceUID) <= 64


def test_uid_mapping_is_keyed_not_a_plain_hash():
    uid = "1.2.826.0.1.3680043.8.498.1"
    assert PackState().new_uid(uid) != PackState().new_uid(uid)
    state = PackState()
    assert state.new_uid(uid) == state.new_uid(uid)


def test_pixel_data_bytes_and_transfer_syntax_unchanged(pack, publication):
    src, _ = pack
    out, _, _ = publication
    for path in src.glob("*.dcm"):
        before, after = pydicom.dcmread(path), pydicom.dcmread(out / path.name)
        assert before.PixelData == after.PixelData and len(after.PixelData) > 0
        assert (out / path.name).read_bytes().count(before.PixelData) == 1
        assert after.file_meta.TransferSyntaxUID == before.file_meta.TransferSyntaxUID


def test_file_meta_preamble_and_marks(publication):
    out, _, _ = publication
    for path in out.glob("*.dcm"):
        raw = path.read_bytes()
        assert raw[:128] == b"\0" * 128 and raw[128:132] == b"DICM"
        ds = pydicom.dcmread(path)
        assert set(ds.file_meta.keys()) == {0x00020000, 0x00020001, 0x00020002, 0x00020003,
                                           0x00020010, 0x00020012, 0x00020013}
        assert ds.file_meta.ImplementationVersionName.startswith("SLIDESAN")
        assert ds.PatientIdentityRemoved == "YES"
        assert "PS3.15 Annex E rev 2024b" in ds.DeidentificationMethod
        assert [c.CodeValue for c in ds.DeidentificationMethodCodeSequence] == ["113100", "113105", "113104"]
        assert ds.LongitudinalTemporalInformationModified == "REMOVED"
        assert not any(tag >> 16 & 1 for tag in ds.keys())
        assert not any(0x6000 <= tag >> 16 <= 0x601E or 0x5000 <= tag >> 16 <= 0x501E for tag in ds.keys())
        for keyword in ("IconImageSequence", "OriginalAttributesSequence", "PatientAge", "PatientBirthDate"):
            assert not ds.get(keyword), keyword
        assert 0xFFFAFFFA not in ds and ds.PatientSex == ""


def test_descriptors_kept_only_when_clean(pack, publication):
    _, planted = pack
    out, _, findings = publication
    mr = pydicom.dcmread(out / "mr1.dcm")
    assert mr.SeriesDescription == planted["clean_description"]
    assert "StudyDescription" not in mr
    assert any(f.action == "kept" and "SeriesDescription" in f.text for f in findings["mr1.dcm"])


def test_findings_are_report_findings_with_categories(publication):
    _, _, findings = publication
    ct = findings["ct3.dcm"]
    assert all(isinstance(f, Finding) and f.file == "ct3.dcm" for f in ct)
    categories = {f.category for f in ct}
    assert {"dicom-attribute", "private-tag", "uid", "overlay", "curve", "icon-image", "signature",
            "original-attributes", "preamble", "file-meta"} <= categories
    assert any('"QQPATNAME^JANE"' in (f.text or "") and f.severity == "high" for f in ct)
    assert any("ContentSequence" in f.message and "QQNESTEDDOC" in (f.text or "") for f in ct)


def test_limited_access_shifts_dates_keeps_age_sex_and_pseudonymises(pack, limited):
    src, planted = pack
    out, state, _ = limited
    offset = state.date_offset_days
    assert offset != 0
    expected = (dt.date(2019, 4, 17) + dt.timedelta(days=offset)).strftime("%Y%m%d")
    outs = {p.name: pydicom.dcmread(p) for p in out.glob("*.dcm")}
    for name, ds in outs.items():
        assert ds.StudyDate == expected and ds.ContentDate == expected, name
        assert ds.StudyTime == "101500"
        assert ds.PatientAge == "055Y" and ds.PatientSex == "F"
        assert ds.PatientBirthDate == ""
        assert ds.LongitudinalTemporalInformationModified == "MODIFIED"
        assert {"113100", "113107", "113108"} <= {c.CodeValue for c in ds.DeidentificationMethodCodeSequence}
    first = {d.PatientID for n, d in outs.items() if n != "sc.dcm"}
    assert len(first) == 1 and first.pop().startswith("CASE-")
    assert outs["sc.dcm"].PatientID.startswith("CASE-") and outs["sc.dcm"].PatientID != outs["ct1.dcm"].PatientID
    assert outs["ct1.dcm"].PatientName == outs["ct1.dcm"].PatientID and outs["ct1.dcm"].StudyID
    record = state.key_record()
    assert record["date_offset_days"] == offset and len(set(record["patients"].values())) == 2
    keep = {"19510302"} | {m for m in MARKERS if m.startswith("QQ")}
    for path in out.glob("*.dcm"):
        assert [m for m in keep if m.encode() in path.read_bytes()] == [], path.name
        assert planted["study_date"].encode() not in path.read_bytes()


def test_pseudonyms_agree_across_processes_when_surveyed():
    a = PackState()
    a.register_patient("X1")
    a.freeze()
    b = pickle.loads(pickle.dumps(a))                       # what a worker process receives
    assert a.pseudonym("X1") == b.pseudonym("X1") == "CASE-0001"
    assert a.pseudonym("Y2") == b.pseudonym("Y2") != "CASE-0002"   # unsurveyed: derived from the key
    assert b.new_uid("1.2.3.4") == a.new_uid("1.2.3.4")
    a.absorb(b)


def test_retain_safe_private_keeps_only_listed_elements():
    ds = read_dicom(pydicom.data.get_testdata_file("MR_small.dcm"))
    ds.add_new(0x00190010, "LO", "SIEMENS MR HEADER")
    ds.add_new(0x0019100C, "IS", "1000")
    ds.add_new(0x00191010, "LO", "QQSIEMENSPHI")
    ds.add_new(0x00290010, "LO", "SIEMENS CSA HEADER")
    ds.add_new(0x00291010, "OB", b"QQCSA")
    deidentify(ds, PackState(), DicomOptions(retain_safe_private=True))
    assert ds[0x0019100C].value == "1000" and ds[0x00190010].value == "SIEMENS MR HEADER"
    assert 0x00191010 not in ds and 0x00291010 not in ds and 0x00290010 not in ds
    assert "113111" in {c.CodeValue for c in ds.DeidentificationMethodCodeSequence}
    plain = read_dicom(pydicom.data.get_testdata_file("MR_small.dcm"))
    plain.add_new(0x00190010, "LO", "SIEMENS MR HEADER")
    plain.add_new(0x0019100C, "IS", "1000")
    deidentify(plain, PackState(), DicomOptions())
    assert 0x0019100C not in plain


def test_clean_pixel_code_only_when_pixels_cleaned():
    ds = read_dicom(pydicom.data.get_testdata_file("CT_small.dcm"))
    deidentify(ds, PackState(), DicomOptions(), pixels_cleaned=True)
    assert "113101" in {c.CodeValue for c in ds.DeidentificationMethodCodeSequence}


def test_descriptor_rules_with_and_without_the_identifier_engine(monkeypatch):
    from slidesan.dicom import values
    terms = frozenset({"okonkwo"})
    assert values.descriptor_is_clean("MR BRAIN AXIAL T2", terms)
    assert not values.descriptor_is_clean("CT head - 55F Dr Smith", terms)
    assert not values.descriptor_is_clean("CT HEAD okonkwo", terms)
    monkeypatch.setattr(values, "_identifier_engine", lambda: None)
    assert values.descriptor_is_clean("Head routine with contrast", terms)
    assert not values.descriptor_is_clean("follow up of known lesion", terms)   # not imaging vocabulary
    assert not values.descriptor_is_clean("CT head - 55F Dr Smith", terms)


def test_retain_device_identity_keeps_station_and_serial():
    ds = read_dicom(pydicom.data.get_testdata_file("CT_small.dcm"))
    ds.DeviceSerialNumber = "SN-4471"
    deidentify(ds, PackState(), DicomOptions(retain_device_identity=True))
    assert ds.StationName == "CT01_OC0" and ds.DeviceSerialNumber == "SN-4471"
    assert "113109" in {c.CodeValue for c in ds.DeidentificationMethodCodeSequence}
    plain = read_dicom(pydicom.data.get_testdata_file("CT_small.dcm"))
    deidentify(plain, PackState(), DicomOptions())
    assert not plain.StationName
