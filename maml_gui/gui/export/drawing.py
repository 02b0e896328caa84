"""Draw computed frames (``records.Frame``) of a run onto a panel, and render them as images.

Drawing only: everything that needs autograd (payloads, replayed states) was computed
beforehand, in the CLI's main thread or in the app's training process, so this module
needs the numpy-only records and never the engine. ``maml-gui export`` and the app's
animation export both draw through here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtGui import QImage

from maml_gui.core.records import Frame
from maml_gui.gui.export import framing
from maml_gui.gui.export.formats import slide_height
from maml_gui.gui.export.images import render_image
from maml_gui.gui.export.views import slide_view


def draw_frame(panel, frame: Frame, reset: bool) -> None:
    """Show ``frame`` on ``panel`` as if it had arrived live, with any progressive drawing
    (contours) completed, so the panel is ready to be rendered."""
    if reset:
        panel.reset(frame.info)
    panel.on_snapshot(frame.snapshot)
    for payload in frame.payloads:
        panel.on_payload(payload)
    panel.redraw()
    finish = getattr(panel, "finish_pending", None)
    if callable(finish):
        finish()


def frame_images(
    panel,
    frames: Sequence[Frame],
    width: int,
    aspect: str = "16:9",
    prepare: Callable[[Any], None] | None = None,
) -> Iterator[QImage | None]:
    """Draw ``frames`` on ``panel`` in the slide theme, twice.

    The first pass draws every frame without rendering it and yields None after each (the app
    turns its event loop meanwhile): it learns axis ranges that cover all frames and which
    legend entries any frame draws. The second draws each frame again, holds the axes at those
    ranges, lists only those entries, and yields a QImage of ``width`` pixels. So the axes
    stay put while the picture moves, and the legend neither claims what is never drawn nor
    changes from frame to frame.

    ``prepare(panel)`` runs after each pass's reset (the app copies the on-screen panel's
    controls onto its off-screen twin there). The generator keeps the slide layout while it
    is suspended, so the app can draw one frame per turn of its event loop; closing it
    restores the panel.
    """
    height = slide_height(width, aspect)
    with slide_view(panel, aspect, list_drawn_only=False) as target:
        ranges: framing.Ranges | None = None
        shown: set[int] = set()
        _begin(panel, frames, prepare)
        for frame in frames:
            draw_frame(panel, frame, reset=False)
            now = framing.plot_ranges(target)
            ranges = now if ranges is None else framing.union(ranges, now)
            shown |= {id(item) for item in _legend_items(target) if framing.drawn(item)}
            yield None
        _begin(panel, frames, prepare)
        for frame in frames:
            draw_frame(panel, frame, reset=False)
            framing.fix_ranges(target, ranges or [])
            # per frame: a panel may rebuild its legend while it draws
            undo = framing.legends_list_only(target, lambda item: id(item) in shown)
            try:
                yield render_image(target, width, height)
            finally:
                undo()


def rendered(images: Iterator[QImage | None]) -> Iterator[QImage]:
    """The images of ``frame_images``, without its measuring pass."""
    for image in images:
        if image is not None:
            yield image


def _begin(panel, frames: Sequence[Frame], prepare) -> None:
    panel.reset(frames[0].info)
    if prepare is not None:
        prepare(panel)


def _legend_items(view) -> list:
    legends = [item for item in view.scene().items() if isinstance(item, pg.LegendItem)]
    return [sample.item for legend in legends for sample, _label in legend.items]
