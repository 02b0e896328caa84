"""View: show or hide the settings and each view; the screen or slide theme."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QDockWidget, QMenu, QWidget

from maml_gui.gui.actions import make_action

THEMES = (("screen", "Screen theme"), ("slide", "Slide theme (large text)"))


class ViewMenu(QMenu):
    def __init__(
        self, parent: QWidget, docks: Sequence[QDockWidget], set_theme: Callable[[str], None]
    ) -> None:
        super().__init__("&View", parent)
        for dock in docks:
            self.addAction(dock.toggleViewAction())
        self.addSeparator()
        group = QActionGroup(self)
        self.themes = {}
        for name, label in THEMES:
            action = make_action(self, label, partial(set_theme, name), checkable=True)
            group.addAction(action)
            self.addAction(action)
            self.themes[name] = action
        self.themes["screen"].setChecked(True)
