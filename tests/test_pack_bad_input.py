"""Hostile and broken packs: one line per bad file, the rest processed, nothing outside OUT."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from fixtures import packs
from helpers import cli_in_process
from slidesan.api import clean
from slidesan.errors import SlidesanError
from slidesan.options import Options

NO_OCR = Options(ocr=False)


def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "slidesan.cli", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd)


def listing(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    planted = packs.build(root)
    planted["root"] = root
    return planted


def test_bad_files_one_line_each_on_stderr_rest_processed(pack):
    out = pack["root"] / "out-lines"
    res = run_cli("clean", pack["folder"], "-o", out, "--no-ocr", "-q")
    assert res.returncode in (0, 1), res.stderr
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert "Traceback" not in res.stderr
    assert len(lines) == 4, lines
    for name, words in {"fake.dcm": "not a DICOM", "broken/truncated.dcm": "truncated",
                        "DICOMDIR": "DICOMDIR dropped", "notes.rtf": "not copied"}.items():
        assert sum(name in ln for ln in lines) == 1, (name, lines)
        assert any(name in ln and words in ln for ln in lines), (name, words, lines)
    assert (out / "mr" / "MR_small.dcm").exists() and (out / "talk.pptx").exists()


def test_evil_zip_entries_never_extracted_nothing_outside_out(pack, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    before = listing(tmp_path)
    out = work / "out.zip"
    res = run_cli("clean", pack["evil_zip"], "-o", out, "--no-ocr", "-q", cwd=work)
    assert res.returncode in (0, 1), res.stderr
    assert "../evil.txt" in res.stderr and "escapes the pack" in res.stderr
    assert "/abs.txt" in res.stderr
    after = listing(tmp_path)
    assert after - before == {"work/out.zip", "work/out.report.json", "work/out.report.html"}
    assert not (pack["root"] / "evil.txt").exists() and not Path("/abs.txt").exists()
    with zipfile.ZipFile(out) as zf:
        assert not any("evil" in n or "abs" in n for n in zf.namelist())
        assert "mr/MR_small.dcm" in zf.namelist()


def test_encrypted_entry_and_zip_bomb_skipped_rest_processed(tmp_path):
    source = tmp_path / "hostile.zip"
    files = packs.pack_files()
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("ok/MR.dcm", files["mr/MR_small.dcm"])
        zf.writestr("bomb.bin", b"\0" * (17 * 1024 * 1024))
        zf.writestr("locked.dcm", b"pretend ciphertext")
    packs.mark_encrypted(source, "locked.dcm")
    report = clean(source, tmp_path / "out", NO_OCR)
    problems = {f["path"]: f.get("problem", "") for f in report.files}
    assert "zip bomb" in problems["bomb.bin"]
    assert "encrypted" in problems["locked.dcm"]
    assert {p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.dcm")} == {"ok/MR.dcm"}


def test_symlink_out_of_the_pack_is_never_followed(pack, tmp_path):
    import shutil

    folder = tmp_path / "in"
    shutil.copytree(pack["folder"] / "mr", folder / "mr")
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"PLANT-OUTSIDE secret")
    (folder / "mr" / "link.dcm").symlink_to(secret)
    (folder / "etc").symlink_to("/etc", target_is_directory=True)
    report = clean(folder, tmp_path / "out", NO_OCR)
    problems = {f["path"]: f.get("problem", "") for f in report.files}
    assert "outside the pack" in problems["mr/link.dcm"] and "outside the pack" in problems["etc"]
    assert listing(tmp_path / "out") == {"mr", "mr/MR_small.dcm"}


@pytest.mark.parametrize("case", ["missing-path", "missing-out-folder", "out-not-empty", "out-inside-pack"])
def test_pack_level_errors_exit_2_one_line_nothing_written(pack, tmp_path, case, capfd):
    out = tmp_path / "out"
    path = pack["folder"]
    if case == "missing-path":
        path = tmp_path / "nope"
    elif case == "missing-out-folder":
        out = tmp_path / "no" / "such" / "out"
    elif case == "out-not-empty":
        out.mkdir()
        (out / "keep.txt").write_text("mine")
    elif case == "out-inside-pack":
        out = pack["folder"] / "cleaned"
    before = listing(tmp_path) | listing(pack["root"])
    res = cli_in_process(capfd, "clean", path, "-o", out, "--no-ocr")     # refused before any work starts
    assert res.returncode == 2
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in res.stderr, res.stderr
    assert listing(tmp_path) | listing(pack["root"]) == before


def test_failure_while_writing_leaves_nothing_that_looks_finished(pack, tmp_path, monkeypatch):
    from slidesan.pack import run

    def broken_zip(folder, target):
        Path(target).write_bytes(b"half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(run, "zip_folder", broken_zip)
    monkeypatch.setattr(run.os, "cpu_count", lambda: 1)
    with pytest.raises(SlidesanError, match="No space left"):
        clean(pack["folder"] / "mr", tmp_path / "out.zip", NO_OCR)
    assert listing(tmp_path) == set()


def test_unreadable_single_file_is_an_error_not_an_empty_output(tmp_path, capfd):
    fake = tmp_path / "scan.dcm"
    fake.write_bytes(b"plain text pretending" * 10)
    res = cli_in_process(capfd, "clean", fake, "--no-ocr")
    assert res.returncode == 2 and "not a DICOM" in res.stderr
    assert listing(tmp_path) == {"scan.dcm"}


def test_a_bug_on_one_file_drops_that_file_only(pack, tmp_path, monkeypatch):
    from slidesan.pack import work

    def broken(data, rel, options, strip=True):
        raise TypeError("simulated bug")

    monkeypatch.setattr(work, "clean_image", broken)
    monkeypatch.delenv("SLIDESAN_DEBUG", raising=False)
    report = clean(pack["folder"], tmp_path / "out", Options(ocr=False, jobs=1))
    problems = {f["path"]: f.get("problem", "") for f in report.files}
    assert "internal error (TypeError: simulated bug)" in problems["photos/knee.jpg"]
    assert listing(tmp_path / "out") >= {"mr/MR_small.dcm", "talk.pptx"}
    assert not any(name.startswith("photos/") for name in listing(tmp_path / "out"))
