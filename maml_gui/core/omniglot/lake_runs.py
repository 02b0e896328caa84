"""Lake et al.'s one-shot benchmark: 20 runs of 20-way one-shot classification.

Each run (``all_runs.zip``, bundled) holds 20 training images, one per character of a single
*evaluation* alphabet, and 20 test images of the same characters drawn by someone else;
``class_labels.txt`` pairs each test image with its character's training image. Published error
rates on these runs (Lake et al. 2015): people 4.5%, Bayesian program learning 3.3%, a Siamese
convnet about 8%, a plain convnet 13.5%, modified Hausdorff distance 38.8%. Tasks within one
alphabet are harder than randomly drawn ones.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from maml_gui.core.omniglot.images import to_ink
from maml_gui.core.omniglot.sources import OmniglotDataError, bundled_dir

#: error rates on the 20 runs as published (Lake et al. 2015, Science, Table/Figure 3)
PUBLISHED_ERROR = {
    "people": 0.045,
    "Bayesian program learning": 0.033,
    "Siamese convnet": 0.08,
    "plain convnet": 0.135,
    "modified Hausdorff distance": 0.388,
}
_LINE = re.compile(r"^(run\d+/test/item\d+\.png)\s+(run\d+/training/class\d+\.png)$")


@dataclass(frozen=True)
class LakeRun:
    name: str  # "run01"
    support: np.ndarray  # (20, 28, 28) uint8 ink, the training images in class order
    query: np.ndarray  # (20, 28, 28) uint8 ink, the test images in item order
    answer: np.ndarray  # (20,) index into support of each query's character


def load_runs(path: Path | None = None) -> list[LakeRun]:
    """The 20 runs with their answer keys, from ``path`` (None: the bundled all_runs.zip)."""
    path = Path(path) if path is not None else bundled_dir() / "all_runs.zip"
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            runs = sorted({n.split("/")[0] for n in names if re.match(r"^run\d+/", n)})
            return [_run(archive, names, run) for run in runs]
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise OmniglotDataError(
            "{path} is not Lake et al.'s all_runs.zip: {reason}", path=path, reason=exc
        ) from exc


def _run(archive: zipfile.ZipFile, names: set[str], run: str) -> LakeRun:
    classes = sorted(n for n in names if re.fullmatch(rf"{run}/training/class\d+\.png", n))
    items = sorted(n for n in names if re.fullmatch(rf"{run}/test/item\d+\.png", n))
    labels = archive.read(f"{run}/class_labels.txt").decode("ascii").split("\n")
    key = {}
    for line in filter(None, (raw.strip() for raw in labels)):
        match = _LINE.match(line)
        if not match:
            raise ValueError(f"{run}/class_labels.txt: unreadable line {line!r}")
        key[match.group(1)] = match.group(2)
    if sorted(key) != items or not set(key.values()) <= set(classes) or not classes:
        raise ValueError(f"{run}: the answer key does not match its images")
    position = {name: i for i, name in enumerate(classes)}
    return LakeRun(
        run,
        np.stack([to_ink(archive.read(n)) for n in classes]),
        np.stack([to_ink(archive.read(n)) for n in items]),
        np.array([position[key[item]] for item in items], dtype=np.int64),
    )
