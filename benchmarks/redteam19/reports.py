"""Red team 19 cases: structured reports and key object selections (SR trees in every shape).

Each builder takes (patient, identifying, rng) and returns (dataset, save options, extra needles).
In the identifying file the text, names, dates and UIDs of the tree name the patient; in its clean
twin the same items hold harmless words (a PNAME item becomes a TEXT item saying "not recorded",
a DATE item a NUM item), so a cleaner that treats the twin as identifying is over-strict.
"""

from __future__ import annotations

from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from objects import base, code, concept, container, item, pick, sr_document, uid

FINDING = concept("121071", "Finding")
COMMENT = concept("121106", "Comment")
OBSERVER = concept("121008", "Person Observer Name")
HARMLESS = ["Liver normal in size and echotexture.", "No focal lesion identified.",
            "Appearances stable compared with the previous examination.", "Small left pleural effusion."]


def _person_or_text(p, ident: bool, who: str, name: Sequence, rel: str = "HAS OBS CONTEXT") -> Dataset:
    if ident:
        return item("PNAME", rel, name, PersonName=who)
    return item("TEXT", rel, name, TextValue="not recorded")


def _date_or_num(ident: bool, value: str, vt: str = "DATE") -> Dataset:
    name = concept("111060", "Study Date") if vt == "DATE" else concept("111526", "DateTime Started")
    if ident:
        key = {"DATE": "Date", "DATETIME": "DateTime", "TIME": "Time"}[vt]
        return item(vt, "HAS OBS CONTEXT", name, **{key: value})
    number = Dataset()
    number.NumericValue = "3"
    number.MeasurementUnitsCodeSequence = Sequence([code("1", "UCUM", "no units")])
    return item("NUM", "HAS OBS CONTEXT", concept("121401", "Derivation"), MeasuredValueSequence=Sequence([number]))


def _verifier(ds: Dataset, p, ident: bool) -> None:
    if ident:
        verifier = Dataset()
        verifier.VerifyingObserverName = p.doctor_pn("consultant")
        verifier.VerifyingOrganization = p.institution
        verifier.VerificationDateTime = p.birth + "101500"
        verifier.VerifyingObserverIdentificationCodeSequence = Sequence([code(p.mrn, "99LOCAL", p.doctor("consultant"))])
        ds.VerifyingObserverSequence = Sequence([verifier])
        ds.VerificationFlag = "VERIFIED"


def comprehensive(p, ident, rng):
    """Comprehensive SR: every value type, observation context, by-reference links, 6 levels deep."""
    ds = base("comprehensive-sr", p, ident, rng)
    referenced = uid(rng)
    leaf = [item("TEXT", "CONTAINS", FINDING, TextValue=pick(ident, p.sentence(rng), HARMLESS[0])),
            item("CODE", "CONTAINS", concept("L-0042", pick(ident, f"Lesion seen by {p.doctor()}", "Lesion"), "99LOCAL"),
                 ConceptCodeSequence=Sequence([code("LX7", "99LOCAL", pick(ident, f"{p.family} cyst", "Simple cyst"))])),
            item("CODE", "CONTAINS", concept("121071", "Finding"),
                 ConceptCodeSequence=Sequence([code(pick(ident, p.mrn, "T-D0050"), "SRT",
                                                    pick(ident, f"Tissue of {p.given} {p.family}", "Tissue"))])),
            item("UIDREF", "CONTAINS", concept("121232", "Source series for image processing"),
                 UID=pick(ident, ds.StudyInstanceUID, referenced))]
    if ident:
        leaf.append(item("DATETIME", "CONTAINS", concept("111526", "DateTime Started"), DateTime=p.birth + "0830"))
        leaf.append(item("TIME", "CONTAINS", concept("111527", "Time Started"), Time="083000"))
    else:
        leaf.append(_date_or_num(False, ""))
    level = container("CONTAINS", concept("111028", "Image Library"), leaf)
    for depth in range(5):
        label = pick(ident, f"Section for {p.given} {p.family} #{depth}", f"Section {depth}")
        level = container("CONTAINS", concept(f"S{depth}", label, "99LOCAL"), [level])
    linked = item("TEXT", "INFERRED FROM", COMMENT, TextValue=pick(ident, f"See {p.mrn} above", "See above"))
    linked.ReferencedContentItemIdentifier = [1, 3, 1]
    observer = _person_or_text(p, ident, p.doctor_pn(), OBSERVER)
    children = [item("CODE", "HAS CONCEPT MOD", concept("121049", "Language of Content Item and Descendants"),
                     ConceptCodeSequence=Sequence([code("en", "RFC5646", "English")])),
                observer, _date_or_num(ident, p.birth), level, linked]
    sr_document(ds, concept("18748-4", "Diagnostic imaging report", "LN"), children, "2000")
    _verifier(ds, p, ident)
    return ds, {}, {}


def enhanced(p, ident, rng):
    """Enhanced SR: a measurement with a free-text method and an image reference, and a note."""
    ds = base("enhanced-sr", p, ident, rng)
    number = Dataset()
    number.NumericValue = "23.5"
    number.MeasurementUnitsCodeSequence = Sequence([code("mm", "UCUM", "millimeter")])
    measure = item("NUM", "CONTAINS", concept("410668003", "Length", "SCT"), MeasuredValueSequence=Sequence([number]))
    method = item("TEXT", "HAS PROPERTIES", concept("370129005", "Measurement Method", "SCT"),
                  TextValue=pick(ident, f"Measured by {p.doctor('consultant')} on {p.birth_human}", "Calliper"))
    measure.ContentSequence = Sequence([method])
    image = item("IMAGE", "CONTAINS", concept("121200", "Illustration of ROI"))
    ref = Dataset()
    ref.ReferencedSOPClassUID, ref.ReferencedSOPInstanceUID = "1.2.840.10008.5.1.4.1.1.2", uid(rng)
    image.ReferencedSOPSequence = Sequence([ref])
    note = item("TEXT", "CONTAINS", COMMENT, TextValue=pick(ident, f"NHS {p.nhs}. {p.address}.", HARMLESS[1]))
    sr_document(ds, concept("18748-4", "Diagnostic imaging report", "LN"), [measure, image, note], "1500")
    return ds, {}, {}


def basic(p, ident, rng):
    """Basic Text SR: headed sections of prose, the way a radiology system exports a report."""
    ds = base("basic-sr", p, ident, rng)
    history = item("TEXT", "CONTAINS", concept("121060", "History"),
                   TextValue=pick(ident, f"{p.given} {p.family}, born {p.birth_human}, hospital number {p.mrn}. "
                                         f"Referred by {p.doctor()} ({p.institution}).", "Cough for three weeks."))
    body = item("TEXT", "CONTAINS", FINDING, TextValue=pick(ident, p.sentence(rng) + "\r\n" + HARMLESS[2],
                                                             HARMLESS[2]))
    sections = [container("CONTAINS", concept("121060", "History"), [history]),
                container("CONTAINS", concept("121070", "Findings"), [body]),
                _person_or_text(p, ident, p.doctor_pn("consultant"), OBSERVER)]
    sr_document(ds, concept("18748-4", "Diagnostic imaging report", "LN"), sections, "2000")
    return ds, {}, {}


def key_objects(p, ident, rng):
    """Key Object Selection: the Key Object Description TEXT item and a referenced image."""
    ds = base("kos", p, ident, rng)
    text = item("TEXT", "CONTAINS", concept("113012", "Key Object Description"),
                TextValue=pick(ident, f"Teaching file: {p.family.upper()} {p.given} {p.nhs_spaced}", "Teaching file"))
    image = item("IMAGE", "CONTAINS", concept("113001", "Rejected for Quality Reasons"))
    ref = Dataset()
    ref.ReferencedSOPClassUID, ref.ReferencedSOPInstanceUID = "1.2.840.10008.5.1.4.1.1.2", uid(rng)
    image.ReferencedSOPSequence = Sequence([ref])
    sr_document(ds, concept("113000", "Of Interest"), [text, image], "2010")
    evidence = Dataset()
    evidence.StudyInstanceUID = ds.StudyInstanceUID
    series = Dataset()
    series.SeriesInstanceUID = uid(rng)
    series.ReferencedSOPSequence = Sequence([ref])
    evidence.ReferencedSeriesSequence = Sequence([series])
    ds.CurrentRequestedProcedureEvidenceSequence = Sequence([evidence])
    return ds, {}, {}


def deep(p, ident, rng):
    """A report whose TEXT sits under 400 nested CONTAINERs (iterative walkers only)."""
    ds = base("comprehensive-sr", p, ident, rng)
    level = item("TEXT", "CONTAINS", FINDING, TextValue=pick(ident, p.sentence(rng), HARMLESS[3]))
    for _ in range(400):
        level = container("CONTAINS", concept("111028", "Image Library"), [level])
    sr_document(ds, concept("18748-4", "Diagnostic imaging report", "LN"), [level])
    return ds, {"deep": True}, {}


def un_content(p, ident, rng):
    """An SR whose ContentSequence is written as VR UN (implicit little endian inside explicit)."""
    from pydicom.dataelem import DataElement

    from objects import sequence_as_un
    ds, _, extra = basic(p, ident, rng)
    raw = sequence_as_un(ds.ContentSequence, 0x0040A730, ds._character_set)
    del ds.ContentSequence
    ds.add(DataElement(0x0040A730, "UN", raw))
    ds.add(DataElement(0x00204000, "UN", pick(ident, f"Seen by {p.doctor()}", "Seen").encode("utf-8") + b" "))
    return ds, {}, extra


def odd_places(p, ident, rng):
    """Text where a reader does not look: after a NUL, split by zero-width spaces, across the values
    of a multi-valued LO, in a DCM concept name with a meaning of its own, in acquisition context,
    and the old name kept in Original Attributes."""
    ds = base("comprehensive-sr", p, ident, rng, "ISO_IR 192")
    hidden = item("TEXT", "CONTAINS", FINDING, TextValue=pick(
        ident, f"Normal study.\0\0{p.family} {p.given} {p.mrn}", "Normal study.\0\0"))
    spaced = "\u200b".join(p.family)
    split = item("TEXT", "CONTAINS", COMMENT, TextValue=pick(ident, f"Dictated by\tDr {spaced}\r\nfor {p.given}", "Dictated"))
    named = item("TEXT", "CONTAINS", concept("121071", pick(ident, f"Finding for {p.family}", "Finding")),
                 TextValue="See images.")
    sr_document(ds, concept("18748-4", "Diagnostic imaging report", "LN"), [hidden, split, named])
    context = item("TEXT", "HAS ACQ CONTEXT", concept("121106", "Comment"),
                   TextValue=pick(ident, f"Scanned at {p.institution} for {p.doctor('consultant')}", "Routine"))
    ds.AcquisitionContextSequence = Sequence([context])
    ds.add_new(0x00081030, "LO", pick(ident, [p.family, p.given, "CT"], ["CT", "CHEST"]))   # StudyDescription
    ds.add_new(0x00180015, "CS", pick(ident, ["CHEST", p.family.upper().replace(" ", "_")[:16]], ["CHEST", "ABDOMEN"]))
    if ident:
        old = Dataset()
        old.PatientName, old.PatientID = p.pn, p.mrn
        original = Dataset()
        original.ModifiedAttributesSequence = Sequence([old])
        original.AttributeModificationDateTime, original.ModifyingSystem = "20240115", "PACS"
        original.ReasonForTheAttributeModification = "CORRECT"
        ds.OriginalAttributesSequence = Sequence([original])
    return ds, {}, {"hidden-spaced": spaced}


CASES = {"sr-comprehensive": comprehensive, "sr-enhanced": enhanced, "sr-basic": basic, "kos-text": key_objects,
         "sr-deep-400": deep, "sr-content-as-un": un_content, "sr-odd-places": odd_places}
