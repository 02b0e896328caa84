"""Which painter draws each kind of landscape: a new family with a new kind adds its painter
file and one line here."""

from __future__ import annotations

from maml_gui.core.records import LandscapeKind
from maml_gui.gui.panels.landscape.contours import ContoursPainter
from maml_gui.gui.panels.landscape.curves import CurvesPainter
from maml_gui.gui.panels.landscape.painter import LandscapePainter
from maml_gui.gui.panels.landscape.planes import PlanesPainter

PAINTERS: dict[LandscapeKind, type[LandscapePainter]] = {
    LandscapeKind.CURVES: CurvesPainter,
    LandscapeKind.CONTOURS: ContoursPainter,
    LandscapeKind.PLANES: PlanesPainter,
}
assert set(PAINTERS) == set(LandscapeKind), "one painter per landscape kind"
