"""Due dates and the late penalty, set in the course config (nbgrader_config.py).

nbgrader keeps each assignment's due date in the gradebook and compares it with the
submission's timestamp.txt when autograding; `AssignLatePenalties` then asks a plugin how
many points a late submission loses, and grades.csv shows that penalty. This module lets the
course config hold both:

    c.Deadlines.due = {"01_lookup": "2027-01-15 17:00 UTC", "02_one_hot": "2027-01-22 17:00 UTC"}
    c.AssignLatePenalties.plugin_class = "coursetools.deadlines.LatePenalty"
    c.LatePenalty.percent_per_day = 10      # of the notebook's score, per started day late
    c.LatePenalty.max_percent = 100

`apply()` writes the configured due dates into the gradebook; `course.py grade` and `watch`
call it before autograding, so a changed date counts from the next grading on (plain
`nbgrader autograde` uses whatever the gradebook already has).
"""
from __future__ import annotations

import math
from pathlib import Path

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Dict, Float
from traitlets.config import Configurable

from . import course


class Deadlines(Configurable):
    due = Dict(help="assignment -> due date, e.g. '2027-01-15 17:00 UTC' (nbgrader's date format)").tag(config=True)


class LatePenalty(LateSubmissionPlugin):
    """A share of the notebook's score per started day late (nbgrader's own plugin knows
    only 'none' and 'zero')."""

    percent_per_day = Float(10.0, help="percent of the score lost per started day late").tag(config=True)
    max_percent = Float(100.0, help="the most a late submission can lose, in percent of its score").tag(config=True)

    def late_submission_penalty(self, student_id, score, total_seconds_late):
        if not total_seconds_late or total_seconds_late <= 0:
            return None
        days = math.ceil(total_seconds_late / 86400)
        share = min(self.max_percent, days * self.percent_per_day) / 100
        penalty = round((score or 0.0) * share, 4)
        self.log.info("%s: %d day(s) late, penalty %s of %s", student_id, days, penalty, score)
        return penalty


def due_dates(config) -> dict[str, str]:
    return dict(Deadlines(config=config).due)


def apply(root: Path = course.ROOT, db_url: str | None = None, config=None) -> dict[str, str]:
    """Write the course config's due dates into the gradebook (creating the assignment
    rows if needed); assignments not listed keep what the gradebook has. Returns the dates."""
    from nbgrader.api import Gradebook
    from nbgrader.utils import parse_utc

    config = config or course.load_config(root, db_url)
    dates = due_dates(config)
    if dates:
        with Gradebook(config.CourseDirectory.db_url, course_id=config.CourseDirectory.course_id) as gb:
            for name, when in dates.items():
                gb.update_or_create_assignment(name, duedate=parse_utc(when))
    return dates
