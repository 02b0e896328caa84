"""Export: the current view, all views, an animation of the current view, or the clipboard.

The menu owns its state: it names the current view each time it opens, enables the animation
action only when there is recorded history to animate (and no animation export running), and
holds the running :class:`AnimationJob`. It tells the user of outcomes through its parent
widget: the window's non-modal ``show_message`` and its status bar, when it has them.

Animations have two kinds of frame source: ready frames ``(n, render_frame)``, drawn and
encoded at once; or the app's :class:`ClientFrames`, whose frames are computed in the training
process. Then the menu returns at once and an AnimationJob draws and encodes them while the
window keeps working, with a progress bar in the status bar.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Slot
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QProgressBar, QWidget

from maml_gui.core.records import Frame
from maml_gui.gui.actions import make_action
from maml_gui.gui.engine_messages import shown
from maml_gui.gui.export.animation_job import AnimationJob, ClientFrames
from maml_gui.gui.export.dialog import (
    ExportDialog,
    ExportOptions,
    ExportScope,
    ReadyFrames,
    run_export,
)
from maml_gui.gui.export.formats import ANIMATION_FORMATS, ExportError, one_of
from maml_gui.gui.export.images import copy_to_clipboard
from maml_gui.gui.export.translated import LiveFrame
from maml_gui.gui.i18n import translate
from maml_gui.gui.panels.base import Panel

log = logging.getLogger(__name__)

FrameSource = ReadyFrames | ClientFrames
CLIPBOARD = "clipboard"  # the key of the one action that is not an ExportScope
#: the animation job's phases (AnimationJob.progress), named in the status bar
PHASES = (
    QT_TRANSLATE_NOOP("ExportMenu", "Preparing"),
    QT_TRANSLATE_NOOP("ExportMenu", "Drawing"),
    QT_TRANSLATE_NOOP("ExportMenu", "Encoding"),
)


def report_error(parent: QWidget, title: str, text: str) -> None:
    """The window's own non-modal message box when it has one (training goes on behind it)."""
    show = getattr(parent, "show_message", None)
    if callable(show):
        show(title, text)
    else:
        QMessageBox.critical(parent, title, text)


def show_status(parent: QWidget, text: str, timeout: int = 0) -> None:
    """``text`` in the parent's status bar, if it has one."""
    bar = getattr(parent, "statusBar", None)
    if callable(bar):
        bar().showMessage(text, timeout)


class StatusProgress:
    """A progress bar in the parent's status bar, busy until the frame count is known."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.bar: QProgressBar | None = None
        status = getattr(parent, "statusBar", None)
        if callable(status):
            self.bar = QProgressBar()
            self.bar.setRange(0, 0)
            self.bar.setMaximumWidth(160)
            self.bar.setFormat(translate("ExportMenu", "%v / %m frames"))
            status().addWidget(self.bar)

    def update(self, done: int, total: int, phase: str) -> None:
        encoding = phase == "Encoding"
        if self.bar is not None:
            if encoding:
                self.bar.setRange(0, 0)  # the encoder reports no progress of its own
            else:
                self.bar.setRange(0, total)
                self.bar.setValue(done)
        if encoding:
            text = translate("ExportMenu", "Encoding {total} frames…").format(total=total)
        else:
            text = translate("ExportMenu", "{phase} frame {done} of {total}…").format(
                phase=translate("ExportMenu", phase), done=done, total=total
            )
        show_status(self.parent, text)

    def close(self) -> None:
        if self.bar is not None:
            bar = getattr(self.parent, "statusBar", None)
            if callable(bar):
                bar().removeWidget(self.bar)
            self.bar.deleteLater()
            self.bar = None


class ExportMenu(QMenu):
    """The Export menu; ``export_actions`` holds its actions by key ('current', 'all',
    'animation', 'clipboard') for the window and the tests to enable or trigger.

    (Not ``actions``: that would hide ``QWidget.actions()``, the list every QMenu has.)
    """

    def __init__(
        self,
        parent: QWidget,
        current_panel: Callable[[], Panel],
        panels: Callable[[], list[Panel]],
        frame_source: Callable[[], FrameSource | None] | None = None,
        live_frame: LiveFrame | None = None,
    ) -> None:
        super().__init__(translate("ExportMenu", "&Export"), parent)
        self.host = parent
        self._current_panel = current_panel
        #: the live run's data for a view, to draw it in another language (export.translated)
        self._live_frame = live_frame
        self._panels = panels
        self._frame_source = frame_source
        self._job: AnimationJob | None = None
        # set while an asynchronous animation export runs, from the frames' request on
        self._progress: StatusProgress | None = None
        self.setToolTipsVisible(True)  # the animation action's "why disabled"
        ask = self.ask_export
        self.export_actions = {
            ExportScope.CURRENT.value: make_action(
                self,
                translate("ExportMenu", "Export current view…"),
                partial(ask, ExportScope.CURRENT),
            ),
            ExportScope.ALL.value: make_action(
                self,
                translate("ExportMenu", "Export all views to folder…"),
                partial(ask, ExportScope.ALL),
            ),
            ExportScope.ANIMATION.value: make_action(
                self,
                translate("ExportMenu", "Export animation…"),
                partial(ask, ExportScope.ANIMATION),
            ),
            CLIPBOARD: make_action(
                self, translate("ExportMenu", "Copy view to clipboard"), self.copy_current
            ),
        }
        for action in self.export_actions.values():
            self.addAction(action)
        self.aboutToShow.connect(self.refresh)
        self._update_animation_action()  # the current view is named when the menu opens

    @property
    def busy(self) -> bool:
        """Whether an animation export is running (one at a time)."""
        return self._progress is not None

    @Slot()
    def refresh(self) -> None:
        """Name the current view and re-check the animation action: a frame source only
        exists once the run has recorded history."""
        title = _shown_title(self._current_panel())
        current = translate("ExportMenu", "Export current view ({view})…").format(view=title)
        self.export_actions[ExportScope.CURRENT.value].setText(current)
        copy = translate("ExportMenu", "Copy {view} to clipboard").format(view=title)
        self.export_actions[CLIPBOARD].setText(copy)
        self._update_animation_action()

    def _source(self) -> FrameSource | None:
        return self._frame_source() if self._frame_source is not None else None

    def _update_animation_action(self) -> None:
        source = self._source()
        action = self.export_actions[ExportScope.ANIMATION.value]
        action.setEnabled(source is not None and not self.busy)
        formats = one_of([f.upper() for f in ANIMATION_FORMATS])
        if self.busy:
            reason = translate(
                "ExportMenu", "An animation is being exported; wait for it to finish."
            )
        elif source is None:
            reason = (
                translate(
                    "ExportMenu",
                    "No recorded training history yet: train or open a saved run first.",
                )
                if self._frame_source is not None
                else translate("ExportMenu", "Animation export is not available in this window.")
            )
        elif isinstance(source, tuple):
            reason = translate(
                "ExportMenu", "Export {frames} frames of training as {formats}."
            ).format(frames=source[0], formats=formats)
        else:
            reason = translate(
                "ExportMenu", "Export the view over the course of training as {formats}."
            ).format(formats=formats)
        action.setToolTip(reason)
        action.setStatusTip(reason if not action.isEnabled() else "")

    # -- the actions ----------------------------------------------------------------------------
    def ask_export(self, scope: ExportScope) -> None:
        """Ask for the options of a ``scope`` export in a dialog, then carry it out."""
        panel = self._current_panel()
        animation = scope is ExportScope.ANIMATION
        source = self._source() if animation else None
        if animation and (source is None or self.busy):
            return
        dialog = ExportDialog(scope, self.host, getattr(panel, "title", "view"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        options = dialog.options()
        if not options.path:
            report_error(
                self.host,
                translate("ExportMenu", "Export"),
                translate("ExportMenu", "Choose where to save first."),
            )
            return
        if source is not None and not isinstance(source, tuple):  # computed elsewhere, later
            self._start_animation(source, panel, options)
            return
        panels = self._panels() if scope is ExportScope.ALL else [panel]
        try:
            written = run_export(options, panels, source, self._live_frame)
        except ExportError as error:
            self._report_failure(translate("ExportMenu", "Export failed"), error)
            return
        names = ", ".join(p.name for p in written)
        show_status(
            self.host, translate("ExportMenu", "Exported {files}").format(files=names), 5000
        )

    @Slot()
    def copy_current(self) -> None:
        try:
            copy_to_clipboard(self._current_panel())
        except ExportError as error:
            self._report_failure(translate("ExportMenu", "Copy failed"), error)
            return
        show_status(self.host, translate("ExportMenu", "Copied the view to the clipboard"), 3000)

    def _report_failure(self, title: str, error: BaseException | str) -> None:
        if isinstance(error, BaseException):
            log.warning("%s: %s", title, error, exc_info=error)
        else:
            log.warning("%s: %s", title, error)
        show_status(self.host, "")
        report_error(self.host, title, _explained(error))

    # -- an animation computed in the training process ------------------------------------------
    def _start_animation(self, source: ClientFrames, panel: Panel, options: ExportOptions) -> None:
        """Frames computed by ``source`` (the training process), then drawn and encoded by an
        AnimationJob; the user hears of the outcome in the status bar or a message box."""
        target = Path(options.path)
        if not target.parent.is_dir():
            message = translate(
                "ExportMenu", "Cannot write {file}: the folder {folder} does not exist."
            ).format(file=target, folder=target.parent)
            self._report_failure(translate("ExportMenu", "Export failed"), message)
            return
        self._progress = StatusProgress(self.host)
        title = _shown_title(panel)
        computing = translate(
            "ExportMenu", "Computing {frames} frames of {view} in the training process…"
        )
        show_status(self.host, computing.format(frames=options.frames, view=title))
        self._update_animation_action()
        draw = partial(self._draw_animation, panel, options)
        source.request(panel, options.frames, draw, self._end_animation_with_error)

    def _draw_animation(self, panel: Panel, options: ExportOptions, frames: list[Frame]) -> None:
        try:
            job = AnimationJob(
                panel,
                frames,
                options.path,
                options.fmt,
                options.fps,
                options.width_px,
                options.aspect,
                self,  # held here, and found by the window's findChildren(AnimationJob)
                language=options.language,
            )
        except Exception as exc:  # a view that cannot be built off screen
            log.exception("cannot build an off-screen %s", type(panel).__name__)
            self._end_animation_with_error(
                translate("ExportMenu", "Cannot draw the animation: {error}").format(
                    error=f"{type(exc).__name__}: {exc}"
                )
            )
            return
        self._job = job
        if self._progress is not None:
            job.progress.connect(self._progress.update)
        job.finished.connect(self._animation_finished)
        job.start()

    @Slot(object)
    def _animation_finished(self, outcome: Path | Exception) -> None:
        if self._job is not None:
            self._job.deleteLater()
            self._job = None
        self._end_animation()
        if isinstance(outcome, Exception):
            self._report_failure(translate("ExportMenu", "Export failed"), outcome)
        else:
            exported = translate("ExportMenu", "Exported {files}").format(files=Path(outcome).name)
            show_status(self.host, exported, 8000)

    def _end_animation_with_error(self, message: str) -> None:
        self._end_animation()
        self._report_failure(translate("ExportMenu", "Export failed"), message)

    def _end_animation(self) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress = None
        self._update_animation_action()


def _shown_title(panel) -> str:
    """The view's title in the interface's language; "view" for a widget that is no view."""
    shown = getattr(panel, "shown_title", None)
    return shown() if callable(shown) else getattr(panel, "title", "view")


#: the messages formats.py raises (without Qt: the CLI imports it), for pyside6-lupdate;
#: tests/gui/test_i18n.py checks the list against that module
FORMATS_MESSAGES = (
    QT_TRANSLATE_NOOP("Export", "Unknown {what} {value}; use one of {choices}."),
    QT_TRANSLATE_NOOP("Export", "Cannot write {file}: the folder {folder} does not exist."),
    QT_TRANSLATE_NOOP("Export", "Cannot write {file}: {reason}."),
)


def _explained(error: BaseException | str) -> str:
    """An export error in the interface's language: its template translated and filled in
    (one raised with a text that is translated already shows that text)."""
    return shown(error, "Export") if isinstance(error, BaseException) else error
