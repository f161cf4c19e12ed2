"""Red team 20: check and clean every file gen.py wrote, one CLI call each, search every written byte.

    python benchmarks/redteam20/run.py OUT [--seed 20] [--src SRC] [-j 2] [--only NAME,...] [--pack]

Each file: `slidesan check X.pdf --report-json R -q -j 1` and `slidesan clean X.pdf -o out.pdf -q -j 1`
(with `--src`, PYTHONPATH=SRC so a worktree's code runs). `--pack` checks and cleans each folder
(ident, twin) as one pack instead, models loaded once, and runs alone only a file the pack did not
write. Every written PDF is searched (search.py), checked by `qpdf --check`, and a twin's pages rendered at 50 dpi before and after are compared.
Scores:
  LEAK        clean said `publication` and the written file still holds a key
  CHECK-MISS  check said `publication` on an identifying file
  CRASH       a traceback, a timeout, or exit 2 with more than one line of error
  REFUSED     exit 2 with a one-line error, nothing written
  OVER-STRICT a clean twin that clean did not bring to `publication` (what held it is listed)
  qpdf        the written file fails `qpdf --check`; render: a twin renders differently after cleaning
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from search import found_keys  # noqa: E402

SLIDESAN = Path(sys.executable).with_name("slidesan")
TIMEOUT = 600


def cli(argv: list[str], src: str | None) -> tuple[int, str]:
    env = dict(os.environ, **({"PYTHONPATH": src} if src else {}))
    try:
        done = subprocess.run([str(SLIDESAN), *argv], capture_output=True, text=True, timeout=TIMEOUT, env=env)
        return done.returncode, done.stderr
    except subprocess.TimeoutExpired:
        return -9, "timeout"


def held(report: dict) -> list[str]:
    return [f"{f.get('category')}/{f.get('action')}/{f.get('severity')}: {(f.get('message') or '')[:90]}"
            for f in report.get("findings", [])
            if f.get("severity") in ("high", "review") or f.get("action") == "not-inspected"]


def one_run(command: str, path: Path, work: Path, src: str | None) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    if command == "check":
        report = work / "check.json"
        code, err = cli(["check", str(path), "--report-json", str(report), "-q", "-j", "1"], src)
    else:
        report = work / "out.report.json"
        code, err = cli(["clean", str(path), "-o", str(work / "out.pdf"), "-q", "-j", "1"], src)
    data = json.loads(report.read_text()) if report.exists() else {}
    lines = [line for line in err.strip().splitlines() if line.strip()]
    return dict(code=code, verdict=data.get("verdict", "?"), held=held(data)[:5], err=lines[-3:],
                traceback="Traceback (most recent call last)" in err)


def renders(path: Path) -> list[np.ndarray]:
    with tempfile.TemporaryDirectory(prefix="rt20r-") as folder:
        subprocess.run(["pdftoppm", "-r", "50", "-gray", "-png", str(path), f"{folder}/p"], capture_output=True)
        return [np.asarray(Image.open(p), dtype=np.int16) for p in sorted(Path(folder).glob("*.png"))]


def render_difference(before: Path, after: Path) -> int:
    a, b = renders(before), renders(after)
    if len(a) != len(b) or any(x.shape != y.shape for x, y in zip(a, b)):
        return 255
    return max((int(np.abs(x - y).max()) for x, y in zip(a, b)), default=0)


def pack_runs(out: Path, folder: str, src: str | None) -> dict:
    """--pack: check and clean one folder as a pack (models loaded once); {file: (check, clean, written)}."""
    packs = out / "packs"
    packs.mkdir(exist_ok=True)
    runs = {}
    for command in ("check", "clean"):
        report = packs / (f"{folder}.check.json" if command == "check" else f"{folder}.report.json")
        report.unlink(missing_ok=True)
        argv = ["check", str(out / "files" / folder), "--report-json", str(report)] if command == "check" else \
            ["clean", str(out / "files" / folder), "-o", str(packs / folder)]
        subprocess.run(["rm", "-rf", str(packs / folder)])
        code, err = cli([*argv, "-q", "-j", "1"], src)
        data = json.loads(report.read_text()) if report.exists() else {}
        for entry in data.get("files", []):
            name = f"{folder}/{Path(entry['path']).name}"
            mine = [f for f in data.get("findings", []) if Path(f.get("file") or "").name == Path(name).name]
            run = dict(code=code, verdict=entry.get("verdict", "?"), held=held({"findings": mine})[:5], err=[],
                       traceback=False)
            written = packs / folder / entry["output"] if command == "clean" and entry.get("output") else None
            runs.setdefault(name, {})[command] = (run, written)
    return runs


def judge(name: str, truth: dict, out: Path, src: str | None, packed: dict | None = None) -> dict:
    path = out / "files" / name
    work = out / "runs" / name.replace(".pdf", "")
    done = (packed or {}).get(name, {})
    check = done["check"][0] if "check" in done else one_run("check", path, work, src)
    if "clean" in done and done["clean"][1] is not None:
        clean, written = done["clean"]
    else:                                    # not written by the pack: alone, for its exit code and error
        clean, written = one_run("clean", path, work, src), work / "out.pdf"
    result = dict(file=name, check=check, clean=clean)
    result["found"], result["qpdf"], result["render"] = {}, "", None
    if written.exists():
        keys = truth["keys"]
        result["found"] = found_keys(written, keys) if keys else {}
        done = subprocess.run(["qpdf", "--check", str(written)], capture_output=True, text=True)
        result["qpdf"] = "" if done.returncode == 0 else (done.stderr or done.stdout).strip().splitlines()[-1][:120]
        if not keys:
            result["render"] = render_difference(path, written)
    return result


def labels(result: dict) -> list[str]:
    check, clean = result["check"], result["clean"]
    out = []
    for run in (check, clean):
        if run["traceback"] or run["code"] not in (0, 1, 2) or (run["code"] == 2 and len(run["err"]) > 1):
            out.append("CRASH")
        elif run["code"] == 2:
            out.append("REFUSED")
    if result["file"].startswith("ident/"):
        if clean["verdict"] == "publication" and result["found"]:
            out.append("LEAK")
        if check["verdict"] == "publication":
            out.append("CHECK-MISS")
    elif clean["verdict"] != "publication" and clean["code"] != 2:
        out.append("OVER-STRICT")
    if result["qpdf"]:
        out.append("QPDF")
    if result["render"]:
        out.append(f"RENDER({result['render']})")
    return sorted(set(out))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--src", default=None)
    parser.add_argument("-j", type=int, default=2)
    parser.add_argument("--only", default="")
    parser.add_argument("--pack", action="store_true", help="check and clean each folder as one pack")
    args = parser.parse_args()
    if not (args.out / "truth.json").exists():
        subprocess.run([sys.executable, str(HERE / "gen.py"), str(args.out), "--seed", str(args.seed)], check=True)
    truth = json.loads((args.out / "truth.json").read_text())
    only = set(filter(None, args.only.split(",")))
    names = [n for n in truth if not only or n.split("/")[1][:-4] in only]
    packed = {}
    if args.pack:
        with ThreadPoolExecutor(2) as pool:
            for runs in pool.map(lambda folder: pack_runs(args.out, folder, args.src), ("ident", "twin")):
                packed.update(runs)
    with ThreadPoolExecutor(args.j) as pool:
        results = list(pool.map(lambda n: judge(n, truth[n], args.out, args.src, packed), names))
    table = Counter()
    lines = []
    for result in results:
        marks = labels(result)
        for mark in marks:
            table[mark.split("(")[0]] += 1
        found = {k: v for k, v in result["found"].items()}
        lines.append(f"{result['file']:<48} check={result['check']['verdict']:<14} clean={result['clean']['verdict']:<14}"
                     f" {' '.join(marks) or 'ok'}  {found if found else ''}"
                     + (f"\n      held: {result['clean']['held'][:3]}" if 'OVER-STRICT' in marks else "")
                     + (f"\n      err: {result['clean']['err'] or result['check']['err']}" if
                        {'REFUSED', 'CRASH'} & set(marks) else "")
                     + (f"\n      qpdf: {result['qpdf']}" if result["qpdf"] else ""))
    (args.out / ("results-only.json" if only else "results.json")).write_text(json.dumps(results, indent=1))
    print("\n".join(lines))
    idents = sum(1 for n in names if n.startswith("ident/"))
    print(f"\n{idents} identifying, {len(names) - idents} twins: " +
          ", ".join(f"{k} {table[k]}" for k in ("LEAK", "CHECK-MISS", "CRASH", "REFUSED", "OVER-STRICT", "QPDF",
                                                "RENDER")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
