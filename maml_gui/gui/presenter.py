"""Presenter mode: one view fills the screen in large type, for a lecture hall.

F5 enters (as in slide software), Esc leaves; Page Down and Page Up, what a presenter's remote
sends, go to the next and previous view; a toolbar names the views for a click. The run's own
toolbar stays, so Start, Pause, Step and the speed are one click away while presenting. Leaving
puts back the docks, the theme and the window's size exactly as they were.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QObject, Qt, Signal, Slot
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar

from maml_gui.gui.actions import make_action
from maml_gui.gui.i18n import translate
from maml_gui.gui.view_host import ViewHost

log = logging.getLogger(__name__)


class PresenterMode(QObject):
    #: True on entering, False on leaving
    active_changed = Signal(bool)

    def __init__(self, window: QMainWindow, views: ViewHost, side: Sequence[QDockWidget]):
        super().__init__(window)
        self.window, self.views, self.side = window, views, list(side)
        self.index = 0
        self._saved_state: QByteArray | None = None
        self._saved_theme = "screen"
        self._window_state = Qt.WindowState.WindowNoState
        self._geometry = QByteArray()
        self.enter_action = make_action(
            window,
            translate("Presenter", "&Presenter mode"),
            self.toggle,
            "F5",
            translate("Presenter", "One view, full screen, large type"),
        )
        self.enter_action.setCheckable(True)
        self.next_action = make_action(
            window, translate("Presenter", "Next view"), lambda: self.step(1), "PgDown"
        )
        self.previous_action = make_action(
            window, translate("Presenter", "Previous view"), lambda: self.step(-1), "PgUp"
        )
        self.leave_action = make_action(
            window, translate("Presenter", "Leave presenter mode"), self.leave, "Esc"
        )
        for action in (self.enter_action, self.next_action, self.previous_action):
            window.addAction(action)  # their keys work with the menu bar out of the way too
        window.addAction(self.leave_action)
        self.toolbar = self._toolbar()
        self._enable_moves(False)

    @property
    def active(self) -> bool:
        return self._saved_state is not None

    def _toolbar(self) -> QToolBar:
        bar = QToolBar(translate("Presenter", "Presenter"), self.window)
        bar.setObjectName("presenter_toolbar")
        bar.setMovable(False)
        bar.addAction(self.previous_action)
        group = QActionGroup(bar)
        self.view_actions = []
        for i, dock in enumerate(self.views.docks):
            action = make_action(bar, dock.windowTitle(), lambda i=i: self.show_view(i))
            action.setCheckable(True)
            group.addAction(action)
            bar.addAction(action)
            self.view_actions.append(action)
        bar.addAction(self.next_action)
        bar.addSeparator()
        bar.addAction(self.leave_action)
        bar.hide()
        return bar

    def _enable_moves(self, on: bool) -> None:
        # Disabled outside presenter mode, so Page Up/Down and Esc still reach the controls.
        for action in (self.next_action, self.previous_action, self.leave_action):
            action.setEnabled(on)

    @Slot()
    def toggle(self) -> None:
        if self.active:
            self.leave()
        else:
            self.enter()

    def enter(self, index: int | None = None) -> None:
        if self.active or not self.views.docks:
            return
        if index is None:
            index = self.views.panels.index(self.views.current_panel())
        self._saved_state = self.window.saveState()
        self._saved_theme = self.views.theme_name
        self._window_state = self.window.windowState()
        self._geometry = self.window.saveGeometry()
        for dock in self.side:
            dock.hide()
        for dock, action in zip(self.views.docks, self.view_actions, strict=True):
            action.setText(dock.windowTitle())  # the titles name the run's algorithm
        # Its own row: beside the run's toolbar, 1280 pixels held only half the view names.
        self.window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.toolbar.show()
        self.window.menuBar().hide()  # the slide's room; the keys and both toolbars remain
        self._enable_moves(True)
        self.enter_action.setChecked(True)
        self.show_view(index)
        self.window.showFullScreen()
        self.views.set_theme("slide")  # fitted to the view's new size once it has settled
        log.info("presenter mode: %s", self.views.docks[self.index].windowTitle())
        self.active_changed.emit(True)

    def show_view(self, index: int) -> None:
        if not self.active:
            return
        self.index = index % len(self.views.docks)
        for i, dock in enumerate(self.views.docks):
            dock.setVisible(i == self.index)
        self.views.docks[self.index].raise_()
        self.view_actions[self.index].setChecked(True)

    def step(self, delta: int) -> None:
        self.show_view(self.index + delta)

    @Slot()
    def leave(self) -> None:
        if not self.active:
            return
        self.toolbar.hide()
        self.window.removeToolBarBreak(self.toolbar)  # else each visit left a break behind
        self.window.removeToolBar(self.toolbar)
        self._enable_moves(False)
        self.window.menuBar().show()
        # The theme first: the slide theme's wider minimum sizes kept the window from
        # returning to its old width.
        self.views.set_theme(self._saved_theme)
        self.window.setWindowState(self._window_state)  # maximised or not, as it was
        self.window.restoreGeometry(self._geometry)  # and where it was
        self.window.restoreState(self._saved_state)
        self._saved_state = None
        self.enter_action.setChecked(False)
        self.active_changed.emit(False)
