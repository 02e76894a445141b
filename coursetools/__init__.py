"""Instructor tooling of the course: build release/, grade, feedback, reports, audit.

nbgrader starts helper programs (alembic, jupyter kernels) by name, so the
environment's bin folder goes first on PATH whichever way this package runs.
"""
import os
import sys

_BIN = os.path.dirname(sys.executable)
if _BIN not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _BIN + os.pathsep + os.environ.get("PATH", "")
