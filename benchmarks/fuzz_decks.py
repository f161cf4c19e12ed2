"""Mutation fuzzing of decks and packs through the command line.

Takes seed decks (the sample deck, the fixture builders' small decks, real decks from
../shared/corpus/decks), applies one structural or byte-level mutation per case, runs
`slidesan clean DECK -o OUT --no-ocr` as a subprocess and classifies the outcome:

    ok        exit 0/1, the output opens in python-pptx (the self-check passed inside clean)
    refused   exit 2, exactly one stderr line, nothing written
    BAD       traceback, 'internal error', several stderr lines, files left behind after exit 2,
              input modified, hang, or an output python-pptx cannot open

    .venv/bin/python benchmarks/fuzz_decks.py -n 300 --seed 1 [-j 2] [--packs 10] [--keep DIR]

The mutation functions are importable (tests/test_fuzz_regressions.py uses them in-process).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import io
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "decks"
SLIDESAN = [sys.executable, "-m", "slidesan.cli"]   # PYTHONPATH=other/src fuzzes another tree
FIXTURE_BUILDERS = ("crops", "alt_text", "comments", "notes", "hidden_slides", "media", "image_metadata",
                    "hyperlinks", "embeddings", "thumbnail", "unsafe_pictures", "tags", "document_properties",
                    "layout_placeholders", "shape_names", "names_and_sections", "hidden_shapes", "crops_shared")
HANG_SECONDS = 60
warnings.filterwarnings("ignore", "Duplicate name", UserWarning)

# --- members ------------------------------------------------------------------------------------


def read_members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(info.filename, zf.read(info)) for info in zf.infolist()]


def write_members(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in members:
            zf.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), blob,
                        compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def names_matching(members, pattern: str) -> list[str]:
    return [n for n, _ in members if re.search(pattern, n)]


def replace(members, name: str, blob: bytes):
    return [(n, blob if n == name else b) for n, b in members]


def get(members, name: str) -> bytes:
    return next(b for n, b in members if n == name)


def pick(rng, seq):
    return rng.choice(seq) if seq else None


XML_PARTS = r"\.(xml|rels)$"
SLIDES = r"^ppt/slides/slide\d+\.xml$"
MEDIA = r"^ppt/media/.+\.(png|jpe?g|gif|bmp|tiff?)$"

# --- byte-level mutations (return the whole file) ---------------------------------------------


def flip_compressed(rng, data: bytes) -> tuple[str, bytes]:
    """Flip bytes inside one member's deflate stream (CRC then fails, or inflate does)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = [i for i in zf.infolist() if i.compress_size > 4]
    info = rng.choice(infos)
    raw = bytearray(data)
    (name_len, extra_len) = struct.unpack("<HH", raw[info.header_offset + 26: info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    for _ in range(rng.randint(1, 8)):
        pos = start + rng.randrange(info.compress_size)
        raw[pos] ^= 1 << rng.randrange(8)
    return f"flip-compressed {info.filename}", bytes(raw)


def truncate_file(rng, data: bytes) -> tuple[str, bytes]:
    cut = rng.randrange(len(data) // 2, len(data))
    return f"truncate-file at {cut}", data[:cut]


# --- member-level mutations (return a member list) --------------------------------------------


def truncate_member(rng, members):
    name = pick(rng, [n for n, b in members if len(b) > 10])
    blob = get(members, name)
    return f"truncate-member {name}", replace(members, name, blob[: rng.randrange(len(blob))])


def malformed_xml(rng, members):
    name = pick(rng, names_matching(members, XML_PARTS))
    blob = get(members, name)
    bad = rng.choice([blob[: len(blob) // 2], blob + b"<unclosed>", blob.replace(b">", b"", 1),
                      b"not xml at all", b""])
    return f"malformed-xml {name}", replace(members, name, bad)


REQUIRED_CHILDREN = [b"p:cSld", b"p:spTree", b"a:blip", b"p:blipFill", b"p:spPr", b"a:xfrm", b"p:nvPicPr",
                     b"p:nvSpPr", b"p:cNvPr", b"a:off", b"a:ext", b"p:sldIdLst", b"p:sldMasterIdLst",
                     b"p:sldSz", b"a:srcRect", b"p:txBody", b"a:graphicData", b"p:clrMap"]


def missing_children(rng, members):
    """Remove every occurrence of one required element from one part."""
    candidates = [(n, tag) for n, b in members if re.search(XML_PARTS, n) for tag in REQUIRED_CHILDREN
                  if b"<" + tag in b]
    name, tag = rng.choice(candidates)
    blob = get(members, name)
    pattern = re.compile(rb"<" + re.escape(tag) + rb"\b[^>]*?/>|<" + re.escape(tag) + rb"\b.*?</" + re.escape(tag)
                         + rb">", re.S)
    return f"missing-children {tag.decode()} in {name}", replace(members, name, pattern.sub(b"", blob))


def huge_attribute(rng, members):
    name = pick(rng, names_matching(members, r"^ppt/.*\.xml$"))
    blob = get(members, name)
    attrs = list(re.finditer(rb'(\s[\w:]+=")([^"]*)(")', blob))
    if not attrs:
        return f"huge-attribute (none) {name}", members
    m = rng.choice(attrs)
    value = rng.choice([b"A" * 2_000_000, b"9" * 5000, b"-" + b"9" * 40, b"1e309", b"NaN", b""])
    return (f"huge-attribute {m.group(1).strip().decode()} in {name}",
            replace(members, name, blob[: m.start(2)] + value + blob[m.end(2):]))


def wrong_namespace(rng, members):
    name = pick(rng, names_matching(members, XML_PARTS))
    blob = get(members, name)
    uris = list(re.finditer(rb'xmlns(:\w+)?="([^"]+)"', blob))
    if not uris:
        return f"wrong-namespace (none) {name}", members
    m = rng.choice(uris)
    return (f"wrong-namespace {m.group(2).decode()[-30:]} in {name}",
            replace(members, name, blob[: m.start(2)] + b"urn:wrong" + blob[m.end(2):]))


def delete_referenced(rng, members):
    name = pick(rng, [n for n, _ in members if not n.endswith(".rels") and n != "[Content_Types].xml"])
    return f"delete-part {name}", [(n, b) for n, b in members if n != name]


def duplicate_entry(rng, members):
    name, blob = rng.choice(members)
    other = rng.choice([blob, blob[: len(blob) // 2], b"<dup/>"])
    position = rng.choice(["after", "end"])
    if position == "end":
        return f"duplicate-entry {name} at end", members + [(name, other)]
    i = [n for n, _ in members].index(name)
    return f"duplicate-entry {name} after", members[: i + 1] + [(name, other)] + members[i + 1:]


def retarget_rel(rng, members):
    """A relationship pointing to the package root, to its own source, to the presentation, or up."""
    name = pick(rng, names_matching(members, r"\.rels$"))
    blob = get(members, name)
    targets = list(re.finditer(rb'Target="([^"]*)"', blob))
    if not targets:
        return f"retarget-rel (none) {name}", members
    m = rng.choice(targets)
    source = name.replace("_rels/", "").removesuffix(".rels")
    new = rng.choice([b"/", b"", b".", b"..", b"../../..", b"/" + source.encode(), b"/ppt/presentation.xml",
                      b"/_rels/.rels", b"/[Content_Types].xml", b"slide1.xml#x", b"%00", b"C:\\x.png"])
    return (f"retarget-rel {m.group(1).decode()}->{new.decode()} in {name}",
            replace(members, name, blob[: m.start(1)] + new + blob[m.end(1):]))


def relationship_cycle(rng, members):
    """slideN -> slideM -> slideN with the slide reltype, or the presentation related to itself."""
    slides = names_matching(members, SLIDES)
    name = "ppt/_rels/presentation.xml.rels" if len(slides) < 2 or rng.random() < 0.3 else None
    if name:
        blob = get(members, name)
        rel = (b'<Relationship Id="rIdFz1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
               b'relationships/slide" Target="presentation.xml"/>')
        return "cycle presentation->presentation", replace(members, name, blob.replace(b"</Relationships>",
                                                                                        rel + b"</Relationships>"))
    a, b = rng.sample(slides, 2)
    out = members
    for src, dst in ((a, b), (b, a)):
        rels = src.replace("slides/", "slides/_rels/") + ".rels"
        rel = (b'<Relationship Id="rIdFz1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
               b'relationships/slide" Target="' + dst.rsplit("/", 1)[1].encode() + b'"/>')
        if rels in [n for n, _ in out]:
            out = replace(out, rels, get(out, rels).replace(b"</Relationships>", rel + b"</Relationships>"))
    return f"cycle {a}<->{b}", out


def slide_listed_twice(rng, members):
    name = "ppt/presentation.xml"
    blob = get(members, name)
    ids = list(re.finditer(rb"<p:sldId\b[^>]*/>", blob))
    if not ids:
        return "slide-twice (none)", members
    m = rng.choice(ids)
    dup = m.group(0)
    if rng.random() < 0.5:
        dup = re.sub(rb'id="\d+"', b'id="2147483000"', dup)
    return "slide-twice", replace(members, name, blob[: m.end()] + dup + blob[m.end():])


def tiny_image(fmt: str, size=(1, 1)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, (10, 20, 30)).save(buf, fmt)
    return buf.getvalue()


def picture_wrong_format(rng, members):
    name = pick(rng, names_matching(members, MEDIA))
    if not name:
        return "picture-wrong-format (none)", members
    fmt = rng.choice(["GIF", "JPEG", "BMP", "TIFF", "PNG"])
    return f"picture-wrong-format {fmt} as {name}", replace(members, name, tiny_image(fmt, (40, 30)))


def zero_byte_image(rng, members):
    name = pick(rng, names_matching(members, MEDIA))
    if not name:
        return "zero-image (none)", members
    return f"zero-image {name}", replace(members, name, b"")


def truncated_image(rng, members):
    name = pick(rng, names_matching(members, MEDIA))
    if not name:
        return "truncated-image (none)", members
    blob = get(members, name)
    return f"truncated-image {name}", replace(members, name, blob[: max(1, len(blob) // rng.choice([2, 5, 50]))])


SRC_RECT_VALUES = ["abc", "1e309", "-99999999", "99999999", "100000", "-100000", "", "0x10", "50000.5", "NaN",
                   "2147483648", "-2147483649", "１２"]


def bad_src_rect(rng, members):
    """Overwrite (or add) a:srcRect on one picture with junk or huge values; sometimes a 1x1 image."""
    slides = [n for n in names_matching(members, SLIDES) if b"<a:blip " in get(members, n)
              or b"<a:blip>" in get(members, n)]
    name = pick(rng, slides)
    if not name:
        return "bad-srcRect (none)", members
    blob = get(members, name)
    attrs = b" ".join(b'%s="%s"' % (side.encode(), rng.choice(SRC_RECT_VALUES).encode())
                      for side in rng.sample(["l", "t", "r", "b"], rng.randint(1, 4)))
    rect = b"<a:srcRect " + attrs + b"/>"
    blob = re.sub(rb"<a:srcRect\b[^>]*/>", b"", blob)
    blob = re.sub(rb"(</a:blip>|<a:blip\b[^>]*/>)", lambda m: m.group(1) + rect, blob, count=0)
    out = replace(members, name, blob)
    label = f"bad-srcRect {attrs.decode()} in {name}"
    if rng.random() < 0.4:
        media = names_matching(out, MEDIA)
        if media:
            target = rng.choice(media)
            ext = target.rsplit(".", 1)[1].lower()
            fmt = {"jpg": "JPEG", "jpeg": "JPEG", "tif": "TIFF", "tiff": "TIFF"}.get(ext, ext.upper())
            out = replace(out, target, tiny_image(fmt))
            label += f" (+1x1 {target})"
    return label, out


def bad_xfrm(rng, members):
    name = pick(rng, names_matching(members, SLIDES + "|^ppt/slideLayouts/.*xml$|^ppt/presentation.xml$"))
    blob = get(members, name)
    kind = rng.choice(["ext", "off", "rot", "sldSz"])
    value = rng.choice([b"-99999999999", b"99999999999999999999", b"abc", b"1e309", b"-1", b"0"])
    if kind == "ext":
        new = re.sub(rb'(<a:ext )cx="[^"]*"', rb'\1cx="' + value + b'"', blob, count=1)
    elif kind == "off":
        new = re.sub(rb'(<a:off )x="[^"]*"', rb'\1x="' + value + b'"', blob, count=1)
    elif kind == "sldSz":
        new = re.sub(rb'(<p:sldSz )cx="[^"]*"', rb'\1cx="' + value + b'"', blob, count=1)
    else:
        new = blob.replace(b"<a:xfrm", b'<a:xfrm rot="' + rng.choice([b"abc", value]) + b'"', 1) \
            if b'<a:xfrm rot=' not in blob else blob
        new = re.sub(rb'<a:xfrm rot="[^"]*"', b'<a:xfrm rot="abc"', new, count=1)
    return f"bad-xfrm {kind}={value.decode()} in {name}", replace(members, name, new)


def encoding_mutation(rng, members):
    name = pick(rng, names_matching(members, XML_PARTS))
    blob = get(members, name)
    kind = rng.choice(["latin1-bytes", "utf16", "utf16-no-decl", "bom", "bom+utf16decl", "declared-latin1",
                       "utf32"])
    if kind == "latin1-bytes":
        new = re.sub(rb"(<a:t>)", b"\\1M\xfcller \xff\xfe ", blob, count=1) if b"<a:t>" in blob else blob + b"\xff"
    elif kind == "utf16":
        new = blob.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    elif kind == "utf16-no-decl":
        new = re.sub(r"^<\?xml[^>]*\?>", "", blob.decode("utf-8")).encode("utf-16-le")
    elif kind == "bom":
        new = b"\xef\xbb\xbf" + blob
    elif kind == "bom+utf16decl":
        new = b"\xef\xbb\xbf" + blob.replace(b'encoding="UTF-8"', b'encoding="UTF-16"')
    elif kind == "declared-latin1":
        new = blob.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')
    else:
        new = blob.decode("utf-8").encode("utf-32")
    return f"encoding {kind} {name}", replace(members, name, new)


MEMBER_MUTATIONS = [truncate_member, malformed_xml, missing_children, huge_attribute, wrong_namespace,
                    delete_referenced, duplicate_entry, retarget_rel, relationship_cycle, slide_listed_twice,
                    picture_wrong_format, zero_byte_image, truncated_image, bad_src_rect, bad_src_rect, bad_xfrm,
                    bad_xfrm, encoding_mutation]
BYTE_MUTATIONS = [flip_compressed, flip_compressed, truncate_file]


def mutate(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    """One mutation of a deck's bytes, described in one line."""
    if rng.random() < 0.15:
        return rng.choice(BYTE_MUTATIONS)(rng, data)
    members = read_members(data)
    mutation = rng.choice(MEMBER_MUTATIONS)
    try:
        label, members = mutation(rng, members)
    except (IndexError, ValueError, StopIteration, TypeError):
        return f"{mutation.__name__} (not applicable)", data
    return label, write_members(members)


# --- seeds --------------------------------------------------------------------------------------


def seed_decks(workdir: Path, corpus_limit: int | None = None) -> list[tuple[str, bytes]]:
    sys.path.insert(0, str(ROOT))
    seeds = [("sample/talk.pptx", (ROOT / "fixtures" / "sample" / "talk.pptx").read_bytes())]
    for name in FIXTURE_BUILDERS:
        path = workdir / f"seed-{name}.pptx"
        try:
            importlib.import_module(f"fixtures.decks.{name}").build(path)
        except Exception as exc:  # a builder needing arguments is simply not a seed
            print(f"(seed {name} skipped: {exc})", file=sys.stderr)
            continue
        seeds.append((f"fixture/{name}", path.read_bytes()))
    if CORPUS.exists():
        corpus = sorted(p for p in CORPUS.iterdir() if p.suffix.lower() in (".pptx", ".pptm")
                        and p.stat().st_size < 1_500_000)
        for p in corpus[:corpus_limit]:
            seeds.append((f"corpus/{p.name}", p.read_bytes()))
    return seeds


# --- running and classifying ---------------------------------------------------------------------


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def snapshot(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def classify_clean(case_dir: Path, deck: Path, timeout=HANG_SECONDS) -> tuple[str, str]:
    """Run the CLI on one deck; (outcome, detail)."""
    out = case_dir / "out.pptx"
    before_input = digest(deck.read_bytes())
    before_files = snapshot(case_dir)
    try:
        proc = subprocess.run([*SLIDESAN, "clean", str(deck), "-o", str(out), "--no-ocr", "-q"],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "BAD", f"hang > {timeout} s"
    stderr_lines = [line for line in proc.stderr.splitlines() if line.strip()]
    if digest(deck.read_bytes()) != before_input:
        return "BAD", "input modified"
    if "Traceback" in proc.stderr:
        return "BAD", "traceback: " + (stderr_lines[-1] if stderr_lines else "")
    if "internal error" in proc.stderr:
        return "BAD", stderr_lines[0]
    new_files = snapshot(case_dir) - before_files
    if proc.returncode == 2:
        if len(stderr_lines) != 1:
            return "BAD", f"exit 2 with {len(stderr_lines)} stderr lines: {proc.stderr[:300]!r}"
        if new_files:
            return "BAD", f"exit 2 but wrote {sorted(new_files)}"
        return "refused", stderr_lines[0]
    if proc.returncode not in (0, 1):
        return "BAD", f"exit {proc.returncode}: {proc.stderr[:200]!r}"
    if stderr_lines:
        return "BAD", f"exit {proc.returncode} with stderr: {stderr_lines[0][:200]}"
    try:
        from pptx import Presentation

        prs = Presentation(str(out))
        _ = [shape.shape_type for slide in prs.slides for shape in slide.shapes]
    except Exception as exc:
        return "BAD", f"output does not open in python-pptx: {type(exc).__name__}: {exc}"
    return "ok", f"exit {proc.returncode}"


def run_deck_case(index: int, seed_name: str, label: str, data: bytes, workdir: Path) -> dict:
    case_dir = workdir / f"case-{index:04d}"
    case_dir.mkdir()
    deck = case_dir / "in.pptx"
    deck.write_bytes(data)
    t0 = time.perf_counter()
    outcome, detail = classify_clean(case_dir, deck)
    return {"index": index, "seed": seed_name, "mutation": label, "outcome": outcome, "detail": detail,
            "seconds": time.perf_counter() - t0, "dir": case_dir}


# --- packs --------------------------------------------------------------------------------------


def pydicom_test_files(limit: int = 8) -> list[Path]:
    """pydicom's bundled test files only (get_testdata_files would download the rest)."""
    try:
        import pydicom.data
    except ImportError:
        return []
    files = list((Path(pydicom.data.__file__).parent / "test_files").glob("*.dcm"))
    return sorted((p for p in files if p.stat().st_size < 2_000_000), key=lambda p: p.name)[:limit]


def flip_bytes(rng, blob: bytes, count: int = 16) -> bytes:
    raw = bytearray(blob)
    for _ in range(count):
        pos = rng.randrange(len(raw))
        raw[pos] ^= 1 << rng.randrange(8)
    return bytes(raw)


def build_pack(rng, folder: Path, seeds, dicoms: list[Path]) -> list[str]:
    """A folder of mutated decks, flipped DICOMs and truncated pictures; returns what went in."""
    folder.mkdir(parents=True)
    made = []
    for i in range(3):
        seed_name, data = rng.choice(seeds)
        label, mutated = mutate(rng, data)
        (folder / f"deck{i}.pptx").write_bytes(mutated)
        made.append(f"deck{i}: {seed_name} {label}")
    for i, path in enumerate(rng.sample(dicoms, min(3, len(dicoms)))):
        blob = path.read_bytes()
        kind = rng.choice(["flip", "truncate", "flip-header"])
        if kind == "flip":
            blob = flip_bytes(rng, blob, 32)
        elif kind == "truncate":
            blob = blob[: rng.randrange(132, len(blob))]
        else:
            raw = bytearray(blob)
            for _ in range(12):
                raw[rng.randrange(128, min(len(raw), 2000))] ^= 0xFF
            blob = bytes(raw)
        sub = folder / f"series{i}"
        sub.mkdir()
        (sub / f"img{i}.dcm").write_bytes(blob)
        made.append(f"dicom{i}: {path.name} {kind}")
    for fmt in ("PNG", "JPEG"):
        blob = tiny_image(fmt, (64, 48))
        (folder / f"pic.{fmt.lower()}").write_bytes(blob[: rng.randrange(8, len(blob))])
        made.append(f"pic.{fmt.lower()} truncated")
    return made


def classify_pack(case_dir: Path, pack: Path, command: str, timeout=HANG_SECONDS * 3) -> tuple[str, str]:
    before = {p: digest(p.read_bytes()) for p in pack.rglob("*") if p.is_file()}
    out = case_dir / "pack-out"
    args = ["clean", str(pack), "-o", str(out)] if command == "clean" else ["check", str(pack)]
    before_files = snapshot(case_dir)
    try:
        proc = subprocess.run([*SLIDESAN, *args, "--no-ocr", "-q", "-j", "1"], capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return "BAD", f"hang > {timeout} s"
    if any(digest(p.read_bytes()) != h for p, h in before.items()):
        return "BAD", "input modified"
    if "Traceback" in proc.stderr or "internal error" in proc.stderr:
        lines = [line for line in proc.stderr.splitlines() if line.strip()]
        return "BAD", lines[-1] if "Traceback" in proc.stderr else next(x for x in lines if "internal" in x)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    if any(not line.startswith("slidesan: ") for line in lines):
        return "BAD", f"stderr line not from slidesan: {proc.stderr[:300]!r}"
    if proc.returncode == 2:
        if len(lines) != 1:
            return "BAD", f"exit 2 with {len(lines)} lines"
        if snapshot(case_dir) - before_files:
            return "BAD", "exit 2 but wrote files"
        return "refused", lines[0]
    if proc.returncode not in (0, 1):
        return "BAD", f"exit {proc.returncode}"
    return "ok", f"exit {proc.returncode}, {len(lines)} problem line(s)"


# --- main ---------------------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=100, help="deck mutations")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--packs", type=int, default=0, help="pack cases (clean and check each)")
    parser.add_argument("--keep", type=Path, help="copy BAD cases here")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="slidesan-fuzz-") as tmp:
        workdir = Path(tmp)
        seeds = seed_decks(workdir)
        cases = []
        for i in range(args.n):
            seed_name, data = rng.choice(seeds)
            label, mutated = mutate(rng, data)
            cases.append((i, seed_name, label, mutated))
        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(lambda c: run_deck_case(*c, workdir), cases))
        for k in range(args.packs):
            pack_dir = workdir / f"pack-{k:03d}"
            made = build_pack(rng, pack_dir / "in", seeds, pydicom_test_files())
            for command in ("clean", "check"):
                outcome, detail = classify_pack(pack_dir, pack_dir / "in", command)
                results.append({"index": 10_000 + k, "seed": "pack", "mutation": f"{command}: " + "; ".join(made),
                                "outcome": outcome, "detail": detail, "seconds": 0.0, "dir": pack_dir})
        elapsed = time.perf_counter() - t0

        counts = Counter(r["outcome"] for r in results)
        by_mutation = Counter((r["mutation"].split()[0], r["outcome"]) for r in results)
        print(f"{len(results)} cases, seed {args.seed}, {elapsed:.0f} s")
        print(f"{'outcome':<10}{'count':>7}")
        for outcome in ("ok", "refused", "BAD"):
            print(f"{outcome:<10}{counts.get(outcome, 0):>7}")
        print("\nper mutation (ok / refused / BAD):")
        for kind in sorted({k for k, _ in by_mutation}):
            print(f"  {kind:<24}{by_mutation[(kind, 'ok')]:>5}{by_mutation[(kind, 'refused')]:>5}"
                  f"{by_mutation[(kind, 'BAD')]:>5}")
        bad = [r for r in results if r["outcome"] == "BAD"]
        if bad:
            print("\nBAD cases:")
        for r in bad:
            print(f"  #{r['index']} {r['seed']} | {r['mutation'][:160]}\n      -> {r['detail'][:300]}")
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                src = r["dir"] / "in.pptx"
                if src.exists():
                    shutil.copy(src, args.keep / f"bad-{r['index']:04d}.pptx")
                elif (r["dir"] / "in").exists():
                    shutil.copytree(r["dir"] / "in", args.keep / f"bad-pack-{r['index']}", dirs_exist_ok=True)
        slowest = max(results, key=lambda r: r["seconds"]) if results else None
        if slowest:
            print(f"\nslowest case: #{slowest['index']} {slowest['seconds']:.1f} s ({slowest['mutation'][:80]})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
