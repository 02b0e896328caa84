"""Faults injected into the training process through ``TrainingClient.run_function``.

The session runs in another process, so a test cannot monkeypatch it from here: it sends one
of these (module-level functions pickle by name) and the process runs it on its Trainer.
"""

from __future__ import annotations


def explode(trainer):
    raise RuntimeError("boom in the worker")


def fail_next_steps(trainer, count: int, message: str) -> None:
    """The trainer's next ``count`` steps raise ValueError(message); later ones work."""
    original = trainer.next_step
    remaining = {"n": count}

    def flaky(observe: bool = True):
        if remaining["n"] > 0:
            remaining["n"] -= 1
            raise ValueError(message)
        return original(observe)

    trainer.next_step = flaky


def break_payload(trainer, kind: str, message: str) -> None:
    """From now on, computing payloads of ``kind`` raises ArithmeticError(message)."""
    import maml_gui.core.process.session as session

    original = session.compute_payload

    def broken(trainer, request):
        if request.kind == kind:
            raise ArithmeticError(message)
        return original(trainer, request)

    session.compute_payload = broken


def process_id(trainer) -> int:
    import os

    return os.getpid()


def sleep_then_step(trainer, seconds: float) -> int:
    import time

    time.sleep(seconds)  # the process is killed during this call
    return trainer.step


def is_sleeping(pid: int) -> bool:
    """Whether the training process's main thread sits in sleep_then_step's sleep (read from
    the test process: /proc says which kernel call a thread waits in)."""
    from pathlib import Path

    try:
        return Path(f"/proc/{pid}/wchan").read_text() == "hrtimer_nanosleep"
    except OSError:
        return False
