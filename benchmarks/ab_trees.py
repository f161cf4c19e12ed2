"""Same-run A/B of the default picture reading of two or more source trees, beside plain Tesseract
(issue 10): the time of a change against the code before it, on a shared machine.

    git worktree add /tmp/base COMMIT        # or: git archive COMMIT src | tar -x -C /tmp/base
    .venv/bin/python benchmarks/ab_trees.py /tmp/base/src src [--sets generated,second,real] [--lines FILE]

Each tree is read by its own process (`read_many`, `--jobs` workers, one Tesseract thread each); plain
Tesseract runs as in bench_ocr.py. Engines alternate by chunks of pictures, the order turning every
chunk, so outside load hits all of them alike. Prints, per tree and set, recall / precision (scored by
this checkout's judgement, so the trees differ only in what they read), seconds, x plain, and how many
pictures each tree read differently from the first tree. `--lines FILE` keeps every engine's lines.
"""

from __future__ import annotations

import argparse
import os
import pickle
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_ocr  # noqa: E402  (puts src/ on the path)
import ocr_sets  # noqa: E402

SERVE = """
import os, pickle, struct, sys
sys.path.insert(0, sys.argv[1])
os.environ["OMP_THREAD_LIMIT"] = "1"
from slidesan.scan.ocr import learned, read_many
from slidesan.scan.ocr.cache import RESULTS
import time
learned.status()
inp, out = sys.stdin.buffer, sys.stdout.buffer
while True:
    head = inp.read(8)
    if len(head) < 8:
        break
    datas, jobs = pickle.loads(inp.read(struct.unpack("<Q", head)[0]))
    RESULTS.clear()
    start = time.perf_counter()
    read = read_many({str(i): d for i, d in enumerate(datas)}, jobs=jobs)
    blob = pickle.dumps(([read[str(i)] for i in range(len(datas))], time.perf_counter() - start))
    out.write(struct.pack("<Q", len(blob)) + blob)
    out.flush()
"""


class Tree:
    """A process reading pictures with one source tree's slidesan."""

    def __init__(self, src: str):
        self.process = subprocess.Popen([sys.executable, "-c", SERVE, str(Path(src).resolve())],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def read(self, datas: list[bytes], jobs: int) -> tuple[list, float]:
        blob = pickle.dumps((datas, jobs))
        self.process.stdin.write(struct.pack("<Q", len(blob)) + blob)
        self.process.stdin.flush()
        head = self.process.stdout.read(8)
        if len(head) < 8:
            raise RuntimeError("a tree's reader stopped")
        lines, spent = pickle.loads(self.process.stdout.read(struct.unpack("<Q", head)[0]))
        return [[] if isinstance(ls, str) else ls for ls in lines], spent

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def _key(line) -> tuple:
    return (line.text, line.box, line.conf, line.reader, line.reliable, line.texture, line.doubt)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+", help="src folders of the checkouts to compare (the first is the base)")
    parser.add_argument("--sets", default="generated,second,real")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--chunk", type=int, default=20)
    parser.add_argument("--lines", metavar="FILE", help="keep every engine's lines and seconds in FILE (pickle)")
    args = parser.parse_args()
    wanted = args.sets.split(",")
    with tempfile.TemporaryDirectory(prefix="slidesan-ab-") as tmp:
        cases = (ocr_sets.generated(Path(tmp), 120, 7) if "generated" in wanted else []) + \
                (ocr_sets.second(Path(tmp), 60, 11) if "second" in wanted else []) + \
                (ocr_sets.real() if "real" in wanted else [])
    trees = {f"{k}:{src}": Tree(src) for k, src in enumerate(args.trees)}
    engines = ["plain", *trees]
    outputs = {name: [None] * len(cases) for name in engines}
    seconds: dict[str, dict[str, float]] = {name: {} for name in engines}
    load = os.getloadavg()[0]
    started = time.strftime("%H:%M", time.gmtime())
    with bench_ocr.start_pool(args.jobs) as pool:
        for start in range(0, len(cases), args.chunk):
            batch = cases[start:start + args.chunk]
            datas = [case["data"] for case in batch]
            for name in engines if (start // args.chunk) % 2 == 0 else reversed(engines):
                if name == "plain":
                    began = time.perf_counter()
                    lines = bench_ocr.run_plain(pool, datas, args.jobs)
                    spent = time.perf_counter() - began
                else:
                    lines, spent = trees[name].read(datas, args.jobs)
                outputs[name][start:start + len(batch)] = lines
                for case in batch:
                    seconds[name][case["set"]] = seconds[name].get(case["set"], 0.0) + spent / len(batch)
    for tree in trees.values():
        tree.close()
    print(f"{len(cases)} pictures, {args.jobs} workers, OMP_THREAD_LIMIT=1; {started}-{time.strftime('%H:%M', time.gmtime())} "
          f"UTC, load average {load:.1f} -> {os.getloadavg()[0]:.1f}")
    base = next(iter(trees))
    for name in engines:
        for subset in ("generated", "second", "real"):
            idx = [i for i, case in enumerate(cases) if case["set"] == subset]
            if not idx:
                continue
            r = bench_ocr.score([cases[i] for i in idx], [outputs[name][i] for i in idx])
            spent, plain = seconds[name][subset], seconds["plain"][subset]
            differ = "" if name == "plain" else " read differently from the first tree: %d of %d" % (
                sum([_key(x) for x in outputs[name][i]] != [_key(x) for x in outputs[base][i]] for i in idx), len(idx))
            print(f"{name[:50]:50} ({subset}) recall {r['recall']:.3f} +review {r['review']:.3f} precision "
                  f"{r['precision']:.3f} unread {r['unread']:.2f} {spent:6.1f} s {spent / plain:5.2f}x plain{differ}")
    if args.lines:
        with open(args.lines, "wb") as handle:
            pickle.dump({"cases": [c["name"] for c in cases], "outputs": outputs, "seconds": seconds}, handle)


if __name__ == "__main__":
    main()
