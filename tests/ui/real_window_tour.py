"""A scripted tour of the app in a real window: train briefly, sample, scrub, export, screenshot every view.

Run by tests/ui/test_real_window.py under Xvfb, and by hand to refresh README's screenshots:

    Xvfb :99 & DISPLAY=:99 python tests/ui/real_window_tour.py resources/screenshots
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication


def wait_until(app: QApplication, condition, timeout: float) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the app did not get there in time")
        app.processEvents()
        time.sleep(0.01)


def tour(out: Path, train_epochs: float = 0.6) -> list[Path]:
    QStandardPaths.setTestModeEnabled(True)
    app = QApplication.instance() or QApplication([])
    from diffviz.core.export import GifOptions
    from diffviz.ui.window.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(out / ".tour-settings.ini"), QSettings.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(1500, 950)
    window.show()
    wait_until(app, lambda: window.isVisible() and window.data is not None, 10)
    shots = []

    def shot(name: str) -> None:
        for _ in range(5):
            app.processEvents()
            time.sleep(0.02)
        path = out / f"{name}.png"
        window.grab().save(str(path))
        shots.append(path)

    window.controls.epochs.setValue(train_epochs)
    window.start_training()
    wait_until(app, lambda: not window.busy(), 300)
    shot("training")

    window.use_bundled_model()  # the trained bundled model draws real digits for the other views
    window.controls.n.setValue(64)
    window.controls.steps.setValue(40)
    window.start_sampling()
    wait_until(app, lambda: window.trajectory is not None and not window.busy(), 120)
    if window.timeline.is_playing():
        window.timeline.play_pause()
    window.timeline.set_frame(12)
    shot("timeline")
    window.tabs.setCurrentWidget(window.inspector)
    window.inspector.select_layer("down1")
    shot("inspector")
    window.tabs.setCurrentWidget(window.architecture)
    window.architecture.select("down1")
    shot("architecture")
    window.tabs.setCurrentWidget(window.corruption)
    window.corruption.set_amount(0.5)
    shot("corruption")
    window.tabs.setCurrentWidget(window.schedule)
    window.schedule.schedule.setCurrentIndex(window.schedule.schedule.findData("ddpm-linear"))
    wait_until(app, lambda: window.schedule.weights() is not None, 120)
    window.schedule.slider.setValue(300)
    shot("schedule")
    window.comparison.apply_preset("guidance")
    window.studies.start_comparison()
    wait_until(app, lambda: window.comparison.trajectories and not window.busy(), 120)
    window.comparison.slider.setValue(85)
    shot("comparison")

    gif = out / "denoising.gif"
    window.start_export(str(gif), GifOptions(panels=("x", "pred"), fps=10, scale=2))
    wait_until(app, lambda: gif.exists() and not window.busy(), 120)
    shots.append(gif)

    edit_tour(app, window, shot)  # last: its runs replace the 64 x 40-step run on the timeline
    window.close()
    return shots


def edit_tour(app: QApplication, window, shot) -> None:
    """The Edit tab in each mode, with the bundled models: a sketch made a digit, a hole repaired, a path
    between two noises, and (with the ddpm model) a digit inverted to noise and back."""
    import numpy as np

    from diffviz.core.paths import bundled_checkpoint_path

    view = window.edit_view
    window.use_bundled_model()

    def run(name: str, timeline_frame: int | None = None) -> None:
        view.run()
        wait_until(app, lambda: not window.busy("edit"), 120)
        if timeline_frame is not None:
            if window.timeline.is_playing():
                window.timeline.play_pause()
            window.timeline.set_frame(timeline_frame)
            shot(f"{name}_timeline")
        window.tabs.setCurrentWidget(view)
        shot(name)

    window.tabs.setCurrentWidget(view)
    view.set_mode("sdedit")
    view.canvas.clear()
    view.select_tool("brush")
    view.canvas.stroke([(7, 8), (6, 19), (9, 17), (14, 14), (22, 12)])  # a rough 7, drawn as a learner would
    view.strength_slider.setValue(60)
    run("edit_sdedit")

    view.set_mode("inpaint")
    labels = window.data.labels.numpy()  # the bundled digits come grouped by class: pick by label
    view.take_digit(int(np.flatnonzero(labels == 4)[5]))
    mask = np.zeros((28, 28), np.float32)
    mask[14:, :] = 1.0
    view.canvas.set_mask(mask)
    view.digit_combo.setCurrentIndex(view.digit_combo.findData("read"))
    run("edit_inpaint", timeline_frame=24)

    view.set_mode("interpolate")
    view.seed_a_spin.setValue(3)
    view.seed_b_spin.setValue(11)
    view.count_spin.setValue(8)
    run("edit_interpolate")

    window.load_checkpoint_file(bundled_checkpoint_path("ddpm"))
    view.set_mode("invert")
    view.take_digit(int(np.flatnonzero(labels == 2)[3]))
    view.steps_spin.setValue(40)
    run("edit_invert")
    window.use_bundled_model()


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    for path in tour(target, float(sys.argv[2]) if len(sys.argv) > 2 else 0.6):
        print(path)
