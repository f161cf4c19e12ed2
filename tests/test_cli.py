"""The command line as a user meets it: exit codes, one-line errors, nothing written on error."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers import cli_in_process

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "sample" / "talk.pptx"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "slidesan.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


def test_version():
    res = run("--version")
    assert res.returncode == 0
    assert res.stdout.startswith("slidesan ")


def test_help_has_examples():
    res = run("clean", "--help")
    assert res.returncode == 0
    assert "slidesan clean talk.pptx" in res.stdout


def test_clean_sample_writes_deck_and_reports_beside_it(tmp_path):
    deck = tmp_path / "talk.pptx"
    deck.write_bytes(SAMPLE.read_bytes())
    before = deck.read_bytes()
    res = run("clean", deck)
    assert res.returncode in (0, 1), res.stderr
    assert (tmp_path / "talk.clean.pptx").exists()
    assert (tmp_path / "talk.clean.report.json").exists()
    assert (tmp_path / "talk.clean.report.html").exists()
    assert deck.read_bytes() == before, "the input must never be modified"
    assert not list(tmp_path.glob(".*partial*"))


def test_output_name_gives_report_names(tmp_path):
    out = tmp_path / "share.pptx"
    res = run("clean", SAMPLE, "-o", out, "--no-ocr")     # naming only; the OCR'd clean is the test above
    assert res.returncode in (0, 1), res.stderr
    assert (tmp_path / "share.report.json").exists()
    assert (tmp_path / "share.report.html").exists()


BAD_INPUTS = {
    "text.pptx": b"hello, this is not a deck",
    "legacy.ppt": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
    "locked.pptx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le"),
    "truncated.pptx": None,  # built below
    "no-content-types.pptx": None,
    "empty.pptx": b"",
    "strict.pptx": None,
}
EXPECTED_WORDS = {
    "text.pptx": "not a zip", "legacy.ppt": "save it as .pptx", "locked.pptx": "password",
    "truncated.pptx": "corrupt", "no-content-types.pptx": "Content_Types", "empty.pptx": "empty file", "strict.pptx": "Strict Open XML",
}


def make_bad(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    data = BAD_INPUTS[name]
    if name == "truncated.pptx":
        data = SAMPLE.read_bytes()[: len(SAMPLE.read_bytes()) // 2]
    elif name == "strict.pptx":
        ordinary = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
        strict = b"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
        with zipfile.ZipFile(SAMPLE) as zin, zipfile.ZipFile(path, "w") as zout:
            for item in zin.namelist():
                data = zin.read(item)
                zout.writestr(item, data.replace(ordinary, strict) if item == "_rels/.rels" else data)
        return path
    elif name == "no-content-types.pptx":
        with zipfile.ZipFile(SAMPLE) as zin, zipfile.ZipFile(path, "w") as zout:
            for item in zin.namelist():
                if item != "[Content_Types].xml":
                    zout.writestr(item, zin.read(item))
        return path
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2_nothing_written(tmp_path, name):
    path = make_bad(tmp_path, name)
    out = tmp_path / "out.pptx"
    res = run("clean", path, "-o", out)
    assert res.returncode == 2
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    assert "Traceback" not in res.stderr
    assert EXPECTED_WORDS[name].lower() in lines[0].lower()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_missing_file(tmp_path, capfd):
    res = cli_in_process(capfd, "clean", tmp_path / "nope.pptx")
    assert res.returncode == 2
    assert "no such file" in res.stderr


def test_refuses_non_pptx_output_name(tmp_path, capfd):
    res = cli_in_process(capfd, "clean", SAMPLE, "-o", tmp_path / "x.pptm")
    assert res.returncode == 2
    assert ".pptx" in res.stderr


def test_config_file_extends_word_lists_and_bad_one_is_one_line(tmp_path, capfd):
    config = tmp_path / "words.toml"
    config.write_text('[identifiers]\nnames = ["Subdural"]\n')   # the sample's title slide says "Subdural haematoma"
    import json
    reports = {}
    for name, extra in (("plain", []), ("extended", ["--config", config])):
        res = cli_in_process(capfd, "clean", SAMPLE, "-o", tmp_path / f"{name}.pptx", "--no-ocr", *extra)
        assert res.returncode in (0, 1), res.stderr
        reports[name] = json.loads((tmp_path / f"{name}.report.json").read_text())
    assert reports["extended"]["settings"]["config"].endswith("words.toml")
    flagged = {name: [f for f in r["findings"] if f["category"] == "name" and f.get("text") == "Subdural"]
               for name, r in reports.items()}
    assert flagged["extended"] and not flagged["plain"]
    missing = cli_in_process(capfd, "clean", SAMPLE, "-o", tmp_path / "p.pptx", "--config", tmp_path / "nope.toml")
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "p.pptx").exists()
