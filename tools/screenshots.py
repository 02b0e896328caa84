"""Screenshots of the real window for each task family, as a user sees it (Xvfb, xcb).

    python tools/screenshots.py OUT_DIR [--size 1920x1080] [--families toy1d,toy2d,sinusoid]
                                        [--theme screen|slide] [--presenter] [--timeline STEP]
                                        [--own-task] [--explore] [--language zh_TW]
                                        [--menus]

Starts Xvfb at the given size, opens the window maximised on each family with MAML, trains a
while (the toys to the end of their budget, sinusoid for --sinusoid-steps meta-iterations),
and captures the whole screen with ImageMagick's ``import``. Needs
``apt-get install -y xvfb imagemagick libxcb-icccm4 libxcb-keysyms1``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

DISPLAY = ":98"
#: where --explore puts the landscape's explore marker, per toy
EXPLORE_AT = {"toy1d": (0.4,), "toy2d": (0.9, -0.6)}


def capture(
    out_dir: Path,
    families: list[str],
    sinusoid_steps: int,
    size: str,
    theme: str,
    presenter: bool,
    timeline: int | None = None,
    own_task: bool = False,
    explore: bool = False,
    language: str = "en",
    menus: bool = False,
) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    from maml_gui.core.config import default_config
    from maml_gui.gui.app import create_app
    from maml_gui.gui.main_window import MainWindow
    from maml_gui.gui.menus.help_menu import HelpDialog

    app = create_app()
    from maml_gui.gui import i18n

    installed = i18n.install(language)  # before any window: widgets set their texts when built
    if installed.message:
        print(installed.message)

    def run_until(condition, timeout: float = 300.0) -> None:
        loop = QEventLoop()
        deadline = time.monotonic() + timeout
        poll = QTimer()
        poll.timeout.connect(lambda: (condition() or time.monotonic() > deadline) and loop.quit())
        poll.start(50)
        loop.exec()
        poll.stop()

    def settle_and_capture(seconds: float, name: str) -> None:
        """Let the views settle for ``seconds``, then capture the screen to ``name``."""
        settle = time.monotonic() + seconds
        run_until(lambda: time.monotonic() > settle)
        path = out_dir / name
        subprocess.run(["import", "-window", "root", str(path)], check=True)
        print(path)

    for family in families:
        config = default_config(family, "maml")
        if family == "sinusoid":
            config = config.replace(iterations=sinusoid_steps)
        window = MainWindow(config, autostart=False)
        window.show()
        # Without a window manager showMaximized() keeps the default size: fill the screen.
        window.setGeometry(window.screen().availableGeometry())
        run_until(lambda w=window: w.state == "ready", 60)
        if installed.message:  # as the app says it: Chinese asked for, no font to show it
            window.show_message("Language", installed.message)
        window.controller.start()
        run_until(lambda w=window: w.state == "finished")
        seconds = 4.0  # the last payloads arrive and every view redraws
        if theme != "screen":
            window.views.set_theme(theme)
            seconds += 2.0
        settle_and_capture(seconds, f"window-{family}-{size}-{theme}.png")
        function_space = next(
            (p for p in window.panels if getattr(p, "key", "") == "function_space"), None
        )
        if own_task and family == "sinusoid" and function_space is not None:
            # your own task: K random points on a curve of amplitude 4, phase 1, as a user
            # would make it from the "Your task" menu
            function_space.start_own_task()
            function_space.own_truth = (4.0, 1.0)
            function_space._show_curve_on_sliders()
            function_space.random_points()
            run_until(lambda p=function_space: p.fit is not None and p.fit.own_task, 30)
            settle_and_capture(2.0, f"own-task-{family}-{size}-{theme}.png")
            function_space.clear_own()
        landscape = next((p for p in window.panels if getattr(p, "key", "") == "landscape"), None)
        if explore and family in EXPLORE_AT and landscape is not None:
            # the explore marker where the tasks' pulls disagree, three inner steps
            landscape.explore.use_point(EXPLORE_AT[family], steps=3)
            run_until(lambda p=landscape: p.explore.result is not None, 30)
            settle_and_capture(2.0, f"explore-{family}-{size}-{theme}.png")
        if menus:  # each menu of the menu bar opened, then the Help overview
            for index, action in enumerate(window.menuBar().actions()):
                menu = action.menu()
                geometry = window.menuBar().actionGeometry(action)
                menu.popup(window.menuBar().mapToGlobal(geometry.bottomLeft()))
                settle_and_capture(0.8, f"menu{index}-{family}-{size}-{language}.png")
                menu.hide()
            window.help_menu.actions()[0].trigger()
            settle_and_capture(1.0, f"help-{family}-{size}-{language}.png")
            for box in window.findChildren(HelpDialog):
                box.close()
        if timeline is not None:  # every view as the run was at that step
            window.timeline.show_step(timeline)
            run_until(lambda w=window: w.timeline.shown_step is not None, 120)
            settle_and_capture(3.0, f"timeline-{family}-{size}-{theme}-step{timeline}.png")
            window.timeline.go_live()
        if presenter:
            window.presenter.enter(0)
            for index in range(len(window.views.docks)):
                window.presenter.show_view(index)
                settle = time.monotonic() + 2.0  # the theme re-fits 150 ms after the resize
                run_until(lambda until=settle: time.monotonic() > until)
                path = out_dir / f"presenter-{family}-{size}-view{index}.png"
                subprocess.run(["import", "-window", "root", str(path)], check=True)
                print(path)
            window.presenter.leave()
        window.close_without_asking()
        app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--families", default="toy1d,toy2d,sinusoid")
    parser.add_argument("--sinusoid-steps", type=int, default=3000)
    parser.add_argument("--theme", choices=("screen", "slide"), default="screen")
    parser.add_argument("--presenter", action="store_true", help="also each view presented")
    parser.add_argument("--timeline", type=int, help="also the window at this step, looked back")
    parser.add_argument("--own-task", action="store_true", help="also your own sine task")
    parser.add_argument("--explore", action="store_true", help="also the explore marker (toys)")
    parser.add_argument("--language", default="en", help="en or zh_TW")
    parser.add_argument("--menus", action="store_true", help="also every menu and Help")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    families = args.families.split(",")
    if args.child:
        capture(
            args.out_dir,
            families,
            args.sinusoid_steps,
            args.size,
            args.theme,
            args.presenter,
            args.timeline,
            args.own_task,
            args.explore,
            args.language,
            args.menus,
        )
        return 0
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", f"{args.size}x24"])
    try:
        time.sleep(1.0)
        env = {**os.environ, "DISPLAY": DISPLAY, "QT_QPA_PLATFORM": "xcb"}
        command = [sys.executable, __file__, *sys.argv[1:], "--child"]
        return subprocess.run(command, env=env, check=False).returncode
    finally:
        xvfb.terminate()
        xvfb.wait()


if __name__ == "__main__":
    raise SystemExit(main())
