"""Function space for the sinusoid family: a held-out task's curve, its support points and the
fits after 0, 1 and K_test adaptation steps from both starting points."""

from __future__ import annotations

import numpy as np
import torch

from maml_gui.core.algorithms.base import MetaAlgorithm
from maml_gui.core.algorithms.inner import adapt
from maml_gui.core.models import mlp_forward
from maml_gui.core.records import FunctionFit
from maml_gui.core.tasks.sinusoid import X_RANGE


def _predictions(
    learner: MetaAlgorithm, support, x: torch.Tensor, steps: tuple[int, ...], lr: float
) -> np.ndarray:
    out = []
    params = learner.start_values()
    done = 0
    for k in steps:
        params = adapt(learner.family.loss, params, support, k - done, lr, learner.inner_keys())
        done = k
        out.append(mlp_forward(params, x).detach().reshape(-1).numpy().copy())
    return np.stack(out)


#: the held-out task function space opens on lies this far up the tasks' distances from the
#: average sine: pretraining's phi predicts roughly that average, so such a task shows the two
#: starting points apart, yet it is not the most extreme task of all
TELLING_QUANTILE = 0.9


def curves_of(amplitude: np.ndarray, phase: np.ndarray, resolution: int = 200) -> np.ndarray:
    """(tasks, resolution) true curves A sin(x - p) over the family's input range."""
    x = np.linspace(*X_RANGE, resolution)
    return np.asarray(amplitude)[:, None] * np.sin(x[None, :] - np.asarray(phase)[:, None])


def telling_task(trainer) -> int:
    """The held-out task to show first: the one at TELLING_QUANTILE of the held-out tasks'
    root-mean-square distances from their mean curve (the average sine)."""
    tasks = trainer.eval_tasks()
    curves = curves_of(np.asarray(tasks.info["amplitude"]), np.asarray(tasks.info["phase"]))
    distance = np.sqrt(((curves - curves.mean(axis=0)) ** 2).mean(axis=1))
    target = np.quantile(distance, TELLING_QUANTILE, method="nearest")
    return int(np.flatnonzero(distance == target)[0])


def function_fit(
    trainer, task_index: int = 0, steps: tuple[int, ...] | None = None, resolution: int = 200
) -> FunctionFit:
    """Fits on held-out task ``task_index`` (the same task every call for a given seed)."""
    if not trainer.family.traits.has_function_space:
        raise ValueError("function space applies to the sinusoid family only")
    config = trainer.config
    k_test = max(config.test_inner_steps, 1)
    steps = tuple(sorted(set(steps or (0, 1, k_test))))
    tasks = trainer.eval_tasks()  # the same tasks the gap view evaluates
    if not 0 <= task_index < tasks.size:
        raise ValueError(f"held-out task {task_index} does not exist (0..{tasks.size - 1})")
    one = tasks.select([task_index])
    support = tuple(t[0] for t in one.support)
    dtype = support[0].dtype
    x = torch.linspace(*X_RANGE, resolution, dtype=dtype)[:, None]
    amplitude = float(one.info["amplitude"][0])
    phase = float(one.info["phase"][0])
    return FunctionFit(
        x=x[:, 0].numpy().copy(),
        truth=(amplitude * torch.sin(x[:, 0] - phase)).numpy().copy(),
        support_x=support[0][:, 0].numpy().copy(),
        support_y=support[1][:, 0].numpy().copy(),
        steps=steps,
        main=_predictions(trainer.main, support, x, steps, config.test_inner_lr),
        twin=_predictions(trainer.twin, support, x, steps, config.test_inner_lr),
        amplitude=amplitude,
        phase=phase,
        task_index=task_index,
    )
