"""A quality meter for generated digits: how many are recognisable, how many classes, how real.

Loss says how well the model denoises; it does not say whether samples look like
digits. So the project trains a small digit classifier once (``train_classifier``,
run by ``resources/scripts/train_classifier.py``) and ships it. For a batch of samples
it reports:

* ``recognised``: the share the classifier assigns to one digit with confidence > 0.9;
  it also knows an eleventh class, "not a digit" (noise, blank pages, heavily corrupted
  digits), so noise is not confidently called an 8;
* ``histogram`` and ``coverage``: predicted digits, and their entropy / log(10)
  (1.0 = all ten digits equally often; a model drawing only 1s scores near 0);
* ``frechet``: the Fréchet distance between Gaussians fitted to the classifier's
  128-d penultimate features of the samples and of real digits (FID's idea, with a
  digit classifier instead of Inception). Lower is better; real digits score ~0.

The reference statistics of real digits are stored in the classifier's file, so a
measurement needs no dataset and is deterministic for given samples.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from diffviz.core import i18n
from diffviz.core.atomic import atomic_write_bytes
from diffviz.core.errors import CheckpointError
from diffviz.core.paths import resources_dir

CONFIDENT = 0.9
FEATURES = 128
NOT_A_DIGIT = 10  # the eleventh output


class DigitClassifier(nn.Module):
    """Two conv blocks and two linear layers (~0.4 M parameters); ``features`` is the 128-d embedding.

    Eleven outputs: the digits 0-9 and ``NOT_A_DIGIT``.
    """

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.fc1 = nn.Linear(64 * 7 * 7, FEATURES)
        self.fc2 = nn.Linear(FEATURES, 11)

    def features(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return F.relu(self.fc1(x.flatten(1)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(self.features(x))


MEASURED_SHAPE = (1, 28, 28)  # what the meter's classifier was made for


def meter_applies(training: Mapping[str, Any] | None, image_shape: tuple[int, ...] = MEASURED_SHAPE) -> str:
    """Empty when the meter's figures mean something for a model: it makes grey 28x28 images and learnt digits
    (its checkpoint's training block says ``digits``; older checkpoints, all trained on digits, say nothing).
    Otherwise why not, in words: a Fashion-MNIST model's "recognised 0.11" would only mislead."""
    if tuple(image_shape) != MEASURED_SHAPE:
        channels, height, width = image_shape
        text = i18n.tr("the quality meter scores grey 28x28 digits; this model makes colour {height}x{width} images") \
            if channels == 3 else \
            i18n.tr("the quality meter scores grey 28x28 digits; this model makes grey {height}x{width} images")
        return text.format(height=height, width=width)
    if training is not None and training.get("digits") is False:
        if training.get("data"):
            return i18n.tr("the quality meter scores digits; this model learnt {data}").format(data=training["data"])
        return i18n.tr("the quality meter scores digits; this model learnt other images")
    return ""


@lru_cache(maxsize=1)
def shipped_meter() -> "QualityMeter":
    """The shipped meter, loaded once per process (every sampling run and training preview uses it)."""
    return QualityMeter.load()


def classifier_path() -> Path:
    return resources_dir() / "checkpoints" / "digit_classifier.safetensors"


@dataclass
class QualityReport:
    """What the meter says about a batch of samples."""

    n: int
    recognised: float            # share with max class probability > 0.9
    coverage: float              # entropy of the class histogram / log(10)
    frechet: float               # Fréchet distance to real digits in classifier feature space
    histogram: list[int]         # predicted class counts, 0..9

    def line(self) -> str:
        return i18n.tr("recognised {recognised:.2f} · coverage {coverage:.2f} · Fréchet {frechet:.1f} · classes "
                       "{histogram}").format(recognised=self.recognised, coverage=self.coverage,
                                             frechet=self.frechet, histogram=self.histogram)


class QualityMeter:
    """The shipped classifier plus real digits' feature statistics; ``measure(images)`` -> QualityReport."""

    def __init__(self, classifier: DigitClassifier, ref_mean: np.ndarray, ref_cov: np.ndarray) -> None:
        self.classifier = classifier.eval()
        self.ref_mean = ref_mean.astype(np.float64)
        self.ref_cov = ref_cov.astype(np.float64)

    @classmethod
    def load(cls, path: str | os.PathLike | None = None) -> "QualityMeter":
        from safetensors import safe_open

        path = Path(path) if path else classifier_path()
        if not path.is_file():
            raise CheckpointError(i18n.tr("the digit classifier for the quality meter is missing ({path})")
                                  .format(path=path))
        try:
            with safe_open(str(path), framework="pt", device="cpu") as reader:
                tensors = {k: reader.get_tensor(k) for k in reader.keys()}
        except Exception as exc:
            raise CheckpointError(i18n.tr("the digit classifier at {path} cannot be read ({reason})")
                                  .format(path=path, reason=exc)) from None
        model = DigitClassifier()
        weights = {k: v for k, v in tensors.items() if not k.startswith("ref_")}
        try:
            model.load_state_dict(weights)
            mean, cov = tensors["ref_mean"].double().numpy(), tensors["ref_cov"].double().numpy()
        except (KeyError, RuntimeError) as exc:
            raise CheckpointError(i18n.tr("the digit classifier at {path} does not fit ({reason})")
                                  .format(path=path, reason=exc)) from None
        return cls(model, mean, cov)

    @torch.no_grad()
    def embed(self, images: np.ndarray | torch.Tensor, batch: int = 1000) -> tuple[np.ndarray, np.ndarray]:
        """Class probabilities (N, 11) and features (N, 128) for images (N, 1, 28, 28) in [0, 1]."""
        x = torch.as_tensor(np.asarray(images, dtype=np.float32)).clamp(0, 1)
        probs, feats = [], []
        for start in range(0, len(x), batch):
            f = self.classifier.features(x[start:start + batch])
            feats.append(f.double().numpy())
            probs.append(F.softmax(self.classifier.fc2(f), dim=1).double().numpy())
        return np.concatenate(probs), np.concatenate(feats)

    def digits(self, images: np.ndarray | torch.Tensor) -> np.ndarray:
        """The digit (0..9) the classifier reads in each image, even a poor one: whether an edit kept an
        image's class (``diffviz bench edit``)."""
        return self.embed(images)[0][:, :NOT_A_DIGIT].argmax(1)

    def measure(self, images: np.ndarray | torch.Tensor) -> QualityReport:
        probs, feats = self.embed(images)
        digit = probs[:, :NOT_A_DIGIT].argmax(1)  # the most likely digit, even for a poor sample
        counts = np.bincount(digit, minlength=10)
        share = counts / max(1, counts.sum())
        entropy = -float(np.sum(share[share > 0] * np.log(share[share > 0])))
        mean, cov = feats.mean(0), np.cov(feats, rowvar=False) if len(feats) > 1 else np.zeros((FEATURES,) * 2)
        confident = (probs.argmax(1) != NOT_A_DIGIT) & (probs.max(1) > CONFIDENT)
        return QualityReport(n=len(probs), recognised=float(confident.mean()),
                             coverage=max(0.0, entropy / math.log(10)),
                             frechet=frechet_distance(mean, cov, self.ref_mean, self.ref_cov),
                             histogram=[int(c) for c in counts])


def frechet_distance(mu1: np.ndarray, s1: np.ndarray, mu2: np.ndarray, s2: np.ndarray) -> float:
    """||mu1 - mu2||^2 + Tr(S1 + S2 - 2 (S1 S2)^1/2), with the square root's trace from a symmetric form."""
    vals, vecs = np.linalg.eigh(s1)
    root1 = (vecs * np.sqrt(np.clip(vals, 0, None))) @ vecs.T
    middle = root1 @ s2 @ root1  # similar to S1 S2, and symmetric PSD: its eigenvalues' roots sum to the trace
    trace_root = float(np.sum(np.sqrt(np.clip(np.linalg.eigvalsh((middle + middle.T) / 2), 0, None))))
    return float(np.sum((mu1 - mu2) ** 2) + np.trace(s1) + np.trace(s2) - 2 * trace_root)


def not_a_digit_batch(images: torch.Tensor, n: int, generator: torch.Generator) -> torch.Tensor:
    """Examples of "not a digit": uniform noise, flat pages, and digits buried under noise (amount > 0.6)."""
    third = max(1, n // 3)
    noise = torch.rand((third, 1, 28, 28), generator=generator)
    flat = torch.rand((third, 1, 1, 1), generator=generator).expand(third, 1, 28, 28) * 0.5
    picks = torch.randint(0, len(images), (n - 2 * third,), generator=generator)
    amount = 0.6 + 0.4 * torch.rand((len(picks), 1, 1, 1), generator=generator)
    buried = (1 - amount) * images[picks] + amount * torch.rand((len(picks), 1, 28, 28), generator=generator)
    return torch.cat([noise, flat, buried])


def holdout_indices(count: int = 10_000, holdout: int = 1000, seed: int = 0) -> torch.Tensor:
    """The bundled digits ``train_classifier`` kept back (its first ``holdout`` of a seeded permutation):
    real digits the meter never saw, for measuring edits of real digits fairly."""
    return torch.randperm(count, generator=torch.Generator().manual_seed(seed))[:holdout]


def train_classifier(images: torch.Tensor, labels: torch.Tensor, epochs: int = 10, seed: int = 0,
                     holdout: int = 1000) -> tuple[DigitClassifier, float]:
    """Train the meter's classifier (random ±2 px shifts, plus a quarter "not a digit" examples per batch).

    Returns it and its accuracy on ``holdout`` digits it never saw.
    """
    generator = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    order = torch.randperm(len(images), generator=generator)  # holdout_indices repeats this draw
    test_idx, train_idx = order[:holdout], order[holdout:]
    model = DigitClassifier()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(epochs):
        perm = train_idx[torch.randperm(len(train_idx), generator=generator)]
        for start in range(0, len(perm), 128):
            idx = perm[start:start + 128]
            dx, dy = (int(v) for v in torch.randint(-2, 3, (2,), generator=generator))
            negatives = not_a_digit_batch(images[train_idx], 32, generator)
            x = torch.cat([torch.roll(images[idx], shifts=(dy, dx), dims=(2, 3)), negatives])
            y = torch.cat([labels[idx], torch.full((len(negatives),), NOT_A_DIGIT, dtype=torch.long)])
            loss = F.cross_entropy(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        accuracy = float((model(images[test_idx]).argmax(1) == labels[test_idx]).float().mean())
    return model, accuracy


def save_meter(path: str | os.PathLike, model: DigitClassifier, real_images: torch.Tensor) -> QualityMeter:
    """Store the classifier with the feature statistics of ``real_images`` (the reference for Fréchet)."""
    from safetensors.torch import save

    meter = QualityMeter(model, np.zeros(FEATURES), np.eye(FEATURES))
    _, feats = meter.embed(real_images)
    mean, cov = feats.mean(0), np.cov(feats, rowvar=False)
    tensors = {k: v.detach().contiguous() for k, v in model.state_dict().items()}
    tensors["ref_mean"] = torch.from_numpy(mean).float()
    tensors["ref_cov"] = torch.from_numpy(cov).float()
    atomic_write_bytes(path, save(tensors, metadata={"format": "diffviz-quality-meter", "version": "1"}))
    return QualityMeter(model, mean, cov)
