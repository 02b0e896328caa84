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

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from maml_gui.core.config import RunConfig
from maml_gui.core.snapshot import Snapshot


@dataclass(frozen=True)
class RunInfo:
    """What a panel needs to know about the run it shows."""

    config: RunConfig
    #: per-task colours and labels are derived from this count (the toys' finite task set,
    #: or the sinusoid meta-batch size)
    n_tasks: int
    #: for toys, the exact task minima (T, dim); None for networks
    task_minima: np.ndarray | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PayloadRequest:
    """Ask the worker for an expensive payload. ``kind`` is one of:
    'toy_landscape' (params: m_max), 'plane_landscape' (params: plane, resolution),
    'gap', 'function_fit' (params: task_index), 'trajectory', 'loss_history'."""

    kind: str
    params: tuple[tuple[str, Any], ...] = ()

    def param(self, name: str, default: Any = None) -> Any:
        return dict(self.params).get(name, default)


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
    #: a short "what am I looking at" for Help, in the words of the seed notes
    help_text = ""

    def reset(self, info: RunInfo) -> None:
        raise NotImplementedError

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
