"""What the window remembers between runs, and whether OCR can run here.

Only the settings that change what a lecturer gets are offered (level, notes, hidden slides,
redaction); everything else keeps the library's defaults, so the window and `slidesan clean` with
the same switches produce the same file. QSettings stores them in the platform's usual place;
tests and the screenshot script pass their own QSettings (an .ini in a temporary folder).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings

from slidesan.options import Options

ORGANISATION = "slidesan"
APPLICATION = "slidesan"
LEVELS = ("publication", "limited-access")


@dataclass(frozen=True)
class Choices:
    """The settings the window offers, as the user left them."""

    level: str = "publication"
    keep_notes: bool = False
    keep_hidden_slides: bool = False
    redact: bool = False
    presenter: str = ""       # "Dr Sarah Lecturer, Royal Infirmary of Exampleshire": never flagged

    def options(self, ocr: bool) -> Options:
        """Library options for one run; `ocr` is False when Tesseract is missing."""
        from slidesan.scan.identifiers.allowed_phrases import split_entries

        return Options(level=self.level, keep_notes=self.keep_notes, keep_hidden_slides=self.keep_hidden_slides,
                       redact=self.redact, ocr=ocr, presenter=split_entries(self.presenter))

    def non_default_note(self) -> str:
        """The settings that differ from a fresh install, in words, for the item's card ("" when none)."""
        notes = []
        if self.level != "publication":
            notes.append("level: limited access")
        if self.keep_notes:
            notes.append("speaker notes kept")
        if self.keep_hidden_slides:
            notes.append("hidden slides kept")
        if self.redact:
            notes.append("text in pictures painted over")
        if self.presenter.strip():
            notes.append(f"not flagged as yours: {self.presenter.strip()}")
        return ("Settings: " + "; ".join(notes)) if notes else ""


class GuiSettings:
    """Typed access to QSettings: values come back as the right type whatever the backend stored."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings(ORGANISATION, APPLICATION)

    def load(self) -> Choices:
        level = str(self.store.value("clean/level", "publication"))
        return Choices(
            level=level if level in LEVELS else "publication",
            keep_notes=self._flag("clean/keep_notes"),
            keep_hidden_slides=self._flag("clean/keep_hidden_slides"),
            redact=self._flag("clean/redact"),
            presenter=str(self.store.value("clean/presenter", "") or ""),
        )

    def save(self, choices: Choices) -> None:
        self.store.setValue("clean/level", choices.level)
        self.store.setValue("clean/keep_notes", choices.keep_notes)
        self.store.setValue("clean/keep_hidden_slides", choices.keep_hidden_slides)
        self.store.setValue("clean/redact", choices.redact)
        self.store.setValue("clean/presenter", choices.presenter)
        self.store.sync()

    def last_folder(self) -> str:
        return str(self.store.value("window/last_folder", "") or "")

    def set_last_folder(self, folder: str) -> None:
        self.store.setValue("window/last_folder", folder)

    def geometry(self) -> QByteArray | None:
        value = self.store.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.sync()

    def _flag(self, key: str) -> bool:
        # The .ini backend gives strings back ("true"/"false"); the native ones give bools.
        value = self.store.value(key, False)
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1", "yes")
        return bool(value)


def ocr_status() -> tuple[bool, str]:
    """(available, message) from the library's own check, looked up at call time (tests patch it)."""
    from slidesan.scan import ocr

    try:
        return ocr.tesseract_status()
    except Exception as exc:  # the check itself failing must not stop cleaning without OCR
        return False, f"Tesseract OCR could not be checked ({exc})."


def install_hint(platform: str | None = None) -> str:
    """How to get Tesseract on this machine, in one sentence a lecturer can follow."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return ("Install Tesseract with the UB Mannheim installer (github.com/UB-Mannheim/tesseract/wiki), "
                "then restart slidesan.")
    if platform == "darwin":
        return "Install Tesseract with Homebrew: brew install tesseract, then restart slidesan."
    return "Install Tesseract: sudo apt install tesseract-ocr (Debian/Ubuntu), then restart slidesan."
