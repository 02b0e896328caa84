"""Task > Published pictures: one item each for the pictures a lecture shows, which sets the run
up, starts it, and brings the view that draws the picture to the front, framed as published,
ready to export once the run has trained.

- The lecture's picture (Hung-yi Lee's notes): two task losses on one parameter and the
  shared initialisation phi (toy 1-D, the task landscape).
- Finn et al. (2017), Figure 2, K = 5 and K = 10: a held-out sine, its K points, and the fits
  before adaptation, after 1 and after 10 steps, MAML against a pretrained model, over the
  paper's input range -5..5 (sinusoid, the function space).
- Three tasks in 2-D: three task optima around phi, with each theta_n (toy 2-D, the task
  landscape).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QMenu, QWidget

from maml_gui.core.config import RunConfig, default_config
from maml_gui.gui.actions import make_action
from maml_gui.gui.i18n import translate
from maml_gui.gui.run_controller import RunController
from maml_gui.gui.view_host import ViewHost

#: the y range of the sine pictures: the family's largest amplitude, 5, and a margin
SINE_Y_RANGE = (-5.5, 5.5)
SINE_X_RANGE = (-5.0, 5.0)


@dataclass(frozen=True)
class Preset:
    label: str
    tip: str
    config: RunConfig
    view: str  # the key of the view that draws the picture
    fit_steps: int | None = None  # the function space's k (Finn's 10 steps)


def presets() -> list[Preset]:
    finn = default_config("sinusoid", "maml")  # Finn et al.'s settings (config.py)
    return [
        Preset(
            translate("Presets", "The lecture's picture (toy 1-D)"),
            translate(
                "Presets",
                "Two task losses over one parameter, φ and each task's adapted θ_n, as in the "
                "lecture notes",
            ),
            default_config("toy1d", "maml"),
            "landscape",
        ),
        *(
            Preset(
                translate("Presets", "Finn et al. 2017, Figure 2 (K = {k})").format(k=k),
                translate(
                    "Presets",
                    "Sinusoid meta-trained on {k} points per task; a held-out sine fitted before "
                    "adaptation, after 1 and after 10 steps, MAML against pretraining",
                ).format(k=k),
                finn.replace(k_shot=k),
                "function_space",
                fit_steps=10,
            )
            for k in (5, 10)
        ),
        Preset(
            translate("Presets", "Three tasks in 2-D"),
            translate("Presets", "Three task optima on a plane, φ and each task's adapted θ_n"),
            default_config("toy2d", "maml"),
            "landscape",
        ),
    ]


class PresetMenu(QMenu):
    def __init__(self, parent: QWidget, controller: RunController, views: ViewHost) -> None:
        super().__init__(translate("Presets", "&Published pictures"), parent)
        self.setToolTipsVisible(True)
        self.controller, self.views = controller, views
        self.presets = presets()
        self.actions_by_label = {}
        for preset in self.presets:
            action = make_action(self, preset.label, lambda p=preset: self.use(p), tip=preset.tip)
            self.addAction(action)
            self.actions_by_label[preset.label] = action
        self.pending: Preset | None = None

    def use(self, preset: Preset) -> None:
        """A new run of the preset's settings, started; its view framed once it exists (not
        if the user keeps the current run when asked)."""
        self.controller.use_config(
            preset.config,
            translate("Presets", "start {picture}").format(picture=preset.label),
            before=lambda: setattr(self, "pending", preset),
        )

    def on_run_reset(self, info) -> None:
        """Frame the preset's view; the window calls it after the views have been reset
        (a view's reset lets its axes range freely again)."""
        preset, self.pending = self.pending, None
        wanted = preset.config if preset is not None else None
        if wanted is None or (info.config.task, info.config.k_shot) != (wanted.task, wanted.k_shot):
            return  # another run replaced the preset's meanwhile
        views = self.views
        panel = next((p for p in views.panels if getattr(p, "key", "") == preset.view), None)
        if panel is None:
            return
        views.docks[views.panels.index(panel)].raise_()
        if preset.fit_steps is not None and hasattr(panel, "frame_sine"):
            panel.frame_sine(preset.fit_steps, SINE_X_RANGE, SINE_Y_RANGE)
