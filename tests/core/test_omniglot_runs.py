"""Omniglot runs end to end in the engine: HW15's defaults, training both learners, held-out
evaluation in loss and accuracy, bounded paths, saving and resuming exactly."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from maml_gui.core.checkpoint import load_run, save_run
from maml_gui.core.config import HW15, ConfigError, RunConfig, default_config
from maml_gui.core.evaluation import held_out_tasks
from maml_gui.core.training import (
    GAP_COLUMNS,
    SNAPSHOT_THETAS_MAX_PARAMETERS,
    Trainer,
)
from tests.core.one_thread import train_to_end

SMALL = {"hidden": 4, "meta_batch_size": 2, "n_way": 3, "eval_tasks": 3, "test_inner_steps": 2}


@pytest.fixture(autouse=True)
def cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


def test_the_defaults_are_hw15s():
    config = default_config("omniglot", "maml")
    for name, value in HW15.items():
        assert getattr(config, name) == value, name
    assert (config.n_way, config.k_shot, config.k_query, config.meta_batch_size) == (5, 1, 1, 32)


def test_classification_settings_are_validated():
    with pytest.raises(ConfigError, match="rotations"):
        RunConfig(task="omniglot", rotations="yes").validate()
    with pytest.raises(ConfigError, match="n_way"):
        RunConfig(task="omniglot", n_way=1).validate()
    # a run saved before these fields existed still loads: they take their defaults
    old = {
        k: v for k, v in RunConfig().to_dict().items() if k not in ("n_way", "rotations", "data")
    }
    assert RunConfig.from_dict(old).n_way == 5


def test_a_run_trains_both_learners_and_evaluates_accuracy_on_test_characters():
    config = default_config("omniglot", "maml").replace(iterations=3, **SMALL)
    trainer = train_to_end(Trainer(config))
    assert type(trainer.twin).__name__ == "TransferPretraining"
    family = trainer.family
    train_chars = set(family.classes.character)
    tasks = trainer.eval_tasks()
    test_chars = set(family.held_out.classes.character[tasks.info["classes"].reshape(-1)])
    assert test_chars and not test_chars & train_chars  # held-out characters only
    # validation characters (HW15 chooses settings on them) are neither trained nor tested on
    validation = held_out_tasks(family, trainer.config, 3, split="validation")
    valid_chars = set(family.validation.classes.character[validation.info["classes"].reshape(-1)])
    assert valid_chars and not valid_chars & (train_chars | test_chars)
    before = len(trainer.gap_history)
    assert trainer.evaluate(steps=1, split="validation").accuracy[0].per_task.shape == (3, 2)
    assert len(trainer.gap_history) == before  # a one-off question, not the run's history
    result = trainer.evaluate()
    algorithm, pretraining = result.accuracy
    assert algorithm.per_task.shape == (3, 3)  # 3 tasks, k = 0..2
    assert ((algorithm.per_task >= 0) & (algorithm.per_task <= 1)).all()
    # the transfer baseline's zero head predicts class 0 for everything: chance exactly
    np.testing.assert_allclose(pretraining.per_task[:, 0], 1 / 3, atol=1e-6)
    # the run's gap history keeps the accuracy beside the losses (HW15's second report plot)
    row = dict(zip(GAP_COLUMNS, result.history[-1], strict=True))
    assert row["main_acc_k0"] == algorithm.mean[0] and row["main_acc_kK"] == algorithm.mean[-1]
    assert (
        row["twin_acc_kK"] == pretraining.mean[-1] and row["main_kK"] == result.algorithm.mean[-1]
    )
    snapshot = trainer.current_snapshot()
    assert snapshot.twin.phi.shape == snapshot.main.phi.shape  # the twin's start: N-way head


def test_the_loss_history_measures_one_step_in_eight_and_the_paths_stay_small():
    config = default_config("omniglot", "fomaml").replace(iterations=17, **SMALL)
    trainer = train_to_end(Trainer(config))
    assert trainer.losses.steps.tolist() == [8, 16]
    # a small net keeps exact paths; a large one's are sketched (test_path_sketch.py)
    assert trainer.sketch is None and trainer.main_path.width == trainer.family.traits.dimension


def test_a_saved_run_resumes_exactly(tmp_path):
    config = default_config("omniglot", "anil").replace(iterations=4, **SMALL)
    straight = train_to_end(Trainer(config))
    half = Trainer(config.replace(iterations=2))
    train_to_end(half)
    path = save_run(half, tmp_path / "run.npz")
    resumed = load_run(path)
    resumed.set_config(resumed.config.replace(iterations=4))
    train_to_end(resumed)
    for mine, theirs in ((resumed.main, straight.main), (resumed.twin, straight.twin)):
        for k, v in mine.phi.items():
            assert torch.equal(v, theirs.phi[k]), k


def test_a_run_opened_on_other_data_than_it_learnt_from_is_refused(tmp_path):
    from maml_gui.core.checkpoint import CheckpointError
    from tests.core.test_omniglot_data import _make_layout, _png

    data = tmp_path / "omniglot"
    _make_layout(data, "images_background", alphabets=2, characters=6, drawings=3)
    config = default_config("omniglot", "maml").replace(
        iterations=1,
        data=str(data),
        eval_tasks=2,
        **{k: v for k, v in SMALL.items() if k != "eval_tasks"},
    )
    path = save_run(Trainer(config), tmp_path / "run.npz")
    assert load_run(path).step == 0  # the same data: it opens
    extra = data / "images_background" / "Alphabet0" / "character01" / "000_09.png"
    extra.write_bytes(_png(99))
    with pytest.raises(CheckpointError, match="other data"):
        load_run(path)


def test_a_large_nets_snapshot_leaves_out_theta_n_and_a_small_ones_keeps_it():
    """Conv4 at HW15's width made a 29 MB snapshot per observed step; the views take theta_n's
    projections from their payloads instead."""
    wide = default_config("omniglot", "maml").replace(iterations=1, **{**SMALL, "hidden": 48})
    trainer = Trainer(wide)
    assert trainer.family.traits.dimension > SNAPSHOT_THETAS_MAX_PARAMETERS
    snapshot = trainer.next_step(observe=True)
    assert snapshot.main.thetas.shape == (0, snapshot.main.phi.size)
    assert np.isfinite(snapshot.main.task_loss_after).all()
    small = Trainer(default_config("omniglot", "maml").replace(iterations=1, **SMALL))
    snapshot = small.next_step(observe=True)
    assert snapshot.main.thetas.shape == (2, snapshot.main.phi.size)
