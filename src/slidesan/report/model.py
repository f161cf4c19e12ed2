"""One findings model for decks, DICOM and loose images.

A finding records what was seen, where, and what the tool did about it. The verdict is derived
from findings alone, so the JSON and HTML views and the exit code can never disagree.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

HIGH, REVIEW, INFO = "high", "review", "info"
SEVERITIES = (HIGH, REVIEW, INFO)

# Actions after which the thing found is no longer in the output.
GONE_ACTIONS = frozenset({"removed", "cropped", "redacted", "renamed", "replaced", "stripped", "burned-in"})
# Actions after which it is still there and someone must look. "not-written": a file of a pack that is
# missing from the output (the pack is incomplete until someone decides about it).
REMAINING_ACTIONS = frozenset({"flagged", "not-inspected", "covered-not-removed", "kept", "not-written"})

# Said by `check` of what the input holds where no cleaning step reaches (written_output.account_for).
REFUSED = "a clean refuses to write this file"

# RCR levels, most to least identifying.
IDENTIFIABLE = "identifiable"
LIMITED_ACCESS = "limited-access"
PUBLICATION = "publication"
NEEDS_REVIEW = "needs-review"
VERDICTS = (IDENTIFIABLE, NEEDS_REVIEW, LIMITED_ACCESS, PUBLICATION)

# Identifier categories that name a person on their own (RCR "direct identifiers").
DIRECT_CATEGORIES = frozenset({
    "name", "nhs-number", "chi-number", "hospital-number", "patient-id", "accession",
    "email", "phone", "postcode", "address", "face",
    "file-name", "folder-name",     # a pack renames only names holding a direct identifier or a patient's header value
})
# Identifiers that narrow down a person only together with others (RCR "indirect identifiers").
INDIRECT_CATEGORIES = frozenset({"date-of-birth", "date", "time", "institution", "clinician", "age", "url", "device",
                                 "uid", "path"})


@dataclass
class Finding:
    """One thing found in one place.

    `box` is (left, top, right, bottom) in image pixels of `image` (a part name or file) when
    the finding is text read from pixels.
    """

    category: str
    severity: str
    action: str
    message: str
    text: str | None = None
    file: str | None = None
    slide: int | None = None
    part: str | None = None
    shape: str | None = None
    image: str | None = None
    box: tuple[int, int, int, int] | None = None
    step: str | None = None
    clean_removes: bool | None = None    # check only: True when `clean` removes this by itself

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")
        if self.action not in GONE_ACTIONS | REMAINING_ACTIONS:
            raise ValueError(f"unknown action {self.action!r}")

    @property
    def remains(self) -> bool:
        return self.action in REMAINING_ACTIONS

    def to_dict(self) -> dict[str, Any]:
        values = self.__dict__                       # asdict deep-copies: slow at 10^5 (40 findings a DICOM file)
        data = {name: values[name] for name in _FINDING_FIELDS if values[name] is not None}
        if self.box is not None:
            data["box"] = list(self.box)
        return data


_FINDING_FIELDS = tuple(f.name for f in dataclasses.fields(Finding))


def verdict_of(findings: list[Finding]) -> str:
    """RCR level reached by the output, failing closed.

    A remaining direct identifier makes it identifiable whatever else is true; anything not
    inspected (or a remaining review item) means nobody can vouch for publication.
    """
    remaining = [f for f in findings if f.remains]
    if any(f.category in DIRECT_CATEGORIES and f.severity == HIGH for f in remaining):
        return IDENTIFIABLE
    if any(f.action == "not-inspected" or f.severity == REVIEW for f in remaining):
        return NEEDS_REVIEW
    if any(f.severity == HIGH for f in remaining):
        return LIMITED_ACCESS
    return PUBLICATION


@dataclass
class Report:
    """Everything one run did: the single source for the JSON and HTML views."""

    tool_version: str
    command: str
    input_path: str
    input_sha256: str | None = None
    output_path: str | None = None
    output_sha256: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    created: str = ""
    files: list[dict[str, Any]] = field(default_factory=list)
    images: dict[str, dict[str, Any]] = field(default_factory=dict)
    slide_titles: dict[str, dict[int, str]] = field(default_factory=dict)   # file ("" for one deck) -> slide -> title
    # Packs (pack/findings_sink.py): repeated findings counted by kind; when a big pack's findings do
    # not all fit, `findings` keeps every one that remains to act on and the rest are in details_path.
    groups: list[dict[str, Any]] = field(default_factory=list)
    findings_complete: bool = True
    details_path: str | None = None
    pictures_not_shown: int = 0         # flagged pictures past the HTML report's size budget (picture_spool.py)

    @property
    def verdict(self) -> str:
        return verdict_of(self.findings)

    def exit_code(self) -> int:
        """0 when the output meets the target level with nothing left to look at, else 1."""
        target = self.settings.get("level", PUBLICATION)
        met = self.verdict == PUBLICATION or (target == LIMITED_ACCESS and self.verdict == LIMITED_ACCESS)
        return 0 if met and not any(f.remains and f.severity == REVIEW for f in self.findings) else 1

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(COUNT_KEYS, 0)
        for f in self.findings:
            out[count_key(f)] += 1
        return out


# How the views count findings: "remaining" is what someone must look at (the "to review" of every
# view, the items "What to do" lists); "noted" is information left as it is (text read for a glance).
COUNT_KEYS = ("removed", "remaining", "noted", "not-inspected")


def count_key(finding: Finding) -> str:
    if finding.action == "not-inspected":
        return "not-inspected"
    if not finding.remains:
        return "removed"
    return "noted" if finding.severity == INFO else "remaining"


def file_counts(findings, counts: dict | None = None) -> dict[str, int]:
    """Per-file counts for a pack's table: the keys above and one per severity."""
    counts = dict(counts) if counts else {**dict.fromkeys(COUNT_KEYS, 0), **dict.fromkeys(SEVERITIES, 0)}
    for f in findings:
        key = count_key(f)
        counts[key] = counts.get(key, 0) + 1
        counts[f.severity] += 1
    return counts


def new_report(command: str, path, options) -> Report:
    """An empty report for one run of `command` on `path`, stamped with the tool version and settings."""
    from slidesan import __version__

    return Report(
        tool_version=__version__,
        command=command,
        input_path=str(path),
        settings=options.to_dict(),
        created=_dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
    )
