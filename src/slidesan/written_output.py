"""How a cleaned file reaches its name, for every cleaner: checked paths, then written under a
temporary name, verified there, and only then renamed into place. A self-check that fails leaves
nothing behind; so does a crash."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from slidesan.errors import SlidesanError


@dataclass
class Verification:
    """What re-reading a written file found: `problems` fail the self-check (nothing is written);
    `findings` are identifiers the last sweep flags in places a viewer shows (they join the report);
    `hidden` are the sweep's problems as findings (what each identifier is), for `check`."""
    problems: list[str] = field(default_factory=list)
    findings: list = field(default_factory=list)
    hidden: list = field(default_factory=list)

    @classmethod
    def of(cls, problems: list[str], sweep: "Sweep") -> "Verification":
        return cls(problems + [f.message for f in sweep.defects], sweep.flags, sweep.defects)


@dataclass
class Sweep:
    """What a last sweep over every string of a written file found: `defects` (identifiers where
    nobody sees them: the self-check fails; kept as findings so that `check` can rate the input by
    them), `flags` (findings in shown places), strings judged."""
    defects: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    strings: int = 0


def sweep_defect(category: str, where: str, text: str, **place):
    """An identifier the sweep found where no step cleans: the self-check's reason, as a finding."""
    from slidesan.report.model import HIGH, Finding

    return Finding(category, HIGH, "flagged",
                   f"sweep: {where} holds {category.replace('-', ' ')} \u201c{text[:60]}\u201d",
                   text=text, step="sweep", clean_removes=False, **place)


def account_for(checked: Verification, report) -> list[str]:
    """What the self-check of a written file decides. `clean`: the problems, which leave nothing
    written; the sweep's flags join the report only when the file is written. `check` writes only
    to a temporary folder to see what a clean would do: there the problems are what the input holds
    that a clean cannot remove, so they become findings that rate the input (an identifier in a
    place no step cleans makes it identifiable; a step's leftover makes it not inspected) and the
    clean's refusal is said in each message, instead of an error that rates nothing."""
    from slidesan.report.model import HIGH, REFUSED, Finding

    if report.command != "check":
        report.findings.extend(checked.findings if not checked.problems else [])
        return checked.problems
    hidden = {f.message for f in checked.hidden}
    report.findings.extend(checked.findings)
    for finding in checked.hidden:
        finding.message += f"; {REFUSED} (no step removes it)"
        report.findings.append(finding)
    report.findings.extend(
        Finding("self-check", HIGH, "not-inspected", f"{problem}; {REFUSED}",
                step="verify", clean_removes=False)
        for problem in checked.problems if problem not in hidden)
    return []


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_paths(path: Path, output: Path, suffix: str, wrong_suffix: str) -> None:
    """The one-line refusals before any work: a missing input, an output of the wrong kind (the
    message `wrong_suffix` says what to name it), the input itself, a missing folder."""
    if not path.exists():
        raise SlidesanError(f"{path}: no such file")
    if not path.is_file():
        raise SlidesanError(f"{path}: not a file")
    if output.suffix.lower() != suffix:
        raise SlidesanError(f"{output.name}: {wrong_suffix}")
    if output.exists() and output.resolve() == path.resolve():
        raise SlidesanError(f"{output}: refusing to write over the input")
    if not output.parent.exists():
        raise SlidesanError(f"{output.parent}: output folder does not exist")


def write_verified(output: Path, save: Callable[[Path], None], verify: Callable[[Path], list[str]],
                   failure: str, timings: dict) -> None:
    """save(tmp), then verify(tmp) -> problems; rename into place only when there are none, else
    SlidesanError(`failure: first problem`) with nothing written."""
    import time

    tmp = output.with_name(f".{output.name}.slidesan-partial")
    try:
        t0 = time.perf_counter()
        save(tmp)
        timings["write"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        problems = verify(tmp)
        timings["verify"] = time.perf_counter() - t1
        if problems:
            raise SlidesanError(f"{failure}, nothing written: {problems[0]}"
                                + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
        os.replace(tmp, output)                                         # only now does it look finished
    except OSError as exc:
        raise SlidesanError(f"{output}: cannot write ({exc.strerror or exc})") from None
    finally:
        if tmp.exists():
            tmp.unlink()
