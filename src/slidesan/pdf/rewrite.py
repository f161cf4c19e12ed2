"""Rewrite content streams by operator index: the steps decide, this writes.

Edits are collected per container (a page or a form XObject) while the interpreter's parsed
operators are still valid, then each container is written once. Removing glyphs from a text
operator replaces each removed glyph by a TJ offset of its own advance, so the glyphs after it
stay exactly where they were, and the removed codes are no longer anywhere in the file.
"""

from __future__ import annotations

import pikepdf

PAINTING = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"}


def instruction(operator: str, *operands) -> pikepdf.ContentStreamInstruction:
    return pikepdf.ContentStreamInstruction(list(operands), pikepdf.Operator(operator))


class Edits:
    def __init__(self, interpreter):
        self.interpreter = interpreter
        self.by_container: dict = {}

    def replace(self, container, index: int, new: list) -> None:
        key = self.interpreter.key(container)
        self.by_container.setdefault(key, (container, {}))[1][index] = new

    def __bool__(self) -> bool:
        return bool(self.by_container)

    def apply(self, doc) -> int:
        for container, changes in self.by_container.values():
            ops = self.interpreter.ops(container)
            new = []
            for index, op in enumerate(ops):
                new.extend(changes.get(index, [op]))
            data = pikepdf.unparse_content_stream(new)
            if isinstance(container, pikepdf.Stream):
                container.write(data)
            else:
                container["/Contents"] = doc.pdf.make_stream(data)
        count = len(self.by_container)
        self.by_container = {}
        return count


def without_glyphs(run, drop) -> list:
    """Instructions that draw `run` (a content.TextShow) without the glyphs for which drop(glyph)."""
    parts, current = [], b""
    glyphs = iter(run.glyphs)
    items = run.operands[0] if run.operator == "TJ" else run.operands[-1:]
    size = run.font_size
    for item in items:
        if not isinstance(item, pikepdf.String):
            if current:
                parts.append(pikepdf.String(current))
                current = b""
            parts.append(item)
            continue
        for glyph in take(glyphs, item, run):
            if drop(glyph):
                if current:
                    parts.append(pikepdf.String(current))
                    current = b""
                if size:
                    parts.append(-1000.0 * glyph.advance / size)
            else:
                current += glyph.code
    if current:
        parts.append(pikepdf.String(current))
    out = []
    if run.operator == '"':
        out += [instruction("Tw", run.operands[0]), instruction("Tc", run.operands[1])]
    if run.operator in ("'", '"'):
        out.append(instruction("T*"))
    out.append(instruction("TJ", pikepdf.Array(parts)))
    return out


def take(glyphs, item, run) -> list:
    """The glyphs that came from one string operand (the interpreter split it the same way)."""
    data = bytes(item)
    out, length = [], 0
    while length < len(data):
        try:
            glyph = next(glyphs)
        except StopIteration:
            break
        out.append(glyph)
        length += len(glyph.code)
    return out


def without_painting(op) -> list:
    """An instruction that keeps the graphics state of `op` but draws nothing (hidden layers)."""
    name = str(op.operator)
    if name in PAINTING:
        return [instruction("n")]
    if name in ("Do", "sh", "INLINE IMAGE", "Tj", "TJ"):
        return []
    if name == "'":
        return [instruction("T*")]
    if name == '"':
        operands = list(op.operands)
        return [instruction("Tw", operands[0]), instruction("Tc", operands[1]), instruction("T*")]
    return [op]
