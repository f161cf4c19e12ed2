"""Red team 19 cases: presentation states, RT objects, segmentations, documents, waveforms, headers.

Same contract as reports.py: (patient, identifying, rng) -> (dataset, save options, extra needles).
"""

from __future__ import annotations

from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from objects import base, code, concept, item, pdf_bytes, pick, small_pixels, sr_document, uid


def gsps(p, ident, rng):
    """Grayscale Softcopy Presentation State: text objects, a layer description, content label."""
    ds = base("gsps", p, ident, rng)
    ds.ContentLabel = pick(ident, p.family.upper().replace(" ", "_").replace("-", "_")[:16], "ANNOTATIONS")
    ds.ContentDescription = pick(ident, f"Arrows for {p.given} {p.family}", "Arrows for teaching")
    ds.ContentCreatorName = pick(ident, p.doctor_pn(), "")
    ds.PresentationCreationDate, ds.PresentationCreationTime = "20240116", "090000"
    layer = Dataset()
    layer.GraphicLayer, layer.GraphicLayerOrder = "LAYER1", 1
    layer.GraphicLayerDescription = pick(ident, f"{p.doctor('consultant')} notes", "Teaching notes")
    ds.GraphicLayerSequence = Sequence([layer])
    text = Dataset()
    text.BoundingBoxAnnotationUnits = "PIXEL"
    text.BoundingBoxTopLeftHandCorner, text.BoundingBoxBottomRightHandCorner = [10, 10], [200, 40]
    text.BoundingBoxTextHorizontalJustification = "LEFT"
    text.UnformattedTextValue = pick(ident, f"{p.family}, {p.given} DOB {p.birth_human} MRN {p.mrn}", "Lesion 1")
    text2 = Dataset()
    text2.AnchorPointAnnotationUnits, text2.AnchorPoint, text2.AnchorPointVisibility = "PIXEL", [50, 60], "Y"
    text2.UnformattedTextValue = pick(ident, f"NHS {p.nhs_spaced}", "2.3 cm")
    annotation = Dataset()
    annotation.GraphicLayer = "LAYER1"
    ref = Dataset()
    ref.ReferencedSOPClassUID, ref.ReferencedSOPInstanceUID = "1.2.840.10008.5.1.4.1.1.2", uid(rng)
    annotation.ReferencedImageSequence = Sequence([ref])
    annotation.TextObjectSequence = Sequence([text, text2])
    ds.GraphicAnnotationSequence = Sequence([annotation])
    area = Dataset()
    area.DisplayedAreaTopLeftHandCorner, area.DisplayedAreaBottomRightHandCorner = [1, 1], [512, 512]
    area.PresentationSizeMode, area.PresentationPixelSpacing = "SCALE TO FIT", [0.7, 0.7]
    ds.DisplayedAreaSelectionSequence = Sequence([area])
    return ds, {}, {}


def rtstruct(p, ident, rng):
    """RT Structure Set: structure set label/name/description, ROI names, interpreters."""
    ds = base("rtstruct", p, ident, rng)
    ds.StructureSetLabel = pick(ident, p.family[:16], "PELVIS")
    ds.StructureSetName = pick(ident, f"{p.given} {p.family} plan", "Pelvis contours")
    ds.StructureSetDescription = pick(ident, f"Contoured by {p.doctor('consultant')} for {p.mrn}", "Contours")
    ds.StructureSetDate, ds.StructureSetTime = "20240110", "120000"
    rois, observations = [], []
    for number, (name, harmless) in enumerate([(f"GTV_{p.family.split()[0]}", "GTV"),
                                               (f"PTV {p.mrn}", "PTV_60"), ("Bladder", "Bladder")], 1):
        roi = Dataset()
        roi.ROINumber, roi.ReferencedFrameOfReferenceUID = number, uid(rng)
        roi.ROIName = pick(ident, name, harmless)
        roi.ROIDescription = pick(ident, f"drawn for {p.given} {p.family}", "manual")
        roi.ROIGenerationAlgorithm = "MANUAL"
        rois.append(roi)
        obs = Dataset()
        obs.ObservationNumber, obs.ReferencedROINumber, obs.RTROIInterpretedType = number, number, "ORGAN"
        obs.ROIObservationLabel = pick(ident, p.family[:16], "organ")
        obs.ROIInterpreter = pick(ident, p.doctor_pn("consultant"), "")
        observations.append(obs)
    ds.StructureSetROISequence, ds.RTROIObservationsSequence = Sequence(rois), Sequence(observations)
    return ds, {}, {}


def rtplan(p, ident, rng):
    """RT Plan: plan label/name/description, approval with the reviewer's name, prescription text."""
    ds = base("rtplan", p, ident, rng)
    ds.RTPlanLabel = pick(ident, p.family[:16], "PROSTATE")
    ds.RTPlanName = pick(ident, f"{p.family} {p.mrn}", "Prostate 60/20")
    ds.RTPlanDescription = pick(ident, f"Plan for {p.given} {p.family}, {p.address}", "Standard plan")
    ds.RTPlanDate, ds.RTPlanTime, ds.RTPlanGeometry = "20240111", "100000", "PATIENT"
    ds.ApprovalStatus = "APPROVED"
    ds.ReviewDate, ds.ReviewTime = "20240112", "110000"
    ds.ReviewerName = pick(ident, p.doctor_pn("consultant"), "")
    ds.PrescriptionDescription = pick(ident, f"As agreed with {p.doctor()} on {p.birth_human}", "60 Gy in 20")
    fraction = Dataset()
    fraction.FractionGroupNumber, fraction.NumberOfFractionsPlanned = 1, 20
    fraction.FractionGroupDescription = pick(ident, f"{p.family} phase 1", "Phase 1")
    ds.FractionGroupSequence = Sequence([fraction])
    dose = Dataset()
    dose.DoseReferenceNumber, dose.DoseReferenceStructureType, dose.DoseReferenceType = 1, "SITE", "TARGET"
    dose.DoseReferenceDescription = pick(ident, f"NHS {p.nhs}", "Prostate")
    ds.DoseReferenceSequence = Sequence([dose])
    return ds, {}, {}


def segmentation(p, ident, rng):
    """Segmentation: segment labels and descriptions (and an algorithm name) naming the patient."""
    ds = base("seg", p, ident, rng)
    ds.Rows = ds.Columns = 8
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 1, 1, 0, 0
    ds.NumberOfFrames, ds.SegmentationType, ds.ContentLabel = 1, "BINARY", "SEGMENTATION"
    ds.PixelData = bytes([0x00, 0x3C, 0x3C, 0x3C, 0x3C, 0x00, 0x00, 0x00])
    segment = Dataset()
    segment.SegmentNumber, segment.SegmentAlgorithmType = 1, "SEMIAUTOMATIC"
    segment.SegmentLabel = pick(ident, f"{p.family} tumour", "Tumour")
    segment.SegmentDescription = pick(ident, f"Outlined by {p.doctor('consultant')}, MRN {p.mrn}", "Outlined")
    segment.SegmentAlgorithmName = pick(ident, f"{p.referrer[1]} tool", "Region grow")
    segment.SegmentedPropertyCategoryCodeSequence = Sequence([code("49755003", "SCT", "Morphologically Altered Structure")])
    segment.SegmentedPropertyTypeCodeSequence = Sequence([code("108369006", "SCT", "Neoplasm")])
    ds.SegmentSequence = Sequence([segment])
    return ds, {}, {}


def encapsulated_pdf(p, ident, rng):
    """Encapsulated PDF: a real one-page PDF naming the patient in its text and its Info."""
    ds = base("pdf", p, ident, rng)
    lines = pick(ident, [f"Radiology report for {p.given} {p.family}", f"NHS number {p.nhs_spaced}",
                         f"Date of birth {p.birth_human}", f"Address {p.address}", f"Referrer {p.doctor()}"],
                 ["Radiology report", "Chest radiograph: clear lungs.", "No pneumothorax."])
    info = pick(ident, {"Title": f"Report {p.family} {p.mrn}", "Author": p.doctor("consultant")},
                {"Title": "Teaching report"})
    data = pdf_bytes(lines, info)
    ds.MIMETypeOfEncapsulatedDocument = "application/pdf"
    ds.DocumentTitle = pick(ident, f"Report {p.family}", "Report")
    ds.BurnedInAnnotation = "YES"
    ds.ConceptNameCodeSequence = concept("18748-4", "Diagnostic imaging report", "LN")
    ds.EncapsulatedDocumentLength = len(data)
    ds.EncapsulatedDocument = data + (b"\0" if len(data) % 2 else b"")
    return ds, {}, {}


def encapsulated_cda(p, ident, rng):
    """Encapsulated CDA: an XML clinical document naming the patient."""
    ds = base("cda", p, ident, rng)
    given, family = pick(ident, (p.given, p.family), ("Anonymous", "Anonymous"))
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ClinicalDocument xmlns="urn:hl7-org:v3"><recordTarget>'
           f'<patientRole><id root="2.16.840.1.113883.2.1.4.1" extension="{pick(ident, p.nhs, "0")}"/>'
           f'<patient><name><given>{given}</given><family>{family}</family></name>'
           f'<birthTime value="{pick(ident, p.birth, "19000101")}"/></patient></patientRole></recordTarget>'
           f'<component><section><text>{pick(ident, p.sentence(rng), "Normal study.")}</text></section></component>'
           "</ClinicalDocument>\n").encode("utf-8")
    ds.MIMETypeOfEncapsulatedDocument = "text/XML"
    ds.DocumentTitle, ds.BurnedInAnnotation = "Clinical document", "NO"
    ds.EncapsulatedDocumentLength = len(xml)
    ds.EncapsulatedDocument = xml + (b" " if len(xml) % 2 else b"")
    return ds, {}, {}


def ecg(p, ident, rng):
    """12-lead ECG with one channel of samples and free-text waveform annotations."""
    ds = base("ecg", p, ident, rng)
    group = Dataset()
    group.MultiplexGroupTimeOffset, group.WaveformOriginality = 0.0, "ORIGINAL"
    group.NumberOfWaveformChannels, group.NumberOfWaveformSamples, group.SamplingFrequency = 1, 16, 500
    channel = Dataset()
    channel.ChannelSourceSequence = Sequence([code("5.6.3-9-1", "SCPECG", "Lead I (Einthoven)")])
    channel.ChannelSensitivity, channel.ChannelSensitivityCorrectionFactor = 1, 1
    channel.ChannelSensitivityUnitsSequence = Sequence([code("uV", "UCUM", "microvolt")])
    channel.ChannelBaseline, channel.WaveformBitsStored = 0, 16
    channel.ChannelLabel = pick(ident, p.family[:16], "Lead I")
    group.ChannelDefinitionSequence = Sequence([channel])
    group.WaveformBitsAllocated, group.WaveformSampleInterpretation = 16, "SS"
    group.WaveformData = bytes(range(32))
    ds.WaveformSequence = Sequence([group])
    notes = []
    for text in pick(ident, [f"Recorded for {p.given} {p.family} by {p.doctor()}", f"Hosp no {p.mrn}"],
                     ["Sinus rhythm", "Normal axis"]):
        note = Dataset()
        note.UnformattedTextValue, note.ReferencedWaveformChannels = text, [1, 1]
        notes.append(note)
    ds.WaveformAnnotationSequence = Sequence(notes)
    return ds, {}, {}


def request_and_others(p, ident, rng):
    """An image with identity in request attributes, referenced patient, other IDs, other names."""
    ds = base("ct", p, ident, rng)
    small_pixels(ds)
    request = Dataset()
    request.RequestedProcedureID = pick(ident, p.mrn, "RP1")
    request.ScheduledProcedureStepID = pick(ident, p.accession, "SPS1")
    request.ScheduledProcedureStepDescription = pick(ident, f"CT for {p.family} ({p.doctor()})", "CT abdomen")
    request.RequestedProcedureDescription = pick(ident, f"{p.given} {p.family} follow-up", "Follow-up")
    request.ReasonForTheRequestedProcedure = pick(ident, f"Known to {p.doctor('consultant')}", "Staging")
    ds.RequestAttributesSequence = Sequence([request])
    referenced = Dataset()
    referenced.ReferencedSOPClassUID, referenced.ReferencedSOPInstanceUID = "1.2.840.10008.3.1.2.1.4", uid(rng)
    if ident:
        referenced.PatientName, referenced.PatientID = p.pn, p.nhs
        ds.OtherPatientNames = f"{p.family}^{p.given[0]}"
        ds.PatientBirthName = f"{p.family}^{p.given}"
        ds.PatientBirthDateInAlternativeCalendar = p.birth_human
        other = Dataset()
        other.PatientID, other.IssuerOfPatientID, other.TypeOfPatientID = p.nhs, "NHS", "TEXT"
        ds.OtherPatientIDsSequence = Sequence([other])
    ds.ReferencedPatientSequence = Sequence([referenced])
    return ds, {}, {}


def odd_vrs(p, ident, rng):
    """Text in UT, UC, LT, ST and UR elements the profile does not list (kept unless read)."""
    ds = base("sc", p, ident, rng)
    small_pixels(ds)
    ds.StrainAdditionalInformation = pick(ident, f"Owner {p.given} {p.family}, {p.address}", "Wild type")
    ds.GeneticModificationsDescription = pick(ident, f"{p.family} line {p.mrn}", "None")
    ds.PotentialReasonsForProcedure = pick(ident, f"NHS {p.nhs_spaced} follow-up", "Follow-up")
    ds.FrameComments = pick(ident, f"Frame annotated by {p.doctor()}", "Frame 1")
    ds.DerivationDescription = pick(ident, f"Derived from {p.family} {p.birth_human} study", "Derived")
    ds.PixelDataProviderURL = pick(ident, f"https://pacs.example.org/wado?patient={p.family.replace(' ', '')}"
                                   f"&id={p.mrn}", "https://pacs.example.org/wado?study=1")
    ds.WindowCenterWidthExplanation = pick(ident, f"{p.family} window", "SOFT TISSUE")
    return ds, {}, {}


def private_creators(p, ident, rng):
    """Private blocks whose creators and values hold names (an implicit-VR-only reader sees UN)."""
    ds = base("ct", p, ident, rng)
    small_pixels(ds)
    block = ds.private_block(0x0029, pick(ident, f"{p.referrer[1]} RESEARCH", "ACME 1.0"), create=True)
    block.add_new(0x10, "LO", pick(ident, p.pn, "calibrated"))
    block.add_new(0x11, "LT", pick(ident, p.sentence(rng), "ok"))
    ds.add(DataElement(0x00431027, "UN", pick(ident, p.nhs, "0000").encode() + b" "))   # no creator
    return ds, {"implicit": True}, {}


def no_meta(p, ident, rng):
    """A bare implicit VR little endian dataset: no preamble, no file meta."""
    ds, _, extra = key_objects_like(p, ident, rng)
    return ds, {"meta": False}, extra


def key_objects_like(p, ident, rng):
    ds = base("basic-sr", p, ident, rng)
    sr_document(ds, concept("18748-4", "Diagnostic imaging report", "LN"),
                [item("TEXT", "CONTAINS", concept("121071", "Finding"),
                      TextValue=pick(ident, p.sentence(rng), "Unremarkable."))])
    return ds, {}, {}


def overlay_icon(p, ident, rng):
    """An image with an overlay whose label and description name the patient, and an icon."""
    ds = base("ct", p, ident, rng)
    small_pixels(ds)
    for element, vr, value in [(0x0010, "US", 16), (0x0011, "US", 16), (0x0040, "CS", "G"), (0x0050, "SS", [1, 1]),
                               (0x0100, "US", 1), (0x0102, "US", 0),
                               (0x0022, "LO", pick(ident, f"Marks by {p.doctor()}", "Marks")),
                               (0x1500, "LO", pick(ident, f"{p.family} {p.mrn}", "ROI")), (0x3000, "OW", bytes(32))]:
        ds.add_new(0x60000000 | element, vr, value)
    icon = Dataset()
    small_pixels(icon, 8, 8)
    icon.ImageComments = pick(ident, f"Thumbnail of {p.given} {p.family}", "Thumbnail")
    ds.IconImageSequence = Sequence([icon])
    return ds, {}, {}


CASES = {"gsps": gsps, "rtstruct": rtstruct, "rtplan": rtplan, "seg": segmentation, "pdf": encapsulated_pdf,
         "cda": encapsulated_cda, "ecg": ecg, "request-ids": request_and_others, "odd-vrs": odd_vrs,
         "private-implicit": private_creators, "no-meta": no_meta, "overlay-icon": overlay_icon}
