"""Grader-side package of the course: never released, never visible to a grading kernel.

- ``solutions.aNN_<name>``: the reference implementation of each assignment;
- ``solutions.checks``: the hidden checks (one module per assignment) and the harness that
  builds their inputs and judges the answers (``coursetools.judging`` runs it at grading);
- ``solutions.mistakes``: realistic wrong and alternative right implementations, for the tests and the demo.

The kernel side of grading is the separate package ``answerkit``.
"""
