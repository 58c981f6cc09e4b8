"""A scripted tour of the 2-D lab that takes README's screenshots of it: the forward process, a trained MLP's run
with trails and arrows, DDPM beside DDIM from the same noise, the perfect denoiser's samples on the training
points, and the Timeline's digits in the plane. It trains twice for 20 s, so it is run by hand, not by the suite:

    QT_QPA_PLATFORM=offscreen python tests/ui/lab2d_tour.py resources/screenshots
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication

from real_window_tour import wait_until  # run as a script from tests/ui, beside it


def tour(out: Path) -> list[Path]:
    QStandardPaths.setTestModeEnabled(True)
    app = QApplication.instance() or QApplication([])
    from diffviz.ui.window.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(out / ".lab2d-tour-settings.ini"), QSettings.IniFormat)
    window = MainWindow(settings=settings)
    window.resize(1400, 860)
    window.show()
    wait_until(app, lambda: window.views is not None, 300)
    lab = window.views.lab2d
    view = lab.view
    shots = []

    def show(arrows: str = "", **layers: bool) -> None:
        for key, box in view.layer_boxes.items():
            box.setChecked(layers.get(key, False))
        view.arrow.setCurrentIndex(view.arrow.findData(arrows))

    def shot(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        path = out / f"{name}.png"
        window.grab().save(str(path))
        shots.append(path)

    def trained_run() -> None:
        view.seconds.setValue(20)
        view.train.click()
        wait_until(app, lambda: lab.trained is not None and view.run.model == "trained", 300)

    window.tabs.show_key("lab2d")
    wait_until(app, lambda: view.run is not None, 300)
    show(data=True, forward=True)
    view.set_frame(60)
    shot("lab2d_forward")

    trained_run()
    show("clean", data=True, particles=True, trails=True)
    view.set_frame(72)
    shot("lab2d_sampling")

    view.recipe.setCurrentIndex(view.recipe.findData("ddpm-eps"))
    wait_until(app, lambda: view.run is not None and view.run.walks[0].sampler == "ddpm", 300)
    trained_run()
    show(data=True, particles=True, trails=True)
    view.set_frame(85)
    shot("lab2d_ddpm_ddim")

    view.recipe.setCurrentIndex(view.recipe.findData("flow-v"))
    view.count.setValue(300)
    shown = view.run
    lab.load_data("moons", 300)
    wait_until(app, lambda: view.run is not shown and view.run is not None and len(view.run.data) == 300, 300)
    show(data=True, particles=True)
    view.go_end()
    shot("lab2d_perfect")

    window.tabs.show_key("timeline")
    window.controls.n.setValue(64)
    window.controls.steps.setValue(40)
    window.start_sampling()
    wait_until(app, lambda: window.trajectory is not None and window.trajectory.n_samples == 64 and not window.busy(),
               300)
    window.tabs.show_key("lab2d")
    view.dataset.setCurrentIndex(view.dataset.findData("digits"))
    view.dataset.activated.emit(view.dataset.currentIndex())
    wait_until(app, lambda: view.run is not None and view.run.model == "digits", 300)
    show(data=True, particles=True, trails=True)
    view.set_frame(28)
    shot("lab2d_digits")
    window.close()
    return shots


if __name__ == "__main__":
    for written in tour(Path(sys.argv[1] if len(sys.argv) > 1 else "lab2d-tour")):
        print(written)
