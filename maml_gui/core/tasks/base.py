"""The task-family interface shared by the toy families and the sinusoid family."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import torch

from maml_gui.core.records import FamilyTraits

Params = dict[str, torch.Tensor]


@dataclass(frozen=True)
class TaskBatch:
    """A meta-batch: every tensor has the task index as its first dimension.

    ``support`` and ``query`` are tuples that the family's ``loss`` understands for one task;
    ``info`` holds per-task numbers for the views (amplitudes, phases, well centres).
    """

    support: tuple[torch.Tensor, ...]
    query: tuple[torch.Tensor, ...]
    info: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return int(self.support[0].shape[0])

    def select(self, index: torch.Tensor | slice | list[int]) -> TaskBatch:
        """The sub-batch of tasks ``index``."""
        idx = index if isinstance(index, slice) else torch.as_tensor(index)
        np_idx = index if isinstance(index, slice) else np.asarray(index)
        return TaskBatch(
            support=tuple(t[idx] for t in self.support),
            query=tuple(t[idx] for t in self.query),
            info={k: v[np_idx] for k, v in self.info.items()},
        )


class TaskFamily(Protocol):
    """What the algorithms, landscapes and evaluation need from a family of tasks."""

    name: str
    #: parameter names the ANIL inner loop adapts; None when the model has no body/head split
    head_keys: tuple[str, ...] | None
    #: True when every step uses the same finite set of tasks with exact losses
    is_toy: bool
    #: what the views need to know of the family (records.FamilyTraits)
    traits: FamilyTraits

    def init_params(self, generator: torch.Generator) -> Params: ...

    def sample(self, n_tasks: int, generator: torch.Generator) -> TaskBatch: ...

    def loss(self, params: Params, data: tuple[torch.Tensor, ...]) -> torch.Tensor:
        """Scalar loss of one task's ``data`` under ``params`` (no task dimension)."""
        ...


def uniform(
    generator: torch.Generator, shape: tuple[int, ...], low: float, high: float, dtype: torch.dtype
) -> torch.Tensor:
    """U[low, high) drawn from ``generator`` (all randomness goes through seeded generators)."""
    return torch.rand(shape, generator=generator, dtype=dtype) * (high - low) + low
