"""Burned-in text and overlay text in DICOM pixels (issue 4 part 3); face-risk series (part 4a)."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.data import get_testdata_file

from fixtures import dicom_burned_in as fx
from slidesan.api import check
from slidesan.dicom import PackState, burned_in, face_risk, pixels
from slidesan.options import Options
from slidesan.pack import dicom_file
from slidesan.report.model import HIGH, PUBLICATION, verdict_of
from slidesan.scan.ocr import tesseract_status

needs_ocr = pytest.mark.skipif(not tesseract_status()[0], reason="tesseract not installed")
CORPUS = "corpus/images"


def read(path) -> pydicom.Dataset:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pydicom.dcmread(path)


def burned(findings):
    return [f for f in findings if f.step == "burned-in"]


# -- which instances are read (no OCR needed) --------------------------------------------------

def test_reasons_to_read_pick_captures_not_plain_ct(tmp_path):
    fx.ultrasound_with_text(tmp_path / "us.dcm")
    assert "ultrasound" in burned_in.reasons_to_read(read(tmp_path / "us.dcm"))
    assert burned_in.reasons_to_read(read(get_testdata_file("CT_small.dcm"))) == []
    sc = read(get_testdata_file("SC_rgb_small_odd.dcm"))
    assert any("secondary capture" in r for r in burned_in.reasons_to_read(sc))
    ct = read(get_testdata_file("CT_small.dcm"))
    ct.SeriesDescription = "Dose Report"
    assert burned_in.reasons_to_read(ct)
    ct = read(get_testdata_file("CT_small.dcm"))
    ct.BurnedInAnnotation = "NO"
    assert burned_in.reasons_to_read(ct) == []


def test_header_terms_match_ids_fuzzily_and_birth_dates_in_many_formats():
    ds = read(get_testdata_file("CT_small.dcm"))
    ds.PatientName, ds.PatientID, ds.PatientBirthDate = "SMITH^JOHN", "00079241539", "19510829"
    terms = burned_in.header_terms(ds)

    def cats(text):
        return {c for t in terms for c, _, _ in t.find(text)}

    assert cats("ID 0O079241539") == {"patient-id"}          # look-alike letter
    assert cats("ID 00079241533") == {"patient-id"}          # one digit misread
    assert cats("ID 00012345678") == set()
    for text in ("DOB: 08/29/1951", "29.08.1951", "1951-08-29", "29-AUG-1951", "Aug 29, 1951", "29/08/51"):
        assert cats(text) == {"date-of-birth"}, text
    assert cats("28.08.1951") == set()
    assert cats("Smith, John") == {"name"}
    assert cats("SMITHFIELD road") == set()


def test_sample_frames_first_middle_last():
    assert pixels.sample_frames(1) == [0]
    assert pixels.sample_frames(3) == [0, 1, 2]
    picks = pixels.sample_frames(100)
    assert picks[0] == 0 and picks[-1] == 99 and len(picks) == 5
    assert 49 in picks or 50 in picks


def test_no_ocr_gives_one_not_inspected_finding_per_instance(tmp_path):
    fx.ultrasound_with_text(tmp_path / "us.dcm")
    findings = dicom_file.clean_dicom((tmp_path / "us.dcm").read_bytes(), "us.dcm", PackState(),
                                      Options(ocr=False), tmp_path / "out.dcm")
    skipped = [f for f in findings if f.action == "not-inspected"]
    assert len(skipped) == 1 and skipped[0].file == "us.dcm"
    assert verdict_of(findings) != PUBLICATION
    assert read(tmp_path / "out.dcm").BurnedInAnnotation == "YES"       # nothing claims it was cleaned


# -- OCR of a synthetic ultrasound -------------------------------------------------------------

@needs_ocr
def test_burned_in_identifiers_found_with_boxes_in_the_top_bar(tmp_path):
    planted = fx.ultrasound_with_text(tmp_path / "us.dcm")
    found = burned_in.inspect(read(tmp_path / "us.dcm"), "us.dcm", Options()).findings
    by_category = {f.category: f for f in found}
    assert {"name", "date-of-birth", "patient-id"} <= set(by_category)
    for f in found:
        assert f.action == "flagged" and f.file == "us.dcm" and f.severity == HIGH
        left, top, right, bottom = f.box
        assert bottom <= planted["top_bar"][3] and right > left
    assert by_category["patient-id"].text.endswith(fx.PATIENT_ID)


@needs_ocr
def test_redact_blacks_out_boxes_and_marks_pixels_cleaned(tmp_path):
    fx.ultrasound_with_text(tmp_path / "us.dcm")
    original = read(tmp_path / "us.dcm").pixel_array
    out = tmp_path / "out.dcm"
    findings = dicom_file.clean_dicom((tmp_path / "us.dcm").read_bytes(), "us.dcm", PackState(),
                                      Options(redact=True), out)
    painted = [f for f in burned(findings) if f.action == "redacted"]
    assert len(painted) >= 3 and not [f for f in burned(findings) if f.remains]
    ds = read(out)
    assert ds.BurnedInAnnotation == "NO"
    assert "113101" in {item.CodeValue for item in ds.DeidentificationMethodCodeSequence}
    arr = ds.pixel_array
    for f in painted:
        left, top, right, bottom = f.box
        assert arr[top:bottom + 1, left:right + 1].max() == 0
        assert original[top:bottom + 1, left:right + 1].max() == 255
    assert np.array_equal(arr[100:, :], original[100:, :])            # the image below is untouched
    assert burned(burned_in.inspect(ds, "out.dcm", Options()).findings) == []


@needs_ocr
def test_without_redact_text_stays_flagged_and_annotation_yes(tmp_path):
    fx.ultrasound_with_text(tmp_path / "us.dcm")
    out = tmp_path / "out.dcm"
    data = (tmp_path / "us.dcm").read_bytes()
    findings = dicom_file.clean_dicom(data, "us.dcm", PackState(), Options(), out)
    assert any(f.category == "name" and f.action == "flagged" for f in findings)
    ds = read(out)
    assert ds.BurnedInAnnotation == "YES"
    assert "113101" not in {item.CodeValue for item in ds.DeidentificationMethodCodeSequence}
    assert ds.PixelData == read(tmp_path / "us.dcm").PixelData         # byte for byte


@needs_ocr
def test_overlay_text_is_read_before_the_plane_is_removed(tmp_path):
    fx.with_overlay_text(tmp_path / "ov.dcm")
    out = tmp_path / "out.dcm"
    findings = dicom_file.clean_dicom((tmp_path / "ov.dcm").read_bytes(), "ov.dcm", PackState(), Options(), out)
    names = [f for f in burned(findings) if f.category == "name"]
    assert names and all(f.action == "removed" and "overlay 6000" in f.message for f in names)
    assert not any(tag >> 16 == 0x6000 for tag in read(out).keys())


# -- the shared corpus -------------------------------------------------------------------------

def corpus_findings(shared_dir, name, **kw):
    path = shared_dir / CORPUS / name
    return burned_in.inspect(read(path), name, Options(**kw)).findings


@needs_ocr
def test_corpus_greyscale_ultrasound_identifiers(shared_dir):
    found = corpus_findings(shared_dir, "deid_data/GREYSCALE_IMAGE.dcm")
    texts = {f.text for f in found if f.severity == HIGH}
    assert "00079241539" in texts and "08/29/1951" in texts
    assert any(f.category == "date-of-birth" for f in found)


@needs_ocr
def test_corpus_rgb_ultrasound_identifiers(shared_dir):
    found = corpus_findings(shared_dir, "deid_data/RGB_IMAGE.dcm")
    by_text = {f.text: f.category for f in found if f.severity == HIGH}
    assert by_text.get("120907058") == "accession"           # the header's accession number
    assert "ZZZDOWNTIME" in by_text and "00047431395" in by_text


@needs_ocr
def test_corpus_false_positive_control(shared_dir):
    found = corpus_findings(shared_dir, "smi_dicompixelanon/US-GE-4AICL142.dcm")
    assert not [f for f in found if f.severity == HIGH]


@needs_ocr
def test_corpus_overlay_in_unused_bits(shared_dir):
    found = corpus_findings(shared_dir, "smi_dicompixelanon/XA_GE_JPEG_02_with_Overlays.dcm")
    if any(f.action == "not-inspected" for f in found):          # JPEG Lossless needs pylibjpeg-libjpeg
        assert "cannot be decoded" in found[0].message
        return
    names = {f.text for f in found if f.category == "name"}
    assert {"MAZHAR", "ISMAEL"} <= names
    assert all("unused pixel bit" in f.message for f in found)


# -- face risk (part 4a) -----------------------------------------------------------------------

def test_thin_head_ct_series_flagged_for_face_rendering(tmp_path):
    head = fx.head_ct_series(tmp_path / "pack" / "head", slices=60, thickness=1.0)
    fx.head_ct_series(tmp_path / "pack" / "abdo", slices=10, thickness=1.0, body_part="ABDOMEN",
                      description="CT ABDOMEN")
    headers = {p.relative_to(tmp_path / "pack").as_posix(): read(p) for p in sorted((tmp_path / "pack").rglob("*.dcm"))}
    found = face_risk.assess(headers)
    assert list(found) == ["head/" + head[0].name]
    finding = found["head/" + head[0].name][0]
    assert finding.category == "face" and finding.severity == "review" and finding.action == "flagged"
    assert "60 slices" in finding.message and "HEAD" in finding.message


def test_face_risk_not_for_thick_or_abdominal_series(tmp_path):
    thick = {p.name: read(p) for p in fx.head_ct_series(tmp_path / "t", slices=45, thickness=5.0)}
    abdo = {p.name: read(p) for p in fx.head_ct_series(tmp_path / "a", slices=60, body_part="ABDOMEN",
                                                       description="CT ABDOMEN")}
    assert face_risk.assess(thick) == {} and face_risk.assess(abdo) == {}


def test_pack_check_reports_face_risk_once(tmp_path):
    fx.head_ct_series(tmp_path / "pack" / "head", slices=60, thickness=1.0)
    report = check([tmp_path / "pack"], Options(ocr=False, jobs=1))
    faces = [f for f in report.findings if f.category == "face"]
    assert len(faces) == 1 and faces[0].file == "head/IM0001.dcm"


@needs_ocr
def test_multiframe_sampled_merged_and_redacted_in_every_frame(tmp_path):
    fx.multiframe_ultrasound(tmp_path / "cine.dcm", frames=12)
    original = read(tmp_path / "cine.dcm").pixel_array
    out = tmp_path / "out.dcm"
    findings = burned(dicom_file.clean_dicom((tmp_path / "cine.dcm").read_bytes(), "cine.dcm", PackState(),
                                             Options(redact=True), out))
    assert len([f for f in findings if f.category == "patient-id"]) == 1      # five sampled frames, one finding
    arr = read(out).pixel_array
    assert arr.shape == original.shape
    box = next(f.box for f in findings if f.category == "patient-id")
    for frame in range(12):
        assert arr[frame, box[1]:box[3] + 1, box[0]:box[2] + 1].max() == 0
        assert np.array_equal(arr[frame, 100:], original[frame, 100:])


def test_undecodable_pixels_are_not_inspected_and_the_header_still_cleaned(tmp_path):
    from pydicom.encaps import encapsulate
    from pydicom.uid import JPEG2000Lossless

    fx.ultrasound_with_text(tmp_path / "us.dcm")
    ds = read(tmp_path / "us.dcm")
    ds.file_meta.TransferSyntaxUID = JPEG2000Lossless
    ds.PixelData = encapsulate([b"\xff\x4f\xff\x51 not a codestream" * 4])
    ds["PixelData"].VR = "OB"
    ds.save_as(tmp_path / "bad.dcm", enforce_file_format=True)
    out = tmp_path / "out.dcm"
    findings = dicom_file.clean_dicom((tmp_path / "bad.dcm").read_bytes(), "bad.dcm", PackState(),
                                      Options(redact=True), out)
    skipped = [f for f in findings if f.action == "not-inspected"]
    if tesseract_status()[0]:
        assert len(skipped) == 1 and "cannot be decoded" in skipped[0].message
    assert read(out).PatientName != fx.PATIENT_NAME and read(out).PixelData == ds.PixelData
