"""One held-out task as the task view shows it: its support images, one per class, its query
images, and what each starting point predicts for every query image after 0, 1 and K steps
of fine-tuning on the support set (the function-space view's counterpart for classification).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from maml_gui.core.algorithms.base import MetaAlgorithm
from maml_gui.core.conv4 import conv4_forward
from maml_gui.core.tasks.base import TaskBatch


@dataclass(frozen=True)
class TaskPredictions:
    """Numpy only (it crosses to the app): images in [0, 1] ink, labels 0..N-1."""

    support: np.ndarray  # (N * K, 28, 28)
    support_labels: np.ndarray  # (N * K,)
    query: np.ndarray  # (N * q, 28, 28)
    query_labels: np.ndarray  # (N * q,)
    steps: tuple[int, ...]
    #: class probabilities for each query image after each number of steps, from the
    #: algorithm's start and from pretraining's: (len(steps), N * q, N)
    main: np.ndarray
    twin: np.ndarray

    def wrong(self, which: str) -> np.ndarray:
        """(len(steps), N * q) True where ``which`` ("main" or "twin") picks a wrong class."""
        return getattr(self, which).argmax(-1) != self.query_labels


def task_predictions(
    main: MetaAlgorithm,
    twin: MetaAlgorithm,
    tasks: TaskBatch,
    index: int,
    steps: tuple[int, ...],
    lr: float,
) -> TaskPredictions:
    """Task ``index`` of ``tasks`` (held-out tasks), both learners after each of ``steps``."""
    task = tasks.select([index])
    return TaskPredictions(
        support=task.support[0][0, :, 0].numpy().copy(),
        support_labels=task.support[1][0].numpy().copy(),
        query=task.query[0][0, :, 0].numpy().copy(),
        query_labels=task.query[1][0].numpy().copy(),
        steps=tuple(steps),
        main=_probabilities(main, task, steps, lr),
        twin=_probabilities(twin, task, steps, lr),
    )


def _probabilities(learner: MetaAlgorithm, task: TaskBatch, steps, lr: float) -> np.ndarray:
    out = []
    for k in steps:
        thetas = learner.adapt(task.support, k, lr)
        with torch.no_grad():
            logits = conv4_forward(thetas, task.query[0])[0]
        out.append(torch.softmax(logits.double(), dim=-1).numpy())
    return np.stack(out)
