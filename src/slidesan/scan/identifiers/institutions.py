"""Hospitals, trusts, clinics and health boards: an indirect identifier that narrows a patient down.

Institutions are recognised by their head word (Hospital, Infirmary, NHS Trust, Clinic, Medical
Centre, Med Ctr, Medical Imaging, Health Board ...; in capitals also a city's PET/CT) plus the capitalised
words before it ("Leeds General Infirmary") or an
"of/for" tail after it ("University Hospital of Wales"). Overlay text is often truncated
("CCHS CLEVELAN..."): an uppercase run cut by an ellipsis that carries a health-system acronym or
the start of a head word is taken as an institution too. User-configured institutions match
anywhere, case-insensitively.
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.text_view import TextView, hints
from slidesan.scan.identifiers.word_knowledge import is_allow_listed, is_known

_HEAD = (r"(?:University\s+Hospitals?|Teaching\s+Hospitals?|Children'?s\s+Hospital|Hospitals?|Infirmary|"
         r"NHS\s+(?:Foundation\s+)?Trust|Foundation\s+Trust|Health\s*(?:care)?\s+(?:Board|Trust|System|Service)|"
         r"Medical\s+C\s?ent(?:re|er)|Med(?:ical)?\.?\s+Ctr\.?|Medical\s+Imaging|Imaging\s+(?:Group|Services|Associates|Partners)|"
         r"Health\s+Cent(?:re|er)|Cancer\s+Cent(?:re|er)|Imaging\s+Cent(?:re|er)|"
         r"Diagnostic\s+Cent(?:re|er)|Clinic|Klinik(?:um)?|Polyclinic|Hospice|Sanatorium|"
         r"Medical\s+School|Medical\s+College|Radiology\s+(?:Group|Associates|Department)|Cent(?:re|er)\s+Hospitalier|"
         r"Krankenhaus|Ospedale|Hôpital|Hopital|Hospital)")
# Title-case words or short acronyms ("UCL Hospitals"); a long all-capitals word before a Title-case head
# is more often the patient's name on the same overlay line ("VAN DER BERG TOMASZ Ambridge Medical Centre").
_NAME_WORD = r"(?:St\.?|Saint|Royal|[A-Z][a-z'\u2019][\w'\-&.]*|[A-Z]{2,4}\b|[A-Z]\.?)"
_CONNECT = r"(?:\s+(?:of|for|and|&|the|de|du|la|le)\b)?"
_TAIL = r"(?:\s+(?:of|for|at|in)\s+(?:the\s+)?[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*){0,3})?"

_TITLE_CASE = re.compile(
    rf"(?<![\w'])(?:{_NAME_WORD}{_CONNECT}\s+){{0,5}}{_HEAD}{_TAIL}(?:\s+(?:NHS\s+)?(?:Foundation\s+)?Trust)?(?![\w'])")
_UPPER_CASE = re.compile(
    rf"(?<![\w'])(?:[A-Z][A-Z'\-&.]*[:;,]?\s+){{0,5}}(?:HOSPITALS?|INFIRMARY|NHS\s+(?:FOUNDATION\s+)?TRUST|CLINIC|"
    rf"MEDICAL\s+CENT(?:RE|ER)|MED(?:ICAL)?\.?\s+CTR\.?|MEDICAL\s+IMAGING|IMAGING\s+CENT(?:RE|ER)|PET[/\-]CT|"
    rf"HEALTH\s+(?:BOARD|SYSTEM|CENTRE|CENTER)|UNIVERSITY\s+HOSPITALS?)(?:\s+[A-Z][A-Z'\-]*){{0,3}}(?![\w'])")
# `DUNMORE COMMUNITY HOSP`, `ST MARY'S GEN HOSP`: an overlay's site line cut to the abbreviation, after at
# least one word of its own (`HOSP NO` is the number's label, not a site)
_UPPER_ABBREVIATED = re.compile(r"(?<![\w'])(?:[A-Z][A-Z'\-&.]*\s+){1,4}HOSP\.?(?![\w'])(?!\s*(?:NO|NUMBER|NUM|ID|#)\b)")
# A city's scanner puts the place before PET/CT; known words only after it are the examination's
# extent (`PET-CT SKULL BASE TO THIGH`, `PET/CT WHOLE BODY`), a study description (`PET-CT LEEDS` stays).
_STUDY_EXTENT = re.compile(r"PET[/\-]CT\s")


def _study_extent(view: TextView, text: str) -> bool:
    if not _STUDY_EXTENT.match(text):
        return False
    words = re.findall(r"[^\W\d_]+", text[6:])
    return all(is_known(w, view.vocabulary) or is_allow_listed(w, view.vocabulary) for w in words)
_TRUNCATED = re.compile(r"(?<![\w'])(?P<run>[A-Z][A-Z'\-&]+(?:\s+[A-Z][A-Z'\-&]*){0,5})\s?(?:\.{2,}|…)")
_HEALTH_ACRONYM = re.compile(r"^(?:[A-Z]{1,4}HS|NHS|UH[A-Z]?|[A-Z]{2,4}FT|[A-Z]{1,3}HB|[A-Z]{2,4}UH|HOSP|HSP|MC|UHS|UHB|UHL|UHW|CCF)$")
_HEAD_PREFIXES = ("HOSP", "INFIRM", "CLINI", "MEDICAL", "CENTR", "CENTE", "HEALTH", "TRUST", "UNIVERS", "INFIR")
# Languages that put the head first and the place after it: `Centre Hospitalier de Tarrow Vale`,
# `Centre d'Imagerie Carrow`, `Klinikum Wrenfield`, `Hôpital Saint-Louis`, `Clinique du Parc`, and a
# city's scanner: `Lindholt PET/CT`.
_HEAD_FIRST = re.compile(
    r"(?<![\w'])(?:Cent(?:re|er|ro)\s+(?:Hospitalier(?:\s+Universitaire)?|d['\s]Imagerie(?:\s+M[ée]dicale)?|M[ée]dical|M[ée]dico|Diagn[óo]stico|"
    r"de\s+Radiologie|Radiologique)|Klinikum|Universit(?:ä|ae)tsklinikum|Krankenhaus|H[ôo]pital|Clinique|Cl[íi]nica|"
    r"Ospedale|Policlinico|Hospital\s+(?:Universit[aá]rio|General|de|da|das|do|dos|del)|Institut|"
    r"CH[RU]{0,2}(?=\s+d)|Uniklinik(?:um)?|Universit(?:ä|ae)tsspital|Kantonsspital|Spital|Szpital|Ziekenhuis|"
    r"Hospital(?=\s+[A-Z]))"
    r"(?:\s+(?:de\s+la|de|du|des|di|del|della|der|da|das|do|dos|am|an\s+der|im|d')?\s*[A-Z][\w'\-]+){1,3}(?![\w'])")
# One word that is a hospital in the languages that build compounds, with the capitalised place
# words next to it: `Rigshospitalet`, `Karolinska Universitetssjukhuset`, `Haukeland universitetssjukehus`,
# `Ankara Şehir Hastanesi`, `Academisch Ziekenhuis Maastricht`.
_COMPOUND_HEAD = re.compile(
    r"(?:(?<![\w'])[A-Z\u00C0-\u017F][\w'\-]+\s+){0,2}(?:[a-z\u00DF-\u017F][\w'\-]{3,}\s+)?(?<![\w'])(?P<prefix>[\w\-]*?)(?P<kind>(?i:hospitalet|sjukhuset|sjukhus|"
    r"sykehuset|sykehus|sjukehus|sygehus|sairaala|ziekenhuis|krankenhaus|kliniken|hastanesi|nemocnice|bolnica|kórház|"
    r"korhaz))(?![\w'])"
    r"(?:\s+[A-Z\u00C0-\u017F][\w'\-]+){0,2}")
_COMPOUND_HINT = re.compile(r"hospitalet|sjukhus|sykehus|sjukehus|sygehus|sairaala|ziekenhuis|krankenhaus|kliniken|"
                            r"hastanesi|nemocnice|bolnica|kórház|korhaz")
_GENERIC_PREFIXES = ("univ", "kreis", "stadt", "land", "läns", "lans", "central", "region", "kantons", "allgemein",
                     "akadem", "academ", "dist", "county")
_CITY_SCANNER = re.compile(r"(?<![\w'])[A-Z][a-z][\w'\-]+(?:\s+[A-Z][a-z][\w'\-]+)?\s+(?:PET[/\-]CT|PET[/\-]MR|MRI|Imaging)(?![\w'])")
_HEAD_WORDS = frozenset("""centre center centro hospitalier universitaire imagerie d'imagerie medicale médicale
    medical médical médico medico diagnóstico diagnostico de la du des di del della der am an im radiologie radiologique klinikum universitätsklinikum
    universitaetsklinikum krankenhaus hôpital hopital clinique clínica clinica ospedale policlinico hospital
    universitario universitário general institut pet ct mr mri imaging da das do dos chu chr chru ch uniklinik
    uniklinikum universitätsspital universitaetsspital kantonsspital spital szpital ziekenhuis""".split())
_SAINT = re.compile(r"(?<![\w'])(?:St\.?|Saint)\s+(?P<n>[A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+)?)(?!\w)")
# `the Royal Free`, `Royal Marsden`, `the Royal London`: British hospitals known by Royal and a name alone;
# not the colleges, societies and services that are Royal too
_ROYAL = re.compile(r"(?<![\w'])Royal\s+(?P<n>[A-Z][a-z'\-]+(?:\s+(?:and\s+)?[A-Z][a-z'\-]+){0,2})(?!\w)")
_ROYAL_BODIES = frozenset("college colleges society academy institution institute mail navy air marines family charter "
                          "mint opera ballet commission albert statistical pharmaceutical television shakespeare "
                          "botanic botanical horticultural geographical philharmonic household warrant highness "
                          "assent decree".split())
_GENERIC_HEAD = re.compile(r"(?:(?:Hospitals?|NHS)(?:\s+(?:NHS\s+)?(?:Foundation\s+)?Trust)?|Clinic|Hospice|Klinik|Klinikum|"
                           r"Polyclinic|Foundation\s+Trust|Krankenhaus|Ospedale|H[ôo]pital)", re.IGNORECASE)


_LEAD_WORDS = {"the", "a", "an", "at", "in", "from", "to", "of", "and", "seen", "by", "with", "courtesy", "via"}


def _trim_leading(view: TextView, start: int, end: int) -> int:
    """Drop leading words that are slide furniture or imaging vocabulary ('The', 'Case', 'Seen'),
    keeping place words such as 'Great' in 'Great Ormond Street Hospital'."""
    pos = start
    for word in re.finditer(r"\S+", view.norm[start:end]):
        token = word.group(0).strip(",;:")
        head = re.match(_HEAD, view.norm[start + word.start():end])
        if head or token in ("St", "St.", "Saint", "Royal", "NHS") or not (
                token.lower() in _LEAD_WORDS or is_allow_listed(token, view.vocabulary)):
            return start + word.start()
        pos = start + word.end()
    return pos


_HEAD_HINTS = hints("hospital", "infirmary", "trust", "clinic", "klinik", "centre", "center", "health", "hospice",
                    "sanatorium", "medical", "radiology", "krankenhaus", "ospedale", "hôpital", "hopital", "ctr",
                    "imaging", "pet/ct", "pet-ct", "hosp")


_INSTITUTION_LEADS = ("ST", "ST.", "SAINT", "ROYAL", "UNIVERSITY", "GENERAL", "DISTRICT", "COUNTY", "CITY")
_HEAD_WORDS = ("HOSPITAL", "INFIRMARY", "CLINIC", "MEDICAL", "CENTRE", "CENTER", "HEALTH", "TRUST", "UNIVERSITY",
               "GENERAL", "ROYAL", "DISTRICT", "FOUNDATION", "TEACHING", "CHILDREN'S")


def _truncated_run(view: TextView, words: list[str]) -> tuple[str | None, float]:
    """An uppercase field cut off by the overlay ("CCHS CLEVELAN...", "SWANSEA GEN...", "ZZZ TEST PAT...").

    Institution when it carries a health-system acronym or a (cut) institution word; otherwise a
    name-or-place field when any word is not ordinary vocabulary; otherwise nothing."""
    last = words[-1]
    if (any(_HEALTH_ACRONYM.match(w) or w in _INSTITUTION_LEADS or w.startswith(_HEAD_PREFIXES) for w in words)
            or (len(last) >= 2 and any(head.startswith(last) for head in _HEAD_WORDS))):
        return "institution", 0.75
    if any(not is_known(w, view.vocabulary) for w in words if len(w) >= 2) or not is_known(last, view.vocabulary):
        return ("name", 0.6) if view.source != "text" else (None, 0.0)
    return None, 0.0


# Where a doctor works, written right after them: `Dr A. Patel (Derriford)`, `courtesy of Dr Sarah Khan,
# Addenbrooke's`, `Prof Lee, Frimley Park`. No head word says hospital; the place says who referred the patient.
_AFTER_DOCTOR = re.compile(
    r"(?<![\w'])(?:Dr|Doctor|Prof|Professor)\.?\s+(?:[A-Z]\.?\s?){0,2}[A-Z][\w'\u2019\-]+(?:\s[A-Z][\w'\u2019\-]+)?"
    r"(?:\s*,\s*|\s+\(\s*)(?P<place>(?:St\.?\s|Saint\s)?[A-Z][a-z][\w'\u2019\-]*(?:\s[A-Z][a-z][\w'\u2019\-]*){0,2})"
    r"(?=\s*(?:[),;]|$|\s(?:on|in|at|from)\b))")


def _workplace(view: TextView) -> list[Match]:
    """The place after a doctor, when a word of it is no ordinary word (a place name, `Addenbrooke's`) or it
    is a saint's: `Consultant Radiologist` after a doctor is their post, not their hospital."""
    found = []
    for m in (_AFTER_DOCTOR.finditer(view.norm) if ("Dr" in view.norm or "Prof" in view.norm) else ()):
        place = m.group("place")
        words = re.findall(r"[^\W\d_][\w\-]*", place)
        if place.startswith(("St", "Saint")) or any(
                not is_known(w, view.vocabulary) and not is_allow_listed(w, view.vocabulary) for w in words):
            found.append(view.match("institution", m.start("place"), m.end("place"), 0.8))
    return found


_PREVIOUS_TOKEN = re.compile(r"([^\s]+)(\s+)$")


def _extend_over_misread(view: TextView, start: int) -> int:
    """OCR often garbles the first word of a name ("imb ridge Medical Centre" for Ambridge):
    take in up to two unknown tokens just before the institution on the same line."""
    for _ in range(2):
        m = _PREVIOUS_TOKEN.search(view.norm, max(0, start - 30), start)
        if not m or "\n" in m.group(2):
            break
        token = m.group(1).strip("\u2018\u2019'`\"")
        if not token.isalpha() or is_known(token, view.vocabulary) or (token.isupper() and len(token) > 3):
            break  # a whole capitalised word before the institution is more likely the patient's name
        start = m.start(1)
    return start


def detect(view: TextView) -> list[Match]:
    found = []
    text = view.norm
    heads = (_TITLE_CASE, _UPPER_CASE, _UPPER_ABBREVIATED) if view.has_any(_HEAD_HINTS) else ()
    for pattern in heads:
        for m in pattern.finditer(text):
            if pattern is _UPPER_CASE and _study_extent(view, m.group(0)):
                continue
            start = _trim_leading(view, m.start(), m.end())
            if start < m.end() and not _GENERIC_HEAD.fullmatch(text[start:m.end()]):
                if view.ocr:
                    start = _extend_over_misread(view, start)
                found.append(view.match("institution", start, m.end(), 0.9))
    for pattern in (_HEAD_FIRST, _CITY_SCANNER):
        for m in pattern.finditer(text):
            place = [w for w in re.findall(r"[^\W\d_][\w'\-]+", m.group(0)) if w.lower() not in _HEAD_WORDS]
            if any(not is_known(w, view.vocabulary) for w in place):
                found.append(view.match("institution", m.start(), m.end(), 0.92))
    for m in (_COMPOUND_HEAD.finditer(text) if _COMPOUND_HINT.search(view.lower) else ()):
        others = (text[m.start():m.start("prefix")] + text[m.end("kind"):m.end()]).split()
        prefix = m.group("prefix").lower()
        if any(w[0].isupper() for w in others) or (len(prefix) >= 3 and not prefix.startswith(_GENERIC_PREFIXES)):
            found.append(view.match("institution", m.start(), m.end(), 0.9))     # not `Krankenhaus` alone
    for m in (_TRUNCATED.finditer(text) if (".." in text or "\u2026" in text) else ()):
        category, confidence = _truncated_run(view, m.group("run").split())
        if category:
            found.append(view.match(category, m.start(), m.end(), confidence))
    for m in (_ROYAL.finditer(text) if "Royal" in text else ()):
        if m.group("n").split()[0].lower() not in _ROYAL_BODIES:
            found.append(view.match("institution", m.start(), m.end(), 0.8))
    for m in (_SAINT.finditer(text) if ("St" in text or "Saint" in text) else ()):
        found.append(view.match("institution", m.start(), m.end(), 0.6))
    found += _workplace(view)
    low = text.lower()
    for phrase in (p for p in view.vocabulary.institutions if p in low):
        for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", low):
            found.append(view.match("institution", m.start(), m.end(), 0.95))
    return found
