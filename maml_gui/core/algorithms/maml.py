"""MAML, first-order MAML and ANIL: one implementation, two switches.

- MAML: Finn, Abbeel & Levine (2017), "Model-Agnostic Meta-Learning for Fast Adaptation of
  Deep Networks". L(phi) = (1/N) sum_n l_n(theta_n(phi)), theta_n = k SGD steps from phi on
  task n's support set, l_n the query loss; the gradient includes the second-order terms.
- FOMAML (``first_order=True``): the same paper's first-order approximation, which treats
  d theta_n / d phi as the identity: grad = (1/N) sum_n grad l_n(theta_n).
- ANIL (``head_only=True``): Raghu et al. (2020), "Rapid Learning or Feature Reuse?". The
  inner loop adapts only the head; the meta-gradient still reaches the body through it.
"""

from __future__ import annotations

from contextlib import nullcontext

import torch
from torch.func import vmap

from maml_gui.core.algorithms import explicit as explicit_path
from maml_gui.core.algorithms.base import Gradient, MetaAlgorithm, StepResult
from maml_gui.core.algorithms.inner import (
    adapt,
    adapt_batch,
    adapt_expanded,
    batched_loss_of,
    tasks_per_pass_of,
    with_task_dim,
)
from maml_gui.core.config import RunConfig
from maml_gui.core.tasks.base import Params, TaskBatch, TaskFamily


class MAML(MetaAlgorithm):
    def __init__(
        self,
        family: TaskFamily,
        config: RunConfig,
        phi: Params,
        *,
        first_order: bool = False,
        head_only: bool = False,
        explicit: bool = True,
    ) -> None:
        if head_only and family.head_keys is None:
            raise ValueError(f"ANIL needs a model with a head; {family.name} has none")
        self.first_order = first_order
        self.head_only = head_only  # before the base class asks inner_keys()
        self.name = "anil" if head_only else ("fomaml" if first_order else "maml")
        super().__init__(family, config, phi, explicit)

    def inner_keys(self) -> tuple[str, ...]:
        if self.head_only:
            return tuple(self.family.head_keys or ())
        return tuple(self.phi)

    def _layout(self):
        """The family's layout for passes differentiated once where the meta-gradient
        differentiates the network once: FOMAML, and ANIL, whose inner loop differentiates
        only the head (second order it is the default layout, faster there)."""
        once = self.first_order or self.head_only
        return self.first_order_passes() if once else nullcontext()

    def gradient(self, batch: TaskBatch) -> Gradient:
        steps, lr = self.config.train_inner_steps, self.config.inner_lr
        if self.explicit:
            grads, after, thetas = explicit_path.meta_gradient(
                self.values(), batch, steps, lr, self.inner_keys(), self.first_order
            )
            return Gradient(grads, loss_after=after, thetas=thetas)
        general = first_order_gradient if self.first_order else second_order_gradient
        phi, size = self.values(), batch.size
        step = tasks_per_pass_of(self.family) or size
        grads: Params = {}
        results = []
        for start in range(0, size, step):  # see inner.passes
            part = batch.select(slice(start, start + step))
            with self._layout():
                part_grads, result = general(
                    self.family.loss,
                    phi,
                    part,
                    steps,
                    lr,
                    self.inner_keys(),
                    loss_batched=batched_loss_of(self.family),
                    with_before=False,  # measure() computes it when a history or a view asks
                )
            for k, g in part_grads.items():  # each part's gradient is the mean over its tasks
                weighted = g * (part.size / size)
                grads[k] = weighted if k not in grads else grads[k] + weighted
            results.append(result)
        after = torch.cat([r.loss_after for r in results])
        thetas = {k: torch.cat([r.thetas[k] for r in results]) for k in results[0].thetas}
        return Gradient(grads, loss_after=after, thetas=thetas)


def second_order_gradient(
    loss_fn,
    phi: Params,
    batch: TaskBatch,
    steps: int,
    lr: float,
    keys: tuple[str, ...],
    loss_batched=None,
    with_before: bool = True,
) -> tuple[Params, StepResult]:
    """Exact gradient of the MAML objective, batched over tasks.

    The outer derivative is ordinary autograd through the batched inner loop (see inner.py
    for the two batched forms); nesting it in ``torch.func.grad`` as well measured ~1.45x
    slower and gives the same numbers. Without ``with_before`` the query loss at phi (a
    forward pass the gradient does not need) is not computed: the result's loss_before is
    None.
    """
    leaves = {k: v.detach().requires_grad_(True) for k, v in phi.items()}
    with torch.enable_grad():
        if loss_batched is not None:
            thetas, _ = adapt_expanded(
                loss_batched, leaves, batch.support, steps, lr, keys, True, share_frozen=True
            )
            after = loss_batched(thetas, batch.query)
            # the frozen parameters (ANIL's body) were shared for speed; theta_n has them all
            thetas = with_task_dim(thetas, batch.size, lambda k: k not in keys)
            before = None
            if with_before:
                with torch.no_grad():
                    before = loss_batched(phi, batch.query)
        else:

            def task_objective(params: Params, support, query):
                theta = adapt(loss_fn, params, support, steps, lr, keys)
                return loss_fn(params, query), loss_fn(theta, query), theta

            before, after, thetas = vmap(task_objective, in_dims=(None, 0, 0))(
                leaves, batch.support, batch.query
            )
        values = torch.autograd.grad(after.mean(), list(leaves.values()))
    grads = dict(zip(leaves, values, strict=True))
    before = None if before is None or not with_before else before.detach()
    return grads, StepResult(before, after.detach(), _detach(thetas))


def first_order_gradient(
    loss_fn,
    phi: Params,
    batch: TaskBatch,
    steps: int,
    lr: float,
    keys: tuple[str, ...],
    loss_batched=None,
    with_before: bool = True,
) -> tuple[Params, StepResult]:
    """(1/N) sum_n grad l_n evaluated at theta_n: no differentiation through the inner loop
    (``with_before``: as for second_order_gradient)."""
    thetas = adapt_batch(loss_fn, phi, batch.support, steps, lr, keys, loss_batched)
    leaves = {k: v.detach().requires_grad_(True) for k, v in thetas.items()}
    with torch.enable_grad():
        # Tasks do not interact, so the gradient of the summed loss with respect to the
        # stacked theta_n is each task's own gradient; dividing by N gives the mean.
        after = (loss_batched or vmap(loss_fn))(leaves, batch.query)
        per_task = torch.autograd.grad(after.sum() / batch.size, list(leaves.values()))
    before = None
    if with_before:
        with torch.no_grad():
            shared = loss_batched or vmap(loss_fn, in_dims=(None, 0))
            before = shared(phi, batch.query).detach()
    grads = {k: g.sum(0) for k, g in zip(leaves, per_task, strict=True)}
    return grads, StepResult(before, after.detach(), _detach(thetas))


def _detach(params: Params) -> Params:
    return {k: v.detach() for k, v in params.items()}
