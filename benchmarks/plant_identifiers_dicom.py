"""Plant a patient's identifiers in a random DICOM element (any public attribute of a text value
representation the data dictionary defines, at the top level or inside a sequence item the profile
keeps, or a private element), clean the file, and check that a clean saying `publication` kept none
of them (plant_identifiers.py does the same for decks).

    python benchmarks/plant_identifiers_dicom.py -n 500 --seed 1

Seeds: pydicom's bundled CT and MR test files (read, never written).
"""

from __future__ import annotations

import argparse
import collections
import io
import random
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

TEXT_VRS = ("LO", "SH", "LT", "ST", "UT", "UC", "PN", "CS", "AE", "UR")
# (what is planted, the bytes that must not survive), shaped to fit short value representations
FORMS = [
    ("OAKHART^QUENTIN", [b"OAKHART"]),
    ("Mr Quentin Oakhart", [b"Oakhart"]),
    ("MRN 55120934", [b"55120934"]),
    ("NHS 943 476 5919", [b"943 476 5919"]),
    ("DOB 14/03/1961", [b"14/03/1961"]),
    ("Oakhart Q", [b"Oakhart"]),
]
# Items of these sequences are kept by the profile and walked
KEPT_SEQUENCES = ("AnatomicRegionSequence", "ProcedureCodeSequence", "ContributingEquipmentSequence",
                  "RealWorldValueMappingSequence", "PurposeOfReferenceCodeSequence")


def candidates():
    from pydicom.datadict import DicomDictionary

    return [(tag, entry[0], entry[4]) for tag, entry in DicomDictionary.items()
            if entry[0] in TEXT_VRS and tag >> 16 not in (0x0002, 0x0000) and entry[3] != "Retired"
            and not (0x5000 <= tag >> 16 <= 0x60FF)]


def fitted(value: str, vr: str) -> str:
    """The planted text as the VR allows it (CS: capitals, digits, space, underscore; AE 16 chars)."""
    if vr == "CS":
        value = "".join(ch if ch.isalnum() or ch == " " else " " for ch in value.upper())[:16]
    elif vr in ("SH", "AE"):
        value = value[:16]
    return value


def plant(rng: random.Random, ds, cands) -> tuple[str, list[bytes], str]:
    from pydicom.dataset import Dataset

    tag, vr, keyword = rng.choice(cands)
    where = rng.choice(["top", "top", "item", "private"])
    text, markers = rng.choice(FORMS)
    value = fitted(text, vr)
    if where == "private":
        ds.add_new(0x00410010, "LO", "ACME PLANT")
        vr = rng.choice(["LO", "UN", "LT"])
        ds.add_new(0x00411001 + rng.randrange(16), vr, value.encode() if vr == "UN" else value)
        return f"private element: {value!r}", markers, value
    if where == "item":
        item = Dataset()
        item.add_new(tag, vr, value)
        setattr(ds, rng.choice(KEPT_SEQUENCES), [item])
        return f"{keyword} ({vr}) in an item: {value!r}", markers, value
    ds.add_new(tag, vr, value)
    return f"{keyword} ({vr}): {value!r}", markers, value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    import pydicom
    from pydicom.data import get_testdata_file

    from slidesan.dicom import DicomOptions, PackState, deidentify
    from slidesan.report.model import verdict_of

    seeds = [Path(get_testdata_file(name)).read_bytes() for name in ("CT_small.dcm", "MR_small.dcm")]
    cands = candidates()
    rng = random.Random(args.seed)
    outcomes = collections.Counter()
    for i in range(args.n):
        ds = pydicom.dcmread(io.BytesIO(rng.choice(seeds)))
        place, markers, value = plant(rng, ds, cands)
        try:
            findings = deidentify(ds, PackState(), DicomOptions())
            buffer = io.BytesIO()
            ds.save_as(buffer, enforce_file_format=True)
        except Exception as exc:  # noqa: BLE001 - counted: a planted value the cleaner cannot take
            outcomes[f"refused: {type(exc).__name__}: {str(exc)[:50]}"] += 1
            continue
        verdict = verdict_of(findings)
        outcomes[verdict] += 1
        left = [m for m in markers if m in buffer.getvalue()] if verdict == "publication" else []
        # a CS or short value may hold only part of the form: what was planted must not survive either
        if verdict == "publication" and value.encode() in buffer.getvalue() and len(value) >= 6:
            left.append(value.encode())
        if left:
            outcomes["LEAK"] += 1
            print(f"LEAK #{i}: {place}: {left}", file=sys.stderr)
    for outcome, count in outcomes.most_common():
        print(f"{count:5d}  {outcome}")
    return 1 if outcomes["LEAK"] else 0


if __name__ == "__main__":
    sys.exit(main())
