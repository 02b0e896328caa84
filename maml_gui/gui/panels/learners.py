"""How a run's two learners are drawn: one colour rule for every view (see :class:`Learners`)."""

from __future__ import annotations

from dataclasses import dataclass

from maml_gui.core.config import Algorithm
from maml_gui.gui import theme as palette
from maml_gui.gui.labels import learner_labels
from maml_gui.gui.plotting.styles import Styler


@dataclass(frozen=True)
class Learners:
    """How a run's two learners are drawn, by one rule in every view: a learner has the colour
    of what it is, pretraining vermillion and a meta-learner blue.

    When pretraining is the chosen algorithm, the twin is the same learner: the same start,
    the same tasks in the same order and the same objective, so the engine's two copies take
    identical steps (tests/core/test_training.py). There is nothing to compare it with, so
    the views draw it once, in vermillion, and leave the twin out of their legends.
    """

    labels: tuple[str, str]
    colors: tuple[str, str]
    twin_shown: bool

    def legend(self, entries: list[tuple[object, str]], twin: list) -> list[tuple[object, str]]:
        """Legend ``entries`` without those of the ``twin`` items when the twin is not drawn."""
        if self.twin_shown:
            return entries
        return [(item, name) for item, name in entries if not any(item is t for t in twin)]


def learners(algorithm: str) -> Learners:
    pretraining = algorithm == Algorithm.PRETRAINING
    main = palette.PRETRAINING_COLOR if pretraining else palette.ALGORITHM_COLOR
    return Learners(learner_labels(algorithm), (main, palette.PRETRAINING_COLOR), not pretraining)


def paint_learners(styler: Styler, who: Learners, main: list, twin: list) -> None:
    """Colour the algorithm's styled items by ``who``; show the twin's only if it is drawn."""
    for item in main:
        if hasattr(item, "set_color"):  # an ArrowSet
            item.set_color(who.colors[0])
        else:
            styler.recolor(item, who.colors[0])
    for item in twin:
        if hasattr(item, "set_visible"):
            item.set_visible(who.twin_shown)
        else:
            item.setVisible(who.twin_shown)
