"""Zips inside a pack (one zip per case, a series zipped inside the workshop folder) are opened as
part of the pack: every file inside has its own row, is checked and cleaned like any other, and a
clean writes the zip back as a zip. Before, each was "a zip inside the pack is not opened" and the
pack stayed at needs-review whatever it held.

Made-up material: the pack fixture's planted DICOM (fixtures/packs.py) and case notes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pydicom

import slidesan
from fixtures.packs import plant_dicom
from slidesan.options import Options
from slidesan.pack import nested

NOTES = b"Case 3: 61-year-old man, cough for six weeks. CT: spiculated nodule, right upper lobe.\n"
PATIENT_NOTE = b"Patient SMITH, John  RX4471923  seen by Dr Amelia Hartwell\n"


def zipped(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel, data in files.items():
            zf.writestr(rel, data)
    return buf.getvalue()


def write(root, files: dict[str, bytes]):
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def ct() -> bytes:
    return plant_dicom("CT_small.dcm", "SMITH^JOHN", "MRN77341", "19610304", "PLANT-PRIVATE SMITH JOHN")


def test_files_in_a_case_zip_are_checked_one_by_one(tmp_path):
    pack = write(tmp_path / "pack", {"cases/case3.zip": zipped({"ct/1.dcm": ct(), "notes.txt": PATIENT_NOTE})})
    report = slidesan.check([pack], Options(ocr=False, jobs=1))
    rows = {row["path"]: row for row in report.files}
    assert {"cases/case3.zip/ct/1.dcm", "cases/case3.zip/notes.txt"} <= set(rows), sorted(rows)
    assert rows["cases/case3.zip/ct/1.dcm"]["kind"] == "dicom"
    assert any(f.file == "cases/case3.zip/notes.txt" and f.category == "hospital-number" for f in report.findings)
    assert not any("not opened" in f.message for f in report.findings)
    assert report.verdict == "identifiable"


def test_a_clean_writes_the_case_zip_back_cleaned(tmp_path):
    pack = write(tmp_path / "pack", {"cases/case3.zip": zipped({"ct/1.dcm": ct(), "notes.txt": NOTES}),
                                     "cases/readme.txt": b"Three cases of lung nodules.\n"})
    out = tmp_path / "out"
    report = slidesan.clean(pack, out, Options(ocr=False, jobs=1))
    inner = out / "cases" / "case3.zip"
    assert inner.is_file() and zipfile.is_zipfile(inner)
    with zipfile.ZipFile(inner) as zf:
        assert sorted(zf.namelist()) == ["ct/1.dcm", "notes.txt"]
        ds = pydicom.dcmread(io.BytesIO(zf.read("ct/1.dcm")))
        assert "SMITH" not in str(ds.PatientName) and b"PLANT-PRIVATE" not in zf.read("ct/1.dcm")
        assert zf.read("notes.txt") == NOTES
    outputs = {row["path"]: row["output"] for row in report.files}
    assert outputs["cases/case3.zip/ct/1.dcm"] == "cases/case3.zip/ct/1.dcm"
    assert report.verdict == "publication", [(f.file, f.message) for f in report.findings if f.remains]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "pack"]      # no work folder left behind


def test_a_zip_named_after_the_patient_is_renamed_and_stays_a_zip(tmp_path):
    pack = write(tmp_path / "pack", {"SMITH_John_RX4471923.zip": zipped({"1.dcm": ct()})})
    out = tmp_path / "out.zip"
    slidesan.clean(pack, out, Options(ocr=False, jobs=1))
    with zipfile.ZipFile(out) as outer:
        names = outer.namelist()
        assert len(names) == 1 and names[0].endswith(".zip") and "SMITH" not in names[0], names
        with zipfile.ZipFile(io.BytesIO(outer.read(names[0]))) as inner:
            assert len(inner.namelist()) == 1 and b"SMITH" not in inner.read(inner.namelist()[0])


def test_zips_nested_too_deep_are_reported_not_opened(tmp_path):
    data = zipped({"notes.txt": NOTES})
    for level in range(nested.MAX_DEPTH + 1):
        data = zipped({f"level{level}.zip": data})
    pack = write(tmp_path / "pack", {"deep.zip": data})
    report = slidesan.clean(pack, tmp_path / "out", Options(ocr=False, jobs=1))
    assert any("nested more than" in f.message and f.remains for f in report.findings)
    assert report.verdict == "needs-review" and report.exit_code() == 1


def test_a_top_level_zip_opens_the_zips_it_holds(tmp_path):
    pack = tmp_path / "pack.zip"
    pack.write_bytes(zipped({"case1.zip": zipped({"notes.txt": PATIENT_NOTE}), "case2/notes.txt": NOTES}))
    report = slidesan.check([pack], Options(ocr=False, jobs=1))
    assert any(f.file == "case1.zip/notes.txt" and f.category == "hospital-number" for f in report.findings)


def test_a_zip_pack_is_opened_once_not_once_per_member(tmp_path, monkeypatch):
    """Opening a zip parses its whole central directory: reopened for every member's read, a
    3,000-member pack took minutes (20 ms a read). Members are read from one open zip per run."""
    from slidesan.pack import walk

    pack = tmp_path / "pack.zip"
    pack.write_bytes(zipped({f"case{i}/notes.txt": NOTES for i in range(40)} | {"cases.zip": zipped(
        {f"c{i}.txt": NOTES for i in range(20)})}))
    opened = []
    real = zipfile.ZipFile

    def counting(file, *args, **kwargs):
        if isinstance(file, (str, Path)):         # a file on disk (zip_kind also opens bytes in memory)
            opened.append(str(file))
        return real(file, *args, **kwargs)
    monkeypatch.setattr(walk.zipfile, "ZipFile", counting)
    report = slidesan.check([pack], Options(ocr=False, jobs=1))
    assert len(report.files) == 60 and report.verdict == "publication"
    assert len(opened) <= 6, opened       # the pack and its inner zip's copy a few times each, not 60
    assert not walk._open_archives()                  # closed at the end of the run
