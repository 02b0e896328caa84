"""The example runs shipped with the app (File > Open example): MAML and ANIL on Omniglot at
HW15's settings, so a lecturer sees the classification views without training for an hour.

This module is free of torch: the window lists the examples. They were written by (README,
"Example runs"):

    maml-gui train --task omniglot --algorithm maml --iterations 600 --seed 0 --out runs/maml
    maml-gui example runs/maml --out maml_gui/data/examples/omniglot-maml.npz

and the same with anil. An example is a compact run file (``save_run(..., example=True)``):
everything the views show, without the optimiser state (training on starts Adam afresh).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: file name -> what the File menu calls it
EXAMPLES = {
    "omniglot-maml.npz": "Omniglot 5-way 1-shot, MAML (HW15 settings, 600 iterations)",
    "omniglot-anil.npz": "Omniglot 5-way 1-shot, ANIL (HW15 settings, 600 iterations)",
}


def examples_dir() -> Path:
    """Where the package keeps them (package data: found after a plain pip install too)."""
    return Path(str(resources.files("maml_gui") / "data" / "examples"))


def bundled_examples() -> list[tuple[str, Path]]:
    """(label, path) of each example the installed package holds."""
    folder = examples_dir()
    return [(label, folder / name) for name, label in EXAMPLES.items() if (folder / name).is_file()]
