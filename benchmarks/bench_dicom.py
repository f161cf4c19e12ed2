"""DICOM pack cleaning on real-sized files: CPU seconds per file and peak memory, slidesan beside
dicognito and a bare pydicom read+write, all in the same run (issue 12, part 6).

    .venv/bin/pip install dicognito          # benchmark only, not a project dependency
    .venv/bin/python benchmarks/bench_dicom.py [--ct 1000] [--mr 300] [--repeat 2] [--memory 10000] [--json]
                                               [--baseline OTHER_CHECKOUT]

Files are generated in a temp dir: a CT series of 512x512 16-bit slices and an MR series of 256x256
slices, each with the full header of pydicom's bundled CT_small.dcm / MR_small.dcm (CT: ~180
private elements, as a GE scanner writes them; CT padded with -2000 outside a round field of view,
as scanners write it: `--no-padding` for the phantom of earlier figures), stepped positions, one study,
and a made-up patient.
Every tool runs as its own process over the whole folder, so CPU time (user + system, from wait4)
and peak RSS are that tool's alone, imports included:

  bare       pydicom.dcmread + save_as for every file (the least any cleaner must do)
  dicognito  dicognito's Anonymizer over every file (read, anonymize, write)
  slidesan   `slidesan clean IN -o OUT -q -j N` (survey, face-risk check, de-identify, pixel
             checks, write, hash, reports): the command a user runs

Tools are interleaved and each figure is the best of `--repeat` runs. `-j 2` is measured for
slidesan (wall clock: the speed-up needs two idle cores; the load average before and after is
printed, and a loaded machine makes the figure unreliable). `--memory N` also cleans a pack of N
small files (128x128) and of N/10, and prints slidesan's peak RSS for both: flat means bounded by
the largest file, not the pack.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


PADDING = -2000         # the stored value CT scanners commonly write outside the reconstructed circle


def make_series(directory: Path, count: int, modality: str = "CT", size: int | None = None,
                padding: bool = True) -> list[Path]:
    """`count` slices of one series; CT 512x512 by default, MR 256x256 (pixels: a smooth phantom
    with noise, so compression-free sizes are real: 512 KB per CT slice). CT slices carry padding
    outside a round field of view (`padding=False`: not, as before December 2026), which gives their
    histogram the spike the drawn-text screen must look at."""
    import numpy as np
    import pydicom
    from pydicom.data import get_testdata_file
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    size = size or (512 if modality == "CT" else 256)
    template = pydicom.dcmread(get_testdata_file("CT_small.dcm" if modality == "CT" else "MR_small.dcm"))
    template.PatientName, template.PatientID, template.PatientBirthDate = "Benchmark^Patient", "BM123456", "19610304"
    template.InstitutionName, template.ReferringPhysicianName = "Markerton General Hospital", "Plantwood^Ann"
    template.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    template.Rows = template.Columns = size
    template.BitsAllocated, template.BitsStored, template.HighBit, template.PixelRepresentation = 16, 16, 15, 1
    template.SamplesPerPixel, template.PhotometricInterpretation = 1, "MONOCHROME2"
    template.PixelSpacing = [round(350.0 / size, 4)] * 2
    rng = np.random.default_rng(4)
    yy, xx = np.mgrid[0:size, 0:size]
    phantom = np.where((xx - size / 2) ** 2 / (0.4 * size) ** 2 + (yy - size / 2) ** 2 / (0.3 * size) ** 2 <= 1,
                       1040, 24).astype(np.int16)
    outside = (xx - (size - 1) / 2) ** 2 + (yy - (size - 1) / 2) ** 2 > (size / 2) ** 2
    study, series, frame = generate_uid(), generate_uid(), generate_uid()
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        ds = template.copy()
        ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study, series, frame
        ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
        ds.InstanceNumber = n + 1
        z = -75.7 + 1.0 * n
        ds.ImagePositionPatient = [-175.0, -175.0, round(z, 4)]
        ds.SliceLocation = round(z, 4)
        stored = phantom + rng.integers(-20, 20, phantom.shape, dtype=np.int16)
        if modality == "CT" and padding:
            stored[outside] = PADDING            # a scanner's padding outside the round field of view
        ds.PixelData = stored.tobytes()
        path = directory / f"{modality}{n + 1:05d}.dcm"
        ds.save_as(path, enforce_file_format=True)
        paths.append(path)
    return paths


# ---- the tools, each run as `bench_dicom.py --child TOOL IN OUT [JOBS]` ----

def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.dcm"))


def child_bare(src: Path, dst: Path) -> None:
    import pydicom

    dst.mkdir(parents=True, exist_ok=True)
    for path in _files(src):
        pydicom.dcmread(path).save_as(dst / path.name)


def child_dicognito(src: Path, dst: Path) -> None:
    import pydicom
    from dicognito.anonymizer import Anonymizer

    anonymizer = Anonymizer(seed="bench-seed")
    dst.mkdir(parents=True, exist_ok=True)
    for path in _files(src):
        ds = pydicom.dcmread(path)
        anonymizer.anonymize(ds)
        ds.save_as(dst / path.name)


def child_slidesan(src: Path, dst: Path, jobs: int, code: str | None = None) -> None:
    if code:                                  # another checkout's src/ (--baseline)
        sys.path.insert(0, code)
    from slidesan.entry import main       # the `slidesan` command: with -j N it starts its workers first

    sys.argv = ["slidesan", "clean", str(src), "-o", str(dst), "-q", "-j", str(jobs)]
    main()


def run_tool(tool: str, src: Path, dst: Path, jobs: int = 1, code: str | None = None) -> dict:
    """Run one tool in its own process: wall seconds, CPU seconds (user + system, children included),
    peak RSS in MB. `code`: the src/ folder slidesan is imported from (default: this checkout's)."""
    import shutil

    shutil.rmtree(dst, ignore_errors=True)
    for report in dst.parent.glob(dst.name + ".report.*"):
        report.unlink()
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", tool, str(src), str(dst), str(jobs)]
                            + ([code] if code else []), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    error = proc.stderr.read().decode(errors="replace").strip()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{tool} failed ({proc.returncode}): {error[-400:]}")
    return {"tool": tool, "jobs": jobs, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mb": usage.ru_maxrss / 1024}


def measure(tools: list[tuple[str, int]], src: Path, out: Path, repeat: int, baseline: str | None = None) -> list[dict]:
    """Each tool once per round, in turn (a baseline checkout's slidesan beside this one's, the order
    reversed every other round); each figure is the best of the rounds, `cpu_runs` keeps them all."""
    best: dict[tuple[str, int], dict] = {}
    for round_ in range(repeat):
        for tool, jobs in (tools if round_ % 2 == 0 else tools[::-1]):
            code = str(Path(baseline) / "src") if tool == "baseline" else None
            result = run_tool("slidesan" if tool == "baseline" else tool, src, out / f"{tool}-{jobs}", jobs, code)
            result["tool"] = tool
            old = best.get((tool, jobs))
            if old is None:
                best[(tool, jobs)] = {**result, "cpu_runs": [result["cpu"]]}
            else:
                old["cpu_runs"].append(result["cpu"])
                for key in ("wall", "cpu", "rss_mb"):
                    old[key] = min(old[key], result[key])
    return list(best.values())


def have_dicognito() -> str | None:
    try:
        import dicognito
    except ImportError:
        return None
    return getattr(dicognito, "__version__", "?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ct", type=int, default=1000, help="CT slices (512x512)")
    parser.add_argument("--mr", type=int, default=300, help="MR slices (256x256)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2, help="workers for the parallel slidesan run")
    parser.add_argument("--memory", type=int, default=0, help="also measure peak RSS at N small files and N/10")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--baseline", metavar="CHECKOUT", help="also run slidesan from another checkout's src/ "
                        "(e.g. main), in turn with this one, for a same-run comparison")
    parser.add_argument("--no-padding", action="store_true", help="CT slices without padding outside the field "
                        "of view (the phantom of the figures measured before 6 Dec 2026 19:45 UTC)")
    args = parser.parse_args()

    version = have_dicognito()
    load_before = os.getloadavg()
    results, memory = [], []
    with tempfile.TemporaryDirectory(prefix="bench_dicom_") as tmp:
        tmp = Path(tmp)
        make_series(tmp / "in" / "ct", args.ct, "CT", padding=not args.no_padding)
        make_series(tmp / "in" / "mr", args.mr, "MR")
        files = args.ct + args.mr
        tools = [("bare", 1)] + ([("dicognito", 1)] if version else []) + [("slidesan", 1), ("slidesan", args.jobs)]
        if args.baseline:
            tools[-1:-1] = [("baseline", 1)]
            tools += [("baseline", args.jobs)] if args.jobs > 1 else []
        results = measure(tools, tmp / "in", tmp / "out", args.repeat, args.baseline)
        for r in results:
            r["files"] = files
            r["cpu_ms_per_file"] = 1000 * r["cpu"] / files
        if args.memory:
            import shutil

            shutil.rmtree(tmp / "out", ignore_errors=True)
            shutil.rmtree(tmp / "in", ignore_errors=True)
            for count in (max(1, args.memory // 10), args.memory):
                folder = tmp / f"mem{count}"
                make_series(folder, count, "CT", size=128)
                result = run_tool("slidesan", folder, tmp / f"memout{count}", 1)
                result["files"] = count
                memory.append(result)
                shutil.rmtree(folder, ignore_errors=True)
                shutil.rmtree(tmp / f"memout{count}", ignore_errors=True)
    load_after = os.getloadavg()
    summary = {"ct": args.ct, "mr": args.mr, "cpus": os.cpu_count(), "load_before": load_before,
               "load_after": load_after, "dicognito": version, "results": results, "memory": memory}
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    report(summary, args)


def report(summary: dict, args) -> None:
    results = summary["results"]
    print(f"{args.ct} CT slices 512x512 + {args.mr} MR slices 256x256, each tool in its own process, best of "
          f"{args.repeat}; {summary['cpus']} CPUs, load average {summary['load_before'][0]:.2f} before, "
          f"{summary['load_after'][0]:.2f} after")
    print(f"{'tool':<12}{'jobs':>5}{'wall s':>9}{'CPU s':>9}{'median':>9}{'CPU ms/file':>13}{'peak RSS MB':>13}")
    for r in results:
        print(f"{r['tool']:<12}{r['jobs']:>5}{r['wall']:>9.2f}{r['cpu']:>9.2f}{statistics.median(r['cpu_runs']):>9.2f}"
              f"{r['cpu_ms_per_file']:>13.2f}{r['rss_mb']:>13.0f}")
    by = {(r["tool"], r["jobs"]): r for r in results}
    ours, bare = by[("slidesan", 1)], by[("bare", 1)]
    print(f"slidesan -j 1 / bare read+write, CPU: {ours['cpu'] / bare['cpu']:.2f}x best, "
          f"{statistics.median(ours['cpu_runs']) / statistics.median(bare['cpu_runs']):.2f}x median (target <= 1.3)")
    if ("dicognito", 1) in by:
        them = by[("dicognito", 1)]
        print(f"dicognito / slidesan -j 1, CPU: {them['cpu'] / ours['cpu']:.2f}x best, "
              f"{statistics.median(them['cpu_runs']) / statistics.median(ours['cpu_runs']):.2f}x median (target >= 1.5)")
    else:
        print("dicognito is not installed: comparison skipped (.venv/bin/pip install dicognito)")
    if ("baseline", 1) in by:
        base = by[("baseline", 1)]
        per_round = [ours_run / base_run for ours_run, base_run in zip(ours["cpu_runs"], base["cpu_runs"])]
        print(f"slidesan -j 1 / baseline -j 1, CPU: {ours['cpu'] / base['cpu']:.2f}x best, "
              f"{statistics.median(ours['cpu_runs']) / statistics.median(base['cpu_runs']):.2f}x median; "
              f"per round {' '.join(f'{r:.2f}' for r in per_round)}; baseline / bare {base['cpu'] / bare['cpu']:.2f}x")
        if ("dicognito", 1) in by:
            print(f"dicognito / baseline -j 1, CPU: {by[('dicognito', 1)]['cpu'] / base['cpu']:.2f}x")
    parallel = by.get(("slidesan", args.jobs))
    if parallel and args.jobs > 1:
        print(f"slidesan -j {args.jobs} speed-up over -j 1, wall: {ours['wall'] / parallel['wall']:.2f}x "
              f"(target >= 1.7 on 2 idle cores)")
    for m in summary["memory"]:
        print(f"memory: {m['files']} files (128x128), slidesan -j 1: peak RSS {m['rss_mb']:.0f} MB, "
              f"{m['wall']:.1f} s wall")


if __name__ == "__main__":
    if len(sys.argv) >= 5 and sys.argv[1] == "--child":
        tool, src, dst = sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])
        if tool == "bare":
            child_bare(src, dst)
        elif tool == "dicognito":
            child_dicognito(src, dst)
        else:
            child_slidesan(src, dst, int(sys.argv[5]) if len(sys.argv) > 5 else 1, sys.argv[6] if len(sys.argv) > 6 else None)
    else:
        main()
