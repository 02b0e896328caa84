"""The expensive payloads the views ask for, by kind: one function shared by the app's worker
thread and the headless export, so both draw the same numbers."""

from __future__ import annotations

from typing import Any

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
