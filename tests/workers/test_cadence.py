"""Previews and strips come by the clock, and their cost stays within the cadence's budget."""

from __future__ import annotations

import pytest

from diffviz.workers.cadence import Cadence, preview_cadence


def simulate(cadence: Cadence, seconds: float, cost: float, step: float = 0.05) -> list[float]:
    """Train ``seconds`` in steps of ``step``, taking a look of ``cost`` seconds whenever one is due."""
    elapsed, looks = 0.0, []
    while elapsed < seconds:
        elapsed += step
        if cadence.due(elapsed):
            looks.append(elapsed)
            cadence.done(elapsed, cost)
    return looks


def test_the_first_look_comes_early_and_the_next_by_the_clock():
    looks = simulate(Cadence(first=2.0, every=5.0, budget=0.2), 30.0, cost=0.01)
    assert 2.0 <= looks[0] < 2.1
    gaps = [b - a for a, b in zip(looks, looks[1:])]
    assert all(5.0 <= gap < 5.1 for gap in gaps) and len(looks) == 6


@pytest.mark.parametrize("cost", [0.3, 1.0, 3.0])
def test_expensive_looks_are_spaced_to_keep_their_share_within_the_budget(cost):
    cadence = preview_cadence()
    seconds = 300.0
    looks = simulate(cadence, seconds, cost)
    share = cadence.spent / (seconds + cadence.spent)
    assert share <= cadence.budget + cost / seconds  # the last look may overshoot by one look
    assert looks[0] < 2.1  # the first still comes early, whatever it costs
    if cost >= 1.0:  # the budget, not the minimum gap, sets the pace
        assert len(looks) < seconds / cadence.every


def test_a_cadence_refuses_nonsense():
    for first, every, budget in ((-1, 5, 0.1), (0, 0, 0.1), (0, 5, 0), (0, 5, 1)):
        with pytest.raises(ValueError):
            Cadence(first, every, budget)
