"""How a pack's batches are spread over processes: the worker pool's start method, Ctrl-C kept from the
workers, and the parent taking its own share of the batches instead of waiting on the pool."""

from __future__ import annotations

import collections
import contextlib
import multiprocessing
import signal
import threading
from concurrent.futures import as_completed

# "spawn" everywhere: the same behaviour on Windows and macOS (the desktop app) as on Linux, and no
# fork of a parent that runs threads (the progress bar, the GUI). Costs one import per worker.
POOL_CONTEXT = multiprocessing.get_context("spawn")
# How many units of work (pack/run.py's COST_UNITS: a small DICOM file is one) make starting worker
# processes (an interpreter and slidesan's imports each, ~1 s) worth it.
POOL_WORTH_UNITS = 60
PARENT_POLL_SECONDS = 1.0


def end_with_parent() -> None:
    """Called in every worker as it starts: the worker ends itself once the process that started it is
    gone. A parent killed outright (SIGKILL, a crashed window) runs no clean-up, and its workers would
    otherwise wait on their queue for ever, holding memory and the pack's files."""
    import os
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(3)

    threading.Thread(target=watch, name="slidesan-parent-watch", daemon=True).start()


def shared_batches(futures: dict, here):
    """(batch, its outcomes) for every batch submitted to the pool, the parent taking its share: it
    walks the queue in order and takes each batch no worker has started yet, cancelling it in the
    pool first (a batch a worker has started cannot be cancelled, so no batch runs twice); batches
    the workers finished are handed on between the parent's own. Both sides go through the pack in
    path order, so the report lists files about as a pool of separate workers did. With `-j 2` that
    is one worker process to start instead of two (each costs an interpreter, the imports and the
    lexicon: about a second of CPU), and the parent is no longer idle meanwhile."""
    finished: collections.deque = collections.deque()       # appended by the pool's thread
    for future in futures:
        future.add_done_callback(finished.append)
    waiting = dict(futures)

    def hand_on_finished():
        while finished:
            future = finished.popleft()
            if future in waiting and not future.cancelled():
                yield waiting.pop(future), future.result()

    for future in futures:
        yield from hand_on_finished()
        if future.cancel():                   # no worker has it: the parent's
            yield waiting.pop(future), here(futures[future])
    yield from hand_on_finished()
    for future in as_completed(waiting):
        yield waiting[future], future.result()


@contextlib.contextmanager
def sigint_ignored_by_children():
    """Workers started while SIGINT is ignored keep ignoring it (Python leaves an inherited SIG_IGN
    alone), so Ctrl-C stops the parent cleanly instead of printing a traceback from every worker."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
