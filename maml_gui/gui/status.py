"""The status bar: iteration / budget, iterations per second, time left, current losses."""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QStatusBar
from superqt.utils import QSignalThrottler

from maml_gui.core.config import Algorithm
from maml_gui.core.process.protocol import RunState
from maml_gui.core.records import Snapshot
from maml_gui.gui.i18n import translate
from maml_gui.gui.labels import algorithm_label

#: seconds of snapshots the speed is averaged over
SPEED_WINDOW = 2.0
#: at most one status-bar update per this many ms: every label change repaints the status
#: bar, time the views' redraws need (superqt's throttler, trailing: the last state shows)
REFRESH_MS = 250


class RunStatus:
    """Permanent labels in a QStatusBar, updated from the latest snapshot."""

    def __init__(self, bar: QStatusBar) -> None:
        self.iteration = QLabel(_iteration(0, 0))
        self.speed = QLabel("")
        self.time_left = QLabel("")
        self.losses = QLabel("")
        self.state = QLabel("")
        for label in (self.state, self.iteration, self.speed, self.time_left, self.losses):
            bar.addPermanentWidget(label)
        self._marks: deque[tuple[float, int]] = deque()
        self._latest: Snapshot | None = None
        self._running = False
        self.iterations_per_second = 0.0
        self._throttle = QSignalThrottler(QSignalThrottler.EmissionPolicy.Trailing, bar)
        self._throttle.setTimeout(REFRESH_MS)
        self._throttle.triggered.connect(self.refresh)

    def stop(self) -> None:
        self._throttle.cancel()

    def reset(self, step: int, budget: int) -> None:
        self._marks.clear()
        self._latest = None
        self.iterations_per_second = 0.0
        self.iteration.setText(_iteration(step, budget))
        self.speed.setText("")
        self.time_left.setText("")
        self.losses.setText("")

    def set_state(self, state: RunState) -> None:
        self.state.setText(state_label(state))
        self._running = state == RunState.RUNNING
        if not self._running:
            self._marks.clear()
            self.iterations_per_second = 0.0
            self._throttle.throttle()

    def on_snapshot(self, snapshot: Snapshot) -> None:
        self._latest = snapshot
        if not self._running:  # single steps: a speed from them would be the user's pace
            self._throttle.throttle()
            return
        self._marks.append((snapshot.wall_time, snapshot.step))
        while len(self._marks) > 2 and snapshot.wall_time - self._marks[0][0] > SPEED_WINDOW:
            self._marks.popleft()
        self._throttle.throttle()

    def refresh(self) -> None:
        snap = self._latest
        if snap is None:
            return
        _set(self.iteration, _iteration(snap.step, snap.iterations))
        if self._running and len(self._marks) >= 2:
            (t0, s0), (t1, s1) = self._marks[0], self._marks[-1]
            self.iterations_per_second = (s1 - s0) / (t1 - t0) if t1 > t0 else 0.0
        if self._running and self.iterations_per_second > 0:
            _set(self.speed, _rate(self.iterations_per_second))
            left = max(snap.iterations - snap.step, 0) / self.iterations_per_second
            _set(
                self.time_left,
                translate("RunStatus", "{duration} left").format(duration=_duration(left)),
            )
        else:
            _set(self.speed, "")
            _set(self.time_left, "")
        name = algorithm_label(snap.algorithm)
        # each learner is scored by its own objective: after adaptation for the algorithm,
        # at phi for pretraining (its loss_after is the adapted loss, shown in the curves)
        main = snap.main.loss_after
        if snap.algorithm == Algorithm.PRETRAINING:
            main = snap.main.loss_before
        text = translate("RunStatus", "{algorithm} loss {loss}").format(
            algorithm=name, loss=f"{main:.4g}"
        )
        if snap.algorithm != Algorithm.PRETRAINING:  # else the twin is this very learner
            twin = translate("RunStatus", " · pretraining loss {loss}")
            text += twin.format(loss=f"{snap.twin.loss_before:.4g}")
        _set(self.losses, text)


#: the run's states as the status bar names them
STATES = {
    RunState.READY: QT_TRANSLATE_NOOP("RunStatus", "ready"),
    RunState.RUNNING: QT_TRANSLATE_NOOP("RunStatus", "running"),
    RunState.PAUSED: QT_TRANSLATE_NOOP("RunStatus", "paused"),
    RunState.STOPPED: QT_TRANSLATE_NOOP("RunStatus", "stopped"),
    RunState.FINISHED: QT_TRANSLATE_NOOP("RunStatus", "finished"),
}


def state_label(state: RunState) -> str:
    return translate("RunStatus", STATES[RunState(state)])


def _iteration(step: int, budget: int) -> str:
    return translate("RunStatus", "iteration {step} / {budget}").format(
        step=f"{step:,}", budget=f"{budget:,}"
    )


def _set(label, text: str) -> None:
    if label.text() != text:
        label.setText(text)


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds >= 3600:
        text = translate("RunStatus", "{hours}h {minutes}m")
        return text.format(hours=seconds // 3600, minutes=f"{seconds % 3600 // 60:02d}")
    if seconds >= 60:
        text = translate("RunStatus", "{minutes}m {seconds}s")
        return text.format(minutes=seconds // 60, seconds=f"{seconds % 60:02d}")
    return translate("RunStatus", "{seconds}s").format(seconds=seconds)


def _rate(per_second: float) -> str:
    """Meta-iterations per second, or seconds per iteration for a slow run (Conv4 takes a
    second or two a step: "0 it/s" said nothing)."""
    if per_second >= 10:
        return f"{per_second:,.0f} it/s"
    if per_second >= 1:
        return f"{per_second:.1f} it/s"
    return f"{1 / per_second:.1f} s/it"
