"""Task: the task family of the run (switching starts a new run)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from maml_gui.core.config import TASK_LABELS
from maml_gui.gui.menus.switch_menu import SwitchMenu
from maml_gui.gui.run_controller import WINDOW_TASKS, RunController


class TaskMenu(SwitchMenu):
    field = "task"

    def __init__(self, parent: QWidget, controller: RunController) -> None:
        super().__init__("&Task", parent, controller, {t: TASK_LABELS[t] for t in WINDOW_TASKS})
        self.tasks = self.choices
