"""Building QActions from a declarative line: text, slot, shortcut, tip."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence


def make_action(
    owner: QObject,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
    checkable: bool = False,
) -> QAction:
    action = QAction(text, owner)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        # the run's keys work wherever the focus is in the window (a settings field included)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.setCheckable(checkable)
    # QAction passes `checked`; the slots take no argument (GUI-thread signal: a lambda is safe)
    action.triggered.connect(lambda _checked=False: slot())
    return action
