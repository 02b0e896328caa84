"""The window, its menus and the training process, driven offscreen with pytest-qt."""

from __future__ import annotations

import os
import signal
import time
from functools import partial

import numpy as np

import maml_gui.core.process.protocol as protocol
from maml_gui.core.config import default_config

from . import session_faults

TIMEOUT = 10_000


def test_menus_change_the_run(make_window, panel, qtbot):
    window = make_window()
    assert window.run_info.config.task == "toy1d"
    assert window.run_info.config.algorithm == "maml"
    assert not window.algorithm_menu.algorithms["anil"].isEnabled()
    assert "head" in window.algorithm_menu.algorithms["anil"].toolTip()

    window.settings_dock.apply_text("seed", "7")
    window.controller.reset()
    qtbot.waitUntil(lambda: window.run_info.config.seed == 7, timeout=TIMEOUT)

    window.task_menu.tasks["sinusoid"].trigger()
    qtbot.waitUntil(lambda: window.run_info.config.task == "sinusoid", timeout=TIMEOUT)
    assert window.run_info.config.seed == 7  # the user's seed survives a switch
    assert window.algorithm_menu.algorithms["anil"].isEnabled()

    window.algorithm_menu.algorithms["anil"].trigger()
    qtbot.waitUntil(lambda: window.run_info.config.algorithm == "anil", timeout=TIMEOUT)
    assert window.algorithm_menu.algorithms["anil"].isChecked()

    # ANIL does not apply to the toys: switching falls back to MAML
    window.task_menu.tasks["toy2d"].trigger()
    qtbot.waitUntil(lambda: window.run_info.config.task == "toy2d", timeout=TIMEOUT)
    assert window.run_info.config.algorithm == "maml"
    assert panel.infos[-1].task_minima.shape == (3, 2)


def test_settings_refuse_invalid_values_in_place(make_window, qtbot):
    window = make_window()
    dock = window.settings_dock
    assert not dock.apply_text("inner_lr", "50")
    assert "1e-06 to 10" in dock.message.text()
    # in the field's own words, and the field shows the value the run keeps using
    assert (
        "Inner learning rate α must be" in dock.message.text() and "kept 0.8" in dock.message.text()
    )
    assert dock.edits["inner_lr"].text() == "0.8"
    assert not dock.apply_text("train_inner_steps", "two")
    assert "integer from 1 to 20" in dock.message.text()
    assert window.run_info.config.inner_lr == default_config().inner_lr  # nothing applied

    assert dock.apply_text("inner_lr", "0.2")  # live: reaches the running Trainer
    assert dock.message.text() == ""
    qtbot.waitUntil(lambda: window.run_info.config.inner_lr == 0.2, timeout=TIMEOUT)

    assert dock.apply_text("seed", "3")  # needs a reset, and says so
    assert "Seed" in dock.pending_label.text()
    assert window.run_info.config.seed == 0
    dock.reset_button.click()
    qtbot.waitUntil(lambda: window.run_info.config.seed == 3, timeout=TIMEOUT)
    assert window.run_info.config.inner_lr == 0.2
    assert dock.pending_label.text() == ""


def test_start_pause_single_step(make_window, panel, qtbot):
    window = make_window()
    # the views' payloads arrive for a fresh run before any training
    expected = {"ToyLandscape", "GapResult", "Trajectory", "LossHistory"}
    qtbot.waitUntil(lambda: expected <= panel.payload_types(), timeout=TIMEOUT)

    with qtbot.waitSignal(window.client.snapshot_ready, timeout=TIMEOUT):
        window.controller.start()
    qtbot.waitUntil(lambda: len(panel.steps) >= 3, timeout=TIMEOUT)
    assert window.state == "running"
    assert panel.redraws > 0

    window.controller.toggle_pause()  # Space
    qtbot.waitUntil(lambda: window.state == "paused", timeout=TIMEOUT)
    frozen = panel.steps[-1]  # the pause sends the last step's snapshot before the state
    with qtbot.waitSignal(window.client.snapshot_ready, timeout=TIMEOUT) as blocker:
        window.controller.single_step()
    assert blocker.args[0].step == frozen + 1
    with qtbot.waitSignal(window.client.snapshot_ready, timeout=TIMEOUT) as blocker:
        window.controller.single_step()
    assert blocker.args[0].step == frozen + 2
    assert window.state == "paused"
    qtbot.waitUntil(lambda: f"{frozen + 2:,} /" in window.status.iteration.text())


def test_training_speed_menu_paces_the_run(make_window, panel, qtbot):
    window = make_window()
    window.run_menu.speeds[10.0].trigger()
    assert window.run_menu.speeds[10.0].isChecked()
    window.controller.start()
    qtbot.waitUntil(lambda: len(panel.steps) >= 2, timeout=TIMEOUT)
    start, first = time.perf_counter(), panel.steps[-1]
    qtbot.waitUntil(lambda: panel.steps[-1] >= first + 6, timeout=TIMEOUT)
    # a lower bound only (a toy trains ~400 per second at full speed here; a loaded machine
    # is slower, never faster than the pace; one late step may catch up an interval)
    assert time.perf_counter() - start >= 5 / 10.0
    window.run_menu.speeds[None].trigger()
    qtbot.waitUntil(lambda: window.state == "finished", timeout=30_000)


def test_close_mid_run_leaves_no_process(make_window, panel, qtbot):
    window = make_window(default_config("sinusoid", "maml"))
    with qtbot.waitSignal(window.client.snapshot_ready, timeout=TIMEOUT):
        window.controller.start()
    window.controller.stop()
    qtbot.waitUntil(lambda: window.state == "stopped", timeout=TIMEOUT)
    window.controller.start()
    qtbot.waitUntil(lambda: window.state == "running", timeout=TIMEOUT)
    pid = window.client.pid
    window.close()  # asks first (the run is unsaved): answered Discard, then it closes
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT)
    assert window.questions == ["quit"]
    assert not window.client.is_running()
    with np.testing.assert_raises(ProcessLookupError):
        os.kill(pid, 0)  # gone, not a zombie left behind


def test_training_runs_in_another_process(make_window, qtbot):
    window = make_window()
    handle = window.client.run_function(session_faults.process_id)
    with qtbot.waitSignal(handle.returned, timeout=TIMEOUT) as blocker:
        pass
    assert blocker.args[0] == window.client.pid != os.getpid()


def test_worker_exception_reaches_user_and_app_keeps_working(
    make_window, panel, qtbot, monkeypatch
):
    window = make_window()
    shown = []
    monkeypatch.setattr(window, "show_message", lambda title, text: shown.append(text))

    window.client.run_function(session_faults.explode)
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT)
    assert "boom in the worker" in shown[0]

    bad_step = partial(session_faults.fail_next_steps, count=1, message="bad step")
    window.client.run_function(bad_step)
    window.controller.start()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=TIMEOUT)
    assert "bad step" in shown[1]
    qtbot.waitUntil(lambda: window.state == "paused", timeout=TIMEOUT)
    with qtbot.waitSignal(window.client.snapshot_ready, timeout=TIMEOUT) as blocker:
        window.controller.single_step()
    assert blocker.args[0].step == 1


def test_divergent_run_pauses_itself(make_window, qtbot, monkeypatch):
    window = make_window(default_config("sinusoid", "maml"))
    shown = []
    monkeypatch.setattr(window, "show_message", lambda title, text: shown.append((title, text)))
    with qtbot.waitSignal(window.client.snapshot_ready, timeout=TIMEOUT):
        window.controller.start()
    # both are live settings: the running Trainer takes them and diverges on the next step
    window.settings_dock.apply_text("train_inner_steps", "5")
    window.settings_dock.apply_text("inner_lr", "10")
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT)
    title, text = shown[0]
    assert "diverged" in title
    assert "smaller inner learning rate" in text
    qtbot.waitUntil(lambda: window.state == "paused", timeout=TIMEOUT)


def test_5000_snapshots_through_the_signal_path(make_window, panel, qtbot, monkeypatch):
    # one snapshot per step, each pickled, piped across and emitted as a signal
    monkeypatch.setattr(protocol, "SNAPSHOT_INTERVAL", 0.0)
    window = make_window(default_config("toy1d", "maml").replace(iterations=5000))
    window.controller.start()
    qtbot.waitUntil(lambda: window.state == "finished", timeout=60_000)
    assert panel.steps == list(range(1, 5001))  # every one, in order
    assert window.client.is_running()
    qtbot.waitUntil(lambda: window.status.iteration.text().endswith("5,000 / 5,000"))


def test_a_killed_training_process_is_reported_and_replaced(
    make_window, panel, qtbot, monkeypatch, tmp_path
):
    window = make_window(default_config("sinusoid", "maml"))
    shown, answers = [], []
    monkeypatch.setattr(window, "show_message", lambda title, text: shown.append(text))
    window.controller.start()
    qtbot.waitUntil(lambda: len(panel.steps) >= 5, timeout=TIMEOUT)
    # killed mid-run (a 350 kB snapshot may be half written) while a call is still pending
    slow = window.client.run_function(partial(session_faults.sleep_then_step, seconds=30))
    slow.errored.connect(answers.append)
    slow.returned.connect(answers.append)
    # killed while it runs the call: the call is pending when the process dies
    qtbot.waitUntil(lambda: session_faults.is_sleeping(window.client.pid), timeout=TIMEOUT)
    os.kill(window.client.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT)
    assert "killed by signal 9" in shown[0]
    assert window.state == "stopped"
    (answer,) = answers
    assert answer.kind == "RuntimeError" and "killed by signal 9" in answer.message

    path = tmp_path / "after.npz"
    # nothing to save: it says so, writes nothing, starts nothing
    window.controller.save_run(str(path))
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=TIMEOUT)
    assert "no training process" in shown[1]  # and the death itself was reported once
    assert not path.exists() and window.client.pid is None

    window.settings_dock.apply_text("seed", "5")
    window.controller.reset()  # a fresh process, on the settings the user chose
    qtbot.waitUntil(lambda: window.run_info.config.seed == 5, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.state == "ready", timeout=TIMEOUT)
    with qtbot.waitSignal(window.client.snapshot_ready, timeout=TIMEOUT) as blocker:
        window.controller.single_step()
    assert blocker.args[0].step == 1


def test_save_and_open_run(make_window, panel, qtbot, tmp_path):
    window = make_window()
    for _ in range(3):
        with qtbot.waitSignal(window.client.snapshot_ready, timeout=TIMEOUT):
            window.controller.single_step()
    path = str(tmp_path / "saved.npz")
    with qtbot.waitSignal(window.controller.file_call_finished, timeout=TIMEOUT):
        window.controller.save_run(path)
    qtbot.waitUntil(lambda: window.file_menu.recent_runs() == [path], timeout=TIMEOUT)

    window.controller.reset()
    qtbot.waitUntil(lambda: len(panel.infos) == 2, timeout=TIMEOUT)
    window.controller.open_run(path)
    qtbot.waitUntil(lambda: len(panel.infos) == 3, timeout=TIMEOUT)
    with qtbot.waitSignal(window.client.snapshot_ready, timeout=TIMEOUT) as blocker:
        window.controller.single_step()
    assert blocker.args[0].step == 4  # continues where the saved run stopped

    window.controller.open_run(str(tmp_path / "missing.npz"))  # refused; the run is untouched
    qtbot.waitUntil(lambda: "missing.npz" in window.last_message, timeout=TIMEOUT)
    with qtbot.waitSignal(window.client.snapshot_ready, timeout=TIMEOUT) as blocker:
        window.controller.single_step()
    assert blocker.args[0].step == 5
    assert np.isfinite(blocker.args[0].main.loss_after)


def test_failing_payload_is_reported_once_and_training_goes_on(
    make_window, panel, qtbot, monkeypatch
):
    shown = []
    window = make_window()
    monkeypatch.setattr(window, "show_message", lambda title, text: shown.append(text))
    broken_gap = partial(session_faults.break_payload, kind="gap", message="gap exploded")
    window.client.run_function(broken_gap)
    window.controller.reset()  # a fresh run computes every payload, the broken one included
    qtbot.waitUntil(lambda: len(panel.infos) == 2, timeout=TIMEOUT)
    # the gap is requested before the trajectory: once that arrives, the failure has too
    qtbot.waitUntil(lambda: "Trajectory" in panel.payload_types(), timeout=TIMEOUT)
    assert shown and all("gap exploded" in text for text in shown)
    reported = len(shown)
    window.controller.start()
    qtbot.waitUntil(lambda: len(panel.steps) >= 20, timeout=TIMEOUT)
    assert window.state == "running"
    assert len(shown) == reported  # once per run, not once per step


def test_every_help_entry_opens_its_text(make_window, qtbot):
    from maml_gui.gui.menus.help_menu import HelpDialog

    window = make_window()
    actions = [a for a in window.help_menu.actions() if not a.isSeparator()][:-1]  # not the log
    for action in actions:
        action.trigger()
    boxes = window.findChildren(HelpDialog)
    texts = [box.browser.toPlainText() for box in boxes]
    assert len(boxes) == len(actions) and texts[0].startswith("What am I looking at?")
    assert all(box.isVisible() and not box.isModal() for box in boxes)
    assert all(text.strip() for text in texts)
    screen = window.screen().availableGeometry()
    assert all(box.height() <= screen.height() for box in boxes)
    for box in boxes:
        box.close()
