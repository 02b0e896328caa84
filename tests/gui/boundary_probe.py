"""Run the real window as a user would and report which modules each process loaded.

``python -m tests.gui.boundary_probe OUT_DIR`` opens the window offscreen, trains sinusoid a
few steps, saves the run, opens it again, exports an animation of the landscape, and then
writes ``OUT_DIR/modules.json``: the GUI process's ``sys.modules`` and the training
process's. The training process is spawned, so it re-imports this module as its main module:
nothing here may import torch at module level, and the work runs under the main guard.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TIMEOUT_MS = 60_000


def loaded_modules(_trainer) -> list[str]:
    """Runs in the training process (sent by name through TrainingClient.run_function)."""
    return sorted(sys.modules)


def main(out_dir: Path) -> int:
    from PySide6.QtCore import QEventLoop, QTimer

    from maml_gui.core.config import default_config
    from maml_gui.gui.app import create_app
    from maml_gui.gui.export.animation_job import AnimationJob
    from maml_gui.gui.main_window import MainWindow

    app = create_app()
    window = MainWindow(default_config("sinusoid", "maml").replace(meta_batch_size=5))
    window.show()

    def wait_for(signal) -> list:
        """Run the event loop until ``signal`` fires; its arguments."""
        loop, got = QEventLoop(), []
        signal.connect(lambda *args: (got.append(args), loop.quit()))
        QTimer.singleShot(TIMEOUT_MS, loop.quit)
        loop.exec()
        if not got:
            raise TimeoutError(f"no {signal} within {TIMEOUT_MS} ms")
        return list(got[0])

    controller = window.controller
    for _ in range(3):
        controller.single_step()
        wait_for(window.client.snapshot_ready)
    run = out_dir / "run.npz"
    (written,) = wait_for(controller.save_run(str(run)).returned)
    controller.guard = lambda _what, action: action()  # saved just now: nothing to ask
    controller.open_run(str(written))
    wait_for(controller.file_call_finished)
    landscape = window.views.panels[0]
    frames_handle = window.client.frames(list(landscape.requests()), 3)
    (frames,) = wait_for(frames_handle.returned)
    job = AnimationJob(landscape, frames, str(out_dir / "a.gif"), "gif", 5, 320, "16:9", window)
    job.start()
    (outcome,) = wait_for(job.finished)
    if isinstance(outcome, Exception):
        raise outcome
    (training,) = wait_for(window.client.run_function(loaded_modules).returned)
    report = {"gui": sorted(sys.modules), "training": training, "animation": str(outcome)}
    (out_dir / "modules.json").write_text(json.dumps(report))
    window.close_without_asking()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
