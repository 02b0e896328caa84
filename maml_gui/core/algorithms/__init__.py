"""The algorithms behind one interface (meta_step, adapt, phi) and the factory for them."""

from __future__ import annotations

from maml_gui.core.algorithms.base import (
    DivergedError,
    Gradient,
    MetaAlgorithm,
    StepResult,
    check_finite,
)
from maml_gui.core.algorithms.maml import MAML
from maml_gui.core.algorithms.pretraining import Pretraining
from maml_gui.core.algorithms.reptile import Reptile
from maml_gui.core.algorithms.transfer import TransferPretraining
from maml_gui.core.config import Algorithm, RunConfig, algorithm_unavailable_reason
from maml_gui.core.tasks.base import Params, TaskFamily

__all__ = [
    "MAML",
    "DivergedError",
    "Gradient",
    "MetaAlgorithm",
    "Pretraining",
    "Reptile",
    "StepResult",
    "TransferPretraining",
    "check_finite",
    "make_algorithm",
]


def make_algorithm(
    name: str, family: TaskFamily, config: RunConfig, phi: Params, explicit: bool = True
) -> MetaAlgorithm:
    """``explicit``: take the explicit-formula fast path where the family allows it."""
    reason = algorithm_unavailable_reason(name, family.name)
    if reason:
        raise ValueError(reason)
    if name == Algorithm.MAML:
        return MAML(family, config, phi, explicit=explicit)
    if name == Algorithm.FOMAML:
        return MAML(family, config, phi, first_order=True, explicit=explicit)
    if name == Algorithm.ANIL:
        return MAML(family, config, phi, head_only=True, explicit=explicit)
    if name == Algorithm.REPTILE:
        return Reptile(family, config, phi, explicit)
    if name == Algorithm.PRETRAINING:
        if getattr(family, "permuted_labels", False):  # the joint objective degenerates
            return TransferPretraining(family, config, phi, explicit)
        return Pretraining(family, config, phi, explicit)
    raise ValueError(f"unknown algorithm {name!r}")
