"""The gap history survives a change of evaluation setting: every row says which setting it
was measured under (nothing is dropped), saved runs keep it, and old saved runs still load."""

import numpy as np
import pytest

from maml_gui.core.checkpoint import load_run, save_run
from maml_gui.core.config import default_config
from maml_gui.core.training import (
    EVALUATION_FIELDS,
    GAP_ACCURACY_COLUMNS,
    GAP_COLUMNS,
    GAP_LOSS_COLUMNS,
    Trainer,
)

K_COLUMN = GAP_COLUMNS.index("test_inner_steps")
LR_COLUMN = GAP_COLUMNS.index("test_inner_lr")


def _trained_with_two_settings() -> Trainer:
    trainer = Trainer(default_config("toy1d", "maml").replace(iterations=20))
    for _ in range(3):
        trainer.next_step()
    trainer.evaluate()
    trainer.set_config(trainer.config.replace(test_inner_steps=5))
    for _ in range(3):
        trainer.next_step()
    trainer.evaluate()
    trainer.set_config(trainer.config.replace(test_inner_steps=10, test_inner_lr=0.4))
    trainer.next_step()
    trainer.evaluate()
    return trainer


def test_a_change_of_test_steps_keeps_the_earlier_evaluations_tagged():
    trainer = _trained_with_two_settings()
    history = trainer.gap_history
    np.testing.assert_array_equal(history.steps, [3, 6, 7])
    np.testing.assert_array_equal(history.rows[:, K_COLUMN], [10, 5, 10])
    np.testing.assert_allclose(history.rows[:, LR_COLUMN], [0.8, 0.8, 0.4])
    # Each row's losses are those of its own setting: re-measure the first with K = 10.
    result = trainer.evaluate()
    assert result.history.shape == (3, len(GAP_COLUMNS))  # step 7 again: nothing added


def test_a_saved_run_keeps_the_tagged_history(tmp_path):
    trainer = _trained_with_two_settings()
    loaded = load_run(save_run(trainer, tmp_path / "run.npz"))
    np.testing.assert_array_equal(loaded.gap_history.steps, trainer.gap_history.steps)
    np.testing.assert_array_equal(loaded.gap_history.rows, trainer.gap_history.rows)


@pytest.mark.parametrize("saved_columns", ["losses", "losses and settings"])
def test_an_old_run_loads_tagged_with_its_setting_and_without_accuracy(tmp_path, saved_columns):
    trainer = Trainer(default_config("toy1d", "maml").replace(test_inner_steps=7))
    for _ in range(2):
        trainer.next_step()
        trainer.evaluate()
    saved = save_run(trainer, tmp_path / "run.npz")
    with np.load(saved) as data:
        arrays = {k: data[k] for k in data.files}
    # What the previous formats wrote: four loss columns (then the setting), a header as wide.
    old = len(GAP_LOSS_COLUMNS)
    if saved_columns == "losses and settings":
        old += len(EVALUATION_FIELDS)
    arrays["history/gap_history/rows"] = arrays["history/gap_history/rows"][:, :old]
    meta = arrays["history/gap_history/meta"].copy()
    meta[0] = old
    arrays["history/gap_history/meta"] = meta
    np.savez(tmp_path / "old.npz", **arrays)
    loaded = load_run(tmp_path / "old.npz")
    rows = loaded.gap_history.rows
    assert rows.shape == (2, len(GAP_COLUMNS))
    np.testing.assert_array_equal(rows[:, :old], trainer.gap_history.rows[:, :old])
    np.testing.assert_array_equal(rows[:, K_COLUMN], [7, 7])
    assert np.isnan(rows[:, -len(GAP_ACCURACY_COLUMNS) :]).all()  # not measured: not zero
    loaded.next_step()
    loaded.evaluate()  # and it goes on recording
    assert len(loaded.gap_history) == 3
