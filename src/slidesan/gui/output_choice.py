"""The one output-name rule of the window: never overwrite silently.

When the output a dropped item would get already exists (a deck cleaned before, a pack folder
from last week), the lecturer chooses: replace it, keep both (the new one gets the next free
numbered name: talk.clean-2.pptx, pack.clean-2), or skip the item. The same rule for decks,
folders, zips and single files, because api.default_output and api.numbered_output decide names.
"""

from __future__ import annotations

from pathlib import Path

REPLACE, NUMBERED, SKIP = "replace", "numbered", "skip"


def ask(parent, output: Path, numbered: Path) -> str:
    """REPLACE, NUMBERED or SKIP, from a question with three buttons (Escape = skip)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setObjectName("outputExistsBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Already cleaned")
    box.setText(f"<b>{output.name}</b> already exists in {output.parent}.")
    box.setInformativeText(f"Replace it with the new cleaned version, or keep both and save the new one as "
                           f"{numbered.name}?")
    replace = box.addButton("Replace", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(f"Keep both ({numbered.name})", QMessageBox.ButtonRole.AcceptRole)
    skip = box.addButton("Skip", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(skip)
    box.exec()
    clicked = box.clickedButton()
    return REPLACE if clicked is replace else NUMBERED if clicked is keep else SKIP


def choose_output(parent, path: Path, asker=ask) -> tuple[Path | None, bool] | None:
    """(output, replace) for a dropped item, or None when the user skipped it.

    (None, False) = the default name, which is free."""
    from slidesan import api

    output = api.default_output(path)
    if not api.output_taken(output):
        return None, False
    numbered = api.numbered_output(output)
    choice = asker(parent, output, numbered)
    if choice == REPLACE:
        return output, True
    if choice == NUMBERED:
        return numbered, False
    return None
