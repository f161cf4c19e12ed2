"""Field labels: the words a viewer, form or report prints before an identifier.

A value printed after `Patient's Birth Date:`, under a `Patient ID` column header or beside a
`Referring Physician` caption is an identifier of that kind whatever its form (`NOID`, `testid`,
`4 juil. 1950`, `N.C.C. HIGASHI`), so the label, not the value's shape, decides. Labels come from
two sources, so the list is closed by construction rather than tuned to pictures seen:

- every DICOM attribute whose value identifies a person, a visit or a place (pydicom's data
  dictionary: person names (PN), dates (DA/DT), UIDs (UI), ages (AS), and the ID, number,
  institution, address and telephone attributes that PS3.15 Table E.1-1 de-identifies), under the
  name viewers show (`Patient's Name`, `Institution Name`, `Study Instance UID`);
- the labels people print on overlays, forms and worklists, in the languages viewers ship
  (`DOB`, `MRN`, `Hosp No`, `Acc #`, `Ref. Phys`, `Nom`, `Geb.`, `Date de naissance`).

A *weak* label is also an ordinary word (`Name`, `ID`, `Date`, `Site`): it counts only with a colon
after it or as a column header among other labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from slidesan.scan.identifiers.dicom_attributes import dicom_labels

# A label's category is a finding category of report/model.py; "uid" is a DICOM UID.
_HUMAN = {
    "name": """name; patient; patient name; pt name; pat name; pat; pt; patients name; full name; surname; forename;
        given name; first name; last name; family name; nom; nom du patient; nom patient; nombre; apellidos;
        patientenname; name des patienten; paziente; nome; naam; patient naam; nombre y apellidos; apellido;
        paciente; nombre del paciente; nom prenom; nom et prenom; prenom; vorname; nachname; familienname;
        patientnaam; naam patient; achternaam; voornaam""",
    "patient-id": """id; pid; pat id; pt id; patient id; patient no; patient number; patient nr; patient #;
        subject id; subject; case id; identifier; ipp; patienten id; patient identifier; id patient;
        n patient; no patient; other patient ids; id issuer; id/issuer; id paciente; n paciente; no paciente;
        numero de paciente; patientennummer; patienten nr; pat nr; patnr; patientnr; patientnummer; numero patient;
        n de patient; nip; dni; nie; bsn; nir; n secu; securite sociale; sozialversicherungsnummer;
        versichertennummer; versicherten nr; tarjeta sanitaria""",
    "hospital-number": """mrn; mr no; mr number; mr #; medical record number; medical record no; hosp no;
        hospital no; hospital number; hospital id; unit no; unit number; case no; case number; record no;
        record number; urn; ur no; crn; rxn; k no; fallnummer; dossier; n dossier; nhc; n hc; no hc;
        historia; historia clinica; n historia; no historia; numero de historia; numero de historia clinica;
        dossiernummer; dossiernr; ziekenhuisnummer; zkh nr; fall nr; fallnr; aufnahmenummer; aufnahme nr;
        numero de dossier""",
    "nhs-number": "nhs; nhs no; nhs number; nhs #",
    "chi-number": "chi; chi no; chi number",
    "date-of-birth": """dob; d o b; date of birth; birth date; birthdate; birth; born; born on; geb; geboren;
        geburtsdatum; date de naissance; ne le; nee le; ddn; fecha de nacimiento; f nac; data di nascita;
        geboortedatum; geb dat; gebdat; geb datum; geburtstag; f nacimiento; fecha nac; fec nac; fecha nacimiento;
        nacimiento; date naiss; date de naiss; naissance; geboren op""",
    "date": """date; study date; exam date; scan date; acquisition date; acq date; acq; acquired; series date;
        content date; date of study; date of exam; exam; examined; study date time; date time; study time date;
        datum; fecha; data; untersuchungsdatum; date examen; date d examen; onderzoeksdatum; datum onderzoek;
        fecha estudio; fecha de estudio; fecha del estudio; fecha exploracion; fecha examen; untersuchungstag;
        unters datum; date de l examen; date etude; date de l etude""",
    "accession": """acc; acc no; acc #; accession; accession no; accession nr; accession number; accession #;
        study id; exam id; exam no; request no; request number; ris no; order no; order number; visit no;
        visit number; episode; episode no; n acceso; no acceso; numero de acceso; acceso; n peticion;
        no peticion; numero de peticion; peticion; accessienr; accessienummer; accessie nr; ordernummer;
        aanvraagnummer; aanvraagnr; auftragsnr; auftragsnummer; anforderungsnr; anforderungsnummer;
        untersuchungsnr; untersuchungsnummer; n examen; no examen; numero d examen; n demande;
        numero de demande""",
    "institution": """institution; institution name; hospital; site; centre; center; facility; clinic;
        department; dept; station; station name; issuer; issuer of patient id; etablissement; klinik; hopital;
        centre hospitalier; krankenhaus; klinikum; ziekenhuis; centro; centro hospitalario""",
    "clinician": """referring; referring physician; referring doctor; ref phys; ref dr; ref doc; ref; referrer;
        consultant; physician; radiologist; reported by; reporter; reader; reading physician; operator;
        operators; sonographer; technologist; radiographer; performed by; performing physician; requested by;
        requesting physician; attending; surgeon; annotator; author; verified by; dictated by; signed by;
        reviewer; observer; medecin; arzt; zuweiser; medico; medico solicitante; radiologo; solicitante;
        prescripteur; medecin prescripteur; demandeur; aanvrager; verwijzer; huisarts; radioloog;
        zuweisender arzt; uberweiser; befunder""",
    "age": "age; patient age; patients age; alter; edad; leeftijd",
    "phone": "tel; phone; telephone; mobile; tel no; phone no",
    "address": "address; patient address; patients address; adresse; anschrift",
    "postcode": "postcode; post code; postal code; zip code; code postal; postleitzahl; codigo postal",
    "uid": """uid; study uid; series uid; instance uid; sop instance uid; study instance uid;
        series instance uid""",
}
# Captions of fields that identify nobody: not identifiers themselves, and never the value of the
# caption before them (`Patient Name | Patient Sex`) nor a name in a patient block.
_HARMLESS_CAPTIONS = frozenset(normalised for normalised in (
    "sex", "gender", "patient sex", "patients sex", "modality", "modalities", "description", "study description",
    "series description", "body part", "body part examined", "images", "image", "instances", "series", "study",
    "studies", "status", "comments", "comment", "laterality", "view", "view position", "protocol",
    "protocol name", "report", "lock", "albums", "availability", "size", "type", "image type", "frames",
    "slice", "slice thickness", "position", "orientation", "window", "level", "zoom", "sop class uid",
    "transfer syntax uid", "manufacturer", "model", "model name", "manufacturer model name", "kvp",
    "exposure", "number", "series number", "instance number", "acquisition number", "rows", "columns",
    "tag", "name value", "value", "vr", "keyword", "attribute", "search", "filter"))
# Ordinary words that are labels only with a colon after them or as one header among others.
_WEAK = frozenset("""name patient pat pt id date site station subject data acq exam examined acquired issuer department
    dept centre center hospital clinic facility reader author operator operators observer reviewer age uid
    birth born ref referring physician consultant attending surgeon episode identifier institution nom nome
    naam fecha datum paciente apellido prenom vorname nachname historia nacimiento naissance acceso peticion
    auftrag hopital krankenhaus klinikum ziekenhuis centro medico solicitante demandeur alter edad""".split())

@dataclass(frozen=True)
class Label:
    category: str
    weak: bool
    words: int          # how many words of the line the label took
    misread: bool = False   # known only as nearly a label: its value must show the form of its kind


_OCR_ID = re.compile(r"(?<![A-Za-z])[|1lI!]D\b")      # `|D:`, `1D:`, `lD:`: ID with its I misread


def normalise(text: str) -> str:
    """`Patient's Birth Date:` -> `patient birth date`; `Physician(s) of Record` -> `physician of record`;
    accents folded (`Né le` -> `ne le`); OCR's `|D` is `ID`: one key serves every way a viewer prints it."""
    import unicodedata

    text = _OCR_ID.sub("ID", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("(s)", "").replace("'s", "").replace("\u2019s", "").replace("s'", "s")
    text = re.sub(r"[^a-z0-9#/]+", " ", text)
    return " ".join(text.split())


@lru_cache(maxsize=1)
def table() -> dict[str, Label]:
    """normalised label text -> Label (words = number of words in the key)."""
    out: dict[str, Label] = {}

    def add(key: str, category: str, weak: bool = False) -> None:
        key = normalise(key)
        if key and key not in out:
            out[key] = Label(category, weak or key in _WEAK, len(key.split()))

    for category, keys in _HUMAN.items():
        for key in keys.split(";"):
            add(key, category)
    for name, _keyword, category in dicom_labels():
        add(name, category)
    return out


_MAX_WORDS = 6


def label_at(words: list[str], start: int = 0) -> Label | None:
    """The longest label made of words[start:...], or None. Words keep their punctuation; a colon
    (or `#`) may end the label's last word."""
    known = table()
    best = None
    key = []
    for i in range(start, min(len(words), start + _MAX_WORDS)):
        word = words[i]
        piece = normalise(word.split("/")[0] if "/" in word.strip("/") else word)
        if not piece:
            break
        key.append(piece)
        hit = known.get(" ".join(key))
        if hit is None and len(key) >= 2 and key[-1] in ("name", "names", "id", "date"):
            role = known.get(" ".join(key[:-1]))        # `Reader Name:`, `Annotator Name:`, `Operator ID:`
            if role is not None and role.category in ("clinician", "name"):
                hit = Label(role.category if key[-1].startswith("name") else
                            ("patient-id" if key[-1] == "id" else "date"), False, len(key))
        if hit is not None:
            best = Label(hit.category, hit.weak, i - start + 1)
        if word.rstrip().endswith(":") or ("/" in word.strip("/") and hit is not None):
            break
    return best


def misread_label(words: list[str], start: int = 0, alone: bool = False) -> Label | None:
    """A label OCR damaged by a letter or two (`Gosp Wo:` for `Hosp No:`, `Sumame` for `Surname`),
    known by the colon that ends it, or (`alone`) by standing as a caption on its own: the one to
    three words that are nearly a known label of at least five letters. Otherwise nothing is guessed."""
    from difflib import SequenceMatcher

    for n in (3, 2, 1):
        if start + n > len(words) or not (words[start + n - 1].rstrip().endswith(":") or
                                          (alone and start + n == len(words))):
            continue
        key = normalise(" ".join(words[start:start + n]))
        if len(key.replace(" ", "")) < 5:
            continue
        if alone and not words[start + n - 1].rstrip().endswith(":") and any(_is_word(w) for w in key.split()):
            continue        # `Annotations`, `Angle`: a real word standing alone is that word, not a misread label
        for known, label in table().items():
            if label.words == n and abs(len(known) - len(key)) <= 2 and not label.weak \
                    and SequenceMatcher(None, key, known).ratio() >= (0.75 if alone else 0.7):
                return Label(label.category, False, n, misread=True)
    return None


def _is_word(word: str) -> bool:
    from slidesan.scan.identifiers import lexicon
    from slidesan.scan.identifiers.vocabulary import default_vocabulary
    from slidesan.scan.identifiers.word_knowledge import is_known

    return lexicon.is_ordinary(word) or is_known(word, default_vocabulary())


def ends_with_colon(words: list[str], start: int, label: Label) -> bool:
    last = words[start + label.words - 1]
    if last.rstrip().endswith((":", "=")):
        return True
    nxt = words[start + label.words] if start + label.words < len(words) else ""
    return nxt in (":", "=", "#:", "#")


def is_caption(text: str) -> bool:
    """A label of any field, identifying or not: `Patient ID`, `Sex`, `Study Description`."""
    return bool(is_label_only(text)) or normalise(text).rstrip(" :#") in _HARMLESS_CAPTIONS


def is_label_only(text: str) -> Label | None:
    """The whole text is one label (with or without a colon): a caption or a column header."""
    words = text.split()
    if not words:
        return None
    label = label_at(words)
    if label is None or label.words != len([w for w in words if normalise(w)]):
        return None
    return label
