"""A time budget per rule: a rule that runs away on some input becomes a WF000 finding
instead of a hang.

Every rule is meant to be linear in the story's length (bench/scaling.py measures it), but a
pattern that backtracks badly on one odd input, or a rule that rescans the story for every
candidate, can take minutes on a large story. The engine runs each rule's ``check`` under a
``RuleClock``: the budget is ``rule_time_budget`` seconds per MB of story (at least that
many seconds), and a rule that spends longer is stopped with ``RuleTimeout``, which the
engine reports as a WF000 finding naming the rule; the other rules' findings stand.

The budget is CPU time (the thread's), not wall time: on a busy machine a linear rule waits
for the processor without spending its budget, so the output never depends on the load.

How it stops a rule: one interval timer (SIGPROF, which counts the process's CPU time)
armed for the whole lint, ticking every ``TICK`` seconds of CPU; at each tick the handler
looks at the rule that is running and raises in it once it is over budget (Python checks
for signals between bytecodes, and the stdlib ``re`` module while it matches, so a runaway
loop or pattern is interrupted). The timer is armed once per outermost ``watch``: a fix
run holds one watch for all its passes, and each lint inside it reuses that watch with the
budget for its own text, so arming costs two system calls per story, not per pass or rule.
Signals reach only the main thread: elsewhere (a thread pool) the rule is not interrupted, but a rule that went over budget is still reported when it returns.

Reading the thread's CPU clock is a system call, so it is not read for every rule: a rule
is measured from the last reading, taken again once ``ANCHOR`` seconds of wall time have
passed (see ``_Watch``); a rule may be charged up to that much of the work before it.
"""
from __future__ import annotations

import signal
import threading
import time
from typing import Any

TICK = 0.25
# How stale the CPU clock's last reading may grow, in wall seconds (see _Watch).
ANCHOR = 0.01


class RuleTimeout(Exception):
    """Raised inside a rule that spent more than its budget (``interrupted``: stopped
    before it finished, so its findings on this text are incomplete)."""

    def __init__(self, message: str, interrupted: bool):
        super().__init__(message)
        self.interrupted = interrupted


class RuleClock:
    def __init__(self, budget_per_mb: float):
        self.budget_per_mb = budget_per_mb
        self._state = threading.local()

    def watch(self, size: int) -> "_Scope":
        """Time the rules run on one text of ``size`` characters (a context manager that
        yields the ``_Watch``). A class, not a generator context manager: every lint enters
        two of these, and a generator costs several calls more per enter and exit."""
        return _Scope(self._state, self.budget_per_mb * max(1.0, size / 1_000_000))


class _Scope:
    """One ``RuleClock.watch``: the outermost arms the timer; one inside it (a lint inside
    a fix run) lends that watch its own text's budget for a while."""

    __slots__ = ("state", "budget", "outer", "lent", "armed", "previous")

    def __init__(self, state: threading.local, budget: float):
        self.state = state
        self.budget = budget
        self.outer: _Watch | None = None
        self.lent = 0.0
        self.armed = False
        self.previous: Any = None

    def __enter__(self) -> "_Watch":
        outer = self.outer = getattr(self.state, "watch", None)
        if outer is not None:   # inside a fix run's watch: its timer is armed already
            self.lent, outer.budget = outer.budget, self.budget
            outer.stopped_rule = None   # each text's overruns are its own
            outer.restart()
            return outer
        watch = self.state.watch = _Watch(self.budget)
        if threading.current_thread() is threading.main_thread() and _can_signal():
            try:
                if signal.getitimer(signal.ITIMER_PROF)[0] == 0:  # nobody else's timer
                    self.previous = signal.signal(signal.SIGPROF, watch.on_tick)
                    signal.setitimer(signal.ITIMER_PROF, TICK, TICK)
                    self.armed = True
            except (ValueError, OSError):   # not allowed here: run without interruption
                self.armed = False
        return watch

    def __exit__(self, *exc: object) -> None:
        if self.outer is not None:
            self.outer.budget = self.lent
            return
        self.state.watch = None
        if self.armed:
            signal.setitimer(signal.ITIMER_PROF, 0, 0)
            signal.signal(signal.SIGPROF, self.previous)


class _Watch:
    """The rule running now, and the clock it is measured against.

    The thread's CPU clock is a system call (about half a microsecond on a VM), and a lint
    starts and stops some thirty rules, each in a few microseconds. So the CPU clock is read
    at an *anchor*, and read again only when ``ANCHOR`` seconds of wall time have passed
    since (tested at each rule's end and each lint's start with the wall clock, which needs
    no system call), or when a rule might be over its budget: a rule's CPU time is at most
    its wall time, so a rule whose wall time is within the budget is within it. A rule's
    time is counted from the anchor, which may lie before the rule started: a rule may be
    charged up to ``ANCHOR`` seconds of the work before it, never less than it spent."""

    __slots__ = ("budget", "rule", "cpu", "wall", "stopped_rule")

    def __init__(self, budget: float):
        self.budget = budget
        self.rule: Any = None
        self.stopped_rule: Any = None
        self.anchor()

    def anchor(self) -> None:
        """Read the CPU clock now (and the wall clock with it)."""
        self.cpu = time.thread_time()
        self.wall = time.perf_counter()

    def restart(self) -> None:
        """A lint begins (time has passed outside rules): read the CPU clock if the anchor is
        old."""
        if time.perf_counter() - self.wall > ANCHOR:
            self.anchor()

    def start(self, rule: Any) -> None:
        self.rule = rule

    def clear(self) -> None:
        self.rule = None
        self.anchor()

    def spent(self) -> float:
        """CPU seconds since the anchor: what the running rule is charged."""
        return time.thread_time() - self.cpu

    def stop(self) -> None:
        rule, self.rule = self.rule, None
        elapsed = time.perf_counter() - self.wall
        if elapsed <= ANCHOR and elapsed <= self.budget:
            return
        if rule is not None and elapsed > self.budget and self.stopped_rule is not rule:
            spent = self.spent()
            if spent > self.budget:
                # not interrupted (another thread, or the rule ignored the signal): the
                # findings it made are kept, but the overrun is still an error worth reporting
                self.stopped_rule = rule
                self.anchor()
                raise RuleTimeout(f"took {spent:.1f} s, over its time budget of {self.budget:.1f} s "
                                  f"for this text (config key rule-time-budget)", interrupted=False)
        self.anchor()

    def on_tick(self, signum, frame) -> None:
        rule = self.rule
        if rule is None:
            return
        spent = self.spent()
        if spent > self.budget:
            self.rule = None
            self.stopped_rule = rule
            raise RuleTimeout(f"was stopped after {spent:.1f} s, over its time budget of "
                              f"{self.budget:.1f} s for this text (config key "
                              f"rule-time-budget); it reports nothing here", interrupted=True)


def _can_signal() -> bool:
    return hasattr(signal, "SIGPROF") and hasattr(signal, "setitimer")
