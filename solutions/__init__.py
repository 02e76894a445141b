"""Grader-side package of the course: never released to students.

- ``solutions.aNN_<name>``: the reference implementation of each assignment;
- ``solutions.checks``: the hidden checks that test cells call (one module per assignment);
- ``solutions.grading`` / ``solutions.judge``: how a check runs inside the kernel and is judged outside it;
- ``solutions.mistakes``: realistic wrong and alternative right implementations, for the tests and the demo.
"""
