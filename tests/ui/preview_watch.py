"""Train a recipe in the app's own window for a few minutes and watch its previews, as a learner would.

Why a script and not a test: it takes minutes of both cores, and what it answers ("does training the ddpm recipe
in the app show recognisable digits within 5 minutes on this machine?") is a figure for an issue's note, not a
property to hold on every machine. It presses Train in the real MainWindow (offscreen unless a display is set),
prints every preview's quality point as it arrives (training seconds, the meter's recognised share and
coverage of the preview's 16 digits), and saves a screenshot of the Training view each minute:

    python tests/ui/preview_watch.py ddpm 5 /tmp/watch
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QStandardPaths  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from real_window_tour import wait_until  # noqa: E402


def watch(recipe: str, minutes: float, out: Path) -> list[tuple[float, float, float]]:
    QStandardPaths.setTestModeEnabled(True)
    app = QApplication.instance() or QApplication([])
    from diffviz.ui.window.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    window = MainWindow(settings=QSettings(str(out / ".watch-settings.ini"), QSettings.IniFormat))
    window.resize(1500, 950)
    window.show()
    wait_until(app, lambda: window.isVisible() and window.data is not None and window.views, 60)
    window.controls.recipe.setCurrentIndex(window.controls.recipe.findData(recipe))
    window.controls.epochs.setValue(1000)
    window.controls.minutes.setValue(minutes)
    points: list[tuple[float, float, float]] = []
    window.start_training()
    wait_until(app, lambda: window.training is not None, 10)
    view = window.training.view
    original = view.add_quality

    def add_quality(elapsed: float, recognised: float, coverage: float) -> None:
        points.append((elapsed, recognised, coverage))
        print(f"{elapsed:6.0f} s trained: preview recognised {recognised:.2f}, coverage {coverage:.2f}", flush=True)
        original(elapsed, recognised, coverage)

    view.add_quality = add_quality
    wait_until(app, window.busy, 60)
    started, shots = time.monotonic(), 0
    while window.busy():
        wait_until(app, lambda: not window.busy() or time.monotonic() - started >= 60 * (shots + 1), 24 * 3600)
        shots += 1
        window.tabs.show_key("training")
        for _ in range(5):
            app.processEvents()
            time.sleep(0.02)
        window.grab().save(str(out / f"{recipe}-{shots}min.png"))
    window.close()
    return points


if __name__ == "__main__":
    watch(sys.argv[1], float(sys.argv[2]), Path(sys.argv[3]))
