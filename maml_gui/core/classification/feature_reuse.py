"""Feature reuse: how much each layer's representation changes when a learner adapts.

Raghu et al. (2020), "Rapid Learning or Feature Reuse?", found that MAML's inner loop barely
changes the body: the representations before and after adaptation are nearly the same, and
almost all the change is in the head, which is why ANIL (adapting the head only) does as
well. They measured it with CCA; here it is linear CKA (Kornblith et al. 2019, "Similarity of
Neural Network Representations Revisited"): for a layer's activations X at phi and Y at
theta_n on the same images (rows), with centred columns,

    CKA(X, Y) = ||Y^T X||_F^2 / (||X^T X||_F ||Y^T Y||_F),

1 for the same representation up to rotation and scale, lower as it changes, undefined (NaN)
when either side does not vary over the images (the transfer baseline's zero head). Per held-out
task, on all its images (support and query), then averaged over tasks. With 1-shot tasks a
task has few images (10 for 5-way 1-shot, 1 query), so a single task's value is coarse; the
average over many tasks is what to read.
"""

from __future__ import annotations

import numpy as np
import torch

from maml_gui.core.algorithms.base import MetaAlgorithm
from maml_gui.core.algorithms.inner import adapt_batch
from maml_gui.core.conv4 import BLOCKS, conv4_forward
from maml_gui.core.tasks.base import TaskBatch

LAYERS = (*(f"block {i + 1}" for i in range(BLOCKS)), "head (logits)")


def linear_cka(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Linear CKA of row-matched activations x (..., n, p) and y (..., n, q): (...).

    Computed from the n x n Gram matrices (||Y^T X||_F^2 = tr(X X^T Y Y^T) for centred
    columns): a layer has thousands of features and a task a handful of images, so the
    p x p form would be gigabytes.
    """
    x = x - x.mean(-2, keepdim=True)
    y = y - y.mean(-2, keepdim=True)
    gram_x, gram_y = x @ x.mT, y @ y.mT
    cross = (gram_x * gram_y).sum((-2, -1))
    norms = (gram_x * gram_x).sum((-2, -1)).sqrt() * (gram_y * gram_y).sum((-2, -1)).sqrt()
    # a representation with no variation over the images (a zero head's logits) has no
    # similarity to speak of: NaN, not 0 ("completely changed") or 1
    return torch.where(norms > 0, cross / norms.clamp_min(torch.finfo(x.dtype).tiny), torch.nan)


def layer_activations(params, images: torch.Tensor) -> list[torch.Tensor]:
    """Each layer's output on every task's images (T, B, ...): the 4 blocks and the logits."""
    blocks: list[torch.Tensor] = []
    with torch.no_grad():
        logits = conv4_forward(params, images, blocks)
    return [*blocks, logits]


def feature_reuse(learner: MetaAlgorithm, tasks: TaskBatch, steps: int, lr: float) -> np.ndarray:
    """Mean CKA over ``tasks`` between each layer at the learner's start and after ``steps``
    steps of its own adaptation: (len(LAYERS),)."""
    return reuse_from(
        learner.family, learner.start_values(), learner.inner_keys(), tasks, steps, lr
    )


def reuse_from(family, start, keys, tasks: TaskBatch, steps: int, lr: float) -> np.ndarray:
    """The same from any start, adapting ``keys`` (all of them, or the head for ANIL's way)."""
    thetas = adapt_batch(family.loss, start, tasks.support, steps, lr, keys, family.loss_batched)
    images = torch.cat([tasks.support[0], tasks.query[0]], dim=1)
    n_tasks = images.shape[0]
    shared = {k: v.unsqueeze(0).expand(n_tasks, *v.shape) for k, v in start.items()}
    before = layer_activations(shared, images)
    after = layer_activations(thetas, images)
    return np.array([float(linear_cka(b, a).mean()) for b, a in zip(before, after, strict=True)])
