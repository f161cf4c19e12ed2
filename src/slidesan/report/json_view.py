"""The report as JSON: the machine-readable view, schema documented in README.md."""

from __future__ import annotations

import json
import os
from pathlib import Path

from slidesan.report.guidance import summary_line
from slidesan.report.model import Report

SCHEMA_VERSION = 1
PRIVATE_NOTICE = (
    "PRIVATE TO THE AUTHOR: this report quotes the identifiers it found. "
    "Do not share it with the cleaned files."
)


def report_dict(report: Report) -> dict:
    return {
        "schema": "slidesan-report",
        "schema_version": SCHEMA_VERSION,
        "notice": PRIVATE_NOTICE,
        "verdict": report.verdict,
        "summary": summary_line(report),
        "exit_code": report.exit_code(),
        "tool": {"name": "slidesan", "version": report.tool_version},
        "command": report.command,
        "created": report.created,
        "input": {"path": report.input_path, "sha256": report.input_sha256},
        "output": {"path": report.output_path, "sha256": report.output_sha256},
        "settings": report.settings,
        "counts": report.counts(),
        "timings_s": {k: round(v, 4) for k, v in report.timings.items()},
        "files": report.files,
        "slide_titles": {file: {str(k): v for k, v in titles.items()} for file, titles in report.slide_titles.items()},
        "findings": [finding_dict(f, report) for f in report.findings],
        "findings_complete": report.findings_complete,
        "finding_groups": report.groups,
        "details": report.details_path,
        # per picture read: its boxes and how its text lines ended (identifier / harmless / unread)
        "pictures": {name: {k: v for k, v in entry.items() if k not in ("thumbnail", "full")}
                     for name, entry in report.images.items()},
    }


def finding_dict(finding, report: Report) -> dict:
    """The finding, with where it is in words and what to do next (when anything is left to do)."""
    from slidesan.report.guidance import next_step, where

    data = finding.to_dict()
    data["where"] = where(finding, report.slide_titles, report.input_path)
    step = next_step(finding)
    if step:
        data["next_step"] = step
    return data


def write_json(report: Report, path: Path) -> None:
    """The JSON report; a big pack's details file (every finding, one per line) is moved beside it."""
    move_details(report, Path(path))
    tmp = Path(path).with_name(Path(path).name + ".partial")
    tmp.write_text(json.dumps(report_dict(report), indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def move_details(report: Report, json_path: Path) -> Path | None:
    """Put a pack's details file beside the JSON report (`NAME.details.jsonl`); None when there is none."""
    import shutil

    source = report.details_path
    if not source or not Path(source).exists():
        return None
    target = Path(json_path).with_name(Path(json_path).name.removesuffix(".json") + ".details.jsonl")
    shutil.move(source, target)
    report.details_path = str(target)
    return target
