"""How close samples are to the data: the energy distance, and a fitted Gaussian's as the yardstick.

Why the energy distance: it is zero only when two distributions are the same, needs no bins or bandwidth, and
its unbiased estimate from two samples is a few lines (2·E|X−Y| − E|X−X'| − E|Y−Y'|, the same-sample means taken
without the zero diagonal). A single figure means little on its own, so it is given as a share of what a Gaussian
fitted to the data scores: 1 draws nothing a Gaussian would not, 0 is the data itself.
"""

from __future__ import annotations

import numpy as np


def _mean_distance(a: np.ndarray, b: np.ndarray, same: bool) -> float:
    distances = np.sqrt(((a[:, None, :] - b[None, :, :]) ** 2).sum(-1))
    if same:
        n = len(a)
        return float(distances.sum() / (n * (n - 1)))
    return float(distances.mean())


def energy_distance(samples: np.ndarray, data: np.ndarray) -> float:
    """The unbiased estimate of the energy distance between two point sets (N, D) and (M, D)."""
    samples, data = np.asarray(samples, np.float64), np.asarray(data, np.float64)
    return 2 * _mean_distance(samples, data, False) - _mean_distance(samples, samples, True) - \
        _mean_distance(data, data, True)


def gaussian_like(data: np.ndarray, n: int, seed: int = 0) -> np.ndarray:
    """``n`` points of the Gaussian with the data's mean and covariance."""
    data = np.asarray(data, np.float64)
    return np.random.default_rng(seed).multivariate_normal(data.mean(0), np.cov(data.T), size=n)


def share_of_gaussian(samples: np.ndarray, data: np.ndarray, reference: np.ndarray, seed: int = 0) -> float:
    """``samples``' energy distance to ``reference`` (fresh data) as a share of a fitted Gaussian's, the Gaussian
    fitted to ``data`` and drawn as many times as there are samples."""
    baseline = energy_distance(gaussian_like(data, len(samples), seed), reference)
    return energy_distance(samples, reference) / baseline
