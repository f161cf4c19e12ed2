"""Made-up patients and the people and places of their care, for red team 19.

Every name, number and address here is invented from word lists at random; the NHS numbers carry
a valid modulus-11 check digit (so a checker that trusts the check digit sees a real-looking one).
`needles` lists what the search looks for in an output: the whole value and its partial forms
(surname alone, digits without spaces, a date written the other usual ways).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# (given, family, romanised for DICOM's single-byte groups) from many cultures; written in Latin
# letters, with accents where the name has them (the ISO_IR 100 and UTF-8 cases use them as is).
NAMES = [("Siobhán", "Ní Bhraonáin"), ("Oluwaseun", "Adebayo-Okafor"), ("Priyanka", "Raghunathan"),
         ("Mateusz", "Wiśniewski"), ("Fatima", "Al-Khatibi"), ("Björn", "Sigurðarson"), ("Thandiwe", "Nkosinathi"),
         ("Aurélie", "Beauchesne"), ("Giancarlo", "Scarpellini"), ("Nguyen", "Thi Huong"), ("Dervla", "McGillycuddy"),
         ("Kwabena", "Asamoah-Gyan"), ("Ingrid", "Fjellstad"), ("Rafael", "Villalobos"), ("Zeynep", "Karaosmanoğlu"),
         ("Tamsin", "Pendergrast"), ("Anahera", "Whakaruru"), ("Dmitri", "Kuznetsova"), ("Esperanza", "Quintanilla"),
         ("Oisín", "Mac Giolla Phádraig"), ("Leilani", "Kahananui"), ("Bartholomew", "Featherstonehaugh")]
CLINICIANS = [("Imogen", "Castellano"), ("Rupert", "Blenkinsop"), ("Adaeze", "Nwachukwu"), ("Henrik", "Lindqvist"),
              ("Marguerite", "Vandenbroucke"), ("Sanjay", "Ramakrishnan"), ("Olwen", "Trevithick"),
              ("Yusuf", "Abdirahman"), ("Cordelia", "Huxtable"), ("Tobias", "Wetherell")]
# Japanese and Korean patients: (alphabetic, ideographic, phonetic) groups of a PN.
JAPANESE = [("Yamada^Taro", "山田^太郎", "やまだ^たろう", "Yamada"), ("Kobayashi^Haruka", "小林^遥", "こばやし^はるか", "Kobayashi")]
KOREAN = [("Hong^Gildong", "洪^吉洞", "홍^길동", "Hong"), ("Baek^Seoyeon", "白^瑞妍", "백^서연", "Baek")]
STREETS = ["Larkfield Road", "Quarrington Lane", "Ashvale Crescent", "Tollgate Mews", "Fenwick Terrace",
           "Harebell Close", "Marlpit Avenue", "Coldharbour Row"]
TOWNS = [("Bristol", "BS6 7QT"), ("Leeds", "LS8 2RX"), ("Norwich", "NR3 1JU"), ("Exeter", "EX4 6PB"),
         ("Dundee", "DD2 4LF"), ("Swansea", "SA2 9HN")]
PLACES = ["St Aldhelm's General Hospital", "Wrexford Royal Infirmary", "Pemberly Vale NHS Trust",
          "Hollinsgate University Hospital", "Carrowmore Community Hospital", "Saint Ebba's Clinic"]
PLACE_WORDS = {p: w for p, w in zip(PLACES, ["Aldhelm", "Wrexford", "Pemberly", "Hollinsgate", "Carrowmore", "Ebba"])}


def nhs_number(rng: random.Random) -> str:
    """Ten digits whose last is the modulus-11 check digit of the first nine (never 10)."""
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        digits[0] = rng.randint(4, 9)
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1))) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return "".join(map(str, digits + [check]))


def hospital_number(rng: random.Random) -> str:
    """Local record numbers in the shapes hospitals use."""
    forms = [lambda: f"RX{rng.choice('HKLM')}{rng.randint(1000000, 9999999)}",
             lambda: f"{rng.choice('ABKMT')}{rng.randint(100000, 999999)}",
             lambda: f"H{rng.randint(2005, 2023)}-{rng.randint(1000, 99999):05d}",
             lambda: f"{rng.randint(10, 99)}{rng.choice('QWXZ')}{rng.randint(10000, 99999)}"]
    return forms[rng.randrange(len(forms))]()


@dataclass
class Patient:
    given: str
    family: str
    nhs: str
    mrn: str
    birth: str                  # YYYYMMDD
    street: str
    town: str
    postcode: str
    referrer: tuple
    consultant: tuple
    institution: str
    accession: str
    extra: dict = field(default_factory=dict)
    bare: bool = False          # the header names no one: only the content identifies

    @property
    def pn(self) -> str:
        return f"{self.family}^{self.given}"

    @property
    def nhs_spaced(self) -> str:
        return f"{self.nhs[:3]} {self.nhs[3:6]} {self.nhs[6:]}"

    @property
    def birth_human(self) -> str:
        return f"{self.birth[6:]}/{self.birth[4:6]}/{self.birth[:4]}"

    @property
    def address(self) -> str:
        return f"{self.street}, {self.town} {self.postcode}"

    def doctor(self, which: str = "referrer") -> str:
        given, family = getattr(self, which)
        return f"Dr {given} {family}"

    def doctor_pn(self, which: str = "referrer") -> str:
        given, family = getattr(self, which)
        return f"{family}^{given}"

    def sentence(self, rng: random.Random) -> str:
        """Report prose naming the patient in one of several ways."""
        forms = [f"{self.given} {self.family}, NHS {self.nhs_spaced}, seen for follow-up.",
                 f"Patient {self.family.upper()}, {self.given} (MRN {self.mrn}) DOB {self.birth_human}.",
                 f"Compared with prior study of {self.given} {self.family} at {self.institution}.",
                 f"Referred by {self.doctor()} for {self.given} {self.family}, lives at {self.address}.",
                 f"Hospital no. {self.mrn}; NHS no. {self.nhs}; discussed with {self.doctor('consultant')}.",
                 f"{self.given.lower()} {self.family.lower()} attended with her daughter.",
                 f"{self.family.upper()}, {self.given} born {self.birth_words}.",
                 f"Discussed with {self.consultant[0]} {self.consultant[1]} at the MDT; ref {self.mrn}/{self.nhs}.",
                 f"Mr {self.family} (d.o.b. {self.birth[:4]}-{self.birth[4:6]}-{self.birth[6:]}) from {self.town}."]
        return rng.choice(forms) + " " + rng.choice(forms)

    @property
    def birth_words(self) -> str:
        months = "January February March April May June July August September October November December".split()
        return f"{int(self.birth[6:])} {months[int(self.birth[4:6]) - 1]} {self.birth[:4]}"


def make_patient(rng: random.Random, index: int) -> Patient:
    given, family = NAMES[index % len(NAMES)]
    year, month, day = rng.randint(1931, 2015), rng.randint(1, 12), rng.randint(1, 28)
    town, postcode = rng.choice(TOWNS)
    return Patient(given, family, nhs_number(rng), hospital_number(rng), f"{year}{month:02d}{day:02d}",
                   f"{rng.randint(2, 188)} {rng.choice(STREETS)}", town, postcode, rng.choice(CLINICIANS),
                   rng.choice(CLINICIANS), rng.choice(PLACES), f"ACC{rng.randint(10**6, 10**7 - 1)}")


def needles(p: Patient) -> dict[str, str]:
    """What must not be in an output: label -> text (compared case-insensitively)."""
    out = {"name": f"{p.given} {p.family}", "pn": p.pn, "surname": p.family, "nhs": p.nhs,
           "nhs-spaced": p.nhs_spaced, "mrn": p.mrn, "birth": p.birth, "birth-human": p.birth_human,
           "street": p.street, "postcode": p.postcode, "referrer": p.referrer[1], "consultant": p.consultant[1],
           "institution": PLACE_WORDS[p.institution], "accession": p.accession}
    out["birth-words"], out["birth-iso"] = p.birth_words, f"{p.birth[:4]}-{p.birth[4:6]}-{p.birth[6:]}"
    out["mrn-digits"] = "".join(ch for ch in p.mrn if ch.isdigit())
    for key, value in p.extra.items():
        out[key] = value
    return out
