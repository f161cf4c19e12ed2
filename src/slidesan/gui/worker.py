"""Cleaning off the interface thread: one QThread, one item at a time, results as signals.

Items run one after another (a deck already uses every core for OCR, and a case pack its own
process pool), so "Cancel" always means one current item. Cancelling is a flag the library's
progress callback looks at (see jobs.py); waiting items that were cancelled are skipped when
their turn comes. Signals are emitted from the worker thread and delivered queued to the window.
The Tesseract check runs here too, before the first item, so the window never waits on it.
"""

from __future__ import annotations

import queue
import sys
import threading
import traceback

from PySide6.QtCore import QObject, QRunnable, QThread, Signal

from slidesan.errors import SlidesanError
from slidesan.gui import jobs
from slidesan.gui.settings import ocr_status


class CleanThread(QThread):
    """Runs jobs.run_job for each submitted Job, in order."""

    ocr_checked = Signal(bool, str)          # (available, message): only when the check actually ran
    engines_checked = Signal(object)         # doctor's list of Check, at start (only when ocr is not forced)
    job_started = Signal(int)
    job_progress = Signal(int, int, int, str)   # (job id, done, total, what)
    job_finished = Signal(int, object)       # (job id, jobs.Result)
    job_failed = Signal(int, str)            # (job id, one sentence)
    job_cancelled = Signal(int)

    def __init__(self, ocr: bool | None = None, parent: QObject | None = None) -> None:
        """`ocr`: None = use Tesseract when it is installed; False = never (tests, or the user's choice)."""
        super().__init__(parent)
        self._forced_ocr = ocr
        self._ocr_available = bool(ocr)
        self._jobs: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._current: int | None = None
        self._waiting_ids: set[int] = set()
        self._cancelled_ids: set[int] = set()

    # -- called from the interface thread ------------------------------------------------------

    def submit(self, job: jobs.Job) -> None:
        with self._lock:
            self._waiting_ids.add(job.id)
        self._jobs.put(job)

    def cancel(self, job_id: int | None = None) -> None:
        """Cancel one item (waiting or running), or with None the running one and all waiting."""
        with self._lock:
            if job_id is None:
                self._cancelled_ids |= self._waiting_ids
                self._cancel.set()
            elif job_id == self._current:
                self._cancel.set()
            elif job_id in self._waiting_ids:
                self._cancelled_ids.add(job_id)

    def stop(self) -> None:
        """Cancel everything and let the thread end after the current item unwinds."""
        self.cancel(None)
        self._jobs.put(None)

    @property
    def ocr_available(self) -> bool:
        return self._ocr_available

    # -- the worker thread ----------------------------------------------------------------------

    def run(self) -> None:
        if self._forced_ocr is None:
            available, message = ocr_status()
            self._ocr_available = available
            self.ocr_checked.emit(available, message)
            self.engines_checked.emit(engines())
        while True:
            job = self._jobs.get()
            if job is None:
                return
            with self._lock:
                self._waiting_ids.discard(job.id)
                if job.id in self._cancelled_ids:
                    self._cancelled_ids.discard(job.id)
                    skip = True
                else:
                    skip = False
                    self._current = job.id
                    self._cancel.clear()
            if skip:
                self.job_cancelled.emit(job.id)
                continue
            self.run_one(job)
            with self._lock:
                self._current = None

    def run_one(self, job: jobs.Job) -> None:
        from dataclasses import replace

        self.job_started.emit(job.id)
        options = job.options if self._ocr_available or not job.options.ocr else replace(job.options, ocr=False)
        try:
            result = jobs.run_job(replace(job, options=options), self._cancel,
                                  lambda done, total, text: self.job_progress.emit(job.id, done, total, text))
        except jobs.Cancelled:
            self.job_cancelled.emit(job.id)
        except SlidesanError as exc:
            self.job_failed.emit(job.id, str(exc))
        except MemoryError:
            self.job_failed.emit(job.id, "not enough memory to clean this item; nothing was written")
        except Exception as exc:  # a bug, not the user's doing: still words on the item, details on stderr
            traceback.print_exc(file=sys.stderr)
            self.job_failed.emit(job.id, f"internal error ({type(exc).__name__}: {exc}); nothing was written. "
                                         "Please report it.")
        else:
            self.job_finished.emit(job.id, result)


def engines() -> list:
    """doctor.run_checks(), never failing the worker: the window only shows what it says."""
    try:
        from slidesan.doctor import run_checks

        return run_checks()
    except Exception:  # noqa: BLE001
        return []


class ListingSignals(QObject):
    listed = Signal(int, object)             # (job id, list of relative paths)


class ListFolder(QRunnable):
    """Lists a dropped folder on the global thread pool, so a huge folder never blocks the window."""

    def __init__(self, job_id: int, folder) -> None:
        super().__init__()
        self.job_id = job_id
        self.folder = folder
        self.signals = ListingSignals()

    def run(self) -> None:
        try:
            names = jobs.list_files(self.folder)
        except OSError:
            names = []
        self.signals.listed.emit(self.job_id, names)
