"""maml-gui: watch gradient-based meta-learning happen.

Importing this package imports neither Qt nor torch; the engine lives in ``maml_gui.core``
and the desktop app in ``maml_gui.gui``.
"""

__version__ = "0.1.0"
