"""Red team 19 generator: DICOM structured content and non-image objects naming made-up patients.

    python benchmarks/redteam19/gen.py OUT [--seed 19]

Writes OUT/pack/NN-CASE-id.dcm (names the patient in header and content), NN-CASE-bare.dcm (the
header names no one, only the content does) and NN-CASE-twin.dcm (the same object with harmless
text in the same places) for every case of reports.py, others.py and charsets.py,
and OUT/truth.json: per file its case, whether it identifies, and the needles the search looks for.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import charsets  # noqa: E402
import others  # noqa: E402
import reports  # noqa: E402
from objects import save, save_deep  # noqa: E402
from people import make_patient, needles  # noqa: E402

CASES = {**reports.CASES, **others.CASES, **charsets.CASES}
ACCENTED = {"charset-latin1": 0, "charset-utf8": 3}     # patients whose names need the character set


def generate(out: Path, seed: int) -> dict:
    pack = out / "pack"
    pack.mkdir(parents=True, exist_ok=True)
    warnings.filterwarnings("ignore", module="pydicom")     # invalid values are planted on purpose
    truth = {}
    for number, (case, build) in enumerate(CASES.items(), 1):
        rng = random.Random(f"{seed}-{case}")
        patient = make_patient(rng, ACCENTED.get(case, seed + number))
        state = rng.getstate()
        for variant in ("id", "bare", "twin"):
            ident, patient.bare = variant != "twin", variant == "bare"
            rng.setstate(state)             # the same object three times, only the text differs
            ds, options, extra = build(patient, ident, rng)
            name = f"{number:02d}-{case}-{variant}.dcm"
            if options.get("deep"):
                save_deep(ds, pack / name)
            else:
                save(ds, pack / name, implicit=options.get("implicit", False), meta=options.get("meta", True))
            found = needles(patient) | extra
            found["study-uid"] = str(ds.StudyInstanceUID)
            truth[name] = {"case": case, "identifying": ident, "needles": found}
    (out / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False))
    return truth


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=19)
    options = parser.parse_args()
    print(f"{len(generate(options.out, options.seed))} files in {options.out / 'pack'}")
