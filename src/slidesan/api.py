"""The library API: clean() and check(). The CLI and the desktop app call only these."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from slidesan.errors import SlidesanError
from slidesan.options import Options
from slidesan.pack.text_file import TEXT_SUFFIXES
from slidesan.report.model import Report, new_report


def is_deck_input(path) -> bool:
    """A single deck goes straight to the deck cleaner (issue 2), with its exact messages and output
    rules; anything else (DICOM, picture, folder, zip) is a pack. Decided by name first, so a
    broken 'talk.pptx' is still explained as a deck, then by content."""
    from slidesan.pack.kinds import DECK, DECK_SUFFIXES, OFFICE_LOCK_PREFIX, sniff_file

    path = Path(path)
    if path.suffix.lower() in DECK_SUFFIXES:
        # "~$talk.pptx" (not a zip) is Office's lock file: the pack explains it as check does
        return not path.name.startswith(OFFICE_LOCK_PREFIX) or sniff_file(path) == DECK
    return path.is_file() and sniff_file(path) == DECK


def is_pdf_input(path) -> bool:
    """A single PDF goes to the PDF cleaner (issue 14); by name first, so a broken 'talk.pdf' is
    still explained as a PDF, then by content."""
    from slidesan.pack.kinds import PDF, sniff_file

    path = Path(path)
    if path.suffix.lower() == ".pdf":
        return True
    return path.is_file() and sniff_file(path) == PDF


def clean(path, output=None, options: Options | None = None, progress=None, key_file=None) -> Report:
    """Clean a deck into `output` (default DECK.clean.pptx), or a pack (folder, zip, DICOM file,
    picture) into `output` (a folder, a .zip, or for one file that file), and return the report.

    `progress` is called with the step name for a deck (and, while its pictures are read, with
    (done, total, "reading pictures")), and with (done, total, file) for a pack. An exception
    raised from it (a Cancel) stops the work with nothing written.
    `key_file` (packs only): write the limited-access re-identification key there (outside OUT).
    Raises SlidesanError, with nothing written, for any input it cannot clean safely.
    """
    options = options or Options()
    path = Path(path)
    readable_input(path)
    report = new_report("clean", path, options)
    if is_pdf_input(path):
        from slidesan.pdf.clean import clean_pdf

        if key_file is not None:
            raise SlidesanError("--key-file applies to DICOM packs, not to a PDF")
        return clean_pdf(path, Path(output) if output else None, options, report, progress)
    if is_deck_input(path):
        from slidesan.deck.clean import clean_deck

        if key_file is not None:
            raise SlidesanError("--key-file applies to DICOM packs, not to a single deck")
        report = clean_deck(path, Path(output) if output else None, options, report, progress)
        if options.pdf:
            from slidesan.pdf.handout import add_handout

            add_handout(report, options)
        return report
    from slidesan.pack.run import clean_pack

    return clean_pack(path, Path(output) if output else None, options, report, progress,
                      Path(key_file) if key_file else None)


def readable_input(path: Path) -> None:
    """An input the user may not read (or a folder not open to them) is one line, like a missing one."""
    if path.exists() and not os.access(path, os.R_OK | (os.X_OK if path.is_dir() else 0)):
        raise SlidesanError(f"{path}: cannot be read (permission denied)")


def default_output(path) -> Path:
    """Where clean(path) writes when no output is named: DECK.clean.pptx, FOLDER.clean, PACK.clean.zip,
    FILE.clean.EXT (a picture named after a patient may still get a neutral name)."""
    path = Path(path)
    if is_deck_input(path):
        from slidesan.deck.clean import default_output as deck_output

        return deck_output(path)
    from slidesan.pack.run import default_pack_output

    return default_pack_output(path)


def output_taken(output) -> bool:
    """True when writing `output` would replace something: the output or one of its reports."""
    output = Path(output)
    return output.exists() or output.is_symlink() or any(p.exists() for p in report_paths(output))


def numbered_output(output) -> Path:
    """The first free 'name-2', 'name-3', ... beside `output` (talk.clean-2.pptx, pack.clean-2)."""
    output = Path(output)
    stem, suffix = (output.stem, output.suffix) if output.suffix.lower() in REPORT_DROPPED_SUFFIXES else \
        (output.name, "")
    n = 2
    while output_taken(candidate := output.with_name(f"{stem}-{n}{suffix}")):
        n += 1
    return candidate


def check(paths, options: Options | None = None, progress=None) -> Report:
    """Inspect without writing anything: what a clean would remove is reported as present
    ("flagged"), cropped-away pixels as high. `paths`: one path or several (decks, DICOM files,
    pictures, folders, zips). progress(done, total, file) as for packs."""
    from slidesan.pack.run import check_packs

    options = options or Options()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    paths = [Path(p) for p in paths]
    for path in paths:
        readable_input(path)
    report = new_report("check", Path(paths[0]) if len(paths) == 1 else Path("."), options)
    report.input_path = ", ".join(str(p) for p in paths)
    return check_packs(paths, options, report, progress)


def check_exit_code(report: Report) -> int:
    """check's gate, the same rule as the report's exit_code so JSON and shell agree: 0 when the
    input already meets the target level with nothing to review (at the default level: nothing high
    or review found), 1 otherwise. Errors are 2 (SlidesanError)."""
    return report.exit_code()


# File suffixes dropped from OUT before adding .report.json / .report.html.
REPORT_DROPPED_SUFFIXES = (".pptx", ".pdf", ".zip", ".dcm", ".dicom", ".jpg", ".jpeg", ".png", ".tif", ".tiff",
                           ".bmp", ".gif", *TEXT_SUFFIXES)


def report_paths(output: Path) -> tuple[Path, Path]:
    """Reports sit beside the output, never inside what gets shared."""
    output = Path(output)
    base = output.with_suffix("") if output.suffix.lower() in REPORT_DROPPED_SUFFIXES else output
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
