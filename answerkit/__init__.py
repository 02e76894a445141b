"""The kernel side of grading: the only course code that runs in a student's kernel.

A hidden test cell is one line, ``from answerkit import answer; answer("01_lookup", "spec")``.
:func:`answer` calls the student's function on the inputs the grader wrote for
this notebook and hands back what came out, as an output of its own MIME type.
It holds no reference, no expected value and no seed, and decides nothing: the
grader (``coursetools.judging``, in the autograde process) judges the answers
and writes the cell's outputs itself. Forging what this package sends can only
produce answers, and answers are judged against the grader's own computation.
"""
from .calls import ANSWERS_MIME, answer

__all__ = ["ANSWERS_MIME", "answer"]
