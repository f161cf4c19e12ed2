"""Mistakes a first-time user makes, seen from the command line: each ends in one line that says what
happened, exit code 2 and nothing written (or, inside a pack, one line naming the file)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from slidesan import api
from slidesan.cli import app
from slidesan.errors import SlidesanError
from slidesan.options import Options
from slidesan.report.html_view import render_html
from slidesan.report.model import new_report

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "slidesan.cli", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd)


def listing(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


def word_document(path: Path) -> Path:
    """A made-up .docx: an OPC package whose main part is a Word document, not a presentation."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        zf.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        zf.writestr("word/document.xml", "<w:document xmlns:w='urn:w'><w:body><w:t>Jane Example</w:t></w:body>"
                                         "</w:document>")
    return path


@pytest.mark.parametrize("name", ["report.docx", "Report.DOCX"])
def test_a_word_document_is_refused_never_unzipped_into_its_parts(tmp_path, name):
    document = word_document(tmp_path / name)
    for command in ("clean", "check"):
        res = run_cli(command, document, "--no-ocr")
        assert res.returncode == 2, (command, res.stdout, res.stderr)
        lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and "Office" in lines[0] and "export it to PDF" in lines[0], lines
        assert "[Content_Types].xml" not in res.stdout + res.stderr
    assert listing(tmp_path) == {name}


def test_a_word_document_renamed_pptx_is_named_in_words(tmp_path):
    res = run_cli("clean", word_document(tmp_path / "talk.pptx"), "--no-ocr")
    assert res.returncode == 2
    assert "it is a Word document with a deck's name; export it to PDF" in res.stderr, res.stderr
    assert listing(tmp_path) == {"talk.pptx"}


def test_an_empty_folder_is_an_error_not_ready_to_share(tmp_path):
    (tmp_path / "pack").mkdir()
    for args in (("clean", tmp_path / "pack"), ("check", tmp_path / "pack")):
        res = run_cli(*args, "--no-ocr")
        assert res.returncode == 2, res.stdout
        assert res.stderr.strip().endswith("the folder holds no files; nothing to do"), res.stderr
        assert "publication" not in res.stdout
    assert listing(tmp_path) == {"pack"}
    empty_zip = tmp_path / "pack.zip"
    zipfile.ZipFile(empty_zip, "w").close()
    with pytest.raises(SlidesanError, match="zip holds no files"):
        api.clean(empty_zip, tmp_path / "out.zip", Options(ocr=False))


def test_an_unreadable_input_is_one_line_not_a_usage_error_or_traceback(tmp_path, monkeypatch):
    deck = tmp_path / "talk.pptx"
    deck.write_bytes(b"PK whatever")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == deck else real_access(p, mode, **kw))
    for args in (["clean", str(deck)], ["check", str(deck)]):
        res = CliRunner().invoke(app, args)
        assert res.exit_code == 2
        assert res.output.strip() == f"slidesan: error: {deck}: cannot be read (permission denied)", res.output
    with pytest.raises(SlidesanError, match="permission denied"):
        api.clean(deck, None, Options(ocr=False))
    assert listing(tmp_path) == {"talk.pptx"}


def test_office_lock_file_in_a_pack_is_named_as_such(tmp_path):
    from fixtures import packs

    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "knee.dcm").write_bytes(packs.pack_files()["mr/MR_small.dcm"])
    (folder / "~$talk.pptx").write_bytes(bytes([11]) + b"Jane Example".ljust(53, b" ") + b"\0" * 108)
    report = api.clean(folder, tmp_path / "out", Options(ocr=False, jobs=1))
    problems = {f["path"]: f.get("problem", "") for f in report.files}
    assert "lock file" in problems["~$talk.pptx"], problems
    assert listing(tmp_path / "out") == {"knee.dcm"}


@pytest.mark.parametrize("command", ["check", "clean"])
def test_office_lock_file_given_alone_is_named_as_such_by_both_commands(tmp_path, command):
    lock = tmp_path / "~$talk.pptx"
    lock.write_bytes(bytes([11]) + b"Jane Example".ljust(53, b" ") + b"\0" * 108)
    result = run_cli(command, lock, cwd=tmp_path)
    assert result.returncode == 2, result
    assert "lock file" in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["~$talk.pptx"]


def test_check_report_shows_every_kind_with_its_verdict_and_no_missing_output():
    report = new_report("check", Path("pack"), Options())
    counts = {"removed": 0, "remaining": 1, "not-inspected": 0, "high": 1, "review": 0, "info": 0}
    report.files = [{"path": "handout.pdf", "kind": "pdf", "verdict": "identifiable", "counts": counts,
                     "output": None},
                    {"path": "notes.txt", "kind": "text", "verdict": "identifiable", "counts": counts,
                     "output": None}]
    html = render_html(report)
    files_table = html[html.index("<h2>Files</h2>"):]
    assert files_table.count('class="badge v-identifiable"') == 2
    assert "not copied" not in files_table and "not written" not in files_table


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    from fixtures import packs

    root = tmp_path_factory.mktemp("interrupt")
    return packs.build(root)["folder"]


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM])
def test_interrupting_a_pack_says_so_and_leaves_nothing_behind(pack, tmp_path, how):
    """Ctrl-C (SIGINT to the terminal's process group) or a closed terminal / kill (SIGTERM): one line,
    exit 2, no half-built output, no hidden stage folder with cleaned files in it."""
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "slidesan.cli", "clean", str(pack), "-o", str(out), "-j", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not any(p.name.startswith(".out.slidesan-partial") for p in tmp_path.iterdir()):
        assert proc.poll() is None, "the clean ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.killpg(proc.pid, how)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 2, (stdout, stderr)
    assert stderr.strip() == "slidesan: error: interrupted; nothing was written", stderr
    assert listing(tmp_path) == set()


def test_interrupt_stops_pack_workers_instead_of_waiting_for_them(monkeypatch, tmp_path):
    """The files in progress are stopped at once; waiting for them could take minutes."""
    from concurrent.futures import Future

    from slidesan.pack import run

    stopped = []

    class Worker:
        def terminate(self):
            stopped.append(self)

    class Pool:
        def __init__(self, *args, **kwargs):
            self._processes = {1: Worker(), 2: Worker()}

        def submit(self, *args):
            return Future()

        def shutdown(self, wait=True, cancel_futures=False):
            assert len(stopped) == 2, "shutdown would wait for the workers still cleaning"

    def interrupted(futures, here):          # Ctrl-C while the parent works through the batches
        raise KeyboardInterrupt

    from fixtures import packs

    (tmp_path / "pack").mkdir()
    for n in range(4):
        (tmp_path / "pack" / f"talk{n}.pptx").write_bytes(packs.pack_files()["talk.pptx"])
    monkeypatch.setattr(run, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(run, "shared_batches", interrupted)
    with pytest.raises(KeyboardInterrupt):
        api.clean(tmp_path / "pack", tmp_path / "out", Options(ocr=False, jobs=2))
    assert len(stopped) == 2
    assert listing(tmp_path).isdisjoint({"out"}) and not any(".slidesan-partial" in p for p in listing(tmp_path))


def test_help_names_pdfs_among_the_inputs():
    for command in ("clean", "check", "gui"):
        res = CliRunner().invoke(app, [command, "--help"])
        assert "PDF" in res.output, (command, res.output)


def test_a_cleaned_pack_folder_can_be_read_by_others_and_a_note_has_plain_report_names(tmp_path):
    """The stage is made private (mkdtemp's 0700) while it is written; the pack handed out is a
    normal folder (the user's umask). A text note cleaned alone names its reports without `.txt`."""
    import os
    import stat

    import slidesan
    from slidesan.api import report_paths

    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "notes.txt").write_text("Case 3: right lower lobe consolidation.\n")
    old = os.umask(0o022)
    try:
        slidesan.clean(tmp_path / "pack", tmp_path / "out", slidesan.Options(ocr=False, jobs=1))
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o755
    assert [p.name for p in report_paths(tmp_path / "notes.clean.txt")] == ["notes.clean.report.json",
                                                                             "notes.clean.report.html"]
