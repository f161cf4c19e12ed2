"""Made-up sentences the way radiologists type them, with the identifiers they plant.

Every person, number and hospital here is invented at random from the pools below (a seeded
random.Random), so two seeds give different sentences of the same forms. A template returns
(text, keys): each key is (substring of text, "direct" | "indirect"), the span a sanitiser must
flag high. Controls return (text, ()): teaching text that must not be flagged high.
"""

from __future__ import annotations

import random

GIVEN_F = ["June", "Sarah", "Priya", "Aoife", "Margaret", "Chidinma", "Eleanor", "Fatima", "Rosie", "Ngozi",
           "Bethan", "Ingrid", "Mei", "Olga", "Hannah", "Daisy", "Precious", "Grace", "Joy", "Summer"]
GIVEN_M = ["John", "Raj", "Declan", "Tomasz", "Oluwaseun", "Gareth", "Hamish", "Arjun", "Kwame", "Stuart",
           "Rhys", "Bilal", "Ewan", "Lars", "Cormac", "Dylan", "Frank", "Mark", "Bill", "Victor"]
SURNAMES = ["Thistlewood", "Patel", "Khan", "Smith", "Okonkwo", "Nguyen", "Featherstone", "Wood", "Bird", "Hill",
            "Marsh", "Moss", "Baker", "Mason", "Short", "Rowbotham", "Kowalczyk", "Ogunleye", "McAllister",
            "Fairbairn", "Oyelaran", "Brennan", "Szymanski", "Heathcote", "Young", "Green", "Armitage",
            "Pemberton", "Ashworth", "Duckworth", "Castillo", "Lindqvist", "Nakamura", "Obi", "Quigley"]
HOSPITALS = ["St James's", "Leeds General Infirmary", "Royal Hallamshire", "Queen Elizabeth Hospital",
             "Northwick Park", "St Thomas'", "Addenbrooke's", "Pinderfields", "Ninewells", "the Royal Free",
             "Wythenshawe", "Musgrove Park Hospital", "Frimley Park", "Derriford", "Good Hope Hospital"]
HOSP_SHORT = ["RXH", "LGI", "QEH", "NPH", "STH", "RFH", "DRI", "NWH"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ROLES = ["registrar", "SpR", "reporting radiographer", "sonographer", "nurse", "FY2", "ST3", "fellow"]


def nhs(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            s = "".join(map(str, digits)) + str(check)
            return f"{s[:3]} {s[3:6]} {s[6:]}"


def person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(GIVEN_F + GIVEN_M), rng.choice(SURNAMES)


def ordinal(day: int) -> str:
    return f"{day}{'th' if 10 <= day % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"


def _dmy(rng):
    return rng.randint(1, 28), rng.randint(1, 12)


# -- identifiers --------------------------------------------------------------------------------------------

def t_referral(rng):
    g, s = person(rng)
    dg, ds = person(rng)
    d, m = _dmy(rng)
    y = rng.randint(2015, 2024)
    age = rng.randint(20, 88)
    hosp = rng.choice(HOSPITALS)
    initials = f"{g[0]}.{s[0]}."
    title = rng.choice(["Mrs", "Mr", "Ms"])
    date = f"{ordinal(d)} {MONTHS[m - 1]} {y}"
    text = f"{title} {initials}, {age}{rng.choice('MF')}, referred by Dr {dg[0]}. {ds} ({hosp}) on {date}"
    return text, [(initials, "direct"), (f"Dr {dg[0]}. {ds}", "indirect"), (hosp, "indirect"), (date, "indirect")]


def t_pt_upper(rng):
    g, s = person(rng)
    num = f"{rng.choice(HOSP_SHORT)} {rng.randint(1000000, 9999999)}"
    text = f"Pt: {s.upper()} {g}, {num}"
    return text, [(f"{s.upper()} {g}", "direct"), (num, "direct")]


def t_courtesy(rng):
    g, s = person(rng)
    hosp = rng.choice(HOSPITALS)
    return f"Case courtesy of Dr {g} {s}, {hosp}", [(f"Dr {g} {s}", "indirect"), (hosp, "indirect")]


def t_dob_dots(rng):
    d, m = _dmy(rng)
    dob = f"{d}.{m}.{rng.randint(30, 99)}"
    return f"DOB {dob}", [(dob, "indirect")]


def t_scanned(rng):
    d, m = _dmy(rng)
    date = f"{d}/{m}/{rng.randint(15, 24)}"
    return f"scanned {date}, follow-up CT showed interval growth", [(date, "indirect")]


def t_hosp_no(rng):
    num = f"{rng.choice('KMRJ')}{rng.randint(100000, 999999)}"
    return f"Hosp no. {num}", [(num, "direct")]


def t_nhs(rng):
    n = nhs(rng)
    return f"NHS {n}", [(n, "direct")]


def t_nhs_bare(rng):
    n = nhs(rng)
    return f"Prior imaging under {n} at the referring centre", [(n, "direct")]


def t_mrn(rng):
    num = f"{rng.randint(0, 99):02d}-{rng.randint(100, 999)}-{rng.randint(100, 999)}"
    return f"MRN: {num}", [(num, "direct")]


def t_name_age(rng):
    g, s = person(rng)
    return f"{g} {s}, {rng.randint(20, 88)}", [(f"{g} {s}", "direct")]


def t_comment_colleague(rng):
    g = rng.choice(GIVEN_F + GIVEN_M)
    return (f"Ask {g} (the {rng.choice(ROLES)}) to crop the label before Friday",
            [(g, "indirect")])


def t_email(rng):
    g, s = person(rng)
    e = f"{g.lower()}.{s.lower()}@nhs.net"
    return f"Questions to {e}", [(e, "direct")]


def t_bleep(rng):
    g = rng.choice(GIVEN_F + GIVEN_M)
    b = str(rng.randint(1000, 9999))
    return f"Bleep {g} on {b} if the patient deteriorates", [(g, "indirect"), (b, "direct")]


def t_ext(rng):
    b = str(rng.randint(2000, 7999))
    return f"Results phoned to ward 7, ext {b}", [(b, "direct")]


def t_surname_comma(rng):
    g, s = person(rng)
    return f"{s}, {g} - CT abdomen", [(f"{s}, {g}", "direct")]


def t_patient_label_lower(rng):
    g, s = person(rng)
    return f"patient {g} {s} had a prior MRI", [(f"{g} {s}", "direct")]


def t_mr_surname(rng):
    _, s = person(rng)
    return f"Mr {s}'s films from 2018 were reviewed", [(f"Mr {s}", "direct")]


def t_dob_long(rng):
    d, m = _dmy(rng)
    date = f"{ordinal(d)} {MONTHS[m - 1]} {rng.randint(1930, 1999)}"
    return f"Date of birth: {date}", [(date, "indirect")]


def t_dob_iso(rng):
    d, m = _dmy(rng)
    date = f"{rng.randint(1930, 1999)}-{m:02d}-{d:02d}"
    return f"D.O.B. {date}", [(date, "indirect")]


def t_initials_age(rng):
    g, s = person(rng)
    ini = f"{g[0]}{s[0]}"
    return f"{ini}, {rng.randint(20, 88)}{rng.choice('MF')}, presented with haemoptysis", [(ini, "direct")]


def t_ward_bed(rng):
    g, s = person(rng)
    return f"{g} {s.upper()} - Ward 12, bed 4", [(f"{g} {s.upper()}", "direct")]


def t_consultant(rng):
    g, s = person(rng)
    return f"Consultant: {s}", [(s, "indirect")]


def t_seen_by(rng):
    g, s = person(rng)
    return f"Reported by {g} {s}, {rng.choice(ROLES)}", [(f"{g} {s}", "indirect")]


def t_accession(rng):
    a = f"RAD{rng.randint(10000000, 99999999)}"
    return f"Acc {a}", [(a, "direct")]


def t_phone(rng):
    p = f"07{rng.randint(700, 999)} {rng.randint(100000, 999999)}"
    return f"Daughter's mobile {p}", [(p, "direct")]


def t_postcode(rng):
    pc = f"{rng.choice(['LS', 'M', 'B', 'SW', 'NE', 'BS'])}{rng.randint(1, 19)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTUW')}"
    return f"Lives alone at {rng.randint(2, 99)} Mill Lane, {pc}", [(pc, "direct")]


def t_name_dob_line(rng):
    g, s = person(rng)
    d, m = _dmy(rng)
    dob = f"{d:02d}/{m:02d}/{rng.randint(1930, 1999)}"
    return f"{g} {s} {dob}", [(f"{g} {s}", "direct"), (dob, "indirect")]


def t_ct_date_name(rng):
    g, s = person(rng)
    return f"CT chest - {s.upper()}, {g[0]}", [(f"{s.upper()}, {g[0]}", "direct")]


def t_hosp_number_label(rng):
    num = f"{rng.randint(1000000, 9999999)}"
    return f"Hospital number {num}", [(num, "direct")]


def t_given_month(rng):
    s = rng.choice(SURNAMES)
    g = rng.choice(["June", "April", "May", "Summer", "Joy", "Grace"])
    return f"Patient {g} {s}, seen in clinic", [(f"{g} {s}", "direct")]


def t_thanks(rng):
    g, s = person(rng)
    return f"Thanks to {g} {s} for the images", [(f"{g} {s}", "indirect")]


def t_id_hash(rng):
    n = str(rng.randint(10000000, 99999999))
    return f"ID# {n}", [(n, "direct")]


def t_age_over(rng):
    age = f"{rng.randint(91, 103)}-year-old"
    return f"{age} woman with a fall", [(age, "indirect")]


IDENTIFIERS = [t_referral, t_pt_upper, t_courtesy, t_dob_dots, t_scanned, t_hosp_no, t_nhs, t_nhs_bare, t_mrn,
               t_name_age, t_comment_colleague, t_email, t_bleep, t_ext, t_surname_comma, t_patient_label_lower,
               t_mr_surname, t_dob_long, t_dob_iso, t_initials_age, t_ward_bed, t_consultant, t_seen_by,
               t_accession, t_phone, t_postcode, t_name_dob_line, t_ct_date_name, t_hosp_number_label,
               t_given_month, t_thanks, t_id_hash]

# -- controls -----------------------------------------------------------------------------------------------

CONTROL_TEXTS = [
    "Crohn's disease: skip lesions and the string sign of Kantor",
    "Hodgkin lymphoma with anterior mediastinal nodes",
    "Salter-Harris II fracture of the distal radius",
    "Colles fracture versus Smith fracture",
    "Wilms tumour in a 4-year-old",
    "Monteggia and Galeazzi fracture-dislocations",
    "Attenuation of 45 Hounsfield units",
    "Baker's cyst communicating with the joint",
    "Fluid in Morison's pouch",
    "Kerley B lines and upper lobe diversion",
    "Rigler sign of pneumoperitoneum",
    "Smith J, et al. Radiology 2019;290:1-10",
    "After Fleischner Society 2017 guidelines",
    "Radiopaedia.org, rID 12345",
    "67-year-old man with haemoptysis",
    "Case 3",
    "Figure 2: axial T2 image",
    "UKRCOG Annual Meeting, 14-15 March 2026",
    "Anterior cruciate ligament tear with bone bruising",
    "Started on rivaroxaban and amoxicillin",
    "NLST and NELSON trials of low-dose CT",
    "Bosniak IIF cyst on follow-up",
    "Virchow's triad and the Wells score",
    "Pancoast tumour eroding the first rib",
    "Hill-Sachs and Bankart lesions",
    "Segond fracture implies ACL injury",
    "Boerhaave syndrome with pneumomediastinum",
    "Lisfranc injury: widened first intermetatarsal space",
    "The Schatzki ring and Zenker diverticulum",
    "Paget's disease of the pelvis",
    "Meckel diverticulum on a Meckel's scan",
    "Chilaiditi sign: colon under the diaphragm",
    "Review with Couinaud segments IV and VIII",
    "Key learning points",
    "Differential diagnosis: Ewing sarcoma, lymphoma, osteomyelitis",
    "BI-RADS 4A; biopsy recommended",
    "Brown-Sequard syndrome after stab injury",
    "Osgood-Schlatter disease and Sinding-Larsen-Johansson",
    "Felson's silhouette sign",
    "Hampton hump and Westermark sign",
]


def control(rng: random.Random, index: int) -> tuple[str, list]:
    return CONTROL_TEXTS[index % len(CONTROL_TEXTS)], []
