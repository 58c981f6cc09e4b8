"""Guards against a Qt binding that corrupts Python's reference counts while drawing.

PySide6 6.12.0 releases ``True`` once too often on every pyqtgraph image repaint; after
enough frames the interpreter aborts ("bool_dealloc"). pyproject.toml excludes it, and
this test fails if a binding with that fault comes back.
"""

from __future__ import annotations

import gc
import sys

import numpy as np

from diffviz.ui.widgets.images import ImagePanel


def test_repainting_an_image_keeps_refcounts_of_true_and_false(qtbot):
    panel = ImagePanel()
    qtbot.addWidget(panel)
    panel.show()
    image = np.random.default_rng(0).integers(0, 255, (56, 56), dtype=np.uint8)

    def draw() -> None:
        panel.set_image(image)
        panel.viewport().repaint()

    draw()
    gc.collect()
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        draw()
    gc.collect()
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert after[0] - before[0] > -20, f"True lost {before[0] - after[0]} references in 200 repaints"
    assert after[1] - before[1] > -20, f"False lost {before[1] - after[1]} references in 200 repaints"
