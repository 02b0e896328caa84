"""The classification views' payloads, computed from a Trainer (the session and the CLI's
export share them through ``core.payloads``)."""

from __future__ import annotations

from maml_gui.core.classification.feature_reuse import LAYERS, reuse_from
from maml_gui.core.classification.one_shot import score_runs
from maml_gui.core.classification.task_view import task_predictions
from maml_gui.core.conv4 import HEAD_KEYS
from maml_gui.core.evaluation import held_out_tasks
from maml_gui.core.records import FeatureReuse, OneShotRuns, TaskPredictions
from maml_gui.core.training import Trainer

#: feature reuse is averaged over this many held-out tasks unless a view asks for another,
#: and over at most FEATURE_REUSE_MAX (they are adapted at once: ~10 MB of activations each)
FEATURE_REUSE_TASKS = 20
FEATURE_REUSE_MAX = 100


def test_steps(trainer: Trainer) -> tuple[int, ...]:
    """0, 1 and K_test fine-tuning steps (the task view's and the one-shot runs' columns)."""
    return tuple(sorted({0, 1, trainer.config.test_inner_steps}))


def task_view(trainer: Trainer, task_index: int = 0) -> TaskPredictions:
    tasks = trainer.eval_tasks()
    index = min(max(int(task_index), 0), tasks.size - 1)
    lr = trainer.config.test_inner_lr
    return task_predictions(trainer.main, trainer.twin, tasks, index, test_steps(trainer), lr)


def feature_reuse_of(trainer: Trainer, n_tasks: int = FEATURE_REUSE_TASKS) -> FeatureReuse:
    """CKA per layer after K_test steps at the test rate: the run's algorithm adapting as it
    does, the same start adapting its head only (ANIL's way), and the pretraining twin."""
    config = trainer.config
    tasks = held_out_tasks(trainer.family, config, min(max(2, int(n_tasks)), FEATURE_REUSE_MAX))
    steps, lr = config.test_inner_steps, config.test_inner_lr
    family, main, twin = trainer.family, trainer.main, trainer.twin
    start = main.start_values()
    return FeatureReuse(
        layers=LAYERS,
        algorithm=reuse_from(family, start, main.inner_keys(), tasks, steps, lr),
        head_only=reuse_from(family, start, HEAD_KEYS, tasks, steps, lr),
        pretraining=reuse_from(family, twin.start_values(), tuple(start), tasks, steps, lr),
        steps=steps,
        tasks=tasks.size,
    )


def one_shot_runs(trainer: Trainer, steps: tuple[int, ...] | None = None) -> OneShotRuns:
    # Pillow and the runs' zip only when a view asks (not in every training process)
    from maml_gui.core.omniglot.lake_runs import PUBLISHED_ERROR, load_runs

    steps = tuple(steps) if steps else test_steps(trainer)
    runs = load_runs()
    lr = trainer.config.test_inner_lr
    return OneShotRuns(
        steps=steps,
        algorithm=score_runs(trainer.main, runs, steps, lr).errors,
        pretraining=score_runs(trainer.twin, runs, steps, lr).errors,
        published=tuple(PUBLISHED_ERROR.items()),
    )
