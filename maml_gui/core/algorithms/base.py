"""The interface every algorithm implements, and the meta-optimiser state it owns."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

import numpy as np
import torch
from torch.func import vmap

from maml_gui.core.algorithms import explicit as explicit_path
from maml_gui.core.algorithms.inner import (
    adapt_batch,
    batched_loss_of,
    loss_trajectory,
    tasks_per_pass_of,
)
from maml_gui.core.config import RunConfig
from maml_gui.core.explained import ExplainedError
from maml_gui.core.tasks.base import Params, TaskBatch, TaskFamily


class DivergedError(ExplainedError, RuntimeError):
    """A meta-step produced NaN or inf; the parameters were left at their last finite values."""


@dataclass(frozen=True)
class StepResult:
    """What one meta-step measured: per-task query losses at phi and at theta_n, and theta_n."""

    loss_before: torch.Tensor
    loss_after: torch.Tensor
    thetas: Params

    def losses(self) -> list[torch.Tensor]:
        return [self.loss_before, self.loss_after]


@dataclass(frozen=True)
class Gradient:
    """A meta-gradient (Reptile: its negative update direction) and whatever computing it
    measured on the way, for free: MAML's query losses at theta_n and theta_n, pretraining's
    losses at phi. :meth:`MetaAlgorithm.measure` completes the rest only when asked."""

    values: Params
    loss_before: torch.Tensor | None = None
    loss_after: torch.Tensor | None = None
    thetas: Params | None = None

    def losses(self) -> list[torch.Tensor]:
        """The losses computing the gradient measured."""
        return [t for t in (self.loss_before, self.loss_after) if t is not None]


def check_finite(*measured: Gradient | StepResult) -> None:
    """Raise DivergedError unless every gradient, its square and every loss is finite: one
    check, one sync. The square, because Adam squares the gradient: a finite gradient beyond
    ~1.8e19 (float32) would make Adam's second moment inf for good."""
    grads = [g.reshape(-1) for m in measured if isinstance(m, Gradient) for g in m.values.values()]
    losses = [t.reshape(-1) for m in measured for t in m.losses()]
    parts = ([torch.cat(grads).square()] if grads else []) + losses
    if parts and not bool(torch.isfinite(torch.cat(parts)).all()):
        raise DivergedError("the meta-gradient or the loss became NaN or inf")


class MetaAlgorithm:
    """Owns phi and its optimiser; subclasses define the meta-gradient (or update).

    Parameters
    ----------
    family
        The task family (it supplies the loss and, for ANIL, the head's parameter names).
    config
        Learning rates and inner steps are read from it at every step, so the live settings
        in the app take effect without a restart.
    phi
        The initial parameters; copied, never aliased.
    explicit
        Use the explicit formulas (``explicit.py``) where the family allows them; False keeps
        to the general autograd path (the tests compare the two).
    """

    name = "base"

    def __init__(
        self, family: TaskFamily, config: RunConfig, phi: Params, explicit: bool = True
    ) -> None:
        self.family = family
        self.config = config
        self.phi: Params = {k: v.detach().clone().requires_grad_(True) for k, v in phi.items()}
        # fused: one kernel for the whole update; measured 2.4x faster than foreach here
        self.optimizer = torch.optim.Adam(self.phi.values(), lr=config.meta_lr, fused=True)
        self.explicit = explicit and explicit_path.applies(family, phi, self.inner_keys())

    # -- what subclasses provide ---------------------------------------------------------
    def inner_keys(self) -> tuple[str, ...]:
        """Parameters the inner loop adapts (all of them except for ANIL)."""
        return tuple(self.phi)

    def gradient(self, batch: TaskBatch) -> Gradient:
        raise NotImplementedError

    # -- shared machinery ----------------------------------------------------------------
    def set_config(self, config: RunConfig) -> None:
        self.config = config
        for group in self.optimizer.param_groups:
            group["lr"] = config.meta_lr

    def values(self) -> Params:
        """phi as plain tensors without autograd history."""
        return {k: v.detach() for k, v in self.phi.items()}

    def start_values(self) -> Params:
        """Where adapting to a task starts: phi itself, except for a learner whose phi is not
        a task's model (transfer.py: a pretrained body takes a fresh head)."""
        return self.values()

    def restore_start(self, values: Params) -> None:
        """Set phi from a recorded starting point (replaying a run's path)."""
        with torch.no_grad():
            for name, param in self.phi.items():
                param.copy_(values[name].to(param.dtype))

    def meta_gradient(self, batch: TaskBatch) -> tuple[Params, StepResult]:
        """The meta-gradient and the full measurement of the step at the current phi."""
        gradient = self.gradient(batch)
        return gradient.values, self.measure(batch, gradient)

    def measure(
        self, batch: TaskBatch, gradient: Gradient | None = None, phi: Params | None = None
    ) -> StepResult:
        """Query losses at phi and at theta_n, and theta_n (``train_inner_steps`` at
        ``inner_lr``), reusing what ``gradient`` already measured. ``phi``: measure at these
        values instead of the current ones (a step observed after its update)."""
        gradient = gradient or Gradient({})
        phi = self.start_values() if phi is None else phi
        thetas = gradient.thetas
        if thetas is None:
            thetas = self._adapt_from(phi, batch.support)
        before = gradient.loss_before
        if before is None:
            before = self._query_losses(phi, batch.query, shared=True)
        after = gradient.loss_after
        if after is None:
            after = self._query_losses(thetas, batch.query, shared=False)
        # Layers the inner loop leaves alone (ANIL's body) are views of phi, which the update
        # overwrites in place: theta_n must keep the values it was measured at.
        live = {p.untyped_storage().data_ptr() for p in self.phi.values()}
        thetas = {
            k: v.clone() if v.untyped_storage().data_ptr() in live else v for k, v in thetas.items()
        }
        return StepResult(before.detach(), after.detach(), thetas)

    def meta_step(self, batch: TaskBatch) -> StepResult:
        """One outer update and its full measurement at the phi it started from; raises
        DivergedError (phi unchanged) on a non-finite result."""
        gradient = self.gradient(batch)
        check_finite(gradient)
        result = self.measure(batch, gradient)
        self.commit(gradient.values)
        return result

    def update(self, batch: TaskBatch) -> Gradient:
        """One outer update, nothing measured beyond what the gradient needs (the meta-step
        alone, as a headless run pays for it)."""
        gradient = self.gradient(batch)
        check_finite(gradient)
        self.commit(gradient.values)
        return gradient

    def commit(self, grads: Params) -> None:
        """Apply a finite meta-gradient (checked by :func:`check_finite`).

        No check follows: the update cannot overflow phi. check_finite keeps every gradient's
        square finite, so Adam's moments stay finite (convex combinations of finite values),
        and Adam moves each entry by at most a small multiple of the meta learning rate
        (|m_hat| / sqrt(v_hat) <= 7.3 with the default betas, by Cauchy-Schwarz); the rate is
        at most 1, so after t steps |phi| <= |phi_0| + 7.3 t, far below float32's 3.4e38.
        Reptile's update (1 - eps) phi + eps mean(theta_n), eps <= 1, is a convex combination
        of finite values.
        """
        self.apply(grads)

    def apply(self, grads: Params) -> None:
        """Default outer update: Adam with the meta learning rate."""
        for k, p in self.phi.items():
            p.grad = grads[k]  # fresh tensors of this step: no copy needed
        self.optimizer.step()
        self.optimizer.zero_grad(set_to_none=True)

    def adapt(self, support: tuple[torch.Tensor, ...], steps: int, lr: float) -> Params:
        """theta_n for a batch of support sets, without a meta-gradient graph."""
        return self._adapt_from(self.start_values(), support, steps, lr)

    def _adapt_from(
        self,
        phi: Params,
        support: tuple[torch.Tensor, ...],
        steps: int | None = None,
        lr: float | None = None,
    ) -> Params:
        steps = self.config.train_inner_steps if steps is None else steps
        lr = self.config.inner_lr if lr is None else lr
        if self.explicit:
            return explicit_path.adapt(phi, support, steps, lr, self.inner_keys())
        with self.first_order_passes():
            return adapt_batch(
                self.family.loss,
                phi,
                support,
                steps,
                lr,
                self.inner_keys(),
                batched_loss_of(self.family),
                tasks_per_pass_of(self.family),
            )

    def first_order_passes(self) -> AbstractContextManager:
        """Where passes are differentiated once: the family's faster layout for them, if it
        has one (Conv4: channels-last)."""
        layout = getattr(self.family, "first_order_layout", None)
        return layout() if layout is not None else nullcontext()

    def _query_losses(
        self, params: Params, query: tuple[torch.Tensor, ...], shared: bool
    ) -> torch.Tensor:
        """Each task's query loss at ``params``: one set for all tasks, or one per task."""
        if self.explicit:
            return explicit_path.query_losses(params, query)
        loss_batched = batched_loss_of(self.family)
        with torch.no_grad():
            if loss_batched is not None:
                # task-batched losses take shared parameters as they are (Conv4: a plain,
                # not a grouped, convolution)
                return loss_batched(params, query)
            return vmap(self.family.loss, in_dims=(None if shared else 0, 0))(params, query)

    def loss_after_steps(self, batch: TaskBatch, steps: int, lr: float, metric=None) -> np.ndarray:
        """Query loss after 0..steps adaptation steps, per task: (tasks, steps + 1); with
        ``metric`` (a task-batched function of parameters and data), its M values per task
        instead: (tasks, steps + 1, M)."""
        if self.explicit and metric is None:
            losses = explicit_path.loss_trajectory(
                self.start_values(), batch.support, batch.query, steps, lr, self.inner_keys()
            )
            return losses.cpu().numpy().copy()
        with torch.no_grad(), self.first_order_passes():
            losses = loss_trajectory(
                self.family.loss,
                self.start_values(),
                batch.support,
                batch.query,
                steps,
                lr,
                self.inner_keys(),
                batched_loss_of(self.family),
                metric,
                tasks_per_pass_of(self.family),
            )
        return losses.detach().cpu().numpy().copy()

    def state_tensors(self) -> dict[str, torch.Tensor]:
        """phi and the optimiser state as named tensors (for checkpoints)."""
        out = {f"phi/{k}": v.detach().clone() for k, v in self.phi.items()}
        for index, name in enumerate(self.phi):
            state = self.optimizer.state.get(self.phi[name], {})
            for key, value in state.items():
                out[f"opt/{index}/{key}"] = torch.as_tensor(value).detach().clone()
        return out

    def load_state_tensors(self, tensors: dict[str, torch.Tensor]) -> None:
        with torch.no_grad():
            for k, v in self.phi.items():
                v.copy_(tensors[f"phi/{k}"])
        state = {}
        for index in range(len(self.phi)):
            prefix = f"opt/{index}/"
            entry = {
                k[len(prefix) :]: v.clone() for k, v in tensors.items() if k.startswith(prefix)
            }
            if entry:
                state[index] = entry
        saved = self.optimizer.state_dict()
        saved["state"] = state
        self.optimizer.load_state_dict(saved)
