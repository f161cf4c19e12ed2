"""The desktop window (issue 5): drop decks and case packs, watch them clean, open the report.

A shell over the library API like the command line, and nothing more:

    app.py       QApplication and main() (the `slidesan gui` command and `slidesan-gui`)
    window.py    the one window: banner, drop zone, settings, item list, overall progress, Cancel
    dropzone.py  the area that takes dropped files and folders
    items.py     one card per dropped item: progress, verdict badge, report and folder buttons
    worker.py    cleaning off the interface thread, one item at a time, cancellable between steps
    settings.py  settings remembered between runs (QSettings) and the Tesseract check

Importing this package does not import Qt, so the CLI can tell a missing PySide6 apart.
"""
