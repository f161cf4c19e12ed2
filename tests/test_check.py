"""`slidesan check`: writes nothing unless asked, reports the input as it is, gates with 0/1/2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures import packs
from helpers import cli_in_process
from slidesan.api import check, check_exit_code, clean
from slidesan.errors import SlidesanError
from slidesan.options import Options
from slidesan.report.model import GONE_ACTIONS

NO_OCR = Options(ocr=False)


def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "slidesan.cli", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd)


def listing(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*")}


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    root = tmp_path_factory.mktemp("check")
    planted = packs.build(root)
    planted["root"] = root
    return planted


@pytest.fixture(scope="module")
def checked(pack):
    return check([pack["folder"]], NO_OCR)


def test_check_pack_exits_1_prints_table_and_writes_nothing(pack):
    before = listing(pack["root"])
    res = run_cli("check", pack["folder"], pack["zip"], "--no-ocr", cwd=pack["root"])
    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr
    assert "verdict: identifiable  (20 file(s)" in res.stdout
    assert "pack/mr/MR_small.dcm" in res.stdout and "pack.zip/talk.pptx" in res.stdout
    assert res.stderr.count("truncated DICOM") == 2 and res.stderr.count("\n") == 8      # 4 bad files x 2 packs
    assert listing(pack["root"]) == before


def test_check_reports_what_is_in_the_input_as_present(checked):
    assert checked.findings
    assert not [f for f in checked.findings if f.action in GONE_ACTIONS]
    by_file = {f["path"]: f for f in checked.files}
    assert by_file["Smith John 1961/SMITH_JOHN.dcm"]["verdict"] == "identifiable"
    assert by_file["photos/knee.jpg"]["counts"]["high"] >= 1          # EXIF artist and GPS
    assert by_file["photos/chart.png"]["counts"]["remaining"] >= 1
    assert any(f.category == "folder-name" and f.action == "flagged" for f in checked.findings)
    assert any(f.category == "file-name" and f.file == "Smith John 1961/SMITH_JOHN.dcm" for f in checked.findings)
    assert by_file["DICOMDIR"]["counts"]["not-inspected"] == 1
    assert check_exit_code(checked) == 1


def test_check_treats_crops_as_high(checked, pack, tmp_path):
    crops = [f for f in checked.findings if f.category == "crop"]
    assert crops, "talk.pptx has a cropped picture"
    assert all(f.severity == "high" and f.action in ("flagged", "not-inspected") for f in crops)
    single = clean(pack["folder"] / "talk.pptx", tmp_path / "t.pptx", NO_OCR)
    assert {f.severity for f in single.findings if f.category == "crop"} != {"high"}, "clean keeps its own severity"


def test_check_missing_path_exit_2_one_line(tmp_path, capfd):
    res = cli_in_process(capfd, "check", tmp_path / "nope")
    assert res.returncode == 2
    assert [ln for ln in res.stderr.splitlines() if ln.strip()] == [f"slidesan: error: {tmp_path / 'nope'}: no such "
                                                                   "file or folder"]
    with pytest.raises(SlidesanError):
        check([tmp_path / "nope"], NO_OCR)


def test_check_writes_reports_only_when_asked(pack, tmp_path):
    report_json, report_html = tmp_path / "r.json", tmp_path / "r.html"
    res = run_cli("check", pack["folder"] / "mr", "--no-ocr", "-q", "--report-json", report_json,
                  "--report-html", report_html)
    assert res.returncode == 1, res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.json"]
    data = json.loads(report_json.read_text())
    assert data["command"] == "check" and data["output"]["path"] is None
    assert [f["path"] for f in data["files"]] == ["MR_small.dcm"]
    assert all(f["file"] == "MR_small.dcm" for f in data["findings"])


def test_check_of_a_cleaned_pack_finds_no_identifier_in_dicom(pack, tmp_path):
    out = tmp_path / "out"
    clean(pack["folder"] / "mr", out, NO_OCR)
    report = check([out], NO_OCR)
    assert report.findings and all(f.severity == "info" for f in report.findings), \
        [(f.category, f.severity, f.message) for f in report.findings if f.severity != "info"]
    assert check_exit_code(report) == 0


@pytest.mark.skipif(not __import__("shutil").which("tesseract"), reason="Tesseract is needed")
@pytest.mark.parametrize("level", ["publication", "limited-access"])
def test_a_hidden_name_band_is_never_limited_access_on_check(tmp_path, level):
    """A handout whose picture is drawn whole behind a clip (LibreOffice's export of a cropped
    picture): the hidden band is not read by the scan, so check cannot call the file limited-access
    ("only indirect identifiers remain") nor pass it at that level."""
    from fixtures.pdfs import clipped_pixels

    path = tmp_path / "handout.pdf"
    clipped_pixels.build(path)
    report = check([path], Options(level=level, jobs=1))
    crops = [f for f in report.findings if f.category == "crop"]
    assert crops and all(f.severity == "high" and f.action == "not-inspected" for f in crops)
    assert report.verdict not in ("publication", "limited-access")
    assert check_exit_code(report) == 1
