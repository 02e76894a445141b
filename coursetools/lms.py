"""Submissions downloaded from a learning-management system, for `nbgrader zip_collect`.

LMSs rename every file they hand back. The names this plugin reads:

| LMS | a downloaded file | student id taken |
|---|---|---|
| Canvas | `smithalice_12345_67890_01_lookup.ipynb`, `smithalice_LATE_12345_67890_01_lookup-1.ipynb` | `smithalice` (the login part) |
| Blackboard | `01_lookup_alice_attempt_2027-01-15-17-00-00_01_lookup.ipynb` | `alice`, and the attempt's time as the submission time |
| Moodle | `Alice Smith_12345_assignsubmission_file_01_lookup.ipynb` | `alice-smith` (the full name, lowercased) |

Put the zip the LMS gives you in `downloaded/<assignment>/archive/` and run

    nbgrader zip_collect 01_lookup --collector=coursetools.lms.LmsFileNames

(or set `c.ZipCollectApp.collector_plugin = "coursetools.lms.LmsFileNames"` in
nbgrader_config.py): each notebook lands in `submitted/<student>/<assignment>/` under its
release name, ready for `course.py grade`.
"""
from __future__ import annotations

import os
import re

from nbgrader.plugins import FileNameCollectorPlugin

BLACKBOARD = re.compile(r"^(?P<assignment>.+?)_(?P<student_id>[^_]+)_attempt_"
                        r"(?P<date>\d{4}-\d\d-\d\d)-(?P<h>\d\d)-(?P<m>\d\d)-(?P<s>\d\d)_(?P<file>.+)$")
MOODLE = re.compile(r"^(?P<name>.+?)_(?P<participant>\d+)_assignsubmission_file_(?P<file>.+)$")
CANVAS = re.compile(r"^(?P<student_id>[A-Za-z][\w.-]*?)(?:_LATE)?_\d+_\d+_(?P<file>.+)$")
CANVAS_COPY = re.compile(r"-\d+(?=\.\w+$)")   # Canvas appends -1, -2, ... to a re-uploaded file


def parse(filename: str) -> dict | None:
    """{student_id, file_id[, timestamp]} from a downloaded file's name, or None."""
    name = os.path.basename(filename)
    m = BLACKBOARD.match(name)
    if m:
        return {"student_id": m["student_id"], "file_id": m["file"],
                "timestamp": f"{m['date']} {m['h']}:{m['m']}:{m['s']}"}
    m = MOODLE.match(name)
    if m:
        return {"student_id": re.sub(r"[^a-z0-9]+", "-", m["name"].lower()).strip("-"), "file_id": m["file"]}
    m = CANVAS.match(name)
    if m:
        return {"student_id": m["student_id"].lower(), "file_id": CANVAS_COPY.sub("", m["file"])}
    return None


class LmsFileNames(FileNameCollectorPlugin):
    """zip_collect's file-name reader for Canvas, Blackboard and Moodle downloads."""

    def collect(self, submitted_file: str):
        if os.path.splitext(submitted_file)[1] not in self.valid_ext:
            return None
        info = parse(submitted_file)
        if info is None:
            self.log.warning("not a Canvas, Blackboard or Moodle file name, skipped: %s", os.path.basename(submitted_file))
        return info
