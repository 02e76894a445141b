"""Feedback that explains every lost point and reveals nothing else.

nbgrader's feedback shows graded test cells as the gradebook restored them,
hidden tests included (nbgrader issue 917), and IPython tracebacks print the
source lines of every frame, the checks' own included. This preprocessor runs
in `nbgrader generate_feedback` (see nbgrader_config.py) and, in every cell:

- removes hidden test regions from the source, leaving one comment line;
- replaces the traceback of an error in a test cell by its last line, the
  check's message ("AssertionError: embedding_lookup: ... expected ... got");
- drops traceback frames of the grader package from errors in other cells;
- drops a stderr copy of a message the error output already shows.
"""
from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

HIDDEN_BEGIN, HIDDEN_END = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
HIDDEN_NOTE = "# (hidden checks ran here; their messages are below)"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
GRADER_FRAME = re.compile(r"solutions[/\\]|solutions\.(grading|judge|checks)")


def strip_hidden(source: str) -> str:
    out, hidden = [], False
    for line in source.splitlines():
        if HIDDEN_BEGIN in line:
            hidden = True
            out.append(HIDDEN_NOTE)
        elif HIDDEN_END in line:
            hidden = False
        elif not hidden:
            out.append(line)
    return "\n".join(out)


def plain(text: str) -> str:
    return ANSI.sub("", text)


def is_grade_cell(cell) -> bool:
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("grade"))


class SanitizeFeedback(Preprocessor):
    """Hide hidden tests and grader tracebacks; keep each failed check's message."""

    enabled = Bool(True, help="nbconvert preprocessors are off unless enabled").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        cell.source = strip_hidden(cell.source)
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        shown = " ".join(plain(str(o.get("evalue", ""))) for o in errors)
        outputs = []
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "error":
                if is_grade_cell(cell):
                    out["traceback"] = [f"{out.get('ename', 'Error')}: {plain(str(out.get('evalue', '')))}"]
                else:
                    out["traceback"] = [ln for ln in out.get("traceback", []) if not GRADER_FRAME.search(plain(ln))]
            elif kind == "stream" and out.get("name") == "stderr" and plain(out.get("text", "")).strip() in shown:
                continue
            outputs.append(out)
        cell.outputs = outputs
        return cell, resources
