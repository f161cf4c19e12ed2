"""Identifiers inside picture metadata values (EXIF Artist, ImageDescription, XMP creator, IPTC...).

Stripping never depends on this: metadata goes whatever it says. But a camera owner's name or a
hospital number in an EXIF comment is a direct identifier, and the report must say so in those
words (deck: "name in picture metadata (Artist), removed"; `check` of a loose picture: an
identifiable input), not only "EXIF removed".
"""

from __future__ import annotations

# Fields the formats define as the program or device that wrote the picture (EXIF Software, Make,
# Model; XMP CreatorTool): a word there that reads as a name is a product (`Photoshop CC`, `GIMP`).
# Numbers, dates and the like in them still count, and the fields go whatever they say.
SOFTWARE_FIELDS = frozenset({"Software", "Make", "Model", "XMP CreatorTool"})
WORD_CATEGORIES = frozenset({"name", "clinician", "institution"})


def metadata_identifiers(details: list[str], vocabulary=None):
    """(match, severity, label, field) for each identifier in "Field: value" detail strings."""
    from slidesan.scan.identifiers import find_identifiers
    from slidesan.scan.identifiers.match import text_severity

    found = []
    for detail in details:
        field, _, value = detail.partition(": ")
        if not value:
            continue
        for match in find_identifiers(value, vocabulary, source="text"):
            if match.category == "other-text":
                continue
            severity, label = text_severity(match)
            if field in SOFTWARE_FIELDS and match.category in WORD_CATEGORIES:
                severity = "info"
            found.append((match, severity, label, field))
    return found
