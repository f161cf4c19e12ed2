"""Plain-text case notes in a pack are read like slide text and copied as they are.

Made-up notes: a patient named in a .txt, a .csv row and a UTF-16 file is flagged with its line;
notes that name nobody let the pack reach `publication` (before, every text file was "not a file
this tool can inspect" and kept the pack at needs-review); bytes that are no text are not copied."""

from __future__ import annotations

import slidesan
from slidesan.options import Options

NOTES = ("Case 7: 54-year-old man with a cough.\nCT: consolidation in the right lower lobe, 23 mm nodule.\n"
         "Teaching point: compare with the prior study.\n")


def write(root, files: dict[str, bytes]):
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def test_notes_naming_a_patient_are_flagged_with_their_line(tmp_path):
    pack = write(tmp_path / "pack", {
        "case07/notes.txt": (NOTES + "Referred by Dr Amelia Hartwell; patient SMITH, John, NHS 943 476 5919\n").encode(),
        "case07/cases.csv": b"case,patient,finding\n7,Thistlewood Margaret RX4471923,consolidation\n",
        "case07/notes_win.txt": b"\xff\xfe" + "Patient: Ravenscroft, Leopold  DOB 14/03/1952\n".encode("utf-16-le"),
    })
    report = slidesan.check([pack], Options(ocr=False, jobs=1))
    flagged = {(f.file, f.category) for f in report.findings if f.action == "flagged" and f.severity == "high"}
    assert {("case07/notes.txt", "nhs-number"), ("case07/notes.txt", "clinician"),
            ("case07/cases.csv", "hospital-number"), ("case07/notes_win.txt", "date-of-birth")} <= flagged
    assert any(f.file == "case07/notes.txt" and "line 4" in f.message for f in report.findings)
    assert report.verdict == "identifiable"
    out = tmp_path / "out"
    cleaned = slidesan.clean(pack, out, Options(ocr=False, jobs=1))
    assert (out / "case07" / "notes.txt").read_bytes() == (pack / "case07" / "notes.txt").read_bytes()
    assert cleaned.verdict == "identifiable"


def test_notes_that_name_nobody_let_the_pack_be_published(tmp_path):
    pack = write(tmp_path / "pack", {"case07/notes.txt": NOTES.encode(), "case07/README.md": b"# Case 7\nChest CT.\n",
                                     "case07/sizes.csv": b"case,finding,size_mm\n7,nodule,23\n8,effusion,\n"})
    report = slidesan.clean(pack, tmp_path / "out", Options(ocr=False, jobs=1))
    assert report.verdict == "publication" and report.exit_code() == 0, \
        [(f.file, f.category, f.severity, f.text) for f in report.findings if f.severity != "info"]
    assert sorted(p.name for p in (tmp_path / "out" / "case07").iterdir()) == ["README.md", "notes.txt", "sizes.csv"]


def test_bytes_that_are_no_text_are_not_copied(tmp_path):
    pack = write(tmp_path / "pack", {"case07/notes.txt": b"\x00\x01\x02binary\x00SMITH"})
    report = slidesan.clean(pack, tmp_path / "out", Options(ocr=False, jobs=1))
    assert report.verdict == "needs-review" and not (tmp_path / "out" / "case07" / "notes.txt").exists()


def test_json_is_read_value_by_value_with_its_keys(tmp_path):
    """A converter's sidecar, a DICOM header exported as JSON (PS3.18 F.2) and a case list keyed by
    hospital number: every value and key is judged, minified or not; DICOM tags are not numbers."""
    import json

    sidecar = {"Modality": "MR", "InstitutionName": "Royal Infirmary of Edinburgh", "EchoTime": 0.00227,
               "AcquisitionDateTime": "2019-03-14T10:15:22.500000", "ConversionSoftware": "dcm2niix"}
    header = {"00100010": {"vr": "PN", "Value": [{"Alphabetic": "THISTLEWOOD^MARGARET"}]},
              "00100030": {"vr": "DA", "Value": ["19520314"]}, "00280010": {"vr": "US", "Value": [512]}}
    cases = {"RX4471923": {"diagnosis": "pneumothorax"}}
    pack = write(tmp_path / "pack", {"sub-01/anat/T1w.json": json.dumps(sidecar, indent=2).encode(),
                                     "export/header.json": json.dumps(header).encode(),
                                     "cases.json": json.dumps(cases).encode()})
    report = slidesan.check([pack], Options(ocr=False, jobs=1))
    flagged = {(f.file, f.category, f.text) for f in report.findings if f.severity == "high" and f.remains}
    assert {("sub-01/anat/T1w.json", "institution", "Royal Infirmary of Edinburgh"),
            ("sub-01/anat/T1w.json", "date", "2019-03-14"),
            ("export/header.json", "name", "THISTLEWOOD^MARGARET"), ("export/header.json", "date", "19520314"),
            ("cases.json", "hospital-number", "RX4471923")} <= flagged, flagged
    assert not any(f.text in ("00100010", "00100030", "00280010") for f in report.findings)
    assert any("at /00100010/Value[0]/Alphabetic" in f.message for f in report.findings)


def test_json_of_a_clean_case_lets_the_pack_be_published(tmp_path):
    import json

    pack = write(tmp_path / "pack", {"case07/case.json": json.dumps(
        {"case": 7, "title": "Right lower lobe consolidation", "modality": "CT", "findings": ["consolidation",
                                                                                               "air bronchograms"]}).encode()})
    report = slidesan.clean(pack, tmp_path / "out", Options(ocr=False, jobs=1))
    assert report.verdict == "publication", [(f.file, f.category, f.text) for f in report.findings if f.remains]
    assert (tmp_path / "out" / "case07" / "case.json").read_bytes() == (pack / "case07" / "case.json").read_bytes()
