"""Command line: no arguments opens the desktop app; subcommands do headless work.

    maml-gui                                   the desktop app
    maml-gui train --task sinusoid --algorithm maml --iterations 10000 --seed 0 --out DIR
    maml-gui eval DIR --steps 0,1,5,10 --tasks 1000 --json
    maml-gui export DIR --view landscape --format svg --out fig.svg
    maml-gui export DIR --view function_space --support "-3:1,0:2,2:-1" --steps 0,1,10 \
        --out fit.csv
    maml-gui export DIR --view landscape --at -0.5,1.2 --m 3 --lam 2 --format csv --out g.csv

Errors (bad arguments, a missing or broken DIR) print one line and exit with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import maml_gui
from maml_gui.core.config import ALGORITHMS, TASK_FAMILIES
from maml_gui.gui.export.formats import ALL_FORMATS, ANIMATION_FORMATS, ASPECTS, VIEW_KEYS, one_of
from maml_gui.output_paths import check_writable

#: bounds of `export`: a 100,000-pixel-wide PNG took 22 GB and was killed
WIDTH_RANGE = (64, 8192)
FRAMES_RANGE = (1, 1000)
FPS_RANGE = (0.5, 60.0)

EXIT_USAGE = 2
#: `train --threads`: more than the machine's cores only slows it
THREADS_RANGE = (1, 256)
#: `train` observes one step in this many for its progress bar
PROGRESS_EVERY = 50


class UsageError(Exception):
    """A problem the user can fix: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not argparse's usage dump
        raise UsageError(message)


def _choice(choices: Sequence[str], what: str):
    """An argparse type: one of ``choices`` (case-insensitive), else 'unknown <what> ...'.
    (argparse's own ``choices`` would say 'invalid choice' and list them quoted.)"""

    def parse(text: str) -> str:
        if text.lower() not in choices:
            raise argparse.ArgumentTypeError(
                f"unknown {what} {text!r}; use one of {', '.join(choices)}"
            )
        return text.lower()

    parse.__name__ = what  # argparse names the type in some messages
    return parse


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="maml-gui", description="Watch gradient-based meta-learning train.")
    parser.add_argument("--version", action="version", version=f"maml-gui {maml_gui.__version__}")
    sub = parser.add_subparsers(dest="command")

    train = sub.add_parser("train", help="train an algorithm and its pretraining twin")
    train.add_argument("--task", choices=TASK_FAMILIES, default="sinusoid")
    train.add_argument("--algorithm", choices=ALGORITHMS, default="maml")
    train.add_argument("--iterations", type=int, default=None)
    train.add_argument("--seed", type=int, default=None, help="random seed (default 0)")
    train.add_argument("--out", required=True, help="directory (or .npz file) to save the run in")
    train.add_argument("--force", action="store_true", help="replace a run already at --out")
    train.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="override any RunConfig field, e.g. --set inner_lr=0.02",
    )
    train.add_argument(
        "--data",
        default=None,
        metavar="PATH",
        help="omniglot: the full data set's folder or zip (default: the bundled subset)",
    )
    train.add_argument("--quiet", action="store_true", help="no progress bar")
    train.add_argument(
        "--threads",
        type=int,
        default=1,
        help="torch threads (default 1: fastest for these small nets, environment.md)",
    )

    ev = sub.add_parser("eval", help="query loss after k adaptation steps on held-out tasks")
    ev.add_argument("run", help="a run directory or file saved by train or the app")
    ev.add_argument("--steps", default="0,1,5,10", help="comma-separated step counts")
    ev.add_argument("--tasks", type=int, default=1000, help="number of held-out tasks")
    ev.add_argument(
        "--json", action="store_true", help="print JSON instead of the table (for scripts)"
    )
    ev.add_argument(
        "--split",
        choices=("test", "validation"),
        default="test",
        help="omniglot: held-out tasks from the test characters (default) or the validation "
        "ones (HW15 validates with --steps 0,1,3)",
    )
    ev.add_argument(
        "--lake",
        action="store_true",
        help="omniglot: also score both learners on Lake et al.'s 20 one-shot runs",
    )

    ex = sub.add_parser("export", help="render a view of a saved run to a file")
    ex.add_argument("run")
    ex.add_argument(
        "--view", required=True, type=_choice(VIEW_KEYS, "view"), help=one_of(VIEW_KEYS)
    )
    ex.add_argument(
        "--format",
        type=_choice(ALL_FORMATS, "format"),
        help=f"{one_of(ALL_FORMATS)}; by default the suffix of --out",
    )
    ex.add_argument("--out", required=True)
    ex.add_argument("--force", action="store_true", help="replace a file already at --out")
    ex.add_argument("--width", type=int, default=1920, help="pixels (PNG, GIF, MP4)")
    ex.add_argument("--aspect", choices=ASPECTS, default="16:9")
    animations = ", ".join(ANIMATION_FORMATS)
    ex.add_argument("--frames", type=int, default=40, help=f"frames of an animation ({animations})")
    ex.add_argument("--fps", type=float, default=8.0, help="frames per second of an animation")
    ex.add_argument(
        "--support",
        type=_points,
        help='function_space: your own task\'s support points, "x1:y1,x2:y2,..."',
    )
    ex.add_argument(
        "--truth",
        type=_pair("--truth"),
        help="function_space: your task's curve \"A:p\" (default: the held-out task's)",
    )
    ex.add_argument(
        "--steps",
        type=_steps,
        help="function_space: the fits' step counts, up to three, e.g. 0,1,10",
    )
    ex.add_argument(
        "--at",
        type=_numbers("--at"),
        help='landscape of a toy: the explore marker\'s phi, "w" or "w1,w2" (default: the '
        "algorithm's phi); its meta-gradient arrows are drawn, and written to a CSV",
    )
    ex.add_argument(
        "--m", type=int, help="landscape --at: the MAML objective's inner steps, 0 to 20 (1)"
    )
    ex.add_argument("--lam", type=float, help="landscape --at: iMAML's lambda (default 1)")
    ex.add_argument(
        "--language",
        choices=("en", "zh_TW"),
        default="en",
        help="the figure's language: en (default) or zh_TW (繁體中文; needs a CJK font)",
    )
    example = sub.add_parser(
        "example", help="write a compact copy of a saved run to ship as an example"
    )
    example.add_argument("run")
    example.add_argument("--out", required=True, help="the example file (.npz)")
    example.add_argument("--force", action="store_true", help="replace a file already at --out")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        problem = _no_display_reason()
        if problem:
            print(f"maml-gui: error: {problem}", file=sys.stderr)
            return EXIT_USAGE
        from maml_gui.gui.app import run_app

        return run_app(sys.argv[:1])
    try:
        args = _build_parser().parse_args(_values_may_be_negative(args_list))
        if args.command == "train":
            return _train(args)
        if args.command == "eval":
            return _eval(args)
        if args.command == "export":
            return _export(args)
        if args.command == "example":
            return _example(args)
        raise UsageError(f"unknown command {args.command!r}")
    except UsageError as exc:
        print(f"maml-gui: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (ValueError, OSError) as exc:  # ConfigError, CheckpointError, ExportError, paths
        print(f"maml-gui: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _no_display_reason() -> str | None:
    """Qt aborts the process without a display; say so in one line instead."""
    import os

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no display: the desktop app needs X11 or Wayland (DISPLAY is not set); the "
        "headless commands train, eval and export work without one"
    )


def _parse_overrides(pairs: list[str]) -> dict:
    out = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep:
            raise UsageError(f"--set expects FIELD=VALUE, got {pair!r}")
        try:
            out[name] = json.loads(raw)
        except json.JSONDecodeError:
            out[name] = raw
    return out


def _train(args: argparse.Namespace) -> int:
    import torch

    from maml_gui.core.algorithms import DivergedError
    from maml_gui.core.checkpoint import run_file, save_run
    from maml_gui.core.config import RunConfig, default_config
    from maml_gui.core.training import Trainer

    if not THREADS_RANGE[0] <= args.threads <= THREADS_RANGE[1]:
        raise UsageError(f"--threads must be between {THREADS_RANGE[0]} and {THREADS_RANGE[1]}")
    torch.set_num_threads(args.threads)
    base = default_config(args.task, args.algorithm).to_dict()
    base.update(_parse_overrides(args.set))
    if args.seed is not None:
        base["seed"] = args.seed
    if args.iterations is not None:
        base["iterations"] = args.iterations
    if args.data is not None:
        base["data"] = str(Path(args.data).expanduser().resolve())
    config = RunConfig.from_dict(base)
    check_writable(run_file(args.out), args.force, "run file")  # before, not after, training
    trainer = Trainer(config)
    progress = None if args.quiet else _progress_bar(config.iterations)
    # Evaluate the gap ~50 times along the way, so a saved run can draw the gap against
    # meta-iteration (the app does the same while it trains).
    eval_every = max(1, config.iterations // 50)
    trainer.evaluate()
    first_step, started = trainer.step, time.perf_counter()
    try:
        while trainer.step < config.iterations:
            step = trainer.step + 1
            finished = step >= config.iterations
            # Only the progress bar looks at a step: observe one in 50, not every one.
            shown = progress is not None and (step % PROGRESS_EVERY == 0 or finished)
            snapshot = trainer.next_step(observe=shown)
            if step % eval_every == 0 or finished:
                trainer.evaluate()
            if snapshot is not None:
                progress.n = snapshot.step
                # pretraining's own loss at phi; a classifier's twin starts every task from a
                # zero head (ln N at phi), so its loss after fine-tuning says more
                twin = snapshot.twin
                pre = twin.loss_after if trainer.family.traits.is_classifier else twin.loss_before
                progress.set_postfix(
                    algo=f"{snapshot.main.loss_after:.3f}", pre=f"{pre:.3f}", refresh=False
                )
                progress.refresh()
    except DivergedError as exc:
        # Keep what was learnt: the trainer holds the last finite state.
        if progress is not None:
            progress.close()
        path = save_run(trainer, args.out)
        raise UsageError(
            f"{exc} The last finite state (step {trainer.step}) was saved in {path}."
        ) from exc
    elapsed = time.perf_counter() - started
    if progress is not None:
        progress.close()
    path = save_run(trainer, args.out)
    trained = trainer.step - first_step
    if trained and elapsed > 0:
        print(
            f"{trained / elapsed:.1f} meta-iterations/s ({trained} in {elapsed:.1f} s, both "
            f"learners and the gap evaluations, {torch.get_num_threads()} thread(s))",
            file=sys.stderr,
        )
    print(f"saved {path}", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    fmt = _export_format(args.out, args.format)
    _within("--width", args.width, WIDTH_RANGE)
    if fmt in ANIMATION_FORMATS:
        _within("--frames", args.frames, FRAMES_RANGE)
        _within("--fps", args.fps, FPS_RANGE)
    own_task = (args.support, args.truth, args.steps)
    if args.view != "function_space" and any(v is not None for v in own_task):
        raise UsageError("--support, --truth and --steps are for --view function_space")
    if args.view != "landscape" and any(v is not None for v in (args.at, args.m, args.lam)):
        raise UsageError("--at, --m and --lam are for --view landscape")
    check_writable(Path(args.out), args.force)
    # only `export` draws: the other commands never import Qt, pyqtgraph or the panels
    from maml_gui.headless_export import export_from_run

    path = export_from_run(
        args.run,
        args.view,
        fmt,
        args.out,
        width=args.width,
        aspect=args.aspect,
        frames=args.frames,
        fps=args.fps,
        support=args.support,
        truth=args.truth,
        steps=args.steps,
        at=args.at,
        m=args.m,
        lam=args.lam,
        language=args.language,
    )
    print(f"wrote {path}", file=sys.stderr)
    return 0


def _example(args: argparse.Namespace) -> int:
    """A compact copy of a run (core.examples): what File > Open example ships."""
    check_writable(Path(args.out), args.force)
    from maml_gui.core.checkpoint import load_run, save_run

    written = save_run(load_run(args.run), args.out, example=True)
    print(f"wrote {written} ({written.stat().st_size / 2**20:.1f} MB)", file=sys.stderr)
    return 0


def _export_format(out: str, fmt: str | None) -> str:
    """--format, or the suffix of --out; the two must agree (SVG inside a .png misleads)."""
    suffix = Path(out).suffix.lstrip(".").lower()
    if fmt is None:
        if suffix not in ALL_FORMATS:
            raise UsageError(
                f"cannot tell the format from {out!r}: pass --format ({one_of(ALL_FORMATS)})"
            )
        return suffix
    if suffix != fmt:
        raise UsageError(f"--out {out!r} does not end in .{fmt}, the --format asked for")
    return fmt


#: options whose value may begin with a minus sign ("-3:1,0:2": an input x of -3)
NUMBER_LIST_OPTIONS = ("--support", "--truth", "--at")


def _values_may_be_negative(argv: list[str]) -> list[str]:
    """argparse takes "--support -3:1" for two options: join such a value to its option."""
    out: list[str] = []
    for arg in argv:
        numeric = arg.startswith("-") and (arg[1:2].isdigit() or arg[1:2] == ".")
        if out and out[-1] in NUMBER_LIST_OPTIONS and (":" in arg or numeric):
            out[-1] = f"{out[-1]}={arg}"
        else:
            out.append(arg)
    return out


def _pair(flag: str):
    def parse(text: str) -> tuple[float, float]:
        try:
            a, b = (float(v) for v in text.split(":"))
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{flag} takes two numbers a:b, not {text!r}"
            ) from None
        return a, b

    return parse


def _numbers(flag: str):
    def parse(text: str) -> tuple[float, ...]:
        try:
            return tuple(float(v) for v in text.split(","))
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{flag} takes comma-separated numbers, not {text!r}"
            ) from None

    return parse


def _points(text: str) -> tuple[tuple[float, float], ...]:
    """ "x1:y1,x2:y2" -> ((x1, y1), (x2, y2)); the engine checks the values."""
    parse = _pair("--support")
    return tuple(parse(point) for point in text.split(",") if point.strip())


def _steps(text: str) -> tuple[int, ...]:
    try:
        steps = tuple(sorted({int(v) for v in text.split(",")}))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--steps takes whole numbers, not {text!r}") from None
    if not 1 <= len(steps) <= 3 or steps[0] < 0:
        raise argparse.ArgumentTypeError(f"--steps takes one to three counts from 0, not {text!r}")
    return steps


def _within(flag: str, value: float, bounds: tuple[float, float]) -> None:
    low, high = bounds
    if not low <= value <= high:
        raise UsageError(f"{flag} must be from {low:g} to {high:g}, not {value:g}")


def _progress_bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="it", file=sys.stderr, desc="meta-training", leave=True)


def _eval(args: argparse.Namespace) -> int:
    import torch

    from maml_gui.core.checkpoint import load_run

    torch.set_num_threads(1)
    try:
        steps = sorted({int(s) for s in args.steps.split(",") if s.strip()})
    except ValueError as exc:
        raise UsageError(f"--steps must be comma-separated integers, got {args.steps!r}") from exc
    if not steps or steps[0] < 0 or steps[-1] > 1000:
        raise UsageError(f"--steps must be integers from 0 to 1000, got {args.steps!r}")
    if args.tasks < 1:
        raise UsageError(f"--tasks must be at least 1, got {args.tasks}")
    trainer = load_run(args.run)
    if args.lake and trainer.config.task != "omniglot":  # before the evaluation, not after
        raise UsageError("--lake scores Omniglot runs only")
    if args.split == "validation" and trainer.config.task != "omniglot":
        raise UsageError("--split validation: only Omniglot keeps validation characters")
    result = trainer.evaluate(steps=steps[-1], n_tasks=args.tasks, split=args.split)
    n_tasks = int(result.algorithm.per_task.shape[0])

    def table(values) -> dict[str, float]:
        return {str(k): float(values[k]) for k in steps}

    report = {
        "algorithm": table(result.algorithm.mean),
        "pretraining": table(result.pretraining.mean),
        "ci95": {
            "algorithm": table(result.algorithm.ci95),
            "pretraining": table(result.pretraining.ci95),
        },
        "algorithm_name": trainer.config.algorithm,
        "task": trainer.config.task,
        "meta_iterations": trainer.step,
        "tasks": n_tasks,
        "split": args.split,
        "test_inner_lr": trainer.config.test_inner_lr,
    }
    if result.accuracy is not None:
        algorithm, pretraining = result.accuracy
        report["accuracy"] = {
            "algorithm": table(algorithm.mean),
            "pretraining": table(pretraining.mean),
        }
        report["ci95"]["accuracy"] = {
            "algorithm": table(algorithm.ci95),
            "pretraining": table(pretraining.ci95),
        }
    if args.lake:
        report["lake_runs"] = _lake_report(trainer, steps)
    print(json.dumps(report, indent=2) if args.json else _eval_table(report, steps))
    return 0


def _lake_report(trainer, steps: list[int]) -> dict:
    """Both learners' error on Lake et al.'s 20 runs after k steps, and the published rates
    (the one-shot runs' payload, as the app will show it)."""
    from maml_gui.core.classification.payloads import one_shot_runs

    runs = one_shot_runs(trainer, tuple(steps))
    errors = {"algorithm": runs.algorithm, "pretraining": runs.pretraining}
    return {
        "error": {
            name: {str(k): float(e) for k, e in zip(steps, table.mean(axis=1), strict=True)}
            for name, table in errors.items()
        },
        "published_error": dict(runs.published),
        "runs": int(runs.algorithm.shape[1]),
    }


def _eval_table(report: dict, steps: list[int]) -> str:
    """The query loss after k steps, both learners, with 95% intervals: for people."""
    name = report["algorithm_name"]
    head = (
        f"{report['task']}, {name}, after {report['meta_iterations']:,} meta-iterations; "
        f"{report['tasks']:,} held-out tasks ({report['split']} characters), "
        f"test inner lr {report['test_inner_lr']:g}"
    )
    rows = [head]
    tables = [("query loss after k steps", report, report["ci95"])]
    if "accuracy" in report:
        tables.append(("query accuracy after k", report["accuracy"], report["ci95"]["accuracy"]))
    for title, values, ci in tables:
        rows += ["", f"{title:<26}" + "".join(f"{k:>16}" for k in steps)]
        for learner, label in (("algorithm", name), ("pretraining", "pretraining twin")):
            cells = [f"{values[learner][str(k)]:.4g} ±{ci[learner][str(k)]:.2g}" for k in steps]
            rows.append(f"{label:<26}" + "".join(f"{c:>16}" for c in cells))
    if "lake_runs" in report:
        lake = report["lake_runs"]
        title = f"error on Lake's {lake['runs']} runs"
        rows += ["", f"{title:<26}" + "".join(f"{k:>16}" for k in steps)]
        for learner, label in (("algorithm", name), ("pretraining", "pretraining twin")):
            cells = [f"{lake['error'][learner][str(k)]:.3f}" for k in steps]
            rows.append(f"{label:<26}" + "".join(f"{c:>16}" for c in cells))
        published = ", ".join(f"{who} {rate:.1%}" for who, rate in lake["published_error"].items())
        rows.append(f"(20-way one-shot within an alphabet, a zero 20-way head fine-tuned from each "
                    f"learner's start; published: {published})")  # fmt: skip
    return "\n".join(rows)


if __name__ == "__main__":
    raise SystemExit(main())
