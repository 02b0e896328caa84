"""Frozen snapshots: what crosses from the training process to the GUI after every step.

Every array is a numpy *copy* (``.detach().cpu().numpy().copy()``): a bare ``.numpy()`` shares
storage with a tensor that the optimiser overwrites in place on the next step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from maml_gui.core.tasks.base import Params


def to_numpy(tensor: torch.Tensor) -> np.ndarray:
    return tensor.detach().cpu().numpy().copy()


def flatten(params: Params, batched: bool = False) -> np.ndarray:
    """Concatenate parameters in insertion order: (D,), or (T, D) when ``batched``."""
    if batched:
        first = next(iter(params.values()))
        return to_numpy(torch.cat([v.reshape(first.shape[0], -1) for v in params.values()], 1))
    return to_numpy(torch.cat([v.reshape(-1) for v in params.values()]))


@dataclass(frozen=True)
class LearnerView:
    """One learner at a step (the chosen algorithm or its pretraining twin).

    ``phi`` is the parameter vector this step's batch was measured at, i.e. *before* the
    step's update, so that ``thetas`` (adapted from it) and both losses belong to it.
    """

    loss_before: float  # mean query loss at phi over the batch
    loss_after: float  # mean query loss at theta_n (after the training inner steps)
    phi: np.ndarray  # flattened parameters before this step's update, (D,)
    thetas: np.ndarray  # adapted parameters of the batch's tasks, (T, D)
    task_loss_before: np.ndarray  # per task, (T,)
    task_loss_after: np.ndarray  # per task, (T,)


@dataclass(frozen=True)
class Snapshot:
    """The run after ``step`` meta-iterations."""

    step: int
    iterations: int
    task: str
    algorithm: str
    main: LearnerView
    twin: LearnerView
    batch_info: dict[str, np.ndarray] = field(default_factory=dict)
    wall_time: float = 0.0

    @property
    def finished(self) -> bool:
        return self.step >= self.iterations
