"""Both learners on Lake et al.'s 20 runs: 20-way one-shot within an evaluation alphabet.

A learner meta-trained on N-way tasks has an N-way head; a 20-way run needs a 20-way one.
Both learners are scored the same way, as the transfer baseline is at every test: the
learner's starting point with a fresh *zero* 20-way head, fine-tuned on the run's 20
training images for k steps at the test inner rate, then asked for each test image's class.
(So MAML is scored on what its body learnt, as in the feature-reuse reading of Raghu et al.;
its N-way head plays no part.) These tasks are harder than randomly drawn ones: all 20
characters come from one alphabet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import torch

from maml_gui.core.algorithms.base import MetaAlgorithm
from maml_gui.core.algorithms.inner import adapt_batch
from maml_gui.core.conv4 import HEAD_KEYS, conv4_forward, with_zero_head

if TYPE_CHECKING:  # the runs are read (with Pillow) only when a view or the CLI asks
    from maml_gui.core.omniglot.lake_runs import LakeRun


@dataclass(frozen=True)
class OneShotScores:
    """Error rate on each run after each number of fine-tuning steps."""

    steps: tuple[int, ...]
    errors: np.ndarray  # (len(steps), runs): fraction of the 20 test images misclassified


def score_runs(
    learner: MetaAlgorithm, runs: list[LakeRun], steps: tuple[int, ...], lr: float
) -> OneShotScores:
    """The learner's error on every run after each of ``steps`` fine-tuning steps."""
    family = learner.family
    start = learner.start_values()
    ways = runs[0].support.shape[0]
    start = with_zero_head(start, ways)
    dtype = start["head.weight"].dtype
    support = torch.stack([torch.as_tensor(r.support) for r in runs]).to(dtype)[:, :, None] / 255
    query = torch.stack([torch.as_tensor(r.query) for r in runs]).to(dtype)[:, :, None] / 255
    labels = torch.arange(ways).expand(len(runs), ways)
    answers = torch.stack([torch.as_tensor(r.answer) for r in runs])
    keys = _adapted_keys(learner, start)
    errors = []
    for k in steps:
        thetas = adapt_batch(
            family.loss, start, (support, labels), k, lr, keys, family.loss_batched
        )
        with torch.no_grad():
            guesses = conv4_forward(thetas, query).argmax(-1)
        errors.append((guesses != answers).to(torch.float64).mean(-1).numpy())
    return OneShotScores(tuple(steps), np.stack(errors))


def _adapted_keys(learner: MetaAlgorithm, start) -> tuple[str, ...]:
    """What fine-tuning changes: ANIL only its head (as it adapts at every test), the others
    everything."""
    keys = learner.inner_keys()
    return tuple(HEAD_KEYS) if set(keys) == set(HEAD_KEYS) else tuple(start)
