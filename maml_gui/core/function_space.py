"""Function space for the sinusoid family: a held-out task's curve, its support points and the
fits after 0, 1 and K_test adaptation steps from both starting points."""

from __future__ import annotations

import numpy as np
import torch

from maml_gui.core.algorithms.base import MetaAlgorithm
from maml_gui.core.models import mlp_forward
from maml_gui.core.records import FunctionFit
from maml_gui.core.tasks.sinusoid import X_RANGE


def _predictions(
    learner: MetaAlgorithm, support, x: torch.Tensor, steps: tuple[int, ...], lr: float
) -> np.ndarray:
    """The learner's predictions at ``x`` after each number of ``steps`` from its phi. The
    learner's own batched adaptation (the MLP's explicit formulas): a dragged point's fits
    took 14 ms on the general autograd path."""
    one_task = tuple(t[None] for t in support)
    out = []
    with torch.no_grad():
        for k in steps:
            params = learner.start_values()
            if k > 0:
                params = {name: v[0] for name, v in learner.adapt(one_task, k, lr).items()}
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


#: the most steps and support points a fit takes (the view's k slider goes to 20)
MAX_FIT_STEPS = 100
MAX_SUPPORT_POINTS = 100


def function_fit(
    trainer,
    task_index: int = 0,
    steps: tuple[int, ...] | None = None,
    resolution: int = 200,
    support: tuple[tuple[float, float], ...] | None = None,
    truth: tuple[float, float] | None = None,
) -> FunctionFit:
    """Fits on held-out task ``task_index`` (the same task every call for a given seed), or on
    the user's own task: ``support`` points (x, y) to adapt on, and ``truth`` (amplitude,
    phase) of the curve drawn beside them (default: the held-out task's). With no support
    point there is nothing to adapt on: only k = 0, phi itself, is fitted."""
    if not trainer.family.traits.has_function_space:
        raise ValueError("function space applies to the sinusoid family only")
    config = trainer.config
    k_test = max(config.test_inner_steps, 1)
    steps = tuple(sorted(set(steps or (0, 1, k_test))))
    if not all(0 <= k <= MAX_FIT_STEPS for k in steps):
        raise ValueError(f"fit steps must lie in 0..{MAX_FIT_STEPS}, not {steps}")
    tasks = trainer.eval_tasks()  # the same tasks the gap view evaluates
    if not 0 <= task_index < tasks.size:
        raise ValueError(f"held-out task {task_index} does not exist (0..{tasks.size - 1})")
    one = tasks.select([task_index])
    held_out = tuple(t[0] for t in one.support)
    dtype = held_out[0].dtype
    amplitude, phase = float(one.info["amplitude"][0]), float(one.info["phase"][0])
    if truth is not None:
        amplitude, phase = _finite_pair(truth, "the true curve's amplitude and phase")
    own = support is not None
    data = _own_support(support, dtype) if own else held_out
    if own and len(data[0]) == 0:
        steps = (0,)
    x = torch.linspace(*X_RANGE, resolution, dtype=dtype)[:, None]
    return FunctionFit(
        x=x[:, 0].numpy().copy(),
        truth=(amplitude * torch.sin(x[:, 0] - phase)).numpy().copy(),
        support_x=data[0][:, 0].numpy().copy(),
        support_y=data[1][:, 0].numpy().copy(),
        steps=steps,
        main=_predictions(trainer.main, data, x, steps, config.test_inner_lr),
        twin=_predictions(trainer.twin, data, x, steps, config.test_inner_lr),
        amplitude=amplitude,
        phase=phase,
        task_index=task_index,
        own_task=own,
    )


def _own_support(points, dtype: torch.dtype) -> tuple[torch.Tensor, torch.Tensor]:
    try:
        values = np.asarray(points, dtype=float)
    except (TypeError, ValueError):
        raise ValueError("support points must be pairs of numbers (x, y)") from None
    if values.size and (values.ndim != 2 or values.shape[1] != 2):
        raise ValueError("support points must be pairs of numbers (x, y)")
    values = values.reshape(-1, 2)
    if len(values) > MAX_SUPPORT_POINTS:
        raise ValueError(f"at most {MAX_SUPPORT_POINTS} support points, not {len(values)}")
    if not np.isfinite(values).all():
        raise ValueError("support points must be finite numbers")
    as_tensor = torch.as_tensor(values, dtype=dtype)
    return as_tensor[:, :1].contiguous(), as_tensor[:, 1:].contiguous()


def _finite_pair(pair, what: str) -> tuple[float, float]:
    try:
        a, b = (float(v) for v in pair)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be two numbers") from None
    if not (np.isfinite(a) and np.isfinite(b)):
        raise ValueError(f"{what} must be finite numbers")
    return a, b
