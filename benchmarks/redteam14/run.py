"""Red team 14, as a lecturer runs slidesan: a folder check of loose pictures and decks cleaned.

    python benchmarks/redteam14/run.py OUT [--slidesan slidesan] [--seed 14] [--count 60] [--twins 12]
                                           [--no-decks] [--score-only]

Generates the pictures (gen.py) into OUT/pics with OUT/truth.json beside them, builds decks with
python-pptx (OUT/decks: controls six to a deck, each twin alone with one control), then runs

    slidesan check OUT/pics --report-json OUT/out/folder.json -j 2 -q
    slidesan clean DECK -o OUT/out/DECK.pptx -j 1 -q          (report JSON beside the output)

and scores: controls not `publication` and the findings that caused it, by category and severity;
twins that ended `publication` (a leak; must be 0); decks likewise. Nothing is written in the project.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu

HERE = Path(__file__).resolve().parent


def build_decks(pics: Path, truth: list[dict], decks: Path) -> dict[str, list[str]]:
    """Decks of controls (six a deck) and one deck per twin (the twin and a control)."""
    decks.mkdir(parents=True, exist_ok=True)
    controls = [t["file"] for t in truth if t["clean"]]
    twins = [t["file"] for t in truth if not t["clean"]]
    plan = {f"controls_{i // 6:02d}": controls[i:i + 6] for i in range(0, len(controls), 6)}
    plan.update({f"twin_{Path(t).stem}": [t, controls[k % len(controls)]] for k, t in enumerate(twins)})
    for name, files in plan.items():
        prs = Presentation()
        for f in files:
            slide = prs.slides.add_slide(prs.slide_layouts[5])
            slide.shapes.title.text = "Teaching case"
            pic = slide.shapes.add_picture(str(pics / f), Emu(457200), Emu(1371600))
            scale = min(8229600 / pic.width, 5029200 / pic.height)
            pic.width, pic.height = int(pic.width * scale), int(pic.height * scale)
        prs.save(decks / f"{name}.pptx")
    return plan


def run(cmd: list[str], log: Path) -> int:
    with log.open("w") as out:
        return subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT).returncode


def causes(findings: list[dict]) -> list[str]:
    """What kept a file from `publication`: each high or review finding still there (not removed or
    replaced by the clean) as category/severity: text."""
    return [f"{f.get('category')}/{f.get('severity')}: {f.get('text') or f.get('message')}"
            for f in findings if f.get("action") not in ("removed", "replaced")
            and (f.get("severity") in ("high", "review") or f.get("action") == "not-inspected")]


def report_findings(report: dict) -> list[dict]:
    found = list(report["findings"])
    details = report.get("details")
    if not report.get("findings_complete", True) and details and Path(details).exists():
        found = [json.loads(line) for line in Path(details).read_text().splitlines() if line.strip()]
    return found


def score_folder(truth: list[dict], report: dict) -> tuple[list, list, Counter]:
    rows = {Path(r["path"]).name: r for r in report["files"]}
    by_file: dict[str, list[dict]] = {}
    for f in report_findings(report):
        by_file.setdefault(Path(f.get("file") or "").name, []).append(f)
    alarms, leaks, kinds = [], [], Counter()
    for t in truth:
        verdict = rows.get(t["file"], {}).get("verdict", "missing")
        why = causes(by_file.get(t["file"], []))
        if t["clean"] and verdict != "publication":
            alarms.append((t["file"], verdict, why))
            kinds.update({w.split(":")[0] for w in why})
        if not t["clean"] and verdict == "publication":
            leaks.append((t["file"], [i["text"] for i in t["ids"]]))
    return alarms, leaks, kinds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--slidesan", default="slidesan")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--twins", type=int, default=12)
    parser.add_argument("--no-decks", action="store_true")
    parser.add_argument("--score-only", action="store_true", help="score the reports already in OUT/out")
    args = parser.parse_args()
    out = args.out
    pics, result = out / "pics", out / "out"
    result.mkdir(parents=True, exist_ok=True)
    if not (out / "truth.json").exists():
        subprocess.run([sys.executable, str(HERE / "gen.py"), "--seed", str(args.seed), "--count",
                        str(args.count), "--twins", str(args.twins), "--out", str(pics)], check=True)
        (pics / "truth.json").rename(out / "truth.json")
    truth = json.loads((out / "truth.json").read_text())
    if not args.score_only:
        run([args.slidesan, "check", str(pics), "--report-json", str(result / "folder.json"), "-j", "2", "-q"],
            result / "folder.log")
    alarms, leaks, kinds = score_folder(truth, json.loads((result / "folder.json").read_text()))
    n_controls = sum(t["clean"] for t in truth)
    print(f"folder: controls not publication {len(alarms)} of {n_controls}; "
          f"twins publication (leaks) {len(leaks)} of {len(truth) - n_controls}")
    print("  causes by kind:", dict(kinds.most_common()))
    for f, verdict, why in alarms:
        print(f"  {f} {verdict}: " + " | ".join(why))
    for f, ids in leaks:
        print(f"  LEAK {f}: {ids}")
    if args.no_decks:
        return
    plan = build_decks(pics, truth, out / "decks")
    deck_alarms, deck_leaks = [], []
    for name in plan:
        target = result / f"{name}.pptx"
        rc = None if args.score_only else run(
            [args.slidesan, "clean", str(out / "decks" / f"{name}.pptx"), "-o", str(target), "-j", "1", "-q"],
            result / f"{name}.log")
        report_path = target.with_suffix(".report.json")
        report = json.loads(report_path.read_text()) if report_path.exists() else {"verdict": f"exit {rc}"}
        verdict = report.get("verdict")
        if name.startswith("controls") and verdict != "publication":
            deck_alarms.append((name, verdict, causes(report_findings(report)) if "findings" in report else []))
        if name.startswith("twin") and verdict == "publication":
            deck_leaks.append(name)
    n_ctl = sum(n.startswith("controls") for n in plan)
    print(f"decks: control decks not publication {len(deck_alarms)} of {n_ctl}; "
          f"twin decks publication (leaks) {len(deck_leaks)} of {len(plan) - n_ctl}")
    for name, verdict, why in deck_alarms:
        print(f"  {name} {verdict}: " + " | ".join(why))
    for name in deck_leaks:
        print(f"  LEAK {name}")
    tracebacks = [p.name for p in result.glob("*.log") if "Traceback" in p.read_text()]
    print("tracebacks:", tracebacks or "none")


if __name__ == "__main__":
    main()
