"""Checks on an output path made before any work: the CLI refuses at once, not after an hour
of training, and never replaces a file the user did not ask to replace."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputError(ValueError):
    """An output path that cannot or may not be written; the message says which and why."""


def check_writable(target: Path, force: bool, what: str = "file") -> Path:
    """``target`` may be written: its folder can be created and written to, and it does not
    exist yet unless ``force``. Creates missing parent folders (training needs them anyway)."""
    if target.exists() and not force:
        raise OutputError(f"{target} exists; pass --force to replace it (nothing was written)")
    if target.is_dir():
        raise OutputError(f"{target} is a folder, not a {what}")
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".maml-gui-probe-"):
            pass
    except OSError as exc:
        raise OutputError(f"Cannot write in {folder}: {exc.strerror or exc}") from exc
    if not os.access(folder, os.W_OK):
        raise OutputError(f"Cannot write in {folder}: permission denied")
    return target
