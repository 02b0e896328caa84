"""The headless commands: train, eval, export; errors are one line with exit status 2.

Called in-process through ``maml_gui.cli.main`` (fast); one test runs the console script.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import imageio.v3 as iio
import numpy as np
import pytest
from PIL import Image

import maml_gui
from maml_gui.cli import main

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    """A toy1d run of 30 iterations: 31 recorded points of phi's path."""
    out = tmp_path_factory.mktemp("cli") / "run"
    assert (
        main(["train", "--task", "toy1d", "--iterations", "30", "--quiet", "--out", str(out)]) == 0
    )
    return out


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("maml-gui: error: ")
    assert "\n" not in err and "Traceback" not in err
    return err


def test_eval_prints_a_table_unless_asked_for_json(run_dir, capsys):
    capsys.readouterr()
    assert main(["eval", str(run_dir), "--steps", "0,1", "--tasks", "20"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "held-out tasks" in lines[0] and "30 meta-iterations" in lines[0]
    assert lines[2].split()[-2:] == ["0", "1"]  # one column per k
    assert lines[3].startswith("maml") and lines[4].startswith("pretraining twin")
    assert "±" in lines[3]
    with pytest.raises(json.JSONDecodeError):
        json.loads(out)


def test_train_writes_a_run_and_eval_reports_json(run_dir, capsys):
    assert (run_dir / "run.npz").is_file()
    capsys.readouterr()
    assert main(["eval", str(run_dir), "--steps", "0,1,5", "--tasks", "20", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {
        "algorithm",
        "pretraining",
        "ci95",
        "algorithm_name",
        "task",
        "meta_iterations",
        "tasks",
        "test_inner_lr",
    } <= report.keys()
    assert list(report["algorithm"]) == ["0", "1", "5"]
    assert report["meta_iterations"] == 30 and report["task"] == "toy1d"
    assert all(np.isfinite(v) for v in report["pretraining"].values())


def test_export_png_is_slide_sized(run_dir, tmp_path):
    out = tmp_path / "fig.png"
    assert (
        main(["export", str(run_dir), "--view", "landscape", "--format", "png", "--out", str(out)])
        == 0
    )
    with Image.open(out) as image:
        assert image.size == (1920, 1080)
        pixels = np.asarray(image.convert("RGB"))
    assert len(np.unique(pixels[::8, ::8].reshape(-1, 3), axis=0)) > 10  # not blank


def test_export_svg_parses_with_text_and_paths(run_dir, tmp_path):
    out = tmp_path / "fig.svg"
    assert (
        main(["export", str(run_dir), "--view", "trajectory", "--format", "svg", "--out", str(out)])
        == 0
    )
    root = ET.parse(out).getroot()
    texts = [t.text for t in root.iter(f"{SVG}text") if t.text and t.text.strip()]
    assert texts and any("meta-iteration" in t for t in texts)
    assert len(list(root.iter(f"{SVG}path"))) > 3


def test_export_pdf_renders(run_dir, tmp_path):
    out = tmp_path / "fig.pdf"
    assert (
        main(["export", str(run_dir), "--view", "gap", "--format", "pdf", "--out", str(out)]) == 0
    )
    assert out.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed (apt-get install -y poppler-utils)")
    subprocess.run(["pdftoppm", "-png", "-r", "96", str(out), str(tmp_path / "page")], check=True)
    with Image.open(tmp_path / "page-1.png") as page:
        assert page.size == (1280, 720)  # one page the size of the 16:9 slide canvas


def test_export_csv_has_headers_and_numbers(run_dir, tmp_path):
    out = tmp_path / "fig.csv"
    assert (
        main(["export", str(run_dir), "--view", "metrics", "--format", "csv", "--out", str(out)])
        == 0
    )
    with open(out, newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows[0]) >= 2 and all(rows[0])
    steps = [float(r[0]) for r in rows[1:] if r[0]]
    assert steps[-1] == 30


def test_export_gif_has_the_asked_frame_count(run_dir, tmp_path):
    out = tmp_path / "anim.gif"
    args = ["export", str(run_dir), "--view", "landscape", "--format", "gif", "--out", str(out)]
    assert main([*args, "--frames", "5", "--fps", "4", "--width", "480"]) == 0
    frames = iio.imread(out, index=None)
    assert frames.shape[:3] == (5, 270, 480)


@pytest.mark.parametrize(
    ("case", "match"),
    [
        ("no view", "--view"),
        ("bad number", "--frames"),
        ("missing dir", "no such run file"),
        ("broken run", "not a readable maml-gui run"),
        ("unknown view", "unknown view"),
        ("unknown format", "unknown format"),
        ("unwritable out", "Cannot write"),
    ],
)
def test_bad_export_arguments_fail_in_one_line_with_status_2(
    run_dir, tmp_path, capsys, case, match
):
    out = tmp_path / "out.png"
    run = str(run_dir)
    args = ["export", run, "--view", "gap", "--format", "png", "--out", str(out)]
    if case == "no view":
        args = ["export", run, "--format", "png", "--out", str(out)]
    elif case == "bad number":
        args += ["--frames", "many"]
    elif case == "missing dir":
        args[1] = str(tmp_path / "nowhere")
    elif case == "broken run":
        broken = tmp_path / "broken.npz"
        broken.write_bytes((run_dir / "run.npz").read_bytes()[:500])
        args[1] = str(broken)
    elif case == "unknown view":
        args[3] = "scatter"
    elif case == "unknown format":
        args[5] = "bmp"
    elif case == "unwritable out":
        blocker = tmp_path / "a_file"
        blocker.write_text("a file, not a folder")
        out = blocker / "out.png"
        args[-1] = str(out)
    assert main(args) == 2
    assert match in _one_line_error(capsys)
    assert (
        sorted(p.name for p in tmp_path.iterdir() if p.name not in ("broken.npz", "a_file")) == []
    )


def test_lake_runs_and_the_validation_split_are_for_omniglot_runs_only(run_dir, capsys):
    assert main(["eval", str(run_dir), "--lake"]) == 2
    assert "Omniglot runs only" in _one_line_error(capsys)
    assert main(["eval", str(run_dir), "--split", "validation"]) == 2
    assert "only Omniglot keeps validation characters" in _one_line_error(capsys)


def test_bad_train_arguments_fail_in_one_line(tmp_path, capsys):
    assert main(["train", "--task", "nope", "--out", str(tmp_path / "r")]) == 2
    assert "--task" in _one_line_error(capsys)
    assert main(["train", "--iterations", "0", "--quiet", "--out", str(tmp_path / "r")]) == 2
    assert "iterations" in _one_line_error(capsys)
    assert main(["train", "--threads", "0", "--quiet", "--out", str(tmp_path / "r")]) == 2
    assert "--threads must be between 1 and" in _one_line_error(capsys)
    assert not (tmp_path / "r").exists()


def test_train_reports_its_speed_and_takes_a_thread_count(tmp_path, capsys):
    import torch

    threads = torch.get_num_threads()
    try:
        args = ["train", "--task", "toy1d", "--iterations", "20", "--quiet", "--threads", "2"]
        assert main([*args, "--out", str(tmp_path / "r")]) == 0
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(threads)
    err = capsys.readouterr().err
    rate = re.search(
        r"^([0-9.]+) meta-iterations/s \(20 in [0-9.]+ s, .*2 thread\(s\)\)$", err, re.M
    )
    assert rate and float(rate.group(1)) > 0, err


def test_console_script(run_dir, tmp_path):
    script = Path(sys.executable).with_name("maml-gui")
    if not script.exists():
        pytest.skip("the maml-gui console script is not installed in this environment")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    ok = subprocess.run(
        [str(script), "eval", str(run_dir), "--steps", "0,1", "--tasks", "10", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["meta_iterations"] == 30
    bad = subprocess.run(
        [
            str(script),
            "export",
            str(tmp_path / "missing"),
            "--view",
            "gap",
            "--format",
            "png",
            "--out",
            str(tmp_path / "x.png"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and bad.stderr.startswith("maml-gui: error: ")
    assert not (tmp_path / "x.png").exists()


def test_a_diverging_train_saves_the_last_finite_state(tmp_path, capsys):
    out = tmp_path / "diverged"
    code = main(
        [
            "train",
            "--task",
            "sinusoid",
            "--iterations",
            "5",
            "--quiet",
            "--out",
            str(out),
            "--set",
            "inner_lr=10",
            "--set",
            "train_inner_steps=5",
        ]
    )
    assert code == 2
    message = _one_line_error(capsys)
    assert "diverged" in message and "smaller inner learning rate" in message
    assert (out / "run.npz").exists()


def test_set_seed_is_honoured(tmp_path):
    out = tmp_path / "seeded"
    assert (
        main(
            [
                "train",
                "--task",
                "toy1d",
                "--iterations",
                "2",
                "--quiet",
                "--out",
                str(out),
                "--set",
                "seed=7",
            ]
        )
        == 0
    )
    from maml_gui.core.checkpoint import load_run

    assert load_run(out).config.seed == 7


def _train(out: Path) -> int:
    return main(["train", "--task", "toy1d", "--iterations", "3", "--quiet", "--out", str(out)])


def test_train_never_replaces_a_run_unless_forced(tmp_path, capsys):
    out = tmp_path / "run"
    assert _train(out) == 0
    saved = (out / "run.npz").read_bytes()
    capsys.readouterr()
    assert main(["train", "--task", "toy1d", "--iterations", "5", "--quiet", "--out", str(out)])
    assert "--force" in _one_line_error(capsys)
    assert (out / "run.npz").read_bytes() == saved  # untouched
    args = ["train", "--task", "toy1d", "--iterations", "5", "--quiet", "--out", str(out)]
    assert main([*args, "--force"]) == 0
    assert main(["eval", str(out), "--json", "--tasks", "2"]) == 0
    assert json.loads(capsys.readouterr().out)["meta_iterations"] == 5


def test_train_refuses_an_unwritable_out_before_training(tmp_path, capsys, monkeypatch):
    import maml_gui.core.training as training

    def never(*_args, **_kwargs):
        raise AssertionError("trained although the run could not be saved")

    monkeypatch.setattr(training.Trainer, "next_step", never)
    blocker = tmp_path / "a_file"
    blocker.write_text("a file, not a folder")
    assert _train(blocker / "run") == 2
    assert "Cannot write" in _one_line_error(capsys)


def test_export_bounds_sizes_and_matches_format_and_suffix(run_dir, tmp_path, capsys):
    base = ["export", str(run_dir), "--view", "gap"]
    assert main([*base, "--out", str(tmp_path / "x.png"), "--width", "100000"]) == 2
    assert "--width must be from 64 to 8192" in _one_line_error(capsys)
    assert main([*base, "--format", "svg", "--out", str(tmp_path / "x.png")]) == 2
    assert "does not end in .svg" in _one_line_error(capsys)
    assert main([*base, "--out", str(tmp_path / "x.bmp")]) == 2
    assert "pass --format" in _one_line_error(capsys)
    gif = [*base, "--out", str(tmp_path / "x.gif")]
    assert main([*gif, "--frames", "100000"]) == 2
    assert "--frames must be from 1 to 1000" in _one_line_error(capsys)
    assert list(tmp_path.iterdir()) == []
    svg = tmp_path / "x.svg"
    assert main([*base, "--out", str(svg)]) == 0  # the format is the suffix's
    assert svg.read_text().lstrip().startswith("<?xml")
    capsys.readouterr()
    assert main([*base, "--out", str(svg)]) == 2  # never replaced unless forced
    assert "--force" in _one_line_error(capsys)
    assert main([*base, "--out", str(svg), "--force"]) == 0


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"maml-gui {maml_gui.__version__}"


def test_omniglot_trains_headless_on_a_full_data_set_and_reports_accuracy(
    tmp_path, capsys, monkeypatch
):
    from tests.core.test_omniglot_data import _make_layout

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # not the user's cache
    data = tmp_path / "omniglot"
    _make_layout(data, "images_background", alphabets=2, characters=6, drawings=3)
    _make_layout(data, "images_evaluation", alphabets=1, characters=6, drawings=3)
    out = tmp_path / "run"
    args = ["train", "--task", "omniglot", "--iterations", "2", "--quiet", "--data", str(data)]
    small = ["--set", "hidden=4", "--set", "meta_batch_size=2", "--set", "n_way=3"]
    assert main([*args, *small, "--set", "eval_tasks=2", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["eval", str(out), "--steps", "0,1", "--tasks", "3", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["task"] == "omniglot" and set(report["accuracy"]) == {"algorithm", "pretraining"}
    assert abs(report["accuracy"]["pretraining"]["0"] - 1 / 3) < 1e-6  # a zero head: chance
    assert main(["eval", str(out), "--steps", "0,1", "--tasks", "2", "--split", "validation"]) == 0
    assert "2 held-out tasks (validation characters)" in capsys.readouterr().out
    assert main(["eval", str(out), "--steps", "0", "--tasks", "2", "--json", "--lake"]) == 0
    lake = json.loads(capsys.readouterr().out)["lake_runs"]
    assert lake["runs"] == 20 and abs(lake["error"]["algorithm"]["0"] - 0.95) < 1e-12
    assert lake["published_error"]["people"] == 0.045
    assert main(["export", str(out), "--view", "gap", "--out", str(tmp_path / "g.csv")]) == 0
    assert "query accuracy" in (tmp_path / "g.csv").read_text()
    capsys.readouterr()
    nothing = ["export", str(out), "--view", "function_space", "--out", str(tmp_path / "f.png")]
    assert main(nothing) == 2
    assert "nothing to show for Omniglot" in _one_line_error(capsys)
    assert not (tmp_path / "f.png").exists()
    bad = ["train", "--task", "omniglot", "--quiet", "--data", str(tmp_path / "nothing")]
    assert main([*bad, "--out", str(tmp_path / "r2")]) == 2
    assert "does not exist" in _one_line_error(capsys)


# -- your own task, from a script -------------------------------------------------------------
@pytest.fixture(scope="module")
def sine_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sine") / "run"
    args = ["train", "--task", "sinusoid", "--iterations", "20", "--quiet", "--out", str(out)]
    assert main([*args, "--set", "eval_tasks=20"]) == 0
    return out


def test_the_function_space_exports_your_own_task_as_the_engine_fits_it(sine_run, tmp_path):
    """The issue's command, negative inputs included: the CSV holds the fits the engine
    computes on those points, at those steps."""
    from maml_gui.core.checkpoint import load_run
    from maml_gui.core.function_space import function_fit

    out = tmp_path / "fit.csv"
    support = "-3:1,0:2,2.5:-1"
    args = ["export", str(sine_run), "--view", "function_space", "--support", support]
    assert main([*args, "--steps", "0,1,10", "--truth", "3:0.5", "--out", str(out)]) == 0
    with out.open() as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], np.array([[float(v) if v else np.nan for v in r] for r in rows[1:]])
    column = {name: body[:, i] for i, name in enumerate(header)}
    trainer = load_run(sine_run)
    points = ((-3.0, 1.0), (0.0, 2.0), (2.5, -1.0))
    # the held-out task's index does not matter: the points and the curve are given
    expected = function_fit(trainer, 0, steps=(0, 1, 10), support=points, truth=(3.0, 0.5))
    np.testing.assert_allclose(column["MAML prediction, k = 10 [y]"], expected.main[2], atol=1e-6)
    np.testing.assert_allclose(
        column["Pretraining prediction, k = 1 [y]"], expected.twin[1], atol=1e-6
    )
    np.testing.assert_allclose(column["true y"], 3.0 * np.sin(column["x"] - 0.5), atol=1e-5)
    assert column["support x"][:3].tolist() == [-3.0, 0.0, 2.5]


@pytest.mark.parametrize(
    ("extra", "match"),
    [
        (["--support", "1"], "two numbers"),
        (["--steps", "0,1,2,3"], "one to three"),
        (["--support=1:nan"], "finite"),
        (["--view", "gap", "--support", "1:1"], "function_space"),
    ],
)
def test_bad_own_task_arguments_fail_in_one_line(sine_run, tmp_path, capsys, extra, match):
    view = [] if "--view" in extra else ["--view", "function_space"]
    out = tmp_path / "fit.csv"
    assert main(["export", str(sine_run), *view, *extra, "--out", str(out)]) == 2
    assert match in _one_line_error(capsys)
    assert not out.exists()


# -- the explore marker's arrows, from a script ---------------------------------------------
def _csv_columns(path: Path) -> dict[str, np.ndarray]:
    with path.open() as handle:
        rows = list(csv.reader(handle))
    body = np.array([[float(v) if v else np.nan for v in r] for r in rows[1:]])
    return {name: body[:, i] for i, name in enumerate(rows[0])}


def test_the_landscape_exports_the_arrows_at_a_point(run_dir, tmp_path, capsys):
    """The issue's command with a negative phi: the CSV holds the engine's arrows there."""
    from maml_gui.core.checkpoint import load_run
    from maml_gui.core.explore import meta_gradients

    out = tmp_path / "arrows.csv"
    args = ["export", str(run_dir), "--view", "landscape", "--at", "-0.75", "--m", "3"]
    assert main([*args, "--lam", "2.5", "--format", "csv", "--out", str(out)]) == 0
    column = _csv_columns(out)
    trainer = load_run(run_dir)
    expected = meta_gradients(trainer.family, [-0.75], trainer.config.inner_lr, 3, 2.5)
    assert column["explore phi [w]"][0] == -0.75
    assert column["inner steps m"][0] == 3 and column["iMAML lambda"][0] == 2.5
    for name in ("MAML", "FOMAML", "Reptile", "iMAML"):
        value = column[f"{name} meta-gradient [w]"][0]
        assert value == pytest.approx(expected.gradient(name.lower())[0], rel=1e-9)
    assert column["MAML objective"][0] == pytest.approx(expected.objective, rel=1e-12)
    # a picture of it too, with the arrows' legend
    svg = tmp_path / "arrows.svg"
    assert main([*args, "--out", str(svg)]) == 0
    text = svg.read_text()
    assert "−g" in text and "FOMAML" in text and "iMAML" in text


@pytest.mark.parametrize(
    ("extra", "match"),
    [
        (["--at", "1,2"], "must be one number for this toy, not 2"),
        (["--at", "x"], "comma-separated numbers"),
        (["--at", "0", "--m", "21"], "--m must be from 0 to 20"),
        (["--at", "0", "--lam", "0"], "--lam must be from"),
        (["--view", "gap", "--at", "0"], "--view landscape"),
    ],
)
def test_bad_explore_arguments_fail_in_one_line(run_dir, tmp_path, capsys, extra, match):
    view = [] if "--view" in extra else ["--view", "landscape"]
    out = tmp_path / "arrows.csv"
    assert main(["export", str(run_dir), *view, *extra, "--out", str(out)]) == 2
    assert match in _one_line_error(capsys)
    assert not out.exists()


# -- the figure in Traditional Chinese --------------------------------------------------------
def test_a_chinese_svg_keeps_its_labels_as_text(run_dir, tmp_path, monkeypatch):
    from maml_gui.gui import i18n

    monkeypatch.setattr(i18n, "has_chinese_font", lambda: True)
    out = tmp_path / "zh.svg"
    args = ["export", str(run_dir), "--view", "landscape", "--language", "zh_TW"]
    try:
        assert main([*args, "--out", str(out)]) == 0
    finally:
        i18n.install(i18n.ENGLISH)  # the CLI runs in this test's process
    texts = "".join(t.text or "" for t in ET.parse(out).iter(f"{SVG}text"))
    assert "各 task 的 loss 與兩個目標" in texts and "參數 w" in texts
    assert "Task losses" not in texts


def test_without_a_chinese_font_no_chinese_figure_is_written(
    run_dir, tmp_path, capsys, monkeypatch
):
    from maml_gui.gui import i18n

    monkeypatch.setattr(i18n, "has_chinese_font", lambda: False)
    out = tmp_path / "zh.png"
    args = ["export", str(run_dir), "--view", "landscape", "--language", "zh_TW"]
    assert main([*args, "--out", str(out)]) == 2
    assert "fonts-noto-cjk" in _one_line_error(capsys)
    assert not out.exists()
