"""The `slidesan` command starts from a module that imports nothing: pack workers (spawned, so each
first runs the file that started the parent) must not pay for the command line's libraries."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_command_points_at_the_light_entry_module():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["slidesan"] == "slidesan.entry:main"


def test_importing_the_entry_module_loads_no_command_line_library():
    code = "import sys, slidesan.entry; print(sorted(m for m in ('typer', 'rich', 'pydantic', 'click') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_the_entry_runs_the_command_line(tmp_path):
    out = subprocess.run([sys.executable, "-c", "import sys; sys.argv = ['slidesan', '--version']; "
                          "from slidesan.entry import main; sys.exit(main())"], capture_output=True, text=True)
    assert out.returncode == 0 and "0." in out.stdout + out.stderr
