"""The engine never imports Qt; importing the package imports neither Qt nor torch."""

import subprocess
import sys

ENGINE_MODULES = [
    "maml_gui.core.config",
    "maml_gui.core.tasks",
    "maml_gui.core.models",
    "maml_gui.core.algorithms",
    "maml_gui.core.training",
    "maml_gui.core.landscape",
    "maml_gui.core.evaluation",
    "maml_gui.core.function_space",
    "maml_gui.core.trajectory",
    "maml_gui.core.checkpoint",
    "maml_gui.cli",
]


def _loaded_after(code: str) -> set[str]:
    script = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_engine_imports_no_qt():
    loaded = _loaded_after("\n".join(f"import {m}" for m in ENGINE_MODULES))
    assert "torch" in loaded  # the probe really imported the engine
    qt = sorted(m for m in loaded if m.split(".")[0] in {"PySide6", "pyqtgraph", "shiboken6"})
    assert qt == []


def test_package_import_is_light():
    loaded = _loaded_after("import maml_gui")
    assert "torch" not in loaded
    assert "PySide6" not in loaded
