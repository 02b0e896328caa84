"""Building QActions from a declarative line: text, slot, shortcut, tip; and keeping the
window's keys (Space, Page Up/Down) working wherever the focus is."""

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


#: the window's keys, whatever control has the focus: Space pauses and resumes; Page Up and
#: Page Down (what a presenter's remote sends) change the view in presenter mode
WINDOW_KEYS = frozenset({Qt.Key.Key_Space, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown})


class _KeysToTheWindow(QObject):
    """Turns down a focused control's claim on a bare window key (a text field would type a
    space, a combo box would open, a spin box would step by ten), so the window's shortcut
    fires instead. A key whose action is disabled still reaches the control."""

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and event.key() in WINDOW_KEYS
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            event.ignore()  # not the control's: the shortcut map tries the window's keys
            return True
        return False


def leave_keys_to_the_window(window: QWidget) -> None:
    """Every focusable control in ``window`` leaves WINDOW_KEYS to the window. The window has
    no free-text field: its fields take numbers, which have no spaces."""
    keeper = _KeysToTheWindow(window)
    for widget in window.findChildren(QWidget):
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            widget.installEventFilter(keeper)
