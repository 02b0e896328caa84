"""The task loss landscape with phi and theta_n drawn on it: the seed notes' picture, alive.

One view (``panel``) and one painter per way a family's landscape is drawn
(:class:`~maml_gui.core.records.LandscapeKind`, listed in ``registry``):

- ``curves``: one parameter. Each task's loss curve, the pretraining objective and the MAML
  objective after m inner steps, both phis on their objective and arrows along each task's
  curve from phi to theta_n.
- ``contours``: two parameters. Contours of a task's loss or of either objective, with the
  same markers and arrows.
- ``planes``: a network. A 2-D slice of its parameter space (through phi, theta_a and theta_b,
  or the PCA / random planes), loss before or after one inner step, with phi, the thetas, the
  twin's phi and, in the PCA plane, both projected paths.

A new family draws itself with a new painter file registered in ``registry``.
"""

from maml_gui.gui.panels.landscape.panel import LandscapePanel

__all__ = ["LandscapePanel"]
