"""A pack's worker processes started first thing, while the parent imports and walks the pack.

With `-j 2` on a folder of DICOM files the parent used to work alone for its first 0.6-0.8 s (the
command line's and the cleaners' imports, the identifier patterns, the walk and the plan) and only
then start its worker, which needed another ~1.1 s (an interpreter, the imports, the word lists the
first file's free text is checked against) before taking its first batch. The `slidesan` command
(entry.py) now starts the pool before importing anything else, when its command line asks for a
clean or check of a folder holding enough files to be worth a pool; the workers warm up
(warm_up) at the same time as the parent, and run_pack takes this pool instead of starting
its own. The pack's state and options exist only after the plan, so they travel with each batch
(work.process_setup_batch), pickled once.

The command line is only glanced at here (typer parses it properly later): a wrong guess costs at
most the workers' start, because run_pack ends a pool it does not use, and so does the command's
end (`discard`), whatever happened in between. Nothing heavy is imported in this module.
"""

from __future__ import annotations

import os
from pathlib import Path

from slidesan.pack.pool import POOL_CONTEXT, POOL_WORTH_UNITS, end_with_parent, sigint_ignored_by_children

PACK_COMMANDS = ("clean", "check")
_EARLY: dict = {}


def start_for(argv: list[str]) -> None:
    """Start the worker pool now if `argv` (the command's arguments) asks for a clean or check with
    more than one job of a folder holding at least POOL_WORTH_UNITS files; otherwise nothing."""
    jobs = jobs_asked(argv)
    if jobs <= 1 or not any(holds_files(Path(arg), POOL_WORTH_UNITS) for arg in argv[1:] if not arg.startswith("-")):
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=jobs - 1, mp_context=POOL_CONTEXT, initializer=warm_up)
    with sigint_ignored_by_children():
        pool.submit(os.getpid)        # the first task starts the processes (a pool starts none before it)
    _EARLY["pool"] = pool


def warm_up() -> None:
    """The early workers' initializer: the imports and word lists the files need (the DICOM cleaner, the
    pixel checks, the lexicon the header's free text is checked against), done while the parent is still
    importing and walking. Any failure is left to the first file, which reports it as every file does."""
    end_with_parent()
    try:
        import slidesan.dicom.burned_in  # noqa: F401
        import slidesan.pack.work  # noqa: F401
        from slidesan.scan.identifiers import lexicon

        lexicon.available()
    except Exception:  # noqa: BLE001
        pass


def jobs_asked(argv: list[str]) -> int:
    """The job count a pack command asks for (`-j N`, `-jN`, `--jobs N`, `--jobs=N`; none or 0: one
    per core), or 0 for anything else: another command, help, or a value that is no number."""
    if not argv or argv[0] not in PACK_COMMANDS or any(a in ("-h", "--help") for a in argv):
        return 0
    value = "0"
    for index, arg in enumerate(argv):
        if arg in ("-j", "--jobs"):
            value = argv[index + 1] if index + 1 < len(argv) else ""
        elif arg.startswith("--jobs="):
            value = arg.partition("=")[2]
        elif arg.startswith("-j") and not arg.startswith("--"):
            value = arg[2:]
    if not value.isdigit():
        return 0
    return int(value) or os.cpu_count() or 1


def holds_files(path: Path, enough: int) -> bool:
    """True when the folder `path` holds at least `enough` files (looked at no further than that)."""
    if not path.is_dir() or path.is_symlink():
        return False
    found, folders = 0, [path]
    try:
        while folders:
            with os.scandir(folders.pop()) as listing:
                for item in listing:
                    if item.is_dir(follow_symlinks=False):
                        folders.append(item.path)
                    elif item.is_file(follow_symlinks=False):
                        found += 1
                        if found >= enough:
                            return True
    except OSError:
        return False
    return False


def take(most: int | None = None):
    """The pool started early, now the caller's to use and shut down; None when none was started, or
    when it has more than `most` workers (the command line was read wrongly: it is ended instead)."""
    pool = _EARLY.get("pool")
    if pool is not None and most is not None and pool._max_workers > most:
        discard()
        return None
    return _EARLY.pop("pool", None)


def discard() -> None:
    """End a pool started early that nobody took (the pack was too small, or the command failed
    first): its workers are stopped at once rather than waited for."""
    pool = _EARLY.pop("pool", None)
    if pool is None:
        return
    for worker in list((getattr(pool, "_processes", None) or {}).values()):
        worker.terminate()
    pool.shutdown(wait=True, cancel_futures=True)
