"""Person names and clinician names.

Structure first, vocabulary second: DICOM SURNAME^GIVEN (OCR reads ^ as * or ~), "SURNAME, Given",
titles (Mr, Mrs, Dr, Prof ...), labels (Name:, Patient:, Referring:), PACS lines where an uppercase
pair is followed by a sex marker, date or age ("DAVIDSON DOUGLAS [M] 01.09.2012"), and test-patient
names (ZZZ...). Beyond structure, a run of capitalised words that contains a word which is neither
imaging vocabulary nor common English is taken as a name: that is how rare and non-English
surnames are caught without a list of known names. Clinicians (Dr, Consultant:, Referring ...) get
category "clinician".
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers import given_pairs
from slidesan.scan.identifiers.labelled_names import emptied
from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.name_labels import (LABEL_HINTS, NAME_LABELS, NEXT_LABEL, VR_THEN_COLON, labels_in,
                                                    name_label)
from slidesan.scan.identifiers.text_view import TextView
from slidesan.scan.identifiers.word_knowledge import (is_allow_listed, is_function_word, is_given_name, is_known,
                                                      is_surname_like, is_user_name, is_word_form, name_like,
                                                      name_or_given, signed_as_software, case_noise, captions_only)

_L = r"A-Za-z\u00C0-\u024F"
_WORD = rf"[{_L}][{_L}'\u2019\-]*"
_CAP = rf"[A-Z\u00C0-\u00DE][{_L}'\u2019\-]*"
_UP = r"[A-Z\u00C0-\u00DE][A-Z\u00C0-\u00DE'\u2019\-]+"

_CARET = re.compile(rf"(?<![\w^*~])(?P<a>{_WORD}(?: {_WORD})?)\^(?P<b>{_WORD}(?: {_WORD})?)?(?:\^[{_L}.' \-]*)*")
# OCR reads the caret as * ~ / or a quote mark: "KAUFMAN*SCOTT", "ELLINGHAM/SIOBHAN", "MACLEOD‘WEI".
_CARET_OCR = re.compile(
    rf"(?<![\w*~/])(?P<a>{_UP})(?:\s?[*~]\s?|[/\u2018\u2019\u201c\u201d`\"°]|[*~][\u2018\u2019\u201c\u201d'`]|(?<=[A-Z]{{3}})4(?=[A-Z]{{3}}))"
    rf"(?P<b>{_UP})(?![\w])")
# OCR drops or letters the caret: "ELLINGHAMASIOBHAN" is one long unknown capitalised token.
_LONG_UPPER = re.compile(r"(?<![\w'])[A-Z]{9,}(?![\w'])")
_CARET_OCR_HINT = re.compile(r"[*~/\u2018\u2019\u201c\u201d`\"°]|[A-Z]4[A-Z]")
_SURNAME_COMMA = re.compile(rf"(?<![\w'])(?P<a>{_UP}(?: {_UP})?)\s?,\s?(?P<b>{_CAP}(?: {_CAP})?)(?![\w'])")
_SURNAME_COMMA_MIXED = re.compile(rf"(?<![\w'])(?P<a>{_CAP}(?: {_CAP})?)\s?,\s?(?P<b>{_CAP}(?: {_CAP})?)(?: [A-Z]\.)?(?![\w'])")
_TITLE_WORDS = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Master", "Dr", "Doctor", "Prof", "Professor", "Sir", "Dame", "Rev",
                "MR", "MRS", "DR", "PROF", "Dra", "Mme", "Mlle", "Herr", "Frau", "Sra", "Srta", "Dhr", "Mevr", "Dott")
_TITLE = re.compile(
    rf"(?<![\w'])(?P<t>{'|'.join(_TITLE_WORDS)})\.?\s+"
    r"(?:(?:Dr|Prof|PD)\.?\s+)?(?:(?:med|dent|vet|phil|habil|univ|rer\.\s?nat)\.\s*)*"   # `Prof. Dr. med.`
    rf"(?P<n>(?!(?:Dr|Dra|Prof|Doctor|Professor)\.?\s)(?:[A-Z]\.?\s?)?(?:[A-Z]\.\s?)*(?:(?:van|von|de|der|den|la|le|du|da|di|del|della|ten|ter|bin|al|el)\s)*"
    rf"{_CAP}(?:[ \-]{_CAP}){{0,2}}|[A-Z](?![\w']))")      # particles: `Dr van der Berg`, `Dr. A. de la Cruz`
_CLINICIAN_TITLES = {"dr", "doctor", "prof", "professor", "dra", "dott"}
_INSTITUTION_NEXT = re.compile(r"\s+(?:NHS|Hospitals?|HOSPITALS?|Infirmary|INFIRMARY|Clinic|CLINIC|Medical\s+Cent|"
                               r"MEDICAL\s+CENT|Health\s+(?:Board|Cent)|University\s+Hospital|General|GENERAL|"
                               r"Royal|ROYAL|District|DISTRICT|Teaching|County|Community|Children's)\b")
_NOT_GIVEN = re.compile(r"n/a\b|n\.a\.", re.IGNORECASE)
_SEX_MARKER = r"(?:[\[(|{]\s?[MFUOmfuo]\s?[\])|}JIl1]|(?:[\[(|{]\s?)?[MFUO]\s?[\])|}]|\s[MFU](?:\s|$))"
_SEX_OR_DATE_AFTER = (rf"\s*(?:(?P<sex>{_SEX_MARKER})|\s?[0-9OoIlBS]{{1,2}}[./\-][0-9OoIlBS]{{1,2}}[./\-]\d{{2,4}}(?![.,]?\d)|"
                      r"\s?(?:19|20)\d\d[./\-]\d{1,2}[./\-]\d{1,2}|\s?(?:19|20)\d{6}\b|"
                      r"\s?\d{1,2}[ \-](?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*[ \-]\d{2,4}|"
                      r"\s?\d{1,3}\s?(?:[YyMF]|yo|yrs)\b)")
# An uppercase run of up to four words; a PACS name when a sex marker, date or age follows it.
_PACS = re.compile(rf"(?<![\w'^*~])(?P<n>{_UP}(?:[ ,]{{1,2}}{_UP}){{0,3}})(?![\w'\-])")
_PACS_SEX = re.compile(_SEX_OR_DATE_AFTER)
_DOB_MISREAD = re.compile(r"^[D0O][O0Q][B8]$")
# viewers also print Given SURNAME: `Chinedu EZE`, `Anneke VAN DIJK` (the given name mixed case, the surname in capitals)
_GIVEN_UPPER = re.compile(rf"(?<![\w'\u2019\-^])(?P<g>[A-Z][a-z\u00DF-\u00FF'\-]+)\s(?P<s>{_UP}(?:\s{_UP})?)(?![\w'\u2019\-^])")
# PACS prints SURNAME GIVEN in capitals: `COHEN MIRIAM`, the second word a known given name
_UPPER_PAIR = re.compile(rf"(?<![\w'\u2019\-^])(?P<s>{_UP})\s(?P<g>{_UP})(?![\w'\u2019\-^])")
_TEST_PATIENT = re.compile(rf"(?<![\w])ZZ+[A-Z]*(?:[ ,^]{_UP}){{0,3}}")
_RUN_WORD = re.compile(rf"{_WORD}")
# Runs of capitalised words, none glued to digits or to path/e-mail characters ("TIS0.0", "a/B").
_CAP_WORD = rf"[A-Z\u00C0-\u00DE][{_L}'\u2019\-]*(?<=[{_L}])(?![\d^*~_/@{_L}'\u2019\-])"
_CAP_RUN = re.compile(rf"(?<![\w^*~_/@.\\'\u2019\-]){_CAP_WORD}(?:(?:  ?| - ){_CAP_WORD})*")


# Particles and short given or middle names that stand inside names from many cultures (Nguyen Thi
# Lan, Van der Berg, bin Ahmad, de la Cruz): inside a name structure they are never overlay words,
# even where an overlay word is spelt the same (THI is tissue harmonic imaging on an ultrasound bar).
PARTICLES = frozenset("thi van der den de da di del della dos das du des la le von zu bin binti bint ibn al el "
                      "ben mac mc o ter ten y e st".split())


def _overlay_word(word: str, view: TextView) -> bool:
    return word.lower() not in PARTICLES and is_allow_listed(word, view.vocabulary)


def _known_all(view: TextView, words: list[str]) -> bool:
    """Every word is ordinary vocabulary; eponyms (Douglas, Macleod) do not count as ordinary."""
    return all(is_known(w, view.vocabulary) and not is_surname_like(w, view.vocabulary) for w in words)




def _structured(view: TextView) -> list[Match]:
    text, found = view.norm, []
    for m in (_CARET.finditer(text) if "^" in text else ()):
        words = _RUN_WORD.findall(m.group(0))
        follows = text[m.end():m.end() + 1]
        if m.group("b") is None and follows and not follows.isspace():
            continue  # "Thorax^1_HeadFirst" is a protocol name, not SURNAME^
        if view.source == "text" and any(case_noise(w) for w in words):
            continue  # "ATC^kEaa": a binary stream's bytes read as letters, not a name someone typed
        if not _known_all(view, words):
            found.append(view.match("name", m.start(), m.end(), 0.95))
        elif len(words) >= 2 and not any(_overlay_word(w, view) or is_function_word(w) for w in words):
            # `SHORT^SUMMER`: the caret is how DICOM writes a person; descriptions that use it name an
            # examination with imaging words (`Brain^Routine`, `abdomen^liver`, `PET^PETCT`)
            found.append(view.match("name", m.start(), m.end(), 0.85))
    if view.ocr:
        for m in (_CARET_OCR.finditer(text) if _CARET_OCR_HINT.search(text) else ()):
            if not _known_all(view, [m.group("a"), m.group("b")]) and all(name_like(w) for w in m.group("a", "b")):
                found.append(view.match("name", m.start(), m.end(), 0.9))
    comma = "," in text
    for m in (_SURNAME_COMMA.finditer(text) if comma else ()):
        words = _RUN_WORD.findall(m.group(0))
        if view.ocr and not m.group(0).startswith("ZZ") and not all(name_or_given(w, view.vocabulary) for w in words if len(w) > 1):
            continue  # OCR garbage such as "NPL, Ao"; a lone letter is an initial (`SMITH, JOHN A`)
        if view.source == "text" and any(is_function_word(w) or case_noise(w) for w in words):
            continue  # "IMPLIED OR STATUTORY, AS TO THE ..." is an upper-case sentence, not SURNAME, Given
        words = [w for w in words if len(w) > 1]
        if not any(_overlay_word(w, view) for w in words) and not _known_all(view, words):
            found.append(view.match("name", m.start(), m.end(), 0.85))
    if view.ocr and comma:
        # `Patel, Farhan A.`, `Lindqvist, Eleni E.`: viewers print names so; interface text in that form
        # (`Anatomy, Physiology`, `Edit, View`) is made of ordinary words of some language
        from slidesan.scan.identifiers import lexicon

        def unusual(part: str) -> bool:
            return any(not lexicon.is_ordinary(w) and not is_known(w, view.vocabulary) or is_given_name(w, view.vocabulary)
                       for w in _RUN_WORD.findall(part) if len(w) > 1 and w.lower() not in PARTICLES)

        def given_only(part: str) -> bool:
            """`García López, María`: before listed given names the surname may be words of some language."""
            return all(is_given_name(w, view.vocabulary) for w in _RUN_WORD.findall(part) if len(w) > 1)

        for m in _SURNAME_COMMA_MIXED.finditer(text):
            words = _RUN_WORD.findall(m.group(0))
            surname_ok = unusual(m.group("a")) or (given_only(m.group("b")) and not _known_all(view, _RUN_WORD.findall(m.group("a"))))
            if all(name_or_given(w, view.vocabulary) for w in words if len(w) > 1) and not any(
                    _overlay_word(w, view) for w in words if len(w) > 1) and surname_ok and unusual(m.group("b")):
                found.append(view.match("name", m.start(), m.end(), 0.8))
    if view.source == "dicom" and comma:
        for m in _SURNAME_COMMA_MIXED.finditer(text):
            if not _known_all(view, _RUN_WORD.findall(m.group(0))):
                found.append(view.match("name", m.start(), m.end(), 0.75))
    for m in (_TITLE.finditer(text) if any(t in text for t in _TITLE_WORDS) else ()):
        words = _RUN_WORD.findall(m.group("n"))
        # stop at the first allow-listed word ("Dr Smith Axial" -> "Dr Smith") and before a word
        # that opens an institution ("Ms Haruto Yildirim Northtown NHS Trust")
        end = m.end()
        for w in re.finditer(_WORD, text[m.start("n"):m.end()]):
            dotted_initial = len(w.group(0)) == 1 and text.startswith(".", m.start("n") + w.end())   # `Mr E.M.`
            if w.start() > 0 and w.group(0).lower() not in PARTICLES and not dotted_initial and (
                    is_allow_listed(w.group(0), view.vocabulary) or _INSTITUTION_NEXT.match(text, m.start("n") + w.end())):
                end = m.start("n") + w.start()
                break
        initials_only = len(words) > 1 and re.fullmatch(r"(?:[A-Z]\.\s?)+", text[m.start("n"):end] + ".") is not None
        if words and all(is_allow_listed(w, view.vocabulary) for w in words) and not initials_only:
            continue    # `Mr T` is no one; `Mrs S.O.` is a patient named by her initials
        if (m.group("t") == "Master" and view.source == "text" and words
                and is_word_form(words[0], view.vocabulary) and not is_surname_like(words[0], view.vocabulary)):
            continue  # "Master Gradient Fill", "Master Slide": the English noun, not the boy's title
        category = "clinician" if (m.group("t").lower() in _CLINICIAN_TITLES
                                   or re.search(r"\b(?:Dr|Prof|PD)\b", text[m.end("t"):m.start("n")])) else "name"
        single_letter = len(m.group("n").strip(". ")) == 1
        found.append(view.match(category, m.start(), end, 0.5 if single_letter else 0.9))
    labels = labels_in(text) if view.has_any(LABEL_HINTS) else ()
    for m in labels:
        value = m.group("n")
        if m.group("colon").isspace() and not m.group("clin") and m.group("pat").lower().replace(" ", "").replace(
                ".", "") not in NAME_LABELS:
            continue  # "Patient was ..." : only a colon makes a bare Patient/Pt a label
        if _NOT_GIVEN.match(text, m.start("n")):
            continue  # "Name: N/A" says the field is empty
        if VR_THEN_COLON.match(text, m.start("n")):
            continue  # pydicom prints `Station Name  SH: 'CT01'`: SH is the value representation
        words = _RUN_WORD.findall(value)
        keep = []
        lower_ok = not view.ocr and m.group("colon") == ":"      # "Patient: adrian goldsmith", typed
        for i, w in enumerate(words):
            if view.ocr and i == 0 and len(words) > 1 and len(w) <= 3 and w.islower():
                continue  # a misread title: "Referrer: tir A Hartley"
            initial = len(w) == 1 and i + 1 < len(words)  # "Dr P Mensah": P is an initial, not posterior
            particle = (name_label(m) or (m.group("pat") and m.group("colon") == ":")) and (
                w.lower() in PARTICLES or is_given_name(w, view.vocabulary))     # `Nome: Thi Lan` (THI, an US mode)
            if (is_allow_listed(w, view.vocabulary) and not initial and not particle) or not (w[0].isupper() or lower_ok):
                break
            if w.islower() and (is_function_word(w) or (_plain_word(w, view) and not name_label(m))):
                break
            if keep and w.lower() in NEXT_LABEL and text.startswith(":", m.start("n") + value.find(w) + len(w)):
                break
            keep.append(w)
        explicit = name_label(m)
        if keep and emptied(" ".join(keep)):
            continue  # `Name: Anonymisex`, `Patient: AnonymousPatient`: the field says it was emptied, as OCR read it
        if not keep or (_known_all(view, keep) and not (explicit and m.group("colon").strip())):
            continue  # "Referring: Emergency Department", "Patient: Female" are not names
        if not m.group("colon").strip() and captions_only(keep, view.vocabulary):
            continue  # a form's captions one under another ("Last Name" over "Birthday"): no value between
        first_at = value.find(keep[0])
        start = m.start("n") + first_at
        last = keep[-1]
        end = m.start("n") + value.find(last, first_at + sum(len(k) for k in keep[:-1])) + len(last)
        category = "clinician" if m.group("clin") else "name"
        found.append(view.match(category, start, end, 0.9))
    for m in (_PACS.finditer(text) if view.digits or "[" in text or "(" in text else ()):
        after = _PACS_SEX.match(text, m.end("n"))
        if not after or (view.source == "text" and _not_a_pacs_tail(text, after)):
            continue
        words = _RUN_WORD.findall(m.group("n"))
        while words and is_allow_listed(words[0], view.vocabulary):
            words.pop(0)
        if not words or (len(words) == 1 and (len(words[0]) < 3 or _DOB_MISREAD.match(words[0].strip("-'")))):
            continue  # "MJ 01.09.2012" is a misread "[M]", "OOB- 14/03/1968" a misread "DOB:", not a name
        ordinary = all(is_known(w, view.vocabulary) and not is_surname_like(w, view.vocabulary) for w in words)
        if ordinary and not (after and after.group("sex") and len(words) >= 2):
            continue  # "FOLLOW UP 12.03.2012" is not a name; "BROWN WHITE [M]" is
        start = m.start("n") + m.group("n").find(words[0])
        found.append(view.match("name", start, m.end("n"), 0.9))
    if view.source != "dicom" and view.vocabulary.given:
        found += given_pairs.detect(view)
    if view.ocr:
        from slidesan.scan.identifiers import lexicon

        for m in _GIVEN_UPPER.finditer(text):
            given, surname = m.group("g"), m.group("s")
            if (is_given_name(given, view.vocabulary) or not (lexicon.is_ordinary(given) or is_known(given, view.vocabulary))) \
                    and not is_allow_listed(surname, view.vocabulary) and not is_known(surname, view.vocabulary) \
                    and name_like(given) and len(given) >= 3 and len(surname.split()[0]) >= 3 \
                    and not signed_as_software(text, m.end("g")):
                found.append(view.match("name", m.start(), m.end(), 0.8))
    if view.ocr and view.vocabulary.given:
        for m in _UPPER_PAIR.finditer(text):
            if is_given_name(m.group("g"), view.vocabulary) and not is_allow_listed(m.group("s"), view.vocabulary):
                found.append(view.match("name", m.start(), m.end(), 0.85))
    for m in (_TEST_PATIENT.finditer(text) if "ZZ" in text else ()):
        found.append(view.match("name", m.start(), m.end(), 0.85))
    if view.ocr:
        for m in _LONG_UPPER.finditer(text):
            if not is_known(m.group(0), view.vocabulary) and name_like(m.group(0)) and not emptied(m.group(0)):
                found.append(view.match("name", m.start(), m.end(), 0.5))
    return found


def _common_word(word: str, vocabulary) -> bool:
    """A common English word (`Notch`, `Fitter`) that no list of surnames claims: read from pixels in mixed
    case beside other known words, it is an interface label, not a name."""
    from slidesan.scan.identifiers import lexicon

    return lexicon.is_ordinary(word) and not is_surname_like(word, vocabulary) and not is_given_name(word, vocabulary)


def _cut_short(text: str, end: int) -> bool:
    return text.startswith(("...", "\u2026", ".."), end)




def _plain_word(word: str, view: TextView) -> bool:
    """A lower-case ordinary word of some language, and no name on our lists (`was`, `referred`)."""
    from slidesan.scan.identifiers import lexicon

    return lexicon.is_ordinary(word) and not is_given_name(word, view.vocabulary) \
        and not is_surname_like(word, view.vocabulary)


def _not_a_pacs_tail(text: str, after: re.Match) -> bool:
    """In slide text the date must follow on the same line and end there: "RGB" above a line
    "35/24/21" or "ISBN 0-07-222344-8" is an acronym before a number, not a PACS name and date."""
    if "\n" in after.group(0) or "\r" in after.group(0):
        return True
    rest = text[after.end():after.end() + 2]
    return bool(rest) and (rest[0].isdigit() or (rest[0] in "-/." and rest[1:2].isdigit()))


_CAPS_WINDOW = 60


def _in_caps_sentence(text: str, start: int, end: int) -> bool:
    """Inside an upper-case sentence (legal notices, "CONTINUED ON NEXT PAGE"): two or more
    upper-case function words on the same line nearby. There capitals say nothing about names."""
    left = text[max(0, start - _CAPS_WINDOW):start].rsplit("\n", 1)[-1]
    right = text[end:end + _CAPS_WINDOW].split("\n", 1)[0]
    return sum(w.isupper() and is_function_word(w) for w in _RUN_WORD.findall(left + " " + right)) >= 2


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in ".!?:;\n\r•\u2022-–—*>#([)\"'"


_LINE_WORDS = re.compile(rf"[^\n]+")


def _heading_lines(text: str) -> list[tuple[int, int]]:
    """Title Case lines ("Rotator Cuff Tears and Subacromial Bursitis"): there capital letters say
    nothing about proper nouns, so single unknown words and one-unknown runs are not names."""
    spans = []
    for line in _LINE_WORDS.finditer(text):
        words = [w for w in _RUN_WORD.findall(line.group(0)) if len(w) > 3]
        if len(words) >= 3 and sum(w[0].isupper() and not w.isupper() for w in words) >= 0.7 * len(words):
            spans.append(line.span())
    return spans


_MONTHS = frozenset("jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july "
                    "august september october november december".split())


def _runs(view: TextView) -> list[Match]:
    """Capitalised-word runs containing an unknown word (no structure, so lower confidence).

    In slide text ("text" source) the judgement is stricter than in OCR or DICOM values, where
    the old behaviour is kept: regular English derivatives and place names count as known
    (is_word_form), function words end a run, a person name has at most three words, and in an
    upper-case sentence capitals carry no signal. OCR text shares the first of these for words in
    mixed case (a screenshot's headings: `Comparing Text Formats`, `Ohio Assessment Timeline`);
    upper-case words, as PACS overlays print names, keep the narrow test (`MANNING` is a name)."""
    text, found = view.text, []
    prose = view.source == "text"
    headings = _heading_lines(text) if prose else []
    vocabulary = view.vocabulary
    def known(word: str, run: int = 2) -> bool:
        if prose or (view.ocr and not word.isupper()):
            # three or more capitalised words read from pixels: common words among them are an interface label
            return is_word_form(word, vocabulary) or (view.ocr and run >= 3 and _common_word(word, vocabulary))
        return is_known(word, vocabulary)

    def in_heading(pos: int) -> bool:
        return any(s <= pos < e for s, e in headings)

    def flush(run: list[re.Match]) -> None:
        words = list(run)
        # trim ordinary known words (and stray initials) at both ends; an eponym next to an unknown word
        # may be a surname
        # (with is_known, not word forms: "Peter", "Sander" look like -er words but open a name)
        def ordinary(w: re.Match) -> bool:
            return len(w.group(0)) == 1 or (
                is_known(w.group(0), vocabulary) and not is_surname_like(w.group(0), vocabulary))
        def droppable(w: re.Match) -> bool:  # ordinary, or an OCR scrap at the edge ("ABUBAKAR GARE TH")
            return ordinary(w) or not name_like(w.group(0))
        while words and droppable(words[0]):
            words.pop(0)
        # at the end only imaging vocabulary and scraps go: "Elizabeth Bridges" keeps its English surname
        while words and (is_allow_listed(words[-1].group(0), vocabulary) or not name_like(words[-1].group(0))
                         or len(words[-1].group(0)) == 1):
            words.pop()
        if not words or (len(words) >= 2 and all(w.group(0).lower().rstrip(".") in _MONTHS for w in words)):
            return      # "Jan Mar Jun": a chart's date axis, though Jan and June are given names too
        # a word cut short by an ellipsis (`Notch Filter Frequ...`, a label cut to fit its button) is
        # unknown only because it is cut: no evidence of a name
        unknown = [w for w in words if len(w.group(0)) > 1 and not known(w.group(0), len(words))
                   and not _cut_short(text, w.end())]
        user = any(is_user_name(w.group(0), vocabulary) for w in words)
        if not (unknown or user) or not all(name_like(w.group(0)) for w in unknown):
            return
        if not user and signed_as_software(text, words[0].end()) and (len(words) == 1 or (
                len(words) == 2 and words[1].group(0).isupper() and len(words[1].group(0)) <= 5)):
            return  # "Zorblat PDF driver", "Quuxify 3.2.1": software signing its output
        if (view.ocr and not user and all(w.group(0).isupper() and len(w.group(0)) <= 4 for w in unknown)
                and any(not w.group(0).isupper() for w in words)):
            return  # "CPU Usage", "POI Project": an acronym before known words in mixed case, not a person
        # two unknown words make a name even in a heading; counted with is_known, as a given name may
        # look like an English word form (Peter, Sander)
        strangers = sum(len(w.group(0)) > 1 and not is_known(w.group(0), vocabulary) for w in words)
        if in_heading(words[0].start()) and strangers < 2 and not user:
            return
        if view.ocr and not user and len(words) >= 5 and not any(w.group(0).isupper() for w in words) and \
                2 * sum(_common_word(w.group(0), vocabulary) and w.group(0).lower() not in PARTICLES
                        for w in words) >= len(words):
            return  # `Datei Bearbeiten Ansicht Bild Extras Hilfe`: a menu in another language, not a person
                    # (from five words: `Centro Médico Las Palmeras` has four)
        if view.ocr and len(words) > 4 and sum(len(w.group(0)) >= 5 for w in words) < 2 and not user:
            return  # "Ure WY Use FU LUNE FUL": a long row of short scraps is letter-shaped texture
        if prose and not user:
            if len(words) > 3:
                return  # "Aligns Ohio Academic Content ELA": longer than a given name and surname
            if (all(w.group(0).isupper() for w in words) and strangers < 2
                    and _in_caps_sentence(text, words[0].start(), words[-1].end())):
                return
        if len(words) >= 2 and (not view.ocr or user or sum(len(w.group(0)) >= 3 for w in words) >= 2):
            # OCR needs two words of 3+ letters: "SA Ware" is more often a misread than a name
            tail = prose and given_pairs.PATIENT_TAIL.match(text, words[-1].end())   # `Chidinma Green, 44`
            found.append(view.match("name", words[0].start(), words[-1].end(), 0.9 if user else 0.85 if tail else 0.65))
        elif user:
            found.append(view.match("name", words[0].start(), words[0].end(), 0.9))
        elif view.source == "dicom":
            found.append(view.match("name", words[0].start(), words[0].end(), 0.5))
        elif prose:
            w = words[0].group(0)
            acronym = w.isupper() and len(w) <= 5
            if not acronym and not _sentence_initial(text, words[0].start()):
                found.append(view.match("name", words[0].start(), words[0].end(), 0.45))

    for r in _CAP_RUN.finditer(text):
        run = list(_RUN_WORD.finditer(text, r.start(), r.end()))
        if not prose:
            flush(run)
            continue
        piece: list[re.Match] = []
        for w in run:  # "CONT ON NEXT PAGE", "OR STATUTORY": a function word is never part of a name
            if is_function_word(w.group(0)):
                if piece:
                    flush(piece)
                piece = []
            else:
                piece.append(w)
        if piece:
            flush(piece)
    return found


def detect(view: TextView) -> list[Match]:
    return _structured(view) + _runs(view)
