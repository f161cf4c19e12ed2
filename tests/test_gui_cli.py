"""`slidesan gui` without PySide6: one install hint and exit code 2, never a traceback."""

import sys

from typer.testing import CliRunner

from slidesan.cli import app


def test_gui_command_without_pyside6_prints_install_hint(monkeypatch):
    for name in [m for m in sys.modules if m == "PySide6" or m.startswith("PySide6.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "PySide6", None)          # import PySide6 -> ModuleNotFoundError
    result = CliRunner().invoke(app, ["gui"])
    assert result.exit_code == 2
    output = result.output + (result.stderr if hasattr(result, "stderr") else "")
    assert "pip install 'slidesan[gui]'" in output
    assert "Traceback" not in output


def test_gui_quit_when_done_cleans_the_given_paths_and_exits(tmp_path):
    """What the packaged app's smoke test drives: the real window, offscreen, closing by itself."""
    import os
    import shutil
    import subprocess
    from pathlib import Path

    import pytest

    pytest.importorskip("PySide6.QtWidgets")
    sample = Path(__file__).resolve().parent.parent / "fixtures" / "sample" / "talk.pptx"
    shutil.copy(sample, tmp_path / "talk.pptx")
    (tmp_path / "notes.rtf").write_text("not a deck")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "slidesan.gui.app", "--quit-when-done", "talk.pptx", "notes.rtf"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    assert lines["talk.pptx"].split(" -> ")[1] == "talk.clean.pptx", result.stdout + result.stderr
    assert lines["notes.rtf"].startswith("error"), result.stdout
    assert result.returncode == 1                       # one item could not be cleaned
    assert (tmp_path / "talk.clean.report.html").is_file()
    again = subprocess.run([sys.executable, "-m", "slidesan.gui.app", "--quit-when-done", "talk.pptx"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "talk.clean-2.pptx" in again.stdout     # nobody to ask: keep both
