"""Task: the task family of the run (switching starts a new run)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Slot
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from maml_gui.core.config import TASK_FAMILIES, TASK_LABELS
from maml_gui.core.records import RunInfo
from maml_gui.gui.actions import make_action
from maml_gui.gui.run_controller import RunController


class TaskMenu(QMenu):
    def __init__(self, parent: QWidget, controller: RunController) -> None:
        super().__init__("&Task", parent)
        group = QActionGroup(self)
        self.tasks = {}
        for task in TASK_FAMILIES:
            switch = partial(self._switch, task)
            action = make_action(self, TASK_LABELS[task], switch, checkable=True)
            group.addAction(action)
            self.addAction(action)
            self.tasks[task] = action
        self.controller = controller
        controller.run_reset.connect(self.show_run)

    def _switch(self, task: str) -> None:
        self.controller.switch(task=task)
        # The check mark stays on the run there is until the new one exists: the switch
        # may have been cancelled (an unsaved run), and then nothing changed.
        if self.controller.run_info is not None:
            self.show_run(self.controller.run_info)

    @Slot(object)
    def show_run(self, info: RunInfo) -> None:
        self.tasks[info.config.task].setChecked(True)
