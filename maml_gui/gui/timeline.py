"""The timeline: a slider over the run's history, beside the run's controls. Moving it shows
every view as the run was at that step; Play walks through the recorded steps; Live (or the
slider's right end) returns to the running or paused run, which the timeline never changes.

The training process replays the run at the last recorded step at or before the one asked
for (``Command.REPLAY``: a toy or the sinusoid keeps every step up to 511, then every second,
fourth... step; an Omniglot net keeps a few exact checkpoints). One replay is in flight at a
time and the newest step wanted wins, so dragging never queues work; Play asks for the next
point only once the last one is drawn.
"""

from __future__ import annotations

import logging

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Slot
from PySide6.QtWidgets import QAbstractSlider, QComboBox, QLabel, QMainWindow, QSlider, QToolBar

from maml_gui.core.records import PAYLOAD_RULES, Freshness, PayloadRequest, RunInfo
from maml_gui.gui.actions import make_action
from maml_gui.gui.i18n import translate
from maml_gui.gui.training_client import CallHandle, TrainingClient
from maml_gui.gui.view_host import ViewHost

log = logging.getLogger(__name__)

#: Play's speeds: recorded points a second
PLAY_SPEEDS = (1, 2, 5, 10, 20)
DEFAULT_SPEED = 5
LIVE = QT_TRANSLATE_NOOP("Timeline", "live")


class Timeline(QToolBar):
    def __init__(self, window: QMainWindow, client: TrainingClient, views: ViewHost) -> None:
        super().__init__(translate("Timeline", "Timeline"), window)
        self.setObjectName("timeline")
        self.setMovable(False)
        self.client, self.views = client, views
        self.live_step = 0  # the live run's latest step (the slider's right end)
        self.shown_step: int | None = None  # the past step on show; None: live
        self.recorded: np.ndarray | None = None  # the steps the run can be shown at
        self._wanted: int | None = None  # the step the user last asked for
        self._in_flight: CallHandle | None = None
        self._asked: int | None = None  # the step of the replay in flight, or the last one
        self._asked_requests: tuple[PayloadRequest, ...] = ()  # ... and what it computes
        #: answers from before a run reset or a return to live are dropped by this count
        self._generation = 0
        self._requests: tuple[PayloadRequest, ...] = ()
        self._setting = False  # the slider moved by this code, not the user

        self.toggle = self.toggleViewAction()
        self.toggle.setText(translate("Timeline", "&Timeline"))
        self.toggle.setShortcut("Ctrl+L")
        self.toggle.setStatusTip(
            translate("Timeline", "Show the timeline: look back at any recorded step of the run")
        )
        self.toggle.toggled.connect(self._on_toggled)

        self.play_action = make_action(
            self,
            translate("Timeline", "Play"),
            self.toggle_play,
            "Ctrl+Shift+L",
            translate("Timeline", "Walk through the run's recorded steps (Ctrl+Shift+L)"),
            checkable=True,
        )
        self.addAction(self.play_action)
        self.speed = QComboBox()
        self.speed.setToolTip(translate("Timeline", "Play's speed: recorded steps a second"))
        for speed in PLAY_SPEEDS:
            self.speed.addItem(translate("Timeline", "{speed} /s").format(speed=speed), speed)
        self.speed.setCurrentIndex(PLAY_SPEEDS.index(DEFAULT_SPEED))
        self.speed.currentIndexChanged.connect(self._set_play_interval)
        self.addWidget(self.speed)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setToolTip(
            translate(
                "Timeline",
                "The run at any recorded step: every view shows it as it was then. "
                "Arrows: the previous or next recorded step; End: live.",
            )
        )
        self.slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.slider.setRange(0, 0)
        self.slider.valueChanged.connect(self._on_slider)
        self.slider.actionTriggered.connect(self._snap_single_step)
        self.addWidget(self.slider)
        self.label = QLabel(translate("Timeline", LIVE))
        self.label.setMinimumWidth(
            self.label.fontMetrics().horizontalAdvance(_step_text(999999, 999999) + "  ")
        )
        self.addWidget(self.label)
        self.live_action = make_action(
            self,
            translate("Timeline", "Live"),
            self.go_live,
            tip=translate("Timeline", "Back to the live run"),
        )
        self.addAction(self.live_action)
        self.live_action.setEnabled(False)

        self.player = QTimer(self)
        self.player.timeout.connect(self._play_next)
        self._set_play_interval()

    # -- from the window ----------------------------------------------------------------------
    @Slot(object)
    def on_run_reset(self, info: RunInfo) -> None:
        """A new or opened run: live again (the view host has shown it)."""
        self._stop_playing()
        self._forget_in_flight()
        self.shown_step = self._wanted = None
        self.recorded = None
        self.live_action.setEnabled(False)
        self.label.setText(translate("Timeline", LIVE))
        self.label.setToolTip("")
        self._follow_live(info.snapshot.step if info.snapshot is not None else 0)

    @Slot(object)
    def on_snapshot(self, snapshot) -> None:
        self._follow_live(snapshot.step)

    @Slot(object)
    def on_requests(self, requests: tuple[PayloadRequest, ...]) -> None:
        """The views' standing requests, less those that do not change with the step (the
        toys' exact curves depend on the inner rate only: the live one stays drawn)."""
        self._requests = tuple(
            r for r in requests if PAYLOAD_RULES[r.kind].freshness is not Freshness.RATE
        )
        self._ask_again()

    @Slot(object)
    def on_settings_applied(self, _config=None) -> None:
        """A past step is shown with the current settings (an inner rate, K_test): ask again."""
        self._ask_again()

    def _ask_again(self) -> None:
        """The step the user asked for, again (not the recorded one shown, which may be
        before it): a view's new request, or new settings, while looking back."""
        if self.shown_step is not None and self._wanted is not None:
            self._ask(self._wanted)

    # -- the user's -------------------------------------------------------------------------
    def show_step(self, step: int) -> None:
        """Show every view as the run was at ``step`` (the last recorded step at or before
        it); at or past the live step, go live."""
        if step >= self.live_step:
            self.go_live()
            return
        if self.shown_step is None:
            self.views.hold()
            self.live_action.setEnabled(True)
            self.label.setText(translate("Timeline", "step {step}…").format(step=step))
        self._set_slider(step)  # when asked from code (Play, a script), not by the slider
        self._ask(step)

    def go_live(self) -> None:
        self._stop_playing()
        self._forget_in_flight()
        self.shown_step = self._wanted = None
        self.views.release()
        self.live_action.setEnabled(False)
        self.label.setText(translate("Timeline", LIVE))
        self.label.setToolTip("")
        self._set_slider(self.live_step)

    def toggle_play(self) -> None:
        if self.player.isActive() or self.live_step == 0:  # nothing recorded to walk through
            self._stop_playing()
            return
        if self.isHidden():
            self.show()
        if self.shown_step is None:  # from the start of the run
            self.show_step(0)
        self.play_action.setChecked(True)
        self.play_action.setText(translate("Timeline", "Pause"))
        self.player.start()

    # -- inside ----------------------------------------------------------------------------------
    def _on_toggled(self, shown: bool) -> None:
        if shown:
            self.slider.setFocus()
        elif self.shown_step is not None or self._wanted is not None:
            self.go_live()  # hiding the timeline leaves no view in the past

    def _follow_live(self, step: int) -> None:
        self.live_step = step
        self._setting = True
        self.slider.setMaximum(step)
        self._setting = False
        if self._wanted is None:  # live: the slider follows (not while a past step is asked)
            self._set_slider(step)
        else:
            self._show_label()

    def _set_slider(self, value: int) -> None:
        self._setting = True
        self.slider.setValue(value)
        self._setting = False

    def _on_slider(self, value: int) -> None:
        if not self._setting:
            self._stop_playing()
            self.show_step(value)

    def _snap_single_step(self, action: int) -> None:
        """The arrow keys go to the previous or next recorded step, not one step on: past 511
        steps most steps are not recorded and one step on shows the same point."""
        if self.recorded is None or len(self.recorded) == 0:
            return
        here = self.shown_step if self.shown_step is not None else self.live_step
        if action == QAbstractSlider.SliderAction.SliderSingleStepAdd:
            later = self.recorded[self.recorded > here]
            self.slider.setSliderPosition(int(later[0]) if len(later) else self.live_step)
        elif action == QAbstractSlider.SliderAction.SliderSingleStepSub:
            earlier = self.recorded[self.recorded < here]
            if len(earlier):
                self.slider.setSliderPosition(int(earlier[-1]))

    def _ask(self, step: int) -> None:
        self._wanted = step
        if self._in_flight is not None:
            return  # the answer in flight asks again for the newest step wanted
        handle = self.client.replay(step, self._requests)
        generation = self._generation
        handle.returned.connect(lambda frame: self._on_frame(frame, generation))
        handle.errored.connect(lambda error: self._on_error(error, generation))
        self._in_flight = handle
        self._asked, self._asked_requests = step, self._requests

    def _forget_in_flight(self) -> None:
        """The replay in flight (if any) answers a question nobody asks any more."""
        self._generation += 1
        self._in_flight = None

    def _asked_for_something_else(self) -> bool:
        """Whether the step wanted or the views' requests changed since the last ask."""
        return self._wanted != self._asked or self._requests != self._asked_requests

    def _on_frame(self, frame, generation: int) -> None:
        if generation != self._generation:  # a reset or Live came first
            return
        self._in_flight = None
        if self._wanted is None:
            return
        self.recorded = frame.recorded
        self.shown_step = frame.step
        self.views.show_frame(frame)
        self._show_label(frame.failed)
        if self._asked_for_something_else():
            self._ask(self._wanted)

    def _on_error(self, error, generation: int) -> None:
        if generation != self._generation:
            return
        self._in_flight = None
        log.warning("the timeline could not show step %s: %s", self._asked, error)
        if self._wanted is not None and self._asked_for_something_else():
            self._ask(self._wanted)  # the newest question may still have an answer
            return
        self._stop_playing()
        self.label.setText(
            translate("Timeline", "could not show step {step}").format(step=self._asked)
        )
        self.label.setToolTip(str(getattr(error, "message", error)))
        if self.shown_step is None:  # nothing past is on show: stay live
            self.go_live()

    def _show_label(self, failed=()) -> None:
        if self.shown_step is None:
            return
        text = _step_text(self.shown_step, self.live_step)
        asked = self._wanted
        tip = ""
        if asked is not None and asked != self.shown_step:
            tip = translate(
                "Timeline",
                "Step {step} was not recorded: the last recorded step before it is shown.",
            ).format(step=asked)
        if failed:
            text += " ⚠"
            tip += "".join(f"\n{request.kind}: {reason}" for request, reason in failed)
        self.label.setText(text)
        self.label.setToolTip(tip.strip())

    def _set_play_interval(self, _index: int = 0) -> None:
        self.player.setInterval(int(1000 / self.speed.currentData()))

    def _play_next(self) -> None:
        if self._in_flight is not None or self.shown_step is None or self.recorded is None:
            return  # the last point is not drawn yet: Play waits for it
        later = self.recorded[self.recorded > self.shown_step]
        later = later[later < self.live_step]
        if not len(later):
            self.go_live()
            return
        self._set_slider(int(later[0]))
        self._ask(int(later[0]))

    def _stop_playing(self) -> None:
        self.player.stop()
        self.play_action.setChecked(False)
        self.play_action.setText(translate("Timeline", "Play"))


def _step_text(step: int, live: int) -> str:
    return translate("Timeline", "step {step} (of {live})").format(step=step, live=live)
