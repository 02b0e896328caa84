"""The contract between the main window, the worker's payloads and every view.

The window owns one instance of each panel. Data flow (see shared/docs/architecture.md):
- ``reset(info)`` when a run is created, loaded or reset: forget all data, adapt the axes and
  legends to the task family and algorithm (``info``).
- ``on_snapshot(snapshot)`` for every Snapshot the worker emits (at most ~30 per second):
  store it and append scalars; never draw here.
- ``on_payload(payload)`` for the expensive results the worker computes on request or every
  few steps (ToyLandscape, PlaneLandscape, GapResult, FunctionFit, Trajectory, LossHistory).
  A panel ignores payload types it does not draw.
- ``redraw()`` is called by the window's ~30 Hz QTimer; redraw only when something changed,
  updating plot items created once with ``setData``/``setImage``.
- ``export_target()`` returns the QGraphicsScene-backed widget to export (a pyqtgraph
  GraphicsLayoutWidget or PlotWidget); ``curve_table()`` returns the plotted data for CSV.
- ``requests()`` lists the payloads the panel needs the worker to compute (e.g. a landscape
  with a given plane and m); the window forwards them to the worker. ``requests_changed`` is
  emitted when the user changes a control that needs a new payload.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from maml_gui.core.records import FamilyTraits, PayloadRequest, RunInfo, Snapshot
from maml_gui.gui.i18n import translate

__all__ = ["CurveColumn", "Panel", "PayloadRequest", "RunInfo"]


@dataclass(frozen=True)
class CurveColumn:
    """One column of a CSV export: a header with units, and the values."""

    header: str
    values: np.ndarray


class Panel(QWidget):
    """Base class of the views; subclasses override the hooks below."""

    #: emitted when a control changed what the panel needs from the worker
    requests_changed = Signal()

    title = "Panel"
    #: ask for payloads only while the view's dock is seen (a costly payload in a closed or
    #: back tab would cost training time for nothing)
    requests_only_when_seen = False
    #: a short "what am I looking at" for Help, in the words of the seed notes
    help_text = ""

    def reset(self, info: RunInfo) -> None:
        raise NotImplementedError

    def shown_for(self, traits: FamilyTraits) -> bool:
        """Whether the view has something to show for a family (the window hides its dock
        otherwise: a classification run has no function space, a regression no images)."""
        return True

    def shown_title(self) -> str:
        """The view's title in the interface's language (``title`` itself is the English
        key: Help and the tests find a view by it)."""
        return translate("Views", self.title)

    def dock_title(self, info: RunInfo) -> str:
        """The title of the view's dock for the run ``info`` (by default its title)."""
        return self.shown_title()

    def on_snapshot(self, snapshot: Snapshot) -> None:
        """Store; do not draw (the timer calls redraw)."""

    def on_payload(self, payload: Any) -> None:
        """Store a payload this panel draws; ignore the others."""

    def redraw(self) -> None:
        raise NotImplementedError

    def requests(self) -> list[PayloadRequest]:
        return []

    def export_target(self) -> QWidget:
        raise NotImplementedError

    def curve_table(self) -> list[CurveColumn]:
        return []
