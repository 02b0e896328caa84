"""Building QActions from a declarative line: text, slot, shortcut, tip; and keeping the
run's Space key working wherever the focus is."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


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


class _SpaceToTheWindow(QObject):
    """Turns down a focused control's claim on a bare Space (a text field would type it, a
    combo box would open), so the window's Space shortcut (pause/resume) fires instead."""

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and event.key() == Qt.Key.Key_Space
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            event.ignore()  # not the control's: the shortcut map tries the window's keys
            return True
        return False


def leave_space_to_the_window(window: QWidget) -> None:
    """Every focusable control in ``window`` leaves Space to the window. The window has no
    free-text field: its fields take numbers, which have no spaces."""
    keeper = _SpaceToTheWindow(window)
    for widget in window.findChildren(QWidget):
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            widget.installEventFilter(keeper)
