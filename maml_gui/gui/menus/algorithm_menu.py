"""Algorithm: what meta-trains beside the pretraining twin; those that do not apply to the
run's family are disabled, with the reason as their tooltip."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Slot
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from maml_gui.core.config import ALGORITHM_LABELS, ALGORITHMS, algorithm_unavailable_reason
from maml_gui.core.records import RunInfo
from maml_gui.gui.actions import make_action
from maml_gui.gui.run_controller import RunController


class AlgorithmMenu(QMenu):
    def __init__(self, parent: QWidget, controller: RunController) -> None:
        super().__init__("&Algorithm", parent)
        self.setToolTipsVisible(True)  # the "why disabled" tooltips
        group = QActionGroup(self)
        self.algorithms = {}
        for algorithm in ALGORITHMS:
            switch = partial(self._switch, algorithm)
            action = make_action(self, ALGORITHM_LABELS[algorithm], switch, checkable=True)
            group.addAction(action)
            self.addAction(action)
            self.algorithms[algorithm] = action
        self.controller = controller
        controller.run_reset.connect(self.show_run)

    def _switch(self, algorithm: str) -> None:
        self.controller.switch(algorithm=algorithm)
        # The check mark stays on the run there is until the new one exists: the switch
        # may have been cancelled (an unsaved run), and then nothing changed.
        if self.controller.run_info is not None:
            self.show_run(self.controller.run_info)

    @Slot(object)
    def show_run(self, info: RunInfo) -> None:
        config = info.config
        self.algorithms[config.algorithm].setChecked(True)
        for algorithm, action in self.algorithms.items():
            reason = algorithm_unavailable_reason(algorithm, config.task)
            action.setEnabled(reason is None)
            label = ALGORITHM_LABELS[algorithm]
            action.setToolTip(reason or f"Train {label} and a pretraining twin")
