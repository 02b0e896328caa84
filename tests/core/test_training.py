"""The training generator: determinism, exact resume, divergence handling, histories."""

import numpy as np
import pytest
import torch

from maml_gui.core.algorithms import DivergedError
from maml_gui.core.checkpoint import load_run, save_run
from maml_gui.core.config import default_config
from maml_gui.core.history import DecimatingHistory, Thinning
from maml_gui.core.training import Trainer


def _run(trainer, n):
    return [trainer.next_step() for _ in range(n)]


def _same(a, b):
    for field in ("phi", "thetas", "task_loss_before", "task_loss_after"):
        np.testing.assert_array_equal(getattr(a.main, field), getattr(b.main, field))
        np.testing.assert_array_equal(getattr(a.twin, field), getattr(b.twin, field))


@pytest.mark.parametrize(
    "task,algorithm",
    [("toy1d", "maml"), ("toy2d", "reptile"), ("sinusoid", "maml"), ("sinusoid", "anil")],
)
def test_same_seed_same_snapshots(task, algorithm):
    config = default_config(task, algorithm).replace(meta_batch_size=5)
    first = _run(Trainer(config), 4)
    second = _run(Trainer(config), 4)
    for a, b in zip(first, second, strict=True):
        _same(a, b)
    other = _run(Trainer(config.replace(seed=1)), 1)[0]
    assert not np.array_equal(other.main.phi, first[0].main.phi)


def test_twin_starts_from_the_same_weights_and_sees_the_same_tasks():
    trainer = Trainer(default_config("sinusoid", "maml").replace(meta_batch_size=3))
    np.testing.assert_array_equal(trainer.main_path.rows[0], trainer.twin_path.rows[0])
    snap = trainer.next_step()
    # Same tasks: loss before adaptation is measured at the same initial phi on the same data.
    np.testing.assert_allclose(snap.main.task_loss_before, snap.twin.task_loss_before, rtol=1e-6)


@pytest.mark.parametrize("algorithm", ["maml", "fomaml", "anil", "reptile", "pretraining"])
def test_saved_run_resumes_to_the_same_numbers(tmp_path, algorithm):
    config = default_config("sinusoid", algorithm).replace(meta_batch_size=4, iterations=12)
    straight = Trainer(config)
    expected = _run(straight, 12)[-1]
    interrupted = Trainer(config)
    _run(interrupted, 5)
    save_run(interrupted, tmp_path / "run")
    resumed = load_run(tmp_path / "run")
    assert resumed.step == 5
    last = list(resumed.steps())[-1]
    assert last.step == 12
    _same(last, expected)
    np.testing.assert_array_equal(resumed.losses.rows, straight.losses.rows)


@pytest.mark.parametrize("observe", [True, False])
def test_divergence_keeps_the_last_finite_state(observe):
    config = default_config("sinusoid", "maml")
    trainer = Trainer(config)
    trainer.losses = DecimatingHistory(4, 4)  # full after 4 steps: the 5th is not kept
    for _ in range(4):
        trainer.next_step()
    assert not trainer.losses.accepts(5)  # so a lean 5th step measures nothing
    before = {k: v.detach().clone() for k, v in trainer.main.phi.items()}
    trainer.set_config(config.replace(inner_lr=10.0, train_inner_steps=5))
    with pytest.raises(DivergedError, match="smaller inner learning rate") as info:
        trainer.next_step(observe)
    step = trainer.step
    assert step == 4
    for k, v in trainer.main.phi.items():
        assert torch.equal(v.detach(), before[k])
    assert "step" in str(info.value)
    phi = {k: v.detach() for k, v in trainer.main.phi.items()}
    assert all(torch.isfinite(v).all() for v in phi.values())
    assert all(torch.isfinite(v).all() for v in trainer.twin.values().values())
    # The failed step left nothing behind: recovering with a sane rate continues from `step`.
    trainer.set_config(trainer.config.replace(inner_lr=0.01, train_inner_steps=1))
    trainer.next_step()
    assert trainer.step == step + 1


def _blow_up_the_twins_adaptation(trainer: Trainer) -> None:
    """The twin's phi scaled up: its own gradient stays finite, one inner step from it
    overflows (its loss after adaptation is inf)."""
    with torch.no_grad():
        for value in trainer.twin.phi.values():
            value.mul_(80)


def test_an_overflowing_measurement_refuses_an_observed_step_and_pauses_a_late_one():
    config = default_config("sinusoid", "maml")
    observed, lean = Trainer(config), Trainer(config)
    lean.retain_last_step = True
    for trainer in (observed, lean):
        trainer.losses = DecimatingHistory(4, 4)
        for _ in range(4):
            trainer.next_step()
        _blow_up_the_twins_adaptation(trainer)
    with pytest.raises(DivergedError, match="pretraining twin diverged"):
        observed.next_step()
    assert observed.step == 4 and len(observed.losses) == 4  # refused, nothing recorded
    assert lean.next_step(observe=False) is None  # the gradients are finite: it trains
    assert lean.step == 5
    with pytest.raises(DivergedError, match="measuring the pretraining twin after adaptation"):
        lean.observe_last_step()
    assert np.isfinite(lean.losses.rows).all()


def test_a_gradient_whose_square_overflows_is_divergence():
    from maml_gui.core.algorithms import Gradient, check_finite

    check_finite(Gradient({"w": torch.tensor([1e18])}))
    with pytest.raises(DivergedError):
        check_finite(Gradient({"w": torch.tensor([1e22])}))  # Adam's v would be inf for good


def test_live_settings_apply_and_restart_settings_are_reported():
    trainer = Trainer(default_config("sinusoid", "maml"))
    pending = trainer.set_config(trainer.config.replace(inner_lr=0.02, hidden=20, seed=4))
    assert trainer.config.inner_lr == 0.02
    assert sorted(pending) == ["hidden", "seed"]
    assert trainer.config.hidden == 40


def test_history_stays_bounded_and_keeps_the_start_and_the_end():
    history = DecimatingHistory(width=1, capacity=64)
    for step in range(100_000):
        history.record(step, np.array([step]))
    assert len(history) <= 64
    assert history.steps[0] == 0
    assert 100_000 - history.steps[-1] <= history.stride
    assert np.all(np.diff(history.steps) > 0)


@pytest.mark.parametrize("thinning", list(Thinning))
def test_a_history_says_beforehand_which_steps_it_keeps(thinning):
    """accepts(step) is what record(step) does: the trainer measures only what is kept."""
    history = DecimatingHistory(width=1, capacity=8, thinning=thinning)
    rng = np.random.default_rng(0)
    step = 0
    for _ in range(2000):
        step += int(rng.integers(1, 4)) if thinning is Thinning.ARRIVAL else 1
        expected = history.accepts(step)
        history.record(step, np.array([step]))
        assert (history.steps[-1] == step) == expected, step


def test_evaluation_reports_mean_and_interval_for_both():
    trainer = Trainer(default_config("sinusoid", "maml").replace(eval_tasks=50))
    result = trainer.evaluate(steps=3)
    for curve in (result.algorithm, result.pretraining):
        assert curve.mean.shape == (4,)
        assert curve.per_task.shape == (50, 4)
        np.testing.assert_allclose(curve.mean, curve.per_task.mean(0))
        assert np.all(curve.ci95 > 0)
    # Before any training both start at the same phi: identical curves.
    np.testing.assert_allclose(result.algorithm.mean, result.pretraining.mean)


def test_with_pretraining_chosen_the_twin_is_the_same_learner():
    # The views draw such a run once (gui/panels/learners.py): that rests on this.
    trainer = Trainer(default_config("sinusoid", "pretraining").replace(meta_batch_size=4))
    for _ in range(5):
        snapshot = trainer.next_step()
    np.testing.assert_array_equal(snapshot.main.phi, snapshot.twin.phi)
    np.testing.assert_array_equal(snapshot.main.thetas, snapshot.twin.thetas)
    result = trainer.evaluate(steps=3, n_tasks=5)
    np.testing.assert_array_equal(result.algorithm.mean, result.pretraining.mean)
