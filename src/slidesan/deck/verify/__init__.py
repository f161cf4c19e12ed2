"""Prove the written file: re-open it from disk, run every step's inventory again, then sweep it.

Checking the in-memory deck would only prove the steps agree with themselves; re-reading the
bytes catches anything the writer kept that the steps thought was gone. The residue (each step's
own inventory, pipeline.residue) proves every step's hiding place empty; the sweep (sweep.py) knows no hiding place and reads every string left, so a place no step knows
is found too. This is verification, not a step: it changes nothing, and what it finds in a place
nobody sees fails the self-check until the step that owns that place removes it.
"""

from __future__ import annotations

from pathlib import Path

from slidesan.deck.package import Deck
from slidesan.deck.pipeline import residue
from slidesan.errors import SlidesanError
from slidesan.options import Options
from slidesan.written_output import Verification


def check_written(path: Path, options: Options, findings=()) -> Verification:
    """`findings`: the run's findings so far (what is already flagged or reported not inspected)."""
    from slidesan.deck.verify.sweep import sweep_zip

    try:
        deck = Deck(path)
    except SlidesanError as exc:
        return Verification([f"the written deck does not re-open: {exc}"])
    problems = residue(deck, options)
    if options.extra.get("skip_sweep"):                  # benchmarks/bench_clean.py measures the sweep's cost
        return Verification(problems)
    parts = {str(part.partname): part for part in deck.parts()}

    def slide_of(member: str):
        part = parts.get("/" + member)
        return deck.slide_number(part) if part is not None else None
    sweep = sweep_zip(path, options, findings, slide_of)
    return Verification.of(problems, sweep)


def verify_written(path: Path, options: Options, findings=()) -> list[str]:
    """What fails the self-check of the deck written at `path`; empty when it passes."""
    return check_written(path, options, findings).problems
