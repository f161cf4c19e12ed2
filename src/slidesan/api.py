"""The library API: clean() and check(). The CLI and the desktop app call only these."""

from __future__ import annotations

import datetime as _dt
import sys
from pathlib import Path

from slidesan.errors import SlidesanError
from slidesan.options import Options
from slidesan.report.model import Report


def new_report(command: str, path: Path, options: Options) -> Report:
    from slidesan import __version__

    return Report(
        tool_version=__version__,
        command=command,
        input_path=str(path),
        settings=options.to_dict(),
        created=_dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
    )


def clean(path, output=None, options: Options | None = None, progress=None) -> Report:
    """Clean a deck into `output` (default DECK.clean.pptx) and return the report.

    Raises SlidesanError, with nothing written, for any input it cannot clean safely.
    """
    from slidesan.deck.clean import clean_deck

    options = options or Options()
    path = Path(path)
    report = new_report("clean", path, options)
    return clean_deck(path, Path(output) if output else None, options, report, progress)


def check(paths, options: Options | None = None, progress=None) -> Report:
    """Inspect without writing anything: what would a clean remove, and what stays visible."""
    raise SlidesanError("check is not available yet in this version")


def report_paths(output: Path) -> tuple[Path, Path]:
    """Reports sit beside the output, never inside what gets shared."""
    output = Path(output)
    base = output.with_suffix("") if output.suffix.lower() in (".pptx", ".zip") else output
    return base.with_name(base.name + ".report.json"), base.with_name(base.name + ".report.html")


def write_reports(report: Report, output: Path) -> tuple[Path, Path]:
    from slidesan.report.html_view import write_html
    from slidesan.report.json_view import write_json

    json_path, html_path = report_paths(output)
    write_json(report, json_path)
    write_html(report, html_path)
    return json_path, html_path


if sys.version_info < (3, 11):  # pragma: no cover
    raise SlidesanError("slidesan needs Python 3.11 or newer")
