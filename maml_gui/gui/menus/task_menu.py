"""Task: the task family of the run (switching starts a new run), HW15's preset, and which
Omniglot data set the classification family learns from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from maml_gui.core.config import TASK_LABELS
from maml_gui.gui.actions import make_action
from maml_gui.gui.i18n import translate
from maml_gui.gui.labels import task_label
from maml_gui.gui.menus.switch_menu import SwitchMenu
from maml_gui.gui.run_controller import RunController

#: where the chosen Omniglot data set is remembered between sessions
DATA_KEY = "omniglot/data"
DATA_HELP = QT_TRANSLATE_NOOP(
    "TaskMenu",
    "Omniglot classification learns from a subset of Omniglot bundled with the app "
    "(8 background alphabets). If you have the full data set, point the app at it: the "
    "folder holding images_background and images_evaluation (as folders or as the original "
    "zips), or one of those zips. A folder without that layout is refused with what is "
    "missing; unreadable images are skipped and counted.",
)


class TaskMenu(SwitchMenu):
    field = "task"

    def __init__(
        self, parent: QWidget, controller: RunController, settings: QSettings | None = None
    ) -> None:
        super().__init__(
            translate("TaskMenu", "&Task"),
            parent,
            controller,
            {task: task_label(task) for task in TASK_LABELS},
        )
        self.tasks = self.choices
        self.settings = settings
        if settings is not None:
            controller.omniglot_data = str(settings.value(DATA_KEY, "") or "")
            controller.omniglot_data_accepted.connect(
                lambda path: settings.setValue(DATA_KEY, path)
            )
        self.addSeparator()
        self.hw15_action = make_action(
            self,
            translate("TaskMenu", "Omniglot at &HW15's settings"),
            controller.use_hw15,
            checkable=False,
        )
        self.hw15_action.setToolTip(
            translate(
                "TaskMenu",
                "5-way 1-shot, Conv4, inner rate 0.4, 1 inner step in training and 10 at test, "
                "Adam 1e-3, meta-batch 32, rotations as new classes",
            )
        )
        self.addAction(self.hw15_action)
        self.data_action = make_action(
            self,
            translate("TaskMenu", "Omniglot &data folder…"),
            self.choose_folder,
            tip=translate("TaskMenu", DATA_HELP),
        )
        self.zip_action = make_action(
            self,
            translate("TaskMenu", "Omniglot data &zip…"),
            self.choose_zip,
            tip=translate("TaskMenu", DATA_HELP),
        )
        self.bundled_action = make_action(
            self, translate("TaskMenu", "Omniglot: the &bundled subset"), lambda: self.use_data("")
        )
        for action in (self.data_action, self.zip_action, self.bundled_action):
            self.addAction(action)
        self.setToolTipsVisible(True)

    def _start_dir(self) -> str:
        chosen = self.controller.omniglot_data
        return str(Path(chosen).parent if chosen else Path.home())

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self.parentWidget(),
            translate("TaskMenu", "Omniglot data: the folder of the full data set"),
            self._start_dir(),
        )
        if path:
            self.use_data(path)

    def choose_zip(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parentWidget(),
            translate("TaskMenu", "Omniglot data: a zip"),
            self._start_dir(),
            translate("TaskMenu", "Omniglot zip (*.zip)"),
        )
        if path:
            self.use_data(path)

    def use_data(self, path: str) -> None:
        """Start an Omniglot run on ``path``: the training process checks it; a refusal says
        what is missing and leaves the current run as it was; once accepted, it is
        remembered (RunController.omniglot_data_accepted)."""
        self.controller.use_omniglot_data(path)
