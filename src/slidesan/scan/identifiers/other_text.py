"""Leftover text read from pixels that is neither allow-listed, common English, nor an identifier.

It is reported with severity "info" so a lecturer can glance at it: OCR may have garbled a name
beyond recognition, or an overlay may carry a word no detector knows. One match per run of
adjacent unknown tokens on a line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.text_view import TextView
from slidesan.scan.identifiers.vocabulary import Vocabulary
from slidesan.scan.identifiers.word_knowledge import is_known

_TOKEN = re.compile(r"[^\s]+")
_CORE = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'\u2019\-]*[A-Za-z\u00C0-\u024F]")


@lru_cache(maxsize=16384)
def _unknown(token: str, vocabulary: Vocabulary) -> bool:
    if sum(ch.isalpha() for ch in token) < 3:
        return False
    if is_known(token.strip(".,;:()[]{}\"'!?"), vocabulary):
        return False
    cores = _CORE.findall(token)
    # "TIS0.0" or "Se:3": a known word glued to numbers is still known
    return not cores or not all(is_known(c, vocabulary) or len(c) < 3 for c in cores)


def detect(view: TextView, covered: list[tuple[int, int]]) -> list[Match]:
    found: list[Match] = []
    run_start = run_end = None
    covered = sorted(covered)
    ends = [e for _, e in covered]

    def overlaps(start: int, end: int) -> bool:
        i = bisect_right(ends, start)  # first covered span ending after this token starts
        return (i < len(covered) and covered[i][0] < end) or view.protected(start, end)

    for m in _TOKEN.finditer(view.text):
        start, end = m.span()
        if _unknown(m.group(0), view.vocabulary) and not overlaps(start, end):
            between = view.text[run_end:start] if run_end is not None else ""
            if run_start is not None and "\n" not in between and len(between) <= 3:
                run_end = end
            else:
                if run_start is not None:
                    found.append(view.match("other-text", run_start, run_end, 0.3))
                run_start, run_end = start, end
        else:
            if run_start is not None:
                found.append(view.match("other-text", run_start, run_end, 0.3))
            run_start = run_end = None
    if run_start is not None:
        found.append(view.match("other-text", run_start, run_end, 0.3))
    return found
