"""Labels that introduce a person on a form, an overlay or a slide, in the languages of European viewers
and forms: `Name:`, `Nom:`/`Prénom:`, `Vorname:`, `Cognome:`, `Naam:`; `Referring:`, `Médecin traitant:`,
`Zuweiser:`. names.py reads the value after them; here is only which labels there are and where they are.
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers.text_view import hints

_WORD = r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'\u2019\-]*"

# Labels whose value can only be a name (so even ordinary words after them are taken as one).
NAME_LABELS = {"patientname", "ptname", "patname", "surname", "forename", "name", "givenname", "firstname",
               "lastname", "familyname", "nom", "nombre", "prénom", "prenom", "vorname", "nachname", "familienname",
               "patientenname", "apellido", "apellidos", "cognome", "nome", "naam", "voornaam", "achternaam",
               "nazwisko", "imię", "imie", "nama", "pasien"}
# The next field's label ends a name's value: `Nom: DUPONT Prénom: Marie`, `Name: SMITH DOB: ...`
NEXT_LABEL = frozenset(NAME_LABELS | {"dob", "sex", "age", "id", "mrn", "nhs", "born", "birth", "geb", "né", "née",
                                         "date", "sexe", "geschlecht", "sexo", "ipp"})
LABEL = re.compile(
    r"(?<![\w])(?:(?P<clin>Referring(?:\s+(?:Physician|Phys|Doctor|Dr|Clinician|Consultant))?|Ref\.?\s*(?:Phys|Dr|Doc)\.?|"
    r"Referrer|Consultant|Physician|Radiologist|Reported\s+by|Reporter|Verified\s+by|Authori[sz]ed\s+by|Operator|"
    r"Sonographer|Performed\s+by|Requested\s+by|Requesting(?:\s+Clinician)?|Attending|Surgeon|Technologist|"
    r"Radiographer|GP|Clinician|Dictated\s+by|(?:M[ée]decin(?:\s+(?:traitant|prescripteur|demandeur))?|"
    r"M[ée]dico(?:\s+(?:solicitante|remitente))?|Zuweiser|[ÜU]berweiser|Arzt|[ÄA]rztin|Prescripteur|Radiologue|"
    r"Radi[óo]logo|Manipulateur|Verwijzer)(?=\s*:))"      # in other languages only before a colon (`Centro Médico X`)
    r"|(?P<pat>Patient\s*Name|Pt\.?\s*Name|Pat\.?\s*Name|Name|Patient|Pt|Surname|Forename|Given\s+Name|"
    r"First\s+Name|Last\s+Name|Family\s+Name|Nom|Nombre|Pr[ée]nom|Vorname|Nachname|Familienname|Patientenname|"
    r"Apellidos?|Cognome|Nome|Naam|Voornaam|Achternaam|Paciente|Pati[ëe]nte?|Nazwisko|Imi[ęe]|Nama(?:\s+Pasien)?|Pasien))"
    rf"\s*(?P<colon>[:=\-]|\s)\s*(?P<n>{_WORD}(?:(?:[ ,^]|, )\s?{_WORD}){{0,3}})",
    re.IGNORECASE)
LABEL_HINTS = hints("refer", "ref", "consult", "physician", "radiolog", "report", "verified", "authori", "operator",
                    "sonographer", "performed", "request", "attending", "surgeon", "technolog", "radiographer", "gp",
                    "clinician", "dictated", "name", "patient", "pt", "surname", "forename", "nom", "apellid", "nome", "naam",
                    "nazwisk", "imi", "nama", "pasien", "pacient", "patiënt", "decin", "dico", "weiser", "arzt", "ärzt", "prescri", "radiólog",
                    "manipul", "verwijz")


# A DICOM value representation and the colon pydicom prints after it (`Station Name  SH: 'CT01'`): the
# VR, not a name (dicom_attributes.py reads the value after it).
VR_THEN_COLON = re.compile(r"\s*(?:AE|AS|AT|CS|DA|DS|DT|FD|FL|IS|LO|LT|OB|OD|OF|OL|OV|OW|PN|SH|SL|SQ|SS|ST|SV|TM|UC|"
                           r"UI|UL|UN|UR|US|UT|UV)\s*:")


def labels_in(text: str):
    """Every label and its value; a value that runs into the next label (`Nom: DUPONT Prénom: Marie`)
    gives that label back to the search, so its own value is read too."""
    pos = 0
    while (m := LABEL.search(text, pos)) is not None:
        yield m
        nxt = LABEL.search(text, m.start("n"))
        pos = nxt.start() if nxt is not None and nxt.start() < m.end() else m.end()
        pos = max(pos, m.start("n"))


def name_label(m: re.Match) -> bool:
    """`Name:`, `Surname:`: labels whose value can only be a name (not `Patient:`)."""
    return bool(m.group("pat")) and m.group("pat").lower().replace(" ", "").replace(".", "") in NAME_LABELS
