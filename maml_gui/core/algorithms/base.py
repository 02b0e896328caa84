"""The interface every algorithm implements, and the meta-optimiser state it owns."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from maml_gui.core.algorithms.inner import adapt_batch, batched_loss_of, loss_trajectory
from maml_gui.core.config import RunConfig
from maml_gui.core.tasks.base import Params, TaskBatch, TaskFamily


class DivergedError(RuntimeError):
    """A meta-step produced NaN or inf; the parameters were left at their last finite values."""


@dataclass(frozen=True)
class StepResult:
    """What one meta-step measured: per-task query losses at phi and at theta_n, and theta_n."""

    loss_before: torch.Tensor
    loss_after: torch.Tensor
    thetas: Params


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
    """

    name = "base"

    def __init__(self, family: TaskFamily, config: RunConfig, phi: Params) -> None:
        self.family = family
        self.config = config
        self.phi: Params = {k: v.detach().clone().requires_grad_(True) for k, v in phi.items()}
        # fused: one kernel for the whole update; measured 2.4x faster than foreach here
        self.optimizer = torch.optim.Adam(self.phi.values(), lr=config.meta_lr, fused=True)

    # -- what subclasses provide ---------------------------------------------------------
    def inner_keys(self) -> tuple[str, ...]:
        """Parameters the inner loop adapts (all of them except for ANIL)."""
        return tuple(self.phi)

    def meta_gradient(self, batch: TaskBatch) -> tuple[Params, StepResult]:
        raise NotImplementedError

    # -- shared machinery ----------------------------------------------------------------
    def set_config(self, config: RunConfig) -> None:
        self.config = config
        for group in self.optimizer.param_groups:
            group["lr"] = config.meta_lr

    def values(self) -> Params:
        """phi as plain tensors without autograd history."""
        return {k: v.detach() for k, v in self.phi.items()}

    def meta_step(self, batch: TaskBatch) -> StepResult:
        """One outer update; raises DivergedError (phi unchanged) on a non-finite result."""
        grads, result = self.checked_gradient(batch)
        self.commit(grads)
        return result

    def checked_gradient(self, batch: TaskBatch) -> tuple[Params, StepResult]:
        """The meta-gradient, or DivergedError if it or the losses are NaN/inf (nothing changed)."""
        grads, result = self.meta_gradient(batch)
        flat = [g.reshape(-1) for g in grads.values()]
        flat += [result.loss_before.reshape(-1), result.loss_after.reshape(-1)]
        if not bool(torch.isfinite(torch.cat(flat)).all()):  # one check, one sync
            raise DivergedError("the meta-gradient or the loss became NaN or inf")
        return grads, result

    def commit(self, grads: Params) -> None:
        """Apply a finite meta-gradient. Adam's and Reptile's steps are bounded multiples of
        finite numbers, so phi stays finite; the check below guards against float overflow
        only, and then restores phi (the optimiser moments of that one step remain)."""
        backup = [v.detach().clone() for v in self.phi.values()]
        self.apply(grads)
        if not bool(torch.isfinite(torch.cat([v.reshape(-1) for v in self.phi.values()])).all()):
            with torch.no_grad():
                for v, old in zip(self.phi.values(), backup, strict=True):
                    v.copy_(old)
            raise DivergedError("the update overflowed phi")

    def apply(self, grads: Params) -> None:
        """Default outer update: Adam with the meta learning rate."""
        for k, p in self.phi.items():
            p.grad = grads[k].detach().clone()
        self.optimizer.step()
        self.optimizer.zero_grad(set_to_none=True)

    def adapt(self, support: tuple[torch.Tensor, ...], steps: int, lr: float) -> Params:
        """theta_n for a batch of support sets, without a meta-gradient graph."""
        return adapt_batch(
            self.family.loss,
            self.values(),
            support,
            steps,
            lr,
            self.inner_keys(),
            batched_loss_of(self.family),
        )

    def loss_after_steps(self, batch: TaskBatch, steps: int, lr: float) -> np.ndarray:
        """Query loss after 0..steps adaptation steps, per task: (tasks, steps + 1)."""
        with torch.no_grad():
            losses = loss_trajectory(
                self.family.loss,
                self.values(),
                batch.support,
                batch.query,
                steps,
                lr,
                self.inner_keys(),
                batched_loss_of(self.family),
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
