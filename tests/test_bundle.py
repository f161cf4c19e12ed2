"""The packaged desktop app (packaging/slidesan.spec), run as a lecturer would: headless.

Building the frozen app takes 2-3 minutes on two cores, more than the test suite's budget, so it
is a separate step: `make bundle` builds build/app/slidesan/, and `.ci/run` runs this file after
`make test` (pytest -m bundle). Without a built bundle these tests skip.

What they prove: the bundle carries every data file it needs (word lists, report template, the
face cascade, Tesseract and its English data), so a face photograph gets the same verdict in the
app as through the library (the face, and the name badge on her uniform that OCR reads), never a
silent `publication`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "build" / "app" / "slidesan" / ("slidesan.exe" if sys.platform.startswith("win") else "slidesan")
SAMPLE = ROOT / "fixtures" / "sample" / "talk.pptx"

pytestmark = [pytest.mark.bundle,
              pytest.mark.skipif(not APP.is_file(), reason="no frozen app: run `make bundle` first")]


def portrait(folder: Path) -> Path:
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    source = Path(spec.origin).parent / "mpl-data" / "sample_data" / "grace_hopper.jpg" if spec else None
    if source is None or not source.exists():
        pytest.skip("no offline photograph of a face (matplotlib's sample data)")
    shutil.copy(source, folder / "portrait.jpg")
    return folder / "portrait.jpg"


def library_verdict(photo: Path) -> str:
    """What `slidesan.check` in this Python says about the photograph: the app must agree."""
    import slidesan

    return slidesan.check(photo).verdict


def run_app(args, cwd: Path, timeout=600) -> subprocess.CompletedProcess:
    """The app as a new machine would run it: no venv, no system Tesseract on PATH, offscreen Qt."""
    env = {"PATH": "/usr/bin/nonexistent", "HOME": str(cwd / "home"), "QT_QPA_PLATFORM": "offscreen",
           "LANG": "C.UTF-8", "XDG_RUNTIME_DIR": str(cwd / "run")}
    (cwd / "run").mkdir(mode=0o700, exist_ok=True)
    return subprocess.run([str(APP), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def test_bundle_doctor_finds_everything_inside_the_app(tmp_path):
    result = run_app(["doctor"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    inside = str(APP.parent)
    lines = {line.split(":", 1)[0].split(None, 1)[1]: line for line in result.stdout.splitlines() if ":" in line
             and line.startswith(("ok", "MISSING", "absent"))}
    assert inside in lines["face detector (OpenCV cascade)"], "the face cascade must come from the bundle"
    assert inside in lines["text reader (Tesseract)"], "the bundled Tesseract must be used"
    assert lines["text reader languages"].startswith("ok") and "eng" in lines["text reader languages"]


def test_bundle_window_cleans_a_deck_and_a_face_photo_headless(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "talk.pptx")
    photo = portrait(tmp_path)
    result = run_app(["--quit-when-done", "talk.pptx", photo.name], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    verdicts = dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    assert verdicts["portrait.jpg"].split(" ")[0] == library_verdict(photo), result.stdout
    assert verdicts["talk.pptx"].split(" ")[0] in ("publication", "needs-review", "identifiable", "limited-access")
    assert (tmp_path / "talk.clean.pptx").is_file() and (tmp_path / "talk.clean.report.html").is_file()
    import json

    findings = json.loads((tmp_path / "portrait.clean.report.json").read_text())["findings"]
    assert any(f["category"] == "face" and f["action"] == "flagged" for f in findings)
    assert not [f for f in findings if f["action"] == "not-inspected"]        # OCR and the face check both ran


def test_bundle_command_line_gives_the_same_verdict_as_the_library(tmp_path):
    photo = portrait(tmp_path)
    result = run_app(["check", photo.name], tmp_path)
    verdict = library_verdict(photo)
    assert verdict in ("needs-review", "identifiable")           # the face at least; her name badge too
    assert result.returncode == 1 and f"verdict: {verdict}" in result.stdout, result.stdout + result.stderr


@pytest.mark.skipif(not shutil.which("xvfb-run"), reason="needs xvfb-run (Debian's xvfb)")
def test_bundle_window_opens_on_a_real_x_display(tmp_path):
    """Qt's xcb window plugin, not only offscreen: its xcb libraries travel inside the bundle."""
    shutil.copy(SAMPLE, tmp_path / "talk.pptx")
    (tmp_path / "run").mkdir(mode=0o700)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8", "XDG_RUNTIME_DIR": str(tmp_path / "run")}
    result = subprocess.run(["xvfb-run", "-a", "env", "QT_QPA_PLATFORM=xcb", str(APP), "--quit-when-done", "talk.pptx"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "talk.pptx: " in result.stdout and (tmp_path / "talk.clean.pptx").is_file()
