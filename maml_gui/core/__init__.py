"""The meta-learning engine: torch + numpy only, never Qt or the GUI (import-linter contracts
in pyproject.toml enforce it).

What it sends to the GUI process is defined in :mod:`maml_gui.core.records` (numpy only):
snapshots after meta-steps, RunInfo with the task family's traits, and the payloads the views
ask for by :class:`~maml_gui.core.records.PayloadKind`. The protocol between the two processes
is :mod:`maml_gui.core.process.protocol`.
"""
