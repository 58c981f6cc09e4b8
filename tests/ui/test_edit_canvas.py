"""The Edit lab's canvas: strokes land where they are drawn, every tool paints only its own array,
undo goes back exactly, bad inputs are refused, and a real mouse drag paints under the mouse."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage

from diffviz.ui.edit.edit_canvas import DISPLAY_SIDE, MASK_RGB, UNDO_LEVELS, EditCanvas, brush_strength


@pytest.fixture
def canvas(qtbot):
    widget = EditCanvas()
    qtbot.addWidget(widget)
    widget.resize(320, 320)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _digit() -> np.ndarray:
    image = np.zeros((28, 28), np.float32)
    image[6:22, 12:16] = 1.0
    image[6:8, 9:12] = 0.5
    return image


# -- painting -----------------------------------------------------------------------------------------
def test_a_stroke_paints_along_its_path_and_nowhere_far_from_it(canvas):
    canvas.set_softness(0.0)
    canvas.set_brush_size(1.0)
    canvas.paint_line("brush", (4, 3), (4, 24))
    image = canvas.image()
    assert np.all(image[4, 3:25] == 1.0)          # every pixel along the line, no gaps
    assert np.all(image[3, 3:25] == 1.0) and np.all(image[5, 3:25] == 1.0)  # radius 1 reaches the rows beside
    far = np.ones_like(image, bool)
    far[1:8, 0:28] = False
    assert not image[far].any()                    # nothing far from the line
    assert image[4, 0] == 0.0 and image[4, 27] == 0.0   # nor past its ends
    assert canvas.mask().max() == 0.0


def test_a_fast_diagonal_stroke_leaves_no_gaps(canvas):
    """Two points far apart (a fast drag gives no events in between) still draw a connected line."""
    canvas.set_softness(0.0)
    canvas.set_brush_size(0.75)  # the smallest brush
    canvas.stroke([(2, 1), (25, 20)])
    painted = canvas.image() > 0
    for row in range(2, 26):                       # the line is steep: one pixel at least in every row
        assert painted[row].any(), row
    rows, cols = np.nonzero(painted)
    expected_cols = 1 + (rows - 2) * 19 / 23
    assert np.all(np.abs(cols - expected_cols) <= 1.0)


def test_hard_and_soft_brushes_differ(canvas):
    canvas.set_brush_size(3.0)
    canvas.set_softness(0.0)
    canvas.stroke([(14, 14)])
    hard = canvas.image()
    canvas.clear()
    canvas.set_softness(1.0)
    canvas.stroke([(14, 14)])
    soft = canvas.image()
    assert set(np.unique(hard)) == {0.0, 1.0}
    rows, cols = np.mgrid[0:28, 0:28]
    assert np.array_equal(hard == 1.0, np.hypot(rows - 14, cols - 14) <= 3.0)   # exactly the disc
    between = soft[(soft > 0.05) & (soft < 0.95)]
    assert between.size >= 12                     # a falloff, not an edge
    assert soft[14, 14] == 1.0 and soft[14, 17] == pytest.approx(0.5, abs=0.01)  # half strength at the radius
    assert soft[14, 20] == 0.0                    # and nothing from twice the radius


def test_brush_strength_is_half_at_the_radius_for_every_softness():
    for softness in (0.25, 0.5, 1.0):
        values = brush_strength(np.array([0.0, 2.0, 4.0 * (1 + softness) / 2 + 2.0]), 2.0, softness)
        assert values[0] == 1.0 and values[1] == pytest.approx(0.5) and values[2] == 0.0


def test_painting_twice_never_exceeds_one_and_keeps_soft_edges(canvas):
    canvas.set_softness(1.0)
    canvas.set_brush_size(2.0)
    canvas.stroke([(14, 5), (14, 22)])
    once = canvas.image()
    canvas.stroke([(14, 5), (14, 22)])
    canvas.stroke([(14, 22), (14, 5)])
    assert np.array_equal(canvas.image(), once)
    assert once.max() == 1.0 and 0.0 < once[12, 14] < 1.0


def test_the_eraser_removes(canvas):
    canvas.set_image(np.ones((28, 28), np.float32))
    canvas.set_softness(0.0)
    canvas.set_brush_size(1.5)
    canvas.set_tool("eraser")
    canvas.stroke([(10, 4), (10, 23)])
    image = canvas.image()
    assert np.all(image[9:12, 4:24] == 0.0)
    assert np.all(image[:8] == 1.0) and np.all(image[13:] == 1.0)


def test_the_mask_tools_change_only_the_mask(canvas):
    canvas.set_image(_digit())
    canvas.set_softness(0.0)
    canvas.set_brush_size(2.0)
    canvas.paint_line("mask", (8, 6), (8, 20))
    assert np.array_equal(canvas.image(), _digit())
    mask = canvas.mask()
    assert np.all(mask[7:10, 6:21] == 1.0) and mask[20:].max() == 0.0
    canvas.paint_line("unmask", (8, 6), (8, 13))
    assert np.array_equal(canvas.image(), _digit())
    assert canvas.mask()[8, 6:12].max() == 0.0 and np.all(canvas.mask()[8, 16:21] == 1.0)


def test_unknown_tools_are_refused(canvas):
    with pytest.raises(ValueError, match="unknown tool 'pencil'"):
        canvas.set_tool("pencil")
    with pytest.raises(ValueError, match="unknown tool"):
        canvas.paint_line("smudge", (1, 1), (2, 2))
    assert canvas.tool() == "brush" and not canvas.can_undo()


def test_brush_settings_are_clipped(canvas):
    canvas.set_brush_size(0.1)
    assert canvas.brush_size() == 0.75
    canvas.set_brush_size(40)
    assert canvas.brush_size() == 6.0
    canvas.set_softness(-1)
    assert canvas.softness() == 0.0


def test_arrays_are_copies_of_the_right_shape(qtbot):
    canvas = EditCanvas(size=16)
    qtbot.addWidget(canvas)
    image = canvas.image()
    assert image.shape == canvas.mask().shape == (16, 16) and image.dtype == np.float32
    image[:] = 1.0
    canvas.mask()[:] = 1.0
    assert canvas.image().max() == 0.0 and canvas.mask().max() == 0.0


# -- undo, clear, set ---------------------------------------------------------------------------------
def test_undo_restores_each_previous_state_exactly_and_stops_at_the_start(canvas, qtbot):
    availability = []
    canvas.undo_available.connect(availability.append)
    states = [(canvas.image(), canvas.mask())]
    canvas.paint_line("brush", (5, 5), (20, 9))
    states.append((canvas.image(), canvas.mask()))
    canvas.set_softness(1.0)
    canvas.paint_line("brush", (14, 2), (14, 25))
    states.append((canvas.image(), canvas.mask()))
    canvas.paint_line("mask", (0, 0), (27, 27))
    assert availability == [True]
    for image, mask in reversed(states):
        assert canvas.can_undo()
        with qtbot.waitSignal(canvas.changed, timeout=100):
            canvas.undo()
        assert np.array_equal(canvas.image(), image) and np.array_equal(canvas.mask(), mask)
    assert not canvas.can_undo() and availability == [True, False]
    with qtbot.assertNotEmitted(canvas.changed):
        canvas.undo()                              # nothing left: nothing happens
    assert canvas.image().max() == 0.0


def test_clear_then_undo_brings_the_drawing_back(canvas, qtbot):
    canvas.paint_line("brush", (3, 3), (24, 24))
    canvas.paint_line("mask", (3, 24), (24, 3))
    drawn, masked = canvas.image(), canvas.mask()
    with qtbot.waitSignal(canvas.changed, timeout=100):
        canvas.clear()
    assert canvas.image().max() == 0.0 and np.array_equal(canvas.mask(), masked)
    canvas.clear_mask()
    assert canvas.mask().max() == 0.0
    canvas.undo()
    assert canvas.image().max() == 0.0 and np.array_equal(canvas.mask(), masked)
    canvas.undo()
    assert np.array_equal(canvas.image(), drawn) and np.array_equal(canvas.mask(), masked)


def test_actions_that_change_nothing_leave_no_undo_step(canvas, qtbot):
    with qtbot.assertNotEmitted(canvas.changed):
        canvas.clear()
        canvas.paint_line("eraser", (3, 3), (20, 20))   # erasing black
    assert not canvas.can_undo()


def test_undo_keeps_at_least_fifty_levels(canvas):
    for i in range(UNDO_LEVELS + 10):
        canvas.set_image(np.full((28, 28), (i + 1) / (UNDO_LEVELS + 10), np.float32))
    undone = 0
    while canvas.can_undo():
        canvas.undo()
        undone += 1
    assert 50 <= undone == UNDO_LEVELS
    assert canvas.image()[0, 0] == pytest.approx(10 / (UNDO_LEVELS + 10))


def test_a_stroke_emits_changed_once_at_its_end(canvas, qtbot):
    emitted = []
    canvas.changed.connect(lambda: emitted.append(canvas.image().copy()))
    canvas.stroke([(5, 5), (5, 10), (10, 10), (10, 20)])
    assert len(emitted) == 1 and emitted[0][10, 20] == 1.0
    canvas.undo()
    assert len(emitted) == 2 and emitted[1].max() == 0.0


def test_set_image_accepts_both_shapes_and_is_undoable(canvas):
    canvas.set_image(_digit()[None])
    assert np.array_equal(canvas.image(), _digit())
    canvas.set_image(_digit().astype(np.float64) * 0.5)
    assert canvas.image().dtype == np.float32 and canvas.image().max() == 0.5
    canvas.undo()
    assert np.array_equal(canvas.image(), _digit())
    canvas.set_mask(np.ones((1, 28, 28)))
    assert canvas.mask().min() == 1.0 and np.array_equal(canvas.image(), _digit())
    canvas.undo()
    assert canvas.mask().max() == 0.0


@pytest.mark.parametrize("bad, message", [
    (np.zeros((27, 28)), r"shaped \(28, 28\) or \(1, 28, 28\), got \(27, 28\)"),
    (np.zeros((2, 28, 28)), r"got \(2, 28, 28\)"),
    (np.zeros((1, 1, 28, 28)), r"got \(1, 1, 28, 28\)"),
    (np.zeros(784), r"got \(784,\)"),
    (np.full((28, 28), 255.0), r"in \[0, 1\].*255"),
    (np.full((28, 28), -0.5), r"in \[0, 1\]"),
    (np.full((28, 28), np.nan), "NaN"),
    (np.zeros((28, 28), bool), "real numbers"),
    (np.full((28, 28), "a"), "real numbers"),
])
def test_set_image_and_set_mask_refuse_bad_arrays_and_change_nothing(canvas, qtbot, bad, message):
    canvas.set_image(_digit())
    canvas.set_mask((_digit() > 0.7).astype(np.float32))
    image, mask = canvas.image(), canvas.mask()
    with qtbot.assertNotEmitted(canvas.changed):
        with pytest.raises(ValueError, match="the image .*" + message):
            canvas.set_image(bad)
        with pytest.raises(ValueError, match="the mask .*" + message):
            canvas.set_mask(bad)
    assert np.array_equal(canvas.image(), image) and np.array_equal(canvas.mask(), mask)
    canvas.undo()
    assert canvas.mask().max() == 0.0             # the refusals left no undo step


def test_set_image_does_not_alias_the_callers_array(canvas):
    digit = _digit()
    canvas.set_image(digit)
    digit[:] = 0.0
    assert np.array_equal(canvas.image(), _digit())


# -- what is on screen --------------------------------------------------------------------------------
def _screen(canvas) -> np.ndarray:
    """The canvas as drawn, (rows, cols, 3) uint8, in viewport pixels."""
    grabbed = canvas.viewport().grab().toImage().convertToFormat(QImage.Format_RGB888)
    rows, cols = grabbed.height(), grabbed.width()
    data = np.frombuffer(grabbed.constBits(), np.uint8, grabbed.bytesPerLine() * rows)
    return data.reshape(rows, grabbed.bytesPerLine())[:, :cols * 3].reshape(rows, cols, 3)


def _at(screen: np.ndarray, canvas, row: float, col: float) -> np.ndarray:
    point = canvas.pixel_to_viewport(row, col)
    return screen[round(point.y()), round(point.x())].astype(int)


def test_the_mask_overlay_is_drawn_in_orange_and_can_be_hidden(canvas, qtbot):
    canvas.set_image(_digit())
    canvas.set_mask((np.arange(28)[:, None] < 14) * np.ones((28, 28), np.float32))  # the top half
    canvas.set_mask_visible(True)
    qtbot.wait(10)
    screen = _screen(canvas)
    masked_black, unmasked_black = _at(screen, canvas, 3, 3), _at(screen, canvas, 24, 3)
    masked_white, unmasked_white = _at(screen, canvas, 10, 13), _at(screen, canvas, 20, 13)
    assert list(unmasked_black) == [0, 0, 0] and list(unmasked_white) == [255, 255, 255]
    for masked in (masked_black, masked_white):   # tinted toward orange: red up, blue down
        assert masked[0] - masked[2] > 60
    assert abs(masked_black[0] - round(MASK_RGB[0] * 0.45)) <= 3
    assert canvas.mask_visible()
    canvas.set_mask_visible(False)
    assert not canvas.mask_visible()
    qtbot.wait(10)
    screen = _screen(canvas)
    assert list(_at(screen, canvas, 3, 3)) == [0, 0, 0] and list(_at(screen, canvas, 10, 13)) == [255, 255, 255]
    assert canvas.mask().max() == 1.0             # hidden, not removed


@pytest.mark.parametrize("width, height", [(320, 320), (500, 260), (200, 420)])
def test_the_image_stays_square_and_maps_both_ways_at_any_size(qtbot, width, height):
    canvas = EditCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(width, height)
    canvas.show()
    qtbot.waitExposed(canvas)
    top_left, bottom_right = canvas.pixel_to_viewport(-0.5, -0.5), canvas.pixel_to_viewport(27.5, 27.5)
    side = min(width, height)
    assert bottom_right.x() - top_left.x() == pytest.approx(bottom_right.y() - top_left.y(), abs=0.5)
    assert 0.9 * side < bottom_right.x() - top_left.x() <= side
    assert (top_left.x() + bottom_right.x()) / 2 == pytest.approx(width / 2, abs=2)   # centred
    assert (top_left.y() + bottom_right.y()) / 2 == pytest.approx(height / 2, abs=2)
    row, col = canvas.viewport_to_pixel(canvas.pixel_to_viewport(3.25, 20.5))
    assert (row, col) == (pytest.approx(3.25), pytest.approx(20.5))


def test_a_real_mouse_drag_paints_where_the_mouse_was(canvas, qtbot):
    """Press, move and release on the viewport: the stroke lands under the mouse, as seen on screen."""
    canvas.resize(420, 300)                        # not square: the image is letterboxed
    qtbot.wait(10)
    canvas.set_softness(0.0)
    canvas.set_brush_size(1.0)
    changes = []
    canvas.changed.connect(lambda: changes.append(1))
    viewport = canvas.viewport()
    path = [(6, 4), (6, 22), (21, 22)]             # right along row 6, then down column 22
    points = [canvas.pixel_to_viewport(r, c).toPoint() for r, c in path]
    qtbot.mousePress(viewport, Qt.LeftButton, pos=points[0])
    for point in points[1:]:
        qtbot.mouseMove(viewport, point)
    qtbot.mouseRelease(viewport, Qt.LeftButton, pos=points[-1])
    image = canvas.image()
    assert np.all(image[6, 4:23] == 1.0) and np.all(image[6:22, 22] == 1.0)
    assert image[15, 10] == 0.0 and image[25, 4] == 0.0 and image[6, 26] == 0.0
    assert len(changes) == 1 and canvas.can_undo()
    # what the screen shows under the mouse is white, away from it black: the mapping is the one drawn
    qtbot.wait(10)
    screen = _screen(canvas)
    for point in points:
        assert list(screen[point.y(), point.x()]) == [255, 255, 255]
    away = canvas.pixel_to_viewport(15, 10).toPoint()
    assert list(screen[away.y(), away.x()]) == [0, 0, 0]
    # moving with the button up paints nothing more
    qtbot.mouseMove(viewport, canvas.pixel_to_viewport(15, 10).toPoint())
    assert np.array_equal(canvas.image(), image)
    # the mask tool by mouse changes only the mask
    canvas.set_tool("mask")
    spot = canvas.pixel_to_viewport(15, 10).toPoint()
    qtbot.mousePress(viewport, Qt.LeftButton, pos=spot)
    qtbot.mouseRelease(viewport, Qt.LeftButton, pos=spot)
    assert canvas.mask()[15, 10] == 1.0 and np.array_equal(canvas.image(), image)


def test_the_canvas_explains_itself_in_a_tooltip(canvas):
    tip = canvas.toolTip().lower()
    assert "left button" in tip and "mask" in tip and "regenerate" in tip


def test_the_module_imports_without_torch():
    code = ("import sys, os; os.environ['QT_QPA_PLATFORM'] = 'offscreen'; import diffviz.ui.edit.edit_canvas; "
            "sys.exit('torch' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


# -- other shapes: a colour 32 px model, larger sizes ------------------------------------------------------
@pytest.fixture
def colour_canvas(qtbot):
    widget = EditCanvas(size=32, channels=3)
    qtbot.addWidget(widget)
    widget.resize(320, 320)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_colour_32px_canvas_draws_white_in_every_channel_and_undoes(colour_canvas, qtbot):
    canvas = colour_canvas
    assert canvas.shape() == (3, 32, 32) and canvas.image().shape == (3, 32, 32) and canvas.mask().shape == (32, 32)
    canvas.set_softness(0.0)
    canvas.set_brush_size(1.0)
    canvas.paint_line("brush", (4, 3), (4, 28))
    image = canvas.image()
    assert np.all(image[:, 4, 3:29] == 1.0) and not image[:, 20:, :].any()
    assert np.array_equal(canvas.planes(), image) and canvas.mask().max() == 0.0
    canvas.paint_line("mask", (20, 0), (20, 31))
    assert canvas.mask()[20].min() == 1.0 and np.array_equal(canvas.image(), image)  # the mask is one plane
    canvas.undo()
    assert canvas.mask().max() == 0.0
    with qtbot.waitSignal(canvas.changed, timeout=100):
        canvas.undo()
    assert canvas.image().max() == 0.0 and not canvas.can_undo()


def test_a_colour_brush_lays_its_colour_and_the_eraser_takes_every_channel_away(colour_canvas, qtbot):
    canvas = colour_canvas
    canvas.set_softness(0.0)
    canvas.set_brush_size(2.0)
    canvas.set_brush_colour((1.0, 0.5, 0.0))
    canvas.stroke([(16, 16)])
    assert canvas.brush_colour() == (1.0, 0.5, 0.0)
    assert list(canvas.image()[:, 16, 16]) == [1.0, 0.5, 0.0] and canvas.image()[:, 0, 0].max() == 0.0
    canvas.stroke([(16, 16), (16, 16)])  # over it again: the same colour, not laid on twice
    assert list(canvas.image()[:, 16, 16]) == [1.0, 0.5, 0.0]
    canvas.paint_line("eraser", (16, 10), (16, 22))
    assert canvas.image()[:, 16, 16].max() == 0.0
    qtbot.wait(10)
    canvas.undo()
    qtbot.wait(10)
    red, green, blue = _at(_screen(canvas), canvas, 16, 16)  # drawn in its colour on screen
    assert red >= 250 and abs(green - 128) <= 2 and blue <= 5
    with pytest.raises(ValueError, match="three numbers"):
        canvas.set_brush_colour((1.0, 0.0))


def test_a_colour_canvas_takes_channels_first_images_and_says_so_otherwise(colour_canvas):
    canvas = colour_canvas
    picture = np.random.default_rng(0).random((3, 32, 32), dtype=np.float32)
    canvas.set_image(picture)
    assert np.array_equal(canvas.image(), picture)
    with pytest.raises(ValueError, match=r"shaped \(3, 32, 32\), got \(32, 32, 3\) — channels first"):
        canvas.set_image(np.moveaxis(picture, 0, -1))
    with pytest.raises(ValueError, match=r"shaped \(3, 32, 32\), got \(28, 28\)"):
        canvas.set_image(np.zeros((28, 28)))
    with pytest.raises(ValueError, match=r"the mask must be shaped \(32, 32\) or \(1, 32, 32\)"):
        canvas.set_mask(np.zeros((3, 32, 32)))


def test_a_new_shape_is_a_blank_canvas_with_a_brush_scaled_to_it(canvas, qtbot):
    canvas.paint_line("brush", (3, 3), (20, 20))
    canvas.set_brush_size(3.0)
    with qtbot.waitSignal(canvas.undo_available, timeout=100) as blocker:
        canvas.set_shape(3, 128)
    assert blocker.args == [False] and not canvas.can_undo()
    assert canvas.shape() == (3, 128, 128) and canvas.image().max() == 0.0 and canvas.mask().shape == (128, 128)
    low, high = canvas.brush_range()
    assert low == 0.75 and high == pytest.approx(6.0 * 128 / 28)
    assert canvas.brush_size() == pytest.approx(3.0 * 128 / 28)  # the same share of the picture
    canvas.set_softness(0.0)
    canvas.paint_line("brush", (100, 10), (100, 120))
    assert canvas.image()[:, 100, 10:121].min() == 1.0
    top_left, bottom_right = canvas.pixel_to_viewport(-0.5, -0.5), canvas.pixel_to_viewport(127.5, 127.5)
    assert 0.9 * 320 < bottom_right.x() - top_left.x() <= 320  # the whole picture, in the same room
    canvas.set_shape(1, 28)
    assert canvas.brush_size() == pytest.approx(3.0) and canvas.image().shape == (28, 28)
    assert canvas.sizeHint() == QSize(DISPLAY_SIDE, DISPLAY_SIDE)  # the same room at every size
    with pytest.raises(ValueError, match="grey .* or colour"):
        canvas.set_shape(2, 28)
