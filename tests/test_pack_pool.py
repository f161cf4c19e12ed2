"""The parent takes its share of a pack's batches (pack/pool.shared_batches): each batch no worker has
started, in path order; every batch done exactly once and handed on once, whichever side did it. A thread
pool stands in for the process pool (its futures cancel the same way)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from slidesan.pack.pool import shared_batches


def run_shared(batches: list[list[int]], worker_seconds: float, parent_seconds: float):
    by_worker, by_parent, lock = [], [], threading.Lock()

    def in_worker(batch):
        time.sleep(worker_seconds)
        with lock:
            by_worker.append(batch[0])
        return [("worker", n) for n in batch]

    def in_parent(batch):
        time.sleep(parent_seconds)
        by_parent.append(batch[0])
        return [("parent", n) for n in batch]

    with ThreadPoolExecutor(max_workers=1) as pool:
        futures = {pool.submit(in_worker, batch): batch for batch in batches}
        handed = list(shared_batches(futures, in_parent))
    return handed, by_worker, by_parent


def test_every_batch_is_done_once_and_both_sides_go_in_path_order():
    batches = [[i * 10 + j for j in range(3)] for i in range(12)]
    handed, by_worker, by_parent = run_shared(batches, worker_seconds=0.02, parent_seconds=0.02)
    assert sorted(b[0] for b, _ in handed) == [b[0] for b in batches]         # each handed on once
    assert sorted(by_worker + by_parent) == [b[0] for b in batches]           # each done once
    assert not set(by_worker) & set(by_parent)
    assert by_parent and by_parent == sorted(by_parent)                       # the parent shares the work
    assert by_worker and by_worker == sorted(by_worker) and by_worker[0] == batches[0][0]
    assert by_parent[-1] > by_worker[0]
    for batch, results in handed:                                            # outcomes stay with their batch
        assert [n for _, n in results] == batch


def test_a_slow_worker_leaves_the_parent_most_of_the_pack():
    batches = [[i] for i in range(10)]
    handed, by_worker, by_parent = run_shared(batches, worker_seconds=0.2, parent_seconds=0.001)
    assert len(by_parent) >= 6
    assert sorted(by_worker + by_parent) == list(range(10))
    assert len(handed) == 10


def test_a_worker_failure_is_raised_not_lost():
    def failing(batch):
        raise RuntimeError("worker died")

    with ThreadPoolExecutor(max_workers=1) as pool:
        futures = {pool.submit(failing, [i]): [i] for i in range(4)}
        try:
            list(shared_batches(futures, lambda batch: [time.sleep(0.05)]))
        except RuntimeError as exc:
            assert "worker died" in str(exc)
        else:
            raise AssertionError("the worker's error was swallowed")
