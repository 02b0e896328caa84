"""The live views, one module each; the main window shows them in ``all_panels()`` order."""

from __future__ import annotations

from maml_gui.gui.panels.base import Panel


def all_panels() -> list[Panel]:
    """New instances of every view, in display order."""
    # Imported here so importing the package (e.g. for base.py's contract) stays light.
    from maml_gui.gui.panels.feature_reuse import FeatureReusePanel
    from maml_gui.gui.panels.function_space import FunctionSpacePanel
    from maml_gui.gui.panels.gap import GapPanel
    from maml_gui.gui.panels.landscape import LandscapePanel
    from maml_gui.gui.panels.metrics import MetricsPanel
    from maml_gui.gui.panels.one_shot import OneShotPanel
    from maml_gui.gui.panels.quiz import QuizPanel
    from maml_gui.gui.panels.task_view import TaskViewPanel
    from maml_gui.gui.panels.trajectory import TrajectoryPanel

    # The fourth place is a tab group: a family's first view there comes to the front (the
    # function space for a regression, the task view for a classifier); the classification
    # views are hidden for the other families (Panel.shown_for).
    return [
        LandscapePanel(),
        TrajectoryPanel(),
        GapPanel(),
        FunctionSpacePanel(),
        TaskViewPanel(),
        MetricsPanel(),
        FeatureReusePanel(),
        QuizPanel(),
        OneShotPanel(),
    ]
