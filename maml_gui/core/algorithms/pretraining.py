"""Multi-task pretraining (joint training): L_pre(phi) = (1/N) sum_n l_n(phi).

It scores phi itself on every task's query set (current performance, not potential). The
theta_n it reports are the adapted parameters from its phi, for the views; they play no part
in its update.
"""

from __future__ import annotations

from torch.func import grad, vmap

from maml_gui.core.algorithms.base import MetaAlgorithm, StepResult
from maml_gui.core.tasks.base import Params, TaskBatch


class Pretraining(MetaAlgorithm):
    name = "pretraining"

    def meta_gradient(self, batch: TaskBatch) -> tuple[Params, StepResult]:
        phi = self.values()
        loss_fn = self.family.loss

        def joint_loss(params: Params):
            per_task = vmap(loss_fn, in_dims=(None, 0))(params, batch.query)
            return per_task.mean(), per_task

        grads, before = grad(joint_loss, has_aux=True)(phi)
        thetas = self.adapt(batch.support, self.config.train_inner_steps, self.config.inner_lr)
        after = vmap(loss_fn)(thetas, batch.query)
        return grads, StepResult(before.detach(), after.detach(), thetas)
