"""Replayed states (for animations) are the recorded states; snapshots need no step."""

import numpy as np

from maml_gui.core.config import default_config
from maml_gui.core.replay import frame_indices, replay_at
from maml_gui.core.snapshot import flatten
from maml_gui.core.training import GAP_COLUMNS, Trainer


def test_replay_restores_the_recorded_phis_and_cuts_the_histories():
    trainer = Trainer(default_config("toy2d", "maml").replace(iterations=60))
    recorded = {}
    for snapshot in trainer.steps():
        # a snapshot's phi is the one its batch was measured at: before its own update
        recorded[snapshot.step - 1] = (snapshot.main.phi, snapshot.twin.phi)
    indices = frame_indices(trainer, 7)
    assert len(indices) == 7 and indices[-1] == len(trainer.main_path) - 1
    for index in indices[1:-1]:
        replay = replay_at(trainer, index)
        main_phi, twin_phi = recorded[replay.step]
        np.testing.assert_array_equal(flatten(replay.main.values()), main_phi)
        np.testing.assert_array_equal(flatten(replay.twin.values()), twin_phi)
        assert replay.losses.steps[-1] == replay.step
        assert len(replay.main_path) == index + 1


def test_current_snapshot_changes_nothing():
    trainer = Trainer(default_config("sinusoid", "maml").replace(meta_batch_size=4))
    trainer.next_step()
    before = flatten(trainer.main.values())
    snapshot = trainer.current_snapshot()
    assert snapshot.step == 1
    np.testing.assert_array_equal(snapshot.main.phi, before)
    np.testing.assert_array_equal(flatten(trainer.main.values()), before)
    assert snapshot.main.thetas.shape == (4, before.shape[0])


def test_gap_history_accumulates_once_per_step():
    trainer = Trainer(default_config("toy1d", "maml"))
    trainer.evaluate()
    trainer.evaluate()  # same step: not recorded twice
    trainer.next_step()
    result = trainer.evaluate()
    np.testing.assert_array_equal(result.history_steps, [0, 1])
    assert result.history.shape == (2, len(GAP_COLUMNS))
    np.testing.assert_allclose(
        result.history[-1],
        [
            result.algorithm.mean[0],
            result.algorithm.mean[-1],
            result.pretraining.mean[0],
            result.pretraining.mean[-1],
            trainer.config.test_inner_steps,
            trainer.config.test_inner_lr,
            trainer.config.eval_tasks,
            *[np.nan] * 4,  # no accuracy for a regression: not measured
        ],
    )
    assert np.all(result.algorithm.ci95 == 0)  # toys: every task evaluated, exact mean


def test_frames_start_with_curves_and_give_the_early_steps_their_share():
    trainer = Trainer(default_config("toy1d", "maml").replace(iterations=200))
    for _snapshot in trainer.steps():
        pass
    indices = frame_indices(trainer, 12)
    steps = trainer.main_path.steps[indices]
    assert len(indices) == 12 and len(set(indices)) == 12
    assert indices == sorted(indices) and indices[-1] == len(trainer.main_path) - 1
    # the first frame has a curve (two points) in every history a view plots: no empty plot
    for history in (trainer.losses, trainer.gap_history, trainer.main_path):
        if len(history):  # held-out evaluations run only when a view asks for them
            assert np.count_nonzero(history.steps <= steps[0]) >= 2
    # the toys change most in their first tenth: a third of the frames at least go there
    assert np.count_nonzero(steps <= steps[-1] / 10) >= 12 // 3
    # more frames than recorded points: every point from the first once
    everything = frame_indices(trainer, 10 * len(trainer.main_path))
    assert everything == list(range(indices[0], len(trainer.main_path)))
