"""Every time limit of grading, in one place, derived from one setting.

``COURSE_CALL_SECONDS`` (default 3) is the budget of one call of a student's
function inside a hidden check; the reference needs milliseconds. From it:

- a spec's calls together get at most ``SPEC_SECONDS``;
- a hidden test cell gets a deadline of its calls' budget plus ``HIDDEN_MARGIN``,
  enforced by the grader from outside the kernel (it interrupts, then restarts a
  kernel that does not come back within ``INTERRUPT_GRACE``);
- every other cell gets ``CELL_SECONDS`` (``COURSE_CELL_TIMEOUT`` overrides it,
  as the test suite does to keep a sleeping cell short);
- judging one cell's answers in the grader may take ``JUDGE_SECONDS``; past that
  it is a grader error, never the student's fault.

:func:`check_order` asserts that the limits nest; nbgrader_config.py calls it.
"""
from __future__ import annotations

import os

CALL_SECONDS = float(os.environ.get("COURSE_CALL_SECONDS", "3"))
SPEC_SECONDS = CALL_SECONDS * 10 / 3
HIDDEN_MARGIN = 2 + CALL_SECONDS          # kernel round trip, importing answerkit, decoding inputs
CELL_SECONDS = int(os.environ.get("COURSE_CELL_TIMEOUT", str(int(CALL_SECONDS * 20))))
INTERRUPT_GRACE = 3.0                     # after an interrupt, before the kernel is restarted
JUDGE_SECONDS = 30.0
NOTEBOOK_SECONDS = 10 * CELL_SECONDS      # the whole notebook, restarts and replays included
STARTUP_SECONDS = 60                      # a kernel that is not ready by then has failed to start


def hidden_cell_seconds(calls: int, specs: int = 1) -> int:
    """The grader's deadline for a hidden test cell making `calls` calls over `specs` specs."""
    budget = min(calls * CALL_SECONDS, specs * SPEC_SECONDS)
    return int(budget + HIDDEN_MARGIN + 0.999)


def check_order() -> None:
    """The limits nest: a call within its spec's budget, a spec's budget within its
    cell's deadline, a one-call hidden cell no longer than any cell, and the wait
    after an interrupt shorter than any deadline."""
    assert 0 < CALL_SECONDS < SPEC_SECONDS, (CALL_SECONDS, SPEC_SECONDS)
    assert SPEC_SECONDS < hidden_cell_seconds(10**6), "a spec's budget must fit its cell's deadline"
    assert hidden_cell_seconds(1) <= CELL_SECONDS, (hidden_cell_seconds(1), CELL_SECONDS)
    assert INTERRUPT_GRACE < hidden_cell_seconds(1), (INTERRUPT_GRACE, hidden_cell_seconds(1))
