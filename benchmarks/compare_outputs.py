"""Same answers from two checkouts: clean (and check) one folder with each checkout's code and compare
every output byte, so a speed change can show it changed nothing else.

    .venv/bin/python benchmarks/compare_outputs.py OTHER_CHECKOUT [FOLDER] [--jobs N] [--keep]

Without FOLDER a DICOM folder is built in a temp dir: slices of the bench's generator
(bench_dicom.make_series: padded and unpadded CT, MR), the project's DICOM fixtures (fixtures/dicom_*.py:
a planted pack, structured reports, awkward files, burned-in text, volumes) and every file of
pydicom's bundled test data (big endian, compressed, deflated, palette, YBR, DICOMDIRs...).

The pack key and date offset are random per run (dicom/state.py: `secrets`); both runs get the
same made-up ones here, so new UIDs and shifted dates agree. Report fields that are times
(`timings_s`, seconds, the report's creation time) are blanked before comparing; everything else must match byte for byte.
Exit 0 when every file matches, 1 otherwise.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run inside each child: the same key and offset for both checkouts, then the command line.
_CHILD = ("import random, secrets, sys; r = random.Random(7); "
          "secrets.token_bytes = lambda n=32: bytes(r.getrandbits(8) for _ in range(n)); "
          "secrets.randbelow = lambda n: r.randrange(n); "
          "from slidesan.cli import main; sys.argv = ['slidesan'] + sys.argv[1:]; main()")
_TIMES = re.compile(r'"(pack|files_per_second|seconds)": [0-9.eE+-]+')
_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)?")


def build_folder(folder: Path) -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
    import pydicom.data
    from bench_dicom import make_series
    from fixtures import dicom_burned_in, dicom_pack, dicom_reports, dicom_volumes

    make_series(folder / "bench" / "ct", 40, "CT")
    make_series(folder / "bench" / "ct_unpadded", 10, "CT", padding=False)
    make_series(folder / "bench" / "mr", 15, "MR")
    dicom_pack.build(folder / "pack")
    dicom_reports.build(folder / "reports", 12)
    burned = folder / "burned"
    burned.mkdir()
    dicom_burned_in.ultrasound_with_text(burned / "us.dcm")
    dicom_burned_in.with_overlay_text(burned / "overlay.dcm")
    dicom_burned_in.head_ct_series(burned / "head", slices=40)
    dicom_burned_in.multiframe_ultrasound(burned / "us_multi.dcm")
    dicom_burned_in.slice_with_drawn_text(burned / "drawn.dcm", "SMITH JOHN 4471902")
    dicom_burned_in.slice_with_drawn_text(burned / "drawn_smooth.dcm", "SMITH JOHN 4471902", smooth=True, bits=16)
    dicom_burned_in.slice_with_drawn_text(burned / "drawn_mr.dcm", "JONES^ANN 1960", modality="MR", text_value=800)
    for kind in list(dicom_volumes.SHAPES)[:3]:
        dicom_volumes.write_series(folder / "volumes" / kind, kind)
    data = Path(pydicom.data.get_testdata_file("CT_small.dcm")).parent
    for path in sorted(data.rglob("*")):
        if path.is_file() and path.suffix.lower() not in (".py", ".pyc", ".gz", ".bz2", ".json", ".txt", ".zip"):
            target = folder / "pydicom_files" / path.relative_to(data)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)


def run(code: Path, args: list[str]) -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, "-c", _CHILD, *args], env={**os.environ, "PYTHONPATH": str(code)},
                          capture_output=True, text=True)
    return done.returncode, done.stdout, done.stderr


def outputs(work: Path, name: str) -> dict[str, Path]:
    """Every file written under work/name and beside it (work/name.report.*), by a name without `name`."""
    found = {}
    for top in sorted(work.glob(name + "*")):
        for path in [top] if top.is_file() else sorted(top.rglob("*")):
            if path.is_file():
                found["OUT" + str(path)[len(str(work / name)):]] = path
    return found


def comparable(path: Path, work: Path) -> bytes:
    data = path.read_bytes()
    if not path.name.endswith((".json", ".jsonl", ".html")):
        return data
    text = data.decode("utf-8", "replace")
    for name in ("A", "B"):
        text = text.replace(str(work / name), "OUT")
    return _STAMP.sub("TIME", _TIMES.sub(r'"\1": 0', text)).encode()


def compare(a: Path, b: Path, folder: Path, work: Path, jobs: int) -> int:
    differences = 0
    for mode in ("clean", "check"):
        results = {}
        for name, code in (("A", a), ("B", b)):
            args = (["clean", str(folder), "-o", str(work / name)] if mode == "clean"
                    else ["check", str(folder), "--report-json", str(work / name) + ".json"])
            results[name] = run(code, args + ["-q", "-j", str(jobs)])
        (code_a, out_a, err_a), (code_b, out_b, err_b) = results["A"], results["B"]
        if (code_a, out_a, err_a) != (code_b, out_b, err_b):
            differences += 1
            print(f"{mode}: exit code, stdout or stderr differ ({code_a} / {code_b})")
        files_a, files_b = outputs(work, "A"), outputs(work, "B")
        for name in sorted(set(files_a) ^ set(files_b)):
            differences += 1
            print(f"{mode}: {name} written by one checkout only")
        same = 0
        for name in sorted(set(files_a) & set(files_b)):
            left, right = comparable(files_a[name], work), comparable(files_b[name], work)
            if left == right:
                same += 1
                continue
            differences += 1
            print(f"{mode}: {name} differs")
            if name.endswith((".json", ".jsonl", ".html")):
                print("".join(list(difflib.unified_diff(left.decode().splitlines(True),
                                                        right.decode().splitlines(True), n=1))[:30]))
        print(f"{mode}: {same} output file(s) identical, exit code {code_a}")
        for path in list(work.glob("A*")) + list(work.glob("B*")):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    return differences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other checkout (its src/ is used)")
    parser.add_argument("folder", type=Path, nargs="?", help="input folder (default: built in a temp dir)")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="compare_outputs_") as tmp:
        tmp = Path(tmp)
        folder = args.folder
        if folder is None:
            folder = tmp / "in"
            build_folder(folder)
        print(f"{sum(1 for p in folder.rglob('*') if p.is_file())} input files; A = {args.other}, B = {ROOT}")
        work = tmp / "out"
        work.mkdir()
        differences = compare(args.other.resolve() / "src", ROOT / "src", folder, work, args.jobs)
    print("every output identical" if not differences else f"{differences} difference(s)")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
