"""Pretraining for classification: transfer learning, the baseline MAML is compared with.

The lecture's joint objective, sum_n l_n(phi), degenerates for classification: each task's
labels are an arbitrary permutation of its classes, so the same output means a different class
in every task and the best joint phi predicts the uniform distribution. (HW15's own baseline
is that joint objective on the support images, its N-way head fine-tuned as it is at test
time: the weak form.) Transfer learning as it is usually done instead trains *one*
classifier over all the training classes, on the same images the meta-batch uses (each image
with its class's global index, support and query), in lockstep with the meta-learner. At
test time its body takes a fresh N-way head of zeros and fine-tunes on the task's support set
for k steps, scored on the query set like MAML: :meth:`start_values` is that starting point,
and every measurement and evaluation starts from it.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from maml_gui.core.algorithms.base import Gradient, MetaAlgorithm
from maml_gui.core.conv4 import HEAD_KEYS, conv4_forward, init_conv4, with_zero_head
from maml_gui.core.tasks.base import Params, TaskBatch

#: the all-classes head is drawn from its own seeded generator, apart from phi_0's
HEAD_SEED_OFFSET = 104_729


class TransferPretraining(MetaAlgorithm):
    name = "pretraining"

    def __init__(self, family, config, phi: Params, explicit: bool = True) -> None:
        del explicit  # a conv net: the general path
        self.n_way = family.n_way
        n_classes = len(family.classes)
        generator = torch.Generator().manual_seed(config.seed + HEAD_SEED_OFFSET)
        channels = phi["head.weight"].shape[1]
        wide = init_conv4(n_classes, generator, phi["head.weight"].dtype, channels)
        # the body phi_0 shared with the meta-learner, a head over every training class
        full = {k: (wide[k] if k in HEAD_KEYS else v) for k, v in phi.items()}
        super().__init__(family, config, full, explicit=False)

    def start_values(self) -> Params:
        """A task's starting point: the pretrained body and a zero N-way head."""
        return with_zero_head(self.values(), self.n_way)

    def restore_start(self, values: Params) -> None:
        """The body only: the all-classes head is not on the path (it records starting
        points), and every measurement of a replayed twin starts from a zero head anyway."""
        with torch.no_grad():
            for name, param in self.phi.items():
                if name not in HEAD_KEYS:
                    param.copy_(values[name].to(param.dtype))

    def gradient(self, batch: TaskBatch) -> Gradient:
        """The all-classes cross-entropy over the meta-batch's support and query images, as
        one batch (BatchNorm's statistics over all of them, as a classifier trains)."""
        images, labels = global_labelled(batch)
        leaves = {k: v.detach().requires_grad_(True) for k, v in self.phi.items()}
        with torch.enable_grad():
            logits = conv4_forward(leaves, images.unsqueeze(0))[0]
            loss = F.cross_entropy(logits, labels)
            values = torch.autograd.grad(loss, list(leaves.values()))
        return Gradient(dict(zip(leaves, values, strict=True)))


def global_labelled(batch: TaskBatch) -> tuple[torch.Tensor, torch.Tensor]:
    """Every image of the meta-batch (support and query), with its class's index among all
    the training classes: (M, 1, 28, 28) and (M,)."""
    classes = torch.as_tensor(batch.info["classes"])  # (T, N): task t's label n is this class
    images, labels = [], []
    for x, y in (batch.support, batch.query):
        images.append(x.reshape(-1, *x.shape[2:]))
        labels.append(torch.gather(classes, 1, y).reshape(-1))
    return torch.cat(images), torch.cat(labels)
