"""Flattening torch parameters into the numpy vectors a Snapshot (records.py) carries.

Every array is a numpy *copy* (``.detach().cpu().numpy().copy()``): a bare ``.numpy()`` shares
storage with a tensor that the optimiser overwrites in place on the next step.
"""

from __future__ import annotations

import numpy as np
import torch

from maml_gui.core.tasks.base import Params


def to_numpy(tensor: torch.Tensor) -> np.ndarray:
    return tensor.detach().cpu().numpy().copy()


def flatten(params: Params, batched: bool = False) -> np.ndarray:
    """Concatenate parameters in insertion order: (D,), or (T, D) when ``batched``."""
    if batched:
        first = next(iter(params.values()))
        return to_numpy(torch.cat([v.reshape(first.shape[0], -1) for v in params.values()], 1))
    return to_numpy(torch.cat([v.reshape(-1) for v in params.values()]))
