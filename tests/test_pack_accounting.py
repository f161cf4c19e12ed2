"""Every input file ends in exactly one account, and the verdict and the exit code see it (issue 12, part 2)."""

from __future__ import annotations

import shutil
import subprocess
import sys

from pydicom.data import get_testdata_file

from slidesan.api import clean
from slidesan.options import Options

NO_OCR = Options(ocr=False, jobs=1)


def _pack(root, *extra):
    root.mkdir()
    shutil.copy(get_testdata_file("CT_small.dcm"), root / "good.dcm")
    for name, data in extra:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def test_one_good_file_and_one_dropped_file_is_needs_review_exit_1(tmp_path):
    pack = _pack(tmp_path / "in", ("scans/broken.dcm", b"DICM" * 10))
    res = subprocess.run([sys.executable, "-m", "slidesan.cli", "clean", str(pack), "-o", str(tmp_path / "out"),
                          "--no-ocr", "-j", "1"], capture_output=True, text=True)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "verdict: needs-review" in res.stdout and "1 file(s) not written" in res.stdout
    table = res.stdout[: res.stdout.index(" written without 1 file(s)")]
    assert "scans/broken.dcm" in table and "NOT WRITTEN" in table and "good.dcm" in table
    assert "scans/broken.dcm: named like DICOM but is not a DICOM file" in res.stderr


def test_every_input_file_has_exactly_one_row_and_dropped_rows_say_why(tmp_path):
    pack = _pack(tmp_path / "in", ("notes.rtf", b"hello"), ("DICOMDIR", b"x" * 200))
    report = clean(pack, tmp_path / "out", NO_OCR)
    rows = [f["path"] for f in report.files]
    assert sorted(rows) == sorted(p.relative_to(pack).as_posix() for p in pack.rglob("*") if p.is_file())
    dropped = [f for f in report.files if not f.get("output")]
    assert {f["path"] for f in dropped} == {"notes.rtf", "DICOMDIR"}
    assert all(f["problem"] and f["verdict"] == "needs-review" for f in dropped)
    assert report.verdict == "needs-review" and report.exit_code() == 1


def test_operating_system_clutter_is_accounted_for_without_a_review(tmp_path):
    pack = _pack(tmp_path / "in", (".DS_Store", b"\0\0\0\1Bud1" + bytes(100)), ("__MACOSX/._good.dcm", b"\0" * 50))
    report = clean(pack, tmp_path / "out", NO_OCR)
    clutter = [f for f in report.files if f["path"] in (".DS_Store", "__MACOSX/._good.dcm")]
    assert len(clutter) == 2 and all(not f.get("output") and f["verdict"] == "publication" for f in clutter)
    assert report.verdict == "publication" and report.exit_code() == 0


def test_check_prints_the_same_table_as_clean(tmp_path):
    pack = _pack(tmp_path / "in", ("notes.rtf", b"hello"))
    outputs = []
    for command in (["check", str(pack)], ["clean", str(pack), "-o", str(tmp_path / "out")]):
        res = subprocess.run([sys.executable, "-m", "slidesan.cli", *command, "--no-ocr", "-j", "1"],
                             capture_output=True, text=True)
        outputs.append(res.stdout)
    for text in outputs:
        assert "notes.rtf" in text and "good.dcm" in text and "verdict" in text and "high" in text
