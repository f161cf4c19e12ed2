"""The learned text detector in int8, for measuring (issue 10; not shipped: docs/performance.md,
"Detector in int8", says why). rapidocr's PP-OCRv6 small detector, its subnormal weights zeroed as
slidesan loads it (subnormal_weights.py), quantised statically with onnxruntime's tools --
per-channel int8 weights, uint8 activations (onnxruntime's fast x86 pairing), QDQ format -- and
calibrated on pictures the project draws itself (fixtures/overlays.py with its own seed, never the
benchmark's sets or real material). benchmarks/detector_places.py compares its places.

    pip install onnx                      # the quantiser needs it; slidesan itself does not
    .venv/bin/python benchmarks/quantise_detector.py OUT.onnx [--count 40] [--seed 2026]
        [--exclude NODE,...] [--float-gelu] [--ops Conv,...] [--format QOperator] [--activations QInt8]

Deterministic for one onnxruntime version: the calibration pictures follow from the seed, and the
MinMax calibration takes each tensor's range over all of them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

import numpy as np  # noqa: E402


def calibration_inputs(count: int, seed: int) -> list[np.ndarray]:
    """The detector's input tensors for `count` drawn overlays, made as the engine makes them."""
    import cv2

    from fixtures.overlays import generate
    from slidesan.images.safe_open import open_image
    from slidesan.scan.ocr import confirm, engine, learned
    from slidesan.scan.ocr.preprocess import to_rgb_array

    ok, message = learned.status()
    if not ok:
        sys.exit(message)
    runner = learned._detector.text_det.session
    inputs: list[np.ndarray] = []

    class Recording:
        def __init__(self, session):
            self.session = session

        def run(self, names, feed, *args, **kwargs):
            inputs.append(next(iter(feed.values())).copy())
            return self.session.run(names, feed, *args, **kwargs)

        def __getattr__(self, name):
            return getattr(self.session, name)

    runner.session = Recording(runner.session)
    with tempfile.TemporaryDirectory() as folder:
        for label in generate(folder, count=count, seed=seed):
            rgb = to_rgb_array(open_image((Path(folder) / label["file"]).read_bytes()))
            height, width = rgb.shape[:2]
            factor = min(1.0, engine.MAX_SIDE / max(height, width, 1))
            if factor < 1.0:
                rgb = cv2.resize(rgb, (int(width * factor), int(height * factor)), interpolation=cv2.INTER_AREA)
            learned.detect_places(rgb, confirm.DETECT_SIDE)
    runner.session = runner.session.session
    return inputs


def gelu_nodes(model) -> list[str]:
    """The names of every GELU's nodes (x / sqrt 2, Erf, + 1, times x, times 0.5). Quantised, each
    runs apart between (de)quantisers; left in float, onnxruntime might fuse them into one kernel
    again (measured: it did not, docs/performance.md)."""
    consumers: dict[str, list] = {}
    producer = {}
    for node in model.graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
        for name in node.output:
            producer[name] = node
    names = []
    for erf in (n for n in model.graph.node if n.op_type == "Erf"):
        div = producer.get(erf.input[0])
        chain = [div] if div is not None and div.op_type == "Div" else []
        node = erf
        for op in ("Add", "Mul", "Mul"):
            follow = [c for c in consumers.get(node.output[0], []) if c.op_type == op]
            if len(follow) != 1:
                break
            node = follow[0]
            chain.append(node)
        names += [erf.name] + [n.name for n in chain]
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=40, help="calibration pictures")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--exclude", default="", help="node names left in float, comma-separated")
    parser.add_argument("--format", default="QDQ", choices=["QDQ", "QOperator"])
    parser.add_argument("--activations", default="QUInt8", choices=["QUInt8", "QInt8"])
    parser.add_argument("--float-gelu", action="store_true", help="leave each GELU (Div, Erf, Add, Mul, Mul) in float")
    parser.add_argument("--ops", default="", help="op types to quantise (default: all the quantiser knows)")
    args = parser.parse_args()

    import onnx
    from onnx import version_converter
    from onnxruntime.quantization import (CalibrationDataReader, CalibrationMethod, QuantFormat, QuantType,
                                          quantize_static)
    from onnxruntime.quantization.shape_inference import quant_pre_process

    from slidesan.scan.ocr import learned
    from slidesan.scan.ocr.subnormal_weights import flush_subnormals

    tensors = calibration_inputs(args.count, args.seed)
    print(f"{len(tensors)} calibration inputs, e.g. {tensors[0].shape}")

    class Reader(CalibrationDataReader):
        def __init__(self):
            self.left = iter(tensors)

        def get_next(self):
            tensor = next(self.left, None)
            return None if tensor is None else {"x": tensor}

    with tempfile.TemporaryDirectory() as folder:
        flushed, prepared = Path(folder) / "float.onnx", Path(folder) / "prepared.onnx"
        flushed.write_bytes(flush_subnormals((learned._model_dir() / learned.DET_MODEL).read_bytes())[0])
        quant_pre_process(str(flushed), str(prepared), skip_symbolic_shape=True)
        # per-channel DequantizeLinear needs opset 13; the model is stored at 11
        onnx.save(version_converter.convert_version(onnx.load(str(prepared)), 13), str(prepared))
        quantize_static(
            str(prepared), str(args.out), Reader(),
            quant_format=getattr(QuantFormat, args.format), per_channel=True,
            activation_type=getattr(QuantType, args.activations), weight_type=QuantType.QInt8,
            op_types_to_quantize=[op for op in args.ops.split(",") if op] or None,
            nodes_to_exclude=[n for n in args.exclude.split(",") if n] + (
                gelu_nodes(onnx.load(str(prepared))) if args.float_gelu else []),
            calibrate_method=CalibrationMethod.MinMax)
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
