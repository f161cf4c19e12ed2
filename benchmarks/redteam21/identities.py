"""Made-up patients, sites and harmless overlay words for red team 21.

Written for this red team alone: names of many cultures (particles, hyphens, apostrophes, short family names),
identifiers in the shapes hospitals print them, dates in every common order, and the technical words a viewer
puts in the corners of a clean picture. Every identity is drawn from a random.Random so a seed makes the set.
"""

from __future__ import annotations

import random

GIVEN = ["Aoife", "Bartholomew", "Chidinma", "Dmitri", "Eleanor", "Farhan", "Giulia", "Hamish", "Ingrid",
         "Jun", "Kwame", "Leilani", "Mateus", "Nadia", "Oluwaseun", "Pernille", "Quentin", "Rosalind",
         "Siobhan", "Tariq", "Ulla", "Valentina", "Wiremu", "Ximena", "Yusuf", "Zofia", "Anh", "Bao",
         "Catriona", "Dolores", "Emeka", "Fatima", "Gunnar", "Hyun-woo", "Isabeau", "Jean-Luc", "Kamala",
         "Lorcan", "Mei", "Nkechi", "Orla", "Priya", "Radu", "Saoirse", "Thanh", "Ugo", "Vikram", "Wen"]
FAMILY = ["Abernethy", "Bhattacharya", "Castellanos", "Drummond", "Esterhuizen", "Fairweather", "Gallagher",
          "Horvath", "Iwasaki", "Jankowski", "Kaczmarek", "Lindqvist", "Mbeki", "Nakashima", "Oyelaran",
          "Petrakis", "Quinlan", "Rasmussen", "Szabo", "Thorsteinsson", "Urquhart", "Vasquez", "Whitlock",
          "Yildirim", "Zielinski", "Ng", "Le", "Wu", "Ho", "Ali", "Kaur", "Tran", "Dang", "Amoah"]
PARTICLED = ["van der Berg", "de la Cruz", "O'Sullivan", "MacLennan", "McAllister", "bin Hamid",
             "Nguyen Thi", "Al-Khatib", "dos Santos", "D'Souza", "ter Horst", "von Aschenbach",
             "Fitzgerald-Hughes", "Smyth-Okafor", "da Silva", "El Amrani", "St. Clair", "Ní Bhriain",
             "Müller-Lüdenscheidt", "García-Lorca"]
MIDDLE = ["Thi", "Van", "Marie", "J", "Ann", "Kumar", "Lou", "Mae", "bin", "Jose"]
TITLES = ["Mr", "Mrs", "Ms", "Miss", "Dr", "MR", "MRS", "Mr.", "Mrs."]

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

SITES = ["Ashcombe Valley NHS Foundation Trust", "Royal Kilbride Infirmary", "NORTHGATE MED CTR",
         "Klinikum Oberwestheim", "Hôpital Sainte-Odile de Ravenel", "St. Aldric's Hospital",
         "Univ. Hospital Brennwald", "HARBOURSIDE IMAGING", "Pinecrest Radiology Clinic",
         "Kettering Vale Health Centre", "SAINT BRIDGET MED CTR", "WESTMARCH PET/CT",
         "Centre Hospitalier de Montclar", "Ospedale San Lorenzo di Valtorta", "Queen Adela General Hospital",
         "Inst. of Imaging, Corrib University", "DUNMORE COMMUNITY HOSP", "Lakeview Diagnostic Imaging LLC",
         "Krankenhaus Sankt Elisabeth Ahrenfeld", "BRAMLEY CROSS INFIRMARY"]
REFERRERS = ["Dr A. Kowalczyk", "Dr. Hollis-Grant", "DR OKONJO", "Dr Priya Menon", "Dr J. van Rooyen",
             "FAIRCLOUGH^M", "Prof. Ekwueme"]


def family(rng: random.Random) -> str:
    return rng.choice(PARTICLED) if rng.random() < 0.35 else rng.choice(FAMILY)


def name_forms(rng: random.Random) -> tuple[str, str]:
    """(printed name, form tag). The shapes viewers, machines and people print a name in."""
    fam, giv = family(rng), rng.choice(GIVEN)
    mid = rng.choice(MIDDLE) if rng.random() < 0.3 else ""
    form = rng.choice(["SUR, Given", "SUR^GIVEN", "SUR^GIVEN^MID^^", "Title Given Sur", "Given SUR",
                       "Sur, Given Mid", "lower", "SUR GIVEN", "Title G. Sur", "Sur Given"])
    up = fam.upper()
    if form == "SUR, Given":
        text = f"{up}, {giv}"
    elif form == "SUR^GIVEN":
        text = f"{up.replace(' ', '')}^{giv.upper()}"
    elif form == "SUR^GIVEN^MID^^":
        text = f"{up.replace(' ', '')}^{giv.upper()}^{(mid or 'A').upper()}^^"
    elif form == "Title Given Sur":
        text = f"{rng.choice(TITLES)} {giv} {fam}"
    elif form == "Given SUR":
        text = f"{giv} {up}"
    elif form == "Sur, Given Mid":
        text = f"{fam}, {giv} {mid}".strip()
    elif form == "lower":
        text = f"{fam.lower()}, {giv.lower()}"
    elif form == "SUR GIVEN":
        text = f"{up} {giv.upper()}"
    elif form == "Title G. Sur":
        text = f"{rng.choice(TITLES)} {giv[0]}. {fam}"
    else:
        text = f"{fam} {giv}"
    return text, form


def nhs_number(rng: random.Random) -> str:
    """A number of ten digits whose last is the modulus-11 check digit, printed 3 3 4."""
    while True:
        digits = [rng.randrange(10) for _ in range(9)]
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            s = "".join(map(str, digits + [check]))
            return f"{s[:3]} {s[3:6]} {s[6:]}"


def patient_id(rng: random.Random) -> tuple[str, str]:
    """(label, value); label may be empty (a bare number under the name)."""
    d = lambda n: "".join(str(rng.randrange(10)) for _ in range(n))  # noqa: E731
    letters = lambda n: "".join(rng.choice("ABCDEFGHJKLMNPRSTWXYZ") for _ in range(n))  # noqa: E731
    shape = rng.randrange(10)
    if shape == 0:
        return rng.choice(["NHS No: ", "NHS ", "NHS Number "]), nhs_number(rng)
    if shape == 1:
        return rng.choice(["MRN: ", "MRN ", "Hosp No: "]), letters(rng.choice([1, 2])) + d(7)
    if shape == 2:
        return rng.choice(["ID: ", "Pat ID ", "PID "]), f"{d(4)}-{d(5)}"
    if shape == 3:
        return rng.choice(["", "ID "]), f"{d(2)}-{d(2)}-{d(2)}-{d(6)}"
    if shape == 4:
        return "", d(rng.choice([6, 7, 8, 9]))
    if shape == 5:
        return rng.choice(["Patient ID: ", "ID:"]), f"{letters(3)}{d(6)}"
    if shape == 6:
        return rng.choice(["URN ", "UR: ", "Unit No. "]), d(rng.choice([6, 7]))
    if shape == 7:
        return rng.choice(["Fall-Nr. ", "IPP: ", "Pat.-Nr.: "]), d(rng.choice([8, 10]))
    if shape == 8:
        return rng.choice(["", "MRN "]), f"{letters(1)}{d(2)}-{d(6)}"
    return rng.choice(["CHI ", "Reg No ", "Chart "]), d(10)


def date_text(rng: random.Random, year_lo: int, year_hi: int) -> str:
    y, m, dd = rng.randint(year_lo, year_hi), rng.randint(1, 12), rng.randint(1, 28)
    mon = MONTHS[m - 1]
    forms = [f"{dd:02d}/{m:02d}/{y}", f"{y}-{m:02d}-{dd:02d}", f"{y}{m:02d}{dd:02d}", f"{dd:02d}-{mon}-{y}",
             f"{dd} {mon.upper()} {y}", f"{mon} {dd}, {y}", f"{m:02d}/{dd:02d}/{y}", f"{dd:02d}.{m:02d}.{y}",
             f"{y} {mon} {dd:02d}", f"{dd:02d}/{m:02d}/{y % 100:02d}", f"{dd}-{mon.lower()}-{y}"]
    return rng.choice(forms)


def birth_line(rng: random.Random) -> tuple[str, str, str]:
    """(label, date, after): a birth date with the label and what follows it (sex, age)."""
    label = rng.choice(["DOB: ", "DOB ", "D.O.B. ", "Born ", "Birth Date: ", "Geb. ", "Né(e) le ", "", "BD: "])
    date = date_text(rng, 1932, 2012)
    sex = rng.choice(["M", "F", "Male", "Female", "O", "W"])
    age = rng.choice([f"{rng.randint(1, 95)}Y", f"{rng.randint(1, 95)} yrs", f"({rng.randint(1, 95)}y)",
                      f"{rng.randint(18, 95):03d}Y", ""])
    after = rng.choice([f"  {sex}", f"  {sex} {age}", f"  {age} {sex}", f" ({sex})", ""]).rstrip()
    return label, date, after


def identity(rng: random.Random) -> dict:
    name, form = name_forms(rng)
    id_label, id_value = patient_id(rng)
    b_label, b_date, b_after = birth_line(rng)
    return {"name": name, "name_form": form, "id_label": id_label, "id": id_value, "dob_label": b_label,
            "dob": b_date, "dob_after": b_after, "site": rng.choice(SITES), "study_date": date_text(rng, 2015, 2025),
            "referrer": rng.choice(REFERRERS), "accession": "".join(str(rng.randrange(10)) for _ in range(8))}


HARMLESS = ["W: 400 L: 40", "WL 40 WW 350", "W 1500 L -600", "Se: 4", "Im: 57/220", "Slice 5.0 mm", "Thk 1.25mm",
            "120 kV", "250 mAs", "Zoom 1.4", "AX T2 FSE", "COR STIR", "SAG T1 MPR", "DFOV 35.0cm", "TR 4500",
            "TE 98", "Tilt 0.0", "FOV 240x240", "ET 18", "Gain 52 dB", "DR 60", "Frq 3.5 MHz", "C5-1",
            "Abd General", "Depth 16 cm", "CTDIvol 12.4 mGy", "SUV max 8.2", "Frame 12/40", "Pos: -124.5",
            "Spiral 0.984:1", "Matrix 512", "Kernel B30f", "ST 3.0/SP 4.5", "Ex: 1", "Loc: S 42.0",
            "NEX 2", "BW 31.2", "Echo 1/1", "Avg 4", "Dist: 23.4 mm", "Area 1.82 cm2", "HU 42 SD 11",
            "Scale 25 mm", "Rot 0", "Flip H", "MIP 10 mm", "Phase 75%", "DLP 456 mGy*cm", "Pitch 1.0"]
SERIES = ["CT ABDOMEN PELVIS W CONTRAST", "MR BRAIN WO/W", "CHEST PA", "HEAD W/O", "PET WB FDG", "US RENAL",
          "CTA COW", "MR KNEE LT", "Bone Scan WB", "Thorax 1.0 B70f", "Portal venous 3mm"]


def harmless(rng: random.Random, like: str = "") -> str:
    """A technical line of roughly the length of `like` (so a twin's corner keeps its shape)."""
    out = rng.choice(HARMLESS)
    while len(out) < max(6, len(like) - 6):
        out += "  " + rng.choice(HARMLESS)
    return out
