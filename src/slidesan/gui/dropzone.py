"""The area that takes dropped files and folders, with buttons for those who do not drag.

Only local files and folders are accepted (a link dragged from a browser is not a file on this
machine); the zone lights up while something droppable is over it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

IDLE_STYLE = "#dropZone { border: 2px dashed #8a94a6; border-radius: 10px; background: #f6f8fb; }"
HOVER_STYLE = "#dropZone { border: 2px dashed #2563eb; border-radius: 10px; background: #e8f0fe; }"


def local_paths(mime) -> list[Path]:
    """The local files and folders in dragged data, in the order given."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class DropZone(QFrame):
    """Emits `dropped` with the paths of files and folders dropped on it or chosen with its buttons."""

    dropped = Signal(list)
    add_files_clicked = Signal()
    add_folder_clicked = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.setAcceptDrops(True)
        self.setStyleSheet(IDLE_STYLE)
        self.setMinimumHeight(120)

        title = QLabel("Drop decks, PDF handouts, case-pack folders, zips, DICOM files or pictures here")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 15px; font-weight: 600; color: #1f2937; border: none; background: none;")
        hint = QLabel("Each is cleaned into a copy beside it (talk.clean.pptx, handout.clean.pdf, pack.clean), "
                      "with a report you can open. The originals are never changed.")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet("color: #4b5563; border: none; background: none;")
        self.add_files_button = QPushButton("Add files…")
        self.add_folder_button = QPushButton("Add folder…")
        self.add_files_button.clicked.connect(self.add_files_clicked)
        self.add_folder_button.clicked.connect(self.add_folder_clicked)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_files_button)
        buttons.addWidget(self.add_folder_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
            self.setStyleSheet(HOVER_STYLE)
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.setStyleSheet(IDLE_STYLE)

    def dropEvent(self, event: QDropEvent) -> None:
        self.setStyleSheet(IDLE_STYLE)
        paths = local_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.dropped.emit(paths)
