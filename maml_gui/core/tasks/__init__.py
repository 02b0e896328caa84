"""Task families and the factory that builds one from a RunConfig."""

from __future__ import annotations

from pathlib import Path

import torch

from maml_gui.core.config import RunConfig, Task
from maml_gui.core.tasks.base import Params, TaskBatch, TaskFamily
from maml_gui.core.tasks.omniglot import OmniglotFamily
from maml_gui.core.tasks.sinusoid import SinusoidFamily
from maml_gui.core.tasks.toy import ToyFamily

__all__ = [
    "OmniglotFamily",
    "Params",
    "SinusoidFamily",
    "TaskBatch",
    "TaskFamily",
    "ToyFamily",
    "make_family",
]


def make_family(config: RunConfig, dtype: torch.dtype | None = None) -> TaskFamily:
    """The task family a config names (toys in float64: they are exact and tiny)."""
    if config.task == Task.SINUSOID:
        return SinusoidFamily(config.k_shot, config.k_query, config.hidden, dtype or torch.float32)
    if config.task == Task.OMNIGLOT:
        from maml_gui.core.omniglot.images import load  # Pillow and the data: only when asked

        images = load(Path(config.data) if config.data else None)
        family = OmniglotFamily(
            images,
            n_way=config.n_way,
            k_shot=config.k_shot,
            k_query=config.k_query,
            rotations=config.rotations,
            channels=config.hidden,
            dtype=dtype or torch.float32,
        )
        family.check_held_out()  # a run that cannot be evaluated is refused now
        return family
    dim = 1 if config.task == Task.TOY1D else 2
    return ToyFamily(dim, config.toy_tasks, config.seed, dtype or torch.float64)
