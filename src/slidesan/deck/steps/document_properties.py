"""Hiding place: document properties (docProps/core.xml, app.xml, custom.xml), customXml data
parts and sensitivity labels.

File > Info shows only a few of these, yet every one travels with the deck: the author and the
last editor by name, a title that often is the patient case ("CT head - J. Smith"), keywords,
the company and manager, a template path, and SharePoint metadata in customXml items. Dates
are indirect identifiers (they date the case), so created/modified are set to one neutral
value instead of removed. app.xml keeps only what describes the application, never the
content: its slide-title list (TitlesOfParts) and counts of notes and hidden slides are
removed too.
"""

from __future__ import annotations

import re

from slidesan.deck.drawing import local, quote
from slidesan.deck.leaks import finding_kind, leaks
from slidesan.deck.relcut import cut, part_text, rels_of, rels_of_type, rels_reaching, sources, type_is, where
from slidesan.errors import SlidesanError

NEUTRAL_DATE = "2000-01-01T00:00:00Z"
CORE_DATES = {"created", "modified"}
PERSON_FIELDS = {"creator", "lastModifiedBy", "Manager", "Company"}
# app.xml elements that describe the application, not the deck's content or its author.
APP_KEEP = {"Application", "AppVersion", "PresentationFormat", "ScaleCrop", "LinksUpToDate",
            "SharedDoc", "HyperlinksChanged", "DocSecurity"}
# app.xml counters: not personal, but they reveal notes and hidden slides that were removed.
APP_COUNTERS = {"TotalTime", "Words", "Paragraphs", "Slides", "Notes", "HiddenSlides", "MMClips",
                "Characters", "CharactersWithSpaces", "Lines", "Pages"}
CUSTOM_PROPERTIES = ("relationships/custom-properties",)
CUSTOM_PROPERTIES_TYPES = ("custom-properties+xml",)
CUSTOM_XML = ("relationships/customXml",)
LABELS = ("relationships/classificationlabels",)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def severity_for(field: str, value: str) -> str:
    return "high" if field in PERSON_FIELDS or EMAIL.search(value or "") else "info"


def read_value(ctx, name: str, value: str, part: str) -> None:
    """A property's value through the identifier detectors, so `check` rates the deck by what it holds:
    a hospital number in Keywords or a patient's name in a custom property is the patient's, not the
    author's. Person fields (author, editor, manager, company) are people already, reported as such; app.xml
    is not read (its lists repeat the slide titles, fonts and themes the deck's own steps read)."""
    if value and name not in PERSON_FIELDS:
        ctx.identifiers_in(value, f"document property {name} (removed)", part=part)


def element_text(element) -> str:
    """Text of a property element, including vector members (TitlesOfParts, HeadingPairs)."""
    texts = [t.strip() for t in element.itertext() if t and t.strip()]
    return " | ".join(texts)


CORE = ("metadata/core-properties", "core-properties+xml")
APP = ("extended-properties", "extended-properties+xml")


def property_parts(deck, kind) -> list:
    """Every core (or app) properties part, found however a producer related it: by relationship type
    from any part (LibreOffice's lower-case and pandoc's package/... variants included) or by its
    content type, so a part no relationship names correctly is cleaned all the same."""
    reltype, content = kind
    found = []
    for source in sources(deck):
        for rel in rels_of(source).values():
            if not rel.is_external and type_is(rel.reltype, reltype) and rel._target not in found:
                found.append(rel._target)
    found += [p for p in deck.parts() if p.content_type.lower().endswith(content) and p not in found]
    return found


# -- core.xml ----------------------------------------------------------------------------------

def scrub_core(deck, ctx) -> None:
    for part in property_parts(deck, CORE):
        scrub_core_part(deck, ctx, part)


def scrub_core_part(deck, ctx, part) -> None:
    root = deck.xml(part)
    for child in list(root):
        name = local(child.tag)
        value = (child.text or "").strip()
        if name in CORE_DATES:
            if value != NEUTRAL_DATE:
                child.text = NEUTRAL_DATE
                ctx.add("document-property", "info", "replaced",
                        f"document {name} date set to {NEUTRAL_DATE}", part=str(part.partname), text=value)
            continue
        root.remove(child)
        if value:
            ctx.add("document-property", severity_for(name, value), "removed",
                    f"document property {name} removed", part=str(part.partname), text=quote(value, 200))
            read_value(ctx, name, value, str(part.partname))


def core_residue(deck) -> list[str]:
    return [item for part in property_parts(deck, CORE) for item in core_part_residue(deck, part)]


def core_part_residue(deck, part) -> list[str]:
    out = []
    for child in deck.xml(part):
        name = local(child.tag)
        if name not in CORE_DATES:
            out.append(f"core property {name} is still present")
        elif (child.text or "").strip() != NEUTRAL_DATE:
            out.append(f"core date {name} is not the neutral date")
    return out


# -- app.xml -----------------------------------------------------------------------------------

def scrub_app(deck, ctx) -> None:
    for part in property_parts(deck, APP):
        scrub_app_part(deck, ctx, part)


def scrub_app_part(deck, ctx, part) -> None:
    try:
        root = deck.xml(part)
    except SlidesanError:      # unreadable: nothing in it is needed, so it goes whole
        for source, rid in list(deck.rels_to(part)):
            cut(deck, source, rid)
        ctx.add("document-property", "review", "removed", "unreadable application properties part removed",
                part=str(part.partname))
        return
    counters = []
    for child in list(root):
        name = local(child.tag)
        value = element_text(child)
        if name in APP_KEEP and not leaks(value):     # software, version, format: kept unless they identify
            continue
        root.remove(child)
        if name in APP_KEEP:
            category, severity = finding_kind(value, "document-property")
            ctx.add(category, severity, "removed", f"application property {name} held an identifier and was removed",
                    part=str(part.partname), text=quote(value, 300))
        elif name in APP_COUNTERS:
            counters.append(name)
        elif value:
            ctx.add("document-property", severity_for(name, value), "removed",
                    f"application property {name} removed", part=str(part.partname), text=quote(value, 300))
    if counters:
        ctx.add("document-property", "info", "removed",
                f"editing statistics removed ({', '.join(counters)})", part=str(part.partname))


def app_residue(deck) -> list[str]:
    return [f"application property {local(c.tag)} is still present"
            for part in property_parts(deck, APP) for c in deck.xml(part)
            if local(c.tag) not in APP_KEEP or leaks(element_text(c))]


# -- custom.xml, customXml, labels -------------------------------------------------------------

def custom_property_values(deck, part) -> list[tuple[str, str]]:
    try:
        root = deck.xml(part)
    except Exception:
        return []
    return [(prop.get("name", "?"), element_text(prop)) for prop in root if local(prop.tag) == "property"]


def scrub_custom_properties(deck, ctx) -> None:
    for source, rid, rel in rels_reaching(deck, CUSTOM_PROPERTIES, CUSTOM_PROPERTIES_TYPES):
        part = None if rel.is_external else rel._target
        values = custom_property_values(deck, part) if part is not None else []
        cut(deck, source, rid)
        partname = str(part.partname) if part is not None else rel.target_ref
        labels = [(n, v) for n, v in values if n.startswith("MSIP_Label")]
        others = [(n, v) for n, v in values if not n.startswith("MSIP_Label")]
        if labels:
            text = "; ".join(f"{n}={v}" for n, v in labels)
            ctx.add("sensitivity-label", severity_for("", text), "removed",
                    f"{len(labels)} sensitivity-label propert(ies) removed", part=partname, text=quote(text, 300))
        plain = []
        for name, value in others:
            read_value(ctx, f"{name!r}", value, partname)
            if severity_for(name, value) == "high":
                ctx.add("custom-property", "high", "removed",
                        f"custom document property {name!r} removed", part=partname, text=quote(value, 200))
            else:
                plain.append(f"{name}={value}")
        if plain:
            ctx.add("custom-property", "info", "removed", f"{len(plain)} custom document propert(ies) removed",
                    part=partname, text=quote("; ".join(plain), 400))
        if not values:
            ctx.add("custom-property", "info", "removed", "custom properties part removed", part=partname)


def scrub_custom_xml(deck, ctx) -> None:
    for source, rid, rel in rels_of_type(deck, *CUSTOM_XML):
        part = None if rel.is_external else rel._target
        text = part_text(deck, part) if part is not None else ""
        cut(deck, source, rid)
        partname = str(part.partname) if part is not None else rel.target_ref
        ctx.add("custom-xml", severity_for("", text), "removed", "custom XML data part removed",
                text=quote(text, 200) if text else None, **{**where(deck, source), "part": partname})
        read_value(ctx, "custom XML data", text, partname)


def scrub_labels(deck, ctx) -> None:
    for source, rid, rel in rels_of_type(deck, *LABELS):
        part = None if rel.is_external else rel._target
        ids = []
        if part is not None:
            try:
                ids = [el.get("id", "") for el in deck.xml(part).iter() if local(el.tag) == "label"]
            except Exception:
                ids = []
        cut(deck, source, rid)
        ctx.add("sensitivity-label", "info", "removed", "sensitivity label part removed",
                part=str(part.partname) if part is not None else rel.target_ref,
                text=", ".join(i for i in ids if i) or None)


def scrub(deck, ctx) -> None:
    scrub_core(deck, ctx)
    scrub_app(deck, ctx)
    scrub_custom_properties(deck, ctx)
    scrub_custom_xml(deck, ctx)
    scrub_labels(deck, ctx)


def residue(deck, options) -> list[str]:
    out = core_residue(deck) + app_residue(deck)
    for _source, _rid, rel in rels_reaching(deck, CUSTOM_PROPERTIES + CUSTOM_XML + LABELS, CUSTOM_PROPERTIES_TYPES):
        out.append(f"{rel.reltype.rsplit('/', 1)[-1]} part {rel.target_ref} is still related")
    return out
