"""Capture the desktop window after it cleaned the sample deck, for the README.

    .venv/bin/python scripts/screenshot_gui.py [OUT.png]      (default docs/gui-screenshot.png)

Runs offscreen (no display needed): copies fixtures/sample/talk.pptx into a temporary folder,
drops it on the window, waits for the verdict, grabs the window and saves the picture. Settings
live in the temporary folder, so the user's own are neither used nor changed. Uses OCR when
Tesseract is installed (otherwise the window shows its banner, which is what a user would see).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "sample" / "talk.pptx"
DEFAULT_OUT = ROOT / "docs" / "gui-screenshot.png"
TIMEOUT_S = 180


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from slidesan.gui.app import create_app
    from slidesan.gui.settings import GuiSettings
    from slidesan.gui.window import MainWindow

    out = Path(argv[0]) if argv else DEFAULT_OUT
    if not SAMPLE.exists():
        print(f"screenshot_gui: {SAMPLE} is missing (make demo builds it)", file=sys.stderr)
        return 2
    app = create_app(["slidesan-gui"])
    with tempfile.TemporaryDirectory(prefix="slidesan-screenshot-") as tmp:
        talks = Path(tmp) / "Teaching"
        talks.mkdir()
        deck = talks / "talk.pptx"
        shutil.copy(SAMPLE, deck)
        settings = GuiSettings(QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat))
        window = MainWindow(settings=settings)
        window.resize(900, 520)
        window.show()
        started = time.perf_counter()
        (card,) = window.add_paths([deck])
        while card.busy and time.perf_counter() - started < TIMEOUT_S:
            app.processEvents()
            time.sleep(0.01)
        for _ in range(20):                       # let the final layout settle before grabbing
            app.processEvents()
            time.sleep(0.01)
        seconds = time.perf_counter() - started
        if card.state != "done":
            print(f"screenshot_gui: the sample deck did not clean ({card.state}: {card.status_label.text()})",
                  file=sys.stderr)
            window.close()
            return 1
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out)):
            print(f"screenshot_gui: cannot write {out}", file=sys.stderr)
            window.close()
            return 1
        print(f"{out} written: verdict {card.badge.text()!r} after {seconds:.1f}s")
        window.close()
    return 0


if __name__ == "__main__":    # the guard matters: case packs clean in spawned worker processes
    sys.exit(main(sys.argv[1:]))
