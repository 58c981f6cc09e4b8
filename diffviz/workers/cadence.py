"""When a training run stops for a moment to show the learner something, by the clock and within a budget.

Why the clock and not steps: one recipe trains 5 steps a second on a laptop and another 40, so
"a preview every 150 steps" meant a first preview after half a minute for one and a flood for the
other. A learner wants to see the model change soon after pressing Train, then regularly.

Why a budget: a preview samples 16 digits and runs the quality meter on them, and the training
steps wait meanwhile. A ``Cadence`` measures what each look cost and spaces the next one so the
looks together take at most ``budget`` of the wall-clock time (training time plus looks), so the
app trains nearly as fast as the bare loop (``diffviz bench app`` prints both).

Times are the trainer's ``elapsed`` (training only: the looks themselves and pauses are not in it).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cadence:
    """Due at ``first`` seconds of training, then every ``every`` seconds or more, keeping the looks' share of
    the time at most ``budget``."""

    first: float
    every: float
    budget: float
    _next: float = field(init=False)
    _spent: float = field(init=False, default=0.0)
    looks: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        if self.first < 0 or self.every <= 0 or not 0 < self.budget < 1:
            raise ValueError(f"a cadence needs first >= 0, every > 0 and 0 < budget < 1 (got first={self.first}, every={self.every}, budget={self.budget})")
        self._next = self.first

    def due(self, elapsed: float) -> bool:
        """Whether a look is due after ``elapsed`` seconds of training."""
        return elapsed >= self._next

    def done(self, elapsed: float, cost: float) -> None:
        """A look taken at ``elapsed`` that took ``cost`` seconds: when is the next one due?

        The share of looks is spent / (elapsed + spent); it stays at most ``budget`` when the next look waits
        until elapsed >= spent · (1 - budget) / budget.
        """
        self.looks += 1
        self._spent += max(0.0, cost)
        self._next = max(elapsed + self.every, self._spent * (1 - self.budget) / self.budget)

    @property
    def spent(self) -> float:
        """Seconds the looks took so far."""
        return self._spent


def preview_cadence() -> Cadence:
    """Preview samples and the quality curve: the first after 2 s of training, then every 5 s or more, at most
    5 % of the time (a 16-digit, 20-step guided preview with its meter takes ~0.3-0.8 s here; with the strips
    and the finished model's preview, 30-s runs in ``diffviz bench app`` lost 15 % to looks at 8 %)."""
    return Cadence(first=2.0, every=5.0, budget=0.05)


def strip_cadence() -> Cadence:
    """The course's prediction strip (8 images, one forward pass): every second or more, at most 1 %."""
    return Cadence(first=0.5, every=1.0, budget=0.01)
