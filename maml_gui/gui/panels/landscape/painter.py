"""The interface between the landscape view and the painter of one LandscapeKind."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from maml_gui.core.records import PayloadRequest, RunInfo, Snapshot
from maml_gui.gui.labels import learner_labels, loss_label, theta_from_phi
from maml_gui.gui.panels.base import CurveColumn
from maml_gui.gui.panels.common import PHI
from maml_gui.gui.panels.landscape.canvas import LandscapeCanvas
from maml_gui.gui.panels.learners import learners

#: (item, name) pairs, in the order the legend lists them
LegendEntries = list[tuple[Any, str]]


class LandscapePainter:
    """Draws one kind of landscape on the view's shared canvas.

    A painter is built once with the view and creates its plot items and controls then; the
    view shows only the active painter's controls (``controls``) and, after ``clear``, only
    its items hold data. The view calls ``reset`` when a run of this kind starts, routes
    snapshots and payloads to it, and draws with ``draw`` when something changed.
    """

    #: a filled surface with contours and a colour bar is shown
    shows_surface = False
    #: one unit on x is one unit on y (a real parameter plane)
    locks_aspect = False

    def __init__(self, canvas: LandscapeCanvas) -> None:
        self.canvas = canvas
        #: the containers of this painter's controls, hidden while another painter draws
        self.controls: list[QWidget] = []
        self.info: RunInfo | None = None
        #: the last payload drawn from, or None
        self.landscape: Any = None
        self.labels = ("", "")
        self.who = learners("maml")

    @property
    def loss_name(self) -> str:
        return loss_label(self.info.traits.loss_name if self.info else "query loss")

    def reset(self, info: RunInfo) -> None:
        """Forget the last run's data and adapt the controls to this one."""
        self.info = info
        self.landscape = None
        self.labels = learner_labels(info.config.algorithm)
        self.who = learners(info.config.algorithm)

    # -- texts ---------------------------------------------------------------------------
    def legend(self) -> LegendEntries:
        raise NotImplementedError

    def text(self) -> tuple[str, str, str]:
        """(title, x label, y label)."""
        raise NotImplementedError

    def surface_label(self) -> str:
        """The colour bar's label (with ``shows_surface``)."""
        return self.loss_name

    def phi_entries(self) -> LegendEntries:
        main, twin = self.labels
        phis = self.canvas.phis
        return self.who.legend(
            [(phis[0], f"{PHI} ({main})"), (phis[1], f"{PHI} ({twin})")], [phis[1]]
        )

    def theta_entries(self) -> LegendEntries:
        main, twin = self.labels
        thetas = self.canvas.thetas
        entries = [
            (thetas[0], theta_from_phi(main)),
            (thetas[1], theta_from_phi(twin)),
        ]
        return self.who.legend(entries, [thetas[1]])

    # -- data in -------------------------------------------------------------------------
    def on_snapshot(self, snapshot: Snapshot) -> bool:
        """Store what the picture needs of ``snapshot``; True if it changed the picture."""
        return False

    def on_payload(self, payload: Any) -> bool:
        """Store a payload this painter draws; True if it took it."""
        return False

    def requests(self) -> list[PayloadRequest]:
        return []

    def view_resized(self) -> bool:
        """The plot changed size; True if the painter now needs another payload."""
        return False

    # -- drawing -------------------------------------------------------------------------
    def static_key(self) -> tuple:
        """What the costly part of the picture depends on (payload, control choices): it is
        redrawn only when this changes, the markers every time."""
        return (id(self.landscape),)

    def clear(self) -> None:
        """Empty this painter's own items (the view empties the shared markers)."""

    def draw(self, static: bool) -> None:
        """Draw the markers, and with ``static`` the costly part too."""
        raise NotImplementedError

    def curve_table(self) -> list[CurveColumn]:
        """The drawn landscape as CSV columns (the view adds phi's position)."""
        return []
