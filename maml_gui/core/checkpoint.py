"""Save and load a run: one ``.npz`` file (a zip of plain numeric arrays plus a JSON header).

Loading uses ``numpy.load(allow_pickle=False)``, which refuses object arrays, so a file can
never execute code; every array is checked against the shape the config implies before any
of it touches a live Trainer, so a bad file leaves the caller's run untouched.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import torch

import maml_gui
from maml_gui.core.config import ConfigError, RunConfig
from maml_gui.core.explained import ExplainedError
from maml_gui.core.history import DecimatingHistory
from maml_gui.core.path_sketch import CHECKPOINTS
from maml_gui.core.records import GAP_ACCURACY_START
from maml_gui.core.snapshot import flatten
from maml_gui.core.training import Trainer

FORMAT_NAME = "maml-gui-run"
FORMAT_VERSION = 1
RUN_FILE = "run.npz"


#: the exact path points of a large net (core.path_sketch), left out of an example
EXACT_CHECKPOINTS = ("main_checkpoints", "twin_checkpoints")
#: the paths a large net keeps as sketches
SKETCHED = ("main_path", "twin_path")


def _histories(trainer) -> tuple[str, ...]:
    """The trainer's histories a run file holds (a large net's exact checkpoints too)."""
    return ("losses", "gap_history", *trainer.path_histories())


class CheckpointError(ExplainedError, ValueError):
    """A run file cannot be read or written; the message says why in one line."""


def run_file(path: str | os.PathLike) -> Path:
    """A run is a file, or a directory holding ``run.npz`` (the CLI's ``--out DIR``)."""
    p = Path(path)
    return p / RUN_FILE if p.is_dir() or not p.suffix else p


def save_run(trainer, path: str | os.PathLike, example: bool = False) -> Path:
    """Write the whole run (config, both learners with optimiser state, task RNG, histories).

    ``example``: a compact copy to ship with the app (a Conv4 run is 13.5 MB in full, 2.1 MB
    so): no optimiser state (a run trained on from it starts Adam afresh) and no exact path
    checkpoints (it gets the start and its current phi when opened); everything the views
    show is kept. Written to a temporary file first and renamed, so a failure never leaves a
    half-written file under the requested name.
    """
    target = run_file(path)
    arrays: dict[str, np.ndarray] = {}
    for prefix, learner in (("main", trainer.main), ("twin", trainer.twin)):
        for name, tensor in learner.state_tensors().items():
            if example and name.startswith("opt/"):
                continue
            arrays[f"{prefix}/{name}"] = tensor.detach().cpu().numpy()
    arrays["rng/task_generator"] = trainer.task_generator.get_state().numpy()
    for name in _histories(trainer):
        if example and name in EXACT_CHECKPOINTS:
            continue
        for key, value in getattr(trainer, name).state().items():
            arrays[f"history/{name}/{key}"] = value
    header = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "app_version": maml_gui.__version__,
        "step": trainer.step,
        "config": trainer.config.to_dict(),
    }
    data_checksum = getattr(trainer.family, "data_checksum", None)
    if data_checksum:
        header["data_checksum"] = data_checksum
    if example:
        header["example"] = True
    arrays["header"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".run-", suffix=".npz", dir=target.parent)
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            (np.savez_compressed if example else np.savez)(handle, **arrays)
        # mkstemp makes the file private (0600); a saved run is an ordinary document.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    finally:
        Path(tmp).unlink(missing_ok=True)  # gone already after a successful replace
    return target


def _cannot_write(target: Path, exc: OSError) -> CheckpointError:
    return CheckpointError("cannot write {file}: {reason}", file=target, reason=exc.strerror or exc)


def read_run(path: str | os.PathLike) -> tuple[dict, dict[str, np.ndarray]]:
    """Header and arrays of a run file, validated for format and version only."""
    target = run_file(path)
    if not target.exists():
        raise CheckpointError("{file}: no such run file", file=target)
    if not zipfile.is_zipfile(target):
        raise CheckpointError(
            "{file}: not a readable maml-gui run (truncated or corrupted: not an .npz archive)",
            file=target,
        )
    try:
        # Open the file ourselves: numpy leaks its own handle when the zip is unreadable.
        with open(target, "rb") as handle, np.load(handle, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
    except ValueError as exc:
        if "pickle" in str(exc):  # numpy: "Object arrays cannot be loaded when allow_pickle..."
            raise CheckpointError(
                "{file}: refused, it contains pickled objects", file=target
            ) from exc
        raise CheckpointError(
            "{file}: not a readable maml-gui run (corrupted: {reason})", file=target, reason=exc
        ) from exc
    except (zipfile.BadZipFile, EOFError, OSError, KeyError) as exc:
        raise CheckpointError(
            "{file}: not a readable maml-gui run (truncated or corrupted: {reason})",
            file=target,
            reason=exc,
        ) from exc
    odd = sorted(name for name, value in arrays.items() if not isinstance(value, np.ndarray))
    if odd:
        # numpy hands back the raw bytes of a member that is not an .npy array (a pickle,
        # say); it is never unpickled, and the file is refused.
        raise CheckpointError(
            "{file}: refused, member {member} is not a plain array",
            file=target,
            member=repr(odd[0]),
        )
    if "header" not in arrays:
        raise CheckpointError("{file}: not a maml-gui run (no header)", file=target)
    try:
        header = json.loads(arrays.pop("header").tobytes().decode())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CheckpointError(
            "{file}: the header is corrupted ({reason})", file=target, reason=exc
        ) from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT_NAME:
        raise CheckpointError("{file}: not a maml-gui run", file=target)
    version = header.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise CheckpointError(
            "{file}: written by a newer maml-gui (format {version}; this version reads format "
            "{readable}); please upgrade",
            file=target,
            version=version,
            readable=FORMAT_VERSION,
        )
    return header, arrays


def load_run(path: str | os.PathLike, dtype: torch.dtype | None = None):
    """A new Trainer that continues exactly where the saved run stopped."""
    header, arrays = read_run(path)
    target = run_file(path)
    try:
        config = RunConfig.from_dict(header.get("config"))
    except (ConfigError, TypeError) as exc:
        raise CheckpointError(
            "{file}: invalid configuration: {reason}", file=target, reason=exc
        ) from exc
    step = header.get("step")
    if not isinstance(step, int) or step < 0:
        raise CheckpointError("{file}: invalid step count {step}", file=target, step=repr(step))
    trainer = Trainer(config, dtype)
    saved_data = header.get("data_checksum")
    if saved_data is not None and saved_data != getattr(trainer.family, "data_checksum", None):
        if config.data:
            raise CheckpointError(
                "{file}: the run learnt from other data than {data} holds now (its checksum "
                "differs); point --data at the data it used",
                file=target,
                data=config.data,
            )
        raise CheckpointError(
            "{file}: the run learnt from other data than the bundled Omniglot subset holds now "
            "(its checksum differs); point --data at the data it used",
            file=target,
        )
    try:
        _restore(trainer, arrays, step)
    except (KeyError, ValueError, RuntimeError, TypeError, MemoryError) as exc:
        raise CheckpointError(
            "{file}: the saved tensors do not match the run's configuration ({reason})",
            file=target,
            reason=exc,
        ) from exc
    return trainer


def _restore(trainer, arrays: dict[str, np.ndarray], step: int) -> None:
    for prefix, learner in (("main", trainer.main), ("twin", trainer.twin)):
        expected = learner.state_tensors()
        tensors = {}
        for name, current in expected.items():
            key = f"{prefix}/{name}"
            tensors[name] = _tensor_like(arrays, key, current)
        # Optimiser moments exist only after the first step; accept those the file has.
        for key, value in arrays.items():
            if key.startswith(f"{prefix}/opt/") and key[len(prefix) + 1 :] not in tensors:
                if not np.issubdtype(value.dtype, np.floating) or not np.isfinite(value).all():
                    raise ValueError(f"{key} is not a finite float array")
                tensors[key[len(prefix) + 1 :]] = torch.from_numpy(np.array(value))
        _check_optimizer(tensors, learner)
        learner.load_state_tensors(tensors)
    rng = arrays["rng/task_generator"]
    if rng.dtype != np.uint8:
        raise ValueError("the RNG state must be bytes")
    trainer.task_generator.set_state(torch.from_numpy(rng.copy()))
    for name in _histories(trainer):
        if name in EXACT_CHECKPOINTS and f"history/{name}/steps" not in arrays:
            continue  # an example, or an older run: kept from its exact path or recorded below
        state = {key: arrays[f"history/{name}/{key}"] for key in ("steps", "rows", "meta")}
        # a regression's gap history has no accuracy: NaN there means "not measured"
        unmeasured = GAP_ACCURACY_START if name == "gap_history" else None
        history = DecimatingHistory.from_state(state, unmeasured)
        if trainer.sketch is not None and name in SKETCHED and history.width > trainer.sketch.width:
            history = _sketched(trainer, name, history)  # saved before paths were sketched
        expected = getattr(trainer, name).width
        # The trainer widens an older run's gap history (no setting columns) as it is set.
        setattr(trainer, name, history)
        if getattr(trainer, name).width != expected:
            raise ValueError(f"history {name} has width {history.width}")
    trainer.step = step
    if trainer.sketch is None:
        return
    for learner, exact in zip((trainer.main, trainer.twin), trainer.exact_paths(), strict=True):
        if len(exact) and exact.steps[-1] < step and exact.accepts(step):  # an example's
            exact.record(step, flatten(learner.start_values()))


def _sketched(trainer, name: str, exact: DecimatingHistory) -> DecimatingHistory:
    """An exact path saved before large nets' paths were sketched: its last points become
    the exact checkpoints (set here), and all of them the sketched path (returned)."""
    keep = min(len(exact), CHECKPOINTS)
    checkpoints = DecimatingHistory(exact.width, CHECKPOINTS)
    checkpoints.replace(exact.steps[-keep:], exact.rows[-keep:])
    setattr(trainer, name.replace("_path", "_checkpoints"), checkpoints)
    sketched = DecimatingHistory(trainer.sketch.width, exact.capacity, exact.thinning)
    sketched.replace(exact.steps, trainer.sketch.project(exact.rows))
    sketched.stride = exact.stride
    return sketched


def _tensor_like(arrays: dict[str, np.ndarray], key: str, current: torch.Tensor) -> torch.Tensor:
    value = arrays[key]
    if value.shape != tuple(current.shape):
        raise ValueError(f"{key} has shape {value.shape}, expected {tuple(current.shape)}")
    tensor = torch.from_numpy(np.array(value)).to(current.dtype)
    if not torch.isfinite(tensor).all():
        raise ValueError(f"{key} contains NaN or inf")
    return tensor


def _check_optimizer(tensors: dict[str, torch.Tensor], learner) -> None:
    shapes = {index: tuple(p.shape) for index, p in enumerate(learner.phi.values())}
    for name, tensor in tensors.items():
        if not name.startswith("opt/"):
            continue
        _, index, key = name.split("/", 2)
        if int(index) not in shapes:
            raise ValueError(f"optimiser state for unknown parameter {index}")
        if key in ("exp_avg", "exp_avg_sq") and tuple(tensor.shape) != shapes[int(index)]:
            raise ValueError(f"optimiser {key} of parameter {index} has the wrong shape")
