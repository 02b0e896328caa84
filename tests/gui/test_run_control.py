"""The lecturer's run control: Space wherever the focus is, the toolbar, asking before an
unsaved run is dropped, settings kept across a switch, the run's file in the title."""

from __future__ import annotations

from PySide6.QtCore import Qt

from maml_gui.core.config import HW15, default_config
from maml_gui.gui.discard_guard import Choice
from maml_gui.gui.menus.run_toolbar import RunToolBar
from maml_gui.gui.menus.task_menu import DATA_KEY
from maml_gui.gui.run_controller import switched_config

TIMEOUT = 10_000


def _steps(window, qtbot, n: int) -> None:
    for _ in range(n):
        with qtbot.waitSignal(window.client.snapshot_ready, timeout=TIMEOUT):
            window.controller.single_step()


def test_space_pauses_and_resumes_with_the_focus_in_a_settings_field(make_window, qtbot):
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT)
    field = window.settings_dock.edits["seed"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=TIMEOUT)
    before = field.text()
    qtbot.keyClick(field, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.state == "running", timeout=TIMEOUT)
    qtbot.keyClick(field, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.state == "paused", timeout=TIMEOUT)
    assert field.text() == before  # the space was not typed into the number


def test_the_toolbar_carries_the_run_actions_and_the_speed(make_window, qtbot):
    window = make_window()
    toolbar = window.findChild(RunToolBar)
    texts = [a.text() for a in toolbar.actions() if a.text()]
    assert texts[:4] == ["&Start", "&Resume", "Single s&tep", "&Reset"]
    toolbar.speed.setCurrentIndex(3)
    toolbar.speed.activated.emit(3)
    assert window.controller.pace == 10.0
    assert window.run_menu.speeds[10.0].isChecked()  # one state for menu and toolbar
    window.run_menu.speeds[None].trigger()
    assert toolbar.speed.currentIndex() == 0


def test_switching_an_unsaved_run_asks_and_cancel_keeps_it(make_window, qtbot):
    window = make_window()
    _steps(window, qtbot, 2)
    assert window.controller.unsaved
    assert window.isWindowModified() and window.windowTitle().startswith("untitled run")
    window.discard_guard.ask = lambda *_: Choice.CANCEL
    window.task_menu.tasks["toy2d"].trigger()
    assert window.run_info.config.task == "toy1d"
    assert window.task_menu.tasks["toy1d"].isChecked()  # the menu shows the run there is
    _steps(window, qtbot, 1)  # the same run goes on
    assert window.controller.last_step == 3
    window.discard_guard.ask = lambda *_: Choice.DISCARD
    window.task_menu.tasks["toy2d"].trigger()
    qtbot.waitUntil(lambda: window.run_info.config.task == "toy2d", timeout=TIMEOUT)
    assert not window.controller.unsaved and not window.isWindowModified()


def test_save_first_saves_then_switches_and_the_title_names_the_file(make_window, qtbot, tmp_path):
    window = make_window()
    _steps(window, qtbot, 2)
    path = tmp_path / "kept.npz"
    window.discard_guard.ask = lambda *_: Choice.SAVE
    window.discard_guard.ask_path = lambda _parent: str(path)
    window.algorithm_menu.algorithms["fomaml"].trigger()
    qtbot.waitUntil(lambda: window.run_info.config.algorithm == "fomaml", timeout=TIMEOUT)
    assert path.exists()
    window.controller.open_run(str(path))  # nothing unsaved: no question
    qtbot.waitUntil(lambda: window.controller.run_path == str(path), timeout=TIMEOUT)
    assert window.windowTitle() == "kept.npz[*] — maml-gui" and not window.isWindowModified()
    _steps(window, qtbot, 1)
    assert window.isWindowModified()


def test_a_run_that_has_not_trained_is_dropped_without_asking(make_window, qtbot):
    window = make_window()
    window.discard_guard.ask = lambda *_: (_ for _ in ()).throw(AssertionError("asked"))
    window.task_menu.tasks["toy2d"].trigger()
    qtbot.waitUntil(lambda: window.run_info.config.task == "toy2d", timeout=TIMEOUT)


def test_quitting_an_unsaved_run_asks(make_window, qtbot):
    window = make_window()
    _steps(window, qtbot, 1)
    window.discard_guard.ask = lambda *_: Choice.CANCEL
    assert not window.close()
    assert window.isVisible() and window.client.is_running()
    window.discard_guard.ask = lambda *_: Choice.DISCARD
    assert window.close() is False  # closed once answered, from the event loop
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT)
    assert not window.client.is_running()


def test_a_switch_keeps_the_settings_that_apply():
    toy = default_config("toy1d", "maml").replace(iterations=3000, seed=4, inner_lr=0.5)
    # another algorithm, same family: every setting the user changed stays
    assert switched_config(toy, None, "fomaml") == toy.replace(algorithm="fomaml")
    # ... and one left at the old algorithm's default takes the new one's (Reptile's steps)
    reptile = switched_config(toy, None, "reptile")
    assert reptile.train_inner_steps == default_config("toy1d", "reptile").train_inner_steps > 1
    assert (reptile.iterations, reptile.seed, reptile.inner_lr) == (3000, 4, 0.5)
    assert switched_config(default_config("sinusoid"), None, "reptile") == default_config(
        "sinusoid", "reptile"
    )
    # another family: the budget and the seed stay; the rates are sinusoid's own
    sinusoid = switched_config(toy, "sinusoid", None)
    assert (sinusoid.iterations, sinusoid.seed) == (3000, 4)
    assert sinusoid.inner_lr == default_config("sinusoid").inner_lr
    # a setting left at the old family's default takes the new family's
    plain = switched_config(default_config("toy1d"), "sinusoid", None)
    assert plain == default_config("sinusoid")
    # ANIL has no head to adapt on the toys: MAML instead
    assert switched_config(default_config("sinusoid", "anil"), "toy2d", None).algorithm == "maml"


def test_the_gap_dock_names_the_chosen_algorithm(qtbot):
    from maml_gui.core.config import default_config as config_of
    from maml_gui.core.payloads import run_info
    from maml_gui.core.training import Trainer
    from maml_gui.gui.panels.gap import GapPanel

    panel = GapPanel()
    qtbot.addWidget(panel)
    for algorithm, title in (
        ("maml", "MAML vs pretraining gap"),
        ("reptile", "Reptile vs pretraining gap"),
        ("pretraining", "Pretraining: fine-tuning on held-out tasks"),
    ):
        assert panel.dock_title(run_info(Trainer(config_of("toy1d", algorithm)))) == title


def test_the_window_opens_an_omniglot_run_with_its_own_views(
    make_window, qtbot, tmp_path, monkeypatch
):
    """A classification run hides the function space (its counterpart is the task view), the
    View menu cannot show it back, and a regression shows it again."""
    from maml_gui.core.checkpoint import save_run
    from maml_gui.core.training import Trainer
    from maml_gui.gui.panels import all_panels

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # not the user's cache
    window = make_window(panels=all_panels())
    sent = []  # the standing requests the views hand the training process
    window.views.requests_changed.connect(sent.append)
    assert "omniglot" in window.task_menu.tasks
    _steps(window, qtbot, 1)
    config = default_config("omniglot", "maml").replace(
        iterations=1, hidden=4, meta_batch_size=2, n_way=3
    )
    path = save_run(Trainer(config), tmp_path / "omniglot.npz")
    window.discard_guard.ask = lambda *_: Choice.DISCARD
    with qtbot.waitSignal(window.controller.run_reset, timeout=TIMEOUT):
        window.controller.open_run(str(path))
    docks = {panel.key: dock for panel, dock in zip(window.panels, window.views.docks, strict=True)}
    assert window.run_info.config.task == "omniglot"
    assert not docks["function_space"].isVisible()
    assert not docks["function_space"].toggleViewAction().isEnabled()
    # the tab group's first classification view comes to the front in its place
    seen = window.views.is_seen
    assert seen(docks["task_view"]) and not seen(docks["metrics"])
    # a costly view asks for its payload only while its tab is in front
    wanted = {request.kind for request in sent[-1]}
    assert "task_predictions" in wanted and "one_shot_runs" not in wanted
    docks["one_shot"].raise_()
    qtbot.waitUntil(lambda: "one_shot_runs" in {r.kind for r in sent[-1]})
    assert all(docks[key].toggleViewAction().isEnabled() for key in ("quiz", "one_shot"))
    assert docks["gap"].widget().metric_control.isVisibleTo(docks["gap"].widget())
    with qtbot.waitSignal(window.controller.run_reset, timeout=TIMEOUT):
        window.controller.switch(task="sinusoid")
    assert docks["function_space"].toggleViewAction().isEnabled()
    assert docks["function_space"].isVisible()
    assert not docks["task_view"].toggleViewAction().isEnabled()  # nothing for a regression


def test_omniglot_data_is_checked_remembered_only_once_accepted_and_hw15_is_one_click(
    make_window, qtbot, tmp_path, monkeypatch
):
    from maml_gui.core.examples import EXAMPLES, bundled_examples
    from tests.core.test_omniglot_data import _make_layout

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # not the user's cache
    window = make_window()
    settings = window.task_menu.settings
    shown = []
    window.show_message = lambda title, text: shown.append(text)
    missing = tmp_path / "not-omniglot"
    missing.mkdir()
    window.task_menu.use_data(str(missing))
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT)
    assert "images_background" in shown[0]  # says what is missing
    assert window.run_info.config.task == "toy1d"  # the run there was stays
    assert not settings.value(DATA_KEY, "")  # a refused folder is not remembered
    data = tmp_path / "omniglot"
    _make_layout(data, "images_background", alphabets=2, characters=6, drawings=3)
    _make_layout(data, "images_evaluation", alphabets=1, characters=6, drawings=3)
    with qtbot.waitSignal(window.controller.run_reset, timeout=TIMEOUT):
        window.task_menu.use_data(str(data))
    assert window.run_info.config.task == "omniglot" and window.run_info.config.data == str(data)
    assert settings.value(DATA_KEY) == str(data)
    with qtbot.waitSignal(window.controller.run_reset, timeout=TIMEOUT):
        window.controller.switch(task="sinusoid")
    window.settings_dock.apply_text("inner_lr", "0.05")
    with qtbot.waitSignal(window.controller.run_reset, timeout=TIMEOUT):
        window.task_menu.hw15_action.trigger()
    config = window.run_info.config
    assert {name: getattr(config, name) for name in HW15} == HW15
    assert config.data == str(data)  # the remembered data set
    # opening a run on other data (the bundled examples') does not change the choice
    example = dict(bundled_examples())[EXAMPLES["omniglot-maml.npz"]]
    with qtbot.waitSignal(window.controller.run_reset, timeout=60_000):
        window.controller.open_run(str(example))
    assert window.run_info.config.data == "" and settings.value(DATA_KEY) == str(data)


def test_file_menu_opens_the_bundled_examples(make_window, qtbot, tmp_path, monkeypatch):
    """A lecturer sees the classification views at once: File > Open example."""
    from maml_gui.core.examples import EXAMPLES
    from maml_gui.gui.panels import all_panels

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    window = make_window(panels=all_panels())
    actions = window.file_menu.examples.actions()
    assert [a.text() for a in actions] == list(EXAMPLES.values())
    with qtbot.waitSignal(window.controller.run_reset, timeout=60_000):
        actions[0].trigger()
    info = window.run_info
    assert info.config.task == "omniglot" and info.config.algorithm == "maml"
    assert info.snapshot is not None and info.snapshot.step == info.config.iterations
