"""How each payload kind is computed: one registry, read by the session and the headless export.

The kinds, and the rules of when each applies and how often it may be recomputed, are in
``records`` (``PayloadKind``, ``PAYLOAD_RULES``): the GUI reads those too. Here each kind gets
the function that computes it from a Trainer; the app's training process and the CLI's export
both call :func:`compute_payload`, so both draw the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from maml_gui.core.classification.payloads import (
    FEATURE_REUSE_TASKS,
    feature_reuse_of,
    one_shot_runs,
    task_view,
)
from maml_gui.core.explore import meta_gradients
from maml_gui.core.function_space import function_fit, telling_task
from maml_gui.core.landscape import toy_landscape
from maml_gui.core.records import PAYLOAD_RULES, PayloadKind, PayloadRequest, RunInfo
from maml_gui.core.training import Trainer, network_landscape
from maml_gui.core.trajectory import loss_history, trajectory

__all__ = ["COMPUTE", "applies", "compute_payload", "run_info"]

Compute = Callable[[Trainer, dict[str, Any]], Any]

COMPUTE: dict[PayloadKind, Compute] = {
    PayloadKind.TOY_LANDSCAPE: lambda trainer, p: toy_landscape(
        trainer.family, trainer.config.inner_lr, p.get("m_max", 5), aspect=p.get("aspect", 1.0)
    ),
    PayloadKind.PLANE_LANDSCAPE: lambda trainer, p: network_landscape(
        trainer,
        p.get("plane", "phi-thetas"),
        p.get("resolution", 61),
        adapted=bool(p.get("adapted", True)),
    ),
    PayloadKind.GAP: lambda trainer, p: trainer.evaluate(),
    PayloadKind.FUNCTION_FIT: lambda trainer, p: function_fit(
        trainer,
        p.get("task_index", 0),
        steps=p.get("steps"),
        support=p.get("support"),
        truth=p.get("truth"),
    ),
    PayloadKind.TRAJECTORY: lambda trainer, p: trajectory(trainer),
    PayloadKind.LOSS_HISTORY: lambda trainer, p: loss_history(trainer),
    PayloadKind.TASK_PREDICTIONS: lambda trainer, p: task_view(trainer, p.get("task_index", 0)),
    PayloadKind.FEATURE_REUSE: lambda trainer, p: feature_reuse_of(
        trainer, p.get("tasks", FEATURE_REUSE_TASKS)
    ),
    PayloadKind.ONE_SHOT_RUNS: lambda trainer, p: one_shot_runs(trainer, p.get("steps")),
    PayloadKind.META_GRADIENTS: lambda trainer, p: meta_gradients(
        trainer.family, p.get("phi"), trainer.config.inner_lr, p.get("steps", 1), p.get("lam", 1.0)
    ),
}
assert set(COMPUTE) == set(PayloadKind) == set(PAYLOAD_RULES), "one entry per payload kind"


def run_info(trainer: Trainer, with_snapshot: bool = False) -> RunInfo:
    """The run's description for the views; ``with_snapshot``: its current state too (an
    opened run that has trained shows itself before its next step)."""
    family = trainer.family
    snapshot = trainer.current_snapshot() if with_snapshot and trainer.step > 0 else None
    if family.traits.is_toy:
        return RunInfo(
            trainer.config, family.traits, family.n_tasks, family.task_minima(), snapshot
        )
    task = telling_task(trainer) if family.traits.has_function_space else 0
    return RunInfo(
        trainer.config, family.traits, trainer.config.meta_batch_size, None, snapshot, task
    )


def applies(kind: PayloadKind, trainer: Trainer) -> bool:
    """Whether the trainer's family can answer ``kind`` (requests outlive a task switch)."""
    return PAYLOAD_RULES[PayloadKind(kind)].applies(trainer.family.traits)


def compute_payload(trainer: Trainer, request: PayloadRequest) -> Any:
    return COMPUTE[request.kind](trainer, dict(request.params))
