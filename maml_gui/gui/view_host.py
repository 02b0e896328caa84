"""The views: docked in two columns, fed with snapshots and the payloads they asked for, and
redrawn one at a time by a paced timer.

The host routes each payload to the views whose standing requests include it, so a view never
sorts through payloads of other views. Drawing is paced: the GUI thread's own work (mostly
painting) may take at most GUI_SHARE of the wall time, so a slow view draws less often instead
of leaving no time for input events; and each tick redraws one view, round-robin among those
with something new (a tick that redrew every view at once stalled the event loop 60-80 ms).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QWidget

from maml_gui.core.records import (
    PAYLOAD_RULES,
    Frame,
    Freshness,
    PayloadRequest,
    RunInfo,
    Snapshot,
    TimelineFrame,
)
from maml_gui.gui.i18n import translate
from maml_gui.gui.panels.base import Panel
from maml_gui.gui.theme import SCREEN, slide_share, slide_theme_at, slide_theme_fitting

log = logging.getLogger(__name__)

#: one view redrawn per tick: 25 passes a second. The two CPUs of this kind of machine share
#: a core's resources: a numpy process beside plain training slowed it to 0.77x (measured), so
#: the GUI's own CPU is training's speed. At 33 ms (30 passes, 34% of a CPU) training ran at
#: 0.83-0.96x headless; at 40 ms (25 passes, 24%) at 0.86-0.91x.
REDRAW_INTERVAL_MS = 40
#: at most this share of wall time for the GUI thread's own work (mostly painting)
GUI_SHARE = 0.6
#: ... but never fewer frames than one per this many seconds
MAX_FRAME_GAP = 0.5
#: shown over every view until the training process has made its first run (it imports
#: torch meanwhile: 2-3 s, while this process shows the window)
STARTING = QT_TRANSLATE_NOOP("ViewHost", "Starting the training process…")
#: the share of the views' width the first column (landscape over gap) gets, as before the views
#: were split by family (the landscape's controls then held it open); the landscape's
#: legend and the gap's two plots need the room; the second column holds narrower plots
FIRST_COLUMN_SHARE = 0.6
#: the settings dock may grow this much past its size hint (its messages wrap)
SIDE_SLACK = 1.25
#: a resized view gets its slide theme re-fitted once the resizing has paused this long (ms):
#: re-theming a view re-lays out its scene, too slow for every step of a splitter drag
THEME_REFIT_MS = 150
#: a slide theme too large for its view's content steps down by this share of the way from
#: the slide theme's sizes to the screen theme's (one point of type)
SLIDE_STEP_DOWN = 0.1

Report = Callable[[str, str], None]


class ViewHost(QObject):
    #: the standing set of payloads the views need changed (a tuple of PayloadRequest)
    requests_changed = Signal(object)

    def __init__(self, window: QMainWindow, panels: Sequence[Panel], report: Report) -> None:
        super().__init__(window)
        self.panels: list[Panel] = list(panels)
        self._report = report
        self.docks = _dock(window, self.panels)
        self.frames_drawn = 0
        self._wanted: dict[int, frozenset[PayloadRequest]] = {}
        self._errors: set[tuple[int, str]] = set()
        self._next = 0  # round-robin position of redraw()
        self._current: Panel | None = None
        self._frame_wall = time.perf_counter()
        self._frame_cpu = time.thread_time()
        self._first_frame_logged = False
        self._snapshot_seen = False
        #: the timeline holds the views at a past step; the live data is kept meanwhile
        self._held = False
        self._live_snapshot: Snapshot | None = None
        self._live_payloads: dict[PayloadRequest, Any] = {}
        self._placeholders = [
            _Placeholder(panel, translate("ViewHost", STARTING)) for panel in self.panels
        ]
        #: whether the current family shows each view (Panel.shown_for), by id(panel)
        self._family_shows: dict[int, bool] = {}
        #: whether each dock is on screen, by id: a back tab's dock is not hidden, Qt only
        #: says so through visibilityChanged
        self._seen: dict[int, bool] = {}
        for dock in self.docks:
            dock.visibilityChanged.connect(
                lambda visible, d=dock: self._on_dock_visibility(d, visible)
            )
        self.theme_name = "screen"
        self.crosshair = False
        self._themes: dict[int, dict] = {}  # the theme each view has now
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(THEME_REFIT_MS)
        self._refit.timeout.connect(self._apply_themes)
        for panel in self.panels:
            panel.requests_changed.connect(self.forward_requests)
            panel.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._on_focus_changed)
        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_INTERVAL_MS)
        self.timer.timeout.connect(self.redraw)
        self.timer.start()

    # -- data in ------------------------------------------------------------------------------
    @Slot(object)
    def reset(self, info: RunInfo) -> None:
        self._held = False  # a new run is shown live
        self._live_snapshot = None
        self._live_payloads.clear()
        for placeholder in self._placeholders:
            placeholder.deleteLater()
        self._placeholders = []
        self._errors.clear()
        for panel, dock in zip(self.panels, self.docks, strict=True):
            self._call(panel, "reset", info)
            if callable(getattr(panel, "dock_title", None)):  # test views may lack the hook
                dock.setWindowTitle(panel.dock_title(info))
        self._show_views_for(info)
        if info.snapshot is not None:  # an opened run: show it before its next step
            self.on_snapshot(info.snapshot)
        self.forward_requests()

    @Slot(object)
    def on_snapshot(self, snapshot: Snapshot) -> None:
        self._live_snapshot = snapshot
        if not self._held:
            self._show_snapshot(snapshot)

    @Slot(object, object)
    def on_payload(self, request: PayloadRequest, payload: Any) -> None:
        self._live_payloads[request] = payload
        # A payload that depends on the rates alone (the toys' exact curves, the explore
        # marker's arrows) is the same at every step: it shows at once, also on the timeline,
        # so the marker follows a drag there too.
        if not self._held or PAYLOAD_RULES[request.kind].freshness is Freshness.RATE:
            self._route(request, payload)

    def _show_snapshot(self, snapshot: Snapshot) -> None:
        self._snapshot_seen = True
        for panel in self.panels:
            self._call(panel, "on_snapshot", snapshot)

    def _route(self, request: PayloadRequest, payload: Any) -> None:
        for panel in self.panels:
            if request in self._wanted.get(id(panel), ()):
                self._call(panel, "on_payload", payload)

    def live_frame(self, panel: Panel, info: RunInfo | None) -> Frame | None:
        """What ``panel`` shows of the live run now (for a twin drawn in another language);
        None while a past step is on show or before the first snapshot."""
        if self._held or info is None or self._live_snapshot is None:
            return None
        wanted = self._wanted.get(id(panel), frozenset())
        payloads = tuple(p for r, p in self._live_payloads.items() if r in wanted)
        return Frame(info, self._live_snapshot, payloads)

    # -- the timeline: the views show a past step while the live run's data waits ------------
    @property
    def held(self) -> bool:
        return self._held

    def hold(self) -> None:
        """Keep the live run's snapshots and payloads without showing them."""
        self._held = True

    def show_frame(self, frame: TimelineFrame) -> None:
        """Show the run at a past step: its snapshot first, then its payloads, which replace
        the histories the snapshot cannot shorten (they only grow)."""
        self._show_snapshot(frame.snapshot)
        for request, payload in frame.payloads:
            self._route(request, payload)

    def release(self) -> None:
        """Back to live: every latest live payload, then the latest live snapshot, which is
        as new as they are or newer: the order in which they came."""
        if not self._held:
            return
        self._held = False
        for request, payload in list(self._live_payloads.items()):
            self._route(request, payload)
        if self._live_snapshot is not None:
            self._show_snapshot(self._live_snapshot)

    def _show_views_for(self, info: RunInfo) -> None:
        """Hide the views a family has nothing for (a classifier's function space, a
        regression's images) and show them again for one that has; a view the user closed
        stays closed while the family keeps it. The View menu cannot show a hidden one."""
        changed = False
        for panel, dock in zip(self.panels, self.docks, strict=True):
            shown_for = getattr(panel, "shown_for", None)
            shown = bool(shown_for(info.traits)) if callable(shown_for) else True
            dock.toggleViewAction().setEnabled(shown)
            if self._family_shows.get(id(panel), True) != shown:
                dock.setVisible(shown)
                changed = True
            self._family_shows[id(panel)] = shown
        if changed:  # the first view of the tabbed group the family shows comes to the front
            tabbed = [d for d in self.docks[3:] if self._family_shows.get(id(d.widget()), True)]
            if tabbed:
                tabbed[0].raise_()

    def _on_dock_visibility(self, dock: QDockWidget, visible: bool) -> None:
        """A view that computes only while seen asks again when its dock is shown or hidden
        (a tab raised or closed)."""
        self._seen[id(dock)] = visible
        if getattr(dock.widget(), "requests_only_when_seen", False):
            self.forward_requests()

    def is_seen(self, dock: QDockWidget) -> bool:
        """Whether the dock is on screen: shown, and the front tab if tabbed."""
        return dock.isVisible() and self._seen.get(id(dock), True)

    @Slot()
    def forward_requests(self) -> None:
        requests: list[PayloadRequest] = []
        for panel, dock in zip(self.panels, self.docks, strict=True):
            if getattr(panel, "requests_only_when_seen", False) and not self.is_seen(dock):
                self._wanted[id(panel)] = frozenset()  # costly payloads: only for a seen view
                continue
            wanted = self._requests_of(panel)
            self._wanted[id(panel)] = frozenset(wanted)
            requests += wanted
        # the latest live payload of each request still asked for (a dragged support point
        # asks anew at every move: the others would pile up)
        asked = set(requests)
        self._live_payloads = {r: p for r, p in self._live_payloads.items() if r in asked}
        self.requests_changed.emit(tuple(dict.fromkeys(requests)))

    def _requests_of(self, panel: Panel) -> list[PayloadRequest]:
        try:
            return list(panel.requests())
        except Exception as exc:
            self._failed(panel, "requests", exc)
            return []

    def _call(self, panel: Panel, hook: str, *args) -> None:
        """A failing view must not take the others (or the run) down; say so once per hook."""
        try:
            getattr(panel, hook)(*args)
        except Exception as exc:
            self._failed(panel, hook, exc)

    def _failed(self, panel: Panel, hook: str, exc: Exception) -> None:
        log.error("%s.%s failed", type(panel).__name__, hook, exc_info=exc)
        key = (id(panel), hook)
        if key not in self._errors:
            self._errors.add(key)
            failed = translate("ViewHost", "{view} failed").format(view=_shown_title(panel))
            self._report(failed, f"{type(exc).__name__}: {exc}")

    # -- drawing ------------------------------------------------------------------------------
    @Slot()
    def redraw(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        since = now - self._frame_wall
        if cpu - self._frame_cpu > GUI_SHARE * since and since < MAX_FRAME_GAP:
            return
        self._frame_wall, self._frame_cpu = now, cpu
        count = len(self.panels)
        for offset in range(count):
            index = (self._next + offset) % count
            panel, dock = self.panels[index], self.docks[index]
            if dock.isVisible() and _has_news(panel):
                self._call(panel, "redraw")
                _settle_ranges(panel)
                self._next = index + 1
                self.frames_drawn += 1
                if self._snapshot_seen and not self._first_frame_logged:
                    self._first_frame_logged = True  # the launch benchmark reads this line
                    log.info("first training frame drawn at %.3f", time.time())
                return

    def stop(self) -> None:
        self.timer.stop()

    def set_theme(self, name: str) -> None:
        """ "screen", or "slide": large type, fitted to each view's size (see
        slide_theme_fitting), and re-fitted when a view is resized."""
        self.theme_name = name
        self._apply_themes()

    def set_crosshair(self, on: bool) -> None:
        """A crosshair under the cursor on every plot of every view (View > Crosshair)."""
        self.crosshair = on
        for panel in self.panels:
            for plot in getattr(getattr(panel, "styler", None), "plots", ()):
                plot.hover.set_crosshair(on)

    @property
    def refitting(self) -> bool:
        """Whether a view's slide theme is waiting to be re-fitted to its new size."""
        return self._refit.isActive()

    def theme_of(self, panel: Panel) -> dict:
        """The theme ``panel`` is drawn in now."""
        return self._themes.get(id(panel), SCREEN)

    @Slot()
    def _apply_themes(self) -> None:
        for panel in self.panels:
            if not callable(getattr(panel, "apply_theme", None)):  # an optional hook of a view
                continue
            if self.theme_name == "slide":
                self._fit_slide_theme(panel)
            elif self._themes.get(id(panel), SCREEN) != SCREEN:
                self._set_panel_theme(panel, SCREEN)

    def _fit_slide_theme(self, panel: Panel) -> None:
        """The slide theme fitted to the view's size; then, while its content still needs more
        room than the view has (a tall legend in a short dock), a step smaller in type and
        line width (longer dashes widen the legend's samples), down to the screen theme's."""
        theme = slide_theme_fitting(panel.width(), panel.height())
        self._set_panel_theme(panel, theme)
        fits = getattr(panel, "content_fits", None)
        share = slide_share(theme)
        while callable(fits) and not fits() and share > 0:
            share = max(share - SLIDE_STEP_DOWN, 0.0)
            self._set_panel_theme(panel, slide_theme_at(share))

    def _set_panel_theme(self, panel: Panel, theme: dict) -> None:
        if theme != self._themes.get(id(panel), SCREEN):
            self._themes[id(panel)] = theme
            self._call(panel, "apply_theme", theme)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.theme_name != "screen":
            self._refit.start()
        return False

    # -- which view the user works in ---------------------------------------------------------
    def current_panel(self) -> Panel:
        """The view holding the focus, else the last one that did and is still visible, else
        the first visible one."""
        visible = [p for p, d in zip(self.panels, self.docks, strict=True) if d.isVisible()]
        if self._current in visible:
            return self._current
        return (visible or self.panels)[0]

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        for panel in self.panels:
            if new is not None and (new is panel or panel.isAncestorOf(new)):
                self._current = panel
                return


def _shown_title(panel: Panel) -> str:
    """A view's title in the interface's language (a test's view may lack the hook)."""
    shown = getattr(panel, "shown_title", None)
    return shown() if callable(shown) else panel.title


def _dock(window: QMainWindow, panels: list[Panel]) -> list[QDockWidget]:
    """Two columns of docks: views side by side, each column split top/bottom."""
    docks = []
    for i, panel in enumerate(panels):
        dock = QDockWidget(_shown_title(panel), window)
        dock.setObjectName(f"panel_dock_{i}")
        dock.setWidget(panel)
        docks.append(dock)
    if not docks:
        return docks
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, docks[0])
    if len(docks) > 1:
        window.splitDockWidget(docks[0], docks[1], Qt.Orientation.Horizontal)
    if len(docks) > 2:
        window.splitDockWidget(docks[0], docks[2], Qt.Orientation.Vertical)
    if len(docks) > 3:
        window.splitDockWidget(docks[1], docks[3], Qt.Orientation.Vertical)
    for extra in docks[4:]:
        window.tabifyDockWidget(docks[3], extra)
    return docks


def share_columns(window: QMainWindow, side: QDockWidget, docks: list[QDockWidget]) -> None:
    """The side dock at its size hint; the two columns of views ``FIRST_COLUMN_SHARE`` and the
    rest of the window's width. Left to the docks' size hints, the split followed whatever the
    widest row of controls happened to be."""
    if len(docks) < 2:
        return
    side_width = side.sizeHint().width()  # its fields whole: the minimum clipped 10000 to "000"
    # Its fields have fixed widths, so more room is blank: a window made larger (maximised on
    # a 1920 screen) gave the settings 660 pixels of it. The views take it instead.
    side.setMaximumWidth(round(side_width * SIDE_SLACK))
    views = max(window.width() - side_width, 2)
    first = round(views * FIRST_COLUMN_SHARE)
    window.resizeDocks(
        [side, *docks[:2]], [side_width, first, views - first], Qt.Orientation.Horizontal
    )


def _has_news(panel: Panel) -> bool:
    """Whether a redraw would change anything (panels without a flag always redraw)."""
    contours = getattr(panel, "contours", None)
    return bool(getattr(panel, "dirty", True) or getattr(contours, "pending", False))


def _settle_ranges(panel: Panel) -> None:
    """Let pyqtgraph apply auto-range now rather than inside the paint: otherwise the range
    change found while painting schedules a second full paint of the view (measured: 2.5
    paints per setData instead of 1.2)."""
    try:
        target = panel.export_target()
    except Exception:
        log.debug("no export target to settle for %s", type(panel).__name__, exc_info=True)
        return
    scene = target.scene() if hasattr(target, "scene") else None
    prepare = getattr(scene, "prepareForPaint", None)
    if callable(prepare):
        prepare()


class _Placeholder(QLabel):
    """A note over a view (its child, kept at its size) until the view has something to show."""

    def __init__(self, panel: QWidget, text: str) -> None:
        super().__init__(text, panel)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAutoFillBackground(True)
        self.setGeometry(panel.rect())
        panel.installEventFilter(self)
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(watched.rect())
        return False
