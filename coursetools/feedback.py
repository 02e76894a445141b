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

from nbconvert.exporters import HTMLExporter, TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from jinja2 import BytecodeCache
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


SCRIPT = re.compile(r"(<script\b.*?</script>)", re.S | re.I)
IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\balt=)", re.I)
NO_ALT = "No description has been provided for this image"


def described_images(html: str) -> str:
    """Alternative text on every <img> without one (outside scripts), as HTMLExporter's accessibility pass adds it."""
    parts = SCRIPT.split(html)
    parts[::2] = [IMG_WITHOUT_ALT.sub(f'<img alt="{NO_ALT}"', part) for part in parts[::2]]
    return "".join(parts)


class _CompiledTemplates(BytecodeCache):
    """Jinja's bytecode cache, in memory: a grading process compiles the page's templates once, not per page."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class _RememberedHighlight(Highlight2HTML):
    """nbconvert's code highlighting, remembering its results in the process: the
    course's own cells are the same on every student's page."""

    memo: dict[tuple, str] = {}

    def __call__(self, source, language=None, metadata=None):
        key = (source, language or self.pygments_lexer, (metadata or {}).get("magics_language"),
               repr(self.extra_formatter_options))
        if key not in self.memo:
            if len(self.memo) > 4096:
                self.memo.clear()
            self.memo[key] = super().__call__(source, language, metadata)
        return self.memo[key]


class FeedbackExporter(HTMLExporter):
    """nbconvert's HTMLExporter for the feedback page (GenerateFeedback.exporter_class
    in nbgrader_config.py), about five times as fast, with the same page:

    - HTMLExporter ends with an accessibility pass that parses the whole 1 MB page
      (KaTeX and the stylesheets are inlined) with BeautifulSoup: most of the export's
      time. On the classic template this page extends, it only adds alternative text
      to images: done here with a pattern.
    - Templates are compiled once per process (jinja's bytecode cache), and code
      highlighted once per process (the course's cells repeat on every page).
    """

    compiled_templates = _CompiledTemplates()

    def _create_environment(self):
        environment = super()._create_environment()
        environment.bytecode_cache = self.compiled_templates
        return environment

    def from_notebook_node(self, nb, resources=None, **kw):
        # HTMLExporter.from_notebook_node (nbconvert 7) without its BeautifulSoup pass
        info = nb.metadata.get("language_info", {})
        lexer = info.get("pygments_lexer", info.get("name", None))
        self.register_filter("highlight_code",
                             self.filters.get("highlight_code", _RememberedHighlight(pygments_lexer=lexer, parent=self)))
        resources = self._init_resources(resources)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata,
                                                                       parent=self, resources=resources))
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return described_images(html), resources
