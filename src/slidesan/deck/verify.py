"""Prove the written file: re-open it from disk and run every step's inventory again.

Checking the in-memory deck would only prove the steps agree with themselves; re-reading the
bytes catches anything the writer kept that the steps thought was gone.
"""

from __future__ import annotations

from pathlib import Path

from slidesan.deck.package import Deck
from slidesan.deck.pipeline import residue
from slidesan.errors import SlidesanError
from slidesan.options import Options


def verify_written(path: Path, options: Options) -> list[str]:
    try:
        deck = Deck(path)
    except SlidesanError as exc:
        return [f"the written deck does not re-open: {exc}"]
    return residue(deck, options)
