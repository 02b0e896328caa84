"""The engine never imports Qt; importing the package imports neither Qt nor torch."""

import pkgutil
import subprocess
import sys


def _engine_modules() -> list[str]:
    """Every module of maml_gui.core, found on disk (a new module is covered at once)."""
    import maml_gui.core

    names = [m.name for m in pkgutil.walk_packages(maml_gui.core.__path__, "maml_gui.core.")]
    return [*names, "maml_gui.cli"]


ENGINE_MODULES = _engine_modules()


def _loaded_after(code: str) -> set[str]:
    script = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_engine_imports_no_qt():
    loaded = _loaded_after("\n".join(f"import {m}" for m in ENGINE_MODULES))
    assert "torch" in loaded  # the probe really imported the engine
    assert {"maml_gui.core.replay", "maml_gui.core.payloads", "maml_gui.core.records"} <= set(ENGINE_MODULES)
    qt = sorted(m for m in loaded if m.split(".")[0] in {"PySide6", "pyqtgraph", "shiboken6"})
    assert qt == []


def test_package_import_is_light():
    loaded = _loaded_after("import maml_gui")
    assert "torch" not in loaded
    assert "PySide6" not in loaded
