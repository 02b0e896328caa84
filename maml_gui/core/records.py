"""Everything that crosses between the training process and the GUI process: numpy only.

The GUI process imports this module and ``config`` from the engine, and nothing else of it:
both are free of torch (an import-linter contract in pyproject.toml and a run-time test hold
that). Every array here is a numpy *copy* made by the engine; a record is frozen once built.

The records, by who sends them:

- the session: :class:`Snapshot` (with two :class:`LearnerView`) after training steps,
  :class:`RunInfo` when a run is created, loaded or reset, and payloads by kind
  (:class:`PayloadKind`): :class:`ToyLandscape`, :class:`PlaneLandscape`, :class:`GapResult`,
  :class:`FunctionFit`, :class:`Trajectory`, :class:`LossHistory`, :class:`MetaGradients`;
- an animation's frames: :class:`Frame`;
- the GUI: :class:`PayloadRequest` (the standing set of payloads its views need).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from maml_gui.core.config import RunConfig, StrEnum

#: a model with more parameters than this is "large" (Conv4 at HW15's width has 112,000):
#: its snapshots leave out theta_n, its paths are sketched (core.path_sketch) and its
#: landscape slice is computed in passes (gui.panels.landscape.planes)
LARGE_MODEL_PARAMETERS = 20_000

# -- the task family's traits -----------------------------------------------------------------
#: the planes a network's landscape can be sliced in (``core.landscape``)
PLANE_KINDS = ("phi-thetas", "pca", "random")


class LandscapeKind(StrEnum):
    """How a family's loss landscape is drawn: each kind has its own painter in the GUI."""

    CURVES = "curves"  # one parameter: exact loss curves (toy1d)
    CONTOURS = "contours"  # two parameters: exact contour maps (toy2d)
    PLANES = "planes"  # a network: 2-D slices through its parameter space (sinusoid)


@dataclass(frozen=True)
class FamilyTraits:
    """What the views need to know about a task family, so no view compares its name."""

    name: str
    label: str
    #: parameters of the learner: 1 or 2 for the toys (drawn exactly), thousands for a network
    dimension: int
    #: what the loss is called and its unit, for axes and CSV headers
    loss_name: str
    loss_unit: str
    #: every step uses the same finite set of tasks with exact losses (the toys)
    is_toy: bool
    #: the model has a body/head split (ANIL adapts the head only)
    has_head: bool
    landscape: LandscapeKind
    #: the planes a network slice can lie in (empty for the toys)
    planes: tuple[str, ...] = ()
    #: the family's tasks are functions y = f(x) the function-space view can draw
    has_function_space: bool = False
    #: the tasks are N-way classification: accuracy, images, feature reuse, one-shot runs
    is_classifier: bool = False

    @property
    def is_large(self) -> bool:
        """A model over LARGE_MODEL_PARAMETERS (Conv4): see there what that changes."""
        return self.dimension > LARGE_MODEL_PARAMETERS

    @property
    def exact_parameters(self) -> bool:
        """φ is shown in its own coordinates (1-D or 2-D), not projected."""
        return self.dimension <= 2


@dataclass(frozen=True)
class RunInfo:
    """What a view needs to know about the run it shows."""

    config: RunConfig
    traits: FamilyTraits
    #: per-task colours and labels are derived from this count (the toys' finite task set,
    #: or the network's meta-batch size)
    n_tasks: int
    #: for toys, the exact task minima (T, dim); None for networks
    task_minima: np.ndarray | None = None
    #: an opened run that has trained already: its current state, shown before its next step
    snapshot: Snapshot | None = None
    #: the held-out task the function-space view opens on (core.function_space.telling_task)
    function_task: int = 0


# -- payloads ---------------------------------------------------------------------------------
class PayloadKind(StrEnum):
    """The expensive results a view can ask the training process for.

    One list: the session computes them (``core.payloads`` registers how), the views ask for
    them by these names, and :data:`PAYLOAD_RULES` says when each one applies and how often it
    may be recomputed while training runs.
    """

    TOY_LANDSCAPE = "toy_landscape"
    PLANE_LANDSCAPE = "plane_landscape"
    GAP = "gap"
    FUNCTION_FIT = "function_fit"
    TRAJECTORY = "trajectory"
    LOSS_HISTORY = "loss_history"
    TASK_PREDICTIONS = "task_predictions"
    FEATURE_REUSE = "feature_reuse"
    ONE_SHOT_RUNS = "one_shot_runs"
    META_GRADIENTS = "meta_gradients"


class Freshness(enum.Enum):
    """What makes a payload out of date."""

    RATE = "rate"  # depends on the inner learning rate only (the toys' exact curves)
    STATE = "state"  # depends on phi: every step and every setting


@dataclass(frozen=True)
class PayloadRule:
    #: shortest wall time between two recomputations while training runs; the payload's own
    #: cost stretches it further (see ``core.process.session.PAYLOAD_SHARE``)
    interval: float
    freshness: Freshness
    #: whether a family can answer it: requests outlive a task switch
    needs_toy: bool | None = None  # True: toys only; False: networks only; None: every family
    needs_function_space: bool = False
    needs_classifier: bool = False

    def applies(self, traits: FamilyTraits) -> bool:
        if self.needs_toy is not None and traits.is_toy != self.needs_toy:
            return False
        if self.needs_classifier and not traits.is_classifier:
            return False
        return traits.has_function_space or not self.needs_function_space


#: The toys' gap costs ~7 ms (4 per second: a toy run lasts seconds and its gap-over-time curve
#: needs the points); on sinusoid it costs ~40 ms and its cost spaces it to one per ~1.5 s.
PAYLOAD_RULES: dict[PayloadKind, PayloadRule] = {
    PayloadKind.TOY_LANDSCAPE: PayloadRule(2.0, Freshness.RATE, needs_toy=True),
    PayloadKind.PLANE_LANDSCAPE: PayloadRule(2.0, Freshness.STATE, needs_toy=False),
    PayloadKind.GAP: PayloadRule(0.25, Freshness.STATE),
    PayloadKind.FUNCTION_FIT: PayloadRule(1.0, Freshness.STATE, needs_function_space=True),
    PayloadKind.TRAJECTORY: PayloadRule(1.0, Freshness.STATE),
    PayloadKind.LOSS_HISTORY: PayloadRule(0.5, Freshness.STATE),
    # classification: each costs seconds on Conv4, and its own cost spaces it further
    PayloadKind.TASK_PREDICTIONS: PayloadRule(5.0, Freshness.STATE, needs_classifier=True),
    PayloadKind.FEATURE_REUSE: PayloadRule(10.0, Freshness.STATE, needs_classifier=True),
    PayloadKind.ONE_SHOT_RUNS: PayloadRule(30.0, Freshness.STATE, needs_classifier=True),
    # the toys' losses are fixed: the arrows at a point depend on the point and the rates only
    PayloadKind.META_GRADIENTS: PayloadRule(0.0, Freshness.RATE, needs_toy=True),
}


@dataclass(frozen=True)
class PayloadRequest:
    """Ask the training process for a payload; ``params`` are (name, value) pairs:
    TOY_LANDSCAPE (m_max), PLANE_LANDSCAPE (plane, resolution, adapted), FUNCTION_FIT (task_index,
    and optionally steps, the user's own support ((x, y), ...) and truth (amplitude, phase)),
    TASK_PREDICTIONS (task_index), FEATURE_REUSE (tasks), ONE_SHOT_RUNS (steps), META_GRADIENTS
    (phi (w1, ...), steps m, lam)."""

    kind: PayloadKind
    params: tuple[tuple[str, Any], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", PayloadKind(self.kind))  # a typo fails here, at once

    def param(self, name: str, default: Any = None) -> Any:
        return dict(self.params).get(name, default)


# -- snapshots --------------------------------------------------------------------------------
@dataclass(frozen=True)
class LearnerView:
    """One learner at a step (the chosen algorithm or its pretraining twin).

    ``phi`` is the parameter vector this step's batch was measured at, i.e. *before* the
    step's update, so that ``thetas`` (adapted from it) and both losses belong to it.
    """

    loss_before: float  # mean query loss at phi over the batch
    loss_after: float  # mean query loss at theta_n (after the training inner steps)
    phi: np.ndarray  # flattened parameters before this step's update, (D,)
    #: adapted parameters of the batch's tasks, (T, D); (0, D) for a model too large to send
    #: at every step (training.SNAPSHOT_THETAS_MAX_PARAMETERS): its views project theta_n
    #: from their payloads
    thetas: np.ndarray
    task_loss_before: np.ndarray  # per task, (T,)
    task_loss_after: np.ndarray  # per task, (T,)


@dataclass(frozen=True)
class Snapshot:
    """The run after ``step`` meta-iterations."""

    step: int
    iterations: int
    task: str
    algorithm: str
    main: LearnerView
    twin: LearnerView
    batch_info: dict[str, np.ndarray] = field(default_factory=dict)
    wall_time: float = 0.0

    @property
    def finished(self) -> bool:
        return self.step >= self.iterations


# -- landscapes -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ToyLandscape:
    axes: tuple[np.ndarray, ...]  # one axis (toy1d) or two (toy2d: x then y)
    task_losses: np.ndarray  # (T, *grid)
    pretraining: np.ndarray  # (*grid)
    maml: np.ndarray  # (m_max + 1, *grid); maml[0] equals pretraining
    task_minima: np.ndarray  # (T, dim)
    inner_lr: float
    #: the square (each axis low, high) the tasks live in; a 2-D grid may extend beyond it
    #: along one axis to fill its view (the view frames this square)
    bounds: tuple[float, float] = (-3.0, 3.0)


@dataclass(frozen=True)
class Plane:
    """origin + a * d1 + b * d2, with d1, d2 flattened parameter vectors."""

    kind: str
    origin: np.ndarray
    d1: np.ndarray
    d2: np.ndarray

    def project(self, points: np.ndarray) -> np.ndarray:
        """(..., D) parameter vectors -> (..., 2) plane coordinates (least squares)."""
        basis = np.stack([self.d1, self.d2], axis=1)  # (D, 2)
        flat = np.atleast_2d(points) - self.origin
        coords = np.linalg.solve(basis.T @ basis, (flat @ basis).T).T
        return coords.reshape(*points.shape[:-1], 2)

    def off_plane(self, points: np.ndarray) -> np.ndarray:
        """(..., D) -> (...): each point's distance from the plane, in units of |d1| (the
        plane's own scale), so a marker drawn at its projection can say it was projected."""
        points = np.asarray(points, dtype=float)
        coords = self.project(points).reshape(-1, 2)
        flat = np.atleast_2d(points) - self.origin
        rest = flat - coords[:, :1] * self.d1 - coords[:, 1:] * self.d2
        distance = np.linalg.norm(rest, axis=1) / max(float(np.linalg.norm(self.d1)), 1e-300)
        return distance.reshape(points.shape[:-1])


@dataclass(frozen=True)
class PlaneLandscape:
    plane: Plane
    a: np.ndarray  # (G,) coordinates along d1 (x axis)
    b: np.ndarray  # (G,) coordinates along d2 (y axis)
    plain: np.ndarray  # (T, G, G) loss of each plane task; rows index b, columns a
    #: (T, G, G) loss after one inner step from each grid point; None when not computed (a
    #: large net's coarse first pass)
    adapted: np.ndarray | None
    #: plane coordinates: "phi" (2,), "thetas" (2, 2), "twin_phi" (2,), "main_path" and
    #: "twin_path" (N, 2); and how far each point marker lies off the plane, in units of |d1|
    #: (0 for points in it): "thetas_off" (2,), "twin_phi_off" () (see Plane.off_plane)
    markers: dict[str, np.ndarray] = field(default_factory=dict)


# -- evaluation, function space, paths --------------------------------------------------------
@dataclass(frozen=True)
class GapCurve:
    """Mean query loss after k steps, k = 0..K, with a 95% interval (normal approximation)."""

    steps: np.ndarray
    mean: np.ndarray
    ci95: np.ndarray
    per_task: np.ndarray  # (tasks, K + 1)


#: columns of a gap-history row (GapResult.history; core.training.GAP_COLUMNS names them)
GAP_HISTORY_WIDTH = 11
#: where the accuracy columns start in a gap-history row
GAP_ACCURACY_START = 7


@dataclass(frozen=True)
class GapResult:
    step: int
    algorithm: GapCurve
    pretraining: GapCurve
    #: the run's earlier evaluations: meta-iterations (N,) and (N, 11) rows of
    #: [algorithm k=0, algorithm k=K, pretraining k=0, pretraining k=K] query losses, then
    #: the setting each row was measured under: [K_test, test inner lr, held-out tasks], then
    #: the same four as query accuracy (NaN when not a classifier)
    history_steps: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    history: np.ndarray = field(default_factory=lambda: np.zeros((0, GAP_HISTORY_WIDTH)))
    #: the test inner learning rate of this evaluation (K_test and the task count are in the
    #: curves' shapes); None from code that does not say
    test_inner_lr: float | None = None
    #: a classifier's query accuracy after k steps, (algorithm, pretraining); None otherwise
    accuracy: tuple[GapCurve, GapCurve] | None = None


@dataclass(frozen=True)
class FunctionFit:
    x: np.ndarray  # (G,)
    truth: np.ndarray  # (G,)
    support_x: np.ndarray  # (K,)
    support_y: np.ndarray  # (K,)
    steps: tuple[int, ...]
    main: np.ndarray  # (len(steps), G) predictions from the algorithm's phi
    twin: np.ndarray  # (len(steps), G) predictions from the pretraining twin's phi
    amplitude: float
    phase: float
    task_index: int
    #: the user's own task: support points they placed (and truth they chose), not the
    #: held-out task's
    own_task: bool = False


@dataclass(frozen=True)
class MetaGradients:
    """The four meta-gradients at a chosen point phi of a toy (``core.explore``); each is g
    with the algorithm's update phi <- phi - beta * g. Reptile's is its update direction in
    gradient units, (phi - mean theta_n) / (m alpha), NaN for m = 0."""

    phi: np.ndarray  # (d,)
    inner_steps: int  # m
    inner_lr: float  # alpha
    lam: float  # iMAML's regularisation lambda
    thetas: np.ndarray  # (T, d) theta_n after m inner steps from phi
    paths: np.ndarray  # (T, m + 1, d) each task's inner steps, phi first
    task_losses: np.ndarray  # (T,) l_n(theta_n^m)
    objective: float  # the MAML objective (1/T) sum_n l_n(theta_n^m)
    pretraining_objective: float  # (1/T) sum_n l_n(phi)
    maml: np.ndarray  # (d,)
    fomaml: np.ndarray  # (d,)
    reptile: np.ndarray  # (d,)
    imaml: np.ndarray  # (d,)
    imaml_thetas: np.ndarray  # (T, d) the regularised inner problems' minimisers

    @property
    def curvature_term(self) -> np.ndarray:
        """What FOMAML drops: the part of MAML's gradient that comes from the Jacobians of
        the inner steps (the tasks' curvature)."""
        return self.maml - self.fomaml

    @property
    def angle_maml_fomaml(self) -> float:
        """Degrees between the MAML and FOMAML gradients; NaN if either is zero."""
        a, b = self.maml, self.fomaml
        norms = float(np.linalg.norm(a) * np.linalg.norm(b))
        if norms == 0.0 or not np.isfinite(norms):
            return float("nan")
        return float(np.degrees(np.arccos(np.clip(float(a @ b) / norms, -1.0, 1.0))))

    def gradient(self, name: str) -> np.ndarray:
        """One of "maml", "fomaml", "reptile", "imaml"."""
        return {
            "maml": self.maml,
            "fomaml": self.fomaml,
            "reptile": self.reptile,
            "imaml": self.imaml,
        }[name]


@dataclass(frozen=True)
class Trajectory:
    steps: np.ndarray  # (N,) meta-iterations at which phi was recorded (decimated)
    main: np.ndarray  # (N, d) the algorithm's phi, d = 1, 2 (toys) or 2 (PCA projection)
    twin: np.ndarray  # (N, d) the pretraining twin's phi
    main_thetas: np.ndarray  # (T, d) theta_n adapted from the current phi
    twin_thetas: np.ndarray  # (T, d) theta_n adapted from the twin's current phi
    exact: bool  # True: real parameter coordinates; False: a PCA projection
    explained: tuple[float, float] = (1.0, 1.0)  # variance fraction of each PCA axis
    #: the projection (PCA only): coordinates are (vector - centre) @ basis. With them a view
    #: places the phi and theta_n of every snapshot between two (costlier) refreshes.
    centre: np.ndarray | None = None  # (D,)
    #: (D, 2): orthonormal columns, or for a sketched path (core.path_sketch) the principal
    #: directions mapped through the sketch (not orthonormal)
    basis: np.ndarray | None = None

    def project(self, vectors: np.ndarray) -> np.ndarray | None:
        """Parameter vectors (D,) or (T, D) in this picture's coordinates; None for a
        projection that is not known yet (a path too short for PCA) or an exact picture."""
        if self.basis is None or self.centre is None:
            return None
        return (np.asarray(vectors) - self.centre) @ self.basis


#: columns of the loss history: main before/after adaptation, twin before/after
LOSS_COLUMNS = ("main_before", "main_after", "twin_before", "twin_after")


@dataclass(frozen=True)
class LossHistory:
    """The trainer's bounded loss history (columns: LOSS_COLUMNS)."""

    steps: np.ndarray
    rows: np.ndarray


# -- animations -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Frame:
    """Everything a view needs to draw the run at one point: computed, then drawn."""

    info: RunInfo
    snapshot: Snapshot
    payloads: tuple[Any, ...]


@dataclass(frozen=True)
class TimelineFrame:
    """The run as it was at a recorded step, for the timeline: the snapshot, and each payload
    asked for with its request (or why it could not be computed: a plane through a path of
    fewer than three points has none)."""

    step: int  # the recorded step shown: the last one at or before the step asked for
    recorded: np.ndarray  # every step the run can be shown at, ascending (int)
    snapshot: Snapshot
    payloads: tuple[tuple[PayloadRequest, Any], ...]
    failed: tuple[tuple[PayloadRequest, str], ...]


# -- classification ---------------------------------------------------------------------------
@dataclass(frozen=True)
class TaskPredictions:
    """One held-out classification task and what each starting point predicts for its query
    images after each number of fine-tuning steps. Images in [0, 1] ink, labels 0..N-1."""

    support: np.ndarray  # (N * K, 28, 28)
    support_labels: np.ndarray  # (N * K,)
    query: np.ndarray  # (N * q, 28, 28)
    query_labels: np.ndarray  # (N * q,)
    steps: tuple[int, ...]
    #: class probabilities (len(steps), N * q, N): from the algorithm's start, from pretraining's
    main: np.ndarray
    twin: np.ndarray
    task_index: int = 0

    def wrong(self, which: str) -> np.ndarray:
        """(len(steps), N * q) True where ``which`` ("main" or "twin") picks a wrong class."""
        return getattr(self, which).argmax(-1) != self.query_labels


@dataclass(frozen=True)
class FeatureReuse:
    """Linear CKA between each layer's activations before and after adaptation, averaged over
    held-out tasks (1: the layer's representation did not change; NaN: undefined, as for the
    pretraining twin's zero head, whose logits do not vary)."""

    layers: tuple[str, ...]
    algorithm: np.ndarray  # (layers,) the run's algorithm adapting as it does
    head_only: np.ndarray  # (layers,) the same start adapting its head only (ANIL's way)
    pretraining: np.ndarray  # (layers,) the pretraining twin fine-tuning from its start
    steps: int
    tasks: int


@dataclass(frozen=True)
class OneShotRuns:
    """Both learners' error on Lake et al.'s 20-way one-shot runs after k steps."""

    steps: tuple[int, ...]
    algorithm: np.ndarray  # (len(steps), runs) fraction of test images misclassified
    pretraining: np.ndarray
    #: published error rates on the same runs (Lake et al. 2015): (who, rate) pairs
    published: tuple[tuple[str, float], ...]
