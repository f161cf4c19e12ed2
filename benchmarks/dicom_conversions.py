"""Where slidesan makes pydicom convert raw elements: a count per call site, and how many elements
are still raw (written back as their bytes) when the cleaned file is written.

    .venv/bin/python benchmarks/dicom_conversions.py [FOLDER] [--ct 20] [--mr 10] [--top 25] [--tags] [--code SRC]

pydicom keeps every element it read as a RawDataElement (tag, VR, length, the value's bytes) until
something asks for its value; `Dataset.__getitem__` then converts it (about 10 µs), and the writer
must encode a converted element again (another ~10 µs), where a raw one is copied as its bytes.
This runs `slidesan clean FOLDER -o TMP -q -j 1` in this process with pydicom's converter wrapped
and prints, per slidesan function that asked (the innermost slidesan frame of the stack), how many
elements it converted, split into public numbers/binary, public text, private and sequences; then
what the writer met: raw elements written as bytes against converted ones it had to encode.
Without FOLDER the bench's generated CT/MR slices are used (benchmarks/bench_dicom.py). `--code`
imports slidesan from another checkout's src/.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT_VRS = {"AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UI", "UR", "UT"}


def _kind(raw) -> str:
    tag, vr = raw.tag, raw.VR
    if tag >> 16 & 1:
        return "private"
    if vr == "SQ":
        return "sequence"
    return "text" if vr in TEXT_VRS else "number/binary"


def _site() -> str:
    """The innermost slidesan function on the stack, marked when pydicom's reader or writer is between."""
    frame = sys._getframe(2)
    within = ""
    while frame is not None:
        name = frame.f_code.co_filename
        if "/slidesan/" in name:
            return f"{name.split('/slidesan/')[-1]}:{frame.f_code.co_name}" + within
        if not within and name.endswith(("filewriter.py", "filereader.py")):
            within = " [in pydicom's writer]" if name.endswith("filewriter.py") else " [in pydicom's reader]"
        frame = frame.f_back
    return "(outside slidesan)"


def install(counts: collections.Counter, writes: collections.Counter, tags: collections.Counter | None = None) -> None:
    """Wrap pydicom's converter where each module imported it, and its element writer."""
    import pydicom.dataelem
    import pydicom.dataset
    import pydicom.filereader
    import pydicom.filewriter
    from pydicom.datadict import keyword_for_tag

    original = pydicom.dataelem.convert_raw_data_element

    def counted(raw, *args, **kwargs):
        site = _site()
        counts[(site, _kind(raw))] += 1
        if tags is not None:
            tags[(site, keyword_for_tag(raw.tag) or f"({raw.tag >> 16:04X},{raw.tag & 0xFFFF:04X})")] += 1
        return original(raw, *args, **kwargs)

    for module in (pydicom.dataelem, pydicom.dataset, pydicom.filereader, pydicom.filewriter):
        module.convert_raw_data_element = counted
    write = pydicom.filewriter.write_data_element

    def counted_write(fp, elem, *args, **kwargs):
        writes[("raw, copied" if elem.is_raw else "converted, encoded", _kind(elem))] += 1
        return write(fp, elem, *args, **kwargs)

    pydicom.filewriter.write_data_element = counted_write


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?")
    parser.add_argument("--ct", type=int, default=20)
    parser.add_argument("--mr", type=int, default=10)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--code", help="import slidesan from this src/ folder")
    parser.add_argument("--tags", action="store_true", help="also name the attributes converted at each call site")
    args = parser.parse_args()
    sys.path.insert(0, args.code or str(ROOT / "src"))
    sys.path.insert(1, str(ROOT / "benchmarks"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.folder) if args.folder else Path(tmp) / "in"
        if not args.folder:
            from bench_dicom import make_series

            make_series(folder / "ct", args.ct, "CT")
            make_series(folder / "mr", args.mr, "MR")
        files = sum(1 for p in folder.rglob("*") if p.is_file())
        counts: collections.Counter = collections.Counter()
        writes: collections.Counter = collections.Counter()
        tags: collections.Counter = collections.Counter()
        install(counts, writes, tags if args.tags else None)
        from slidesan.cli import main as cli

        sys.argv = ["slidesan", "clean", str(folder), "-o", str(Path(tmp) / "out"), "-q", "-j", "1"]
        try:
            cli()
        except SystemExit:
            pass
    by_site: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for (site, kind), n in counts.items():
        by_site[site][kind] += n
    kinds = ("number/binary", "text", "private", "sequence")
    print(f"{files} input files; conversions per file, by the slidesan function that asked")
    print(f"{'call site':72} {'all':>7} " + " ".join(f"{k:>13}" for k in kinds))
    for site, c in sorted(by_site.items(), key=lambda item: -sum(item[1].values()))[:args.top]:
        print(f"{site[:72]:72} {sum(c.values()) / files:7.1f} " + " ".join(f"{c[k] / files:13.1f}" for k in kinds))
        if args.tags:
            named = sorted(((n, t) for (s, t), n in tags.items() if s == site), reverse=True)[:12]
            print("    " + ", ".join(f"{t} {n / files:.1f}" for n, t in named))
    total = sum(counts.values())
    print(f"{'total':72} {total / files:7.1f}")
    print("\nelements met by the writer, per file")
    for (how, kind), n in sorted(writes.items()):
        print(f"  {how:20} {kind:14} {n / files:7.1f}")
    raw = sum(n for (how, _), n in writes.items() if how.startswith("raw"))
    print(f"  raw share: {raw / max(1, sum(writes.values())):.0%}")


if __name__ == "__main__":
    main()
