"""Paths through a user's own folders: `/home/nicolas/Downloads/wounds`, `C:\\Users\\jsmith\\Patients`.

A path printed in a screenshot (a viewer's title bar, a file dialog, an import list) names the person
whose machine it was, and often a patient folder below. The user-folder part is what identifies,
so paths under a home folder are flagged, as is a `file:` address; a path of the system or of a
program (`/usr/lib`, `C:\\Program Files`) is not.
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers.match import Match
from slidesan.scan.identifiers.text_view import TextView

_USER_PATH = re.compile(
    r"(?i)(?:file:/*)?(?:(?<![\w/])/(?:home|users)/|\b[a-z]:[\\/](?:users|documents and settings)[\\/]|~/)"
    r"[^\s\"'<>|]*")


def detect(view: TextView) -> list[Match]:
    text = view.norm
    if "/" not in text and "\\" not in text:
        return []
    found = []
    for m in _USER_PATH.finditer(text):
        start = m.start()
        if text[max(0, start - 5):start].lower() == "file:":
            start -= 5
        found.append(view.match("path", start, m.end(), 0.9))
    return found
