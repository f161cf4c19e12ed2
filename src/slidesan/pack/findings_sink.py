"""Findings of a pack, taken file by file as the work finishes, so memory stays flat and the report
stays readable at 10,000 files (issue 12, part 5).

Every finding of every file is written at once to a details file on disk (JSON lines, one finding
per line, private like the report). In memory the report keeps:

- every finding someone must act on (still there and high or review, not inspected, not written):
  the verdict is computed from these, and they are never dropped;
- one group per kind of repeated change (category, action, attribute or message shape) with its
  count, the number of files and the first files it occurred in; the HTML shows one line per group;
- the other findings in full only while the pack has at most DETAIL_BUDGET of them; past that they
  are in the details file and the groups only (`Report.findings_complete` says which).

Nothing in the verdict depends on the budget: a dropped finding is never one that remains.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

from slidesan.report.model import HIGH, REVIEW, Finding, Report, file_counts, verdict_of
from slidesan.report.picture_spool import PictureSpool

DETAIL_BUDGET = 5_000
_ENCODER = json.JSONEncoder(ensure_ascii=False)      # one encoder: json.dumps(..., ensure_ascii=False) builds one per call
GROUP_FILES_SHOWN = 20
_DIGITS = re.compile(r"\d+")


def notable(finding: Finding) -> bool:
    """A finding the verdict or a reader must see in full."""
    return finding.remains and (finding.severity in (HIGH, REVIEW) or finding.action in ("not-inspected",
                                                                                         "not-written"))


def group_key(finding: Finding) -> tuple:
    """Findings that say the same thing about the same kind of value share a key: the attribute
    keyword for header values, the message with its numbers and places blanked otherwise."""
    message = _blanked(finding.message.split(" in ", 1)[0])
    if finding.text and finding.step == "dicom" and finding.category not in ("private-tag", "preamble"):
        kind = finding.text.split(" ", 1)[0].rstrip(":")
    else:
        kind = message
    return (finding.category, finding.severity, finding.action, kind, message)


@lru_cache(maxsize=4096)
def _blanked(message: str) -> str:
    """The message with its numbers blanked (a pack repeats a few dozen messages thousands of times)."""
    return _DIGITS.sub("#", message)


class FindingSink:
    """Takes each file's findings once; see the module docstring."""

    def __init__(self, report: Report, budget: int | None = None):
        self.report, self.budget = report, DETAIL_BUDGET if budget is None else budget
        self.details = 0
        self.others: list[Finding] = []
        self.complete = True
        self.groups: dict[tuple, dict] = {}
        self.pictures = PictureSpool()          # the report's pictures, on disk until the HTML is written
        fd, self.path = tempfile.mkstemp(prefix=".slidesan-details-", suffix=".jsonl")
        self.stream = os.fdopen(fd, "w", encoding="utf-8")
        atexit.register(_remove, self.path)      # the path only: a long-lived GUI must not keep reports alive

    def take(self, rel: str, findings: list[Finding], encoded: str | None = None) -> dict:
        """Spool and sort out one file's findings (`encoded`: already as JSON lines, by a worker);
        its counts for the per-file table."""
        counts = file_counts(findings)
        if encoded is not None:
            self.stream.write(encoded)
        else:
            self.stream.writelines(_ENCODER.encode(f.to_dict()) + "\n" for f in findings)
        for f in findings:
            if notable(f):
                self.report.findings.append(f)
                continue
            self._group(f, rel)
            if self.complete:
                self.others.append(f)
                if len(self.others) > self.budget:
                    self.complete, self.others = False, []
        return {"counts": counts, "verdict": verdict_of(findings)}

    def take_late(self, outcome, findings: list[Finding]) -> None:
        """Findings for a file already taken (renames and face risk decided after the pool)."""
        for f in findings:
            f.file = outcome.rel
        self.take(outcome.rel, findings)
        outcome.summary = merged_summary(outcome.summary, findings) if outcome.summary else None

    def _group(self, f: Finding, rel: str) -> None:
        key = group_key(f)
        group = self.groups.get(key)
        if group is None:
            group = self.groups[key] = {"category": f.category, "severity": f.severity, "action": f.action,
                                        "message": f.message, "kind": key[3], "count": 0, "files": 0,
                                        "example": f.text, "first_files": []}
        group["count"] += 1
        if group.get("_last") != rel:           # a file's findings arrive together
            group["_last"] = rel
            group["files"] += 1
            if len(group["first_files"]) < GROUP_FILES_SHOWN:
                group["first_files"].append(rel)

    def close(self) -> None:
        """Put what was kept into the report, in file order; keep the details file only when the
        report does not hold every finding."""
        self.stream.close()
        report = self.report
        report.findings.extend(self.others)
        report.findings.sort(key=lambda f: f.file or "")
        report.groups = sorted(({k: v for k, v in g.items() if k != "_last"} for g in self.groups.values()),
                               key=lambda g: (-g["count"], g["category"], g["kind"]))
        report.findings_complete = self.complete
        report.pictures_not_shown = self.pictures.not_shown
        if self.complete:
            self._discard()
        else:
            report.details_path = self.path     # moved beside the JSON report by json_view.write_json

    def _discard(self) -> None:
        """The temporary details file goes when it is not needed (at exit if no report took it)."""
        if not self.stream.closed:
            self.stream.close()
        _remove(self.path)


def _remove(path: str) -> None:
    Path(path).unlink(missing_ok=True)


def merged_summary(summary: dict, findings: list[Finding]) -> dict:
    """A file's counts and verdict after late findings (the verdict of a union is the worse one)."""
    order = ("publication", "limited-access", "needs-review", "identifiable")
    counts = file_counts(findings, summary["counts"])
    verdict = max(summary["verdict"], verdict_of(findings), key=order.index)
    return {"counts": counts, "verdict": verdict}
