"""Hostile and broken submissions graded together with the demo class (issue 5)."""
from __future__ import annotations

WRITERS: list = []
