"""The command line: parse options, show progress, print where things went. Nothing else."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from slidesan import __version__
from slidesan.entry import silence_library_warnings
from slidesan.errors import SlidesanError
from slidesan.options import Options

EXAMPLES = """
\b
Examples:
  slidesan clean talk.pptx                    talk.clean.pptx + talk.clean.report.json/.html
  slidesan clean talk.pptx -o share.pptx      share.pptx + share.report.json/.html
  slidesan clean talk.pptx --keep-notes       keep speaker notes (they are still scanned)
  slidesan clean talk.pdf                     talk.clean.pdf + talk.clean.report.json/.html
  slidesan clean case-pack/ -o pack-clean     pack-clean/ + pack-clean.report.json/.html
  slidesan clean case-pack.zip -o share.zip   DICOM, pictures and decks, zip to zip
  slidesan check case-pack/                   writes nothing; exit 0 clean, 1 findings, 2 error

\b
Exit codes: 0 written, nothing to review; 1 written, findings need review;
            2 error, nothing written.
"""

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="De-identify radiology teaching decks to the RCR's 'publication' level.\n" + EXAMPLES,
)
err = Console(stderr=True)
out = Console()


def version_callback(value: bool) -> None:
    if value:
        print(f"slidesan {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """slidesan: remove hidden patient data from teaching decks."""


@app.command(help="Clean a deck, PDF, DICOM file, picture, folder or zip: remove cropped pixels, hidden "
                  "content and metadata; report what is visible.\n"
                  + EXAMPLES)
def clean(
    path: Path = typer.Argument(..., readable=False, metavar="PATH", help="A deck (.pptx, .pptm, .ppsx, .ppsm, "
                                ".potx, .potm), PDF, DICOM file, picture, folder or zip."),
    output: Optional[Path] = typer.Option(None, "-o", "--output",
                                          help="Where to write (default DECK.clean.pptx; for a pack a folder, "
                                               "or a zip if it ends in .zip)."),
    keep_notes: bool = typer.Option(False, "--keep-notes", help="Keep speaker notes."),
    keep_hidden_slides: bool = typer.Option(False, "--keep-hidden-slides", help="Keep hidden slides."),
    keep_media: bool = typer.Option(False, "--keep-media", help="Keep video and audio (marked not inspected)."),
    no_ocr: bool = typer.Option(False, "--no-ocr", help="Skip OCR of pictures (verdict cannot be 'publication')."),
    redact: bool = typer.Option(False, "--redact", help="Paint over identifiers found in pictures."),
    burn_in_covers: bool = typer.Option(False, "--burn-in-covers", help="Flatten shapes covering pictures into pixels."),
    password: Optional[str] = typer.Option(None, "--password", help="PDFs: the password of an encrypted PDF."),
    handout: bool = typer.Option(False, "--pdf", help="Decks: also write a cleaned handout PDF (needs LibreOffice)."),
    level: str = typer.Option("publication", "--level", help="Target level: publication or limited-access."),
    retain_safe_private: bool = typer.Option(False, "--retain-safe-private",
                                             help="DICOM: keep private tags known to hold no identity."),
    jobs: int = typer.Option(0, "-j", "--jobs", min=0, help="Worker processes for packs (0 = one per core)."),
    key_file: Optional[Path] = typer.Option(None, "--key-file",
                                            help="Packs: write the re-identification key (UID key, date "
                                                 "offset, pseudonyms) here, outside OUT. Keep it private."),
    config: Optional[Path] = typer.Option(None, "--config", help="TOML file extending the word lists: "
                                          "[allow] words = [...], [identifiers] names = [...], institutions = [...]."),
    thorough: bool = typer.Option(False, "--thorough", help="Slower, more complete checks before publication: "
                                  "both OCR readers on every text place; every slide or PDF page rendered and read."),
    presenter: Optional[str] = typer.Option(None, "--presenter", help="Your own name and hospital, never "
                                            "flagged: --presenter \"Dr Sarah Lecturer, Royal Infirmary of X\"."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Print only errors."),
) -> None:
    options = Options(level=checked_level(level), keep_notes=keep_notes, keep_hidden_slides=keep_hidden_slides,
                      keep_media=keep_media, ocr=not no_ocr, redact=redact, burn_in_covers=burn_in_covers,
                      retain_safe_private=retain_safe_private, jobs=jobs, config=checked_config(config),
                      thorough=thorough, pdf=handout, extra={"password": password} if password else {},
                      presenter=presenter_entries(presenter))
    interrupt_on_termination()
    from slidesan.api import clean as api_clean
    from slidesan.api import is_deck_input, is_pdf_input, write_reports

    from slidesan.api import default_output, output_taken

    replacing = output if output is not None else default_output(path)
    replacing = replacing if output_taken(replacing) else None
    try:
        if is_deck_input(path) or is_pdf_input(path):
            if key_file is not None:
                raise SlidesanError("--key-file applies to DICOM packs, not to a single deck")
            report = run_with_progress(lambda progress: api_clean(path, output, options, progress), path, quiet)
        else:
            report = run_with_file_progress(lambda progress: api_clean(path, output, options, progress, key_file),
                                            "cleaning", quiet)
        json_path, html_path = write_reports(report, Path(report.output_path))
    except SlidesanError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        fail(INTERRUPTED)
    print_problems(report)
    if not quiet:
        print_summary(report, json_path, html_path)
        if replacing is not None and Path(report.output_path) == replacing:
            out.print(f"(replaced the earlier {replacing.name} and its reports)", markup=False, highlight=False)
    raise typer.Exit(report.exit_code())


@app.command(help="Check decks, PDFs, DICOM files, pictures, folders or zips without writing anything.\n\n"
                  "What a clean would remove is reported as present; cropped-away pixels count as high.\n"
                  "Exit codes: 0 nothing found, 1 findings (high or review), 2 error.")
def check(
    paths: list[Path] = typer.Argument(..., readable=False, metavar="PATH",
                                       help="Decks, PDFs, DICOM files, pictures, folders or zips."),
    report_json: Optional[Path] = typer.Option(None, "--report-json", help="Also write the JSON report here."),
    report_html: Optional[Path] = typer.Option(None, "--report-html", help="Also write the HTML report here."),
    keep_notes: bool = typer.Option(False, "--keep-notes", help="Judge decks as if notes were kept."),
    keep_hidden_slides: bool = typer.Option(False, "--keep-hidden-slides",
                                            help="Judge decks as if hidden slides were kept."),
    keep_media: bool = typer.Option(False, "--keep-media", help="Judge decks as if media were kept."),
    no_ocr: bool = typer.Option(False, "--no-ocr", help="Skip OCR of pictures (they count as not inspected)."),
    password: Optional[str] = typer.Option(None, "--password", help="PDFs: the password of an encrypted PDF."),
    level: str = typer.Option("publication", "--level", help="Target level: publication or limited-access."),
    jobs: int = typer.Option(0, "-j", "--jobs", min=0, help="Worker processes (0 = one per core)."),
    config: Optional[Path] = typer.Option(None, "--config", help="TOML file extending the word lists: "
                                          "[allow] words = [...], [identifiers] names = [...], institutions = [...]."),
    thorough: bool = typer.Option(False, "--thorough", help="Slower, more complete checks before publication: "
                                  "both OCR readers on every text place; every slide or PDF page rendered and read."),
    presenter: Optional[str] = typer.Option(None, "--presenter", help="Your own name and hospital, never "
                                            "flagged: --presenter \"Dr Sarah Lecturer, Royal Infirmary of X\"."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Print only errors and the verdict line."),
) -> None:
    options = Options(level=checked_level(level), keep_notes=keep_notes, keep_hidden_slides=keep_hidden_slides,
                      keep_media=keep_media, ocr=not no_ocr, jobs=jobs, config=checked_config(config),
                      thorough=thorough, extra={"password": password} if password else {},
                      presenter=presenter_entries(presenter))
    interrupt_on_termination()
    from slidesan.api import check as api_check
    from slidesan.api import check_exit_code

    try:
        for target in (report_json, report_html):
            if target is not None and not target.parent.is_dir():
                raise SlidesanError(f"{target.parent}: report folder does not exist")
        report = run_with_file_progress(lambda progress: api_check(paths, options, progress), "checking", quiet)
        if report_json is not None:
            from slidesan.report.json_view import write_json
            write_json(report, report_json)
        if report_html is not None:
            from slidesan.report.html_view import write_html
            write_html(report, report_html)
    except SlidesanError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write the report ({exc.strerror or exc})")
    except KeyboardInterrupt:
        fail(INTERRUPTED)
    code = check_exit_code(report)
    print_problems(report)
    print_check_table(report, code, quiet)
    raise typer.Exit(code)


@app.command(help="List each engine and data file slidesan inspects with (OCR, its languages, the face "
                  "detector, word lists) as present or missing. Exit 0 when all are present, 1 otherwise.")
def doctor() -> None:
    from slidesan.doctor import missing, run_checks, summary

    results = run_checks()
    for result in results:
        mark = "ok     " if result.ok else ("MISSING" if result.required else "absent ")
        out.print(f"{mark}  {result.name}: {result.detail}", markup=False, highlight=False, soft_wrap=True)
    out.print(summary(results), markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(1 if missing(results) else 0)


def run_with_file_progress(job, verb: str, quiet: bool):
    """A transient bar over the files of a pack (only on a terminal)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if quiet or not err.is_terminal:
        return job(None)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task(verb, total=None)

        def progress(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=f"{verb} {name}"[:60])

        return job(progress)


def print_problems(report) -> None:
    """One line per file that could not be used, on stderr (they are in the report too)."""
    for item in report.files:
        if item.get("problem"):
            err.print(f"slidesan: {item['problem']}", markup=False, highlight=False, soft_wrap=True)


TABLE_ALL_ROWS = 60     # a bigger pack lists only the files someone must look at, then a count


def print_check_table(report, code: int, quiet: bool) -> None:
    from slidesan.report.guidance import summary_line

    colour = {"publication": "green", "limited-access": "blue"}.get(report.verdict, "red")
    if not quiet:
        print_file_table(report, "slidesan check")
    words = "nothing found" if code == 0 else "findings: see the table" + ("" if quiet else " and --report-html")
    out.print(f"verdict: [bold {colour}]{report.verdict}[/]  ({len(report.files)} file(s); {words})")
    if not quiet:
        out.print(summary_line(report), markup=False, highlight=False, soft_wrap=True)


def print_file_table(report, title: str) -> None:
    """One row per file of a pack (check and clean print the same table): what it is, its verdict,
    counts, and for a clean where it went or why it was not written. Above TABLE_ALL_ROWS files,
    files at the target level are counted instead of listed."""
    from rich.table import Table

    files = report.files
    if not files or (len(files) == 1 and report.command == "clean" and not files[0].get("problem")):
        return
    cleaning = report.command == "clean"
    shown = files if len(files) <= TABLE_ALL_ROWS else [
        f for f in files if f.get("problem") or f["verdict"] not in ("publication", "limited-access")]
    table = Table(title=title, show_lines=False)
    table.add_column("file", overflow="fold")
    table.add_column("kind", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    for column in ("high", "review", "info", "not inspected"):
        table.add_column(column, justify="right", no_wrap=True)
    if cleaning:
        table.add_column("written to", overflow="fold")
    else:       # check: what clean removes by itself, apart from what a person must review
        from collections import Counter

        automatic = Counter(f.file for f in report.findings if f.clean_removes and f.severity != "info")
        review = Counter(f.file for f in report.findings if f.remains and not f.clean_removes and f.severity != "info")
        table.add_column("clean removes", justify="right", no_wrap=True)
        table.add_column("you must review", justify="right", no_wrap=True)
    for item in shown:
        counts = item["counts"]
        row = [item["path"], item["kind"], item["verdict"], str(counts["high"]), str(counts["review"]),
               str(counts["info"]), str(counts["not-inspected"])]
        if not cleaning:
            row += [str(automatic.get(item["path"], 0)), str(review.get(item["path"], 0))]
        if cleaning:
            row.append(item.get("output") or ("NOT WRITTEN: " + (item.get("problem") or "see the report")
                                              if item["kind"] != "folder" else "(folder)"))
        table.add_row(*row)
    # piped into a CI log: wide enough that paths are not cut (a terminal keeps its own width)
    (out if out.is_terminal else Console(width=max(out.width, 160))).print(table)
    if len(shown) < len(files):
        out.print(f"... and {len(files) - len(shown)} more file(s) at the target level (all are in the report)")


def run_with_progress(job, path: Path, quiet: bool):
    """A transient progress bar for decks big enough to take more than a moment."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from slidesan.deck.pipeline import STEPS
    from slidesan.pdf.pipeline import STEPS as PDF_STEPS
    from slidesan.progress import ProgressWords

    big = path.exists() and path.stat().st_size > 2 * 1024 * 1024
    if quiet or not big or not err.is_terminal:
        return job(None)
    words = ProgressWords(deck=True, steps=len(PDF_STEPS if path.suffix.lower() == ".pdf" else STEPS))
    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task(f"cleaning {path.name}", total=1000)

        def progress(*args) -> None:
            fraction, text = words.update(*args)
            bar.update(task, completed=int(fraction * 1000), description=f"{path.name}: {text}")

        return job(progress)


def print_summary(report, json_path: Path, html_path: Path) -> None:
    from slidesan.report.guidance import summary_line

    counts = report.counts()
    colour = {"publication": "green", "limited-access": "blue"}.get(report.verdict, "red")
    print_file_table(report, "slidesan clean")
    missing = [f for f in report.files if f.get("problem") and not f.get("output") and f["kind"] != "folder"]
    out.print(f"[bold]{report.output_path}[/bold] written"
              + (f" [bold red]without {len(missing)} file(s) of the input[/] (see the table)" if missing else ""),
              soft_wrap=True)
    out.print(f"verdict: [bold {colour}]{report.verdict}[/]  "
              f"({counts['removed']} removed, {counts['remaining']} to review, {counts['not-inspected']} not inspected"
              + (f", {len(missing)} file(s) not written" if missing else "") + ")", soft_wrap=True)
    out.print(summary_line(report), markup=False, highlight=False, soft_wrap=True)
    out.print(f"report:  {html_path}\n         {json_path}  (private: it quotes what was found)")


def checked_level(level: str) -> str:
    if level not in ("publication", "limited-access"):
        fail(f"--level must be 'publication' or 'limited-access', not {level!r}")
    return level


def checked_config(path: Optional[Path]) -> str | None:
    """Read the word-list file now, so a typo in it is one line before any work starts."""
    if path is None:
        return None
    from slidesan.scan.identifiers import load_vocabulary

    try:
        load_vocabulary(str(path))
    except SlidesanError as exc:
        fail(str(exc))
    return str(path.resolve())


def presenter_entries(text: Optional[str]) -> tuple[str, ...]:
    from slidesan.scan.identifiers.allowed_phrases import split_entries

    return split_entries(text or "")


INTERRUPTED = "interrupted; nothing was written"      # Typer alone would exit 130 without a word


def interrupt_on_termination() -> None:
    """A closed terminal (SIGHUP) or `kill` (SIGTERM) stops a clean or check the way Ctrl-C does: its
    half-built output and worker processes are removed instead of being left behind (not the window's)."""
    import signal

    def stop(signum, frame):
        raise KeyboardInterrupt
    for name in ("SIGTERM", "SIGHUP"):
        with contextlib.suppress(AttributeError, ValueError):     # not on Windows; not off the main thread
            signal.signal(getattr(signal, name), stop)


def fail(message: str) -> None:
    err.print(f"slidesan: error: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def main() -> None:
    silence_library_warnings()
    try:
        app()
    except KeyboardInterrupt:
        print(f"slidesan: error: {INTERRUPTED}", file=sys.stderr)
        sys.exit(2)
    except Exception as exc:  # a bug, not a user error: still one line unless asked for more
        if os.environ.get("SLIDESAN_DEBUG"):
            raise
        print(f"slidesan: internal error: {type(exc).__name__}: {exc} "
              "(set SLIDESAN_DEBUG=1 for details; nothing was written)", file=sys.stderr)
        sys.exit(2)


@app.command(help="Open the desktop window: drop decks, PDFs, folders or zips on it (needs the gui extra).")
def gui(paths: Optional[list[Path]] = typer.Argument(None, metavar="PATH",
                                                      help="Decks, PDFs, folders or zips to queue at once.")) -> None:
    try:
        import PySide6.QtWidgets  # noqa: F401  (only to tell a missing Qt from a broken one)
    except ImportError as exc:
        missing = isinstance(exc, ModuleNotFoundError) and (exc.name or "").startswith(("PySide6", "shiboken6"))
        message = ("the desktop window needs PySide6: pip install 'slidesan[gui]'" if missing else
                   f"PySide6 is installed but Qt cannot load ({exc}); on Debian/Ubuntu install "
                   "libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3")
        err.print(f"slidesan: {message}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    from slidesan.gui.app import main as gui_main

    raise typer.Exit(gui_main([str(p) for p in paths or []]))


if __name__ == "__main__":
    main()
