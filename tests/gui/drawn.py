"""A real view drawn from a short trained run, without a window or a training process (the
engine runs in the test's own process): for tests that look at what a view draws."""

from __future__ import annotations

from maml_gui.core.config import default_config
from maml_gui.core.frames import compute_frame
from maml_gui.core.payloads import run_info
from maml_gui.core.training import Trainer
from maml_gui.gui.export.drawing import draw_frame
from tests.gui.events import settle_layout


def trained(task: str, iterations: int) -> Trainer:
    """A MAML run of ``task`` trained to its end."""
    trainer = Trainer(default_config(task, "maml").replace(iterations=iterations))
    for _snapshot in trainer.steps():
        pass
    return trainer


def drawn_panel(panel_type, trainer: Trainer, qtbot, shown: bool = False):
    """A new ``panel_type`` at 1280 x 720 showing ``trainer``'s run; ``shown``: on screen
    (offscreen) and laid out, for tests that point at places in it."""
    panel = panel_type()
    qtbot.addWidget(panel)
    panel.resize(1280, 720)
    if shown:
        panel.show()
        qtbot.waitExposed(panel)
    panel.reset(run_info(trainer))
    draw_frame(panel, compute_frame(trainer, panel.requests()), reset=False)
    if shown:
        settle_layout()  # the layout settles: the plot's box is where the mouse will be
    return panel
