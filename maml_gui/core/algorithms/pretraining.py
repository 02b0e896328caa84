"""Multi-task pretraining (joint training): L_pre(phi) = (1/N) sum_n l_n(phi).

It scores phi itself on every task's query set (current performance, not potential). Its
theta_n (measured by the base class when a view or a history asks) are the adapted parameters
from its phi, for the views; they play no part in its update.
"""

from __future__ import annotations

import torch

from maml_gui.core.algorithms import explicit as explicit_path
from maml_gui.core.algorithms.base import Gradient, MetaAlgorithm
from maml_gui.core.algorithms.inner import batched_loss_of
from maml_gui.core.tasks.base import Params, TaskBatch


class Pretraining(MetaAlgorithm):
    name = "pretraining"

    def gradient(self, batch: TaskBatch) -> Gradient:
        phi = self.values()
        if self.explicit:
            grads, before = explicit_path.joint_gradient(phi, batch.query)
            return Gradient(grads, loss_before=before)
        loss_batched = batched_loss_of(self.family)
        leaves = {k: v.requires_grad_(True) for k, v in phi.items()}
        with torch.enable_grad():
            if loss_batched is not None:
                # plain autograd on the task-batched loss, which takes shared parameters:
                # ~3x cheaper than grad(vmap(...))
                per_task = loss_batched(leaves, batch.query)
            else:
                per_task = torch.func.vmap(self.family.loss, in_dims=(None, 0))(leaves, batch.query)
            values = torch.autograd.grad(per_task.mean(), list(leaves.values()))
        grads: Params = dict(zip(leaves, values, strict=True))
        return Gradient(grads, loss_before=per_task.detach())
