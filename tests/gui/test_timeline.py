"""The timeline in the window: the views show the run as it was at a past step, the live run
goes on untouched, and Live brings back exactly what was there."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QMainWindow

from maml_gui.core.checkpoint import load_run, save_run
from maml_gui.core.config import default_config
from maml_gui.core.frames import compute_frame, timeline_frame
from maml_gui.core.payloads import compute_payload, run_info
from maml_gui.core.training import Trainer
from maml_gui.gui.panels.function_space import FunctionSpacePanel
from maml_gui.gui.panels.gap import GapPanel
from maml_gui.gui.panels.metrics import MetricsPanel
from maml_gui.gui.panels.trajectory import TrajectoryPanel
from maml_gui.gui.view_host import ViewHost

PANELS = (MetricsPanel, GapPanel, TrajectoryPanel, FunctionSpacePanel)


def _train(config, steps: int) -> Trainer:
    trainer = Trainer(config)
    for _ in range(steps):
        trainer.next_step()
        if trainer.step % 7 == 0:
            trainer.evaluate()
    return trainer


def _host(qtbot, trainer) -> ViewHost:
    window = QMainWindow()
    qtbot.addWidget(window)
    errors = []
    host = ViewHost(window, [panel() for panel in PANELS], lambda *e: errors.append(e))
    host.errors = errors
    host.test_window = window  # the docks' owner lives as long as the host
    host.reset(run_info(trainer))
    return host


def _requests(host: ViewHost) -> list:
    return list(dict.fromkeys(r for panel in host.panels for r in panel.requests()))


def _live_payloads(host: ViewHost, trainer: Trainer) -> dict:
    return {request: compute_payload(trainer, request) for request in _requests(host)}


def _show(host: ViewHost, snapshot, payloads: dict) -> None:
    host.on_snapshot(snapshot)
    for request, payload in payloads.items():
        host.on_payload(request, payload)


def _tables(host: ViewHost) -> list[tuple[str, str, np.ndarray]]:
    tables = []
    for panel in host.panels:
        panel.redraw()
        tables += [(panel.title, c.header, np.asarray(c.values)) for c in panel.curve_table()]
    return tables


def _assert_same_tables(got, expected) -> None:
    assert [(t, h) for t, h, _ in got] == [(t, h) for t, h, _ in expected]
    for (title, header, a), (_, _, b) in zip(got, expected, strict=True):
        np.testing.assert_array_equal(a, b, err_msg=f"{title}: {header}")


def test_the_views_at_a_past_step_show_the_run_stopped_there_and_live_comes_back(qtbot, tmp_path):
    config = default_config("sinusoid", "maml").replace(
        iterations=60, meta_batch_size=4, eval_tasks=20
    )
    live = _train(config, 60)
    host = _host(qtbot, live)
    at_60 = (live.current_snapshot(), _live_payloads(host, live))
    _show(host, *at_60)
    requests = _requests(host)

    host.hold()
    # there and back: going back in time must not leave later points behind in any view
    for step in (21, 40, 21):
        host.show_frame(timeline_frame(live, step, requests))
    stopped = load_run(save_run(_train(config, 21), tmp_path / "stopped.npz"))
    fresh = _host(qtbot, stopped)
    frame = compute_frame(stopped, requests)
    _show(fresh, frame.snapshot, dict(zip(requests, frame.payloads, strict=True)))
    _assert_same_tables(_tables(host), _tables(fresh))

    # the live run goes on meanwhile: its snapshot is kept, not shown
    live.next_step()
    at_61 = live.current_snapshot()
    host.on_snapshot(at_61)
    _assert_same_tables(_tables(host), _tables(fresh))

    # Live shows what the views would show had they never looked back
    host.release()
    never_held = _host(qtbot, live)
    _show(never_held, *at_60)
    never_held.on_snapshot(at_61)
    _assert_same_tables(_tables(host), _tables(never_held))
    assert not host.held and not host.errors and not fresh.errors


@pytest.fixture
def trained_window(make_window, qtbot):
    window = make_window(default_config("toy1d", "maml").replace(iterations=40))
    window.controller.start()
    qtbot.waitUntil(lambda: window.state == "finished", timeout=20_000)
    qtbot.waitUntil(lambda: window.timeline.live_step == 40, timeout=5_000)
    return window


def test_the_slider_shows_a_past_step_in_every_view_and_end_goes_live(trained_window, panel, qtbot):
    window = trained_window
    timeline = window.timeline
    assert timeline.isVisible() and timeline.slider.maximum() == 40
    timeline.slider.setValue(12)  # as the user drags
    qtbot.waitUntil(lambda: panel.steps and panel.steps[-1] == 12, timeout=10_000)
    assert window.views.held and timeline.shown_step == 12
    assert "step 12" in timeline.label.text()
    losses = [p for p in panel.payloads if type(p).__name__ == "LossHistory"]
    assert losses and losses[-1].steps[-1] == 12
    assert window.controller.last_step == 40  # the live run is not moved
    # the arrow key goes to the next recorded step (toy runs record every step this short)
    timeline.slider.triggerAction(timeline.slider.SliderAction.SliderSingleStepAdd)
    qtbot.waitUntil(lambda: panel.steps[-1] == 13, timeout=10_000)
    timeline.slider.setValue(40)  # the right end: live
    qtbot.waitUntil(lambda: not window.views.held, timeout=5_000)
    assert panel.steps[-1] == 40 and timeline.label.text() == "live"
    assert [p for p in panel.payloads if type(p).__name__ == "LossHistory"][-1].steps[-1] == 40


def test_play_walks_the_recorded_steps_and_ends_live(trained_window, panel, qtbot):
    window = trained_window
    timeline = window.timeline
    timeline.speed.setCurrentIndex(timeline.speed.count() - 1)  # the fastest
    before = len(panel.steps)
    timeline.play_action.trigger()
    qtbot.waitUntil(
        lambda: not window.views.held and not timeline.player.isActive(), timeout=30_000
    )
    shown = panel.steps[before:-1]
    assert shown == list(range(40))  # every recorded step of this short run, in order
    assert panel.steps[-1] == 40 and timeline.play_action.text() == "Play"


def test_a_new_run_leaves_the_timeline(trained_window, panel, qtbot):
    window = trained_window
    window.timeline.show_step(5)
    qtbot.waitUntil(lambda: window.timeline.shown_step == 5, timeout=10_000)
    window.controller.reset()
    qtbot.waitUntil(
        lambda: not window.views.held and window.timeline.shown_step is None, timeout=10_000
    )
    assert window.timeline.slider.maximum() == 0 and window.timeline.label.text() == "live"


def test_a_step_not_recorded_shows_the_one_before_and_a_new_request_keeps_the_step_asked(
    make_window, panel, qtbot
):
    """Past 511 steps a run keeps every second step: asking for an odd step shows the one
    before, and says so; a view asking for a new payload meanwhile asks for the step the
    user chose, not the one shown (it used to, and the note was lost)."""
    window = make_window(default_config("toy1d", "maml").replace(iterations=600))
    window.controller.start()
    qtbot.waitUntil(lambda: window.state == "finished", timeout=60_000)
    qtbot.waitUntil(lambda: window.timeline.live_step == 600, timeout=5_000)
    timeline = window.timeline
    timeline.show_step(555)
    qtbot.waitUntil(lambda: timeline.shown_step is not None, timeout=10_000)
    assert timeline.shown_step < 555 and "555" in timeline.label.toolTip()
    asked = len(panel.steps)
    window.views.forward_requests()  # a view's requests changed
    qtbot.waitUntil(lambda: len(panel.steps) > asked, timeout=10_000)
    assert timeline._wanted == 555 and "555" in timeline.label.toolTip()
    assert panel.steps[-1] == timeline.shown_step


def test_requests_changed_while_a_replay_is_on_its_way_are_asked_for_at_once(trained_window, qtbot):
    """A view's new request during a replay (a dragged point while looking back) is asked
    for when the replay answers: it used to be dropped when the step was the same."""
    from maml_gui.core.records import PayloadRequest

    timeline = trained_window.timeline
    timeline.show_step(10)
    new = (PayloadRequest("loss_history"),)
    trained_window.views.requests_changed.emit(new)  # before the first answer
    qtbot.waitUntil(
        lambda: timeline._in_flight is None and timeline._asked_requests == new, timeout=10_000
    )
    assert timeline.shown_step == 10


def test_a_replay_answering_after_a_new_run_is_not_shown(trained_window, panel, qtbot):
    timeline = trained_window.timeline
    timeline.show_step(7)  # and at once a new run, before the answer
    old_replay = timeline._in_flight
    trained_window.controller.reset()
    qtbot.waitUntil(lambda: trained_window.controller.last_step == 0, timeout=10_000)
    qtbot.waitUntil(lambda: old_replay.result is not None, timeout=10_000)  # it answered
    assert timeline.shown_step is None and not trained_window.views.held
    assert 7 not in panel.steps


def test_payloads_of_the_rates_alone_show_on_the_timeline_too(trained_window, panel):
    """The toys' curves and the explore marker's arrows are the same at every step: a drag
    on the timeline is answered there; a payload of the live state waits for Live."""
    host = trained_window.views
    host.hold()
    curves = next(r for r in panel.requests() if r.kind == "toy_landscape")
    state = next(r for r in panel.requests() if r.kind == "gap")
    panel.payloads.clear()
    host.on_payload(curves, "the curves")
    host.on_payload(state, "the gap now")
    assert panel.payloads == ["the curves"]
    host.release()
    assert "the gap now" in panel.payloads
