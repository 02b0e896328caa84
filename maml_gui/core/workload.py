"""The expensive payloads the views ask for, by kind: one function shared by the app's training
process and the headless export, so both draw the same numbers.

The request and run descriptions live here, not with the views, because they cross from the
GUI process to the training process and back, and that process never imports Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from maml_gui.core.config import RunConfig
from maml_gui.core.evaluation import GapResult
from maml_gui.core.function_space import function_fit
from maml_gui.core.landscape import toy_landscape
from maml_gui.core.training import Trainer, network_landscape
from maml_gui.core.trajectory import loss_history, trajectory

PAYLOAD_KINDS = (
    "toy_landscape",
    "plane_landscape",
    "gap",
    "function_fit",
    "trajectory",
    "loss_history",
)


@dataclass(frozen=True)
class RunInfo:
    """What a view needs to know about the run it shows."""

    config: RunConfig
    #: per-task colours and labels are derived from this count (the toys' finite task set,
    #: or the sinusoid meta-batch size)
    n_tasks: int
    #: for toys, the exact task minima (T, dim); None for networks
    task_minima: np.ndarray | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PayloadRequest:
    """Ask the training process for an expensive payload. ``kind`` is one of:
    'toy_landscape' (params: m_max), 'plane_landscape' (params: plane, resolution),
    'gap', 'function_fit' (params: task_index), 'trajectory', 'loss_history'."""

    kind: str
    params: tuple[tuple[str, Any], ...] = ()

    def param(self, name: str, default: Any = None) -> Any:
        return dict(self.params).get(name, default)


def run_info(trainer: Trainer) -> RunInfo:
    family = trainer.family
    if family.is_toy:
        return RunInfo(trainer.config, family.n_tasks, family.task_minima())
    return RunInfo(trainer.config, trainer.config.meta_batch_size)


def applies(kind: str, trainer: Trainer) -> bool:
    """Whether the trainer's family can answer ``kind`` (requests outlive a task switch)."""
    if kind == "toy_landscape":
        return trainer.family.is_toy
    if kind in ("plane_landscape", "function_fit"):
        return not trainer.family.is_toy
    return True


def compute_payload(trainer: Trainer, kind: str, params: dict[str, Any] | None = None) -> Any:
    params = params or {}
    if kind == "toy_landscape":
        return toy_landscape(trainer.family, trainer.config.inner_lr, params.get("m_max", 5))
    if kind == "plane_landscape":
        return network_landscape(
            trainer, params.get("plane", "phi-thetas"), params.get("resolution", 61)
        )
    if kind == "gap":
        result: GapResult = trainer.evaluate()
        return result
    if kind == "function_fit":
        return function_fit(trainer, params.get("task_index", 0))
    if kind == "trajectory":
        return trajectory(trainer)
    if kind == "loss_history":
        return loss_history(trainer)
    raise ValueError(f"unknown payload kind {kind!r}; one of {', '.join(PAYLOAD_KINDS)}")
