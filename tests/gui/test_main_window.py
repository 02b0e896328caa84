"""The window, its menus and the training thread, driven offscreen with pytest-qt."""

from __future__ import annotations

import numpy as np

from maml_gui.core.config import default_config
from maml_gui.core.training import Trainer

TIMEOUT = 10_000


def test_menus_change_the_run(make_window, panel, qtbot):
    window = make_window()
    acts = window.actions_
    assert window.run_info.config.task == "toy1d"
    assert window.run_info.config.algorithm == "maml"
    assert not acts.algorithms["anil"].isEnabled()
    assert "head" in acts.algorithms["anil"].toolTip()

    window.settings_dock.apply_text("seed", "7")
    window.reset_run()
    qtbot.waitUntil(lambda: window.run_info.config.seed == 7, timeout=TIMEOUT)

    acts.tasks["sinusoid"].trigger()
    qtbot.waitUntil(lambda: window.run_info.config.task == "sinusoid", timeout=TIMEOUT)
    assert window.run_info.config.seed == 7  # the user's seed survives a switch
    assert acts.algorithms["anil"].isEnabled()

    acts.algorithms["anil"].trigger()
    qtbot.waitUntil(lambda: window.run_info.config.algorithm == "anil", timeout=TIMEOUT)
    assert acts.algorithms["anil"].isChecked()

    # ANIL does not apply to the toys: switching falls back to MAML
    acts.tasks["toy2d"].trigger()
    qtbot.waitUntil(lambda: window.run_info.config.task == "toy2d", timeout=TIMEOUT)
    assert window.run_info.config.algorithm == "maml"
    assert panel.infos[-1].task_minima.shape == (3, 2)


def test_settings_refuse_invalid_values_in_place(make_window, qtbot):
    window = make_window()
    dock = window.settings_dock
    assert not dock.apply_text("inner_lr", "50")
    assert "1e-06 to 10" in dock.message.text()
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

    with qtbot.waitSignal(window.worker.snapshot_ready, timeout=TIMEOUT):
        window.start_run()
    qtbot.waitUntil(lambda: len(panel.steps) >= 3, timeout=TIMEOUT)
    assert window.state == "running"
    assert panel.redraws > 0

    window.toggle_pause()  # Space
    qtbot.waitUntil(lambda: window.state == "paused", timeout=TIMEOUT)
    frozen = panel.steps[-1]  # the pause sends the last step's snapshot before the state
    with qtbot.waitSignal(window.worker.snapshot_ready, timeout=TIMEOUT) as blocker:
        window.single_step()
    assert blocker.args[0].step == frozen + 1
    with qtbot.waitSignal(window.worker.snapshot_ready, timeout=TIMEOUT) as blocker:
        window.single_step()
    assert blocker.args[0].step == frozen + 2
    assert window.state == "paused"
    qtbot.waitUntil(lambda: f"{frozen + 2:,} /" in window.status.iteration.text())


def test_close_mid_run_leaves_no_thread(make_window, panel, qtbot):
    window = make_window(default_config("sinusoid", "maml"))
    with qtbot.waitSignal(window.worker.snapshot_ready, timeout=TIMEOUT):
        window.start_run()
    window.stop_run()
    qtbot.waitUntil(lambda: window.state == "stopped", timeout=TIMEOUT)
    window.start_run()
    qtbot.waitUntil(lambda: window.state == "running", timeout=TIMEOUT)
    window.close()
    assert not window.training.is_running()


def test_worker_exception_reaches_user_and_app_keeps_working(
    make_window, panel, qtbot, monkeypatch
):
    window = make_window()
    shown = []
    monkeypatch.setattr(window, "show_message", lambda title, text: shown.append(text))

    def explode(trainer):
        raise RuntimeError("boom in the worker")

    window.worker.call(explode, "test")
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT)
    assert "boom in the worker" in shown[0]

    calls = {"n": 0}
    original = Trainer.next_step

    def flaky(self):
        calls["n"] += 1
        if calls["n"] == 1:
            raise ValueError("bad step")
        return original(self)

    monkeypatch.setattr(Trainer, "next_step", flaky)
    window.start_run()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=TIMEOUT)
    assert "bad step" in shown[1]
    qtbot.waitUntil(lambda: window.state == "paused", timeout=TIMEOUT)
    with qtbot.waitSignal(window.worker.snapshot_ready, timeout=TIMEOUT) as blocker:
        window.single_step()
    assert blocker.args[0].step == 1


def test_divergent_run_pauses_itself(make_window, qtbot, monkeypatch):
    window = make_window(default_config("sinusoid", "maml"))
    shown = []
    monkeypatch.setattr(window, "show_message", lambda title, text: shown.append((title, text)))
    with qtbot.waitSignal(window.worker.snapshot_ready, timeout=TIMEOUT):
        window.start_run()
    # both are live settings: the running Trainer takes them and diverges on the next step
    window.settings_dock.apply_text("train_inner_steps", "5")
    window.settings_dock.apply_text("inner_lr", "10")
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT)
    title, text = shown[0]
    assert "diverged" in title
    assert "smaller inner learning rate" in text
    qtbot.waitUntil(lambda: window.state == "paused", timeout=TIMEOUT)


def test_5000_snapshots_through_the_signal_path(make_window, panel, qtbot):
    window = make_window()
    trainer = Trainer(default_config("toy1d", "maml"))
    snapshot = trainer.next_step()
    worker = window.worker
    # emitted from the worker thread: the queued path the real run uses
    worker.call(lambda _t: [worker.snapshot_ready.emit(snapshot) for _ in range(5000)], "flood")
    qtbot.waitUntil(lambda: len(panel.steps) >= 5000, timeout=30_000)
    assert window.training.is_running()
    with qtbot.waitSignal(worker.snapshot_ready, timeout=TIMEOUT) as blocker:
        window.single_step()
    assert blocker.args[0].step == 1


def test_save_and_open_run(make_window, panel, qtbot, tmp_path):
    window = make_window()
    for _ in range(3):
        with qtbot.waitSignal(window.worker.snapshot_ready, timeout=TIMEOUT):
            window.single_step()
    path = str(tmp_path / "saved.npz")
    with qtbot.waitSignal(window.worker.call_finished, timeout=TIMEOUT):
        window.save_run(path)
    qtbot.waitUntil(lambda: window.recent_runs() == [path], timeout=TIMEOUT)

    window.reset_run()
    qtbot.waitUntil(lambda: len(panel.infos) == 2, timeout=TIMEOUT)
    window.open_run(path)
    qtbot.waitUntil(lambda: len(panel.infos) == 3, timeout=TIMEOUT)
    with qtbot.waitSignal(window.worker.snapshot_ready, timeout=TIMEOUT) as blocker:
        window.single_step()
    assert blocker.args[0].step == 4  # continues where the saved run stopped

    window.open_run(str(tmp_path / "missing.npz"))  # refused; the run is untouched
    qtbot.waitUntil(lambda: "missing.npz" in window.last_message, timeout=TIMEOUT)
    with qtbot.waitSignal(window.worker.snapshot_ready, timeout=TIMEOUT) as blocker:
        window.single_step()
    assert blocker.args[0].step == 5
    assert np.isfinite(blocker.args[0].main.loss_after)


def test_failing_payload_is_reported_once_and_training_goes_on(
    make_window, panel, qtbot, monkeypatch
):
    import maml_gui.gui.worker as worker_module

    shown = []
    original = worker_module.compute_payload

    def broken_gap(trainer, request):
        if request.kind == "gap":
            raise ArithmeticError("gap exploded")
        return original(trainer, request)

    monkeypatch.setattr(worker_module, "compute_payload", broken_gap)
    window = make_window()
    monkeypatch.setattr(window, "show_message", lambda title, text: shown.append(text))
    window.reset_run()  # a fresh run computes every payload, the broken one included
    qtbot.waitUntil(lambda: len(panel.infos) == 2, timeout=TIMEOUT)
    # the gap is requested before the trajectory: once that arrives, the failure has too
    qtbot.waitUntil(lambda: "Trajectory" in panel.payload_types(), timeout=TIMEOUT)
    assert shown and all("gap exploded" in text for text in shown)
    reported = len(shown)
    window.start_run()
    qtbot.waitUntil(lambda: len(panel.steps) >= 20, timeout=TIMEOUT)
    assert window.state == "running"
    assert len(shown) == reported  # once per run, not once per step
