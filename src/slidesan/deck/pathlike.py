"""Is this bit of text a file path, a file name, or a machine-made label?

PowerPoint copies the source of an inserted picture into the shape name and the alt text
("C:\\Users\\jsmith\\Patients\\SMITH_JOHN\\CT.jpg", "IMG_0042.JPG"), so those fields name the
author's machine, user folder and often the patient. Descriptive alt text ("Axial CT showing a
subdural haematoma") is kept for accessibility; these rules tell the two apart.
"""

from __future__ import annotations

import re

FILE_EXTENSIONS = (
    "jpg jpeg jpe jfif png gif bmp dib tif tiff dcm dicom ima emf wmf emz wmz svg svgz heic heif webp "
    "pdf doc docx xls xlsx ppt pptx pptm pps ppsx rtf txt wdp jxr hdp raw nii gz zip mp4 mov avi wmv "
    "m4v mpg mpeg mp3 wav m4a psd ai eps ico pict pct"
).split()
_EXT = "|".join(FILE_EXTENSIONS)

_PATH_PATTERNS = [
    re.compile(r"(?i)(?<![a-z])[a-z]:[\\/]"),               # C:\... or D:/...
    re.compile(r"\\\\[^\\\s]+\\"),                          # \\server\share
    re.compile(r"(?i)\bfile:"),                             # file:///...
    re.compile(r"(?i)(?:^|\s)(?:~|/(?:users|home|volumes|mnt|media|private|var|tmp|net|data|srv|opt))/"),
    re.compile(r"(?i)[^\s\\/]+\\[^\s\\]+\\"),               # relative Windows path a\b\c
]
_FILE_NAME = re.compile(rf"(?i)^[^\\/:*?\"<>|]{{1,200}}\.(?:{_EXT})$")
_MACHINE_TOKEN = re.compile(r"^[\w\-.\[\]()#~]{3,}$")
_GENERATED = re.compile(
    r"(?i)(description automatically generated|generated with (?:very |)(?:high|medium|low) confidence"
    r"|automatisch generierte beschreibung|description g[ée]n[ée]r[ée]e automatiquement)")
_DEFAULT_LABEL = re.compile(
    r"(?i)^(?:picture|image|grafik|bild|imagen|object|objekt|chart|graphic|photo|clip ?art|content placeholder)"
    r"\s*\d*$")
_LONG_DIGITS = re.compile(r"\d{6,}")
_NAME_PAIR = re.compile(r"(?:^|[\\/_\s^,.-])[A-Z][A-Z'-]{1,}[_^,][A-Z][A-Za-z'-]{1,}")
_PERSONAL_FOLDER = re.compile(
    r"(?i)[\\/](?:users|home|documents and settings|profiles|desktop|downloads|my documents|documents"
    r"|patients?|pacs|cases?|mrn|dicom|studies|exams?|radiology)[\\/]")


def looks_like_path(text: str) -> bool:
    return any(p.search(text) for p in _PATH_PATTERNS)


def looks_like_file_name(text: str) -> bool:
    return bool(_FILE_NAME.match(text.strip()))


def looks_machine_made(text: str) -> bool:
    """Labels no person wrote as a description: AI captions, 'Picture 3', file stems such as
    'daily_usage_200709', 'MC900438451[1]' or 'IMG_0042'."""
    stripped = text.strip()
    if _GENERATED.search(stripped) or _DEFAULT_LABEL.match(stripped):
        return True
    if not _MACHINE_TOKEN.match(stripped):
        return False
    return "_" in stripped or bool(re.search(r"\d{3,}", stripped)) or "[" in stripped


def has_identifier_shape(text: str) -> bool:
    """A long digit run (MRN, NHS number, accession, yyyymmdd) or a SURNAME_FORENAME pair."""
    return bool(_LONG_DIGITS.search(text) or _NAME_PAIR.search(text))


def is_file_reference(text: str) -> bool:
    return looks_like_path(text) or looks_like_file_name(text)


def is_personal_path(text: str) -> bool:
    """A path through a user or patient folder, or a path or file name carrying an identifier."""
    return bool(_PERSONAL_FOLDER.search("/" + text.replace("\\", "/") + "/")) or has_identifier_shape(text)
