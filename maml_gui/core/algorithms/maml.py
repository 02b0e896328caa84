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

from torch.func import grad, vmap

from maml_gui.core.algorithms.base import MetaAlgorithm, StepResult
from maml_gui.core.algorithms.inner import adapt, adapt_batch
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
    ) -> None:
        if head_only and family.head_keys is None:
            raise ValueError(f"ANIL needs a model with a head; {family.name} has none")
        super().__init__(family, config, phi)
        self.first_order = first_order
        self.head_only = head_only
        self.name = "anil" if head_only else ("fomaml" if first_order else "maml")

    def inner_keys(self) -> tuple[str, ...]:
        if self.head_only:
            return tuple(self.family.head_keys or ())
        return tuple(self.phi)

    def meta_gradient(self, batch: TaskBatch) -> tuple[Params, StepResult]:
        phi = self.values()
        if self.first_order:
            return first_order_gradient(
                self.family.loss,
                phi,
                batch,
                self.config.train_inner_steps,
                self.config.inner_lr,
                self.inner_keys(),
            )
        return second_order_gradient(
            self.family.loss,
            phi,
            batch,
            self.config.train_inner_steps,
            self.config.inner_lr,
            self.inner_keys(),
        )


def second_order_gradient(
    loss_fn, phi: Params, batch: TaskBatch, steps: int, lr: float, keys: tuple[str, ...]
) -> tuple[Params, StepResult]:
    """Exact gradient of the MAML objective, batched over tasks with vmap."""

    def task_objective(params: Params, support, query):
        theta = adapt(loss_fn, params, support, steps, lr, keys)
        after = loss_fn(theta, query)
        before = loss_fn(params, query)
        return after, (before, after, theta)

    def meta_objective(params: Params):
        after, aux = vmap(task_objective, in_dims=(None, 0, 0))(params, batch.support, batch.query)
        return after.mean(), aux

    grads, (before, after, thetas) = grad(meta_objective, has_aux=True)(phi)
    return grads, StepResult(before.detach(), after.detach(), _detach(thetas))


def first_order_gradient(
    loss_fn, phi: Params, batch: TaskBatch, steps: int, lr: float, keys: tuple[str, ...]
) -> tuple[Params, StepResult]:
    """(1/N) sum_n grad l_n evaluated at theta_n: no differentiation through the inner loop."""
    thetas = adapt_batch(loss_fn, phi, batch.support, steps, lr, keys)

    def query_loss(theta: Params, query):
        value = loss_fn(theta, query)
        return value, value

    def loss_at_phi(query):
        return loss_fn(phi, query)

    per_task, after = vmap(grad(query_loss, has_aux=True))(thetas, batch.query)
    before = vmap(loss_at_phi)(batch.query)
    grads = {k: v.mean(0) for k, v in per_task.items()}
    return grads, StepResult(before.detach(), after.detach(), _detach(thetas))


def _detach(params: Params) -> Params:
    return {k: v.detach() for k, v in params.items()}
