"""Bad run files are refused with a message; loading never executes code."""

import io
import json
import pickle
import zipfile

import numpy as np
import pytest

from maml_gui.core.checkpoint import CheckpointError, load_run, save_run
from maml_gui.core.config import default_config
from maml_gui.core.training import Trainer


@pytest.fixture
def saved(tmp_path):
    trainer = Trainer(default_config("toy1d", "maml"))
    for _ in range(3):
        trainer.next_step()
    return save_run(trainer, tmp_path / "good.npz")


def test_round_trip_keeps_step_and_config(saved):
    trainer = load_run(saved)
    assert trainer.step == 3
    assert trainer.config == default_config("toy1d", "maml")


def test_truncated_file_is_refused(saved, tmp_path):
    bad = tmp_path / "truncated.npz"
    bad.write_bytes(saved.read_bytes()[: saved.stat().st_size // 2])
    with pytest.raises(CheckpointError, match="truncated or corrupted"):
        load_run(bad)


def test_random_bytes_are_refused(tmp_path):
    bad = tmp_path / "noise.npz"
    bad.write_bytes(np.random.default_rng(0).bytes(4096))
    with pytest.raises(CheckpointError, match="not a readable maml-gui run"):
        load_run(bad)


class _Exploit:
    def __reduce__(self):
        import pathlib

        return (pathlib.Path.touch, (pathlib.Path(_Exploit.marker),))


def test_a_pickle_that_would_run_code_is_refused(tmp_path):
    _Exploit.marker = str(tmp_path / "pwned")
    bad = tmp_path / "evil.npz"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("header.npy", pickle.dumps(_Exploit()))
    with pytest.raises(CheckpointError, match="not a plain array"):
        load_run(bad)
    evil_npy = tmp_path / "evil2.npz"
    buffer = io.BytesIO()
    np.save(buffer, np.array([_Exploit()], dtype=object), allow_pickle=True)
    with zipfile.ZipFile(evil_npy, "w") as archive:
        archive.writestr("header.npy", buffer.getvalue())
    with pytest.raises(CheckpointError, match="pickled objects"):
        load_run(evil_npy)
    assert not (tmp_path / "pwned").exists()


def _rewrite_header(saved, tmp_path, change):
    with np.load(saved) as data:
        arrays = {k: data[k] for k in data.files}
    header = json.loads(arrays["header"].tobytes())
    change(header)
    arrays["header"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    out = tmp_path / "edited.npz"
    np.savez(out, **arrays)
    return out


def test_a_newer_version_is_refused(saved, tmp_path):
    edited = _rewrite_header(saved, tmp_path, lambda h: h.update(version=99))
    with pytest.raises(CheckpointError, match="newer maml-gui"):
        load_run(edited)


def test_a_hand_edited_invalid_config_is_refused(saved, tmp_path):
    edited = _rewrite_header(saved, tmp_path, lambda h: h["config"].update(inner_lr=-3))
    with pytest.raises(CheckpointError, match="inner_lr"):
        load_run(edited)


def test_tensors_that_do_not_match_the_config_are_refused(saved, tmp_path):
    edited = _rewrite_header(saved, tmp_path, lambda h: h["config"].update(task="toy2d"))
    with pytest.raises(CheckpointError, match="do not match"):
        load_run(edited)


def test_unwritable_path_leaves_nothing(tmp_path):
    trainer = Trainer(default_config("toy1d", "maml"))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(CheckpointError, match="cannot write"):
        save_run(trainer, blocker / "sub" / "run.npz")


def _rewrite_array(saved, tmp_path, key, change):
    with np.load(saved) as data:
        arrays = {k: data[k] for k in data.files}
    arrays[key] = change(arrays[key])
    out = tmp_path / "edited_array.npz"
    np.savez(out, **arrays)
    return out


def test_a_hand_edited_history_header_is_refused(saved, tmp_path):
    edited = _rewrite_array(
        saved, tmp_path, "history/losses/meta", lambda meta: np.array([meta[0], meta[1], 0])
    )
    with pytest.raises(CheckpointError, match="stride 0"):
        load_run(edited)


def test_non_finite_optimiser_state_is_refused(saved, tmp_path):
    with np.load(saved) as data:
        key = next(k for k in data.files if k.startswith("main/opt/") and "exp_avg_sq" in k)
    edited = _rewrite_array(saved, tmp_path, key, lambda v: np.full_like(v, np.nan))
    with pytest.raises(CheckpointError, match="not a finite float array"):
        load_run(edited)


def test_saved_runs_are_ordinary_files(saved):
    assert saved.stat().st_mode & 0o044  # readable by others unless the umask forbids it
    assert not list(saved.parent.glob(".run-*"))
