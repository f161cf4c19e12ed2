"""Cuts in the picture reading's time that must not change what is read (issue 10): the learned
detector run from a copy of its model whose subnormal weights are zero (scan/ocr/subnormal_weights.py),
the region finder's quicker component labelling, one OpenCV thread a reader, and one
detector run a picture."""

from __future__ import annotations

import struct

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from slidesan.scan.ocr import learned
from slidesan.scan.ocr.subnormal_weights import flush_subnormals


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        out.append((value & 0x7F) | (0x80 if value > 0x7F else 0))
        value >>= 7
        if not value:
            return bytes(out)


def _field(number: int, payload: bytes) -> bytes:
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def _varint_field(number: int, value: int) -> bytes:
    return _varint(number << 3) + _varint(value)


def _tensor(name: str, values, data_type: int = 1, packed: bool = False) -> bytes:
    """A made-up TensorProto: dims, data_type, name and the values as raw_data (or float_data)."""
    fmt = "<%df" % len(values) if data_type == 1 else "<%di" % len(values)
    data = struct.pack(fmt, *values)
    return (_varint_field(1, len(values)) + _varint_field(2, data_type) + _field(8, name.encode())
            + _field(4 if packed else 9, data))


def _model(*tensors: bytes) -> bytes:
    graph = _field(1, b"\x0a\x01x") + b"".join(_field(5, t) for t in tensors)     # a node, then initializers
    return _varint_field(1, 8) + _field(2, b"made-up") + _field(7, graph)


def _floats(model: bytes, name: str) -> list[float]:
    start = model.index(name.encode()) + len(name) + 2      # the data field follows the name
    length = model[start - 1]
    return list(struct.unpack("<%df" % (length // 4), model[start:start + length]))


def test_subnormal_float_weights_become_zero_and_nothing_else_changes():
    weights = [1.5, 1e-40, -3e-42, 0.0, -2.0, 1.2e-38]       # 1.2e-38 is normal (the smallest is 1.18e-38)
    counts = _tensor("counts", [1, 2, 3], data_type=6)      # int32: bits of a subnormal float, left alone
    source = _model(_tensor("raw_weights", weights), _tensor("packed_weights", weights, packed=True), counts)
    flushed, changed = flush_subnormals(source)
    assert changed == 4 and len(flushed) == len(source)
    expected = [1.5, 0.0, 0.0, 0.0, -2.0, float(np.float32(1.2e-38))]
    assert _floats(flushed, "raw_weights") == expected and _floats(flushed, "packed_weights") == expected
    assert flushed.endswith(counts)


def test_a_model_without_subnormals_is_returned_as_it_was():
    source = _model(_tensor("raw_weights", [1.0, -0.5, 0.0]))
    assert flush_subnormals(source) == (source, 0)


def test_bytes_that_are_no_model_are_refused():
    with pytest.raises((ValueError, IndexError)):
        flush_subnormals(_varint_field(7, 1)[:1] + b"\xff\xff")


@pytest.mark.skipif(not learned.status()[0], reason="learned reader not installed")
def test_the_detector_runs_without_subnormal_weights_and_finds_the_same_places():
    import onnxruntime

    assert learned.subnormals_removed > 0
    runner = learned._detector.text_det.session
    fast = runner.session
    as_shipped = onnxruntime.InferenceSession(str(learned._model_dir() / learned.DET_MODEL),
                                              sess_options=fast.get_session_options(), providers=fast.get_providers())
    image = Image.new("RGB", (900, 300), (20, 20, 20))
    draw = ImageDraw.Draw(image)
    for k, (text, size) in enumerate([("OKAFOR^NGOZI  MRN 00417789", 22), ("12-Mar-1961  F", 14), ("Greyfield Infirmary", 10)]):
        draw.text((20 + 200 * k, 30 + 80 * k), text, font=ImageFont.truetype("DejaVuSans.ttf", size), fill=(235, 235, 235))
    rgb = np.asarray(image)
    places = []
    try:
        for session in (fast, as_shipped):
            runner.session = session
            places.append([(box, score, quad.tolist()) for box, score, quad in learned.detect_places(rgb, 1024)])
    finally:
        runner.session = fast
    assert places[0] and places[0] == places[1]


def test_component_stats_match_opencvs_default_labelling_in_order():
    """The region finder's quicker labelling (preprocess.component_stats) must find what OpenCV's
    default finds, in the same order: line finding is greedy and depends on it."""
    import cv2

    from slidesan.scan.ocr.preprocess import component_stats

    rng = np.random.default_rng(10)
    image = Image.new("L", (700, 240), 0)
    draw = ImageDraw.Draw(image)
    draw.text((8, 10), "NGUYEN, Thi Lan   ID-ABC-DEF-00000012", font=ImageFont.truetype("DejaVuSans.ttf", 15), fill=1)
    made_up = [np.asarray(image, np.uint8)] + [(rng.random((241, 333)) < density).astype(np.uint8)
                                               for density in (0.02, 0.2, 0.5, 0.8)]
    for mask in made_up:
        expected = cv2.connectedComponentsWithStats(mask, connectivity=8)[2]
        assert np.array_equal(component_stats(mask), expected)


@pytest.mark.skipif(not learned.status()[0], reason="learned reader not installed")
def test_the_detectors_input_by_table_is_rapidocrs_input_to_the_bit():
    table_input = learned._detector.text_det.get_preprocess()
    assert isinstance(table_input, learned._TableInput)
    rapidocr_input = table_input.preprocess
    rng = np.random.default_rng(3)
    for shape in ((70, 130, 3), (300, 515, 3)):
        picture = rng.integers(0, 256, shape, dtype=np.uint8)
        expected = rapidocr_input(picture)
        got = table_input(picture)
        assert got.dtype == expected.dtype == np.float32 and got.shape == expected.shape
        assert np.array_equal(got, expected)


@pytest.mark.skipif(not learned.status()[0], reason="learned reader not installed")
def test_detecting_while_another_thread_recognises_finds_the_same_places():
    """read_many's workers detect in one thread while another recognises: each must read as alone."""
    import threading

    image = Image.new("RGB", (640, 200), (15, 15, 15))
    draw = ImageDraw.Draw(image)
    draw.text((20, 20), "ABIODUN, Folake  ID 12-34-56-789012", font=ImageFont.truetype("DejaVuSans.ttf", 20), fill=(240, 240, 240))
    draw.text((20, 120), "Clinique Saint-Roch", font=ImageFont.truetype("DejaVuSans.ttf", 14), fill=(240, 240, 240))
    draw.rectangle((560, 150, 566, 156), fill=(240, 240, 240))      # a speck
    rgb = np.asarray(image)
    alone = learned.detect_places(rgb, 1024)
    crop = rgb[alone[0][0][1]:alone[0][0][3], alone[0][0][0]:alone[0][0][2]]
    reading = learned.recognise([crop])[0]
    done, readings = threading.Event(), []

    def recognise_meanwhile():
        while not done.is_set():
            readings.extend(learned.recognise([crop]))

    other = threading.Thread(target=recognise_meanwhile)
    other.start()
    try:
        together = [learned.detect_places(rgb, 1024) for _ in range(4)]
    finally:
        done.set()
        other.join()
    key = [[(box, score) for box, score, _ in places] for places in [alone, *together]]
    assert all(k == key[0] for k in key[1:])
    assert readings and all(r == reading for r in readings)
    assert learned._detector.text_rec is None           # the detector never ran the recogniser


def _viewer_block(size: int) -> np.ndarray:
    """A dark viewer's patient block, `size` px text, in a picture the detector sees at its own size."""
    image = Image.new("RGB", (700, 300), (18, 18, 22))
    draw = ImageDraw.Draw(image)
    for k, text in enumerate(["EZEKWESILI, Chiamaka", "MRN 5520193", "DOB 04/11/1958", "St Brendan Infirmary"]):
        draw.text((14, 14 + k * (size + 7)), text, font=ImageFont.truetype("DejaVuSans.ttf", size), fill=(235, 235, 235))
    return np.asarray(image)


@pytest.mark.skipif(not learned.status()[0], reason="learned reader not installed")
@pytest.mark.parametrize("size, sizes_shown", [(8, ["enlarged"]), (20, ["own"])])
def test_a_picture_is_shown_to_the_detector_once_at_the_size_its_places_are_taken_from(monkeypatch, size, sizes_shown):
    """Mostly small text (Tesseract's lines) is detected enlarged, other text at the picture's own
    size: the detector runs after Tesseract, once, never at a size whose places are thrown away."""
    from slidesan.scan.ocr import engine, tesseract_status

    if not tesseract_status()[0]:
        pytest.skip("tesseract not installed")
    rgb = _viewer_block(size)
    shown, detect = [], learned.detect_places
    monkeypatch.setattr(learned, "detect_places", lambda picture, *args: shown.append(
        "enlarged" if picture.shape[1] > rgb.shape[1] else "own") or detect(picture, *args))
    lines = engine._read_arrays([rgb])[0]
    assert shown == sizes_shown
    assert any("5520193" in line.text for line in lines)


def test_reading_pictures_leaves_opencv_one_thread(monkeypatch):
    """One OpenCV thread a reader: pictures are read one per core (read_many's jobs), and OpenCV's own
    pool on top cost a third more CPU for the same pixels."""
    import cv2

    from slidesan.scan.ocr import engine

    monkeypatch.setattr(engine, "read_crops", lambda crops: [])
    cv2.setNumThreads(2)
    try:
        engine._read_arrays([np.zeros((40, 60, 3), np.uint8)])
        assert cv2.getNumThreads() == 1
    finally:
        cv2.setNumThreads(1)
