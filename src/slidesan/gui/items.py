"""One card per dropped item: what it is, how far cleaning got, the verdict, and where things went.

The verdict badge always carries words as well as a colour (colour alone fails for colour-blind
users and in greyscale prints); the line under it says in plain words what to do next.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout)

from slidesan.gui.jobs import LISTING_LIMIT, Result

# verdict -> (words, text colour, background)
VERDICT_BADGES = {
    "identifiable": ("Identifiable", "#ffffff", "#b91c1c"),
    "needs-review": ("Needs review", "#1f2937", "#f59e0b"),
    "limited-access": ("Limited access", "#ffffff", "#1d4ed8"),
    "publication": ("Publication", "#ffffff", "#15803d"),
}
STATE_BADGES = {
    "waiting": ("Waiting", "#374151", "#e5e7eb"),
    "cleaning": ("Cleaning…", "#1e3a8a", "#dbeafe"),
    "cancelled": ("Cancelled", "#374151", "#e5e7eb"),
    "error": ("Not cleaned", "#ffffff", "#6b7280"),
}
LEVEL_WORDS = {"publication": "publication", "limited-access": "limited access"}


def needs_password(message: str) -> bool:
    """The PDF reader's two refusals of an encrypted PDF: no password given, or a wrong one."""
    return "needs a password" in message or "password given does not open" in message


def badge_style(text_colour: str, background: str) -> str:
    return (f"QLabel {{ color: {text_colour}; background: {background}; border-radius: 9px; "
            "padding: 3px 10px; font-weight: 600; }")


class ItemCard(QFrame):
    """The card of one dropped file or folder; the window drives it through the set_* methods."""

    open_report_clicked = Signal(object)     # Path of an HTML report
    show_in_folder_clicked = Signal(object)  # Path of the output
    password_wanted = Signal(object)         # this card: its PDF is encrypted and needs a password

    def __init__(self, job_id: int, path: Path, level: str, settings_note: str = "", output: Path | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.job_id = job_id
        self.path = Path(path)
        self.level = level
        self.state = "waiting"
        self.result: Result | None = None
        self.error: str | None = None
        self.fraction = 0.0
        self.setObjectName("itemCard")
        self.setStyleSheet("#itemCard { border: 1px solid #d1d5db; border-radius: 8px; background: #ffffff; }")

        self.name_label = QLabel(self.path.name + ("/" if self.path.is_dir() else ""))
        self.name_label.setStyleSheet("font-weight: 600; font-size: 14px;")
        self.where_label = QLabel(str(self.path.absolute().parent))     # "slidesan gui talk.pptx": not "."
        self.where_label.setStyleSheet("color: #6b7280;")
        self.where_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # settings that differ from the defaults, so a kept note or hidden slide is never a surprise
        self.settings_label = QLabel(settings_note)
        self.settings_label.setWordWrap(True)
        self.settings_label.setStyleSheet("color: #92400e;")
        self.settings_label.setVisible(bool(settings_note))
        if output is not None:
            self.where_label.setText(f"{self.path.absolute().parent}  →  {output.name}")
        self.badge = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ocr_note = QLabel("OCR was not run: text burned into pictures was not read, so someone must look "
                               "at every picture before sharing.")
        self.ocr_note.setWordWrap(True)
        self.ocr_note.setStyleSheet("color: #92400e;")
        self.ocr_note.hide()
        self.open_report_button = QPushButton("Open report")
        self.show_in_folder_button = QPushButton("Show in folder")
        for button in (self.open_report_button, self.show_in_folder_button):
            button.setEnabled(False)
        # an encrypted PDF: the password is asked for this file only and never remembered
        self.password_button = QPushButton("Enter password…")
        self.password_button.hide()
        self.password_button.clicked.connect(lambda: self.password_wanted.emit(self))
        self.open_report_button.clicked.connect(self._open_report)
        self.show_in_folder_button.clicked.connect(self._show_in_folder)
        self.files = QTreeWidget()
        self.files.setHeaderLabels(["File", "Verdict", "Note"])
        self.files.setRootIsDecorated(False)
        self.files.itemDoubleClicked.connect(self._open_file_report)
        self.files.hide()
        self._rows: dict[str, QTreeWidgetItem] = {}

        top = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.name_label)
        names.addWidget(self.where_label)
        names.addWidget(self.settings_label)
        top.addLayout(names, 1)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        actions = QHBoxLayout()
        actions.addWidget(self.status_label, 1)
        actions.addWidget(self.password_button)
        actions.addWidget(self.open_report_button)
        actions.addWidget(self.show_in_folder_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addLayout(actions)
        layout.addWidget(self.ocr_note)
        layout.addWidget(self.files)
        self.set_waiting()

    # -- states ----------------------------------------------------------------------------------

    def set_waiting(self) -> None:
        self.state = "waiting"
        self._badge(*STATE_BADGES["waiting"])
        self.status_label.setText("Waiting for the item before it.")

    def set_started(self) -> None:
        self.state = "cleaning"
        self._badge(*STATE_BADGES["cleaning"])
        self.progress.setRange(0, 0)          # busy until the first step reports
        self.status_label.setText("Opening…")

    def set_progress(self, done: int, total: int, text: str) -> None:
        """`total` 0 means a stage that cannot say how far it is: the bar shows busy."""
        if self.state != "cleaning":
            return
        if total <= 0:
            self.progress.setRange(0, 0)
        else:                                  # never backwards, whatever the caller sends
            self.fraction = max(self.fraction, min(1.0, done / total))
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(self.fraction * 1000))
        if text:
            self.status_label.setText(f"{text[:1].upper()}{text[1:]}…")

    def set_cancelling(self) -> None:
        """Shown until the library reaches its next step; what it wrote so far is then removed."""
        if self.state == "cleaning":
            self.state = "cancelling"
            self.status_label.setText("Cancelling at the end of the current stage; nothing of this item will be kept.")
        elif self.state == "waiting":
            self.status_label.setText("Will not be cleaned (cancelled).")

    def set_finished(self, result: Result) -> None:
        self.state = "done"
        self.result = result
        self.fraction = 1.0
        self.progress.setRange(0, 1000)
        self.progress.setValue(1000)
        words, fg, bg = VERDICT_BADGES.get(result.verdict, (result.verdict, "#ffffff", "#6b7280"))
        self._badge(words, fg, bg)
        counts = result.counts
        summary = (f"{counts.get('removed', 0)} removed · {counts.get('remaining', 0)} to review · "
                   f"{counts.get('not-inspected', 0)} not inspected. ")
        if result.meets_target:
            summary += f"Ready to share at the {LEVEL_WORDS.get(self.level, self.level)} level."
        else:
            summary += "Read the report before sharing."
        if result.summary and not result.meets_target:
            summary += "\n" + result.summary
        if result.output is not None and result.output != self.path:
            summary += f"\nWritten: {result.output.name}"
        self.status_label.setText(summary)
        self.ocr_note.setVisible(not result.ocr_run)
        self.open_report_button.setEnabled(result.report_html is not None and result.report_html.exists())
        self.show_in_folder_button.setEnabled(result.output is not None and result.output.exists())
        rows = result.files
        if len(rows) > LISTING_LIMIT:          # a huge pack: the files that need attention first
            rows = sorted(rows, key=lambda r: (r.verdict == "publication" and not r.problem))[:LISTING_LIMIT]
        for row in rows:
            shown = "not cleaned" if row.problem or not row.verdict else row.verdict
            self._file_row(row.name, shown, row.problem or "", row.report_html)
        if len(result.files) > len(rows):
            self._file_row(f"… and {len(result.files) - len(rows)} more in the report", "", "", None)
        if rows:
            self._refresh_files()

    def set_failed(self, message: str) -> None:
        self.state = "error"
        self.error = message
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self._badge(*STATE_BADGES["error"])
        self.status_label.setText(message)
        self.status_label.setStyleSheet("color: #b91c1c;")
        self.password_button.setVisible(needs_password(message))

    def set_cancelled(self) -> None:
        self.state = "cancelled"
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.fraction = 0.0
        self._badge(*STATE_BADGES["cancelled"])
        self.status_label.setText("Cancelled; nothing was written.")

    def set_listing(self, names: list[str]) -> None:
        """The files of a dropped folder, shown before (and filled in after) cleaning."""
        for name in names:
            self._file_row(name, "", "", None)
        if len(names) >= LISTING_LIMIT:
            self._file_row("… (more files not listed)", "", "", None)
        if not names:
            self._file_row("(no files)", "", "", None)
        self._refresh_files()

    @property
    def busy(self) -> bool:
        return self.state in ("waiting", "cleaning", "cancelling")

    @property
    def listed_files(self) -> list[str]:
        return list(self._rows)

    def file_verdict(self, name: str) -> str:
        row = self._rows.get(name)
        return row.text(1) if row is not None else ""

    def file_note(self, name: str) -> str:
        row = self._rows.get(name)
        return row.text(2) if row is not None else ""

    # -- internals -------------------------------------------------------------------------------

    def _badge(self, words: str, fg: str, bg: str) -> None:
        self.badge.setText(words)
        self.badge.setStyleSheet(badge_style(fg, bg))

    def _file_row(self, name: str, verdict: str, note: str, report_html: Path | None) -> None:
        row = self._rows.get(name)
        if row is None:
            row = QTreeWidgetItem([name, "", ""])
            self._rows[name] = row
            self.files.addTopLevelItem(row)
        words, _fg, background = VERDICT_BADGES.get(verdict, (verdict, "", "#374151"))
        row.setText(1, words)
        row.setForeground(1, QBrush(QColor(background)))
        row.setText(2, note)
        row.setToolTip(2, note)
        row.setData(0, Qt.ItemDataRole.UserRole, str(report_html) if report_html else None)

    def _refresh_files(self) -> None:
        self.files.show()
        self.files.resizeColumnToContents(0)
        self.files.resizeColumnToContents(1)
        rows = min(len(self._rows), 8)
        self.files.setFixedHeight(self.files.header().height() + rows * self.files.sizeHintForRow(0) + 6)

    def _open_report(self) -> None:
        if self.result is not None and self.result.report_html is not None:
            self.open_report_clicked.emit(self.result.report_html)

    def _show_in_folder(self) -> None:
        if self.result is not None and self.result.output is not None:
            self.show_in_folder_clicked.emit(self.result.output)

    def _open_file_report(self, row: QTreeWidgetItem, _column: int) -> None:
        report = row.data(0, Qt.ItemDataRole.UserRole)
        if report:
            self.open_report_clicked.emit(Path(report))
