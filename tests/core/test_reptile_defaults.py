"""Reptile on its own defaults shows Reptile working: after a few fine-tuning steps on held-out
tasks it beats the pretraining twin trained beside it (the help text says so). With one inner
step and a small epsilon, the old defaults, it did not."""

from __future__ import annotations

import pytest

from maml_gui.core.config import default_config
from maml_gui.core.training import Trainer
from tests.core.one_thread import train_to_end

SEED = 0
#: a short budget: the full default run is measured in the README
BUDGET = {"sinusoid": 400, "toy1d": 300, "toy2d": 300}


def _after_k(config):
    trainer = train_to_end(Trainer(config))
    result = trainer.evaluate(n_tasks=100 if config.task == "sinusoid" else None)
    return result.algorithm.mean, result.pretraining.mean


@pytest.mark.parametrize("task", ["sinusoid", "toy1d"])
def test_reptile_defaults_beat_pretraining_after_fine_tuning(task):
    config = default_config(task, "reptile").replace(iterations=BUDGET[task], seed=SEED)
    assert config.train_inner_steps > 1  # several inner steps, as in Nichol et al. (2018)
    reptile, pretraining = _after_k(config)
    k = config.test_inner_steps
    # Potential: clearly lower after K_test steps (by a third at least), and after 5 already.
    assert reptile[k] < 2 / 3 * pretraining[k]
    assert reptile[5] < pretraining[5]


def test_one_inner_step_does_not():
    config = default_config("sinusoid", "reptile").replace(
        iterations=BUDGET["sinusoid"], seed=SEED, train_inner_steps=1, reptile_epsilon=0.1
    )
    reptile, pretraining = _after_k(config)
    assert reptile[-1] > pretraining[-1]
