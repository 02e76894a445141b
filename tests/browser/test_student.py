"""A student in JupyterLab set up by `python -m coursetools student-env`: opens a release
notebook, writes a function, runs everything, validates; a catalogued mistake shows the
visible check's teaching message; the instructor's tools are nowhere."""
from __future__ import annotations

import shutil

import numpy as np

from coursetools import cells, course, notebooks, student_env
from solutions import mistakes

from ..conftest import ASSIGNMENTS
from .conftest import jupyter_lab, open_notebook, run_all, set_cell_source

A = "01_lookup" if "01_lookup" in ASSIGNMENTS else ASSIGNMENTS[0]
SUCCESS = "Success! Your notebook passes all the tests."


def teaching_mistake(release):
    """(function, mistaken source, the visible check's message) for the first catalogued
    mistake that the function's visible sanity check rejects with a message."""
    tests = notebooks.test_cells(release)
    catalogue = mistakes.load(A)
    for function in notebooks.solution_cells(release):
        cell = tests.get(f"test_{function}") or tests.get(f"test_{function}_values")
        if cell is None or "BEGIN HIDDEN" in cell.source:
            continue
        for entry in catalogue.for_function(function, correct=False):
            namespace = {"np": np}
            try:
                exec(entry.source(), namespace)          # noqa: S102 - the course's own catalogue
                exec(cell.source, namespace)             # noqa: S102 - the release's visible check
            except AssertionError as exc:
                if str(exc).strip():
                    return function, entry.source(), str(exc).strip().splitlines()[0]
            except Exception:  # noqa: BLE001 - needs more of the notebook than this one cell
                continue
    raise AssertionError(f"no catalogued mistake of {A} is caught by a visible check with a message")


def test_student_flow(page, shots, tmp_path):
    home = tmp_path / "student"
    shutil.copytree(course.ROOT / "release" / A, home / A)
    release = notebooks.read(course.notebook(A, "release"))
    source = notebooks.read(course.notebook(A, "source"))
    functions = [gid for gid, c in notebooks.solution_cells(release).items() if c.cell_type == "code"]
    to_write = functions[0]
    # every other answer is already in; the student writes `to_write` in the browser
    nb = notebooks.filled(release, source, overrides={to_write: notebooks.solution_cells(release)[to_write].source})
    notebooks.write(nb, home / A / f"{A}.ipynb")
    index = next(i for i, c in enumerate(nb.cells) if cells.grade_id(c) == to_write)
    answer = notebooks.without_delimiters(notebooks.solution_cells(source)[to_write].source)
    config = tmp_path / "student-jupyter"
    student_env.write(config)                        # what `python -m coursetools student-env` writes

    with jupyter_lab(home, tmp_path / "lab", config_dir=config) as lab:
        open_notebook(page, lab, f"{A}/{A}.ipynb")
        shots(page, "release notebook opened")

        # the instructor's tools are not there
        assert page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").count() == 0
        assert page.get_by_text("Create Assignment").count() == 0
        assert page.locator("[title*='Create Assignment'], [title*='Formgrader']").count() == 0
        assert lab.status("/formgrader") == 404, "the formgrader server extension answers"
        assert lab.status("/assignments") == 404 and lab.status("/courses") == 404
        page.keyboard.press("ControlOrMeta+Shift+c")            # command palette
        page.keyboard.insert_text("formgrader")
        page.wait_for_timeout(500)
        shots(page, "command palette knows no formgrader")
        assert page.locator(".lm-CommandPalette-item:visible").count() == 0
        page.keyboard.press("Escape")

        # the student writes the function, runs everything, validates
        set_cell_source(page, index, answer)
        shots(page, f"{to_write} written")
        run_all(page)
        shots(page, "run all cells")
        assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0, \
            "a cell failed after the solution was written"
        page.get_by_role("button", name="Validate").first.click()
        page.get_by_text(SUCCESS).wait_for(timeout=300_000)
        shots(page, "validate says success")
        page.keyboard.press("Escape")

        # a catalogued mistake: the visible check explains it
        function, wrong, message = teaching_mistake(release)
        wrong_index = next(i for i, c in enumerate(nb.cells) if cells.grade_id(c) == function)
        set_cell_source(page, wrong_index, wrong)
        run_all(page)
        error = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
                             has_text=message[:60])
        error.first.scroll_into_view_if_needed()
        shots(page, f"{function} mistake explained")
        assert error.count() >= 1, f"the visible check's message did not appear: {message!r}"
        assert "AssertionError" in error.first.inner_text()
        page.get_by_role("button", name="Validate").first.click()
        page.get_by_text(SUCCESS).wait_for(state="detached", timeout=5000)
        listed = page.locator(".jp-Dialog").get_by_text(message[:40]).first
        listed.wait_for(timeout=300_000)
        listed.scroll_into_view_if_needed()
        shots(page, "validate lists the failing check")


def test_committed_student_config_is_what_the_command_writes(tmp_path):
    """student_jupyter/ in the repository (what the README points students and hubs at) is
    exactly what `python -m coursetools student-env` writes."""
    student_env.write(tmp_path / "fresh")
    committed = course.ROOT / student_env.FOLDER
    for rel in list(student_env.config_files()) + [".gitignore"]:
        assert (committed / rel).read_text() == (tmp_path / "fresh" / rel).read_text(), \
            f"{student_env.FOLDER}/{rel} is stale: run `.venv/bin/python -m coursetools student-env`"
    assert "@jupyter/nbgrader:validate-assignment" not in student_env.disabled_lab_plugins()
    assert {"@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:course-list"}.isdisjoint(
        student_env.disabled_lab_plugins(exchange=True))


def test_student_env_command(tmp_path):
    """The one documented command writes the folder and says how to start JupyterLab with it."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "coursetools", "student-env", "--to", str(tmp_path / "cfg")],
                          capture_output=True, text=True, cwd=course.ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"JUPYTER_CONFIG_DIR={tmp_path / 'cfg'}" in done.stdout
    assert (tmp_path / "cfg" / "labconfig" / "page_config.json").exists()
    assert (tmp_path / "cfg" / "jupyter_server_config.json").exists()
