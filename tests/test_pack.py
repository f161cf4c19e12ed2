"""Cleaning a case pack: same layout, renames, no planted byte anywhere, reports beside OUT."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pydicom
import pytest

from fixtures import packs
from slidesan.api import clean, report_paths
from slidesan.options import Options

NO_OCR = Options(ocr=False)
EXPECTED_OUTPUTS = {"CASE-0001/CASE-0001-0001.dcm", "mr/MR_small.dcm", "photos/chart.png", "photos/knee.jpg",
                    "talk.pptx"}


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "slidesan.cli", *map(str, args)], capture_output=True, text=True)


def tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() or p.is_symlink()}


def every_blob(path: Path) -> dict[str, bytes]:
    """A file's bytes and, for zips (decks, zip packs), every member's bytes too."""
    blobs = {str(path): path.read_bytes()}
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                blobs[f"{path}!{name}"] = zf.read(name)
                blobs[f"{path}!name:{name}"] = name.encode()
                if name.endswith(".pptx"):
                    inner = zipfile.ZipFile(io.BytesIO(zf.read(name)))
                    blobs.update({f"{path}!{name}!{n}": inner.read(n) for n in inner.namelist()})
    return blobs


def planted_hits(root: Path, markers) -> list[str]:
    hits = []
    files = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
    for path in files:
        rel = path.relative_to(root.parent).as_posix()
        for marker in markers:
            if marker.decode().lower() in rel.lower():
                hits.append(f"name {rel} holds {marker!r}")
        for where, data in every_blob(path).items():
            for marker in markers:
                if marker in data or marker.decode().encode("utf-16-le") in data:
                    hits.append(f"{where} holds {marker!r}")
    return hits


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    root = tmp_path_factory.mktemp("packs")
    planted = packs.build(root)
    planted["root"] = root
    return planted


@pytest.fixture(scope="module")
def cleaned_folder(pack):
    out = pack["root"] / "pack-clean"
    report = clean(pack["folder"], out, NO_OCR)
    return out, report


def test_folder_pack_keeps_layout_minus_dropped_plus_renames(pack, cleaned_folder):
    out, report = cleaned_folder
    assert tree(out) == EXPECTED_OUTPUTS
    assert report.output_path == str(out)
    summaries = {f["path"]: f for f in report.files}
    assert summaries["Smith John 1961/SMITH_JOHN.dcm"]["output"] == "CASE-0001/CASE-0001-0001.dcm"
    assert summaries["talk.pptx"]["kind"] == "deck" and summaries["talk.pptx"]["output"] == "talk.pptx"
    for dropped in pack["dropped"]:
        assert summaries[dropped]["output"] is None
    renamed = [f for f in report.findings if f.action == "renamed" and f.step == "pack"]
    assert {f.category for f in renamed} == {"file-name", "folder-name"}


def test_no_planted_marker_in_any_output_byte_or_name(pack, cleaned_folder):
    out, _ = cleaned_folder
    assert planted_hits(out, pack["markers"]) == []
    # the input really held them, so the search can fail
    assert planted_hits(pack["folder"], pack["markers"])


def test_every_finding_names_its_file_relative_to_the_pack(cleaned_folder):
    _, report = cleaned_folder
    assert report.findings
    assert all(f.file and not f.file.startswith("/") and "pack" not in f.file.split("/")[0] for f in report.findings)
    files = {f.file.rstrip("/") for f in report.findings}
    assert {"talk.pptx", "mr/MR_small.dcm", "photos/knee.jpg", "notes.rtf", "DICOMDIR"} <= files


def test_dicom_pixels_unchanged_and_header_cleaned(pack, cleaned_folder):
    out, _ = cleaned_folder
    original = pydicom.dcmread(pack["folder"] / "Smith John 1961" / "SMITH_JOHN.dcm")
    cleaned = pydicom.dcmread(out / "CASE-0001" / "CASE-0001-0001.dcm")
    assert cleaned.PixelData == original.PixelData
    assert cleaned.PatientIdentityRemoved == "YES"
    assert cleaned.StudyInstanceUID != original.StudyInstanceUID
    assert cleaned.preamble == b"\0" * 128


def test_pictures_lose_metadata_without_reencoding(pack, cleaned_folder):
    from slidesan.images.metadata import find_metadata

    out, _ = cleaned_folder
    before = (pack["folder"] / "photos" / "knee.jpg").read_bytes()
    after = (out / "photos" / "knee.jpg").read_bytes()
    assert find_metadata(before) and find_metadata(after) == []
    scan = before.index(b"\xff\xda")          # entropy-coded data from the first SOS on: untouched
    assert after[after.index(b"\xff\xda"):] == before[scan:]
    assert find_metadata((pack["folder"] / "photos" / "chart.png").read_bytes())
    assert find_metadata((out / "photos" / "chart.png").read_bytes()) == []


def test_deck_in_pack_is_cleaned_exactly_like_a_single_deck(pack, cleaned_folder, tmp_path):
    _, report = cleaned_folder
    single = clean(pack["folder"] / "talk.pptx", tmp_path / "single.pptx", NO_OCR)
    in_pack = sorted((f.category, f.action, f.message) for f in report.findings if f.file == "talk.pptx")
    alone = sorted((f.category, f.action, f.message) for f in single.findings)
    assert in_pack == alone


def test_uids_consistent_across_files_and_workers(tmp_path):
    """The same study spread over folders and two worker processes stays one study with one new UID."""
    from slidesan.pack import run

    data = packs.pack_files()["mr/MR_small.dcm"]
    # twice the pool's threshold: on a loaded machine one worker finished a minimal pack before the other started
    rels = [f"{folder}/{i}.dcm" for folder in "abc" for i in range(2 * run.POOL_WORTH_UNITS // 3)]
    for rel in rels:
        (tmp_path / "in" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / rel).write_bytes(data)
    entries, skipped, _opened = run.entries_of(tmp_path / "in", tmp_path)
    (tmp_path / "out").mkdir()
    outcomes, _ = run.run_pack(entries, skipped, "clean", Options(ocr=False, jobs=2), tmp_path / "out")
    assert len({o.pid for o in outcomes}) == 2, "two worker processes shared the pack"
    written = list((tmp_path / "out").rglob("*.dcm"))
    assert len(written) == len(rels)
    studies = {pydicom.dcmread(p).StudyInstanceUID for p in written}
    assert len(studies) == 1
    assert studies != {pydicom.dcmread(io.BytesIO(data)).StudyInstanceUID}


def test_zip_in_zip_out_with_reports_beside(pack):
    out = pack["root"] / "shared.zip"
    res = run_cli("clean", pack["zip"], "-o", out, "--no-ocr", "-q")
    assert res.returncode in (0, 1), res.stderr
    with zipfile.ZipFile(out) as zf:
        assert set(zf.namelist()) == EXPECTED_OUTPUTS
    json_path, html_path = report_paths(out)
    assert json_path == pack["root"] / "shared.report.json" and json_path.exists() and html_path.exists()
    assert planted_hits(out, pack["markers"]) == []
    assert not list(pack["root"].glob(".*partial*"))
    data = json.loads(json_path.read_text())
    assert {f["path"] for f in data["files"]} >= set(pack["files"])


def test_reports_beside_out_never_inside(pack):
    out = pack["root"] / "cli-clean"
    res = run_cli("clean", pack["folder"], "-o", out, "--no-ocr")
    assert res.returncode in (0, 1), res.stderr
    assert (pack["root"] / "cli-clean.report.json").exists()
    assert (pack["root"] / "cli-clean.report.html").exists()
    assert not any("report" in name for name in tree(out))
    html = (pack["root"] / "cli-clean.report.html").read_text()
    assert "mr/MR_small.dcm" in html and "talk.pptx" in html


def test_pptm_becomes_pptx(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "lecture.pptm").write_bytes(packs.SAMPLE_DECK.read_bytes())
    clean(tmp_path / "in", tmp_path / "out", NO_OCR)
    assert tree(tmp_path / "out") == {"lecture.pptx"}


def test_single_dicom_named_after_patient_gets_a_neutral_default_name(pack, tmp_path):
    source = tmp_path / "SMITH_JOHN.dcm"
    source.write_bytes((pack["folder"] / "Smith John 1961" / "SMITH_JOHN.dcm").read_bytes())
    report = clean(source, None, NO_OCR)
    assert Path(report.output_path).name == "CASE-0001-0001.clean.dcm"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["CASE-0001-0001.clean.dcm", "SMITH_JOHN.dcm"]
    assert report_paths(Path(report.output_path))[0].name == "CASE-0001-0001.clean.report.json"


def test_single_picture_to_named_output(pack, tmp_path):
    report = clean(pack["folder"] / "photos" / "knee.jpg", tmp_path / "knee-share.jpg", NO_OCR)
    assert (tmp_path / "knee-share.jpg").exists()
    assert b"PLANT-ARTIST" not in (tmp_path / "knee-share.jpg").read_bytes()
    assert [f["path"] for f in report.files] == ["knee.jpg"]


def test_uid_named_file_is_renamed_and_limited_access_key_written_outside(tmp_path):
    data = packs.pack_files()["mr/MR_small.dcm"]
    sop = pydicom.dcmread(io.BytesIO(data)).SOPInstanceUID
    (tmp_path / "in" / "series").mkdir(parents=True)
    (tmp_path / "in" / "series" / f"{sop}.dcm").write_bytes(data)
    inside = tmp_path / "out" / "key.json"
    with pytest.raises(Exception, match="outside"):
        clean(tmp_path / "in", tmp_path / "out", Options(ocr=False, level="limited-access"), key_file=inside)
    assert not (tmp_path / "out").exists()
    key = tmp_path / "key.json"
    report = clean(tmp_path / "in", tmp_path / "out", Options(ocr=False, level="limited-access"), key_file=key)
    assert tree(tmp_path / "out") == {"series/CASE-0001-0001.dcm"}
    record = json.loads(key.read_text())
    assert record["patients"] and sop in record["uids"]
    assert (key.stat().st_mode & 0o777) == 0o600
    assert report.settings["key_file"] == str(key)
