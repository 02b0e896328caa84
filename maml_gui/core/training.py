"""The training loop: one meta-step per ``next()``, a Snapshot out each time.

A run trains the chosen algorithm *and* a pretraining twin in lockstep: the same tasks, in the
same order, from the same initial weights, so the gap between them is measured, not assumed.
The GUI's worker and the headless CLI both drive this; tests drive it with ``next()``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy as np
import torch

from maml_gui.core.algorithms import (
    DivergedError,
    Gradient,
    MetaAlgorithm,
    StepResult,
    check_finite,
    make_algorithm,
)
from maml_gui.core.config import RunConfig
from maml_gui.core.evaluation import evaluate_gap, held_out_tasks
from maml_gui.core.history import DecimatingHistory, Thinning
from maml_gui.core.landscape import (
    grid_around,
    pca_plane,
    plane_losses,
    plane_through,
    random_plane,
)
from maml_gui.core.path_sketch import CHECKPOINTS, PathSketch
from maml_gui.core.records import (
    GAP_ACCURACY_START,
    GAP_HISTORY_WIDTH,
    LARGE_MODEL_PARAMETERS,
    LOSS_COLUMNS,
    PLANE_KINDS,
    GapResult,
    LearnerView,
    PlaneLandscape,
    Snapshot,
)
from maml_gui.core.snapshot import flatten
from maml_gui.core.tasks import Params, TaskBatch, TaskFamily, make_family

#: columns of the gap history: query loss after 0 and after K_test steps, for both learners,
#: then the evaluation setting each row was measured under (K_test, its rate, the task count),
#: so a change of setting is marked where it happened instead of erasing what came before
#: and last a classifier's query accuracy after 0 and K_test steps (NaN for a regression: HW15's
#: report plots accuracy over meta-iterations, so the run keeps it through saving and opening)
GAP_LOSS_COLUMNS = ("main_k0", "main_kK", "twin_k0", "twin_kK")
EVALUATION_FIELDS = ("test_inner_steps", "test_inner_lr", "eval_tasks")
GAP_ACCURACY_COLUMNS = ("main_acc_k0", "main_acc_kK", "twin_acc_k0", "twin_acc_kK")
GAP_COLUMNS = GAP_LOSS_COLUMNS + EVALUATION_FIELDS + GAP_ACCURACY_COLUMNS
assert len(GAP_COLUMNS) == GAP_HISTORY_WIDTH
assert GAP_COLUMNS.index(GAP_ACCURACY_COLUMNS[0]) == GAP_ACCURACY_START
LOSS_HISTORY_CAPACITY = 4096
PATH_HISTORY_CAPACITY = 512


def new_gap_history() -> DecimatingHistory:
    """An empty evaluation history: evaluations arrive at irregular steps (one per payload
    interval, whatever the training speed), so it thins by arrival, not by step parity."""
    return DecimatingHistory(len(GAP_COLUMNS), LOSS_HISTORY_CAPACITY, Thinning.ARRIVAL)


def evaluation_setting(config: RunConfig) -> tuple[float, ...]:
    """The values of EVALUATION_FIELDS a gap-history row is tagged with."""
    return tuple(float(getattr(config, f)) for f in EVALUATION_FIELDS)


def with_setting_columns(history: DecimatingHistory, config: RunConfig) -> DecimatingHistory:
    """A gap history saved before rows carried their setting or accuracy, widened to
    GAP_COLUMNS. Rows without a setting get ``config``'s: the app then erased the history at
    every change of setting, so all its rows were measured under the setting the run was saved
    with. Rows without accuracy get NaN (not measured)."""
    wide = DecimatingHistory(len(GAP_COLUMNS), history.capacity, history.thinning)
    rows = history.rows
    if history.width == len(GAP_LOSS_COLUMNS):
        rows = np.hstack([rows, np.tile(evaluation_setting(config), (len(rows), 1))])
    missing = len(GAP_COLUMNS) - rows.shape[1]
    wide.replace(history.steps, np.hstack([rows, np.full((len(rows), missing), np.nan)]))
    wide.stride = history.stride
    return wide


def gap_row(result: GapResult, config: RunConfig) -> np.ndarray:
    """An evaluation as a row of the gap history (GAP_COLUMNS)."""
    losses = [
        result.algorithm.mean[0],
        result.algorithm.mean[-1],
        result.pretraining.mean[0],
        result.pretraining.mean[-1],
    ]
    accuracy = [np.nan] * len(GAP_ACCURACY_COLUMNS)
    if result.accuracy is not None:
        main, twin = result.accuracy
        accuracy = [main.mean[0], main.mean[-1], twin.mean[0], twin.mean[-1]]
    return np.array([*losses, *evaluation_setting(config), *accuracy], dtype=float)


class Trainer:
    """Owns everything a run is: config, family, both learners, the task RNG and histories."""

    def __init__(
        self,
        config: RunConfig,
        dtype: torch.dtype | None = None,
        explicit: bool = True,
        family: TaskFamily | None = None,
    ) -> None:
        """``explicit=False`` keeps both learners on the general autograd path (tests).
        ``family``: one already made for this config (a replay shares its run's: Omniglot's
        would otherwise load its images again)."""
        self.config = config.validate()
        self.family = family if family is not None else make_family(config, dtype)
        init_gen = torch.Generator().manual_seed(config.seed)
        phi0 = self.family.init_params(init_gen)
        self.main: MetaAlgorithm = make_algorithm(
            config.algorithm, self.family, config, phi0, explicit
        )
        self.twin: MetaAlgorithm = make_algorithm(
            "pretraining", self.family, config, phi0, explicit
        )
        self.task_generator = torch.Generator().manual_seed(config.seed + 1)
        self.step = 0
        self.losses = DecimatingHistory(len(LOSS_COLUMNS), LOSS_HISTORY_CAPACITY)
        # a family whose measurement is dear measures one step in a power of two from the
        # start (step parity keeps the spacing even as the history thins)
        self.losses.stride = getattr(self.family, "loss_history_stride", 1)
        dim = flatten(self.main.start_values()).shape[0]
        #: a large net's paths are sketched (core.path_sketch): its rows are projections,
        #: and a few exact points are kept apart (main_checkpoints, twin_checkpoints)
        self.sketch = PathSketch(dim) if dim > LARGE_MODEL_PARAMETERS else None
        width = self.sketch.width if self.sketch else dim
        self.main_path = DecimatingHistory(width, PATH_HISTORY_CAPACITY)
        self.twin_path = DecimatingHistory(width, PATH_HISTORY_CAPACITY)
        if self.sketch is not None:
            self.main_checkpoints = DecimatingHistory(dim, CHECKPOINTS)
            self.twin_checkpoints = DecimatingHistory(dim, CHECKPOINTS)
        self.gap_history = new_gap_history()
        self._record_paths()
        self._eval_tasks: TaskBatch | None = None
        self.last_batch: TaskBatch | None = None
        #: keep what observing an unobserved step later needs (the app's session sets it)
        self.retain_last_step = False
        self._unobserved: UnobservedStep | None = None

    @property
    def gap_history(self) -> DecimatingHistory:
        """The run's evaluations (columns: GAP_COLUMNS), thinned by arrival."""
        return self._gap_history

    @gap_history.setter
    def gap_history(self, history: DecimatingHistory) -> None:
        # Evaluations come at irregular steps. A run saved before histories recorded their
        # thinning loads as step parity (checkpoint, replay); it continues by arrival.
        history = history.with_thinning(Thinning.ARRIVAL)
        if history.width < len(GAP_COLUMNS):
            history = with_setting_columns(history, self.config)
        self._gap_history = history

    # -- stepping ------------------------------------------------------------------------
    def next_step(self, observe: bool = True) -> Snapshot | None:
        """Sample a meta-batch, update both learners on it; with ``observe``, return the
        step's snapshot.

        A step costs what its meta-gradients cost: theta_n and the losses they do not compute
        anyway are measured only when ``observe`` asks or the loss history records this step,
        and the Snapshot only with ``observe``. With ``retain_last_step`` set (the app's
        session), an unobserved step can still be observed afterwards (:meth:`observe_last_step`).
        The updates are the same either way.

        Raises DivergedError with both learners and the RNG left as they were before the step
        when a gradient (or its square) is not finite, and when a loss measured for this step
        is not: a lean step checks once, a measured one twice.
        """
        rng_state = self.task_generator.get_state()
        batch = self.family.sample(self.config.meta_batch_size, self.task_generator)
        main, twin = self.main.gradient(batch), self.twin.gradient(batch)
        step = self.step + 1
        results = None
        try:
            # The gradients decide whether training diverged (one check, one sync, before
            # either learner moves): observed or not, a step diverges alike.
            check_finite(main, twin)
            record = self.losses.accepts(step)
            if observe or record:
                results = (self.main.measure(batch, main), self.twin.measure(batch, twin))
                # a measurement that overflowed is refused too: a history must never hold
                # NaN (a saved run would not load), nor a view draw it
                check_finite(*results)
        except DivergedError as exc:
            self.task_generator.set_state(rng_state)
            raise self._diverged(exc, step, main, results) from exc
        # The snapshot shows phi as it was measured: theta_n and both losses belong to the
        # phi *before* this update, so the arrows start where their theta_n came from.
        measured = (_flat_start(self.main), _flat_start(self.twin)) if observe else None
        self._unobserved = None
        if not observe and self.retain_last_step:
            # phi moves in place: keep its values before the update, to measure it later
            before = (_copy(self.main.start_values()), _copy(self.twin.start_values()))
            self._unobserved = UnobservedStep(step, batch, main, twin, before, results)
        self.main.commit(main.values)
        self.twin.commit(twin.values)
        self.step = step
        self.last_batch = batch
        if record:
            self.losses.record(step, _loss_row(*results))
        self._record_paths()
        if not observe:
            return None
        return self._snapshot(*results, batch, measured)

    def _diverged(
        self,
        exc: DivergedError,
        step: int,
        main: Gradient,
        results: tuple[StepResult, StepResult] | None,
    ) -> DivergedError:
        # one template per learner: the interface translates whole sentences
        if self._algorithm_failed(main, results):
            template = (
                "step {step}: the algorithm diverged ({reason}); the last finite state is kept. "
                "Try a smaller inner learning rate (now {inner_lr}) or meta learning rate "
                "(now {meta_lr})."
            )
        else:
            template = (
                "step {step}: the pretraining twin diverged ({reason}); the last finite state "
                "is kept. Try a smaller inner learning rate (now {inner_lr}) or meta learning "
                "rate (now {meta_lr})."
            )
        return DivergedError(
            template,
            step=step,
            reason=exc,
            inner_lr=f"{self.config.inner_lr:g}",
            meta_lr=f"{self.config.meta_lr:g}",
        )

    @staticmethod
    def _algorithm_failed(main: Gradient, results: tuple[StepResult, StepResult] | None) -> bool:
        """Whether a failed check was about the algorithm (its parts are checked first)."""
        try:
            check_finite(main, *(results[:1] if results else ()))
        except DivergedError:
            return True
        return False

    def observe_last_step(self) -> Snapshot | None:
        """The snapshot of the last step if it was taken unobserved (None otherwise): the
        same snapshot ``next_step(observe=True)`` would have returned.

        Raises DivergedError if measuring it overflows: the step stands (it was taken), but
        its snapshot would hold NaN or inf; observed at once, the step would have been
        refused.
        """
        pending, self._unobserved = self._unobserved, None
        if pending is None or pending.step != self.step:
            return None
        main_phi, twin_phi = pending.phi_before
        results = pending.results or self._measure_unobserved(pending)
        try:
            check_finite(*results)
        except DivergedError as exc:
            if self._algorithm_failed(pending.main, results):
                template = (
                    "step {step}: measuring the algorithm after adaptation gave NaN or inf; the "
                    "run is paused. Try a smaller inner learning rate (now {inner_lr})."
                )
            else:
                template = (
                    "step {step}: measuring the pretraining twin after adaptation gave NaN or "
                    "inf; the run is paused. Try a smaller inner learning rate (now {inner_lr})."
                )
            raise DivergedError(
                template, step=pending.step, inner_lr=f"{self.config.inner_lr:g}"
            ) from exc
        return self._snapshot(*results, pending.batch, (flatten(main_phi), flatten(twin_phi)))

    def _measure_unobserved(self, pending: UnobservedStep) -> tuple[StepResult, StepResult]:
        """Measure an unobserved step at the phi it started from, with the current settings
        (set_config measures a pending step before it changes them)."""
        main_phi, twin_phi = pending.phi_before
        return (
            self.main.measure(pending.batch, pending.main, main_phi),
            self.twin.measure(pending.batch, pending.twin, twin_phi),
        )

    def steps(self) -> Iterator[Snapshot]:
        """Generator over the remaining budget: one meta-step per ``next()``."""
        while self.step < self.config.iterations:
            yield self.next_step()

    def set_config(self, config: RunConfig) -> list[str]:
        """Apply live settings now; return the fields that only take effect on reset."""
        config.validate()
        unobserved = self._unobserved
        if unobserved is not None and unobserved.results is None:
            # its snapshot shows the settings it was taken under (inner rate and steps)
            self._unobserved = replace(unobserved, results=self._measure_unobserved(unobserved))
        pending = self.config.restart_fields_changed(config)
        live = {f: getattr(config, f) for f in config.to_dict() if f not in pending}
        # A different K_test (or rate, or task count) measures another quantity; the gap
        # history keeps the earlier rows, each tagged with the setting it was measured under
        # (GAP_COLUMNS), and the gap view marks where the setting changed.
        self.config = self.config.replace(**live)
        self.main.set_config(self.config)
        self.twin.set_config(self.config)
        return pending

    def display_batch(self) -> TaskBatch:
        """The tasks the views show: the latest meta-batch, or before the first step a fixed
        batch drawn apart from the training stream (so every view shows the same tasks)."""
        return self.last_batch or self.family.sample(
            self.config.meta_batch_size, torch.Generator().manual_seed(self.config.seed + 2)
        )

    def current_snapshot(self) -> Snapshot:
        """The snapshot of the current state without a meta-step (for a loaded or replayed
        run): the latest meta-batch, or a fixed one before the first step."""
        batch = self.display_batch()
        main = self.main.measure(batch, self.main.gradient(batch))
        twin = self.twin.measure(batch, self.twin.gradient(batch))
        return self._snapshot(main, twin, batch)

    # -- measurements --------------------------------------------------------------------
    def eval_tasks(self) -> TaskBatch:
        if self._eval_tasks is None or self._eval_tasks.size != self._expected_eval_size():
            self._eval_tasks = held_out_tasks(self.family, self.config)
        return self._eval_tasks

    def share_held_out_tasks(self, other: Trainer) -> None:
        """Use ``other``'s held-out tasks (they depend only on the config: a replay shares
        its run's instead of drawing them again)."""
        self._eval_tasks = other._eval_tasks

    def _expected_eval_size(self) -> int:
        return getattr(self.family, "n_tasks", 0) if self.family.is_toy else self.config.eval_tasks

    def evaluate(
        self, steps: int | None = None, n_tasks: int | None = None, split: str = "test"
    ) -> GapResult:
        """The gap on held-out tasks; with ``steps``, ``n_tasks`` or the validation ``split``
        a one-off question (the CLI's eval), not recorded in the run's gap history."""
        k = self.config.test_inner_steps if steps is None else steps
        one_off = steps is not None or n_tasks is not None or split != "test"
        if one_off:
            tasks = held_out_tasks(self.family, self.config, n_tasks, split)
        else:
            tasks = self.eval_tasks()
        result = evaluate_gap(self.main, self.twin, tasks, k, self.config.test_inner_lr, self.step)
        if one_off:
            return result
        # A second evaluation at the same step, or one too soon after the last kept, adds
        # nothing: the history thins by arrival.
        self.gap_history.record(self.step, gap_row(result, self.config))
        return replace(result, history_steps=self.gap_history.steps, history=self.gap_history.rows)

    # -- internals -----------------------------------------------------------------------
    def path_histories(self) -> tuple[str, ...]:
        """The names of the histories of phi's paths (saved with the run)."""
        exact = ("main_checkpoints", "twin_checkpoints") if self.sketch is not None else ()
        return ("main_path", "twin_path", *exact)

    def exact_paths(self) -> tuple[DecimatingHistory, DecimatingHistory]:
        """Both paths as points in parameter space: the paths themselves, or for a sketched
        net its exact checkpoints (fewer points)."""
        if self.sketch is None:
            return self.main_path, self.twin_path
        return self.main_checkpoints, self.twin_checkpoints

    def _record_paths(self) -> None:
        paths = (self.main_path, self.twin_path)
        for learner, path, exact in zip(
            (self.main, self.twin), paths, self.exact_paths(), strict=True
        ):
            if not (path.accepts(self.step) or exact.accepts(self.step)):
                continue  # flatten only what a path keeps
            flat = _flat_start(learner)
            if path.accepts(self.step):
                path.record(self.step, self.sketch.project(flat) if self.sketch else flat)
            if exact is not path and exact.accepts(self.step):
                exact.record(self.step, flat)

    def _snapshot(
        self,
        main: StepResult,
        twin: StepResult,
        batch: TaskBatch,
        measured: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> Snapshot:
        if measured is None:
            measured = (_flat_start(self.main), _flat_start(self.twin))
        return Snapshot(
            step=self.step,
            iterations=self.config.iterations,
            task=self.config.task,
            algorithm=self.config.algorithm,
            main=_view(main, measured[0]),
            twin=_view(twin, measured[1]),
            batch_info=dict(batch.info),
            wall_time=time.perf_counter(),
        )


@dataclass(frozen=True)
class UnobservedStep:
    """What observing a step after its update needs: its meta-batch, what its gradients
    measured, and both phi as they were before the update (the update is in place)."""

    step: int
    batch: TaskBatch
    main: Gradient
    twin: Gradient
    phi_before: tuple[Params, Params]
    results: tuple[StepResult, StepResult] | None


def _flat_start(learner: MetaAlgorithm) -> np.ndarray:
    """The learner's starting point for a task, flattened (what paths and views show)."""
    return flatten(learner.start_values())


def _copy(params: Params) -> Params:
    return {k: v.clone() for k, v in params.items()}


def _loss_row(main: StepResult, twin: StepResult) -> np.ndarray:
    """A row of the loss history (LOSS_COLUMNS): mean query loss at phi and at theta_n."""
    # in float64 from the per-task values, as the snapshot's means (_view)
    losses = (main.loss_before, main.loss_after, twin.loss_before, twin.loss_after)
    return torch.stack([t.double().mean() for t in losses]).numpy()


#: a snapshot carries every task's theta_n only for a model this small: Conv4's 113,000
#: parameters at meta-batch 32 made a 29 MB snapshot (measured), sent after every observed step;
#: its views take theta_n's projections from their payloads instead (trajectory, landscape)
SNAPSHOT_THETAS_MAX_PARAMETERS = LARGE_MODEL_PARAMETERS


def _view(result: StepResult, phi: np.ndarray) -> LearnerView:
    before = result.loss_before.detach().cpu().double().numpy().copy()
    after = result.loss_after.detach().cpu().double().numpy().copy()
    if phi.size <= SNAPSHOT_THETAS_MAX_PARAMETERS:
        thetas = flatten(result.thetas, batched=True)
    else:
        thetas = np.zeros((0, phi.size))
    return LearnerView(
        loss_before=float(before.mean()),
        loss_after=float(after.mean()),
        phi=phi,
        thetas=thetas,
        task_loss_before=before,
        task_loss_after=after,
    )


#: half the side of the random plane's slice, in filter-normalised units (one unit moves each
#: filter by its own norm): at 1 the log-loss is far from affine over the slice (about 70-85%
#: of its variance is curvature on the sinusoid, tests/core/test_landscape_extent.py), at the
#: markers' own scale (~0.05) it was a ramp (0.1-0.6%)
RANDOM_SPAN = 1.0


def markers_of_paths(markers: dict[str, np.ndarray]) -> list[np.ndarray]:
    return [markers[key] for key in ("main_path", "twin_path") if len(markers[key])]


def network_landscape(
    trainer: Trainer,
    kind: str = "phi-thetas",
    resolution: int = 61,
    seed: int = 0,
    adapted: bool = True,
) -> PlaneLandscape:
    """The 2-D slice for a network family, with phi, theta_a, theta_b, the twin and both paths
    projected into it. Tasks a and b are two fixed held-out tasks of the run's seed. Without
    ``adapted`` only the plain loss is computed (a Conv4's first, coarse pass: the loss after
    an inner step costs a gradient at every grid point)."""
    if trainer.family.is_toy:
        raise ValueError("toy families have exact landscapes; use toy_landscape")
    # Two fixed held-out tasks: the picture stays put between refreshes (the meta-batch
    # changes every step) and exists whatever the meta-batch size.
    pair = held_out_tasks(trainer.family, trainer.config, 2)
    phi = trainer.main.values()
    thetas = trainer.main.adapt(
        pair.support, trainer.config.train_inner_steps, trainer.config.inner_lr
    )
    phi_vec = flatten(phi)
    theta_vecs = flatten(thetas, batched=True)
    if kind == "phi-thetas":
        plane = plane_through(phi_vec, theta_vecs[0], theta_vecs[1])
    elif kind == "pca":
        main_path, twin_path = trainer.exact_paths()
        plane = pca_plane(np.concatenate([main_path.rows, twin_path.rows]), phi_vec)
    elif kind == "random":
        plane = random_plane(phi, seed)
    else:
        raise ValueError(f"unknown plane {kind!r}; choose one of {', '.join(PLANE_KINDS)}")
    twin_vec = _flat_start(trainer.twin)
    markers = {
        "phi": plane.project(phi_vec),
        "thetas": plane.project(theta_vecs),
        "twin_phi": plane.project(twin_vec),
        "main_path": plane.project(trainer.exact_paths()[0].rows),
        "twin_path": plane.project(trainer.exact_paths()[1].rows),
        "thetas_off": plane.off_plane(theta_vecs),
        "twin_phi_off": plane.off_plane(twin_vec),
    }
    focus = np.vstack([markers["phi"][None], markers["thetas"]])
    if kind == "pca":
        # The plane of the paths shows them whole, from their shared start (phi_0).
        focus = np.vstack([focus, markers["twin_phi"][None], *markers_of_paths(markers)])
    elif kind == "random":
        # At the scale of the markers (hundredths of |phi|) the slice is a linear ramp; a
        # filter-normalised unit shows the curvature (Li et al. 2018 plot [-1, 1]).
        corners = np.array([[-RANDOM_SPAN, -RANDOM_SPAN], [RANDOM_SPAN, RANDOM_SPAN]])
        focus = np.vstack([focus, markers["twin_phi"][None], corners])
    a, b = grid_around(focus, resolution, margin=0.0 if kind == "random" else 0.35)
    tasks = tuple(
        (tuple(t[i] for t in pair.support), tuple(t[i] for t in pair.query)) for i in range(2)
    )
    family = trainer.family
    plain, after = plane_losses(
        family,
        phi,
        plane,
        a,
        b,
        tasks,
        trainer.config.inner_lr,
        trainer.main.inner_keys(),
        with_adapted=adapted,
    )
    return PlaneLandscape(plane, a, b, plain, after, markers)
