"""Few-shot image classification on Omniglot, as in HW15 of the course and Finn et al. (2017).

A task is N-way K-shot: N classes drawn from a split (omniglot/splits.py), K support and q
query drawings of each, labels 0..N-1 in a random order per task (so no label means anything
across tasks). The model is Conv4 (conv4.py), scored by cross-entropy; ANIL adapts its final
Linear layer.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import torch
import torch.nn.functional as F

from maml_gui.core.conv4 import HEAD_KEYS, conv4_forward, first_order_layout, init_conv4
from maml_gui.core.omniglot.splits import ClassTable, class_table, split_characters
from maml_gui.core.records import PLANE_KINDS, FamilyTraits, LandscapeKind
from maml_gui.core.tasks.base import Params, TaskBatch

if TYPE_CHECKING:
    from maml_gui.core.omniglot.images import OmniglotImages


class OmniglotFamily:
    """N-way K-shot tasks from one split of a decoded Omniglot source."""

    name = "omniglot"
    head_keys = HEAD_KEYS
    is_toy = False
    explicit_mlp = False
    #: a task's labels are a random permutation of its classes: pretraining is transfer
    #: learning over all the training classes (algorithms/transfer.py), not the joint loss
    permuted_labels = True
    #: the loss history measures one step in 8: measuring a step (both learners' losses at
    #: phi and after adaptation) costs ~40% of a second-order meta-step on Conv4
    loss_history_stride = 8
    #: landscape grid points built at once (each is a whole Conv4)
    landscape_chunk = 32
    #: tasks a meta-gradient or an adaptation computes at once. Eight tasks' first-block
    #: activations (8 x 5 x 64 x 28 x 28 floats) stay in cache where 32 tasks' stream from
    #: memory: measured 1.3x faster for MAML and 1.1x for FOMAML and ANIL than all 32 at once
    #: (interleaved runs, meta-batch 32; tests/benchmarks/conv4_speed.py)
    tasks_per_pass = 8
    #: the layout for passes differentiated once (conv4.first_order_layout)
    first_order_layout = staticmethod(first_order_layout)

    def __init__(
        self,
        images: OmniglotImages,
        *,
        n_way: int = 5,
        k_shot: int = 1,
        k_query: int = 1,
        split: str = "train",
        rotations: bool = True,
        split_seed: int = 0,
        pixels: torch.Tensor | None = None,
        channels: int = 64,
        dtype: torch.dtype = torch.float32,
    ) -> None:
        self.n_way, self.k_shot, self.k_query = n_way, k_shot, k_query
        self.channels = channels
        self._images_source = images
        #: which data the run learns from (saved with it, checked when it is opened)
        self.data_checksum = images.checksum
        self._settings = {
            "n_way": n_way, "k_shot": k_shot, "k_query": k_query, "rotations": rotations,
            "split_seed": split_seed, "channels": channels, "dtype": dtype,
        }  # fmt: skip
        self.dtype = dtype
        self.split = split
        # The split does not follow the run's seed: runs of every seed are tested on the same
        # characters, so their results compare (HW15 and Lake et al. fix theirs too).
        self.classes: ClassTable = class_table(
            images, split_characters(images, split_seed)[split], rotations
        )
        if len(self.classes) < n_way:
            raise ValueError(
                f"the {split} split has {len(self.classes)} classes, fewer than {n_way}-way tasks"
            )
        if self.classes.min_drawings() < k_shot + k_query:
            raise ValueError(
                f"a class of the {split} split has {self.classes.min_drawings()} drawings, "
                f"fewer than {k_shot} support + {k_query} query"
            )
        # floats in [0, 1]; the held-out sibling shares them (the full data set is ~100 MB)
        self._images = (
            pixels if pixels is not None else torch.as_tensor(images.images).to(dtype) / 255.0
        )
        self.traits = FamilyTraits(
            name=self.name,
            label="Omniglot classification",
            dimension=sum(v.numel() for v in self.init_params(torch.Generator()).values()),
            loss_name="query cross-entropy",
            loss_unit="nats",
            is_toy=False,
            has_head=True,
            landscape=LandscapeKind.PLANES,
            planes=PLANE_KINDS,
            is_classifier=True,
        )

    @cached_property
    def held_out(self) -> OmniglotFamily:
        """The same tasks from the test split: characters no learner trains on."""
        return self._from_split("test")

    @cached_property
    def validation(self) -> OmniglotFamily:
        """The same tasks from the validation split: characters kept apart from training and
        from the test, for choosing a run's settings or when to stop (HW15 validates with 3
        inner steps, tests with 10)."""
        return self._from_split("validation")

    def _from_split(self, split: str) -> OmniglotFamily:
        """This family's tasks from another split of the same decoded images."""
        if self.split == split:
            return self
        return OmniglotFamily(
            self._images_source, split=split, pixels=self._images, **self._settings
        )

    def check_held_out(self) -> None:
        """Raise ValueError now, not at the first evaluation, if the test split cannot make
        this family's tasks."""
        _ = self.held_out

    def init_params(self, generator: torch.Generator) -> Params:
        return init_conv4(self.n_way, generator, self.dtype, self.channels)

    def sample(self, n_tasks: int, generator: torch.Generator) -> TaskBatch:
        per_class = self.k_shot + self.k_query
        support, query, classes = [], [], []
        for _ in range(n_tasks):
            chosen = torch.randperm(len(self.classes), generator=generator)[: self.n_way]
            shots = []
            for c in chosen.tolist():
                drawings = self.classes.drawings[c]
                pick = torch.randperm(len(drawings), generator=generator)[:per_class]
                images = self._images[torch.as_tensor(drawings)[pick]]
                shots.append(torch.rot90(images, int(self.classes.rotation[c]), dims=(-2, -1)))
            stacked = torch.stack(shots)  # (N, K + q, 28, 28): class n has label n
            support.append(stacked[:, : self.k_shot].reshape(-1, 1, 28, 28))
            query.append(stacked[:, self.k_shot :].reshape(-1, 1, 28, 28))
            classes.append(chosen)
        labels = torch.arange(self.n_way)
        y_support = labels.repeat_interleave(self.k_shot).expand(n_tasks, -1)
        y_query = labels.repeat_interleave(self.k_query).expand(n_tasks, -1)
        info = {"classes": torch.stack(classes).numpy().copy()}
        return TaskBatch(
            support=(torch.stack(support), y_support.contiguous()),
            query=(torch.stack(query), y_query.contiguous()),
            info=info,
        )

    def loss(self, params: Params, data: tuple[torch.Tensor, ...]) -> torch.Tensor:
        """Cross-entropy of one task's images (B, 1, 28, 28) and labels (B,)."""
        x, y = data
        return self.loss_batched(
            {k: v.unsqueeze(0) for k, v in params.items()}, (x[None], y[None])
        )[0]

    def loss_batched(self, params: Params, data: tuple[torch.Tensor, ...]) -> torch.Tensor:
        """Each task's mean cross-entropy: params per task (T, ...), data per task (T, B, ...)
        or one task's data (B, ...) for every parameter set (a landscape's points): (T,)."""
        x, y = data
        if x.dim() == 4:  # one task's images for all T parameter sets
            weight = params["head.weight"]
            tasks = weight.shape[0] if weight.dim() == 3 else 1  # shared: one set
            x, y = x.expand(tasks, *x.shape), y.expand(tasks, *y.shape)
        logits = conv4_forward(params, x)
        per_image = F.cross_entropy(
            logits.reshape(-1, logits.shape[-1]), y.reshape(-1), reduction="none"
        )
        return per_image.reshape(y.shape).mean(-1)

    def metrics_batched(self, params: Params, data: tuple[torch.Tensor, ...]) -> torch.Tensor:
        """Each task's mean cross-entropy and accuracy, from one forward pass: (T, 2)."""
        x, y = data
        with torch.no_grad():
            logits = conv4_forward(params, x)
            flat = logits.reshape(-1, logits.shape[-1])
            loss = F.cross_entropy(flat, y.reshape(-1), reduction="none").reshape(y.shape)
            right = (logits.argmax(-1) == y).to(logits.dtype)
            return torch.stack([loss.mean(-1), right.mean(-1)], dim=-1)
