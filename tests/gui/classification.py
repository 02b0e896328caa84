"""What the classification views' tests share: an Omniglot run's description, and a check
that nothing a view draws reaches outside it."""

from __future__ import annotations

from maml_gui.core.config import default_config
from maml_gui.core.records import FamilyTraits, LandscapeKind, RunInfo


def omniglot_traits(is_classifier: bool = True) -> FamilyTraits:
    """Omniglot's traits, or (False) a regression's, which the classification views skip."""
    return FamilyTraits(
        name="omniglot" if is_classifier else "sinusoid",
        label="Omniglot classification" if is_classifier else "Sinusoid regression",
        dimension=112_005,
        loss_name="query cross-entropy",
        loss_unit="nats",
        is_toy=False,
        has_head=True,
        landscape=LandscapeKind.PLANES,
        has_function_space=not is_classifier,
        is_classifier=is_classifier,
    )


def omniglot_info(algorithm: str = "maml") -> RunInfo:
    config = default_config("omniglot", algorithm)
    return RunInfo(config, omniglot_traits(), config.meta_batch_size)


def scene_items_outside(view) -> list[str]:
    """Every visible item of the view's scene (texts, bars, axes, legend entries) that reaches
    outside the widget: clipped by its edge, or by the plot's frame (a label in the data)."""
    bounds = view.rect().toRectF().adjusted(-0.5, -0.5, 0.5, 0.5)
    found = []
    for item in view.scene().items():
        rect = item.sceneBoundingRect()
        if item.isVisible() and rect.width() > 0 and not bounds.contains(rect):
            text = item.toPlainText() if hasattr(item, "toPlainText") else ""
            found.append(f"{type(item).__name__} {text!r} {rect.getRect()}")
    return found


def exported_colours(view, path, width_px: int) -> set[tuple[int, int, int]]:
    """The colours of a PNG export of ``view`` (sampled), after checking its width."""
    import numpy as np
    from PIL import Image

    from maml_gui.gui.export.images import export_png

    written = export_png(view, path, width_px=width_px)
    with Image.open(written) as image:
        assert image.size[0] == width_px
        pixels = np.asarray(image.convert("RGB")).reshape(-1, 3)
    return {tuple(int(v) for v in p) for p in pixels[:: max(1, len(pixels) // 40000)]}


def rgb(name: str) -> tuple[int, int, int]:
    from PySide6.QtGui import QColor

    colour = QColor(name)
    return colour.red(), colour.green(), colour.blue()
