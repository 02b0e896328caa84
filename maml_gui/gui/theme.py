"""Colours and pens shared by every view, so the algorithm and pretraining look the same
everywhere (Okabe-Ito palette: distinguishable with the common colour-vision deficiencies)."""

from __future__ import annotations

#: the chosen meta-learning algorithm (MAML, FOMAML, ANIL, Reptile)
ALGORITHM_COLOR = "#0072B2"  # blue
#: pretraining: the twin beside every run, and the learner itself when it is the one chosen
PRETRAINING_COLOR = "#D55E00"  # vermillion
#: the MAML objective curve/contours in the landscape (distinct from both learners)
OBJECTIVE_COLOR = "#009E73"  # bluish green
#: the landscape's explore marker (a phi of the user's) and the theta_n that follow it
EXPLORE_COLOR = "#000000"
#: its meta-gradient arrows: dark, saturated hues that stand out on the tasks' contours and on
#: the surface's green-yellow, none the learners' blue or vermillion (they are no learners);
#: each also has its own dashes
META_GRADIENT_COLORS = {
    "maml": "#000000",  # black, solid
    "fomaml": "#AA3377",  # purple (Tol's bright scheme), dashed
    "reptile": "#8C564B",  # brown, dash-dot
    "imaml": "#332288",  # indigo (Tol's muted scheme), dotted
}
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
#: the size of a view that has room for the whole slide theme: a 16:9 slide (the slide export's
#: 1280 x 720 canvas) less a window's menu, toolbars and status bar
SLIDE_VIEW_SIZE = (1100, 560)


def slide_theme_fitting(width: float, height: float) -> dict:
    """The slide theme for a view ``width`` x ``height`` pixels in the window: full size in a
    view as large as a slide (presenter mode), scaled toward the screen theme in a smaller one.
    The whole slide theme in a 300-pixel dock left no room for the data."""
    room = max(0.0, min(1.0, width / SLIDE_VIEW_SIZE[0], height / SLIDE_VIEW_SIZE[1]))
    # Squared: text grows slower than the view, so a half-size dock keeps room for its data
    # (at the linear share a 660 x 330 dock got 16 pt and its plot shrank to a strip).
    return slide_theme_at(room**2)


def slide_theme_at(share: float) -> dict:
    """The slide theme's colours with sizes ``share`` of the way from the screen theme's (0)
    to the slide theme's (1)."""

    def between(key: str) -> int:
        return round(SCREEN[key] + (SLIDE[key] - SCREEN[key]) * share)

    return {**SLIDE, "font_pt": between("font_pt"), "line_width": between("line_width")}


def slide_share(theme: dict) -> float:
    """How far ``theme``'s font is from the screen theme's toward the slide theme's (0..1)."""
    return (theme["font_pt"] - SCREEN["font_pt"]) / (SLIDE["font_pt"] - SCREEN["font_pt"])


def task_color(index: int) -> str:
    return TASK_COLORS[index % len(TASK_COLORS)]
