"""The inner loop: k steps of plain SGD on one task's support set, written with torch.func.

Being a pure function of ``params`` lets the outer ``torch.func.grad`` differentiate through
it (second-order MAML) and lets ``vmap`` batch it over the tasks of a meta-batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import torch
from torch.func import grad, vmap

from maml_gui.core.tasks.base import Params

LossFn = Callable[[Params, tuple[torch.Tensor, ...]], torch.Tensor]


def sgd_step(
    loss_fn: LossFn, params: Params, data: tuple[torch.Tensor, ...], lr: float, keys: Sequence[str]
) -> Params:
    """One SGD step on ``keys`` only; the other parameters pass through unchanged."""
    frozen = {k: v for k, v in params.items() if k not in keys}

    def loss_of_adapted(adapted: Params) -> torch.Tensor:
        return loss_fn({**frozen, **adapted}, data)

    adapted = {k: params[k] for k in keys}
    g = grad(loss_of_adapted)(adapted)
    return {**frozen, **{k: adapted[k] - lr * g[k] for k in keys}}


def adapt(
    loss_fn: LossFn,
    params: Params,
    data: tuple[torch.Tensor, ...],
    steps: int,
    lr: float,
    keys: Sequence[str],
) -> Params:
    """theta = ``steps`` SGD steps from ``params`` on ``data`` (one task, no task dimension)."""
    for _ in range(steps):
        params = sgd_step(loss_fn, params, data, lr, keys)
    return params


def adapt_batch(
    loss_fn: LossFn,
    phi: Params,
    support: tuple[torch.Tensor, ...],
    steps: int,
    lr: float,
    keys: Sequence[str],
) -> Params:
    """theta_n for every task of a batch at once (vmap over the task dimension)."""

    def one(data: tuple[torch.Tensor, ...]) -> Params:
        return adapt(loss_fn, phi, data, steps, lr, keys)

    return vmap(one)(support)


def loss_trajectory(
    loss_fn: LossFn,
    phi: Params,
    support: tuple[torch.Tensor, ...],
    query: tuple[torch.Tensor, ...],
    steps: int,
    lr: float,
    keys: Sequence[str],
) -> torch.Tensor:
    """Query loss after 0..steps inner steps for every task: returns (tasks, steps + 1)."""

    def one(s: tuple[torch.Tensor, ...], q: tuple[torch.Tensor, ...]) -> torch.Tensor:
        params = phi
        losses = [loss_fn(params, q)]
        for _ in range(steps):
            params = sgd_step(loss_fn, params, s, lr, keys)
            losses.append(loss_fn(params, q))
        return torch.stack(losses)

    return vmap(one)(support, query)
