"""Clean or check a whole pack: walk, plan, process files over the cores, stage, rename into place.

Nothing of a clean is visible under OUT until everything succeeded: files are written into a hidden
sibling stage (`.OUT.slidesan-partial-XXXX`), a zip OUT is built from the stage under a temporary
name, and only the final rename makes OUT appear. A pack-level error removes the stage. Check
writes nothing at all (decks are cleaned into a temporary folder that is deleted).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import stat
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path

from slidesan.errors import SlidesanError
from slidesan.pack import dicom_file
from slidesan.pack.findings_sink import FindingSink
from slidesan.pack.kinds import DECK, ZIP, office_document, sniff_file
from slidesan.pack.nested import open_nested, rezip, zip_folder
from slidesan.pack.plan import name_category, plan
from slidesan.pack import early_pool
from slidesan.pack.pool import POOL_CONTEXT, POOL_WORTH_UNITS, shared_batches, sigint_ignored_by_children
from slidesan.pack.walk import Entry, Skipped, close_archives, open_zip, walk
from slidesan.pack.finish import add_to_outcome, finish_pack
from slidesan.pack.work import (CHECK, CLEAN, Outcome, Task, as_present, init_worker, process, process_batch,
                                process_setup_batch)
from slidesan.report.model import HIGH, REVIEW, Finding, Report, file_counts, verdict_of


def entries_of(path: Path, workdir: Path, prefix: str = "") -> tuple[list[Entry], list[Skipped], list[str]]:
    """A folder, a zip (not a deck) or one file, as entries whose rel starts with `prefix`; zips
    inside are opened (nested.py, copies in `workdir`), and their rels are the third item."""
    path = Path(path)
    entries, skipped = walk(path)
    if path.is_file() and not path.is_symlink() and is_zip_pack(path):
        entries, skipped = open_zip(path)
    if not entries and not skipped:     # a wrong or empty PATH is an error, never "publication"
        raise SlidesanError(f"{path}: the {'folder' if path.is_dir() else 'zip'} holds no files; nothing to do")
    entries, more_skipped, opened = open_nested(entries, workdir)
    skipped += more_skipped
    if prefix and path.is_file() and len(entries) == 1 and entries[0].source == str(path):
        entries = [Entry(prefix, entries[0].source, entries[0].size)]     # one file: its own name
    elif prefix:
        entries = [Entry(f"{prefix}/{e.rel}", e.source, e.size) for e in entries]
        skipped = [Skipped(f"{prefix}/{s.rel}", s.problem, s.category) for s in skipped]
        opened = [f"{prefix}/{rel}" for rel in opened]
    return entries, skipped, opened


def run_pack(entries: list[Entry], skipped: list[Skipped], mode: str, options, stage: Path | None,
             progress=None, sink=None, uid_map: bool = True) -> tuple[list[Outcome], object]:
    """Every entry processed (in parallel when there is more than one); outcomes in path order.

    With a `sink` (findings_sink.FindingSink) each outcome's findings are handed over as soon as the
    file is done and the outcome keeps only its summary, so memory does not grow with the pack.
    `uid_map`: keep every original -> new UID (only a key file needs them)."""
    state = dicom_file.new_state()
    state.record_uids = uid_map
    survey_first = options.level == "limited-access"     # pseudonyms are written into the files
    planned, unreadable, folder_renames = plan(entries, state, survey_first)
    outcomes: list[Outcome] = []

    def keep(outcome: Outcome) -> None:
        state.uids.update(outcome.uids)
        if sink is not None:
            outcome.summary = sink.take(outcome.rel, outcome.findings, outcome.details)
            outcome.findings, outcome.uids, outcome.details = [], {}, None
            outcome.images = sink.pictures.take(outcome.images)
        outcomes.append(outcome)

    for item in [*skipped, *(Skipped(rel, problem) for rel, problem in unreadable)]:
        keep(skipped_outcome(item, mode))
    tasks = [Task(p.entry, p.kind, p.out_rel, mode, str(stage) if stage else None, p.renamed,
                  survey=not survey_first) for p in planned]
    jobs = options.jobs or os.cpu_count() or 1
    worker_options = replace(options, jobs=1)       # the pool is the parallelism; no pools inside it
    total, done = len(tasks), 0
    if progress:
        progress(0, total, "")
    if not worth_a_pool(tasks, options, jobs):
        early_pool.discard()
        for task in tasks:
            keep(process(task, state, worker_options))
            done += 1
            if progress:
                progress(done, total, task.entry.rel)
    else:
        size = max(1, min(MAX_BATCH, total // (jobs * 4)))     # few round trips, still balanced at the end
        batches = [tasks[i:i + size] for i in range(0, total, size)]
        # the parent is the last of the `jobs` processes: it works too instead of waiting on the pool;
        # a pool the command started before its imports (early_pool.py) gets the state with each batch
        pool, setup = early_pool.take(most=jobs - 1), None
        if pool is not None:
            setup = pickle.dumps((state, worker_options))
        else:
            pool = ProcessPoolExecutor(max_workers=max(1, min(jobs - 1, len(batches))), mp_context=POOL_CONTEXT,
                                       initializer=init_worker, initargs=(state, worker_options))
        try:
            with sigint_ignored_by_children():
                futures = {(pool.submit(process_setup_batch, setup, batch) if setup else
                            pool.submit(process_batch, batch)): batch for batch in batches}

            def here(batch: list[Task]) -> list[Outcome]:
                return [process(task, state, worker_options) for task in batch]

            for batch, results in shared_batches(futures, here):
                for outcome in results:
                    keep(outcome)
                done += len(batch)
                if progress:
                    progress(done, total, batch[-1].entry.rel)
        except KeyboardInterrupt:      # Ctrl-C: stop the files in progress too, instead of waiting for them
            for worker in list((getattr(pool, "_processes", None) or {}).values()):
                worker.terminate()
            raise
        except BrokenProcessPool:
            raise SlidesanError("a worker process stopped unexpectedly (out of memory, or a script calling "
                                "slidesan without an `if __name__ == \"__main__\":` guard); nothing written, "
                                "try --jobs 1") from None
        finally:       # on an error or Ctrl-C, do not wait for the queued files
            pool.shutdown(wait=True, cancel_futures=True)
    if not survey_first:
        entry_of = {entry.rel: entry for entry in entries}

        def late(outcome: Outcome, findings: list) -> None:
            findings = [as_present(f) for f in findings] if mode == CHECK else findings
            sink.take_late(outcome, findings) if sink is not None else add_to_outcome(outcome, findings)

        folder_renames = finish_pack(outcomes, state, mode, stage, lambda rel: entry_of[rel].read(), late)
    for outcome in folder_outcomes(folder_renames, mode):
        keep(outcome)
    if sink is not None:
        sink.close()
    outcomes.sort(key=lambda o: o.rel)
    return outcomes, state


# Rough cost of one file in units of a small DICOM file (~30 ms); pool.POOL_WORTH_UNITS of them make
# a pool worth starting.
COST_UNITS = {DECK: 20, "pdf": 20, "image-ocr": 20, "image": 1, "dicom": 1}
MAX_BATCH = 16


def worth_a_pool(tasks: list[Task], options, jobs: int) -> bool:
    if jobs <= 1 or len(tasks) <= 1:
        return False
    image = "image-ocr" if options.ocr else "image"
    units = sum(COST_UNITS.get(image if t.kind == "image" else t.kind, 1) for t in tasks)
    return units >= POOL_WORTH_UNITS


def skipped_outcome(item: Skipped, mode: str) -> Outcome:
    """An entry never read (a link, an encrypted or unsafe zip entry): missing from a clean's output,
    so the pack needs review; not inspected by a check."""
    action = "not-written" if mode == CLEAN else "not-inspected"
    severity = REVIEW
    message = f"{item.rel}: {item.problem}"
    finding = Finding(item.category, severity, action, message, file=item.rel, step="pack")
    return Outcome(item.rel, "skipped", None, [finding], problem=message)


def folder_outcomes(renames: dict[str, str], mode: str) -> list[Outcome]:
    """Folder renames are reported once per folder, as a finding of the folder itself."""
    out = []
    for old, new in renames.items():
        action = "renamed" if mode == CLEAN else "flagged"
        message = "folder name holds identifiers" + (f"; renamed to {new}" if mode == CLEAN else "")
        out.append(Outcome(old + "/", "folder", None,
                           [Finding(name_category("folder name", old.rpartition("/")[2]), HIGH, action,
                                    message, text=old.rpartition("/")[2],
                                    file=old + "/", step="pack")]))
    return out


def fill_report(report: Report, outcomes: list[Outcome], seconds: float) -> None:
    """The per-file table, pictures and timings (the findings were handed to the sink as they came)."""
    for outcome in outcomes:
        report.findings.extend(outcome.findings)
        report.images.update(outcome.images)
        if outcome.slide_titles:
            report.slide_titles[outcome.rel] = outcome.slide_titles
        report.files.append(file_summary(outcome))
    if any(o.kind == "dicom" for o in outcomes):
        report.settings["dicom_profile"] = dicom_file.profile_description()
    report.timings["pack"] = seconds
    report.timings["files_per_second"] = len(outcomes) / seconds if seconds else 0.0
    listing = "".join(f"{o.rel}\0{o.sha256}\n" for o in outcomes if o.sha256)
    report.input_sha256 = report.input_sha256 or hashlib.sha256(listing.encode()).hexdigest()


def file_summary(outcome: Outcome) -> dict:
    taken = outcome.summary
    if taken is None:
        taken = {"counts": file_counts(outcome.findings), "verdict": verdict_of(outcome.findings)}
    summary = {"path": outcome.rel, "kind": outcome.kind, "verdict": taken["verdict"],
               "counts": taken["counts"], "output": outcome.out_rel, "sha256": outcome.sha256,
               "output_sha256": outcome.output_sha256, "seconds": round(outcome.seconds, 4)}
    if outcome.problem:
        summary["problem"] = outcome.problem
    return summary


# -- clean ------------------------------------------------------------------------------------

def default_pack_output(path: Path) -> Path:
    if path.is_dir():
        return path.with_name(path.name + ".clean")
    if path.suffix.lower() == ".zip":
        return path.with_name(path.stem + ".clean.zip")
    return path.with_name(path.stem + ".clean" + path.suffix)


def check_output(path: Path, output: Path, single: bool) -> None:
    """Every reason not to start, before any work: exit 2 with one line and nothing written."""
    if not path.exists() and not path.is_symlink():
        raise SlidesanError(f"{path}: no such file or folder")
    parent = output.parent
    if not parent.is_dir():
        raise SlidesanError(f"{parent}: output folder does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise SlidesanError(f"{parent}: cannot write there (permission denied)")
    real_in, real_out = Path(os.path.realpath(path)), Path(os.path.realpath(output))
    if real_out == real_in:
        raise SlidesanError(f"{output}: refusing to write over the input")
    if path.is_dir() and real_in in real_out.parents:
        raise SlidesanError(f"{output}: the output must not be inside the pack being cleaned")
    if output.is_symlink():
        raise SlidesanError(f"{output}: is a symbolic link; choose another output name")
    if output.suffix.lower() == ".zip" or single:
        if output.is_dir():
            raise SlidesanError(f"{output}: is a folder; name a file")
    elif output.exists():
        if not output.is_dir():
            raise SlidesanError(f"{output}: exists and is not a folder")
        if any(output.iterdir()):
            raise SlidesanError(f"{output}: folder exists and is not empty; remove it or choose another name")


def clean_pack(path: Path, output: Path | None, options, report: Report, progress=None,
               key_file: Path | None = None) -> Report:
    """Clean a folder, zip, DICOM file or picture into `output` (folder, .zip, or one file).

    `key_file`: where to write the re-identification key (UID key, date offset, pseudonyms) for a
    limited-access pack; it must lie outside both the pack and the output.
    """
    path = Path(path)
    single = path.is_file() and not path.is_symlink() and not is_zip_pack(path)
    named = output is not None
    output = Path(output) if output else default_pack_output(path)
    check_output(path, output, single and output.suffix.lower() != ".zip")
    if key_file is not None:
        check_key_file(Path(key_file), path, output)
    t0 = time.perf_counter()
    partial_zip = output.with_name(f".{output.name}.slidesan-partial")
    zips = stage = None
    # Named with this process's id, so that a Ctrl-C or a kill landing inside mkdtemp (the folder made,
    # its name not yet returned) still finds and removes it.
    prefixes = (f".{output.name}.slidesan-zips-{os.getpid()}-", f".{output.name}.slidesan-partial-{os.getpid()}-")
    try:
        zips = Path(tempfile.mkdtemp(prefix=prefixes[0], dir=output.parent))
        stage = Path(tempfile.mkdtemp(prefix=prefixes[1], dir=output.parent))
        entries, skipped, opened = entries_of(path, zips)
        outcomes, state = run_pack(entries, skipped, CLEAN, options, stage, progress, FindingSink(report),
                                   uid_map=key_file is not None)
        prune_empty_folders(stage)
        rezip(stage, opened, outcomes)                # zips inside the pack become zips again
        fill_report(report, outcomes, time.perf_counter() - t0)
        if single and output.suffix.lower() != ".zip":
            written = [o for o in outcomes if o.out_rel]
            if not written:
                problem = next((o.problem for o in outcomes if o.problem), None)
                raise SlidesanError(problem or f"{path.name}: nothing could be cleaned")
            if not named and written[0].out_rel != path.name:     # the default name must not keep a patient's name
                output = output.with_name(Path(written[0].out_rel).stem + ".clean" + output.suffix)
            os.replace(stage / written[0].out_rel, output)
            report.output_sha256 = written[0].output_sha256
        elif output.suffix.lower() == ".zip":
            zip_folder(stage, partial_zip)
            os.replace(partial_zip, output)
            report.output_sha256 = sha256_file(output)
        else:
            if output.is_dir():
                output.rmdir()                        # checked empty before starting
            shareable(stage)
            os.rename(stage, output)
            report.output_sha256 = hashlib.sha256("".join(
                f"{o.out_rel}\0{o.output_sha256}\n" for o in outcomes if o.out_rel).encode()).hexdigest()
    except OSError as exc:
        raise SlidesanError(f"{output}: cannot write ({exc.strerror or exc})") from None
    finally:
        close_archives()
        for folder in {*filter(None, (stage, zips)), *(p for p in output.parent.glob(".*") if p.name.startswith(prefixes))}:
            shutil.rmtree(folder, ignore_errors=True)
        partial_zip.unlink(missing_ok=True)
    report.output_path = str(output)
    if key_file is not None:
        write_key_file(Path(key_file), state)
        report.settings["key_file"] = str(key_file)
    return report


def check_key_file(key_file: Path, path: Path, output: Path) -> None:
    real = Path(os.path.realpath(key_file))
    for place in (path, output):
        base = Path(os.path.realpath(place))
        if real == base or base in real.parents:
            raise SlidesanError(f"{key_file}: the key file must be written outside the pack and the output")
    if not key_file.parent.is_dir():
        raise SlidesanError(f"{key_file.parent}: key file folder does not exist")


def write_key_file(key_file: Path, state) -> None:
    """The key re-identifies the pack: private, never beside the shared files by default."""
    import json

    tmp = key_file.with_name(key_file.name + ".partial")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(state.key_record(), fh, indent=2)
    os.replace(tmp, key_file)


def is_zip_pack(path: Path) -> bool:
    """A zip to open as a pack; a .docx or .odt given as PATH is one file (refused with its reason),
    never unzipped into its XML parts."""
    return sniff_file(path) == ZIP and office_document(path) is None


def shareable(folder: Path) -> None:
    """Give the stage (mkdtemp's private 0700) the mode any new folder gets, the user's umask applied:
    a probe folder tells it, without changing the process's umask under other threads (the window)."""
    probe = folder / ".slidesan-mode"
    probe.mkdir()
    mode = stat.S_IMODE(probe.stat().st_mode)
    probe.rmdir()
    os.chmod(folder, mode)


def prune_empty_folders(root: Path) -> None:
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        try:
            folder.rmdir()
        except OSError:
            pass


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- check ------------------------------------------------------------------------------------

def check_packs(paths: list[Path], options, report: Report, progress=None) -> Report:
    """Inspect one or more PATHs without writing; rels are prefixed by the PATH name when several."""
    paths = [Path(p) for p in paths]
    if not paths:
        raise SlidesanError("nothing to check: give at least one PATH")
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise SlidesanError(f"{path}: no such file or folder")
    t0 = time.perf_counter()
    entries: list[Entry] = []
    skipped: list[Skipped] = []
    used: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="slidesan-zips-") as zips:      # copies of zips inside the packs
        try:
            for path in paths:
                prefix = ""
                if len(paths) > 1:
                    prefix, n = path.name, 1
                    while prefix in used:
                        n += 1
                        prefix = f"{path.name}-{n}"
                    used.add(prefix)
                more, more_skipped, _opened = entries_of(path, Path(zips), prefix)
                entries += more
                skipped += more_skipped
            outcomes, _ = run_pack(entries, skipped, CHECK, options, None, progress, FindingSink(report),
                                   uid_map=False)
        finally:
            close_archives()                  # before the copies are removed
    if len(paths) == 1 and paths[0].is_file() and len(outcomes) == 1 and outcomes[0].problem \
            and outcomes[0].kind in (DECK, "pdf", "unknown", "dicom", "image"):
        raise SlidesanError(outcomes[0].problem)
    fill_report(report, outcomes, time.perf_counter() - t0)
    return report
