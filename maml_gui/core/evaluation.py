"""The MAML-versus-pretraining gap: query loss after k = 0..K adaptation steps on held-out tasks."""

from __future__ import annotations

import numpy as np
import torch

from maml_gui.core.algorithms.base import MetaAlgorithm
from maml_gui.core.config import RunConfig
from maml_gui.core.records import GapCurve, GapResult
from maml_gui.core.tasks.base import TaskBatch, TaskFamily

#: held-out tasks come from their own generator, seeded apart from the training stream
EVAL_SEED_OFFSET = 1_000_003
#: tasks adapted at once when evaluating a classifier
CLASSIFIER_CHUNK = 25


def held_out_tasks(
    family: TaskFamily, config: RunConfig, n_tasks: int | None = None, split: str = "test"
) -> TaskBatch:
    """The evaluation tasks of a run: the same for every evaluation of that seed.

    The toy families have a finite task set and are evaluated on all of it; Omniglot's come
    from its test characters, or with ``split="validation"`` from its validation characters.
    """
    if split not in EVALUATION_SPLITS:
        raise ValueError(f"split {split!r}: one of {', '.join(EVALUATION_SPLITS)}")
    generator = torch.Generator().manual_seed(config.seed + EVAL_SEED_OFFSET)
    if split == "validation":
        if not hasattr(family, "validation"):
            raise ValueError(f"{family.name} has no validation split (Omniglot has)")
        return family.validation.sample(n_tasks or config.eval_tasks, generator)
    # a family whose training tasks come from part of its data tests on another part
    sampler = getattr(family, "held_out", family)
    return sampler.sample(n_tasks or config.eval_tasks, generator)


#: where held-out tasks come from: the test characters, or the validation ones (Omniglot)
EVALUATION_SPLITS = ("test", "validation")


def summarise(per_task: np.ndarray, exact: bool = False) -> GapCurve:
    """Mean and 95% interval over tasks. ``exact``: the tasks are the whole (finite) family,
    so the mean is not an estimate and has no sampling interval (the toys)."""
    n = per_task.shape[0]
    mean = per_task.mean(axis=0)
    spread = per_task.std(axis=0, ddof=1) if n > 1 and not exact else np.zeros_like(mean)
    return GapCurve(np.arange(per_task.shape[1]), mean, 1.96 * spread / np.sqrt(n), per_task)


def loss_after_steps(
    learner: MetaAlgorithm,
    tasks: TaskBatch,
    steps: int,
    lr: float,
    chunk: int = 250,
    metric=None,
) -> np.ndarray:
    """(tasks, steps + 1) query losses (or ``metric``'s (tasks, steps + 1, M) values), in
    chunks so 10,000 tasks do not need 10,000-wide graphs."""
    parts = [
        learner.loss_after_steps(tasks.select(slice(i, i + chunk)), steps, lr, metric)
        for i in range(0, tasks.size, chunk)
    ]
    return np.concatenate(parts, axis=0)


def evaluate_gap(
    main: MetaAlgorithm, twin: MetaAlgorithm, tasks: TaskBatch, steps: int, lr: float, step: int = 0
) -> GapResult:
    """Both starting points, the same held-out tasks, the same number of steps and rate."""
    exact = main.family.is_toy
    metrics = getattr(main.family, "metrics_batched", None)
    if metrics is None:
        return GapResult(
            step=step,
            algorithm=summarise(loss_after_steps(main, tasks, steps, lr), exact),
            pretraining=summarise(loss_after_steps(twin, tasks, steps, lr), exact),
            test_inner_lr=float(lr),
        )
    # a classifier: loss and accuracy from the same adaptation (one pass, not two);
    # classification tasks adapt in small chunks (a task's Conv4 activations are large)
    main_table = loss_after_steps(main, tasks, steps, lr, CLASSIFIER_CHUNK, metrics)
    twin_table = loss_after_steps(twin, tasks, steps, lr, CLASSIFIER_CHUNK, metrics)
    return GapResult(
        step=step,
        algorithm=summarise(main_table[..., 0]),
        pretraining=summarise(twin_table[..., 0]),
        test_inner_lr=float(lr),
        accuracy=(summarise(main_table[..., 1]), summarise(twin_table[..., 1])),
    )
