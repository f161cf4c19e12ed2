"""One dropped item cleaned through the library API, cancellable, with nothing left behind on cancel.

No Qt here: the worker thread calls `run_job` and turns its outcome into signals, and a test can
call it directly. Cancelling works through the library's progress callback: when the user asks,
the next callback raises `Cancelled`, which unwinds the library (it writes to a temporary name and
removes it on the way out). A cancel that arrives after the library has already renamed its output
into place is honoured too: the fresh output and its reports are deleted, so a cancelled item never
leaves a file that looks finished.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from slidesan.errors import SlidesanError
from slidesan.options import Options

# What api.clean takes as a deck when folder cleaning is not available (then only decks are cleaned).
DECK_SUFFIXES = (".pptx", ".pptm", ".ppsx", ".ppsm", ".potx", ".potm")
# Files the tool itself wrote beside earlier inputs; never cleaned again as part of a folder.
OWN_OUTPUT_ENDINGS = (".clean.pptx", ".clean.pdf", ".report.json", ".report.html")
LISTING_LIMIT = 5000

Progress = Callable[[int, int, str], None]


class Cancelled(Exception):
    """Raised from the progress callback when the user pressed Cancel (never a SlidesanError)."""


@dataclass
class Job:
    """One dropped file or folder and the options chosen when it was dropped.

    `output` None: the library's default name (free when the job was queued). `replace`: the user
    chose to replace what is at `output`; it is swapped out only once the new output is complete."""

    id: int
    path: Path
    options: Options
    output: Path | None = None
    replace: bool = False


@dataclass
class FileRow:
    """One file of a dropped folder: its verdict, or the reason it was not cleaned."""

    name: str
    verdict: str | None = None
    problem: str | None = None
    report_html: Path | None = None


@dataclass
class Result:
    """What the item card shows once cleaning finished."""

    verdict: str
    counts: dict
    output: Path | None
    report_html: Path | None
    report_json: Path | None
    ocr_run: bool
    meets_target: bool
    files: list[FileRow] = field(default_factory=list)
    summary: str = ""             # report.guidance.summary_line: what stands in the way, in one sentence


def folders_supported() -> bool:
    """True when api.clean cleans folders and zips itself (the case-pack cleaner is installed)."""
    try:
        return importlib.util.find_spec("slidesan.pack.run") is not None
    except (ImportError, ValueError):
        return False


def list_files(folder: Path) -> list[str]:
    """The files of a dropped folder, as paths relative to it, for the listing only.

    Uses the pack walker when there is one (the same view the cleaner has, symlinks never
    followed); otherwise walks the folder itself the same careful way.
    """
    folder = Path(folder)
    try:
        from slidesan.pack.walk import walk
    except ImportError:
        walk = None
    if walk is not None:
        try:
            entries, skipped = walk(folder)
            return sorted([e.rel for e in entries] + [s.rel for s in skipped])[:LISTING_LIMIT]
        except SlidesanError:
            pass
    names = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            names.append(Path(root, name).relative_to(folder).as_posix())
            if len(names) >= LISTING_LIMIT:
                return names
    return names


def run_job(job: Job, cancel: threading.Event, on_progress: Progress) -> Result:
    """Clean one item; raises SlidesanError (one sentence) or Cancelled, with nothing left written."""
    if cancel.is_set():
        raise Cancelled()
    path = Path(job.path)
    if path.is_dir() and not folders_supported():
        return clean_folder_deck_by_deck(path, job.options, cancel, on_progress)
    report, html, json_path = clean_and_report(path, job.options, cancel, on_progress, job.output, job.replace)
    return Result(
        verdict=report.verdict,
        counts=report.counts(),
        output=Path(report.output_path) if report.output_path else None,
        report_html=html,
        report_json=json_path,
        ocr_run=bool(report.settings.get("ocr", True)),
        meets_target=report.exit_code() == 0,
        files=[FileRow(item.get("path", "?"), item.get("verdict"), item.get("problem"))
               for item in report.files] if path.is_dir() or len(report.files) > 1 else [],
        summary=summary_line(report),
    )


def summary_line(report) -> str:
    from slidesan.report.guidance import summary_line as line

    return line(report)


def clean_and_report(path: Path, options: Options, cancel: threading.Event, on_progress: Progress,
                     output: Path | None = None, replace: bool = False):
    """api.clean with a cancelling progress callback, then the two reports beside the output.

    Progress reaches `on_progress` as (permille, 1000, words): see slidesan/progress.py."""
    from slidesan import api
    from slidesan.progress import ProgressWords

    words = ProgressWords(deck=api.is_deck_input(path), steps=deck_step_count() - 2)

    def progress(*args) -> None:
        if cancel.is_set():
            raise Cancelled()
        fraction, text = words.update(*args)
        on_progress(int(fraction * 1000), 1000, text)

    target = Path(output) if output is not None else None
    swap = replace and target is not None and target.is_dir() and not target.is_symlink()
    if swap:                                     # a pack folder: build beside it, swap at the end
        target = api.numbered_output(target)
    report = api.clean(path, target, options, progress)
    if cancel.is_set():
        discard(report)
        raise Cancelled()
    written = Path(report.output_path)
    if swap:
        written = swap_into_place(written, Path(output))
        report.output_path = str(written)
    try:
        json_path, html_path = api.write_reports(report, written)
    except OSError as exc:
        raise SlidesanError(f"{written.name} was written but its report could not be ({exc.strerror or exc})") \
            from None
    return report, html_path, json_path


def swap_into_place(fresh: Path, old: Path) -> Path:
    """Replace the folder `old` by the complete folder `fresh`; the old one is removed only after."""
    from slidesan import api

    trash = old.with_name(f".{old.name}.slidesan-replaced")
    shutil.rmtree(trash, ignore_errors=True)
    try:
        os.rename(old, trash)
        os.rename(fresh, old)
    except OSError as exc:
        raise SlidesanError(f"{old.name} could not be replaced ({exc.strerror or exc}); the new output is "
                            f"{fresh.name}") from None
    shutil.rmtree(trash, ignore_errors=True)
    for stale in api.report_paths(fresh):
        stale.unlink(missing_ok=True)
    return old


def clean_folder_deck_by_deck(folder: Path, options: Options, cancel: threading.Event,
                              on_progress: Progress) -> Result:
    """Before the case-pack cleaner: each deck of the folder cleaned on its own, the rest explained.

    On cancel every output this item already produced is removed again, so a cancelled folder
    leaves the folder as it was.
    """
    from slidesan.report.model import COUNT_KEYS, verdict_of

    names = [n for n in list_files(folder) if not n.lower().endswith(OWN_OUTPUT_ENDINGS)]
    rows: list[FileRow] = []
    written = []
    findings = []
    try:
        for index, name in enumerate(names):
            on_progress(index, len(names), name)
            if not name.lower().endswith(DECK_SUFFIXES):
                rows.append(FileRow(name, problem="not cleaned: this version of slidesan cleans only decks "
                                                  "(.pptx) inside a folder"))
                continue
            try:
                report, html, _ = clean_and_report(folder / name, options, cancel, lambda *a: None)
            except SlidesanError as exc:
                rows.append(FileRow(name, problem=str(exc)))
                continue
            written.append(report)
            findings.extend(report.findings)
            rows.append(FileRow(name, verdict=report.verdict, report_html=html))
    except Cancelled:
        for report in written:
            discard(report)
        raise
    on_progress(len(names), max(len(names), 1), "")
    if not written:
        raise SlidesanError(f"{folder.name}: no deck in this folder could be cleaned (this version of "
                            "slidesan cleans only decks inside folders)")
    counts = dict.fromkeys(COUNT_KEYS, 0)
    for report in written:
        for key, value in report.counts().items():
            counts[key] = counts.get(key, 0) + value
    meets_target = all(r.exit_code() == 0 for r in written) and not any(row.problem for row in rows)
    return Result(verdict=verdict_of(findings), counts=counts, output=folder, report_html=None, report_json=None,
                  ocr_run=options.ocr, meets_target=meets_target, files=rows)


def discard(report) -> None:
    """Remove what a cancelled run wrote: the output (file or folder) and any reports beside it."""
    from slidesan import api

    if not report.output_path:
        return
    output = Path(report.output_path)
    if output.is_dir() and not output.is_symlink():
        shutil.rmtree(output, ignore_errors=True)
    elif output.exists() or output.is_symlink():
        output.unlink(missing_ok=True)
    for path in api.report_paths(output):
        path.unlink(missing_ok=True)


def deck_step_count() -> int:
    """How many progress calls a deck makes (one per scrub step, then scan and write), for a determinate bar."""
    try:
        from slidesan.deck.pipeline import PROGRESS_TICKS
        return max(PROGRESS_TICKS, 1)
    except ImportError:
        return 1
