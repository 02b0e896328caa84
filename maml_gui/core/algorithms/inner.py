"""The inner loop: k steps of plain SGD on each task's support set, batched over tasks.

Two batched forms give the same numbers:
- families whose loss accepts parameters with a leading task dimension (``loss_batched``,
  the networks: one matmul per layer for all tasks) use plain autograd on parameters
  expanded to (T, ...): the tasks do not interact, so the gradient of the summed loss with
  respect to the expanded copy is every task's own gradient. Measured ~1.35x faster than
  vmap here (tests/benchmarks/engine_speed.py), because vmap's batching rules cost Python.
- other families (the toys) use torch.func: ``vmap`` over tasks of ``grad``.
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
    loss_batched: Callable | None = None,
    tasks_per_pass: int | None = None,
) -> Params:
    """theta_n for every task of a batch at once, without a graph back to ``phi``
    (``tasks_per_pass`` at a time, if given: see ``passes``)."""
    if loss_batched is not None:
        parts = [
            adapt_expanded(loss_batched, phi, part, steps, lr, keys, False)[0]
            for part in passes(support, tasks_per_pass)
        ]
        return {k: torch.cat([part[k] for part in parts]) for k in parts[0]}

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
    loss_batched: Callable | None = None,
    metric: Callable | None = None,
    tasks_per_pass: int | None = None,
) -> torch.Tensor:
    """Query loss after 0..steps inner steps for every task: returns (tasks, steps + 1), or
    (tasks, steps + 1, M) when ``metric`` (task-batched families only) gives M numbers
    (``tasks_per_pass``: see ``passes``)."""
    if loss_batched is not None:
        parts = []
        pairs = zip(passes(support, tasks_per_pass), passes(query, tasks_per_pass), strict=True)
        for s, q in pairs:
            _, history = adapt_expanded(loss_batched, phi, s, steps, lr, keys, False, q, metric)
            parts.append(torch.stack(history, dim=1))
        return torch.cat(parts)
    if metric is not None:
        raise ValueError("a metric needs a family with a task-batched loss")

    def one(s: tuple[torch.Tensor, ...], q: tuple[torch.Tensor, ...]) -> torch.Tensor:
        params = phi
        losses = [loss_fn(params, q)]
        for _ in range(steps):
            params = sgd_step(loss_fn, params, s, lr, keys)
            losses.append(loss_fn(params, q))
        return torch.stack(losses)

    return vmap(one)(support, query)


def passes(data: tuple[torch.Tensor, ...], tasks_per_pass: int | None) -> list[tuple]:
    """``data`` (tasks first) cut into consecutive groups of ``tasks_per_pass`` tasks, or
    whole. Tasks do not interact, so computing them in groups changes nothing but the order
    of floating-point sums; a family with large activations asks for it to stay in cache."""
    tasks = data[0].shape[0]
    step = tasks_per_pass or tasks
    return [tuple(t[i : i + step] for t in data) for i in range(0, tasks, step)]


def tasks_per_pass_of(family) -> int | None:
    return getattr(family, "tasks_per_pass", None)


def batched_loss_of(family) -> Callable | None:
    """The family's task-batched loss, or None when only a per-task loss exists."""
    return getattr(family, "loss_batched", None)


def with_task_dim(params: Params, tasks: int, which) -> Params:
    """``params`` with a leading task dimension (a view, no copy) on the names ``which``
    accepts; the others as they are."""
    return {
        k: (v.unsqueeze(0).expand(tasks, *v.shape) if which(k) else v) for k, v in params.items()
    }


def adapt_expanded(
    loss_batched: Callable,
    phi: Params,
    support: tuple[torch.Tensor, ...],
    steps: int,
    lr: float,
    keys: Sequence[str],
    create_graph: bool,
    query: tuple[torch.Tensor, ...] | None = None,
    metric: Callable | None = None,
    share_frozen: bool = False,
) -> tuple[Params, list[torch.Tensor]]:
    """theta_n for all tasks as parameters (T, ...), starting from the shared ``phi``; with
    ``share_frozen``, the parameters not in ``keys`` come back as phi's, without the T.

    With ``create_graph`` the result stays differentiable with respect to ``phi`` (the
    second-order MAML path); without it every step starts from detached leaves. When
    ``query`` is given, also returns the query losses (T,) after 0..steps steps, or whatever
    ``metric(params, query)`` returns per task (a classifier's loss and accuracy).
    """
    metric = metric or loss_batched
    # Only the adapted parameters get a task dimension: the others stay shared, which the
    # task-batched losses accept and Conv4 computes with a plain, not a grouped, convolution.
    tasks = support[0].shape[0]
    fast = with_task_dim(phi, tasks, lambda k: k in keys)
    history = []
    for _ in range(steps):
        if query is not None:
            history.append(_no_grad_loss(metric, fast, query))
        with torch.enable_grad():
            if not create_graph:
                fast = {
                    k: (v.detach().requires_grad_(True) if k in keys else v.detach())
                    for k, v in fast.items()
                }
            losses = loss_batched(fast, support)
            grads = torch.autograd.grad(
                losses.sum(), [fast[k] for k in keys], create_graph=create_graph
            )
        fast = {**fast, **{k: fast[k] - lr * g for k, g in zip(keys, grads, strict=True)}}
    if not create_graph:
        fast = {k: v.detach() for k, v in fast.items()}
    if query is not None:
        history.append(_no_grad_loss(metric, fast, query))
    if not share_frozen:
        fast = with_task_dim(fast, tasks, lambda k: k not in keys)
    return fast, history


def _no_grad_loss(loss_batched: Callable, params: Params, data) -> torch.Tensor:
    with torch.no_grad():
        return loss_batched({k: v.detach() for k, v in params.items()}, data)
