"""One held-out task as the task view shows it: its support images, one per class, its query
images, and what each starting point predicts for every query image after 0, 1 and K steps
of fine-tuning on the support set (the function-space view's counterpart for classification).
"""

from __future__ import annotations

import numpy as np
import torch

from maml_gui.core.algorithms.base import MetaAlgorithm
from maml_gui.core.conv4 import conv4_forward
from maml_gui.core.records import TaskPredictions
from maml_gui.core.tasks.base import TaskBatch


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
        task_index=index,
    )


def _probabilities(learner: MetaAlgorithm, task: TaskBatch, steps, lr: float) -> np.ndarray:
    out = []
    for k in steps:
        thetas = learner.adapt(task.support, k, lr)
        with torch.no_grad():
            logits = conv4_forward(thetas, task.query[0])[0]
        out.append(torch.softmax(logits.double(), dim=-1).numpy())
    return np.stack(out)
