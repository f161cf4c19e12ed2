"""One file of a pack, cleaned or checked: the function the process pool runs.

It reads its own bytes (so the parent never holds the pack in memory), picks the cleaner by the
file's content, writes only to `stage/out_rel` (checked to stay inside the stage), and returns an
`Outcome` with the findings; every problem with the file becomes one sentence, never an exception.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import pickle
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from slidesan.errors import SlidesanError
from slidesan.pack import dicom_file
from slidesan.pack.image_file import clean_image, redact_burned_in_text, thumbnail
from slidesan.pack.kinds import (DECK, DICOM, DICOMDIR, IMAGE, OFFICE_LOCK_PREFIX, PDF, TEXT, UNKNOWN, ZIP,
                                 office_document, sniff)
from slidesan.pack.text_file import decoded, text_findings
from slidesan.pack.plan import name_category, name_flags
from slidesan.pack.pool import end_with_parent
from slidesan.pack.walk import Entry
from slidesan.report.model import GONE_ACTIONS, HIGH, INFO, REVIEW, Finding, new_report

CLEAN, CHECK = "clean", "check"
_ENCODER = json.JSONEncoder(ensure_ascii=False)


@dataclass
class Task:
    entry: Entry
    kind: str
    out_rel: str
    mode: str                     # CLEAN writes to stage/out_rel; CHECK writes nothing
    stage: str | None = None
    renamed: list = field(default_factory=list)
    survey: bool = False          # return the DICOM header's survey (renames decided after the pool)


@dataclass
class Outcome:
    rel: str
    kind: str
    out_rel: str | None = None    # None: nothing written for this file
    findings: list[Finding] = field(default_factory=list)
    problem: str | None = None
    images: dict = field(default_factory=dict)
    sha256: str | None = None
    output_sha256: str | None = None
    seconds: float = 0.0
    uids: dict = field(default_factory=dict)
    pid: int = 0                  # the process that did the work
    slide_titles: dict = field(default_factory=dict)    # a deck's slide -> title, for the report's "where"
    summary: dict | None = None   # counts and verdict, once a FindingSink took the findings
    survey: object = None         # dicom_file.Survey of the header, when the task asked for it
    details: str | None = None    # the findings as JSON lines, encoded in the worker
    name_flags: tuple | None = None   # (identifier engine flags the name, the header flags it): plan.name_flags


def process(task: Task, state, options) -> Outcome:
    """Clean or check one entry. Never raises for anything the file can do; a failure to write the
    output (disk full, permissions) is raised, because then the whole pack is incomplete."""
    t0 = time.perf_counter()
    uids_before = len(getattr(state, "uids", None) or {})
    out = Outcome(task.entry.rel, task.kind, pid=os.getpid())
    target, data = None, None
    try:
        target = safe_target(task) if task.mode == CLEAN else None
        data = task.entry.read()
    except SlidesanError as exc:
        drop(out, task, str(exc), category="bad-input")
    except (OSError, zipfile.BadZipFile, EOFError, ValueError, RuntimeError) as exc:
        drop(out, task, f"{task.entry.rel}: cannot be read ({getattr(exc, 'strerror', None) or exc})",
             category="bad-input")
    if data is not None and not data:          # nothing in it can identify anyone; nothing to copy either
        verb = "not copied" if task.mode == CLEAN else "a clean leaves it out"
        out.problem = f"{task.entry.rel}: empty file (0 bytes); {verb}"
        out.findings.append(Finding("empty-file", INFO, "removed" if task.mode == CLEAN else "flagged",
                                    out.problem, step="pack"))
        data = None
    if data is not None:
        out.sha256 = hashlib.sha256(data).hexdigest()
        try:
            if task.kind in (DECK, ZIP):
                out.kind = sniff(data[:132], task.entry.rel, whole=data)
            handle(out, data, task, target, state, options)
        except SlidesanError as exc:
            drop(out, task, str(exc), category="bad-input")
        except MemoryError:
            drop(out, task, f"{task.entry.rel}: too large to process in memory", category="bad-input")
        except OSError:
            raise
        except Exception as exc:  # a bug on one odd file must not sink the pack; the file is not copied
            if os.environ.get("SLIDESAN_DEBUG"):
                raise
            drop(out, task, f"{task.entry.rel}: internal error ({type(exc).__name__}: {str(exc)[:120]}); "
                            "not copied (set SLIDESAN_DEBUG=1 for details)", category="internal-error")
    if out.out_rel or task.mode == CHECK:   # a check reports the input's names, read or not
        rename_findings(out, task)
    written = Path(task.stage) / out.out_rel if out.out_rel and task.stage else None
    if written is not None and written.is_file():
        if not out.output_sha256:                 # DICOM is hashed while it is written
            out.output_sha256 = hashlib.sha256(written.read_bytes()).hexdigest()
    elif target is not None:                      # nothing half-written may reach the output
        out.output_sha256 = None
        for leftover in (target, target.with_name(target.name + ".part")):
            leftover.unlink(missing_ok=True)
    out.seconds = time.perf_counter() - t0
    uids = getattr(state, "uids", None) or {}
    added = list(itertools.islice(reversed(uids.items()), max(0, len(uids) - uids_before)))
    out.uids = dict(reversed(added))     # only what this file added, read from the end: O(1) per file, not O(pack)
    if task.mode == CHECK:
        out.findings = [as_present(f) for f in out.findings]
    for f in out.findings:
        f.file = task.entry.rel
    if task.survey:                 # work the parent would otherwise do alone, after the pool
        out.details = "".join(_ENCODER.encode(f.to_dict()) + "\n" for f in out.findings)
        out.name_flags = name_flags(task.entry.rel, out.kind, out.survey)
    return out


# A worker process receives the pack state and options once (pool initializer), then batches of tasks.
_WORKER: dict = {}


def init_worker(state, options) -> None:
    end_with_parent()
    _WORKER["state"], _WORKER["options"] = state, options


def process_batch(tasks: list[Task]) -> list[Outcome]:
    return [process(task, _WORKER["state"], _WORKER["options"]) for task in tasks]


def process_setup_batch(setup: bytes, tasks: list[Task]) -> list[Outcome]:
    """process_batch for a pool started early: `setup` is the pickled (state, options) of the pack,
    the same bytes with every batch, unpickled once per worker."""
    if _WORKER.get("setup") != setup:
        _WORKER["state"], _WORKER["options"] = pickle.loads(setup)
        _WORKER["setup"] = setup
    return process_batch(tasks)


def handle(out: Outcome, data: bytes, task: Task, target: Path | None, state, options) -> None:
    rel = task.entry.rel
    if out.kind == DICOM:
        try:
            receipt: dict = {"survey": task.survey}
            try:
                out.findings += dicom_file.clean_dicom(data, rel, state, options, target, receipt)
            finally:
                out.survey = receipt["survey"] if receipt.get("survey") is not True else None
            out.output_sha256 = receipt.get("sha256")
        except SlidesanError as exc:
            if dicom_file.is_dicomdir_error(exc):
                return dicomdir(out, task)
            if dicom_file.is_document_error(exc):
                return drop(out, task, str(exc), category="encapsulated-document")
            if type(exc).__name__ == "NotDicomError" and data[128:132] != b"DICM":
                return drop(out, task, f"{rel}: {unknown_reason(rel, data)}", category="unknown-file")
            raise
    elif out.kind == DICOMDIR:
        return dicomdir(out, task)
    elif out.kind == IMAGE:
        cleaned, findings = clean_image(data, rel, options, strip=task.mode == CLEAN)
        out.findings += findings
        redacted = redact_burned_in_text(cleaned, findings, options) if options.redact and target is not None else None
        if redacted is not None:
            cleaned, ext = redacted
            suffix = ".jpg" if ext == "jpeg" else ".png"
            if target.suffix.lower() not in ((".jpg", ".jpeg") if ext == "jpeg" else (".png",)):
                target = target.with_name(target.stem + suffix)       # e.g. a TIFF painted over is a PNG now
                task.out_rel = PurePosixPath(task.out_rel).with_name(target.name).as_posix()
        out.images.update(thumbnail(cleaned, rel, findings))
        if looks_dicom(rel):
            out.findings.append(Finding("file-kind", INFO, "kept", "named like DICOM but is a picture; cleaned as a "
                                        "picture, name kept", step="pack"))
        if target is not None:
            write_bytes(target, cleaned)
    elif out.kind == DECK:
        if target is not None and target.suffix.lower() != ".pptx":
            target = target.with_name(target.stem + ".pptx")
            task.out_rel = task.out_rel[: -len(Path(task.out_rel).suffix) or None] + ".pptx"
        handle_deck(out, data, task, target, options)
    elif out.kind == PDF:
        if target is not None and target.suffix.lower() != ".pdf":
            target = target.with_name(target.stem + ".pdf")
            task.out_rel = task.out_rel[: -len(Path(task.out_rel).suffix) or None] + ".pdf"
        handle_deck(out, data, task, target, options, pdf=True)
    elif out.kind == TEXT:
        text = decoded(data)
        if text is None:
            return drop(out, task, f"{rel}: named like text but does not read as text (or is over 8 MB); "
                                   "not copied", category="unknown-file")
        out.findings += text_findings(text, options, rel)
        if target is not None:
            write_bytes(target, data)
    elif out.kind == ZIP:
        document = office_document(data)
        reason = (f"{document} document this tool cannot inspect; not copied (export it to PDF, or remove it)"
                  if document else "a zip inside the pack is not opened; unzip it into the pack first")
        return drop(out, task, f"{rel}: {reason}", category="unknown-file")
    else:
        return drop(out, task, f"{rel}: {unknown_reason(rel, data)}", category="unknown-file")
    if target is not None:
        out.out_rel = task.out_rel


def handle_deck(out: Outcome, data: bytes, task: Task, target: Path | None, options, pdf: bool = False) -> None:
    """Issue 2's cleaning (issue 14's for a PDF), unchanged; in check mode into a temporary folder
    that is deleted."""
    from slidesan.deck.clean import clean_deck
    from slidesan.pdf.clean import clean_pdf

    rel = task.entry.rel
    work = Path(tempfile.mkdtemp(prefix=".slidesan-deck-", dir=task.stage if task.stage else None))
    try:
        source = work / ("input" + (".pdf" if pdf else Path(rel).suffix.lower()))
        source.write_bytes(data)
        output = target if target is not None else work / ("checked.pdf" if pdf else "checked.pptx")
        output.parent.mkdir(parents=True, exist_ok=True)
        report = new_report(task.mode, Path(rel), options)
        (clean_pdf if pdf else clean_deck)(source, output, options, report)
        out.findings += report.findings
        out.images.update({f"{rel}:{k}": {**v, "file": rel} for k, v in report.images.items()})
        out.slide_titles = report.slide_titles.get("", {})
    except SlidesanError as exc:
        message = str(exc).replace(source.name, rel, 1) if str(exc).startswith(source.name) else str(exc)
        raise SlidesanError(message if message.startswith(rel) else f"{rel}: {message}") from None
    finally:
        for leftover in sorted(work.rglob("*"), reverse=True):
            leftover.unlink() if leftover.is_file() else leftover.rmdir()
        work.rmdir()


def dicomdir(out: Outcome, task: Task) -> None:
    verb = "dropped" if task.mode == CLEAN else "present (a clean drops it)"
    drop(out, task, f"{task.entry.rel}: DICOMDIR {verb}: it indexes the original file names, patient "
                    "names and UIDs (regenerate it from the cleaned files if a viewer needs one)",
         category="dicomdir")
    out.kind = DICOMDIR


def drop(out: Outcome, task: Task, message: str, category: str, problem: bool = True) -> None:
    """Not copied: in clean the file is missing from the output ("not-written", which the verdict
    sees: the pack needs review); in check it was not inspected. Only operating-system clutter
    (.DS_Store, Thumbs.db, AppleDouble files) is left out without a review."""
    action = "not-written" if task.mode == CLEAN else "not-inspected"
    if task.mode == CHECK:
        message = message.replace("; not copied", "; not inspected")
    if category == "unknown-file":
        out.kind = UNKNOWN
    if is_system_clutter(task.entry.rel):
        action, severity = ("removed" if task.mode == CLEAN else "not-inspected"), INFO
        message = f"{task.entry.rel}: operating-system file (it lists the folder's file names); not copied"
    else:
        severity = REVIEW
    out.findings.append(Finding(category, severity, action, message, step="pack"))
    out.out_rel = None
    if problem:
        out.problem = message


SYSTEM_CLUTTER = frozenset({".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db", ".localized"})


def is_system_clutter(rel: str) -> bool:
    """Files an operating system leaves in folders and zips: nothing a pack is made of."""
    parts = rel.lower().split("/")
    return parts[-1] in SYSTEM_CLUTTER or parts[-1].startswith("._") or "__macosx" in parts[:-1]


def looks_dicom(rel: str) -> bool:
    return rel.lower().endswith((".dcm", ".dicom", ".dic", ".ima"))


def unknown_reason(rel: str, data: bytes) -> str:
    if looks_dicom(rel):
        return "named like DICOM but is not a DICOM file; not copied"
    if rel.rsplit("/", 1)[-1].startswith(OFFICE_LOCK_PREFIX) and not data.startswith(b"PK"):
        return ("Office's lock file, left while the document was open (it holds the name of whoever "
                "opened it); not copied")
    return "not a deck, PDF, DICOM file, picture or text note this tool can inspect; not copied"


def rename_findings(out: Outcome, task: Task) -> None:
    out.findings += [rename_finding(what, old, new, task.mode) for what, old, new in task.renamed]


def rename_finding(what: str, old: str, new: str, mode: str) -> Finding:
    action = "renamed" if mode == CLEAN else "flagged"
    return Finding(name_category(what, old), HIGH, action,
                   f"{what} holds identifiers" + (f"; renamed to {new}" if mode == CLEAN else ""), text=old, step="pack")


def as_present(finding: Finding) -> Finding:
    """Check reports the input: what a clean would remove is there now. Crops hide pixels: high, and
    not inspected, because the scan reads what a clean keeps, never the pixels a crop or clip hides
    (a PACS name band cropped off): without that, a deck or handout whose only problem is a hidden
    name band would pass as limited-access ("only indirect identifiers remain")."""
    cut = finding.action in GONE_ACTIONS and finding.category in UNREAD_WHEN_REMOVED
    if finding.action in GONE_ACTIONS:
        finding.message = f"in the input: {finding.message}"
        finding.action = "flagged"
        finding.clean_removes = True
    if finding.category in CUT_PIXELS:
        finding.severity = HIGH
    if cut:
        finding.action = "not-inspected"
        finding.severity = HIGH if finding.category in CUT_PIXELS else REVIEW
        finding.message += "; the hidden pixels were not read (a clean removes them)"
    return finding


# What a clean removes without reading it: in the input (a check) it is there and was never read.
# Pixels a picture holds but its page or slide hides (a crop or clip, a PDF soft mask of zero): a name
# band is typically there, so they weigh as a crop does.
CUT_PIXELS = frozenset({"crop", "cropped-pixels"})
UNREAD_WHEN_REMOVED = CUT_PIXELS | {"hidden-frames", "hidden-colour", "unread-pictures"}


def safe_target(task: Task) -> Path:
    """stage/out_rel, refusing anything that would resolve outside the stage."""
    stage = Path(task.stage).resolve()
    target = (stage / task.out_rel).resolve()
    if stage not in target.parents:
        raise SlidesanError(f"{task.entry.rel}: output name would leave the output folder; not written")
    return target


def write_bytes(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, target)
