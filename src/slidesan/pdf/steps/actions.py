"""Hiding place: JavaScript and actions: /Names/JavaScript, /OpenAction, /AA (additional actions)
on the catalog, pages, annotations and form fields, and actions on outline items and links.

Scripts run when the handout opens (and name paths, users and servers); /Launch and /GoToR open
files on the lecturer's disk by path; /SubmitForm and /ImportData send or fetch data. Every action
except going to a place in the document (and plain web links, which the annotations step judges)
is removed wherever it hangs; an /OpenAction that is only a destination stays.
"""

from __future__ import annotations

import pikepdf

from slidesan.pdf.objects import gut, is_dict, name_of, name_tree_keys, quote, remove_name_tree, text_of

SAFE_ACTIONS = ("/GoTo", "/URI")       # /URI is judged, kept or removed, by the annotations step
ACTION_KEYS = ("/A", "/OpenAction")


def action_chain_unsafe(action) -> str | None:
    """The first unsafe action kind in an action and its /Next chain (bounded), or None."""
    seen = 0
    stack = [action]
    while stack and seen < 256:
        item = stack.pop()
        seen += 1
        if not is_dict(item):
            continue
        kind = name_of(item.get("/S"))
        if kind and kind not in SAFE_ACTIONS:
            return kind
        nxt = item.get("/Next")
        if isinstance(nxt, pikepdf.Array):
            stack.extend(nxt)
        elif nxt is not None:
            stack.append(nxt)
    return None


def script_text(action) -> str:
    js = action.get("/JS") if is_dict(action) else None
    if isinstance(js, pikepdf.Stream):
        try:
            return js.read_bytes().decode("latin-1", "replace")
        except pikepdf.PdfError:
            return ""
    return text_of(js) or text_of(action.get("/F")) if is_dict(action) else ""


def scrub(doc, ctx) -> None:
    root = doc.pdf.Root
    for name in remove_name_tree(root, "/JavaScript"):
        ctx.add("javascript", "review", "removed", "document JavaScript removed", text=quote(name))
    for obj in list(doc.dicts()):
        if "/AA" in obj:
            del obj["/AA"]
            ctx.add("javascript", "review", "removed", "additional actions (/AA) removed")
        for key in ACTION_KEYS:
            action = obj.get(key)
            kind = action_chain_unsafe(action) if is_dict(action) else None
            if kind:
                text = script_text(action)
                ctx.identifiers_in(text, f"a {kind[1:]} action")
                del obj[key]
                ctx.add("javascript" if kind == "/JavaScript" else "action", "review", "removed",
                        f"{kind[1:]} action removed", text=quote(text) or None)
            elif is_dict(action) and "/Next" in action:
                del action["/Next"]
    stray = [obj for obj in doc.dicts() if is_script(obj)]       # under a key no viewer uses: still in the file
    for obj in stray:
        ctx.identifiers_in(script_text(obj), "a JavaScript action")
        gut(obj)
    if stray:
        ctx.add("javascript", "review", "removed", f"{len(stray)} other JavaScript action(s) emptied")


def is_script(obj) -> bool:
    return name_of(obj.get("/S")) == "/JavaScript" or "/JS" in obj


def residue(doc, options) -> list[str]:
    found = ["/Names/JavaScript is still there"] if name_tree_keys(doc.pdf.Root, "/JavaScript") else []
    for obj in doc.dicts():
        if "/AA" in obj:
            found.append("an /AA additional-actions dictionary")
        for key in ACTION_KEYS:
            action = obj.get(key)
            if is_dict(action) and action_chain_unsafe(action):
                found.append(f"a {name_of(action.get('/S'))[1:]} action")
        if is_script(obj):
            found.append("a JavaScript action reachable elsewhere")
    return found
