"""Running pydicom's recursive reader and writer on deeply nested datasets without RecursionError.

pydicom parses and writes sequences recursively, and Python's default limit (1000 frames) is reached
at about 250 levels of nesting; worse, pydicom's writer wraps the error at every level, so a
too-deep dataset can exhaust memory instead of failing. Structured reports nest legitimately and
damaged files nest absurdly: `call_deep` runs one call in a thread with a large stack and a high
recursion limit, and `nesting_depth` (iterative) says when that is needed before writing.
"""

from __future__ import annotations

import sys
import threading
from typing import Callable, TypeVar

from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

T = TypeVar("T")
DEEP_STACK_BYTES = 512 * 1024 * 1024       # reserved address space; only what is used is committed
DEEP_RECURSION_LIMIT = 60_000
MAX_NESTING = 2_000                          # deeper than this is damage, not a report: refused
WRITE_SAFE_NESTING = 60                      # below this pydicom's own recursion is fine
_LOCK = threading.Lock()


class TooDeep(Exception):
    """The dataset nests sequences deeper than MAX_NESTING levels."""


def call_deep(fn: Callable[..., T], *args, **kwargs) -> T:
    """fn(*args, **kwargs) in a thread with a large stack and a raised recursion limit."""
    result: dict = {}

    def run() -> None:
        try:
            result["value"] = fn(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller's thread
            result["error"] = exc

    with _LOCK:                     # the recursion limit is process-wide: one deep call at a time
        previous_stack = threading.stack_size(DEEP_STACK_BYTES)
        previous_limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(previous_limit, DEEP_RECURSION_LIMIT))
        try:
            worker = threading.Thread(target=run, name="slidesan-deep-dicom")
            worker.start()
            worker.join()
        finally:
            threading.stack_size(previous_stack)
            sys.setrecursionlimit(previous_limit)
    if "error" in result:
        raise result["error"]
    return result["value"]


def nesting_depth(ds: Dataset, limit: int = MAX_NESTING) -> int:
    """Deepest level of sequence items below `ds` (0 for a flat dataset); raises TooDeep past `limit`.

    Only elements already parsed as sequences are followed (the reader parses every sequence)."""
    deepest = 0
    stack = [(ds, 0)]
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > limit:
            raise TooDeep(f"sequences nested more than {limit} levels deep")
        for elem in current.elements():
            value = getattr(elem, "value", None)
            if getattr(elem, "VR", None) == "SQ" and isinstance(value, Sequence):
                stack.extend((item, depth + 1) for item in value if isinstance(item, Dataset))
    return deepest
