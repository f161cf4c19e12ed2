"""Runs every detector over a string and resolves overlaps (placeholder until detectors land)."""

from __future__ import annotations

from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.vocabulary import Vocabulary, default_vocabulary


def find_identifiers(text: str, vocabulary: Vocabulary | None = None, source: str = "text") -> list[Match]:
    """All identifiers in `text`, sorted by start offset, non-overlapping."""
    vocabulary = vocabulary or default_vocabulary()
    return []
