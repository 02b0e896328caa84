"""Exporting views in a language other than the window's (the Export dialog's Language).

Every view sets its texts when it is built and when it draws, in the language installed
then. So the views are drawn anew: with the other translation installed for the moment of
the export, a fresh off-screen twin of each view takes the on-screen view's controls
(``copy_controls``) and the live run's data (``LiveFrame``), is exported, and the window's
language comes back. The window's own views are not touched. (An animation's twin speaks the
other language only while each of its frames is drawn: see AnimationJob.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt

from maml_gui.core.records import Frame
from maml_gui.gui import i18n
from maml_gui.gui.export.animation_job import copy_controls
from maml_gui.gui.export.drawing import draw_frame
from maml_gui.gui.export.formats import ExportError
from maml_gui.gui.i18n import translate

#: the live data a view shows now, for its twin: None if it cannot be had (a past step on
#: the timeline is on show, or no run yet)
LiveFrame = Callable[[object], Frame | None]


def in_language(
    panels: Sequence, live_frame: LiveFrame, language: str, export: Callable[[list], list[Path]]
) -> list[Path]:
    """``export(twins)``: twins of ``panels`` drawn from the live run in ``language``. The
    window's language is installed again afterwards, whatever happens."""
    frames = [live_frame(panel) for panel in panels]
    if any(frame is None for frame in frames):
        raise ExportError(
            translate(
                "Export",
                "Only the live run can be exported in another language: go back to live "
                "(the timeline's Live) first.",
            )
        )
    twins: list = []
    try:
        with i18n.speaking(language):
            for panel, frame in zip(panels, frames, strict=True):
                twins.append(_twin(panel, frame))
            return export(twins)
    except i18n.LanguageUnavailable as error:
        raise ExportError(str(error)) from error
    finally:
        for twin in twins:
            twin.close()
            twin.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _twin(panel, frame: Frame):
    """A fresh view of ``panel``'s kind, with its controls, drawing ``frame``."""
    twin = type(panel)()
    # laid out like a shown widget, but never on screen (no window flashes up)
    twin.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    twin.resize(panel.size())
    twin.show()
    twin.reset(frame.info)
    copy_controls(panel, twin)
    draw_frame(twin, frame, reset=False)
    return twin
