"""The smoothed edges of letters a capture shows are not text the stored window hides (text_screen.py)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

from fixtures.dicom_burned_in import _font
from slidesan.dicom import pixels, text_screen

ROWS = ("Series  Type     CTDIvol  DLP", "1       Scout    -        -", "2       Helical  10.21    512.30",
        "3       Helical  4.87     100.10", "Total DLP: 612.40 mGy-cm")


def table_capture(size: int) -> Dataset:
    """An 8-bit capture of a dose table: smoothed light grey letters on black, no window in the header."""
    image = Image.new("L", (480, 200), 0)
    draw = ImageDraw.Draw(image)
    for row, text in enumerate(ROWS):
        draw.text((10, 12 + 30 * row), text, fill=230, font=_font(size))
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.Modality = "OT"
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.Rows, ds.Columns = 200, 480
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    ds.PixelData = np.asarray(image, np.uint8).tobytes()
    return ds


@pytest.mark.parametrize("size", [11, 12, 13])
def test_the_edges_of_shown_letters_are_not_hidden_text(size):
    ds = table_capture(size)
    assert text_screen.text_marks(pixels.decode_frame(ds, 0))              # drawn text, found by the screen
    assert text_screen.hidden_marks(ds, pixels.render_frames(ds, [0])) == []
