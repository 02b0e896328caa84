"""The algorithms behind one interface (meta_step, adapt, phi) and the factory for them."""

from __future__ import annotations

from maml_gui.core.algorithms.base import DivergedError, MetaAlgorithm, StepResult
from maml_gui.core.algorithms.maml import MAML
from maml_gui.core.algorithms.pretraining import Pretraining
from maml_gui.core.algorithms.reptile import Reptile
from maml_gui.core.config import Algorithm, RunConfig, algorithm_unavailable_reason
from maml_gui.core.tasks.base import Params, TaskFamily

__all__ = [
    "MAML",
    "DivergedError",
    "MetaAlgorithm",
    "Pretraining",
    "Reptile",
    "StepResult",
    "make_algorithm",
]


def make_algorithm(name: str, family: TaskFamily, config: RunConfig, phi: Params) -> MetaAlgorithm:
    reason = algorithm_unavailable_reason(name, family.name)
    if reason:
        raise ValueError(reason)
    if name == Algorithm.MAML:
        return MAML(family, config, phi)
    if name == Algorithm.FOMAML:
        return MAML(family, config, phi, first_order=True)
    if name == Algorithm.ANIL:
        return MAML(family, config, phi, head_only=True)
    if name == Algorithm.REPTILE:
        return Reptile(family, config, phi)
    if name == Algorithm.PRETRAINING:
        return Pretraining(family, config, phi)
    raise ValueError(f"unknown algorithm {name!r}")
