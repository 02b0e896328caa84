"""A menu of exclusive choices that each switch the run (the Task and Algorithm menus)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from maml_gui.core.records import RunInfo
from maml_gui.gui.actions import make_action
from maml_gui.gui.run_controller import RunController


class SwitchMenu(QMenu):
    """One checkable action per choice (``labels``: name -> text); choosing one asks the
    controller to switch the run's ``field`` to it. The check shows the run there is."""

    field = ""  # "task" or "algorithm": the keyword RunController.switch takes

    def __init__(
        self, title: str, parent: QWidget, controller: RunController, labels: Mapping[str, str]
    ) -> None:
        super().__init__(title, parent)
        self.controller = controller
        group = QActionGroup(self)
        self.choices: dict[str, QAction] = {}
        for name, label in labels.items():
            action = make_action(self, label, lambda n=name: self._switch(n), checkable=True)
            group.addAction(action)
            self.addAction(action)
            self.choices[name] = action
        controller.run_reset.connect(self.show_run)

    def _switch(self, name: str) -> None:
        self.controller.switch(**{self.field: name})
        # The check mark stays on the run there is until the new one exists: the switch
        # may have been cancelled (an unsaved run), and then nothing changed.
        if self.controller.run_info is not None:
            self.show_run(self.controller.run_info)

    @Slot(object)
    def show_run(self, info: RunInfo) -> None:
        self.choices[getattr(info.config, self.field)].setChecked(True)
