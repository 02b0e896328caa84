"""Algorithm: what meta-trains beside the pretraining twin; those that do not apply to the
run's family are disabled, with the reason as their tooltip."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from maml_gui.core.config import ALGORITHMS, algorithm_unavailable_reason
from maml_gui.core.records import RunInfo
from maml_gui.gui.i18n import translate
from maml_gui.gui.labels import algorithm_label
from maml_gui.gui.menus.switch_menu import SwitchMenu
from maml_gui.gui.run_controller import RunController


class AlgorithmMenu(SwitchMenu):
    field = "algorithm"

    def __init__(self, parent: QWidget, controller: RunController) -> None:
        labels = {a: algorithm_label(a) for a in ALGORITHMS}
        super().__init__(translate("AlgorithmMenu", "&Algorithm"), parent, controller, labels)
        self.setToolTipsVisible(True)  # the "why disabled" tooltips
        self.algorithms = self.choices

    @Slot(object)
    def show_run(self, info: RunInfo) -> None:
        super().show_run(info)
        for algorithm, action in self.algorithms.items():
            reason = algorithm_unavailable_reason(algorithm, info.config.task)
            action.setEnabled(reason is None)
            label = algorithm_label(algorithm)
            train = translate("AlgorithmMenu", "Train {algorithm} and a pretraining twin")
            action.setToolTip(
                translate("Labels", reason) if reason else train.format(algorithm=label)
            )
