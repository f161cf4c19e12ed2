"""The one window: a banner when OCR cannot run, the drop zone, four settings, the items, Cancel.

Everything slow happens in worker.CleanThread (cleaning, the Tesseract check) or on the global
thread pool (listing a dropped folder); this module only reacts to their signals, so the window
keeps repainting while a 200-slide deck is cleaned. Errors arrive as one sentence and are shown
on the item they belong to; no dialog ever shows a traceback.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFrame, QHBoxLayout, QInputDialog, QLabel,
                               QLineEdit, QMainWindow, QProgressBar, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from slidesan.gui import jobs, output_choice
from slidesan.gui.dropzone import HOVER_STYLE, IDLE_STYLE, DropZone, local_paths
from slidesan.gui.items import ItemCard
from slidesan.gui.settings import LEVELS, Choices, GuiSettings, install_hint
from slidesan.gui.worker import CleanThread, ListFolder

FILE_FILTER = ("Decks, PDF handouts, DICOM, pictures and zips (*.pptx *.pptm *.ppsx *.ppsm *.potx *.potm *.pdf *.dcm *.dicom *.jpg *.jpeg *.png "
               "*.tif *.tiff *.bmp *.gif *.zip);;All files (*)")
LEVEL_LABELS = {"publication": "Publication", "limited-access": "Limited access"}


class MainWindow(QMainWindow):
    """Drop things on it (anywhere); each becomes an ItemCard cleaned in turn by the worker thread."""

    all_finished = Signal()          # nothing waiting or running any more (after at least one item)
    TITLE = "Remove patient data from teaching decks"     # Qt adds the application name itself

    def __init__(self, settings: GuiSettings | None = None, ocr: bool | None = None, parent=None) -> None:
        """`ocr`: None uses Tesseract when installed (and says so when it is not); False never runs OCR."""
        super().__init__(parent)
        self.setWindowTitle(self.TITLE)
        self.setAcceptDrops(True)
        self.ask_output = output_choice.ask        # tests answer the "already exists" question here
        self.ask_password = self._ask_password     # and give the password of an encrypted PDF here
        self.settings = settings or GuiSettings()
        self.cards: dict[int, ItemCard] = {}
        self._ids = itertools.count(1)
        self._listings: dict[int, ListFolder] = {}
        self.ocr_state: tuple[bool, str] | None = None     # set once the Tesseract check has answered

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel { background: #fef3c7; color: #78350f; border: 1px solid #f59e0b; "
                                  "border-radius: 6px; padding: 8px; }")
        self.banner.hide()
        self.engines_banner = QLabel()
        self.engines_banner.setWordWrap(True)
        self.engines_banner.setStyleSheet(self.banner.styleSheet())
        self.engines_banner.hide()
        self.drop_zone = DropZone()
        self.drop_zone.dropped.connect(self.add_paths)
        self.drop_zone.add_files_clicked.connect(self.choose_files)
        self.drop_zone.add_folder_clicked.connect(self.choose_folder)

        choices = self.settings.load()
        self.level_box = QComboBox()
        for level in LEVELS:
            self.level_box.addItem(LEVEL_LABELS[level], level)
        self.level_box.setCurrentIndex(LEVELS.index(choices.level))
        self.level_box.setToolTip("Publication: nothing that could identify anyone may remain. Limited access: "
                                  "dates and institutions may remain, for a closed audience.")
        self.keep_notes_box = QCheckBox("Keep speaker notes")
        self.keep_notes_box.setChecked(choices.keep_notes)
        self.keep_hidden_box = QCheckBox("Keep hidden slides")
        self.keep_hidden_box.setChecked(choices.keep_hidden_slides)
        self.redact_box = QCheckBox("Redact flagged text in pictures")
        self.redact_box.setChecked(choices.redact)
        self.presenter_edit = QLineEdit(choices.presenter)
        self.presenter_edit.setPlaceholderText("Your name and hospital, never flagged: Dr A Lecturer, Royal Infirmary")
        self.presenter_edit.setToolTip("Your own name and hospital as they appear on your title slide, separated "
                                       "by commas. They are not reported as a patient's; nothing else is affected.")
        self.presenter_edit.editingFinished.connect(self.save_choices)
        self.level_box.currentIndexChanged.connect(self.save_choices)
        for box in (self.keep_notes_box, self.keep_hidden_box, self.redact_box):
            box.toggled.connect(self.save_choices)

        self.items_layout = QVBoxLayout()
        self.items_layout.addStretch(1)
        items_widget = QWidget()
        items_widget.setLayout(self.items_layout)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(items_widget)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.overall = QProgressBar()
        self.overall.setRange(0, 1000)
        self.overall.setValue(0)
        self.overall.setFormat("")
        self.overall_label = QLabel("Nothing to clean yet.")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the item being cleaned (nothing of it is written) and those waiting.")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_all)
        self.clear_button = QPushButton("Clear finished")
        self.clear_button.clicked.connect(self.clear_finished)

        settings_row = QHBoxLayout()
        settings_row.addWidget(QLabel("Level:"))
        settings_row.addWidget(self.level_box)
        for box in (self.keep_notes_box, self.keep_hidden_box, self.redact_box):
            settings_row.addSpacing(12)
            settings_row.addWidget(box)
        settings_row.addStretch(1)
        presenter_row = QHBoxLayout()
        presenter_row.addWidget(QLabel("Presenter:"))
        presenter_row.addWidget(self.presenter_edit, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.overall_label)
        bottom.addWidget(self.overall, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.clear_button)
        layout = QVBoxLayout()
        layout.addWidget(self.banner)
        layout.addWidget(self.engines_banner)
        layout.addWidget(self.drop_zone)
        layout.addLayout(settings_row)
        layout.addLayout(presenter_row)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(bottom)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.resize(820, 640)
        geometry = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)

        self.worker = CleanThread(ocr=ocr, parent=self)
        self.worker.ocr_checked.connect(self.show_ocr_status)
        self.worker.engines_checked.connect(self.show_engines)
        self.worker.job_started.connect(self._started)
        self.worker.job_progress.connect(self._progress)
        self.worker.job_finished.connect(self._finished)
        self.worker.job_failed.connect(self._failed)
        self.worker.job_cancelled.connect(self._cancelled)
        self.worker.start()

    # -- adding work ------------------------------------------------------------------------------

    def choices(self) -> Choices:
        return Choices(level=self.level_box.currentData() or "publication",
                       keep_notes=self.keep_notes_box.isChecked(),
                       keep_hidden_slides=self.keep_hidden_box.isChecked(),
                       redact=self.redact_box.isChecked(), presenter=self.presenter_edit.text().strip())

    def save_choices(self, *_args) -> None:
        self.settings.save(self.choices())

    def add_paths(self, paths, password: str | None = None) -> list[ItemCard]:
        """Queue each path (file or folder) as its own item; one already waiting or running is skipped.
        `password`: for an encrypted PDF tried again; used for this run only, never stored."""
        added = []
        busy = {card.path for card in self.cards.values() if card.busy}
        choices = self.choices()
        for path in paths:
            path = Path(path)
            if path in busy:
                continue
            chosen = output_choice.choose_output(self, path, self.ask_output)
            if chosen is None:                 # the user skipped an item cleaned before
                continue
            output, replace = chosen
            busy.add(path)
            job_id = next(self._ids)
            card = ItemCard(job_id, path, choices.level, choices.non_default_note(), output)
            card.open_report_clicked.connect(self.open_report)
            card.show_in_folder_clicked.connect(self.show_in_folder)
            card.password_wanted.connect(self.retry_with_password)
            self.cards[job_id] = card
            self.items_layout.insertWidget(self.items_layout.count() - 1, card)
            if path.is_dir():
                self._list_folder(job_id, path)
            options = choices.options(ocr=True)
            if password:
                options.extra["password"] = password
            self.worker.submit(jobs.Job(job_id, path, options, output, replace))
            added.append(card)
        if added:
            self.settings.set_last_folder(str(added[-1].path.parent))
        self._update_overall()
        return added

    def retry_with_password(self, card: ItemCard) -> None:
        """Ask for the encrypted PDF's password and clean it again as a new item; the failed card goes."""
        password = self.ask_password(card.path.name)
        if not password:
            return
        self.cards.pop(card.job_id, None)
        card.setParent(None)
        card.deleteLater()
        self.add_paths([card.path], password=password)

    def _ask_password(self, name: str) -> str:
        text, ok = QInputDialog.getText(self, "Password", f"{name} is encrypted. Its password (used once, "
                                        "never saved):", QLineEdit.EchoMode.Password)
        return text if ok else ""

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Add files to clean", self.settings.last_folder(), FILE_FILTER)
        if names:
            self.add_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "Add a folder (case pack) to clean", self.settings.last_folder())
        if name:
            self.add_paths([Path(name)])

    def _list_folder(self, job_id: int, folder: Path) -> None:
        task = ListFolder(job_id, folder)
        task.setAutoDelete(False)
        task.signals.listed.connect(self._listed)
        self._listings[job_id] = task          # kept alive until its signal arrives
        QThreadPool.globalInstance().start(task)

    def _listed(self, job_id: int, names) -> None:
        self._listings.pop(job_id, None)
        card = self.cards.get(job_id)
        if card is not None and card.result is None:
            card.set_listing(list(names))

    # -- worker signals ---------------------------------------------------------------------------

    def show_ocr_status(self, available: bool, message: str) -> None:
        self.ocr_state = (available, message)
        if available:
            self.banner.hide()
            return
        self.banner.setText(f"<b>OCR is not available:</b> {message}<br>Text burned into pictures will not be "
                            f"read, so verdicts will say a picture needs review. Everything else is still cleaned."
                            f"<br>{install_hint()}")
        self.banner.show()

    def show_engines(self, results) -> None:
        """Doctor's list at start: engines other than Tesseract (which has its own banner) that are missing."""
        from slidesan.doctor import missing, summary

        gone = [r for r in missing(results) if "text reader" not in r.name]
        self.engines_banner.setText(f"<b>Not installed:</b> {summary(gone)}<br>"
                                    + "<br>".join(f"{r.name}: {r.detail}" for r in gone))
        self.engines_banner.setVisible(bool(gone))

    # -- drops anywhere in the window --------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
            self.drop_zone.setStyleSheet(HOVER_STYLE)
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dragLeaveEvent(self, event) -> None:
        self.drop_zone.setStyleSheet(IDLE_STYLE)

    def dropEvent(self, event) -> None:
        self.drop_zone.setStyleSheet(IDLE_STYLE)
        paths = local_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_paths(paths)

    def _started(self, job_id: int) -> None:
        if job_id in self.cards:
            self.cards[job_id].set_started()
        self._update_overall()

    def _progress(self, job_id: int, done: int, total: int, text: str) -> None:
        if job_id in self.cards:
            self.cards[job_id].set_progress(done, total, text)
        self._update_overall()

    def _finished(self, job_id: int, result) -> None:
        if job_id in self.cards:
            self.cards[job_id].set_finished(result)
        self._update_overall()

    def _failed(self, job_id: int, message: str) -> None:
        if job_id in self.cards:
            self.cards[job_id].set_failed(message)
        self._update_overall()

    def _cancelled(self, job_id: int) -> None:
        if job_id in self.cards:
            self.cards[job_id].set_cancelled()
        self._update_overall()

    # -- controls ---------------------------------------------------------------------------------

    def cancel_all(self) -> None:
        """Cancel the item being cleaned and every item waiting."""
        self.worker.cancel(None)
        for card in self.cards.values():
            card.set_cancelling()
        self.cancel_button.setEnabled(False)

    def clear_finished(self) -> None:
        for job_id, card in list(self.cards.items()):
            if not card.busy:
                self.items_layout.removeWidget(card)
                card.deleteLater()
                del self.cards[job_id]
        self._update_overall()

    def open_report(self, path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def show_in_folder(self, path) -> None:
        """Select the output in the file manager where the platform allows it, else open its folder."""
        path = Path(path)
        try:
            if sys.platform.startswith("win"):
                subprocess.Popen(["explorer", "/select,", str(path)])
                return
            if sys.platform == "darwin":
                subprocess.Popen(["open", "-R", str(path)])
                return
        except OSError:
            pass
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    def _update_overall(self) -> None:
        cards = list(self.cards.values())
        self.cancel_button.setEnabled(any(c.state in ("waiting", "cleaning") for c in cards))
        if not cards:
            self.overall.setValue(0)
            self.overall_label.setText("Nothing to clean yet.")
            return
        finished = [c for c in cards if not c.busy]
        running = sum(c.fraction for c in cards if c.state in ("cleaning", "cancelling"))
        self.overall.setValue(int(1000 * (len(finished) + running) / len(cards)))
        self.overall_label.setText(f"{len(finished)} of {len(cards)} done")
        if len(finished) == len(cards):
            self.all_finished.emit()

    def closeEvent(self, event) -> None:
        """Stop cleanly: the current item is cancelled (nothing of it is left) before the window goes."""
        self.settings.save(self.choices())
        self.settings.set_geometry(self.saveGeometry())
        self.hide()                 # the current stage may take a moment to unwind; do not look frozen
        self.worker.stop()
        self.worker.wait()
        QThreadPool.globalInstance().waitForDone(5000)
        super().closeEvent(event)
