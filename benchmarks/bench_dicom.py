"""Header-only DICOM de-identification speed (issue 4): slidesan beside dicognito, same series, same run.

    .venv/bin/python benchmarks/bench_dicom.py [--slices 500] [--repeat 3] [--jobs N] [--json]

A 500-slice CT series is generated in a temp dir from pydicom's bundled CT_small.dcm (new SOP
Instance UIDs, stepped Image Position / Slice Location; one study, one series, private tags and
identifiers as in the source). Each tool does the whole per-file job: read the file, de-identify
the header, write the result (pixel data copied, never decoded). Files per second is the best of
`repeat` runs; one core is a plain loop, all cores is a multiprocessing pool of `jobs` workers.
dicognito is not a project dependency: install it into the venv to compare
(`.venv/bin/pip install dicognito`); without it the benchmark says so and measures slidesan alone.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def make_series(directory: Path, slices: int) -> list[Path]:
    import pydicom
    from pydicom.data import get_testdata_file
    from pydicom.uid import generate_uid

    template = pydicom.dcmread(get_testdata_file("CT_small.dcm"))
    study, series, frame = generate_uid(), generate_uid(), generate_uid()
    paths = []
    for n in range(slices):
        ds = template.copy()
        ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study, series, frame
        ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
        ds.InstanceNumber = n + 1
        z = -75.7 + 1.25 * n
        ds.ImagePositionPatient = [-158.135803, -179.035797, round(z, 4)]
        ds.SliceLocation = round(z, 4)
        path = directory / f"CT{n + 1:04d}.dcm"
        ds.save_as(path, enforce_file_format=True)
        paths.append(path)
    return paths


# ---- per-file jobs (module level so worker processes can import them) ----

_STATE = None
_ANONYMIZER = None


def _init_slidesan(state):
    global _STATE
    _STATE = state


def slidesan_one(job):
    from slidesan.dicom import DicomOptions, deidentify, read_dicom, write_dicom
    src, dst = job
    ds = read_dicom(src)
    deidentify(ds, _STATE, DicomOptions(), file=Path(src).name)
    write_dicom(ds, dst)


def _init_dicognito(seed):
    global _ANONYMIZER
    from dicognito.anonymizer import Anonymizer
    _ANONYMIZER = Anonymizer(seed=seed)


def dicognito_one(job):
    import pydicom
    src, dst = job
    ds = pydicom.dcmread(src)
    _ANONYMIZER.anonymize(ds)
    ds.save_as(dst)


def _timed(fn, init, init_arg, jobs, workers):
    """(wall seconds, CPU seconds or None). CPU time is only taken in-process (one worker): on a
    shared machine it is the figure other people's load disturbs least."""
    if workers == 1:
        init(init_arg)
        fn(jobs[0])                              # imports outside the clock
        start, cpu = time.perf_counter(), time.process_time()
        for job in jobs:
            fn(job)
        return time.perf_counter() - start, time.process_time() - cpu
    ctx = mp.get_context("fork")
    with ctx.Pool(workers, initializer=init, initargs=(init_arg,)) as pool:
        pool.map(fn, jobs[: workers * 2], chunksize=1)   # warm every worker outside the clock
        start = time.perf_counter()
        pool.map(fn, jobs, chunksize=max(1, len(jobs) // (workers * 8)))
        return time.perf_counter() - start, None


def measure(tools, paths, tmp, workers, repeat):
    """Best of `repeat` per tool, the tools interleaved so a burst of outside load hits both."""
    best: dict[str, list] = {}
    for _ in range(repeat):
        for name, fn, init, init_arg in tools:
            out = tmp / f"{name.split()[0]}{workers}"
            out.mkdir(exist_ok=True)
            jobs = [(str(p), str(out / p.name)) for p in paths]
            wall, cpu = _timed(fn, init, init_arg, jobs, workers)
            old = best.setdefault(name, [wall, cpu])
            old[0] = min(old[0], wall)
            old[1] = None if cpu is None else min(old[1], cpu)
    results = []
    for name, (wall, cpu) in best.items():
        results.append({"tool": name, "workers": workers, "files": len(paths), "seconds": round(wall, 3),
                        "files_per_second": round(len(paths) / wall, 1),
                        "files_per_cpu_second": None if cpu is None else round(len(paths) / cpu, 1)})
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slices", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    from slidesan.dicom import PackState
    try:
        import dicognito
        dicognito_version = getattr(dicognito, "__version__", "?")
    except ImportError:
        dicognito_version = None

    results = []
    with tempfile.TemporaryDirectory(prefix="bench_dicom_") as tmp:
        tmp = Path(tmp)
        (tmp / "in").mkdir()
        paths = make_series(tmp / "in", args.slices)
        tools = [("slidesan", slidesan_one, _init_slidesan, PackState().freeze())]
        if dicognito_version:
            tools.append((f"dicognito {dicognito_version}", dicognito_one, _init_dicognito, "bench-seed"))
        for workers in (1, args.jobs) if args.jobs > 1 else (1,):
            results += measure(tools, paths, tmp, workers, args.repeat)

    if args.json:
        print(json.dumps({"slices": args.slices, "cpus": os.cpu_count(), "load": os.getloadavg(),
                          "results": results}, indent=2))
        return
    print(f"{args.slices}-slice CT series (CT_small.dcm copies), read + de-identify header + write, "
          f"best of {args.repeat}; {os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.1f}")
    print(f"{'tool':<18}{'workers':>8}{'seconds':>10}{'files/s':>10}{'files/CPU-s':>13}")
    for r in results:
        cpu = "" if r["files_per_cpu_second"] is None else f"{r['files_per_cpu_second']:.1f}"
        print(f"{r['tool']:<18}{r['workers']:>8}{r['seconds']:>10.2f}{r['files_per_second']:>10.1f}{cpu:>13}")
    if not dicognito_version:
        print("dicognito is not installed in this environment: comparison skipped "
              "(.venv/bin/pip install dicognito)")
        return
    for workers in sorted({r["workers"] for r in results}):
        ours = next(r for r in results if r["workers"] == workers and r["tool"] == "slidesan")
        theirs = next(r for r in results if r["workers"] == workers and r["tool"] != "slidesan")
        line = (f"slidesan / dicognito with {workers} worker(s): "
                f"{ours['files_per_second'] / theirs['files_per_second']:.2f}x wall")
        if ours["files_per_cpu_second"] and theirs["files_per_cpu_second"]:
            line += f", {ours['files_per_cpu_second'] / theirs['files_per_cpu_second']:.2f}x per CPU-second"
        print(line)


if __name__ == "__main__":
    main()
