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
