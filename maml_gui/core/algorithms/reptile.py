"""Reptile: Nichol, Achiam & Schulman (2018), "On First-Order Meta-Learning Algorithms".

Each task is trained for k SGD steps from phi on its support set, and phi moves a fraction
epsilon of the way toward the tasks' mean: phi <- phi + epsilon * mean_n(theta_n - phi).
With k = 1 the expected update is a scaled joint-training gradient: Reptile needs several
inner steps to differ from pretraining, which is itself worth showing.
"""

from __future__ import annotations

import torch

from maml_gui.core.algorithms.base import Gradient, MetaAlgorithm
from maml_gui.core.tasks.base import Params, TaskBatch


class Reptile(MetaAlgorithm):
    name = "reptile"

    def gradient(self, batch: TaskBatch) -> Gradient:
        """The *negative update direction* phi - mean(theta), so the step is -eps * g."""
        phi = self.values()
        thetas = self.adapt(batch.support, self.config.train_inner_steps, self.config.inner_lr)
        direction = {k: phi[k] - thetas[k].mean(0) for k in phi}
        return Gradient(direction, thetas=thetas)

    def apply(self, grads: Params) -> None:
        eps = self.config.reptile_epsilon
        with torch.no_grad():
            for k, p in self.phi.items():
                p.sub_(eps * grads[k])
