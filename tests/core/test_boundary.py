"""The engine never imports Qt; the GUI's modules never import torch; importing the package
imports neither. (The whole-session run-time check is tests/gui/test_process_boundary.py;
the import contracts are tests/test_import_contracts.py.)"""

import pkgutil
import subprocess
import sys

import maml_gui


def _modules(package: str) -> list[str]:
    """Every module of ``package``, found on disk (a new module is covered at once)."""
    root = __import__(package, fromlist=["__path__"])
    return [m.name for m in pkgutil.walk_packages(root.__path__, package + ".")]


def _loaded_after(imports: list[str]) -> set[str]:
    script = "\n".join(f"import {m}" for m in imports)
    script += "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def _stack(loaded: set[str], roots: set[str]) -> list[str]:
    return sorted(m for m in loaded if m.split(".")[0] in roots)


def test_engine_imports_no_qt():
    modules = [*_modules("maml_gui.core"), "maml_gui.cli", "maml_gui.logs"]
    assert {"maml_gui.core.replay", "maml_gui.core.payloads", "maml_gui.core.records"} <= set(
        modules
    )
    loaded = _loaded_after(modules)
    assert "torch" in loaded  # the probe really imported the engine
    assert _stack(loaded, {"PySide6", "pyqtgraph", "shiboken6", "superqt", "qtpy"}) == []


def test_gui_modules_import_no_torch():
    modules = _modules("maml_gui.gui")
    assert {"maml_gui.gui.main_window", "maml_gui.gui.export.menu"} <= set(modules)
    loaded = _loaded_after(modules)
    assert "PySide6.QtWidgets" in loaded  # the probe really imported the GUI
    assert _stack(loaded, {"torch"}) == []


def test_package_import_is_light():
    loaded = _loaded_after(["maml_gui"])
    assert "torch" not in loaded
    assert "PySide6" not in loaded
    assert maml_gui.__version__
