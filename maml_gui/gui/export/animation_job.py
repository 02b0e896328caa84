"""Animation export from the running app, in three stages.

1. :class:`ClientFrames` asks the training process for the frames' data (replaying the
   recorded history needs autograd, which the GUI process never runs) through
   ``TrainingClient.frames``.
2. :class:`AnimationJob` draws them in the GUI thread on an off-screen panel of the same kind
   as the one on screen, one frame per turn of the event loop, so the window keeps responding.
3. The drawn frames go to ``animation.export_animation`` running in a plain Python thread:
   encoding is numpy / Pillow / ffmpeg only (no Qt, no autograd), and takes seconds at slide
   size (measured 6-13 s for a 40-frame 1920 x 1080 GIF), which the GUI thread cannot spare.

Every signal here is emitted from the GUI thread; the encoder thread is only polled.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QComboBox, QDoubleSpinBox, QSpinBox

from maml_gui.core.records import Frame
from maml_gui.gui import i18n
from maml_gui.gui.export.animation import export_animation, qimage_to_array
from maml_gui.gui.export.drawing import frame_images
from maml_gui.gui.export.formats import ExportError
from maml_gui.gui.i18n import translate

log = logging.getLogger(__name__)

#: frames drawn ahead of the encoder at most (MP4 streams; a GIF takes them all first)
QUEUE_SIZE = 4
POLL_MS = 50


class ClientFrames:
    """The app's frame source: computes a view's frames in the training process.

    ``request`` returns at once; ``done(frames)`` or ``failed(message)`` is called later in the
    GUI thread, by the call's own handle.
    """

    def __init__(self, client) -> None:
        self.client = client
        self._handles: set = set()  # held until answered

    def request(
        self,
        panel,
        n_frames: int,
        done: Callable[[list[Frame]], None],
        failed: Callable[[str], None],
    ) -> None:
        # read the panel's controls here, in the GUI thread; the training process gets data
        handle = self.client.frames(list(panel.requests()), n_frames)
        self._handles.add(handle)

        def returned(frames: list[Frame]) -> None:
            if frames:
                done(frames)
            else:
                failed(translate("Export", "This run has no recorded history to animate."))

        handle.returned.connect(returned)
        computing = translate("Export", "Computing the frames failed: {error}")
        handle.errored.connect(lambda error: failed(computing.format(error=error)))
        handle.finished.connect(lambda: self._handles.discard(handle))


_CONTROLS = (QComboBox, QSpinBox, QDoubleSpinBox, QCheckBox)


def copy_controls(source, target) -> None:
    """Give ``target`` (a fresh panel of the same class) the on-screen panel's control values,
    so the animation shows what the user chose (plane, m, held-out task...)."""
    for kind in _CONTROLS:
        for src, dst in zip(source.findChildren(kind), target.findChildren(kind), strict=False):
            if isinstance(src, QComboBox):
                if src.count() == dst.count():
                    dst.setCurrentIndex(src.currentIndex())
            elif isinstance(src, QAbstractSpinBox):
                dst.setMaximum(max(dst.maximum(), src.value()))
                dst.setValue(src.value())
            else:
                dst.setChecked(src.isChecked())
    # what no control holds (the function space's own task: the user's points and curve)
    hook = getattr(source, "copy_view_state", None)
    if callable(hook):
        hook(target)


class AnimationJob(QObject):
    """Draw computed frames of ``live_panel``'s view and encode them to ``path``."""

    #: (frames drawn, total frames, what is happening), for a progress bar
    progress = Signal(int, int, str)
    #: the written Path, or an ExportError
    finished = Signal(object)

    def __init__(
        self,
        live_panel,
        frames: Sequence[Frame],
        path: str,
        fmt: str,
        fps: float,
        width: int,
        aspect: str,
        parent: QObject | None = None,
        language: str = "",
    ) -> None:
        super().__init__(parent)
        #: the figure's language: installed only while the twin is built or draws a frame
        #: (each a step of its own, with nothing else of the window running meanwhile)
        self.language = language
        self.total = len(frames)
        self.measured = 0
        self.drawn = 0
        with i18n.speaking(language):
            self.panel = type(live_panel)()
        # laid out like a shown widget, but never on screen (no window flashes up)
        self.panel.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.panel.resize(1280, 720)
        self.panel.show()
        self._images = frame_images(
            self.panel, frames, width, aspect, prepare=partial(copy_controls, live_panel)
        )
        self._queue: queue.Queue = queue.Queue(QUEUE_SIZE)
        self._cancelled = threading.Event()
        self._outcome: list[Any] = []
        self._encoder = threading.Thread(
            target=self._encode, args=(path, fmt, fps), name="maml-gui encoder", daemon=True
        )
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._encoder.start()
        self._timer.start()

    def cancel(self) -> None:
        """Stop drawing and encoding; nothing is left at the path. Waits for the encoder."""
        self._cancelled.set()
        self._timer.stop()
        self._close_images()
        if self._encoder.is_alive():
            self._encoder.join(timeout=10)

    # -- GUI thread ---------------------------------------------------------------------------
    @Slot()
    def _tick(self) -> None:
        if self.drawn < self.total:
            if self._queue.full() or not self._encoder.is_alive():
                self._poll()  # the encoder is behind (or has failed): do not block, wait
                return
            try:
                with i18n.speaking(self.language):
                    image = next(self._images)
                if image is None:  # the first pass, measuring the frames: nothing to encode
                    self.measured += 1
                    self.progress.emit(self.measured, self.total, "Preparing")
                    return
                self._queue.put(qimage_to_array(image))
            except Exception as exc:  # a view that cannot draw a frame: stop the encoder too
                log.exception("drawing frame %d of %d failed", self.drawn + 1, self.total)
                self._cancelled.set()
                self._finish(exc)
                return
            self.drawn += 1
            self.progress.emit(self.drawn, self.total, "Drawing")
            if self.drawn == self.total:
                self._close_images()
                self.progress.emit(self.drawn, self.total, "Encoding")
                self._timer.setInterval(POLL_MS)
            return
        self._poll()

    def _poll(self) -> None:
        if not self._encoder.is_alive():
            outcome = (
                self._outcome[0]
                if self._outcome
                else ExportError(translate("Export", "The encoder stopped."))
            )
            self._finish(outcome)

    def _finish(self, outcome: Any) -> None:
        self._timer.stop()
        self._close_images()
        if self._encoder.is_alive():  # a drawing error: the encoder is being cancelled
            self._encoder.join(timeout=10)
        if isinstance(outcome, Exception) and not isinstance(outcome, ExportError):
            name = type(outcome).__name__
            drawing = translate("Export", "Drawing the animation failed: {error}")
            outcome = ExportError(drawing.format(error=f"{name}: {outcome}"))
        self.panel.close()
        self.panel.deleteLater()
        self.finished.emit(outcome)

    def _close_images(self) -> None:
        with i18n.speaking(self.language):
            self._images.close()  # restores the off-screen panel's theme and size

    # -- encoder thread -----------------------------------------------------------------------
    def _encode(self, path: str, fmt: str, fps: float) -> None:
        try:
            written: Path | Exception = export_animation(self._take, self.total, path, fmt, fps)
        except ExportError as exc:  # cancelled, or a message for the user (a full disk...)
            written = exc
        except Exception as exc:  # reported by the GUI thread, which polls for the outcome
            log.exception("encoding %s failed", path)
            written = exc
        self._outcome.append(written)

    def _take(self, _index: int):
        while True:
            if self._cancelled.is_set():
                raise ExportError(translate("Export", "Animation export cancelled."))
            try:
                return self._queue.get(timeout=0.1)
            except queue.Empty:
                continue
