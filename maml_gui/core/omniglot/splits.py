"""Which characters a run trains on, validates on and tests on, and its classes.

The rule, by character (never by drawing: a test character is one the learners never saw):

- With only background alphabets (the bundled subset), the background characters, sorted by
  name, are shuffled by ``numpy.random.default_rng(seed + SPLIT_SEED_OFFSET)``: the first 70%
  train, the next 10% validate, the last 20% test.
- With the evaluation alphabets too (the full data set), they are the test characters, as in
  Lake et al., and the background characters split 90% train, 10% validation the same way.

With rotation augmentation (HW15's data), each character rotated by 90, 180 and 270 degrees
is a class of its own, in the character's split: 4x the classes, none shared across splits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from maml_gui.core.omniglot.images import OmniglotImages

SPLIT_SEED_OFFSET = 7_001
SPLITS = ("train", "validation", "test")


@dataclass(frozen=True)
class ClassTable:
    """The classes of one split: a character and a rotation each, with its drawings."""

    character: np.ndarray  # (n_classes,) index into OmniglotImages.characters
    rotation: np.ndarray  # (n_classes,) quarter turns, 0..3
    drawings: tuple[np.ndarray, ...]  # per class: indices into OmniglotImages.images

    def __len__(self) -> int:
        return len(self.character)

    def min_drawings(self) -> int:
        return min((len(d) for d in self.drawings), default=0)


def split_characters(images: OmniglotImages, seed: int) -> dict[str, np.ndarray]:
    """Character indices of each split, by the rule in the module docstring."""
    rng = np.random.default_rng(seed + SPLIT_SEED_OFFSET)
    background = np.flatnonzero(images.background)  # sorted by name: characters are sorted
    evaluation = np.flatnonzero(~images.background)
    shuffled = rng.permutation(background)
    n = len(shuffled)
    if len(evaluation):
        n_train = round(0.9 * n)
        return {
            "train": np.sort(shuffled[:n_train]),
            "validation": np.sort(shuffled[n_train:]),
            "test": evaluation,
        }
    n_train, n_validation = round(0.7 * n), round(0.1 * n)
    return {
        "train": np.sort(shuffled[:n_train]),
        "validation": np.sort(shuffled[n_train : n_train + n_validation]),
        "test": np.sort(shuffled[n_train + n_validation :]),
    }


def class_table(images: OmniglotImages, characters: np.ndarray, rotations: bool) -> ClassTable:
    """The classes made of ``characters``: each as drawn, and rotated if ``rotations``."""
    by_character = {int(c): np.flatnonzero(images.character == c) for c in characters}
    turns = (0, 1, 2, 3) if rotations else (0,)
    pairs = [(int(c), k) for c in characters for k in turns]
    return ClassTable(
        np.array([c for c, _ in pairs], dtype=np.int64),
        np.array([k for _, k in pairs], dtype=np.int64),
        tuple(by_character[c] for c, _ in pairs),
    )
