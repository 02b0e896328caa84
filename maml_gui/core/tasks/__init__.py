"""Task families and the factory that builds one from a RunConfig."""

from __future__ import annotations

import torch

from maml_gui.core.config import RunConfig, Task
from maml_gui.core.tasks.base import Params, TaskBatch, TaskFamily
from maml_gui.core.tasks.sinusoid import SinusoidFamily
from maml_gui.core.tasks.toy import ToyFamily

__all__ = ["Params", "SinusoidFamily", "TaskBatch", "TaskFamily", "ToyFamily", "make_family"]


def make_family(config: RunConfig, dtype: torch.dtype | None = None) -> TaskFamily:
    """The task family a config names (toys in float64: they are exact and tiny)."""
    if config.task == Task.SINUSOID:
        return SinusoidFamily(config.k_shot, config.k_query, config.hidden, dtype or torch.float32)
    dim = 1 if config.task == Task.TOY1D else 2
    return ToyFamily(dim, config.toy_tasks, config.seed, dtype or torch.float64)
