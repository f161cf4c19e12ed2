"""Made-up patients for red team 18: a sentence naming one, the strings that must not survive, and
innocent teaching sentences for the clean twins.

Every person, number and date here is drawn at random from the lists below; none is real. Keys are the
strings `run.py` searches the written bytes for: the surname, the hospital number and the birth date.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

FIRST = ["Ansel", "Brigid", "Cormac", "Delphine", "Evander", "Fenella", "Gideon", "Honora", "Isolde", "Jasper",
         "Keturah", "Lorcan", "Mirabel", "Niall", "Ottilie", "Peregrine", "Rosalind", "Solomon", "Tamsin",
         "Ulrich", "Verity", "Wilfred", "Ximena", "Yusuf", "Zillah"]
SURNAMES = ["Thistlewood", "Ravenscroft", "Penhaligon", "Featherstonhaugh", "Kilbride", "Ashdown", "Moorcroft",
            "Brackenbury", "Halloran", "Quarrington", "Wetherall", "Okonkwo", "Lindqvist", "Marchbanks",
            "Strachan", "Tregarthen", "Vosper", "Abernethy", "Cheesewright", "Dunsford", "Elphinstone",
            "Gathercole", "Hebblethwaite", "Inchbald", "Jowett", "Kettlewell"]
INSTITUTIONS = ["St Aldhelm's Hospital", "Northbrook General Hospital", "Royal Fenwick Infirmary",
                "Kingsmere University Hospital", "Harrowgate Community Hospital"]
TEACHING = ["Axial CT shows a 2 cm enhancing lesion in segment VI", "Coronal T2: high signal in the left hippocampus",
            "Chest radiograph: right lower lobe consolidation", "Differential: abscess, metastasis, haemangioma",
            "Follow-up MRI at six months showed resolution", "Key learning point: look at the review areas",
            "Sagittal STIR: marrow oedema at L3", "Ultrasound: 8 mm gallbladder polyp, no vascularity"]


@dataclass
class Person:
    first: str
    surname: str
    number: str
    birth: str
    institution: str

    def sentence(self, rng: random.Random) -> str:
        forms = [f"Patient: {self.surname}, {self.first}  Hosp No {self.number}  DOB {self.birth}",
                 f"{self.first} {self.surname} ({self.number}) born {self.birth}, {self.institution}",
                 f"Mrs {self.first} {self.surname}, MRN {self.number}, DOB {self.birth}",
                 f"{self.surname.upper()}^{self.first.upper()}  ID {self.number}  {self.birth}"]
        return rng.choice(forms)

    def keys(self) -> list[str]:
        return [self.surname, self.number, self.birth]


def person(rng: random.Random) -> Person:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1931, 1999)
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(rng.choice((1, 2))))
    number = letters + "".join(rng.choice("0123456789") for _ in range(7))
    return Person(rng.choice(FIRST), rng.choice(SURNAMES), number, f"{day:02d}/{month:02d}/{year}",
                  rng.choice(INSTITUTIONS))


def teaching(rng: random.Random) -> str:
    return rng.choice(TEACHING)
