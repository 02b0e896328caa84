"""Two processes, two worlds, checked at run time: the GUI process never imports torch, the
training process never imports Qt, through a whole session (train, save, open, animate)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

QT = ("PySide6", "pyqtgraph", "shiboken6", "superqt", "qtpy", "maml_gui.gui")
TORCH = ("torch",)


def _under(modules: list[str], roots: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == r or m.startswith(r + ".") for r in roots))


def test_each_process_keeps_to_its_own_stack(tmp_path):
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    probe = subprocess.run(
        [sys.executable, "-m", "tests.gui.boundary_probe", str(tmp_path)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    report = json.loads((tmp_path / "modules.json").read_text())
    assert Path(report["animation"]).stat().st_size > 0  # the session really exported
    # the probes saw the real stacks: Qt and the window here, torch and the engine there
    assert {"PySide6.QtWidgets", "maml_gui.gui.main_window"} <= set(report["gui"])
    assert {"torch", "maml_gui.core.training"} <= set(report["training"])
    assert _under(report["gui"], TORCH) == []
    assert _under(report["training"], QT) == []
