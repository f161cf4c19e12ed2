"""What the detectors flag in a picture that is not a person or a record: each rule names a form.

- Texture: a line read where the learned detector saw no text, and Tesseract was unsure, keeps
  only strong identifier forms (a labelled number, a valid date); words there are letter-shaped
  noise (`Sesathi Sshaly` from tissue, `l=} [aad]` from icons).
- Unsure lines: a name on a line neither reader read with confidence counts only as a clean
  `SURNAME^GIVEN`; otherwise the line goes to review as unread.
- Interface text: a loose run of capitalised words made only of ordinary words of the viewer's
  languages (`Invert LUT`, `Fuzzy Matching`, `Eile Edit View` with one OCR slip), or five and more of
  them (a menu bar), is not a name.
- Descriptions: `SURNAME^GIVEN` and `SURNAME, Given` whose parts are body parts, modalities or
  sequence names (`Obere Gelenke^Schulter`, `PET^PETCT`) are study or series descriptions.
- A plain web address names a site, not a person (a query string may carry an ID, and stays).
- Times on their own are not identifiers; a time right after a date is part of that date.
- Ages up to 89 are not identifiers (HIPAA's safe harbour keeps them); older ages are.
- A study description led by its modality (`MRI BRAIN W/WO`, `CT PULMONARY ANGIOGRAM`) is no name,
  wherever it stands: the rest is imaging vocabulary and ordinary words, no given name or surname.
- A menu bar or toolbar (`File View Series Annotate Export Help`): three or more words, at least two
  of them the commands viewers print there, and none a given name or surname, holds no person,
  wherever it stands (a patient block's first line or after a word read as a label). Words no list
  knows there must be near a command (a misreading); a caret name never is one.
- The date of a teaching event on its own line (`Grand Rounds 12 March 2024`, `Teaching session
  14/05/2025`) is when the talk was given, not an examination: a plain date there is dropped; a
  labelled date, a birth date, or a date on a line naming the patient or what happened to them
  (`Seminar case: scanned 14/03/2019`) never is.
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers import lexicon
from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.word_knowledge import (edit_distance, is_allow_listed, is_given_name, is_known,
                                                      is_surname_like, is_user_name, is_word_name)

LOOSE = 0.7             # name matches at or below this confidence rest on word lists, not on structure
STRONG = 0.9            # what survives on texture
CARET = 0.95            # a name on an unsure line counts only as a clean SURNAME^GIVEN
NAME_KINDS = ("name", "clinician")
_WORD = re.compile(r"[^\W\d_][^\W\d_'\u2019\-]*")
# OCR slips that turn an ordinary interface word into an unknown one: `Eile` (File), `Hvew` (View)
_SLIPS = (("E", "F"), ("l", "I"), ("I", "l"), ("rn", "m"), ("vv", "w"), ("cl", "d"), ("0", "O"), ("1", "l"),
          ("H", "V"), ("li", "h"), ("ii", "n"), ("c", "e"), ("e", "c"))


def keep(line, matches: list[Match], vocabulary) -> list[Match]:
    texture = getattr(line, "texture", False)
    unsure = not getattr(line, "reliable", True)
    out = []
    for m in matches:
        if m.severity != "high":
            out.append(m)
            continue
        if texture and (m.confidence < STRONG or m.category in NAME_KINDS or m.category == "institution"):
            continue
        placed = m.origin in ("label", "block", "field", "corner")     # field: labelled_names read it after its label
        if m.category in NAME_KINDS and not placed and (
                (m.confidence <= LOOSE and interface_words(m.text, vocabulary)) or (unsure and m.confidence < CARET)):
            continue
        if m.category == "url" and not any(ch in m.text for ch in "?#="):
            continue    # a plain web address names a site, not a person (as in typed text)
        if m.category in NAME_KINDS and not placed and (_description(m.text, vocabulary) or _labels(m.text)):
            continue
        if m.category in NAME_KINDS and (modality_description(m.text, vocabulary) or menu_bar(line.text, vocabulary)):
            continue
        if m.category == "date" and m.origin not in ("label", "block", "field") and teaching_event(line.text) \
                and not any(n.category in NAME_KINDS and n.severity == "high" for n in matches):
            continue    # a name on the line makes the date the patient's (`Lecture: case of Mrs Okafor 14/03/2019`)
        if m.category == "time":
            continue
        if m.category == "age" and not _old(m.text):
            continue
        out.append(m)
    return _dates_with_times(line.text, out, matches)


def _ordinary(word: str, vocabulary) -> bool:
    """Interface words are judged against the languages' lexicons in mixed case only: a PACS prints
    names in capitals (`COHEN MIRIAM`), and there only the project's own lists count."""
    if is_given_name(word, vocabulary) or is_surname_like(word, vocabulary) or is_user_name(word, vocabulary):
        return False
    return is_known(word, vocabulary) or (not word.isupper() and lexicon.is_ordinary(word))


def _slip_of_ordinary(word: str, vocabulary) -> bool:
    return any(_ordinary(fixed, vocabulary) for fixed in _slips(word, _SLIPS))


def interface_words(text: str, vocabulary, menu_bar: bool = True) -> bool:
    """Interface text (`Fuzzy Matching`, `Eile Edit View`); `menu_bar`: five words and more always are
    (off where position says the words are a name: `Encik Ahmad Faiz Bin Ismail` first in a banner)."""
    words = _WORD.findall(text)
    if len(words) >= 5 and menu_bar:
        return True
    if len(words) == 1 and lexicon.is_ordinary(words[0]) and not is_given_name(words[0], vocabulary):
        return True     # `UNSPECIFIED`, `RENDERING`: one ordinary word in capitals is a label, not a name
    unknown = [w for w in words if len(w) > 1 and not _ordinary(w, vocabulary)
               and not (w.isupper() and len(w) <= 4 and len(words) > 1)]     # `Syntax UID`: an acronym
    if not unknown:
        return True
    if len(words) >= 2 and all(_slip_of_caption(w.lower()) for w in unknown):
        return True     # `Bocy Part Examined`, `Seftware Versions`: a tag browser's captions, damaged
    return len(words) >= 3 and len(unknown) == 1 and _slip_of_ordinary(unknown[0], vocabulary)


# Letters Tesseract confuses in small interface text: vowels for each other, `c` for `d` or `o`, `ri` for `n`.
_CAPTION_SLIPS = (("a", "e"), ("e", "a"), ("e", "o"), ("o", "e"), ("c", "o"), ("o", "c"), ("c", "d"),
                  ("n", "ri"), ("ri", "n"), ("u", "n"), ("n", "u"), ("f", "t"), ("t", "f"))


def _slips(word: str, table):
    """The word with one misread letter (pair) of `table` put right, at each place it occurs."""
    for wrong, right in table:
        at = word.find(wrong)
        while at >= 0:
            yield word[:at] + right + word[at + len(wrong):]
            at = word.find(wrong, at + 1)


def _slip_of_caption(low: str) -> bool:
    """One misread letter (two in a word of eight and more) away from a word of a DICOM attribute's
    keyword or a field label: a caption, not a surname. Only these words count, not a whole language,
    so `Chen` is not taken for `Chan`."""
    from slidesan.scan.picture_text.unknown_words import caption_words

    captions = caption_words()
    once = list(_slips(low, _CAPTION_SLIPS))
    if any(w in captions for w in once):
        return True
    return len(low) >= 8 and any(w2 in captions for w in once for w2 in _slips(w, _CAPTION_SLIPS))


_TITLES = frozenset("dr mr mrs ms miss prof sir dame rev".split())


def _description(text: str, vocabulary) -> bool:
    """`PET^PETCT`, `Obere Gelenke^Schulter`, `Kopf^Routine`: every word is imaging vocabulary or an
    ordinary word, and at least one part is imaging vocabulary alone. A title is no part of it
    (`DR^HADDAD` is a doctor)."""
    if "^" not in text and "," not in text:
        return False
    parts = [[w for w in _WORD.findall(p) if w.lower() not in _TITLES] for p in re.split(r"[\^,]", text)]
    parts = [p for p in parts if p]
    if not parts or not all(_ordinary(w, vocabulary) or _vocabulary_word(w, vocabulary) for p in parts for w in p):
        return False
    return any(all(_vocabulary_word(w, vocabulary) for w in p) for p in parts)


def _vocabulary_word(word: str, vocabulary) -> bool:
    """Imaging vocabulary, or two pieces of it written together (`PETCT`, `CTAbdo`)."""
    if is_allow_listed(word, vocabulary):
        return True
    return any(is_allow_listed(word[:k], vocabulary) and is_allow_listed(word[k:], vocabulary)
               for k in range(2, len(word) - 1))


def _labels(text: str) -> bool:
    """`Patient Name Phonetic`, `Name Patient ID`: field labels read as a name's words."""
    from slidesan.scan.picture_text.labels import label_at

    words = text.replace(",", " ").split()
    i = n = 0
    while i < len(words):
        label = label_at(words, i)
        if label is None:
            i += 1
            continue
        n += label.words
        i += label.words
    return n >= max(2, len(words) - 1)


def _old(text: str) -> bool:
    digits = re.findall(r"\d+", text)
    return bool(digits) and int(digits[0]) > 89


def _dates_with_times(text: str, kept: list[Match], found: list[Match]) -> list[Match]:
    """A date followed by its time (`10/16/24 08:27:46`, `9 août 2016, 10:20:53`) is one identifier, and so
    is a date with the bare number after it (_NUMBER_AFTER)."""
    times = [m for m in found if m.category == "time"]
    out = []
    for m in kept:
        if m.category in ("date", "date-of-birth"):
            for t in times:
                gap = text[m.end:t.start]
                if t.start >= m.end and len(gap) <= 3 and gap.strip(" ,;-") == "":
                    m = Match(m.category, m.severity, m.start, t.end, text[m.start:t.end], m.confidence)
            after = _NUMBER_AFTER.match(text, m.end) if m.category == "date" else None
            if after and not any(k.start < after.end(1) and after.start(1) < k.end for k in kept):
                m = Match(m.category, m.severity, m.start, after.end(1), text[m.start:after.end(1)], m.confidence)
        out.append(m)
    return out


# A study's row in a worklist or query result (`Knee (R) [MR] 1 janv. 2007, 12:00:00 223344`), a study line
# (`Study: 19/05/2016 202612`): the bare 5 or 6 digits right after the date are its time written as DICOM
# writes it (HHMMSS) or the next column, the study's accession number; either way they go with the date.
# Not a quantity with its unit or count word after it (`45000 mGy`, `1200 images`).
_NUMBER_AFTER = re.compile(r"[\s,;|]{1,4}(\d{5,6})(?=$|\s(?!\s*[a-zµ%]))")


_MODALITIES = frozenset("ct cta ctpa ctv mr mri mra mrv us xr dx cr nm pet pet-ct pet/ct spect mg mammo fl xa rf "
                        "angio fluoro".split())
_NAME_PARTS = re.compile(r"[^\s,^]+")


def modality_description(text: str, vocabulary) -> bool:
    """`MRI BRAIN W/WO`, `US ABDOMEN COMPLETE`, `MR PROSTATE MULTIPARAMETRIC`: a modality first, then
    only imaging vocabulary, ordinary words that are no name, or codes (`W/O`, `3D`), one of them
    imaging vocabulary. `MR` is also a title, so `MR JOHN SMITH` and `MR BRAIN SMITH` stay names."""
    words = _NAME_PARTS.findall(text)
    if len(words) < 2 or words[0].lower().strip(".:") not in _MODALITIES:
        return False
    # a hyphen joins an anatomical part to its side or region (`L-SPINE`, `C-SPINE`, `ABDO-PELVIS`)
    rest = [piece for w in words[1:] for piece in w.strip(".:;()").split("-")]
    rest = [w for w in rest if w]
    if not rest or any(is_given_name(w, vocabulary) or is_surname_like(w, vocabulary) for w in rest):
        return False
    if is_word_name(rest[-1]) and not is_allow_listed(rest[-1], vocabulary) and words[0].lower() != "mr":
        return False    # `CT CHEST BANKS`: a surname that is also a word, last, where a block's head puts the
        #                 name (after `MR` it would make `MR BRAIN SHORT` Mr Brain Short: left a description)
    def plain(word: str) -> bool:
        return (is_allow_listed(word, vocabulary) or not word.isalpha() or len(word) == 1
                or lexicon.is_ordinary(word) or is_known(word, vocabulary))
    return all(plain(w) for w in rest) and any(is_allow_listed(w, vocabulary) for w in rest if w.isalpha())


# Commands viewers and office programs print in their menus and toolbars.
_MENU_WORDS = frozenset("""file edit view image tools window help insert format options settings preferences export
    import annotate annotations series study studies measure measurements layout zoom pan magnify stack scroll
    cine reset invert flip rotate sync link window/level w/l roi angle length arrow text probe ellipse mpr 3d
    print save open close undo redo select display go bookmarks history favorites search report worklist""".split())


def menu_bar(text: str, vocabulary) -> bool:
    """A menu bar or toolbar: three or more words, two and more of them menu commands (or a command
    with one misread letter), none a given name or surname. Words no list knows may be misread
    commands (`Fite Edit View Image Toois`), but not a name's shape: two of them side by side
    (`File Edit View OKONJO ADAEZE`) or one in capitals (`File Edit View Help OKONJO`)."""
    words = [w.strip(".:|") for w in text.split()]
    words = [w for w in words if w]
    if len(words) < 3 or any(is_given_name(w, vocabulary) or is_surname_like(w, vocabulary) for w in words):
        return False
    if any(re.search(r"[^\W\d_]\^[^\W\d_]", w) for w in words):
        return False    # `OKAFOR^ADAEZE`: a DICOM person name is never a command
    command = [w.lower() in _MENU_WORDS or any(f in _MENU_WORDS for f in _slips(w.lower(), _SLIPS + _CAPTION_SLIPS))
               for w in words]
    if sum(command) < 2 or sum(command) * 2 < len(words):
        return False
    strange = [not c and w.isalpha() and not _ordinary(w, vocabulary) for w, c in zip(words, command)]
    if any(s and ((w.isupper() and len(w) >= 4) or not _near_command(w.lower())) for w, s in zip(words, strange)):
        return False
    return not any(a and b for a, b in zip(strange, strange[1:]))


def _near_command(low: str) -> bool:
    """A misread command: one letter changed, dropped or added away from a menu command (`fite`, `toois`,
    `heip`), two when the first letter stands (`serll`, `cme`), or too short to be a surname on its own.
    `Okonjo` beside `File Edit View` is a window title's document name (a patient's), not a command."""
    if len(low) <= 2:
        return True
    return any(abs(len(cmd) - len(low)) <= 2 and edit_distance(low, cmd) <= (2 if cmd[0] == low[0] else 1)
               for cmd in _MENU_WORDS)


_TEACHING_EVENT = re.compile(
    r"(?i)\b(?:teaching(?!\s+file)|lecture|seminar|tutorial|(?<!clinical\s)course(?!\s+of\b)|congress|conference|"
    r"symposium|workshop|webinar|masterclass|journal\s+club|grand\s+rounds|FRCR|"
    r"revision\s+(?:course|session|day|lecture)|annual\s+meeting|scientific\s+meeting|"
    r"presented\s+at(?!\s+(?:the\s+)?(?:MDT|MDM|tumou?r\s+board|multidisciplinary|clinic|A&E|ED\b)))\b")
# What happened to a patient: a date beside these words is the patient's, whatever event the line names.
_PATIENT_EVENT = re.compile(
    r"(?i)\b(?:admitted|admission|discharged|scanned|imaged|examined|referred|operated|operation|surgery|biopsy|"
    r"biopsied|diagnosed|diagnosis|died|deceased|born|birth|presented\s+with|seen|attended|follow[\s\-]?up|"
    r"treated|resected|injured|fell|onset|DOB|MRN|NHS)\b")


def teaching_event(text: str) -> bool:
    """The line names a teaching event: its date is the talk's. Not a teaching file (its date is the
    case's), a clinical course, a revision operation or a meeting about the patient (`presented at MDT`),
    and not when the line also tells what happened to a patient (`Seminar case: scanned 14/03/2019`)."""
    return bool(_TEACHING_EVENT.search(text)) and not _PATIENT_EVENT.search(text)
