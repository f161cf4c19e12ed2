"""Red team 19 cases: reports written in other character sets.

ISO_IR 100 (Latin-1 accents), ISO_IR 192 (UTF-8), ISO 2022 IR 87 (Japanese: a PN with alphabetic,
ideographic and phonetic groups) and ISO 2022 IR 149 (Korean). The needles include the name in
each script, so an output that keeps 山田 or 홍길동 while dropping the romanised name is a leak.
"""

from __future__ import annotations

from objects import base, concept, item, pick, sr_document
from people import JAPANESE, KOREAN


def _report(ds, p, ident, rng, text: str, person: str):
    children = [item("TEXT", "CONTAINS", concept("121071", "Finding"), TextValue=pick(ident, text, "Normal."))]
    if ident:
        children.append(item("PNAME", "HAS OBS CONTEXT", concept("121008", "Person Observer Name"),
                             PersonName=person))
    sr_document(ds, concept("18748-4", "Diagnostic imaging report", "LN"), children)
    return ds


def latin1(p, ident, rng):
    ds = base("comprehensive-sr", p, ident, rng, "ISO_IR 100")
    _report(ds, p, ident, rng, f"Patientin {p.given} {p.family}, née le {p.birth_human}, adresse {p.address}.",
            p.doctor_pn())
    return ds, {}, {}


def utf8(p, ident, rng):
    ds = base("comprehensive-sr", p, ident, rng, "ISO_IR 192")
    _report(ds, p, ident, rng, f"Pacjent {p.given} {p.family} (Zeynep Karaosmanoğlu krewna), NHS {p.nhs}.",
            p.doctor_pn())
    return ds, {}, {"utf8-relative": "Karaosmanoğlu"}


def _ideographic(p, ident, rng, charset: str, names):
    alphabetic, ideographic, phonetic, roman = names
    ds = base("comprehensive-sr", p, ident, rng, ["", charset])
    if ident and not p.bare:
        ds.PatientName = f"{alphabetic}={ideographic}={phonetic}"
    whole = ideographic.replace("^", "")
    _report(ds, p, ident, rng, f"{whole} ({roman}) {p.mrn}", f"{alphabetic}={ideographic}={phonetic}")
    return ds, {}, {"roman": roman, "ideographic": whole, "ideographic-family": ideographic.split("^")[0],
                    "phonetic-family": phonetic.split("^")[0]}


def japanese(p, ident, rng):
    return _ideographic(p, ident, rng, "ISO 2022 IR 87", JAPANESE[rng.randrange(len(JAPANESE))])


def korean(p, ident, rng):
    return _ideographic(p, ident, rng, "ISO 2022 IR 149", KOREAN[rng.randrange(len(KOREAN))])


CASES = {"charset-latin1": latin1, "charset-utf8": utf8, "charset-jp-ir87": japanese, "charset-kr-ir149": korean}
