"""File: open and save runs, the bundled examples, recent runs, quit."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from maml_gui.core.examples import bundled_examples
from maml_gui.gui.actions import make_action
from maml_gui.gui.i18n import translate
from maml_gui.gui.run_controller import RUN_FILTER, RunController

MAX_RECENT = 8
EXAMPLE_TIP = QT_TRANSLATE_NOOP(
    "FileMenu",
    "A run trained at HW15's settings, shipped with the app: every view at once, without "
    "training. Start trains on from it (with a fresh Adam state); Save writes your own copy.",
)


class FileMenu(QMenu):
    def __init__(self, parent: QWidget, controller: RunController, settings: QSettings) -> None:
        super().__init__(translate("FileMenu", "&File"), parent)
        self.controller = controller
        self.settings = settings
        self.open_action = make_action(
            self, translate("FileMenu", "&Open run…"), self.ask_open, QKeySequence.Open
        )
        self.save_action = make_action(
            self, translate("FileMenu", "&Save run…"), self.ask_save, QKeySequence.Save
        )
        self.examples = QMenu(translate("FileMenu", "Open &example"), self)
        self.examples.setToolTipsVisible(True)
        for label, path in bundled_examples():
            opener = partial(self.controller.open_run, str(path))
            action = make_action(
                self.examples, label, opener, tip=translate("FileMenu", EXAMPLE_TIP)
            )
            self.examples.addAction(action)
        self.examples.setEnabled(not self.examples.isEmpty())
        self.recent = QMenu(translate("FileMenu", "Recent runs"), self)
        self.quit_action = make_action(
            self, translate("FileMenu", "&Quit"), parent.close, QKeySequence.Quit
        )
        self.addAction(self.open_action)
        self.addAction(self.save_action)
        self.addMenu(self.examples)
        self.addMenu(self.recent)
        self.addSeparator()
        self.addAction(self.quit_action)
        controller.saved.connect(self.add_recent)
        controller.opened.connect(self.add_recent)
        self.show_recent()

    @Slot()
    def ask_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parentWidget(),
            translate("FileMenu", "Open run"),
            "",
            translate("RunController", RUN_FILTER),
        )
        if path:
            self.controller.open_run(path)

    @Slot()
    def ask_save(self) -> None:
        parent = self.parentWidget()
        path, _ = QFileDialog.getSaveFileName(
            parent,
            translate("FileMenu", "Save run"),
            "run.npz",
            translate("RunController", RUN_FILTER),
        )
        if path:
            self.controller.save_run(path)

    def recent_runs(self) -> list[str]:
        value = self.settings.value("recent_runs", [])
        if isinstance(value, str):  # QSettings returns a bare string for a 1-item list
            value = [value]
        return [str(v) for v in value or []]

    @Slot(str)
    def add_recent(self, path: str) -> None:
        path = str(Path(path))
        runs = [path] + [p for p in self.recent_runs() if p != path]
        self.settings.setValue("recent_runs", runs[:MAX_RECENT])
        self.show_recent()

    def show_recent(self) -> None:
        self.recent.clear()
        runs = self.recent_runs()
        for path in runs:
            # owned by the submenu, so clear() deletes them (parented higher they piled up)
            opener = partial(self.controller.open_run, path)
            self.recent.addAction(make_action(self.recent, path, opener))
        self.recent.setEnabled(bool(runs))
