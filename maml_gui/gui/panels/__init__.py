"""The live views, one module each; the main window shows them in ``all_panels()`` order."""

from __future__ import annotations

from maml_gui.gui.panels.base import Panel


def all_panels() -> list[Panel]:
    """New instances of every view, in display order."""
    # Imported here so importing the package (e.g. for base.py's contract) stays light.
    from maml_gui.gui.panels.function_space import FunctionSpacePanel
    from maml_gui.gui.panels.gap import GapPanel
    from maml_gui.gui.panels.landscape import LandscapePanel
    from maml_gui.gui.panels.metrics import MetricsPanel
    from maml_gui.gui.panels.trajectory import TrajectoryPanel

    return [LandscapePanel(), TrajectoryPanel(), GapPanel(), FunctionSpacePanel(), MetricsPanel()]
