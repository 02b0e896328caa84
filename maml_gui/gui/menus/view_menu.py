"""View: show or hide the settings and each view; the screen or slide theme."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QDockWidget, QMenu, QWidget

from maml_gui.gui.actions import make_action
from maml_gui.gui.i18n import translate

THEMES = (
    ("screen", QT_TRANSLATE_NOOP("ViewMenu", "Screen theme")),
    ("slide", QT_TRANSLATE_NOOP("ViewMenu", "Slide theme (large text)")),
)


class ViewMenu(QMenu):
    def __init__(
        self, parent: QWidget, docks: Sequence[QDockWidget], set_theme: Callable[[str], None]
    ) -> None:
        super().__init__(translate("ViewMenu", "&View"), parent)
        for dock in docks:
            self.addAction(dock.toggleViewAction())
        self.addSeparator()
        group = QActionGroup(self)
        self.themes = {}
        for name, label in THEMES:
            text = translate("ViewMenu", label)
            action = make_action(self, text, partial(set_theme, name), checkable=True)
            group.addAction(action)
            self.addAction(action)
            self.themes[name] = action
        self.themes["screen"].setChecked(True)
