"""Start the desktop app: `slidesan gui [PATH...]` or `slidesan-gui [PATH...]`.

Paths given on the command line (or by "Open with…" / dropping files on the app's icon, which
passes them the same way) are queued as soon as the window is up. `--quit-when-done` closes the
window once they are all finished and prints one line per item (what the packaged app's smoke
test, tests/test_bundle.py, drives headless).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

BUNDLED_TESSERACT = "tesseract"      # folder beside the packaged app's files (docs/packaging.md)


def create_app(argv: list[str] | None = None):
    """The QApplication, created once; names set so QSettings stores under 'slidesan'."""
    from PySide6.QtWidgets import QApplication

    from slidesan import __version__
    from slidesan.gui.settings import APPLICATION, ORGANISATION

    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv if argv is not None else sys.argv[:1]))
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("slidesan")
    app.setApplicationVersion(__version__)
    return app


def qt_binding_problem() -> str | None:
    """One sentence when the installed PySide6 would crash the window, else None.

    PySide6-Essentials 6.12.0 on Python 3.10/3.11 drops a reference to None on every call of a
    method that returns nothing (QLabel.setText, ...). None starts with a few thousand references,
    so the window dies with "deallocating None" after a few thousand updates, e.g. mid-way through
    a large case pack. Python 3.12+ is immune (None is immortal there). Probed, not version-matched,
    so a fixed or newly broken release is judged by what it does.
    """
    if sys.version_info >= (3, 12):
        return None
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(50):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    if lost >= 25:
        return (f"PySide6 {pyside_version} has a reference-counting bug on Python "
                f"{sys.version_info.major}.{sys.version_info.minor} that crashes the window; "
                "install a working version: pip install 'PySide6-Essentials<6.12'")
    return None


def use_bundled_tesseract() -> Path | None:
    """In a packaged app, prefer the Tesseract shipped inside it over whatever the machine has.

    PATH and TESSDATA_PREFIX are set (not only pytesseract's setting) because OCR and case packs
    run in spawned worker processes, which inherit the environment but not module state.
    """
    if not getattr(sys, "frozen", False):
        return None
    base = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    folder = base / BUNDLED_TESSERACT
    exe = folder / ("tesseract.exe" if sys.platform.startswith("win") else "tesseract")
    if not exe.is_file():
        return None
    os.environ["PATH"] = str(folder) + os.pathsep + os.environ.get("PATH", "")
    if (folder / "tessdata").is_dir():
        os.environ["TESSDATA_PREFIX"] = str(folder / "tessdata")
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = str(exe)
    return exe


def main(argv: list[str] | None = None) -> int:
    """Open the window, run until it is closed, return the exit code."""
    multiprocessing.freeze_support()     # the packaged app starts worker processes from its own binary
    use_bundled_tesseract()
    args = list(sys.argv[1:] if argv is None else argv)
    if any(a in ("-h", "--help") for a in args):
        print("usage: slidesan-gui [--quit-when-done] [PATH...]   open the slidesan window, queueing PATHs "
              "(decks, folders, zips); --quit-when-done: close when they are cleaned, one line each on stdout")
        return 0
    quit_when_done = "--quit-when-done" in args
    app = create_app(sys.argv[:1])
    problem = qt_binding_problem()
    if problem:
        print(f"slidesan: {problem}", file=sys.stderr)
        return 2
    from slidesan.gui.window import MainWindow

    window = MainWindow()
    window.show()
    paths = [Path(a) for a in args if not a.startswith("-")]
    if quit_when_done:                       # nobody is there to answer: never replace, keep both
        window.ask_output = lambda *_args: "numbered"
        window.all_finished.connect(lambda: quit_after(app, window))
    if paths:
        window.add_paths(paths)
    elif quit_when_done:
        return 0
    return app.exec()


def quit_after(app, window) -> None:
    """Print the outcome, close the window (its worker thread ends first), leave the event loop."""
    from PySide6.QtCore import QTimer

    if getattr(window, "quitting", False):
        return
    window.quitting = True
    code = print_outcomes(window)
    QTimer.singleShot(0, lambda: (window.close(), app.exit(code)))


def print_outcomes(window) -> int:
    """One line per item ("talk.pptx: publication -> talk.clean.pptx"); 0 when every item was cleaned."""
    failed = 0
    for card in window.cards.values():
        if card.result is not None:
            print(f"{card.path.name}: {card.result.verdict} -> {card.result.output}", flush=True)
        else:
            failed += 1
            print(f"{card.path.name}: {card.state}: {card.error or card.status_label.text()}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
