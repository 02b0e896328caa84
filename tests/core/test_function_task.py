"""Function space opens on a telling held-out task: one far from the average sine (which is
about what pretraining's phi predicts), chosen by a stated rule, not by the seed's task 0."""

from __future__ import annotations

import math

import numpy as np
import pytest

from maml_gui.core.config import default_config
from maml_gui.core.function_space import TELLING_QUANTILE, telling_task
from maml_gui.core.payloads import run_info
from maml_gui.core.tasks.sinusoid import AMPLITUDE_RANGE, X_RANGE
from maml_gui.core.training import Trainer


def _rms_from(curve_of_x, amplitude, phase) -> np.ndarray:
    x = np.linspace(*X_RANGE, 1001)
    truth = amplitude[:, None] * np.sin(x[None] - phase[:, None])
    return np.sqrt(((truth - curve_of_x(x)[None]) ** 2).mean(axis=1))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_first_task_shown_is_far_from_the_average_sine(seed):
    trainer = Trainer(default_config("sinusoid").replace(seed=seed))
    index = telling_task(trainer)
    info = trainer.eval_tasks().info
    amplitude, phase = np.asarray(info["amplitude"]), np.asarray(info["phase"])
    # The average of A sin(x - p) over A ~ U[0.1, 5], p ~ U[0, pi], in closed form:
    # E[A] * (1/pi) * integral of sin(x - p) dp = -(2 / pi) E[A] cos x.
    mean_amplitude = sum(AMPLITUDE_RANGE) / 2
    distance = _rms_from(lambda x: -2 / math.pi * mean_amplitude * np.cos(x), amplitude, phase)
    rank = (distance < distance[index]).mean()
    assert rank >= TELLING_QUANTILE - 0.1  # near the stated quantile of an independent measure
    assert distance[index] > 1.5 * np.median(distance)
    assert amplitude[index] > np.median(amplitude)  # a large sine, clearly not the average
    assert run_info(trainer).function_task == index


def test_the_toys_have_no_function_task():
    assert run_info(Trainer(default_config("toy1d"))).function_task == 0
