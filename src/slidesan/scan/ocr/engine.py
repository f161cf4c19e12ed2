"""The OCR entry points: is Tesseract there, read one picture, read many pictures in parallel.

A missing or broken Tesseract is an environment problem the user fixes once, so it is one
sentence with the install command, never a traceback; a picture that cannot be decoded or read
becomes a reason string so the report can list it as not inspected.
"""

from __future__ import annotations

import os
import subprocess
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

import cv2
import pytesseract
from PIL import Image

from slidesan.errors import SlidesanError
from slidesan.images.safe_open import UnreadableImage, open_image
from slidesan.scan.ocr import confirm, learned, photographed
from slidesan.scan.ocr.cache import RESULTS, digest
from slidesan.scan.ocr.lines import OcrLine, assemble_lines
from slidesan.scan.ocr.passes import read_crops
from slidesan.scan.ocr.line_crops import crop_for_ocr
from slidesan.scan.ocr.preprocess import channels, find_regions, stroke_masks, to_rgb_array
from slidesan.scan.ocr.second_look import second_look
from slidesan.scan.ocr.small_text import small_text_crops

INSTALL_HINT = ("install it with 'apt install tesseract-ocr' (Debian/Ubuntu), 'brew install tesseract' (macOS) "
                "or the UB Mannheim installer (Windows), or skip OCR with --no-ocr")
MAX_SIDE = 2400             # larger pictures are read at this size (their text is large too)
TILTED = 1.5                # degrees of slant from which a place is read from its own quadrilateral
_status_cache: dict[tuple[str, str], tuple[bool, str]] = {}


def tesseract_status() -> tuple[bool, str]:
    """(available, one-line message). Checked once per configured tesseract command and language
    folder. Tesseract without its English data reads nothing, so it counts as missing."""
    cmd = pytesseract.pytesseract.tesseract_cmd
    key = _status_key()
    if key not in _status_cache:
        try:
            out = subprocess.run([cmd, "--version"], capture_output=True, text=True, timeout=30)
            first = (out.stdout or out.stderr).splitlines()[0].strip() if (out.stdout or out.stderr) else ""
            if out.returncode != 0 or not first.lower().startswith("tesseract"):
                raise OSError(first or f"exit code {out.returncode}")
            missing = [lang for lang in REQUIRED_LANGUAGES if lang not in tesseract_languages()]
            _status_cache[key] = (True, f"{first} ({cmd})") if not missing else (
                False, f"Tesseract OCR at '{cmd}' has no {'/'.join(missing)} language data: install "
                       "tesseract-ocr-eng, or set TESSDATA_PREFIX to a folder holding eng.traineddata")
        except (OSError, subprocess.SubprocessError) as exc:
            reason = "was not found" if isinstance(exc, FileNotFoundError) else f"does not run ({exc})"
            _status_cache[key] = (False, f"Tesseract OCR {reason} at '{cmd}': {INSTALL_HINT}.")
    return _status_cache[key]


REQUIRED_LANGUAGES = ("eng",)


def tesseract_languages() -> list[str]:
    """The languages `tesseract --list-langs` names (empty when it cannot say)."""
    try:
        out = subprocess.run([pytesseract.pytesseract.tesseract_cmd, "--list-langs"], capture_output=True,
                             text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return []
    lines = (out.stdout + out.stderr).splitlines()
    return sorted({line.strip() for line in lines if line.strip() and not line.lower().startswith("list of")})


def _status_key() -> tuple[str, str]:
    return pytesseract.pytesseract.tesseract_cmd, os.environ.get("TESSDATA_PREFIX", "")


def _require_tesseract() -> None:
    available, message = tesseract_status()
    if not available:
        raise SlidesanError(message)


BATCH = 10                  # pictures whose crops share one Tesseract run (start-up: ~0.07 s CPU, twice with the second look)


def read_text(image: Image.Image, thorough: bool = False, second_unsure: bool = True) -> list[OcrLine]:
    """Lines of text burned into `image`, with boxes in its pixels. Raises SlidesanError when
    Tesseract is missing or fails on this picture. `second_unsure` False: of the second reading of a
    picture without a flat area (photographed.merged), only the lines it read surely are added, not
    the places it found and did not read."""
    _require_tesseract()
    return _read_images([image], thorough, second_unsure)[0]


def _read_images(images: list[Image.Image], thorough: bool = False, second_unsure: bool = True
                 ) -> list[list[OcrLine]]:
    """Every picture's lines (_read_arrays); a photograph (no flat area: a phone picture of a screen
    or a film) is read a second time with its local contrast evened out, and what only that reading
    found is added (photographed.py), its unsure places too unless `second_unsure` is False."""
    arrays = [to_rgb_array(image) for image in images]
    again = [index for index, rgb in enumerate(arrays) if photographed.has_no_flat_area(rgb)]
    results = _read_arrays(arrays + [photographed.evened(arrays[index]) for index in again], thorough)
    out = results[:len(arrays)]
    for k, index in enumerate(again):
        out[index] = photographed.merged(out[index], results[len(arrays) + k], unsure=second_unsure)
    return out


def _read_arrays(arrays: list, thorough: bool = False, places_out: list | None = None) -> list[list[OcrLine]]:
    """Find text regions in each picture (RGB arrays), read all their crops in one Tesseract run (and the
    lines it was unsure of once more, second_look.py), split the words back per picture, and let
    the learned reader confirm, re-read and complete each picture's lines (confirm.py). `places_out`
    receives each picture's detector places (boxes in its pixels; None without the learned reader)."""
    # one OpenCV thread: pictures are read one per core (read_many's jobs); OpenCV's own pool on top
    # of that cost a third more CPU in the region finder and the crops, for the same pixels
    cv2.setNumThreads(1)
    crops, owners, factors, looks, pictures = [], [], [], [], []
    use_learned = learned.status()[0]
    side = confirm.DETECT_SIDE_THOROUGH if thorough else confirm.DETECT_SIDE
    for index, rgb in enumerate(arrays):
        height, width = rgb.shape[:2]
        factor = min(1.0, MAX_SIDE / max(height, width, 1))
        if factor < 1.0:
            rgb = cv2.resize(rgb, (int(width * factor), int(height * factor)), interpolation=cv2.INTER_AREA)
        chans = channels(rgb)
        content = learned.content_box(rgb) if use_learned else None      # once: detect_places and its scale
        # every region is read: the detector's places are a safety net and a judge of texture, never a
        # gate (text the detector missed at its reduced size would otherwise go unread, silently)
        masks = stroke_masks(chans)
        regions = find_regions(rgb, chans, masks)
        small = small_text_crops(rgb, masks, regions)
        found = [crop_for_ocr(chans, region) for region in regions] + small
        looks.extend([(chans, region) for region in regions] + [None] * (len(found) - len(regions)))
        crops.extend(found)
        owners.extend([index] * len(found))
        factors.append(factor)
        pictures.append((rgb, content))
    try:
        words = second_look(read_crops(crops), looks)
    except pytesseract.TesseractError as exc:
        raise SlidesanError(f"Tesseract failed on this picture: {str(exc.message).strip()[:200]}") from None
    except pytesseract.TesseractNotFoundError:
        _status_cache.pop(_status_key(), None)
        _require_tesseract()
        raise
    per_image: list[list] = [[] for _ in arrays]
    for word in words:
        per_image[owners[word.group[0]]].append(word)
    results = []
    for factor, image_words, (rgb, content) in zip(factors, per_image, pictures):
        lines = assemble_lines(image_words)
        places, tilted, scale = _places(rgb, side, content, lines) if use_learned else (None, {}, 1.0)
        lines = confirm.reconcile(lines, places, rgb, thorough, tilted, scale)
        if factor < 1.0:
            lines = [_rescale(line, 1.0 / factor) for line in lines]
        results.append(lines)
        if places_out is not None:
            places_out.append(None if places is None else [_scaled(box, 1.0 / factor) for box in places])
    return results


ENLARGED = 2.0      # the detector looks at this size where a picture's text is mostly small


def _places(rgb, side: int, content, lines: list[OcrLine]) -> tuple[list, dict, float]:
    """(places, tilted, detect scale) from the learned detector, shown the picture at most `side`
    wide, or ENLARGED where the picture is not shrunk and Tesseract's lines say its text is mostly
    small. Asked after Tesseract has read, so that such a picture is detected once, at the size used."""
    scale = learned.detect_scale(rgb, side, content)
    if scale >= 1.0 and confirm.mostly_small_text(lines):
        return _places_enlarged(rgb)
    found = learned.detect_places(rgb, side, content)
    return [box for box, _, _ in found], _tilted(found), scale


def _places_enlarged(rgb) -> tuple[list, dict, float]:
    """(places, tilted, detect scale) from the detector shown the picture ENLARGED times: at its own
    size it is silent on text 5-9 px high (a viewer capture shrunk to half), and reconcile would
    take Tesseract's unsure lines there for texture and drop them."""
    found = learned.detect_places_enlarged(rgb, ENLARGED)
    return [box for box, _, _ in found], _tilted(found), ENLARGED


def _tilted(found: list) -> dict:
    """Place -> quadrilateral, for the places slanted TILTED degrees or more."""
    return {box: quad for box, _, quad in found if abs(learned.tilt_degrees(quad)) >= TILTED}


def _scaled(box, k: float) -> tuple:
    return tuple(int(round(v * k)) for v in box)


def _rescale(line: OcrLine, k: float) -> OcrLine:
    return OcrLine(line.text, _scaled(line.box, k), line.conf, line.raw,
                   tuple((s, e, _scaled(b, k)) for s, e, b in line.spans), line.reader, line.reliable, line.texture,
                   line.doubt)


def read_batch(datas: list[bytes], thorough: bool = False) -> list[list[OcrLine] | str]:
    """Every picture read completely: a photograph's second reading always follows (read_many
    can leave it out where it cannot change the verdict)."""
    firsts = _readings(datas, thorough)
    again = [index for index, (lines, photograph) in enumerate(firsts) if photograph and isinstance(lines, list)]
    seconds = _readings([datas[index] for index in again], thorough, evened=True)
    out = [lines for lines, _ in firsts]
    for index, (second, _) in zip(again, seconds):
        out[index] = _with_second_reading(out[index], second)
    return out


def _readings(datas: list[bytes], thorough: bool = False, evened: bool = False
              ) -> list[tuple[list[OcrLine] | str, bool]]:
    """(lines or the reason they could not be read, is it a photograph) per picture, decoded safely
    and read together; a batch Tesseract fails on is retried a picture at a time. `evened`: the
    second reading of photographs (photographed.py): the copy with its contrast evened out, then the
    picture turned the way the places found in that copy say its text runs (photographed.turns_to_read);
    a picture with a flat area gives no lines."""
    results: list[tuple[list[OcrLine] | str, bool]] = [("", False)] * len(datas)
    arrays = {}
    for index, data in enumerate(datas):
        try:
            rgb = to_rgb_array(open_image(data))
        except UnreadableImage as exc:
            results[index] = (f"picture {exc}", False)
            continue
        photograph = photographed.has_no_flat_area(rgb)
        if evened and not photograph:
            results[index] = ([], False)
            continue
        arrays[index] = (rgb, photograph)
    try:
        views = [photographed.evened(rgb) if evened else rgb for rgb, _ in arrays.values()]
        places: list = []
        for (index, (_, photograph)), lines in zip(arrays.items(), _read_arrays(views, thorough, places)):
            results[index] = (lines, photograph)
        turns = [(index, turn) for index, view, found in zip(arrays, views, places)
                 for turn in photographed.turns_to_read(view, found)] if evened else []
        read = _read_arrays([photographed.turned(arrays[index][0], turn) for index, turn in turns], thorough) \
            if turns else []
        for (index, turn), lines in zip(turns, read):
            rgb, photograph = arrays[index]
            results[index] = (results[index][0] + [photographed.turned_back(ln, turn, rgb.shape) for ln in lines],
                              photograph)
    except Exception as exc:    # a bug or an odd picture must not stop the other pictures
        if len(arrays) > 1:
            for index in arrays:
                results[index] = _readings([datas[index]], thorough, evened)[0]
        else:
            for index, (_, photograph) in arrays.items():
                reason = str(exc) if isinstance(exc, SlidesanError) else f"OCR failed ({type(exc).__name__}: {exc})"
                results[index] = (reason, photograph)
    return results


def _with_second_reading(first: list[OcrLine] | str, second: list[OcrLine] | str) -> list[OcrLine] | str:
    """A photograph's lines after both readings; a second reading that failed leaves it not inspected."""
    if isinstance(first, str) or isinstance(second, str):
        return second if isinstance(second, str) else first
    return photographed.merged(first, second)


def read_many(images: dict[str, bytes], jobs: int = 0, tick=None, thorough: bool = False,
              settled=None) -> dict[str, list[OcrLine] | str]:
    """OCR every picture; identical bytes are read once (also across calls), by a pool of
    `jobs` workers (0 = one per core). Values are lines, or a string saying why not read.
    `thorough`: both readers on every text place (confirm.py), for a last check before publication.

    A photograph (no flat area) is read a second time with its local contrast evened out, and turned
    the way its text runs (a phone picture stored sideways whose orientation tag was lost)
    (photographed.py), unless `settled(lines)` says its first reading already decides what the
    caller needs (picture_text.reading_settled: the picture names its patient, so it is
    identifiable whatever else it holds). Each reading is kept in the cache on its own, so a caller
    that settles nothing early still gets the complete reading.

    tick(done, total) is called after each batch of pictures; if it raises (the user cancelled),
    no further batch starts and the exception propagates once the running ones end."""
    available, message = tesseract_status()
    if not available:
        return {name: message for name in images}
    keys = {name: digest(data) + (":thorough" if thorough else "") for name, data in images.items()}
    by_key = {key: images[name] for name, key in keys.items()}
    firsts = _read_cached(by_key, "", jobs, thorough, tick)
    again = {key: data for key, data in by_key.items()
             if isinstance(firsts[key][0], list) and firsts[key][1] and not (settled and settled(firsts[key][0]))}
    done = len(firsts)
    later = (lambda n, total: tick(done + n, done + total)) if tick else None
    seconds = _read_cached(again, ":evened", jobs, thorough, later)
    return {name: _with_second_reading(firsts[key][0], seconds[key][0]) if key in seconds else firsts[key][0]
            for name, key in keys.items()}


def _read_cached(by_key: dict[str, bytes], suffix: str, jobs: int, thorough: bool, tick
                 ) -> dict[str, tuple[list[OcrLine] | str, bool]]:
    """key -> (lines or reason, photograph) for every picture, from the cache or read in batches by
    `jobs` threads; `suffix` ":evened" reads the photographs' second reading (_readings)."""
    results = {key: RESULTS.get(key + suffix) for key in by_key if key + suffix in RESULTS}
    todo = [key for key in by_key if key not in results]
    read_now: list[str] = []
    jobs = min(jobs or os.cpu_count() or 1, len(todo))
    size = max(1, min(BATCH, -(-len(todo) // max(jobs, 1))))     # spread work over every job
    batches = [todo[i:i + size] for i in range(0, len(todo), size)]

    def read(batch):
        return _readings([by_key[key] for key in batch], thorough, evened=bool(suffix))

    def finished(batch, output) -> None:
        for key, result in zip(batch, output):
            results[key] = result
            RESULTS.put(key + suffix, result)
        read_now.extend(batch)
        if tick:
            tick(len(read_now), len(todo))

    if jobs <= 1:
        for batch in batches:
            finished(batch, read(batch))
        return results
    # Threads, not processes: the heavy work runs in the tesseract child process and in
    # numpy/OpenCV, which release the GIL; a forked pool deadlocks inside OpenCV's thread pool.
    os.environ["OMP_THREAD_LIMIT"] = "1"    # one Tesseract thread per job: the pool is the parallelism
    # at most `jobs` batches in flight, the next submitted only after tick() has had its say
    waiting = list(reversed(batches))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        running = {}
        while waiting or running:
            while waiting and len(running) < jobs:
                batch = waiting.pop()
                running[pool.submit(read, batch)] = batch
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                finished(running.pop(future), future.result())
    return results
