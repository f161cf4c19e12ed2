"""Recall and precision of find_identifiers over labelled overlay and slide strings.

The strings are generated (seeded) from the layouts that PACS, ultrasound and nuclear-medicine
screens print, with OCR confusions applied to a share of them, and mixed with the overlay
vocabulary that must not be flagged. Every identifier's span is known, so recall is counted over
identifiers and precision over high-severity matches. Run this file directly to print the figures.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from slidesan.scan.identifiers import find_identifiers

SURNAMES = [
    "DAVIDSON", "KAUFMAN", "MEYER", "MARTIN", "OKONKWO", "NGUYEN", "PRZYBYLSKA", "O'BRIEN", "MCALLISTER",
    "ABU-SHANAB", "XU", "TANAKA", "MTHEMBU", "FERREIRA", "JOVANOVIC", "SZABO", "HAUGEN", "CHATTERJEE",
    "RAMACHANDRAN", "BELLO", "ADEYEMI", "KOWALCZYK", "DUBOIS", "ROSSI", "GONZALEZ", "EVANS", "MACLEOD",
    "AL-HASHIMI", "PETROVA", "LINDQVIST", "YILMAZ", "OYELARAN", "HILL", "YOUNG", "BROWN", "KING", "WHITE",
    "NI DHOMHNAILL", "VAN DER BERG", "SINGH", "PATEL", "KHAN", "WOJCIK", "IVANOV", "OKAFOR", "HUSSAIN",
]
GIVEN = [
    "DOUGLAS", "SCOTT", "STEPHANIE", "CHAD", "MARY", "AISHA", "THANDIWE", "WEI", "HIROSHI", "SIOBHAN",
    "KWAME", "MAGDALENA", "JOAO", "INGRID", "PRIYA", "OLUWASEUN", "FATIMA", "DMITRI", "ELIF", "CIARAN",
    "JOHN", "SARAH", "AHMED", "LUCIA", "MEHMET", "ANIKA", "TOMASZ", "GRACE", "RAJESH", "NKECHI",
]
TOWNS = ["Leeds", "Bradford", "Cardiff", "Glasgow", "Aberdeen", "Norwich", "Swansea", "Cleveland", "Sheffield",
         "Ipswich", "Dundee", "Wrexham", "Truro", "Kettering", "Harrogate"]
INSTITUTIONS = ["{t} General Infirmary", "{t} Royal Infirmary", "{t} Teaching Hospitals NHS Foundation Trust",
                "{T} GENERAL HOSPITAL", "{T} CLINIC", "St {g} Hospital", "{t} Medical Centre", "NHS {t} Health Board",
                "University Hospital of {t}", "CCHS {T} CLINIC"]
OVERLAY = [
    "Semi-Upright", "Portable", "L", "R", "LA6", "Adv Breast", "L12-5", "36Hz", "2D", "60%", "Dyn R 58",
    "TIS0.0 MI 0.6", "4.0cm", "SIEMENS", "6C1 HD", "Renal", "TIS 0.5", "MI 1.4", "19fps", "THI", "16cm",
    "W:400 L:40", "120 kV", "250 mAs", "5.0 mm", "Se: 3 Im: 45", "3.5 MHz", "T2 FLAIR", "AP", "ERECT",
    "Depth 16cm", "Gain 50", "C5-1", "EPIQ 7G", "Acuson S2000", "Abdomen", "Axial", "Post contrast",
    "Tc99m MDP 600 MBq", "ANT", "POST", "WW 350 WL 50", "1.5T", "Sag T1", "DWI b1000", "ADC", "FOV 350",
    "CTDIvol 12.3 mGy", "DLP 456", "Pitch 0.98", "SL 1.25", "Tp -123.5", "Zoom 1.2", "PRF 1.5kHz",
]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LOOKALIKE = {"0": "O", "1": "l", "8": "B", "5": "S"}


def _date(rng: random.Random) -> str:
    d = date(1925, 1, 1) + timedelta(days=rng.randrange(0, 36500))
    form = rng.randrange(8)
    return [f"{d:%d.%m.%Y}", f"{d:%m.%d.%Y}", f"{d:%d/%m/%Y}", f"{d:%m/%d/%Y}", f"{d:%Y-%m-%d}",
            f"{d.day:02d}-{MONTHS[d.month - 1]}-{d.year}", f"{d.day} {MONTHS[d.month - 1]} {d.year}",
            f"{d:%Y%m%d}"][form]


def _time(rng: random.Random) -> str:
    h, m, s = rng.randrange(24), rng.randrange(60), rng.randrange(60)
    return rng.choice([f"{h:02d}:{m:02d}:{s:02d}", f"{(h % 12) or 12}:{m:02d}:{s:02d} {'AM' if h < 12 else 'PM'}",
                       f"{(h % 12) or 12:02d}:{m:02d}:{s:02d}{'AM' if h < 12 else 'PM'}", f"{h:02d}:{m:02d}"])


def _nhs(rng: random.Random) -> str:
    while True:
        digits = [rng.randrange(4, 8)] + [rng.randrange(10) for _ in range(8)]
        check = (11 - sum(d * w for d, w in zip(digits, range(10, 1, -1))) % 11) % 11
        if check != 10:
            text = "".join(map(str, digits + [check]))
            return rng.choice([text, f"{text[:3]} {text[3:6]} {text[6:]}"])


class Line:
    """A string built from parts, remembering which parts are identifiers."""

    def __init__(self) -> None:
        self.text, self.spans = "", []

    def add(self, part: str, identifier: bool = False, sep: str = "  ") -> "Line":
        if self.text:
            self.text += sep
        if identifier:
            self.spans.append((len(self.text), len(self.text) + len(part)))
        self.text += part
        return self


def _ocr_noise(part: str, rng: random.Random) -> str:
    digits = [i for i, ch in enumerate(part) if ch in LOOKALIKE]
    if digits and rng.random() < 0.5:
        i = rng.choice(digits)
        part = part[:i] + LOOKALIKE[part[i]] + part[i + 1:]
    return part


def overlay_lines(count: int = 720, seed: int = 7) -> list[tuple[str, str, list[tuple[int, int]]]]:
    rng = random.Random(seed)
    cases = []
    for n in range(count):
        noisy = n % 3 == 0
        surname, given = rng.choice(SURNAMES), rng.choice(GIVEN)
        town = rng.choice(TOWNS)
        institution = rng.choice(INSTITUTIONS).format(t=town, T=town.upper(), g=rng.choice(["Mary's", "James's", "Luke's"]))
        noise = (lambda p: _ocr_noise(p, rng)) if noisy else (lambda p: p)
        line = Line()
        for _ in range(rng.randrange(0, 3)):
            line.add(rng.choice(OVERLAY))
        layout = n % 9
        if layout == 0:      # PACS corner
            line.add(f"{surname} {given}", True).add(f"[{rng.choice('MFU')}]", sep=" ").add(noise(_date(rng)), True, " ")
        elif layout == 1:    # date of birth label
            label = rng.choice(["DOB:", "DOB", "D.O.B.", "Born", "D0B:", "DOB :"] if noisy else ["DOB:", "DOB", "D.O.B.", "Born"])
            line.add(label).add(noise(_date(rng)), True, " ")
        elif layout == 2:    # DICOM / comma names
            sep = rng.choice(["*", "~", "^"] if noisy else ["^", ","])
            line.add(f"{surname}{sep}{given}", True)
        elif layout == 3:    # labelled names and clinicians
            label = rng.choice(["Name:", "PATIENT:", "Pt:", "Ref: Dr", "Referring Physician:", "Consultant:"])
            value = f"{surname}, {given}" if rng.random() < 0.5 else f"{given.title()} {surname.title()}"
            line.add(label).add(value, True, " ")
        elif layout == 4:    # record numbers
            kind = rng.randrange(5)
            number = "".join(str(rng.randrange(10)) for _ in range(rng.randrange(7, 12)))
            if kind == 0:
                line.add(noise(number), True)
            else:
                label = ["MRN:", "ID:", "Acc:", "Hosp No"][kind - 1]
                value = rng.choice([number, f"{rng.choice(['RX', 'K', 'A', 'AB'])}{number[:7]}"])
                line.add(label).add(value, True, " ")
        elif layout == 5:    # ultrasound top bar
            line.add(f"{surname}, {given}", True).add(noise(str(rng.randrange(10**8, 10**11)).zfill(11)), True)
            line.add("DOB:").add(noise(_date(rng)), True, " ")
            cut = rng.randrange(6, len(institution) + 1)
            line.add(institution.upper()[:cut] + ("..." if cut < len(institution) else ""), True)
            line.add(_date(rng), True).add(_time(rng), True, " ")
        elif layout == 6:    # NHS number
            line.add(rng.choice(["NHS No:", "NHS", ""])).add(_nhs(rng), True, " ")
        elif layout == 7:    # institution and time
            line.add(institution, True).add(_time(rng), True)
        else:                # nuclear medicine header
            line.add(f"{given} {surname}", True).add(_date(rng), True).add("Tc99m MDP 600 MBq").add("ANT")
        for _ in range(rng.randrange(0, 3)):
            line.add(rng.choice(OVERLAY))
        # institution strings that the generator cut to nothing informative are not identifiers
        cases.append(("ocr", line.text, line.spans))
    return cases


NEGATIVE_LINES = [
    ("ocr", "  ".join(OVERLAY[i:i + 4]), []) for i in range(0, len(OVERLAY), 4)
] + [
    ("text", "Axial T2 FLAIR shows high signal in the left temporal lobe", []),
    ("text", "Morison's pouch contains free fluid; Crohn disease of the terminal ileum", []),
    ("text", "Teaching Case: Pneumoperitoneum on an erect chest radiograph", []),
    ("text", "Key Points: Rigler sign, football sign, Chilaiditi sign mimics", []),
    ("text", "Findings: 5.0 mm nodule, 120/80, follow-up CT in 3 months", []),
    ("text", "Differential Diagnosis: Lymphoma, Sarcoidosis, Tuberculosis", []),
    ("text", "Learning Objectives", []),
    ("text", "Salter-Harris II fracture of the distal radius", []),
    ("text", "MRI 1.5T, Se: 3 Im: 45, W:400 L:40, 120 kV, 250 mAs", []),
]

SLIDE_LINES = [
    ("text", "Mrs X, 62, seen at St Elsewhere", ["Mrs X", "62", "St Elsewhere"]),
    ("text", "Case courtesy of Dr Jane Smith, Leeds General Infirmary", ["Dr Jane Smith", "Leeds General Infirmary"]),
    ("text", "Referred by Dr Oyelaran from Harrogate District Hospital", ["Dr Oyelaran", "Harrogate District Hospital"]),
    ("text", "Contact: jane.smith@nhs.net, Tel 0113 243 3144", ["jane.smith@nhs.net", "0113 243 3144"]),
    ("text", "55F presenting with haematuria; NHS 943 476 5919", ["55F", "943 476 5919"]),
    ("text", "Patient: Thandiwe Mthembu, DOB 03/04/1961", ["Thandiwe Mthembu", "03/04/1961"]),
    ("text", "A 47-year-old man from LS1 3EX", ["47-year-old", "LS1 3EX"]),
]


def _with_spans(cases):
    out = []
    for source, text, values in cases:
        spans = []
        for value in values:
            start = text.index(value)
            spans.append((start, start + len(value)))
        out.append((source, text, spans))
    return out


def evaluate(cases):
    identifiers = hit = flagged = correct = 0
    misses, false_alarms = [], []
    for source, text, spans in cases:
        matches = [m for m in find_identifiers(text, source=source) if m.severity == "high"]
        for s, e in spans:
            identifiers += 1
            if any(m.start < e and s < m.end for m in matches):
                hit += 1
            else:
                misses.append((text, text[s:e]))
        for m in matches:
            flagged += 1
            if any(m.start < e and s < m.end for s, e in spans):
                correct += 1
            else:
                false_alarms.append((text, m.category, m.text))
    return {
        "identifiers": identifiers, "recall": hit / identifiers if identifiers else 1.0,
        "flagged": flagged, "precision": correct / flagged if flagged else 1.0,
        "misses": misses, "false_alarms": false_alarms,
    }


def all_cases():
    return overlay_lines() + _with_spans(SLIDE_LINES) + NEGATIVE_LINES


def test_recall_and_precision_on_labelled_strings():
    result = evaluate(all_cases())
    assert result["identifiers"] > 1000
    assert result["recall"] >= 0.99, result["misses"][:10]
    assert result["precision"] >= 0.90, result["false_alarms"][:10]


def test_no_high_findings_on_negative_lines():
    assert evaluate(NEGATIVE_LINES)["flagged"] == 0


if __name__ == "__main__":
    res = evaluate(all_cases())
    print({k: (round(v, 4) if isinstance(v, float) else v) for k, v in res.items() if k not in ("misses", "false_alarms")})
    for miss in res["misses"][:40]:
        print("MISS", miss)
    for fa in res["false_alarms"][:40]:
        print("FALSE", fa)
