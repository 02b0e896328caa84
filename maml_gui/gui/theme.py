"""Colours and pens shared by every view, so the algorithm and pretraining look the same
everywhere (Okabe-Ito palette: distinguishable with the common colour-vision deficiencies)."""

from __future__ import annotations

#: the chosen meta-learning algorithm (MAML, FOMAML, ANIL, Reptile)
ALGORITHM_COLOR = "#0072B2"  # blue
#: pretraining: the twin beside every run, and the learner itself when it is the one chosen
PRETRAINING_COLOR = "#D55E00"  # vermillion
#: the MAML objective curve/contours in the landscape (distinct from both learners)
OBJECTIVE_COLOR = "#009E73"  # bluish green
#: per-task colours (task 1, task 2, ...): muted so the two learners stand out on top
TASK_COLORS = (
    "#56B4E9",
    "#E69F00",
    "#CC79A7",
    "#F0E442",
    "#999999",
    "#8C564B",
    "#17BECF",
    "#BCBD22",
)

SCREEN = {"background": "#FFFFFF", "foreground": "#202020", "font_pt": 10, "line_width": 2}
SLIDE = {"background": "#FFFFFF", "foreground": "#000000", "font_pt": 20, "line_width": 4}


def task_color(index: int) -> str:
    return TASK_COLORS[index % len(TASK_COLORS)]
