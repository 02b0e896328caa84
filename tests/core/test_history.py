"""Bounded histories: both thinning rules stay within capacity, records arriving at irregular
steps keep their spread, and histories saved before the thinning was recorded still load."""

from __future__ import annotations

import numpy as np
import pytest

from maml_gui.core.config import default_config
from maml_gui.core.history import DecimatingHistory, Thinning
from maml_gui.core.training import GAP_COLUMNS, Trainer


def _irregular_steps(n: int, seed: int = 0) -> np.ndarray:
    """Increasing steps 1 to 60 apart: evaluations or snapshots as the GUI gets them."""
    gaps = np.random.default_rng(seed).integers(1, 61, size=n)
    return np.cumsum(gaps)


def _fill(history: DecimatingHistory, steps: np.ndarray) -> None:
    for step in steps:
        history.record(int(step), np.array([float(step)]))


@pytest.mark.parametrize("thinning", list(Thinning))
def test_capacity_is_never_exceeded(thinning):
    history = DecimatingHistory(width=1, capacity=16, thinning=thinning)
    for step in range(5_000):
        history.record(step, np.array([step]))
        assert len(history) <= 16
    assert np.all(np.diff(history.steps) > 0)
    np.testing.assert_array_equal(history.rows[:, 0], history.steps)


def test_irregular_arrivals_keep_their_spread():
    steps = _irregular_steps(20_000)
    history = DecimatingHistory(width=1, capacity=64, thinning=Thinning.ARRIVAL)
    _fill(history, steps)
    kept = history.steps
    assert 32 <= len(kept) <= 64
    assert kept[0] == steps[0]  # the start survives every halving
    # the newest records keep arriving: the last kept is within a few strides of the end
    assert steps[-1] - kept[-1] <= 2 * history.stride
    # evenly spread over the run, not dense at one end
    spacing = np.diff(kept)
    assert spacing.max() <= 4 * np.median(spacing)
    assert np.all(spacing >= 1)


def test_step_parity_loses_irregular_arrivals_that_arrival_keeps():
    """The engine's old gap history: odd steps only, and parity refuses them all once the
    stride is 2, so the newest half of the run went missing."""
    steps = 2 * np.arange(1_000) + 1
    parity = DecimatingHistory(width=1, capacity=16)
    arrival = DecimatingHistory(width=1, capacity=16, thinning=Thinning.ARRIVAL)
    _fill(parity, steps)
    _fill(arrival, steps)
    assert parity.steps[-1] < steps[len(steps) // 10]
    assert steps[-1] - arrival.steps[-1] <= 2 * arrival.stride


def test_a_step_not_after_the_last_adds_nothing():
    history = DecimatingHistory(width=1, capacity=8, thinning=Thinning.ARRIVAL)
    history.record(5, np.array([1.0]))
    history.record(5, np.array([2.0]))
    history.record(3, np.array([3.0]))
    np.testing.assert_array_equal(history.steps, [5])
    np.testing.assert_array_equal(history.rows, [[1.0]])


def test_replace_thins_to_capacity_and_later_records_follow():
    history = DecimatingHistory(width=2, capacity=8, thinning=Thinning.ARRIVAL)
    steps = np.arange(0, 100, 5)
    history.replace(steps, np.column_stack([steps, -steps]))
    assert len(history) <= 8 and history.steps[0] == 0
    assert history.stride >= 5  # the kept records' spacing, not every step
    last = int(history.steps[-1])
    history.record(last + 1, (0.0, 0.0))  # too soon after the last kept
    assert history.steps[-1] == last
    history.record(last + history.stride, (1.0, 1.0))
    assert history.steps[-1] == last + history.stride


@pytest.mark.parametrize("thinning", list(Thinning))
def test_state_round_trips(thinning):
    history = DecimatingHistory(width=1, capacity=8, thinning=thinning)
    _fill(history, _irregular_steps(100) if thinning is Thinning.ARRIVAL else np.arange(100))
    loaded = DecimatingHistory.from_state(history.state())
    assert loaded.thinning is thinning and loaded.stride == history.stride
    np.testing.assert_array_equal(loaded.steps, history.steps)
    np.testing.assert_array_equal(loaded.rows, history.rows)


def test_a_header_of_three_integers_is_a_step_parity_history():
    """Runs saved before histories recorded their thinning."""
    state = {
        "steps": np.array([0, 4, 8]),
        "rows": np.array([[0.0], [1.0], [2.0]]),
        "meta": np.array([1, 8, 4]),
    }
    history = DecimatingHistory.from_state(state)
    assert history.thinning is Thinning.STEP_PARITY and history.stride == 4
    assert history.state()["meta"].tolist() == [1, 8, 4]  # and is saved as it was
    np.testing.assert_array_equal(history.steps, [0, 4, 8])


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ([1, 8, 3], "power of two"),
        ([1, 8, 0, 1], "out of range"),
        ([1, 8, 1, 7], "unknown"),
        ([1, 8, 1, 1, 0], "three or four"),
    ],
)
def test_a_bad_header_is_refused(meta, message):
    state = {"steps": np.zeros(0, dtype=np.int64), "rows": np.zeros((0, 1)), "meta": meta}
    with pytest.raises(ValueError, match=message):
        DecimatingHistory.from_state({**state, "meta": np.array(meta)})


def test_an_old_runs_gap_history_continues_by_arrival():
    trainer = Trainer(default_config("toy1d", "maml"))
    old = DecimatingHistory(width=4, capacity=8)  # what loading a 3-integer header gives
    old.replace(np.array([0, 2, 4]), np.zeros((3, 4)))
    old.stride = 2
    trainer.gap_history = old
    assert trainer.gap_history.thinning is Thinning.ARRIVAL
    np.testing.assert_array_equal(trainer.gap_history.steps, [0, 2, 4])
    assert trainer.gap_history.width == len(GAP_COLUMNS)  # tagged with the run's setting
    trainer.gap_history.record(7, np.ones(len(GAP_COLUMNS)))  # parity would refuse step 7
    assert trainer.gap_history.steps[-1] == 7
