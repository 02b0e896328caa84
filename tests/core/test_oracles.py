"""Published (or designed) behaviour as oracles; the seed and budget are written down here.

The full published check (sinusoid, K = 10, 10,000 meta-iterations, seed 0: MAML 1-step MSE
< 0.6, 10-step < 0.2, pretraining 1-step > 2.0) takes ~90 s and is run with the CLI; its
figures are in the README. Here a shorter budget checks the same ordering.
"""

import numpy as np
import pytest
import torch

from maml_gui.core.config import default_config
from maml_gui.core.landscape import toy_landscape
from maml_gui.core.training import Trainer


@pytest.fixture(autouse=True)
def _one_thread():
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)


def _train(config):
    trainer = Trainer(config)
    for _ in trainer.steps():
        pass
    return trainer


@pytest.mark.parametrize("task", ["toy1d", "toy2d"])
def test_toy_maml_start_adapts_better_than_the_pretraining_start(task):
    # seed 0, the family's default budget (1,500 meta-iterations), inner lr 0.8
    trainer = _train(default_config(task, "maml"))
    gap = trainer.evaluate(steps=10)
    maml, pre = gap.algorithm.mean, gap.pretraining.mean
    assert maml[1] < pre[1] - 0.05  # one step: potential beats current performance
    assert maml[10] < pre[10] - 0.05  # ... and pretraining stays stuck near the trap
    assert maml[0] > pre[0]  # while MAML's phi is worse *before* adapting (the notes)
    distance = np.linalg.norm(trainer.main.values()["w"] - trainer.twin.values()["w"])
    assert distance > 0.4


def test_toy1d_trained_phis_sit_at_the_optima_of_their_objectives():
    config = default_config("toy1d", "maml")
    trainer = _train(config)
    land = toy_landscape(trainer.family, config.inner_lr, m_max=1, resolution=1201)
    axis = land.axes[0]
    assert abs(float(trainer.main.values()["w"]) - axis[np.argmin(land.maml[1])]) < 0.05
    assert abs(float(trainer.twin.values()["w"]) - axis[np.argmin(land.pretraining)]) < 0.05


def test_sinusoid_maml_beats_pretraining_after_adaptation():
    # Finn et al. (2017) setup, K = 10, seed 0, 1,500 meta-iterations (not the paper's budget)
    trainer = _train(default_config("sinusoid", "maml").replace(iterations=1500))
    gap = trainer.evaluate(steps=10, n_tasks=300)
    assert gap.algorithm.mean[1] < 0.8 * gap.pretraining.mean[1]
    assert gap.algorithm.mean[10] < 0.6 * gap.pretraining.mean[10]
    # MAML keeps improving with more test-time steps than it was trained with (one).
    assert gap.algorithm.mean[10] < gap.algorithm.mean[1]
