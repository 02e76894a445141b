"""The course's sanitize and feedback preprocessors on small fixture notebooks, as nbgrader's own
tests/preprocessors do (the grader-side judging ones are in test_judging.py)."""
from __future__ import annotations

import copy

from nbformat.v4 import new_code_cell

from coursetools import authoring, cells, feedback, notebooks
from coursetools.autograding import DeduplicateGradeIds, RestoreOrder

A = "01_lookup"


def _release():
    return authoring.notebook([
        authoring.setup("import numpy as np"),
        authoring.solution("f", 'def f(x):\n    """Double."""\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION'),
        authoring.test(A, "lookup_shapes", 1, "assert f(1) == 2"),
        authoring.solution("g", 'def g(x):\n    """Triple."""\n    ### BEGIN SOLUTION\n    return 3 * x\n    ### END SOLUTION'),
        authoring.test(A, "embedding_lookup_values", 2, "assert g(1) == 3"),
    ])


def _ids(nb):
    return [cells.grade_id(c) or c.source[:12] for c in nb.cells]


def test_restore_order_puts_graded_cells_back_with_the_students_own_cells(tmp_path, monkeypatch):
    release = _release()
    notebooks.write(release, tmp_path / "release" / A / f"{A}.ipynb")
    student = copy.deepcopy(release)
    mine = new_code_cell("print('my own cell after f')")
    student.cells.insert(2, mine)
    student.cells = student.cells[3:] + student.cells[:3]          # tests dragged above their functions
    pre = RestoreOrder()
    pre.config.CourseDirectory.root = str(tmp_path)
    nb, _ = pre.preprocess(student, {"nbgrader": {"assignment": A, "notebook": A}})
    assert _ids(nb) == ["setup", "f", "print('my ow", "test_lookup_shapes", "g", "test_embedding_lookup_values"]


def test_restore_order_keeps_the_students_order_without_a_release_notebook(tmp_path):
    student = _release()
    student.cells.reverse()
    pre = RestoreOrder()
    pre.config.CourseDirectory.root = str(tmp_path)
    nb, _ = pre.preprocess(copy.deepcopy(student), {"nbgrader": {"assignment": A, "notebook": A}})
    assert _ids(nb) == _ids(student)


def test_duplicated_and_broken_graded_cells_become_plain_cells():
    nb = _release()
    twin = copy.deepcopy(nb.cells[2])
    broken = copy.deepcopy(nb.cells[4])
    broken.metadata["nbgrader"] = {"grade": True, "points": 1}                       # lost its grade_id
    nb.cells += [twin, broken]
    out, _ = DeduplicateGradeIds().preprocess(nb, {})
    graded = [cells.grade_id(c) for c in out.cells if "nbgrader" in c.metadata]
    assert graded == ["setup", "f", "test_lookup_shapes", "g", "test_embedding_lookup_values"]
    assert "nbgrader" not in out.cells[-1].metadata and "nbgrader" not in out.cells[-2].metadata


def test_feedback_hides_the_hidden_call_and_keeps_the_message():
    cell = authoring.test(A, "lookup_shapes", 1, "assert f(1) == 2")
    cell.outputs = [{"output_type": "error", "ename": "HiddenCheckFailed",
                     "evalue": "\x1b[31mlookup_shapes: expected 2, got 3\x1b[0m", "traceback": ["frame 1", "frame 2"]}]
    out, _ = feedback.SanitizeFeedback().preprocess_cell(cell, {}, 0)
    assert "answerkit" not in out.source and "HIDDEN" not in out.source and "assert f(1) == 2" in out.source
    assert out.outputs[0]["traceback"] == ["HiddenCheckFailed: lookup_shapes: expected 2, got 3"]


def _feedback_notebook():
    """A graded notebook with a formula, a picture in markdown and a plot output, neither described."""
    from nbformat.v4 import new_markdown_cell, new_output

    nb = _release()
    nb.cells.insert(0, new_markdown_cell("A formula $E = W x$ and a picture: <img src=\"data:image/png;base64,AA==\">"))
    plot = new_code_cell("plot()")
    plot.outputs = [new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"})]
    nb.cells.append(plot)
    for cell in nb.cells:
        if cells.is_grade(cell):
            cell.metadata.nbgrader.update(score=1.0, points=1.0)
    return nb


def _feedback_page(exporter_class, nb) -> str:
    """The feedback page of `nb` as GenerateFeedback writes it with the course's config and `exporter_class`."""
    import os

    import nbgrader
    from jupyter_core.paths import jupyter_config_dir
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from traitlets.config import Config

    config = Config()
    config.HTMLExporter.template_name = "feedback"
    config.HTMLExporter.extra_template_basedirs = feedback.TEMPLATE_DIRS
    config.HTMLExporter.extra_template_paths = [os.path.join(   # where nbgrader's GenerateFeedback finds Bootstrap
        os.path.dirname(nbgrader.__file__), "server_extensions", "formgrader", "static", "node_modules", "bootstrap",
        "dist", "css")]
    resources = {"nbgrader": {"notebook": A, "score": 3.0, "max_score": 3.0, "late_penalty": 0},
                 "config_dir": jupyter_config_dir()}
    nb, resources = feedback.SanitizeFeedback().preprocess(copy.deepcopy(nb), resources)
    nb, resources = CSSHTMLHeaderPreprocessor(enabled=True).preprocess(nb, resources)
    html, _ = exporter_class(config=config).from_notebook_node(nb, resources)
    return html


def test_the_feedback_exporter_writes_the_page_htmlexporter_writes():
    """FeedbackExporter skips HTMLExporter's BeautifulSoup pass and inlines the big assets after
    rendering: the page must be the same page (text, tags, attributes, image descriptions)."""
    from bs4 import BeautifulSoup
    from nbconvert.exporters import HTMLExporter

    nb = _feedback_notebook()
    ours, theirs = (BeautifulSoup(_feedback_page(cls, nb), "html.parser") for cls in (feedback.FeedbackExporter,
                                                                                  HTMLExporter))
    assert [(t.name, t.attrs) for t in ours.find_all()] == [(t.name, t.attrs) for t in theirs.find_all()]
    assert ours.get_text().split() == theirs.get_text().split()
    images = ours.find_all("img")
    assert len(images) == 2 and all(img["alt"] == feedback.NO_ALT for img in images)
    assert "katex" in str(ours.head).lower()
