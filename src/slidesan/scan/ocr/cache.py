"""Each distinct picture is OCR'd once: results keyed by the SHA-256 of its bytes.

A deck often shows one logo or one screenshot on many slides, and the verify pass re-scans what
the scrub pass already read; hashing the encoded bytes is far cheaper than any OCR.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ResultCache:
    """A bounded least-recently-used map from digest to OCR result (lines, or why unreadable)."""

    def __init__(self, capacity: int = 1024):
        self.capacity = capacity
        self._items: OrderedDict[str, object] = OrderedDict()
        self.hits = 0

    def get(self, key: str):
        if key in self._items:
            self._items.move_to_end(key)
            self.hits += 1
            return self._items[key]
        return None

    def put(self, key: str, value) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)

    def __contains__(self, key: str) -> bool:
        return key in self._items

    def clear(self) -> None:
        self._items.clear()
        self.hits = 0


RESULTS = ResultCache()
