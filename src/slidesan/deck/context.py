"""What a step receives besides the deck: the options and a place to put findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from slidesan.options import Options
from slidesan.report.model import Finding


@dataclass
class StepContext:
    options: Options
    findings: list[Finding] = field(default_factory=list)
    step: str = ""

    def add(self, category: str, severity: str, action: str, message: str, **where) -> Finding:
        finding = Finding(category, severity, action, message, step=self.step, **where)
        self.findings.append(finding)
        return finding
