"""Faces in pictures (issue 4 part 4b): the hooks run, medical images do not trigger, a portrait does."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pydicom
import pytest
from PIL import Image

from slidesan.images import faces
from slidesan.pack import image_file

detector = pytest.mark.skipif(not faces.detector_status()[0], reason=faces.detector_status()[1])
MEDICAL = ("deid_data/GREYSCALE_IMAGE.dcm", "deid_data/RGB_IMAGE.dcm", "presidio/0_ORIGINAL.png",
           "presidio/0_ORIGINAL_compressed.dcm", "presidio/1_ORIGINAL.png", "presidio/2_ORIGINAL.png",
           "presidio/3_ORIGINAL.png", "presidio/RGB_ORIGINAL.png", "presidio/RGB_ORIGINAL.dcm",
           "smi_dicompixelanon/US-GE-4AICL142.dcm", "smi_dicompixelanon/sample-US.jpg",
           "smi_dicompixelanon/sample-US-regions.jpg", "smi_dicompixelanon/MR-SIEMENS-DICOM-WithOverlays.dcm")


def portrait() -> Image.Image:
    """A real photograph of a face that a package ships (matplotlib's sample data), if installed."""
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")       # located, not imported: only its data file is used
    path = Path(spec.origin).parent / "mpl-data" / "sample_data" / "grace_hopper.jpg" if spec and spec.origin else None
    if path is None or not path.exists():
        pytest.skip("no offline photograph of a face available (matplotlib's sample data not installed)")
    return Image.open(path)


def picture(shared_dir, rel) -> Image.Image:
    path = shared_dir / "corpus" / "images" / rel
    if path.suffix in (".dcm", ".dicom"):
        from slidesan.dicom import pixels

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pixels.render_frames(pydicom.dcmread(path), [0])[0].image
    return Image.open(path)


def test_face_check_is_registered_in_the_pack_hook():
    assert faces.check_picture_bytes in image_file.FACE_CHECKS
    blank = io.BytesIO()
    Image.new("RGB", (300, 200), (200, 200, 200)).save(blank, "PNG")
    assert faces.check_picture_bytes(blank.getvalue(), "a.png") == []
    assert faces.check_picture_bytes(b"not a picture", "b.png") == []


def test_status_says_why_when_the_detector_is_missing():
    available, why = faces.detector_status()
    assert isinstance(why, str) and why
    if not available:
        assert faces.face_finding(Image.new("L", (200, 200)), "x.png") is None


@detector
@pytest.mark.parametrize("rel", MEDICAL)
def test_no_face_in_radiographs_ct_or_ultrasound(shared_dir, rel):
    assert faces.find_faces(picture(shared_dir, rel)) == []


@detector
def test_portrait_gives_one_review_finding_with_a_box():
    image = portrait()
    finding = faces.face_finding(image, "photos/p.jpg")
    assert finding is not None and finding.category == "face" and finding.severity == "review"
    left, top, right, bottom = finding.box
    assert 0 <= left < right <= image.width and 0 <= top < bottom <= image.height
    buf = io.BytesIO()
    image.convert("RGB").save(buf, "PNG")
    assert [f.category for f in faces.check_picture_bytes(buf.getvalue(), "p.png")] == ["face"]


@detector
def test_small_portrait_on_a_slide_sized_canvas_still_found():
    canvas = Image.new("RGB", (1200, 900), (255, 255, 255))
    canvas.paste(portrait().convert("RGB").resize((300, 384)), (100, 100))
    assert faces.find_faces(canvas)


@detector
def test_deck_picture_with_a_face_gives_a_review_finding(tmp_path):
    from pptx import Presentation
    from pptx.util import Inches

    from slidesan.api import clean

    buf = io.BytesIO()
    portrait().convert("RGB").save(buf, "JPEG")
    buf.seek(0)
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_picture(buf, Inches(1), Inches(1), Inches(3))
    prs.save(tmp_path / "talk.pptx")
    report = clean(tmp_path / "talk.pptx", tmp_path / "out.pptx", faces_options())
    found = [f for f in report.findings if f.category == "face"]
    assert len(found) == 1 and found[0].slide == 1 and found[0].severity == "review"
    assert report.verdict != "publication"


def faces_options():
    from slidesan.options import Options

    return Options(ocr=False)


@detector
def test_secondary_capture_dicom_showing_a_face(tmp_path):
    import numpy as np
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    from slidesan.dicom import burned_in
    from slidesan.options import Options

    rgb = np.asarray(portrait().convert("RGB"))
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID, ds.SOPInstanceUID, ds.Modality = "1.2.840.10008.5.1.4.1.1.7", generate_uid(), "OT"
    ds.Rows, ds.Columns = rgb.shape[:2]
    ds.SamplesPerPixel, ds.PhotometricInterpretation, ds.PlanarConfiguration = 3, "RGB", 0
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    ds.PixelData = rgb.tobytes()
    found = burned_in.inspect(ds, "sc.dcm", Options(ocr=False)).findings
    assert [f.category for f in found if f.category == "face"] == ["face"]
    assert any(f.action == "not-inspected" for f in found)          # OCR off is still said


@detector
@pytest.mark.parametrize("command", ["check", "clean"])
def test_pdf_handout_showing_a_surface_render_of_a_face(tmp_path, command):
    """A handout exported from a deck shows the same 3D render as the deck: its images are looked at
    for faces as deck pictures are, with OCR off too (a face has no text to read)."""
    import slidesan
    from fixtures.face_render import face_render

    page = Image.new("RGB", (1200, 900), "white")
    page.paste(face_render(420), (600, 300))
    page.save(tmp_path / "handout.pdf", "PDF", resolution=96)
    if command == "check":
        report = slidesan.check([tmp_path / "handout.pdf"], faces_options())
    else:
        report = slidesan.clean(tmp_path / "handout.pdf", tmp_path / "out.pdf", faces_options())
    found = [f for f in report.findings if f.category == "face"]
    assert len(found) == 1 and found[0].severity == "review" and found[0].action == "flagged"
    assert found[0].image and found[0].box
    assert report.verdict != "publication"


@detector
def test_pdf_picture_without_a_face_gives_no_face_finding(tmp_path):
    import slidesan
    from fixtures.face_render import face_render

    page = Image.new("RGB", (1200, 900), "white")
    page.paste(face_render(420).transpose(Image.Transpose.ROTATE_180).convert("L").point(lambda v: 255 - v),
               (600, 300))
    page.save(tmp_path / "handout.pdf", "PDF", resolution=96)
    report = slidesan.check([tmp_path / "handout.pdf"], faces_options())
    assert not [f for f in report.findings if f.category == "face"]


@detector
def test_a_picture_seen_again_is_not_scanned_again(monkeypatch):
    """A handout or pack shows the same photograph or logo many times: the answer for the same working
    pixels is remembered, a different picture is scanned."""
    from fixtures.face_render import face_render

    scans = []
    real = faces._cascade()

    class Counting:
        def detectMultiScale(self, grey, **settings):
            scans.append(grey.shape)
            return real.detectMultiScale(grey, **settings)

    monkeypatch.setattr(faces, "_cascade", Counting)
    page = Image.new("RGB", (900, 700), "white")
    page.paste(face_render(400), (251, 149))          # a picture no other test looks at
    first = faces.find_faces(page.copy())
    assert first and faces.find_faces(page.copy()) == first and len(scans) == 1
    faces.find_faces(page.transpose(Image.Transpose.FLIP_LEFT_RIGHT))
    assert len(scans) == 2


def test_pdf_picture_too_small_for_a_face_is_not_decoded(monkeypatch):
    """A picture whose dictionary is below the detector's minimum is not decoded for faces, unless its
    decoder takes the size from the coded data (a JPEG saying 30 x 30 in its dictionary is decoded)."""
    import zlib
    from types import SimpleNamespace

    import pikepdf

    from slidesan.pdf.faces import look_for_faces

    pdf = pikepdf.new()
    image = dict(Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=30, Height=30, BitsPerComponent=8)
    tiny = pdf.make_stream(zlib.compress(bytes(900)), Filter=pikepdf.Name.FlateDecode,
                           ColorSpace=pikepdf.Name.DeviceGray, **image)
    buf = io.BytesIO()
    Image.new("RGB", (200, 200), "grey").save(buf, "JPEG")
    liar = pdf.make_stream(buf.getvalue(), Filter=pikepdf.Name.DCTDecode, ColorSpace=pikepdf.Name.DeviceRGB, **image)
    decoded = []
    real = pikepdf.PdfImage.as_pil_image
    monkeypatch.setattr(pikepdf.PdfImage, "as_pil_image", lambda self: decoded.append(self.obj.objgen) or real(self))
    ctx = SimpleNamespace(options=SimpleNamespace(jobs=1), add=lambda *a, **k: None)
    look_for_faces(ctx, [tiny, liar], [])
    assert decoded == [liar.objgen]
