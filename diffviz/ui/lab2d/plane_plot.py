"""One panel of the 2-D view: the plane, with the data, the particles and their trails, the field's arrows and the
particles' density, all drawn from whole numpy arrays.

Why whole arrays and few items: the view replays a run at tens of frames a second with thousands of particles, so a
redraw is one ``setData`` per layer: the trails are one line item whose ``connect`` array breaks the line between
particles, the arrows one line item drawn in pairs of points (a shaft and two barbs per arrow), the density one
image. No per-point Python runs in a redraw, and nothing here runs a network (``core.toy.lab`` computed it all).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal

from diffviz.core.toy.lab import GRID_EXTENT

EXTENT = GRID_EXTENT           # the window shows ±3 standard deviations, as the arrows' grid and the CLI's plots do
DENSITY_BINS = 72
BARB = 0.3                     # an arrow's barbs, as a share of its length
TRAIL_FRAMES = 12              # a trail shows the last this many frames of a particle's path
FOLLOW_RADIUS_PX = 12          # a click this close to a particle follows it
PARTICLE = (255, 200, 90)
DATA = (150, 160, 175, 110)
FORWARD = (110, 180, 255, 170)
CLASS_COLOURS = ((255, 120, 80), (90, 170, 255), (120, 220, 120), (250, 210, 80), (200, 120, 255),
                 (80, 220, 220), (255, 140, 200), (170, 170, 170), (200, 255, 140), (255, 255, 255))


@dataclass
class Layers:
    """Which layers a panel draws: the learner's checkboxes."""

    data: bool = True
    forward: bool = False
    particles: bool = True
    trails: bool = True
    arrows: bool = True
    density: bool = False


def arrow_segments(tails: np.ndarray, vectors: np.ndarray, spacing: float) -> np.ndarray:
    """(6·K, 2) points, in pairs, for K arrows: a shaft and two barbs each. Lengths are scaled together so the
    longest arrows (the 95th percentile) span one grid ``spacing``: the field's shape stays readable at every
    noise level, and the caption says arrows are not to scale."""
    lengths = np.linalg.norm(vectors, axis=1)
    typical = float(np.percentile(lengths, 95)) if len(lengths) else 0.0
    scaled = vectors * (0.9 * spacing / typical) if typical > 0 else vectors * 0.0
    heads = tails + scaled
    back = -scaled * BARB
    side = np.stack([-back[:, 1], back[:, 0]], 1) * 0.5
    segments = np.empty((len(tails), 6, 2), np.float32)
    segments[:, 0], segments[:, 1] = tails, heads
    segments[:, 2], segments[:, 3] = heads, heads + back + side
    segments[:, 4], segments[:, 5] = heads, heads + back - side
    return segments.reshape(-1, 2)


def trail_lines(path: np.ndarray, frame: int, length: int = TRAIL_FRAMES) -> tuple[np.ndarray, np.ndarray]:
    """The last ``length`` positions of every particle up to ``frame`` of ``path`` (frames, N, 2), as one line's
    points (N·L, 2) and its ``connect`` array (False at the end of each particle's piece)."""
    start = max(0, frame - length + 1)
    piece = np.swapaxes(path[start:frame + 1], 0, 1)  # (N, L, 2)
    count, steps = piece.shape[:2]
    connect = np.ones((count, steps), bool)
    connect[:, -1] = False
    return piece.reshape(-1, 2), connect.ravel()


def dot_pairs(points: np.ndarray) -> np.ndarray:
    """(2N, 2): each point and itself nudged by a hair, to be drawn in pairs with a round-capped pen: a dot per
    point through one vectorised path, several times faster to update and paint than a scatter item."""
    pairs = np.repeat(np.asarray(points, np.float32), 2, axis=0)
    pairs[1::2, 0] += 1e-4
    return pairs


class Dots(pg.PlotDataItem):
    """Many same-coloured dots, redrawn as one path (``dot_pairs``)."""

    def __init__(self, colour: tuple, size: float) -> None:
        pen = pg.mkPen(*colour, width=size)
        pen.setCapStyle(Qt.SquareCap)  # measured: round caps cost four times as much to paint
        pen.setCosmetic(True)
        super().__init__(pen=pen, connect="pairs", antialias=False)

    def set_points(self, points: np.ndarray) -> None:
        pairs = dot_pairs(points)
        self.setData(pairs[:, 0], pairs[:, 1], connect="pairs")


def density_image(points: np.ndarray, bins: int = DENSITY_BINS) -> np.ndarray:
    """A (bins, bins) histogram of ``points`` over the window, square-rooted so thin structures still show."""
    counts, _, _ = np.histogram2d(points[:, 0], points[:, 1], bins=bins, range=[[-EXTENT, EXTENT]] * 2)
    return np.sqrt(counts).astype(np.float32)


class PlanePlot(pg.PlotWidget):
    """The plane at one frame of one walk. ``particleClicked(index)`` when a click lands near a particle (-1: on
    empty space)."""

    particleClicked = Signal(int)
    strokeDrawn = Signal(object)  # (K, 2) points of one stroke drawn with the mouse, in the plane's coordinates

    def __init__(self, title: str = "") -> None:
        super().__init__(background="#15161a")
        plot = self.getPlotItem()
        plot.setAspectLocked(True)
        plot.setXRange(-EXTENT, EXTENT, padding=0.02)
        plot.setYRange(-EXTENT, EXTENT, padding=0.02)
        plot.setMouseEnabled(False, False)
        plot.hideButtons()
        plot.showGrid(x=False, y=False)
        for axis in ("left", "bottom"):
            plot.getAxis(axis).setPen(pg.mkPen("#3a3d44"))
            plot.getAxis(axis).setTextPen("#8a8f98")
        plot.setTitle(title, color="#d0d0d0")
        self.density = pg.ImageItem(axisOrder="row-major")
        self.density.setRect(-EXTENT, -EXTENT, 2 * EXTENT, 2 * EXTENT)
        lut = pg.colormap.get("inferno").getLookupTable(nPts=256, alpha=True)
        lut[:, 3] = np.linspace(0, 235, 256).astype(np.uint8)  # empty space stays see-through
        self.density.setLookupTable(lut)
        self.data = pg.ScatterPlotItem(size=3, pen=None, brush=pg.mkBrush(*DATA), pxMode=True)
        self.forward = Dots(FORWARD, 2.5)
        self.trails = pg.PlotDataItem(pen=pg.mkPen(255, 200, 90, 60, width=1), antialias=False)
        self.arrows = pg.PlotDataItem(pen=pg.mkPen(140, 230, 160, 200, width=1), connect="pairs", antialias=False)
        self.particles = Dots(PARTICLE, 2.5)
        self.followed = pg.PlotDataItem(pen=pg.mkPen("#ffffff", width=2), symbol="o", symbolSize=4,
                                        symbolBrush="#ffffff", symbolPen=None)
        for item in (self.density, self.data, self.forward, self.trails, self.arrows, self.particles, self.followed):
            plot.addItem(item)
        self._positions: np.ndarray | None = None  # the particles on screen, for clicks
        self._data_shown: tuple | None = None      # the data array (and classes) the data layer holds
        self._drawing = False                      # the mouse draws strokes instead of following particles
        self._stroke: list[tuple[float, float]] | None = None
        self._ink = np.zeros((0, 2), np.float32)
        self.ink = Dots((255, 255, 255), 3)        # the drawing so far
        plot.addItem(self.ink)
        self.ink.setVisible(False)
        self.scene().sigMouseClicked.connect(self._clicked)

    def set_title(self, text: str) -> None:
        self.getPlotItem().setTitle(text, color="#d0d0d0")

    def show_data(self, data: np.ndarray | None, classes: np.ndarray | None, visible: bool) -> None:
        """The training points: set again only when they change (a scatter item, for colours per class)."""
        self.data.setVisible(bool(visible and data is not None))
        if not self.data.isVisible() or self._data_shown == (id(data), id(classes)):
            return
        self._data_shown = (id(data), id(classes))
        if classes is None:
            self.data.setData(pos=data, brush=pg.mkBrush(*DATA))
        else:
            brushes = np.array([pg.mkBrush(*c) for c in CLASS_COLOURS], dtype=object)
            self.data.setData(pos=data, brush=brushes[np.asarray(classes) % len(CLASS_COLOURS)])

    @staticmethod
    def show_dots(item: Dots, points: np.ndarray | None, visible: bool) -> None:
        item.setVisible(bool(visible and points is not None))
        if item.isVisible():
            item.set_points(points)

    def draw(self, *, data: np.ndarray | None, classes: np.ndarray | None, forward: np.ndarray | None,
             path: np.ndarray | None, frame: int, arrows: tuple[np.ndarray, np.ndarray, float] | None,
             layers: Layers, followed: int = -1) -> None:
        """Draw ``frame`` of ``path`` (frames, N, 2): the particles there, their trails, the arrows (tails,
        vectors, grid spacing), the density, the data and the forward process's noised data (M, 2)."""
        self.show_data(data, classes, layers.data)
        self.show_dots(self.forward, forward, layers.forward)
        particles = None if path is None else path[frame]
        self._positions = particles
        self.show_dots(self.particles, particles, layers.particles)
        self.trails.setVisible(bool(layers.trails and path is not None and frame > 0))
        if self.trails.isVisible():
            points, connect = trail_lines(path, frame)
            self.trails.setData(points[:, 0], points[:, 1], connect=connect)
        self.arrows.setVisible(bool(layers.arrows and arrows is not None))
        if self.arrows.isVisible():
            segments = arrow_segments(*arrows)
            self.arrows.setData(segments[:, 0], segments[:, 1], connect="pairs")
        self.density.setVisible(bool(layers.density and particles is not None))
        if self.density.isVisible():
            self.density.setImage(density_image(particles).T, autoLevels=True)
        follow = path is not None and 0 <= followed < path.shape[1]
        self.followed.setVisible(follow)
        if follow:
            self.followed.setData(path[:frame + 1, followed, 0], path[:frame + 1, followed, 1])

    def clear_run(self) -> None:
        for item in (self.forward, self.trails, self.arrows, self.particles, self.followed, self.density):
            item.setVisible(False)
        self._positions = None

    def _clicked(self, event) -> None:
        if self._positions is None or event.button() != Qt.LeftButton:
            return
        view = self.getPlotItem().vb
        where = view.mapSceneToView(event.scenePos())
        pixel = view.viewPixelSize()  # data units per pixel (x, y)
        offsets = (self._positions - np.array([where.x(), where.y()])) / np.array(pixel)
        distances = np.hypot(offsets[:, 0], offsets[:, 1])
        nearest = int(np.argmin(distances)) if len(distances) else -1
        self.particleClicked.emit(nearest if nearest >= 0 and distances[nearest] <= FOLLOW_RADIUS_PX else -1)

    def to_view(self, point: QPointF) -> tuple[float, float]:
        """A scene position in the plane's coordinates (for drawing points with the mouse)."""
        where = self.getPlotItem().vb.mapSceneToView(point)
        return float(where.x()), float(where.y())

    # ----- drawing points with the mouse ---------------------------------------------------------------------
    def set_drawing(self, drawing: bool, ink: np.ndarray | None = None) -> None:
        """Let a drag draw a stroke (a click: one point, which becomes a spray blob); ``ink`` is what is drawn
        so far, shown as white dots."""
        self._drawing = drawing
        self.setCursor(Qt.CrossCursor if drawing else Qt.ArrowCursor)
        self._ink = np.zeros((0, 2), np.float32) if ink is None else np.asarray(ink, np.float32)
        self.ink.setVisible(bool(drawing and len(self._ink)))
        if self.ink.isVisible():
            self.ink.set_points(self._ink)

    def _where(self, event) -> tuple[float, float]:
        return self.to_view(self.mapToScene(event.position().toPoint()))

    def mousePressEvent(self, event) -> None:
        if self._drawing and event.button() == Qt.LeftButton:
            self._stroke = [self._where(event)]
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._drawing and self._stroke is not None:
            self._stroke.append(self._where(event))
            self.ink.setVisible(True)
            self.ink.set_points(np.concatenate([self._ink, np.asarray(self._stroke, np.float32)]))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._drawing and self._stroke is not None:
            stroke, self._stroke = np.asarray(self._stroke, np.float64), None
            self.strokeDrawn.emit(stroke)
            event.accept()
            return
        super().mouseReleaseEvent(event)
