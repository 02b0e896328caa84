"""``maml-gui export``: draw a view of a saved run without a window and write it to a file.

The CLI's leaf: only ``maml_gui.cli`` imports this module, and nothing imports it back. It
uses the same panels and the same export code as the Export menu. Unlike the rest of gui/, it
runs the engine: the CLI has no training process, so the payloads and the replayed states an
animation needs are computed here (``maml_gui.core.frames``), in the main thread, before any
drawing.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent

from maml_gui.core.config import TASK_LABELS
from maml_gui.gui.app import create_app
from maml_gui.gui.export.animation import export_animation
from maml_gui.gui.export.drawing import draw_frame, frame_images, rendered
from maml_gui.gui.export.formats import (
    ALL_FORMATS,
    ASPECTS,
    STILL_FORMATS,
    VIEW_KEYS,
    ExportError,
    require,
)
from maml_gui.gui.export.views import export_view
from maml_gui.gui.panels import all_panels
from maml_gui.gui.panels.base import Panel


def _panels() -> dict[str, Panel]:
    """A new instance of every view, by key (one of each: they are built once per export)."""
    return {getattr(p, "key", None): p for p in all_panels()}


def _ensure_app():
    # Without a display Qt would abort; the offscreen platform draws just the same.
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return create_app()


def export_from_run(
    run: str,
    view: str,
    fmt: str,
    out: str,
    *,
    width: int = 1920,
    aspect: str = "16:9",
    frames: int = 40,
    fps: float = 8.0,
    support: tuple[tuple[float, float], ...] | None = None,
    truth: tuple[float, float] | None = None,
    steps: tuple[int, ...] | None = None,
    at: tuple[float, ...] | None = None,
    m: int | None = None,
    lam: float | None = None,
    language: str = "en",
) -> Path:
    """Load ``run``, draw ``view`` in the slide theme and write ``out`` as ``fmt``.

    ``view`` is one of ``formats.VIEW_KEYS``; ``fmt`` one of ``formats.STILL_FORMATS`` or, for
    an animation that replays the recorded history, ``formats.ANIMATION_FORMATS``.
    Raises ValueError subclasses (CheckpointError, ExportError) with a one-line message.
    The function space takes the user's own task: ``support`` points, the ``truth`` curve
    (amplitude, phase; by default the held-out task's) and the fits' ``steps``. The
    landscape of a toy takes the explore marker ``at`` a point, with ``m`` inner steps and
    iMAML's ``lam``: its arrows are drawn, and a CSV holds their numbers. ``language`` is
    "en" or "zh_TW": the figure's titles, axes and legends in that language.
    """
    # The engine (torch) is imported only when a run is exported, not with this module:
    # it lives in gui/, and importing it (a test collecting it, a tool listing gui/'s modules)
    # must not load torch into a Qt process. The CLI imports this module only for `export`.
    import torch

    from maml_gui.core.checkpoint import load_run

    fmt = require(fmt.lower(), ALL_FORMATS, "format")
    require(view, VIEW_KEYS, "view")
    require(aspect, ASPECTS, "aspect")
    if fmt not in STILL_FORMATS and frames < 1:
        raise ExportError(f"An animation needs at least one frame, not {frames}.")
    torch.set_num_threads(1)  # measured faster for these small nets (environment.md)
    trainer = load_run(run)
    app = _ensure_app()
    _install_language(language)  # before the views are built: each sets its texts then
    panels = _panels()
    panel = panels[view]
    traits = trainer.family.traits
    try:
        if not panel.shown_for(traits):
            shown = ", ".join(k for k in VIEW_KEYS if panels[k].shown_for(traits))
            raise ExportError(
                f"The {panel.title.lower()} view has nothing to show for "
                f"{TASK_LABELS[trainer.config.task]}; views that do: {shown}."
            )
        explore = None
        if at is not None or m is not None or lam is not None:
            if view != "landscape" or not traits.is_toy:
                raise ExportError(
                    "--at, --m and --lam place the explore marker on a toy's landscape "
                    "(--view landscape of a toy1d or toy2d run)"
                )
            explore = (at, m, lam)
        own_task = (support, truth, steps)
        return _draw_and_write(
            app, panel, trainer, view, fmt, out, width, aspect, frames, fps, own_task, explore
        )
    finally:
        # Widgets left to the interpreter's exit crashed it after an error (exit 139, a
        # segmentation fault, after the message): delete them while Qt still runs.
        for each in panels.values():
            each.close()
            each.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _install_language(language: str) -> None:
    from maml_gui.gui import i18n

    require(language, tuple(i18n.LANGUAGES), "language")
    try:
        i18n.install_or_refuse(language)
    except i18n.LanguageUnavailable as error:
        raise ExportError(str(error)) from error


def _draw_and_write(
    app, panel, trainer, view, fmt, out, width, aspect, frames, fps, own_task, explore
) -> Path:
    from maml_gui.core.frames import compute_frame, compute_frames
    from maml_gui.core.payloads import run_info

    def prepare(target) -> None:  # after each reset: the user's own task or point, if any
        if view == "function_space":
            _own_task(target, trainer, *own_task)
        if explore is not None:
            _explore(target, trainer, *explore)

    # A widget that was never shown does not lay itself out; show it off-screen (the
    # offscreen platform, or a window the user never sees while the CLI runs).
    panel.resize(1280, 720)
    panel.show()
    app.processEvents()
    panel.reset(run_info(trainer))
    prepare(panel)
    requests = panel.requests()
    if fmt in STILL_FORMATS:
        draw_frame(panel, compute_frame(trainer, requests), reset=False)
        options = {"width_px": width} if fmt == "png" else {}
        return export_view(panel, out, fmt, slide=True, aspect=aspect, **options)
    computed = compute_frames(trainer, requests, frames)
    if not computed:
        raise ExportError("This run has no recorded history to animate.")
    drawing = frame_images(panel, computed, width, aspect, prepare=prepare)
    images = rendered(drawing)
    try:
        return export_animation(lambda _i: next(images), len(computed), out, fmt, fps)
    finally:
        drawing.close()


def _explore(panel, trainer, at, m, lam) -> None:
    """Put the landscape's explore marker where the user would (by default at phi)."""
    from maml_gui.core.explore import LAMBDA_RANGE, MAX_EXPLORE_STEPS

    # the view's boxes would clamp a value out of range without a word
    if m is not None and not 0 <= m <= MAX_EXPLORE_STEPS:
        raise ExportError(f"--m must be from 0 to {MAX_EXPLORE_STEPS}, not {m}")
    if lam is not None and not LAMBDA_RANGE[0] <= lam <= LAMBDA_RANGE[1]:
        low, high = LAMBDA_RANGE
        raise ExportError(f"--lam must be from {low:g} to {high:g}, not {lam:g}")
    point = at if at is not None else trainer.current_snapshot().main.phi
    panel.explore.use_point(point, m, lam)


def _own_task(panel, trainer, support, truth, steps) -> None:
    """Set the function space's task and steps as the user would in the window."""
    from maml_gui.core.function_space import function_fit

    if steps is not None:
        panel.steps_override = tuple(steps)
    if support is None and truth is None:
        return
    held_out = function_fit(trainer, panel.task_index, steps=(0,))
    points = (
        support if support is not None else zip(held_out.support_x, held_out.support_y, strict=True)
    )
    panel.use_own_task(
        [[float(x), float(y)] for x, y in points],
        truth if truth is not None else (held_out.amplitude, held_out.phase),
    )
