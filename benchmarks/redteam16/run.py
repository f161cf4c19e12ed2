"""Red team 16: check and clean a generated DICOM pack (gen.py), score leaks and held-back twins.

    python benchmarks/redteam16/run.py OUT [--seed 16] [--slidesan slidesan] [--score-only]

Generates OUT/pack and OUT/truth.json (unless --score-only), then runs
`slidesan check OUT/pack --report-json OUT/check.json -j 1` and `slidesan clean OUT/pack -o OUT/clean`,
then `slidesan check OUT/clean --report-json OUT/recheck.json -j 1`, and prints per kind:
leaks (identifying files whose verdict is `publication`), leaks after clean (outputs whose identifying
pixels are unchanged and whose re-check says `publication`) and clean twins held back (verdict not
`publication`), with the CPU seconds each run took per file (this process's children: slidesan and
Tesseract).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shlex
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import pydicom

HERE = Path(__file__).resolve().parent


def run(command: list[str]) -> tuple[float, float]:
    """(CPU seconds of the children, wall seconds) the command took."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, time.monotonic() - start


def verdicts(report: Path) -> dict[str, str]:
    """File name -> its verdict in a pack report."""
    data = json.loads(report.read_text())
    out = {}
    for entry in data.get("files", []):
        path = entry.get("path") or entry.get("file") or ""
        out[Path(path).name] = entry.get("verdict", "?")
    return out


def reasons(report: Path) -> dict[str, list[str]]:
    """File name -> the remaining findings that kept it from publication (category: message)."""
    data = json.loads(report.read_text())
    out = defaultdict(list)
    for finding in data.get("findings", []):
        if finding.get("severity") in ("high", "review") or finding.get("action") == "not-inspected":
            name = Path(finding.get("file") or "").name
            out[name].append(f"{finding.get('category')}/{finding.get('action')}: {(finding.get('text') or '')[:30]}"
                             f" {finding.get('message', '')[:70]}")
    return out


def text_unchanged(original: Path, cleaned: Path, boxes: list) -> bool:
    """True when every frame's identifying boxes hold the same pixels after clean (nothing painted)."""
    if not cleaned.exists():
        return False
    try:
        a, b = pydicom.dcmread(original).pixel_array, pydicom.dcmread(cleaned).pixel_array
    except Exception:  # noqa: BLE001 - an output that cannot be decoded holds no readable text
        return False
    if a.shape != b.shape:
        return False
    for left, top, right, bottom in boxes:
        region = (Ellipsis, slice(top, bottom + 1), slice(left, right + 1)) if a.ndim in (2, 3) and \
            a.shape[-1] != 3 else (Ellipsis, slice(top, bottom + 1), slice(left, right + 1), slice(None))
        if not np.array_equal(a[region], b[region]):
            return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--per-kind", type=int, default=2)
    parser.add_argument("--slidesan", default=str(Path(sys.executable).parent / "slidesan"),
                        help="the command (PYTHONPATH picks the source)")
    parser.add_argument("--score-only", action="store_true")
    parser.add_argument("--no-clean", action="store_true", help="check only (no clean, no re-check)")
    args = parser.parse_args()
    out = args.out
    tool = shlex.split(args.slidesan)
    times = {}
    if not args.score_only:
        sys.path.insert(0, str(HERE))
        from gen import generate

        generate(out, args.seed, args.per_kind)
        times["check"] = run(tool + ["check", str(out / "pack"), "--report-json", str(out / "check.json"),
                                     "-j", "1", "-q"])
        if not args.no_clean:
            times["clean"] = run(tool + ["clean", str(out / "pack"), "-o", str(out / "clean"), "-j", "1", "-q"])
            times["recheck"] = run(tool + ["check", str(out / "clean"), "--report-json", str(out / "recheck.json"),
                                           "-j", "1", "-q"])
    truth = json.loads((out / "truth.json").read_text())
    first, why = verdicts(out / "check.json"), reasons(out / "check.json")
    seen = pixel_texts(out / "check.json")
    again = verdicts(out / "recheck.json") if (out / "recheck.json").exists() else {}
    why_again = reasons(out / "recheck.json") if again else {}
    columns = ["ident", "leak", "missed", "leak-clean", "twins", "held", "held-clean"]
    rows: dict[str, list[int]] = defaultdict(lambda: [0] * len(columns))
    notes = []
    for name, entry in truth.items():
        row = rows[entry["kind"]]
        judged = entry["header"] != "kept"            # a kept header makes the input identifiable by itself
        verdict, after = first.get(name, "missing"), again.get(name, "missing")
        if entry["identifying"]:
            row[0] += 1
            if judged and verdict == "publication":
                row[1] += 1
                notes.append(f"LEAK {name} ({entry['header']} header): {entry['identifiers']}")
            if not any(found(text, seen.get(name, [])) for text in entry["identifiers"]):
                row[2] += 1
                notes.append(f"missed {name} ({verdict}): {entry['identifiers']}")
            if again and after == "publication" and text_unchanged(out / "pack" / name, out / "clean" / name,
                                                                   entry["boxes"]):
                row[3] += 1
                notes.append(f"LEAK AFTER CLEAN {name}: {entry['identifiers']}")
        else:
            row[4] += 1
            if judged and verdict != "publication":
                row[5] += 1
                notes.append(f"held {name} ({verdict}): " + " | ".join(why.get(name, [])[:3]))
            if again and after != "publication":
                row[6] += 1
                notes.append(f"held after clean {name} ({after}): " + " | ".join(why_again.get(name, [])[:3]))
    print(f"{'kind':14} " + " ".join(f"{c:>10}" for c in columns))
    totals = [0] * len(columns)
    for kind, row in rows.items():
        print(f"{kind:14} " + " ".join(f"{v:10d}" for v in row))
        totals = [a + b for a, b in zip(totals, row)]
    print(f"{'TOTAL':14} " + " ".join(f"{v:10d}" for v in totals))
    print("leak/held: files with a clean or lying header (a kept header is itself identifying); missed: no "
          "identifier of the file found in its pixels; -clean: the re-check of the cleaned output")
    for step, (cpu, wall) in times.items():
        print(f"{step}: CPU {cpu:.1f} s ({cpu / max(len(truth), 1):.2f} s a file), wall {wall:.1f} s")
    print("\n".join(notes))


def pixel_texts(report: Path) -> dict[str, list[str]]:
    """File name -> the texts of its burned-in findings that are not merely informational."""
    data = json.loads(report.read_text())
    out = defaultdict(list)
    for finding in data.get("findings", []):
        if finding.get("step") == "burned-in" and finding.get("severity") in ("high", "review") and finding.get("text"):
            out[Path(finding.get("file") or "").name].append(finding["text"])
    return out


def found(identifier: str, texts: list[str]) -> bool:
    """A word of four or more letters or digits of the identifier is in one of the texts."""
    words = {w for w in re.findall(r"[a-z0-9]{4,}", identifier.lower()) if w not in ("patient", "name", "hospital")}
    return any(w in text.lower() for w in words for text in texts)


if __name__ == "__main__":
    main()
