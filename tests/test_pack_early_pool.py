"""The `slidesan` command starts a pack's workers before its own imports (pack/early_pool.py): only for a
clean or check with more than one job of a folder worth a pool; run_pack then works with those workers,
handing them the pack's state with each batch, and a pool it does not use is ended, not waited for."""

from __future__ import annotations

import os

import pydicom

from fixtures import packs
from slidesan.options import Options
from slidesan.pack import early_pool
from slidesan.pack.pool import POOL_WORTH_UNITS


def test_the_job_count_is_read_from_the_usual_spellings():
    assert early_pool.jobs_asked(["clean", "pack", "-j", "2"]) == 2
    assert early_pool.jobs_asked(["check", "-j3", "pack"]) == 3
    assert early_pool.jobs_asked(["clean", "pack", "--jobs=4", "-o", "out"]) == 4
    assert early_pool.jobs_asked(["clean", "pack", "--jobs", "0"]) == (os.cpu_count() or 1)
    assert early_pool.jobs_asked(["check", "pack"]) == (os.cpu_count() or 1)        # the default: one per core
    for other in (["doctor"], ["clean", "pack", "--help"], ["clean", "pack", "-j", "two"], ["clean", "-j"], []):
        assert early_pool.jobs_asked(other) == 0, other


def test_a_folder_is_counted_only_as_far_as_needed(tmp_path):
    for rel in ("a.dcm", "sub/b.dcm", "sub/deeper/c.dcm"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x")
    assert early_pool.holds_files(tmp_path, 3)
    assert not early_pool.holds_files(tmp_path, 4)
    assert not early_pool.holds_files(tmp_path / "a.dcm", 1)            # one file is no pack
    assert not early_pool.holds_files(tmp_path / "missing", 1)


def test_no_pool_for_one_job_or_a_small_folder(tmp_path):
    folder = mr_folder(tmp_path / "in", 3)
    early_pool.start_for(["clean", str(folder), "-j", "2"])
    assert early_pool.take() is None
    big = mr_folder(tmp_path / "big", POOL_WORTH_UNITS)
    early_pool.start_for(["clean", str(big), "-j", "1"])
    assert early_pool.take() is None


def test_the_pack_runs_on_the_early_workers_with_one_state(tmp_path):
    """Two folders of one study over the parent and the worker started early: the worker did files
    (its pid is among the outcomes), and both sides gave the study the same new UID (the state
    reached the worker with its batches)."""
    from slidesan.pack import run

    folder = mr_folder(tmp_path / "in", 2 * POOL_WORTH_UNITS)
    early_pool.start_for(["clean", str(folder), "-o", str(tmp_path / "out"), "-j", "2"])
    pool = early_pool._EARLY["pool"]
    early_worker = pool.submit(os.getpid).result(timeout=120)
    entries, skipped, _ = run.entries_of(folder, tmp_path)
    (tmp_path / "out").mkdir()
    outcomes, _ = run.run_pack(entries, skipped, "clean", Options(ocr=False, jobs=2), tmp_path / "out")
    assert early_pool.take() is None, "run_pack took the early pool"
    assert {o.pid for o in outcomes} == {early_worker, os.getpid()}
    written = list((tmp_path / "out").rglob("*.dcm"))
    assert len(written) == len(entries)
    assert len({pydicom.dcmread(p).StudyInstanceUID for p in written}) == 1


def test_a_pool_run_pack_does_not_need_is_ended(tmp_path):
    from slidesan.pack import run

    folder = mr_folder(tmp_path / "in", POOL_WORTH_UNITS)
    early_pool.start_for(["check", str(folder), "-j", "2"])
    pool = early_pool._EARLY["pool"]
    pool.submit(os.getpid).result(timeout=120)
    workers = list(pool._processes.values())
    entries, skipped, _ = run.entries_of(folder / "0.dcm", tmp_path)          # one file: no pool
    outcomes, _ = run.run_pack(entries, skipped, "check", Options(ocr=False, jobs=2), None)
    assert [o.pid for o in outcomes] == [os.getpid()]
    assert early_pool.take() is None
    assert workers and not any(worker.is_alive() for worker in workers)


def mr_folder(folder, count: int):
    data = packs.pack_files()["mr/MR_small.dcm"]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"{i}.dcm").write_bytes(data)
    return folder


def test_a_pool_larger_than_the_jobs_asked_is_not_used(tmp_path):
    """The command line glanced at wrongly (`-qj2` read as the default, one job per core) must not
    give the pack more processes than it was allowed."""
    folder = mr_folder(tmp_path / "in", POOL_WORTH_UNITS)
    early_pool.start_for(["check", str(folder), "-j", "3"])
    workers = list(early_pool._EARLY["pool"]._processes.values())
    assert early_pool.take(most=1) is None
    assert early_pool.take() is None
    assert not any(worker.is_alive() for worker in workers)
