"""Red team 21, run as a radiologist runs slidesan, scored per picture.

    python benchmarks/redteam21/run.py OUT [--seed 21 --count 60] [--slidesan slidesan] [--score-only]
                                           [--sample 8] [--no-decks]

Generates (gen.py) into OUT/pics unless OUT/truth.json exists, then runs

    slidesan check OUT/pics --report-json OUT/out/folder.json -j 1 -q            (CPU time measured)
    slidesan clean OUT/sample -o OUT/out/sample_clean -j 1 -q                     (SAMPLE scenes, both pictures)
    slidesan check / clean OUT/decks/{ids,twins}.pptx                            (SAMPLE pictures each)

and prints (score.py): LEAK (an identifying picture whose verdict is `publication`), identifier recall by kind
(high / review / missed), false highs and over-strict verdicts on the clean twins, and the decks' verdicts.
Nothing is written in the project.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import score  # noqa: E402


def run(cmd: list[str], log: Path) -> tuple[int, float, float]:
    """Exit code, wall seconds, CPU seconds of the child (user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    with log.open("w") as out:
        rc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT).returncode
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return rc, time.monotonic() - start, cpu


def build_deck(pics: Path, files: list[str], target: Path) -> None:
    prs = Presentation()
    prs.core_properties.author = prs.core_properties.last_modified_by = ""   # python-pptx's template names its author
    for f in files:
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = "Case review"
        pic = slide.shapes.add_picture(str(pics / f), Emu(457200), Emu(1371600))
        scale = min(8229600 / pic.width, 5029200 / pic.height)
        pic.width, pic.height = int(pic.width * scale), int(pic.height * scale)
    prs.save(target)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--count", type=int, default=60)
    ap.add_argument("--slidesan", default="slidesan")
    ap.add_argument("--sample", type=int, default=8, help="scenes cleaned loose and placed in decks")
    ap.add_argument("--no-decks", action="store_true")
    ap.add_argument("--score-only", action="store_true")
    args = ap.parse_args()
    out, pics, res = args.out, args.out / "pics", args.out / "out"
    res.mkdir(parents=True, exist_ok=True)
    if not (out / "truth.json").exists():
        subprocess.run([sys.executable, str(HERE / "gen.py"), "--seed", str(args.seed), "--count", str(args.count),
                        "--out", str(pics)], check=True)
        (pics / "truth.json").rename(out / "truth.json")
    truth = json.loads((out / "truth.json").read_text())
    times = {}
    if not args.score_only:
        rc, wall, cpu = run([args.slidesan, "check", str(pics), "--report-json", str(res / "folder.json"),
                             "-j", "1", "-q"], res / "folder.log")
        times = {"check_exit": rc, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1)}
        (res / "times.json").write_text(json.dumps(times))
    elif (res / "times.json").exists():
        times = json.loads((res / "times.json").read_text())
    folder = json.loads((res / "folder.json").read_text())
    print(f"== seed {args.seed}: folder check of {len(truth)} pictures; {times}")
    score.print_folder(truth, folder)

    sample = [t for t in truth if t["scene"] < args.sample]
    if not args.score_only:
        loose = out / "sample"
        shutil.rmtree(loose, ignore_errors=True)
        loose.mkdir()
        for t in sample:
            shutil.copy(pics / t["file"], loose / t["file"])
        shutil.rmtree(res / "sample_clean", ignore_errors=True)
        run([args.slidesan, "clean", str(loose), "-o", str(res / "sample_clean"), "-j", "1", "-q"],
            res / "sample_clean.log")
    report_path = res / "sample_clean.report.json"
    if report_path.exists():
        score.print_clean(sample, json.loads(report_path.read_text()))
    if args.no_decks:
        return
    decks = out / "decks"
    decks.mkdir(exist_ok=True)
    for name, twin in (("ids", False), ("twins", True)):
        files = [t["file"] for t in sample if t["twin"] == twin]
        deck = decks / f"{name}.pptx"
        if not args.score_only:
            build_deck(pics, files, deck)
            run([args.slidesan, "check", str(deck), "--report-json", str(res / f"{name}.check.json"), "-q"],
                res / f"{name}.check.log")
            run([args.slidesan, "clean", str(deck), "-o", str(res / f"{name}.clean.pptx"), "-q"],
                res / f"{name}.clean.log")
        verdicts = []
        for rp in (res / f"{name}.check.json", res / f"{name}.clean.report.json"):
            verdicts.append(json.loads(rp.read_text())["verdict"] if rp.exists() else "no report")
        flag = "LEAK" if not twin and "publication" in verdicts else ""
        print(f"deck {name} ({len(files)} pictures): check {verdicts[0]}, clean {verdicts[1]} {flag}")
    tracebacks = [p.name for p in res.glob("*.log") if "Traceback" in p.read_text()]
    print("tracebacks:", tracebacks or "none")


if __name__ == "__main__":
    main()
