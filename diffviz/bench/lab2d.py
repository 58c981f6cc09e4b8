"""How smoothly the 2-D view plays: frames per second of its redraw, offscreen unless a display is set.

``diffviz bench lab2d`` computes one run with the perfect denoiser (2,000 particles, 100 steps, a 24 x 24 arrow
field, moons) as the view's first run does, then plays every frame through the view as Play does (``set_frame``)
and paints both planes each frame, for each set of layers a learner can switch on. A frame counts as shown only
once both planes have painted it, so the figure is what playback can sustain (the view plays at 30 frames/s).
"""

from __future__ import annotations

import os
import time

import numpy as np

PARTICLES, STEPS, GRID, DATA_POINTS = 2_000, 100, 24, 2_000
LAYER_SETS = (
    ("particles", dict(trails=False, arrows=False)),
    ("particles + trails + 24x24 arrows (default)", dict()),
    ("... + forward process + density", dict(forward=True, density=True)),
)


def print_lab2d_bench(repeats: int = 3) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import torch
    from PySide6.QtWidgets import QApplication

    from diffviz.core.toy import ideal
    from diffviz.core.toy.datasets import make
    from diffviz.core.toy.lab import chunked, lab_run
    from diffviz.core.toy.recipes import DEFAULT_TOY_RECIPE, get_toy_recipe
    from diffviz.ui.lab2d.lab_view import Lab2DView

    app = QApplication.instance() or QApplication([])
    recipe = get_toy_recipe(DEFAULT_TOY_RECIPE)
    data = make("moons", DATA_POINTS, 0)
    started = time.perf_counter()
    predict = chunked(ideal.predictor(torch.from_numpy(data), recipe.process), len(data))
    run = lab_run(data, None, predict, recipe.process, ("course", "heun"), PARTICLES, STEPS, grid=GRID)
    print(f"2-D view playback: {PARTICLES:,} particles x {STEPS} steps, two samplers side by side, a {GRID}x{GRID} "
          f"arrow field; the run took {time.perf_counter() - started:.1f} s to compute (perfect denoiser of "
          f"{DATA_POINTS:,} points)")
    view = Lab2DView()
    view.resize(1400, 850)
    view.show()
    view.set_data(data, None)
    view.set_run(run)
    app.processEvents()
    for title, changes in LAYER_SETS:
        for key, box in view.layer_boxes.items():
            box.setChecked(changes.get(key, key in ("data", "particles", "trails")))
        view.arrow.setCurrentIndex(view.arrow.findData("" if changes.get("arrows") is False else "clean"))
        rates = []
        for _ in range(repeats):
            start = time.perf_counter()
            for frame in range(run.n_frames):
                view.set_frame(frame)
                for plane in view.planes:
                    plane.repaint()
                app.processEvents()
            rates.append(run.n_frames / (time.perf_counter() - start))
        print(f"  {title:<46} {np.median(rates):6.1f} frames/s (median of {repeats}; the view plays at 30)")
    view.close()
