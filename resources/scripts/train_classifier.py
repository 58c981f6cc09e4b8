"""Train the quality meter's digit classifier on the bundled digits and store it in resources/.

Why a script and a shipped file: the meter must give the same numbers on every machine
and offline, so the classifier is trained once, here, and its weights plus the feature
statistics of the real digits (the Fréchet reference) are committed.

    python resources/scripts/train_classifier.py   # about 1.5 minutes on a laptop CPU
"""

from __future__ import annotations

import torch

from diffviz.core.data import load_bundled
from diffviz.core.quality import classifier_path, save_meter, train_classifier


def main() -> None:
    data = load_bundled()
    model, accuracy = train_classifier(data.images, data.labels, epochs=10, seed=0)
    meter = save_meter(classifier_path(), model, data.images)
    pick = torch.randperm(len(data), generator=torch.Generator().manual_seed(1))[:500]
    real = meter.measure(data.images[pick].numpy())
    print(f"held-out accuracy {accuracy:.4f}; real digits score: {real.line()}")
    print(f"wrote {classifier_path()}")


if __name__ == "__main__":
    main()
