"""What a cleaning step receives besides the document (a deck or a PDF): the options and a place to put findings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from slidesan.options import Options
from slidesan.report.model import Finding


@dataclass
class StepContext:
    options: Options
    findings: list[Finding] = field(default_factory=list)
    step: str = ""
    progress: Callable | None = None     # the caller's progress callback: (done, total, what) inside a long step

    def add(self, category: str, severity: str, action: str, message: str, **where) -> Finding:
        finding = Finding(category, severity, action, message, step=self.step, **where)
        self.findings.append(finding)
        return finding

    def identifiers_in(self, text: str, how: str, skip: tuple[str, ...] = (), **where) -> int:
        """Report the identifiers inside text a step removes whole (notes, hidden slides, comments).

        The removal already makes them harmless, but the lecturer learns what was there, and
        `slidesan check` (which reports what a clean would remove as present) rates the input as
        identifiable instead of merely "has notes". `skip`: categories the place holds by its nature.
        """
        from slidesan.deck.leaks import normalise
        from slidesan.scan.identifiers import find_identifiers
        from slidesan.scan.identifiers.match import text_severity

        count = 0
        for match in find_identifiers(normalise(text or ""), source="text"):
            if match.category == "other-text" or match.category in skip:
                continue
            severity, label = text_severity(match)
            self.add(match.category, severity, "removed", f"{label} in {how}", text=match.text, **where)
            count += 1
        return count
