"""QObject workers that run engine generators in QThreads and emit plain-data signals.

Views never see a live tensor: every signal carries a dataclass of numpy copies
(see ``messages``). Cancellation is a ``threading.Event`` checked between steps.
"""
