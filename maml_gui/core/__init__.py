"""The meta-learning engine: torch + numpy only, never Qt (a test enforces this).

Payloads the GUI draws, all frozen dataclasses of numpy arrays:
- :class:`~maml_gui.core.snapshot.Snapshot` after every meta-step (``training.Trainer``);
- :class:`~maml_gui.core.landscape.ToyLandscape` / :class:`~maml_gui.core.landscape.PlaneLandscape`;
- :class:`~maml_gui.core.evaluation.GapResult`;
- :class:`~maml_gui.core.function_space.FunctionFit` (sinusoid);
- :class:`~maml_gui.core.trajectory.Trajectory` and :class:`~maml_gui.core.trajectory.LossHistory`.
"""
