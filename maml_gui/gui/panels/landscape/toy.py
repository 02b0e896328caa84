"""What the exact toy landscapes share: one ToyLandscape payload per inner learning rate, the
MAML objective after m inner steps chosen with a control, and phi and theta_n taken from every
snapshot (the toys' parameters are their own plot coordinates)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSlider, QSpinBox, QWidget

from maml_gui.core.records import PayloadKind, PayloadRequest, RunInfo, ToyLandscape
from maml_gui.gui.i18n import translate
from maml_gui.gui.panels.landscape.canvas import LandscapeCanvas
from maml_gui.gui.panels.landscape.painter import LandscapePainter

#: the most inner steps the payload's MAML objectives cover (the m slider's range, 0..20):
#: changing m needs no new payload. Twenty steps cost the toy2d grid ~0.15 s, once per rate.
M_MAX = 20


class ToyPainter(LandscapePainter):
    landscape: ToyLandscape | None

    def __init__(self, canvas: LandscapeCanvas) -> None:
        super().__init__(canvas)
        # a slider to sweep m with the mouse, and a box beside it for the keyboard
        self.m_box = QSpinBox()
        self.m_box.setRange(0, M_MAX)
        self.m_box.setValue(1)
        self.m_slider = QSlider(Qt.Orientation.Horizontal)
        self.m_slider.setRange(0, M_MAX)
        self.m_slider.setValue(1)
        self.m_slider.setPageStep(5)
        self.m_slider.setFixedWidth(90)
        self.m_slider.valueChanged.connect(self.m_box.setValue)
        self.m_box.valueChanged.connect(self.m_slider.setValue)
        self.m_box.valueChanged.connect(lambda _value: canvas.changed())
        both = QWidget()
        row = QHBoxLayout(both)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.m_slider)
        row.addWidget(self.m_box)
        self.controls.append(
            canvas.add_control(
                translate("Landscape", "inner steps m"),
                both,
                translate(
                    "Landscape",
                    "The MAML objective after m inner steps, 0 to 20: m = 0 is the pretraining "
                    "objective, and as m grows it moves toward the tasks' own minima",
                ),
            )
        )
        #: each learner's phi (d,) and theta_n (T, d) from the latest snapshot
        self.phi = [np.zeros(0), np.zeros(0)]
        self.theta = [np.zeros((0, 1)), np.zeros((0, 1))]

    def reset(self, info: RunInfo) -> None:
        super().reset(info)
        dim = info.traits.dimension
        self.phi = [np.zeros(0), np.zeros(0)]
        self.theta = [np.zeros((0, dim)), np.zeros((0, dim))]

    def on_snapshot(self, snapshot) -> bool:
        self.phi = [snapshot.main.phi, snapshot.twin.phi]
        self.theta = [snapshot.main.thetas, snapshot.twin.thetas]
        return True

    def on_payload(self, payload) -> bool:
        if not isinstance(payload, ToyLandscape):
            return False
        self.landscape = payload
        self.m_box.setMaximum(payload.maml.shape[0] - 1)
        self.m_slider.setMaximum(payload.maml.shape[0] - 1)
        return True

    def requests(self) -> list[PayloadRequest]:
        return [PayloadRequest(PayloadKind.TOY_LANDSCAPE, (("m_max", M_MAX),))]

    def static_key(self) -> tuple:
        return (id(self.landscape), self.m_box.value())

    def maml_index(self) -> int:
        """m, within what the payload covers."""
        land = self.landscape
        return min(self.m_box.value(), land.maml.shape[0] - 1) if land is not None else 0

    def maml_name(self) -> str:
        return translate("Landscape", "MAML objective, m = {m}").format(m=self.m_box.value())

    @property
    def has_phi(self) -> bool:
        return len(self.phi[0]) > 0
