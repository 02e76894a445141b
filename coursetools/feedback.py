"""Feedback that explains every lost point and reveals nothing else.

nbgrader's feedback shows graded test cells as the gradebook restored them,
hidden tests included (nbgrader issue 917), and IPython tracebacks print the
source lines of every frame, the checks' own included. This preprocessor runs
in `nbgrader generate_feedback` (see nbgrader_config.py) and, in every cell:

- removes hidden test regions from the source, leaving one comment line;
- replaces the traceback of an error in a test cell by its last line, the
  check's message ("AssertionError: embedding_lookup: ... expected ... got");
- drops traceback frames of the grader package from errors in other cells;
- drops a stderr copy of a message the error output already shows;
- marks a hand-graded part that has no score yet as pending (the course
  template shows "not graded yet" and calls the total provisional);
- hands the template the offline math renderer (KaTeX, shipped in
  coursetools/static/katex, MIT licence), so formulas render without a network.

The look is the course template `coursetools/templates/feedback`, which takes the place of
nbgrader's own (same name) when nbgrader_config.py sets
`c.HTMLExporter.extra_template_basedirs = TEMPLATE_DIRS`.
"""
from __future__ import annotations

import base64
import functools
import re
from pathlib import Path

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from . import cells

HIDDEN_NOTE = "# (hidden checks ran here; their messages are below)"
GRADER_FRAME = re.compile(r"solutions[/\\]|solutions\.checks|answerkit[/\\]|answerkit\.")
HERE = Path(__file__).resolve().parent
KATEX = HERE / "static" / "katex"


def _template_dirs() -> list[str]:
    import nbgrader

    formgrader = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates"
    return [str(HERE / "templates"), str(formgrader)]


# nbgrader's API always asks for the template named "feedback"; ours has that name and comes
# first in these folders. Set only HTMLExporter.extra_template_basedirs, never template_name
# (Formgrader renders its own "formgrade" template through the same setting).
TEMPLATE_DIRS = _template_dirs()


@functools.lru_cache(maxsize=1)
def math_assets() -> str:
    """KaTeX's stylesheet (fonts inlined as data: URIs) and scripts, for the page's <head>:
    feedback is a single file that renders its formulas with no network and no other file."""
    def font(match):
        data = base64.b64encode((KATEX / match.group(1)).read_bytes()).decode("ascii")
        return f"url(data:font/woff2;base64,{data}) format(\"woff2\")"

    css = (KATEX / "katex.min.css").read_text(encoding="utf-8")
    css = re.sub(r"url\((fonts/[\w-]+\.woff2)\) format\(\"woff2\"\)(,url\([^)]*\) format\(\"[\w]+\"\))*", font, css)
    js = (KATEX / "katex.min.js").read_text(encoding="utf-8") + "\n" + (KATEX / "auto-render.min.js").read_text(encoding="utf-8")
    js = js.replace("</script", "<\\/script")
    return f"<style>{css}</style>\n<script>{js}</script>"


def pending_grades(resources) -> set[str]:
    """Graded parts of this submission that nobody has scored yet: no manual score and no
    automatic one (a hand-graded answer that was changed from the release). The gradebook
    reports them as 0, which would read as a final mark."""
    info = resources.get("nbgrader", {})
    if not all(info.get(k) for k in ("db_url", "assignment", "student", "notebook")):
        return set()
    from nbgrader.api import Gradebook

    with Gradebook(info["db_url"]) as gb:
        nb = gb.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
        return {g.name for g in nb.grades if g.manual_score is None and g.auto_score is None}


class SanitizeFeedback(Preprocessor):
    """Hide hidden tests and grader tracebacks; keep each failed check's message."""

    enabled = Bool(True, help="nbconvert preprocessors are off unless enabled").tag(config=True)
    _pending: set[str] = set()

    def preprocess(self, nb, resources):
        self._pending = pending_grades(resources)
        nb, resources = super().preprocess(nb, resources)
        info = resources.setdefault("nbgrader", {})
        info["pending"] = sorted(self._pending)
        info["provisional"] = bool(self._pending)
        resources["course_math"] = math_assets()
        return nb, resources

    def preprocess_cell(self, cell, resources, index):
        if cells.is_grade(cell):
            cell.metadata.nbgrader["pending"] = cell.metadata.nbgrader.get("grade_id") in self._pending
        if cell.cell_type != "code":
            return cell, resources
        cell.source = cells.strip_hidden(cell.source, HIDDEN_NOTE)
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        shown = " ".join(cells.plain(str(o.get("evalue", ""))) for o in errors)
        outputs = []
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "error":
                if cells.is_grade(cell):
                    out["traceback"] = [f"{out.get('ename', 'Error')}: {cells.plain(str(out.get('evalue', '')))}"]
                else:
                    out["traceback"] = [ln for ln in out.get("traceback", []) if not GRADER_FRAME.search(cells.plain(ln))]
            elif kind == "stream" and out.get("name") == "stderr" and cells.plain(out.get("text", "")).strip() in shown:
                continue
            outputs.append(out)
        cell.outputs = outputs
        return cell, resources
