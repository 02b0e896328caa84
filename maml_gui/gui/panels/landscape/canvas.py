"""What the landscape view lends its painters: the one plot, the surface under the contours,
the two learners' markers, and a way to add controls and say that one changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from maml_gui.gui import theme as palette
from maml_gui.gui.plotting.arrows import ArrowSet
from maml_gui.gui.plotting.contours import ContourMap
from maml_gui.gui.plotting.plot import ViewPlot
from maml_gui.gui.plotting.styles import Styler

#: per-task curves and markers beyond this many would repeat colours
MAX_TASKS = len(palette.TASK_COLORS)
#: the algorithm's markers first, then the pretraining twin's (index k of phis, thetas, arrows)
LEARNER_COLORS = (palette.ALGORITHM_COLOR, palette.PRETRAINING_COLOR)


@dataclass
class LandscapeCanvas:
    styler: Styler
    figure: ViewPlot
    contours: ContourMap
    #: phi of each learner (a large dot) ...
    phis: list[pg.PlotDataItem]
    #: ... the theta_n adapted from it (hollow dots) ...
    thetas: list[pg.PlotDataItem]
    #: ... and the arrows from the one to the others
    arrows: list[ArrowSet]
    #: a labelled control in the view's control row; returns its container
    add_control: Callable[[str, QWidget, str], QWidget]
    #: a control changed what is drawn (texts, legend, picture)
    changed: Callable[[], None]
    #: a control changed what the training process must compute
    requests_changed: Callable[[], None]

    def place(self, k: int, phi: np.ndarray, thetas: np.ndarray) -> None:
        """Learner ``k``'s phi (2,) and theta_n (T, 2) in plot coordinates, straight arrows
        between them."""
        thetas = np.asarray(thetas, dtype=float).reshape(-1, 2)
        self.phis[k].setData([phi[0]], [phi[1]])
        self.thetas[k].setData(thetas[:, 0], thetas[:, 1])
        self.arrows[k].set_data(np.repeat(np.asarray(phi)[None, :2], len(thetas), 0), thetas)

    def clear_markers(self) -> None:
        for item in [*self.phis, *self.thetas]:
            item.setData([], [])
        for arrows in self.arrows:
            arrows.set_data(np.zeros((0, 2)), np.zeros((0, 2)))
