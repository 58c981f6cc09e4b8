"""The Edit lab's canvas: draw an image, then paint the part a diffusion model should regenerate.

Why a canvas of its own: inpainting is easiest to understand when the learner makes both inputs
with their own hand, the image (``image()``, 0 = black background, 1 = white stroke, like MNIST)
and the mask (``mask()``, 1 = regenerate this pixel, the diffusers convention), and then sees
what the model keeps and what it invents. Both are plain float32 arrays, so the lab can hand
them to a sampler without knowing anything about Qt.

The canvas holds an image of the model's own shape (``set_shape(channels, size)``): MNIST's grey
28x28 for the course's models, colour (3 channels) and 32, 64 or 128 px for a pipeline folder's
or a model trained on your own pictures. The mask is one (size, size) plane for every channel:
RePaint keeps or repaints a *pixel*. Whatever the size, the widget takes the same room on screen
and one image pixel is drawn as a square of the view's own size.

How painting works, and why:

* Every tool paints with the same round brush. Its ``radius`` (in image pixels) is where the
  brush's strength falls to one half; ``softness`` 0 is a hard disc (only 0 or 1), 1 a bell-shaped
  falloff reaching zero at twice the radius. MNIST digits are anti-aliased, so a softish brush
  draws digits that look like the ones the model was trained on; a hard one shows the pixels.
  The radius is in pixels of the model's image, so a larger image gets a proportionally larger
  brush range and default (``brush_range``): a stroke covers the same share of a 128 px image as
  of a 28 px one.
* The brush's strength is computed for the whole stroke at once, from each pixel centre's
  distance to the polyline through the mouse positions. Segments, not stamps: however fast the
  mouse moves between two events, the stroke has no gaps.
* A pixel becomes ``max(old, strength)`` for the white brush and the mask tool and
  ``min(old, 1 - strength)`` for the eraser and unmask, in every channel. Going over a line twice
  changes nothing, values never leave [0, 1], and a soft edge stays soft; adding strengths would
  blot every crossing into a hard white blob. A colour brush (colour canvases only,
  ``set_brush_colour``) is laid over like paint, ``old · (1 − s) + colour · s`` with ``s`` the
  stroke's strength, which is computed once per stroke, so crossing a stroke of one's own does
  not lay it on twice either.
* The smallest radius is 0.75, not 0.5: every point of the canvas is within 0.71 of a pixel
  centre, so even the smallest hard brush paints the pixel that was clicked.
* Undo keeps whole snapshots (two small arrays each): one step per stroke, clear or set, which is
  what a learner means by "undo". Actions that change nothing leave no step and emit nothing.
  A new shape (another model) starts a blank canvas with no history: an image of another shape
  could not be handed to the new model anyway.

The mouse handlers use the same stroke machinery as ``stroke()``/``paint_line()``, so what a
script or a test paints is what a drag paints. No torch here: the canvas imports without it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QSizePolicy, QVBoxLayout, QWidget

import diffviz.ui.widgets.images  # noqa: F401  (pyqtgraph's options: row-major images, no antialiasing)
from diffviz.core import i18n

TOOLS = ("brush", "eraser", "mask", "unmask")
BRUSH_RADIUS_RANGE = (0.75, 6.0)  # at 28 px; larger images scale the top and the default (brush_range)
DEFAULT_RADIUS = 1.5
DEFAULT_SOFTNESS = 0.5
REFERENCE_SIZE = 28     # the size the brush's range and default are set for: MNIST's
DISPLAY_SIDE = 336      # the canvas's preferred side on screen, whatever the image's size (12 x 28)
MINIMUM_SIDE = 112
UNDO_LEVELS = 100
WHITE = (1.0, 1.0, 1.0)
MASK_RGB = (255, 110, 30)  # orange: reads as "this part is changed" over both black and white
MASK_ALPHA = 0.45
RANGE_TOLERANCE = 1e-5  # floats from arithmetic a hair outside [0, 1] are clipped, not refused

TOOLTIP = i18n.QT_TR_NOOP("Draw with the left button. The brush paints white (or its colour, on a colour canvas), "
                          "the eraser\npaints black; the mask tool paints the part to regenerate (orange), unmask "
                          "takes it away.")

_PAINTS_UP = {"brush": True, "eraser": False, "mask": True, "unmask": False}
_ON_MASK = {"brush": False, "eraser": False, "mask": True, "unmask": True}

Point = tuple[float, float]


def brush_range(size: int) -> tuple[float, float, float]:
    """(smallest, largest, default) brush radius in pixels of a ``size`` px image: 0.75..6 and 1.5 at 28 px and
    below, the top and the default grown with the size above it, so a stroke covers the same share of the
    picture (the smallest stays 0.75: one pixel must stay paintable)."""
    scale = max(1.0, int(size) / REFERENCE_SIZE)
    low, high = BRUSH_RADIUS_RANGE
    return low, high * scale, DEFAULT_RADIUS * scale


def brush_strength(distance: np.ndarray, radius: float, softness: float) -> np.ndarray:
    """The brush's strength in [0, 1] at each ``distance`` (pixels) from its centre line.

    1 up to ``radius * (1 - softness)``, 0 from ``radius * (1 + softness)``, a smoothstep in
    between, so it is exactly 1/2 at ``radius`` whatever the softness: softening a brush blurs
    its edge without making it look thinner or fatter.
    """
    if softness <= 0.0:
        return (distance <= radius).astype(np.float32)
    inner, outer = radius * (1.0 - softness), radius * (1.0 + softness)
    t = np.clip((distance - inner) / (outer - inner), 0.0, 1.0)
    return (1.0 - t * t * (3.0 - 2.0 * t)).astype(np.float32)


def _distance_to_segment(rows: np.ndarray, cols: np.ndarray, p0: Point, p1: Point) -> np.ndarray:
    """Distance from each (row, col) to the segment p0 -> p1 (a point when they coincide)."""
    (r0, c0), (r1, c1) = p0, p1
    dr, dc = r1 - r0, c1 - c0
    length2 = dr * dr + dc * dc
    if length2 == 0.0:
        t = np.zeros_like(rows)
    else:
        t = np.clip(((rows - r0) * dr + (cols - c0) * dc) / length2, 0.0, 1.0)
    return np.hypot(rows - (r0 + t * dr), cols - (c0 + t * dc))


def _as_pixels(array: np.ndarray, channels: int, size: int, what: str) -> np.ndarray:
    """``array`` as a (channels, size, size) float32 copy in [0, 1], or ValueError saying what is wrong.

    One plane (grey, or a mask) may come as (size, size) or (1, size, size); colour comes channels first,
    (3, size, size), as the engine holds images.
    """
    data = np.asarray(array)
    if data.dtype == bool or not np.issubdtype(data.dtype, np.number) or np.iscomplexobj(data):
        raise ValueError(f"{what} must hold real numbers in [0, 1], got dtype {data.dtype}")
    if channels == 1 and data.shape == (size, size):
        data = data[None]
    if data.shape != (channels, size, size):
        expected = f"({size}, {size}) or (1, {size}, {size})" if channels == 1 else f"({channels}, {size}, {size})"
        hint = (" — channels first: np.moveaxis(image, -1, 0)" if data.shape == (size, size, channels) and
                channels > 1 else "")
        raise ValueError(f"{what} must be shaped {expected}, got {data.shape}{hint}")
    data = data.astype(np.float32)  # a copy: the caller's array is never aliased
    if not np.all(np.isfinite(data)):
        raise ValueError(f"{what} holds NaN or infinite values")
    low, high = float(data.min()), float(data.max())
    if low < -RANGE_TOLERANCE or high > 1.0 + RANGE_TOLERANCE:
        raise ValueError(f"{what} must lie in [0, 1] (0 black, 1 white), got values from {low:g} to {high:g}"
                         + (" — divide 0-255 pixels by 255" if high > 1.5 else ""))
    return np.clip(data, 0.0, 1.0)


class EditCanvas(QWidget):
    """An image of the model's shape (grey or colour, ``size`` px square) and its inpainting mask, enlarged,
    painted with the mouse.

    The picture is a pyqtgraph ViewBox (aspect locked, no panning or zooming) in ``graphics``:
    ``image_item`` at fixed levels 0..1, ``mask_item`` an RGBA overlay above it and
    ``brush_outline`` the brush's circle under the mouse. The mouse is read by an event filter on
    ``viewport()``.

    Coordinates are (row, col) in image pixels with pixel ``(i, j)``'s centre at ``(i, j)``;
    ``viewport_to_pixel`` and ``pixel_to_viewport`` convert to and from the viewport's pixels.
    ``changed`` is emitted after every stroke, clear, set, undo or new shape that changed something;
    ``undo_available(bool)`` when ``can_undo()`` changes.
    """

    changed = Signal()
    undo_available = Signal(bool)

    def __init__(self, size: int = 28, parent: QWidget | None = None, channels: int = 1) -> None:
        super().__init__(parent)
        self._check_shape(channels, size)
        self._tool = "brush"
        self._softness = DEFAULT_SOFTNESS
        self._colour = np.ones((3, 1, 1), np.float32)  # the brush's colour on a colour canvas: white
        self._history: deque[tuple[np.ndarray, np.ndarray]] = deque(maxlen=UNDO_LEVELS)
        # the stroke in progress: its tool, its last point, the target array before it, its strength
        self._stroke_tool: str | None = None
        self._stroke_last: Point | None = None
        self._stroke_base: np.ndarray | None = None
        self._stroke_strength: np.ndarray | None = None
        self._blank(int(channels), int(size))
        self._radius = brush_range(self._size)[2]

        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumSize(MINIMUM_SIDE, MINIMUM_SIDE)
        self.setToolTip(i18n.tr(TOOLTIP))
        # A plain QWidget around the pyqtgraph widget, not a subclass of it: GraphicsLayoutWidget
        # puts its layout's clear() on each instance, which would shadow the canvas's own clear().
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.ci.setContentsMargins(2, 2, 2, 2)
        self.graphics.viewport().setCursor(Qt.CrossCursor)
        self.graphics.viewport().installEventFilter(self)  # the mouse is read here, before pyqtgraph
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.graphics)
        self.view = self.graphics.addViewBox(lockAspect=True, enableMouse=False, invertY=True)
        self.view.setMenuEnabled(False)
        self.image_item = pg.ImageItem(axisOrder="row-major", levels=(0.0, 1.0), border=pg.mkPen("#5a5d63"))
        self.mask_item = pg.ImageItem(axisOrder="row-major")
        self.mask_item.setZValue(1)
        self.brush_outline = QGraphicsEllipseItem()
        pen = QPen(QColor(120, 200, 255, 220))
        pen.setCosmetic(True)
        self.brush_outline.setPen(pen)
        self.brush_outline.setZValue(2)
        self.brush_outline.setVisible(False)
        for item in (self.image_item, self.mask_item, self.brush_outline):
            self.view.addItem(item, ignoreBounds=item is self.brush_outline)
        self._frame()
        self._show()

    # -- reading ------------------------------------------------------------------------------
    def image(self) -> np.ndarray:
        """The image, float32 in [0, 1] (0 black background, 1 white stroke), a copy: (size, size) on a grey
        canvas, as MNIST's digits are handled, (channels, size, size) on a colour one."""
        return (self._image[0] if self._channels == 1 else self._image).copy()

    def planes(self) -> np.ndarray:
        """The image as (channels, size, size) whatever its channels: what a model is handed. A copy."""
        return self._image.copy()

    def mask(self) -> np.ndarray:
        """The mask, (size, size) float32 in [0, 1], one plane for every channel: 1 = regenerate this pixel.
        A copy.

        A soft brush leaves values between 0 and 1 at the mask's edge; threshold it if a sampler
        wants a binary mask.
        """
        return self._mask.copy()

    def canvas_size(self) -> int:
        return self._size

    def channels(self) -> int:
        return self._channels

    def shape(self) -> tuple[int, int, int]:
        """(channels, size, size): the shape of the images the canvas makes, as ``image_shape_of`` says it."""
        return self._channels, self._size, self._size

    def tool(self) -> str:
        return self._tool

    def brush_size(self) -> float:
        return self._radius

    def brush_range(self) -> tuple[float, float]:
        """The smallest and largest brush radius at this canvas's size (``brush_range``)."""
        low, high, _ = brush_range(self._size)
        return low, high

    def softness(self) -> float:
        return self._softness

    def brush_colour(self) -> tuple[float, float, float]:
        """The brush's colour on a colour canvas, (r, g, b) in [0, 1]; a grey canvas's brush paints white."""
        return tuple(float(v) for v in self._colour.ravel())

    def can_undo(self) -> bool:
        return bool(self._history)

    def mask_visible(self) -> bool:
        return self.mask_item.isVisible()

    def viewport(self) -> QWidget:
        """The widget the mouse paints on (the graphics view's viewport), e.g. to send it test events."""
        return self.graphics.viewport()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(DISPLAY_SIDE, DISPLAY_SIDE)  # the same room for 28 px as for 128 px: pixels get smaller

    # -- settings -----------------------------------------------------------------------------
    def set_shape(self, channels: int, size: int) -> None:
        """Hold images of another shape (another model's): a blank canvas and mask of that shape, no undo
        history, the brush's radius scaled with the size. The same shape changes nothing."""
        self._check_shape(channels, size)
        if (int(channels), int(size)) == (self._channels, self._size):
            return
        self._end_stroke()
        old = self._size
        self._blank(int(channels), int(size))
        had = bool(self._history)
        self._history.clear()
        self.set_brush_size(self._radius * max(1.0, size / REFERENCE_SIZE) / max(1.0, old / REFERENCE_SIZE))
        self._frame()
        self._show()
        if had:
            self.undo_available.emit(False)
        self.changed.emit()

    def set_tool(self, name: str) -> None:
        """Choose what the left button paints: one of "brush", "eraser", "mask", "unmask"."""
        if name not in TOOLS:
            raise ValueError(f"unknown tool {name!r}: choose one of {', '.join(TOOLS)}")
        self._tool = name

    def set_brush_size(self, radius_px: float) -> None:
        """The brush's radius in image pixels (where its strength is 1/2), clipped to ``brush_range()``
        (0.75..6 at 28 px)."""
        low, high = self.brush_range()
        self._radius = float(min(max(float(radius_px), low), high))
        self._place_outline(None)

    def set_softness(self, softness: float) -> None:
        """0 = a hard-edged disc, 1 = a bell-shaped falloff; clipped to [0, 1]."""
        self._softness = float(min(max(float(softness), 0.0), 1.0))

    def set_brush_colour(self, rgb: Sequence[float]) -> None:
        """The colour the brush lays on a colour canvas, (r, g, b) in [0, 1] (white by default); a grey canvas
        ignores it (its brush paints white, as MNIST's strokes are)."""
        colour = np.asarray(rgb, np.float32).reshape(-1)
        if colour.shape != (3,) or not np.all(np.isfinite(colour)):
            raise ValueError(f"a brush colour is three numbers in [0, 1], (r, g, b), got {rgb!r}")
        self._colour = np.clip(colour, 0.0, 1.0).reshape(3, 1, 1)

    def set_mask_visible(self, visible: bool) -> None:
        """Show or hide the orange overlay; the mask itself is kept either way."""
        self.mask_item.setVisible(bool(visible))

    # -- editing ------------------------------------------------------------------------------
    def stroke(self, points: Iterable[Sequence[float]], tool: str | None = None) -> None:
        """Paint a polyline through ``points`` ((row, col) each) as one stroke, one undo step.

        ``tool`` defaults to the current tool. A single point paints one dab, like a click.
        """
        points = [(float(p[0]), float(p[1])) for p in points]
        if not points:
            return
        self._begin_stroke(points[0], tool or self._tool)
        for point in points[1:]:
            self._extend_stroke(point)
        self._end_stroke()

    def paint_line(self, tool: str, start: Sequence[float], end: Sequence[float]) -> None:
        """Paint a straight line from ``start`` to ``end`` ((row, col) each) with ``tool``."""
        self.stroke([start, end], tool)

    def clear(self) -> None:
        """Make the whole image black (undoable); the mask is kept."""
        self._apply(np.zeros_like(self._image), self._mask)

    def clear_mask(self) -> None:
        """Remove the whole mask (undoable); the image is kept."""
        self._apply(self._image, np.zeros_like(self._mask))

    def set_image(self, array: np.ndarray) -> None:
        """Load an image of the canvas's shape (undoable): grey (size, size) or (1, size, size), colour
        (channels, size, size), floats in [0, 1]. Anything else raises ValueError and leaves the canvas as it was.
        """
        self._apply(_as_pixels(array, self._channels, self._size, "the image"), self._mask)

    def set_mask(self, array: np.ndarray) -> None:
        """Load a mask, (size, size) or (1, size, size) floats in [0, 1], 1 = regenerate (undoable)."""
        self._apply(self._image, _as_pixels(array, 1, self._size, "the mask")[0])

    def undo(self) -> None:
        """Go back one stroke, clear or set; nothing happens when there is nothing to undo."""
        self._end_stroke()
        if not self._history:
            return
        self._image, self._mask = self._history.pop()
        self._show()
        if not self._history:
            self.undo_available.emit(False)
        self.changed.emit()

    # -- coordinates --------------------------------------------------------------------------
    def viewport_to_pixel(self, pos: QPointF) -> Point:
        """A position in the viewport's pixels -> (row, col) in image pixels (centres at integers)."""
        scene = self.graphics.viewportTransform().inverted()[0].map(QPointF(pos))
        inside = self.view.mapSceneToView(scene)  # the image sits at the view's origin, one unit a pixel
        return inside.y() - 0.5, inside.x() - 0.5

    def pixel_to_viewport(self, row: float, col: float) -> QPointF:
        """(row, col) in image pixels -> the position in the viewport's pixels where it is drawn."""
        scene = self.view.mapViewToScene(QPointF(col + 0.5, row + 0.5))
        return self.graphics.viewportTransform().map(scene)

    # -- mouse --------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Left-button presses, drags and releases on the viewport paint; everything else goes on."""
        if watched is not self.graphics.viewport():
            return super().eventFilter(watched, event)
        kind = event.type()
        if kind == QEvent.Leave:
            self._place_outline(None, hide=True)
        elif kind in (QEvent.MouseButtonPress, QEvent.MouseButtonDblClick) and event.button() == Qt.LeftButton:
            self._on_press(event)
            return True
        elif kind == QEvent.MouseMove:
            return self._on_move(event)
        elif kind == QEvent.MouseButtonRelease and event.button() == Qt.LeftButton and self._stroke_tool:
            self._extend_stroke(self.viewport_to_pixel(event.position()))
            self._end_stroke()
            return True
        return super().eventFilter(watched, event)

    def _on_press(self, event: QMouseEvent) -> None:
        point = self.viewport_to_pixel(event.position())
        self._begin_stroke(point, self._tool)
        self._place_outline(point)

    def _on_move(self, event: QMouseEvent) -> bool:
        point = self.viewport_to_pixel(event.position())
        self._place_outline(point)
        if self._stroke_tool is None:
            return False
        if not event.buttons() & Qt.LeftButton:  # the release went elsewhere (another window took it)
            self._end_stroke()
            return False
        self._extend_stroke(point)
        return True

    # -- internals ----------------------------------------------------------------------------
    @staticmethod
    def _check_shape(channels: int, size: int) -> None:
        if int(size) < 1:
            raise ValueError(f"the canvas needs at least one pixel, got size {size}")
        if int(channels) not in (1, 3):
            raise ValueError(f"the canvas holds grey (1 channel) or colour (3 channels) images, got {channels}")

    def _blank(self, channels: int, size: int) -> None:
        """Black image and empty mask of this shape, and the pixel grid strokes are measured on."""
        self._channels, self._size = channels, size
        self._image = np.zeros((channels, size, size), np.float32)
        self._mask = np.zeros((size, size), np.float32)
        self._rows, self._cols = np.mgrid[0:size, 0:size].astype(np.float32)

    def _frame(self) -> None:
        self.view.setRange(QRectF(0, 0, self._size, self._size), padding=0.01)

    def _begin_stroke(self, point: Point, tool: str) -> None:
        if tool not in TOOLS:
            raise ValueError(f"unknown tool {tool!r}: choose one of {', '.join(TOOLS)}")
        self._end_stroke()
        self._stroke_tool = tool
        self._stroke_base = (self._mask if _ON_MASK[tool] else self._image).copy()
        self._stroke_strength = np.zeros((self._size, self._size), np.float32)
        self._stroke_last = point
        self._extend_stroke(point)

    def _extend_stroke(self, point: Point) -> None:
        if self._stroke_tool is None:
            return
        distance = _distance_to_segment(self._rows, self._cols, self._stroke_last, point)
        np.maximum(self._stroke_strength, brush_strength(distance, self._radius, self._softness),
                   out=self._stroke_strength)
        self._stroke_last = point
        if _ON_MASK[self._stroke_tool]:
            self._mask = self._painted(self._stroke_base, self._stroke_strength, self._stroke_tool)
        else:
            self._image = self._painted(self._stroke_base, self._stroke_strength[None], self._stroke_tool)
        self._show()

    def _painted(self, base: np.ndarray, strength: np.ndarray, tool: str) -> np.ndarray:
        """``base`` with a stroke of ``strength`` laid on by ``tool`` (see the module's notes)."""
        if not _PAINTS_UP[tool]:
            return np.minimum(base, 1.0 - strength)
        if _ON_MASK[tool] or self._channels == 1 or np.all(self._colour == 1.0):
            return np.maximum(base, strength)
        return (base * (1.0 - strength) + self._colour * strength).astype(np.float32)

    def _end_stroke(self) -> None:
        """Close the stroke in progress, if any: one undo step if it changed anything."""
        if self._stroke_tool is None:
            return
        on_mask = _ON_MASK[self._stroke_tool]
        base = self._stroke_base
        self._stroke_tool = self._stroke_last = self._stroke_base = self._stroke_strength = None
        now = self._mask if on_mask else self._image
        if np.array_equal(now, base):
            return
        before = (self._image, base) if on_mask else (base, self._mask)
        self._remember(before)
        self.changed.emit()

    def _apply(self, image: np.ndarray, mask: np.ndarray) -> None:
        """Replace both arrays as one undo step (nothing happens if neither changes)."""
        self._end_stroke()
        if np.array_equal(image, self._image) and np.array_equal(mask, self._mask):
            return
        before = (self._image, self._mask)
        self._image, self._mask = image.astype(np.float32, copy=True), mask.astype(np.float32, copy=True)
        self._remember(before)
        self._show()
        self.changed.emit()

    def _remember(self, before: tuple[np.ndarray, np.ndarray]) -> None:
        had = bool(self._history)
        self._history.append((before[0].copy(), before[1].copy()))
        if not had:
            self.undo_available.emit(True)

    def _show(self) -> None:
        shown = self._image[0] if self._channels == 1 else np.ascontiguousarray(np.moveaxis(self._image, 0, -1))
        self.image_item.setImage(shown, autoLevels=False, levels=(0.0, 1.0))
        overlay = np.zeros((self._size, self._size, 4), np.uint8)
        overlay[..., :3] = MASK_RGB
        overlay[..., 3] = np.round(self._mask * (MASK_ALPHA * 255)).astype(np.uint8)
        self.mask_item.setImage(overlay, autoLevels=False)

    def _place_outline(self, point: Point | None, hide: bool = False) -> None:
        """The brush's size drawn around the mouse (its half-strength circle)."""
        if hide:
            self.brush_outline.setVisible(False)
            return
        if point is None:
            if not self.brush_outline.isVisible():
                return
            rect = self.brush_outline.rect()
            centre = rect.center()
        else:
            centre = QPointF(point[1] + 0.5, point[0] + 0.5)
        r = self._radius
        self.brush_outline.setRect(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r))
        self.brush_outline.setVisible(True)
