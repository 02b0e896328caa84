"""The gap view keeps its during-training history through a change of evaluation setting: the
curve breaks where the setting changed and a labelled mark says what the new setting is."""

from __future__ import annotations

import numpy as np

from maml_gui.core.checkpoint import load_run, save_run
from maml_gui.core.config import default_config
from maml_gui.core.payloads import run_info
from maml_gui.core.training import Trainer
from maml_gui.gui.panels.gap import GapPanel


def _evaluations():
    trainer = Trainer(default_config("toy1d", "maml").replace(iterations=20))
    results = []
    for steps, k in ((3, 10), (3, 5), (2, 10)):
        trainer.set_config(trainer.config.replace(test_inner_steps=k))
        for _ in range(steps):
            trainer.next_step()
        results.append(trainer.evaluate())
    return trainer, results


def test_changing_test_steps_marks_the_change_and_keeps_the_history(qtbot):
    trainer, results = _evaluations()
    panel = GapPanel()
    qtbot.addWidget(panel)
    panel.reset(run_info(trainer))
    for result in results:
        panel.on_payload(result)
    panel.redraw()
    x, y = panel.after[0].getData()
    np.testing.assert_array_equal(x, [3, 6, 8])  # nothing dropped
    np.testing.assert_array_equal(y, [r.algorithm.mean[-1] for r in results])
    # The line does not join two settings' losses ...
    np.testing.assert_array_equal(panel.after[0].opts["connect"], [False, False, True])
    # ... and the marks say where each setting began.
    assert panel.marks.shown() == [(6.0, "K = 5"), (8.0, "K = 10")]
    assert "MAML, after K<sub>test</sub> steps" in panel.time_fig.legend_names()
    table = {c.header: c.values for c in panel.curve_table()}
    np.testing.assert_array_equal(table["K_test [steps]"], [10, 5, 10])


def test_an_opened_run_shows_its_history_with_the_marks(qtbot, tmp_path):
    trainer, _ = _evaluations()
    opened = load_run(save_run(trainer, tmp_path / "run.npz"))
    panel = GapPanel()
    qtbot.addWidget(panel)
    panel.reset(run_info(opened))
    panel.on_payload(opened.evaluate())  # the opened run's first evaluation carries its record
    panel.redraw()
    x, _ = panel.after[0].getData()
    np.testing.assert_array_equal(x, [3, 6, 8])
    assert [step for step, _ in panel.marks.shown()] == [6.0, 8.0]


def test_one_setting_draws_no_marks(qtbot):
    trainer = Trainer(default_config("toy1d", "maml"))
    panel = GapPanel()
    qtbot.addWidget(panel)
    panel.reset(run_info(trainer))
    for _ in range(2):
        trainer.next_step()
        panel.on_payload(trainer.evaluate())
    panel.redraw()
    assert panel.marks.shown() == []
    assert "MAML, after 10 steps" in panel.time_fig.legend_names()
