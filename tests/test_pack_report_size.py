"""A big pack's report stays small and keeps everything the verdict needs (issue 12, part 5); names
that only look like header words are not renamed."""

from __future__ import annotations

import json
import shutil

import pydicom
import pytest
from pydicom.data import get_testdata_file

from slidesan.api import clean, write_reports
from slidesan.options import Options
from slidesan.pack import findings_sink

NO_OCR = Options(ocr=False, jobs=1)


@pytest.fixture
def series(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    for n in range(12):
        shutil.copy(get_testdata_file("CT_small.dcm"), root / f"slice{n:02d}.dcm")
    (root / "notes.rtf").write_text("not a picture")                     # one file that needs review
    return root


def test_past_the_budget_findings_are_grouped_and_spooled_verdict_unchanged(series, tmp_path, monkeypatch):
    full = clean(series, tmp_path / "full", NO_OCR)
    monkeypatch.setattr(findings_sink, "DETAIL_BUDGET", 40)
    small = clean(series, tmp_path / "small", NO_OCR)
    assert full.findings_complete and not small.findings_complete
    assert small.verdict == full.verdict == "needs-review" and small.exit_code() == full.exit_code()
    kept = {(f.file, f.message) for f in small.findings}
    assert all((f.file, f.message) in kept for f in full.findings if findings_sink.notable(f))
    assert len(small.findings) < len(full.findings) / 5
    uids = next(g for g in small.groups if g["category"] == "uid" and g["kind"] == "SOPInstanceUID")
    assert uids["count"] == 12 and uids["files"] == 12
    json_path, html_path = write_reports(small, tmp_path / "small")
    details = json_path.with_name("small.report.details.jsonl")
    lines = details.read_text().splitlines()
    assert len(lines) == sum(f["counts"]["removed"] + f["counts"]["remaining"] + f["counts"]["noted"] + f["counts"]["not-inspected"]
                             for f in small.files)
    assert json.loads(lines[0])["file"]
    data = json.loads(json_path.read_text())
    assert data["findings_complete"] is False and data["details"] == str(details) and data["finding_groups"]
    assert "Changes by kind" in html_path.read_text()


def test_a_complete_report_leaves_no_details_file_behind(series, tmp_path):
    report = clean(series, tmp_path / "out", NO_OCR)
    json_path, _ = write_reports(report, tmp_path / "out")
    assert report.findings_complete and report.details_path is None
    assert not list(tmp_path.glob("*.details.jsonl"))


def test_generic_header_words_and_short_name_parts_do_not_rename(tmp_path):
    root = tmp_path / "in"
    (root / "fo-dicom").mkdir(parents=True)
    (root / "Annotations").mkdir()
    ds = pydicom.dcmread(get_testdata_file("CT_small.dcm"))
    ds.PatientName, ds.PatientID = "DICOM^TEST", "PHANTOM"
    ds.save_as(root / "fo-dicom" / "ct.dcm")
    ds.PatientName, ds.PatientID = "Ann^Lee", "RX55102"
    ds.save_as(root / "Annotations" / "ct.dcm")
    report = clean(root, tmp_path / "out", NO_OCR)
    outputs = sorted(f["output"] for f in report.files if f.get("output"))
    assert outputs == ["Annotations/ct.dcm", "fo-dicom/ct.dcm"]
    ds.save_as(root / "Annotations" / "ann_lee.dcm")                       # a real name part is still caught
    again = clean(root, tmp_path / "out2", NO_OCR)
    assert not any("ann_lee" in (f.get("output") or "").lower() for f in again.files)


def test_a_leading_modality_code_is_not_a_title(tmp_path):
    from slidesan.pack.plan import name_holds_identifiers

    assert not name_holds_identifiers("MR-SIEMENS-DICOM-WithOverlays", frozenset())
    assert name_holds_identifiers("MR_SMITH_JOHN", frozenset())            # the name after it still counts
    assert name_holds_identifiers("Mr Okonkwo", frozenset())
