"""A JupyterLab set-up for students: nbgrader's Validate button, none of the instructor's tools.

`pip install nbgrader` enables every part of its JupyterLab extension and every server
extension: a student would see Formgrader, the Create Assignment sidebar (cell types and
points editable) and, without an exchange, an Assignment List that only says "Error fetching
courses!". This module writes a Jupyter config folder that turns those off and keeps Validate
(the button in the notebook toolbar):

    .venv/bin/python -m coursetools student-env            # writes student_jupyter/
    JUPYTER_CONFIG_DIR=student_jupyter .venv/bin/jupyter lab release/01_lookup/01_lookup.ipynb

With `--exchange`, the Assignment List and Course List stay (students fetch and submit
through them). The same two settings work system-wide on a JupyterHub: see README.md.
"""
from __future__ import annotations

import json
from pathlib import Path

FOLDER = "student_jupyter"
LAB_PLUGINS = {      # JupyterLab plugins of @jupyter/nbgrader 0.9.6 and who needs them
    "@jupyter/nbgrader:formgrader": "instructor",
    "@jupyter/nbgrader:create-assignment": "instructor",
    "@jupyter/nbgrader:assignment-list": "exchange",
    "@jupyter/nbgrader:course-list": "exchange",
    "@jupyter/nbgrader:menu": "exchange",           # the Nbgrader menu only opens the panels above
    "@jupyter/nbgrader:validate-assignment": "student",
}
SERVER_EXTENSIONS = {
    "nbgrader.server_extensions.formgrader": "instructor",
    "nbgrader.server_extensions.assignment_list": "exchange",
    "nbgrader.server_extensions.course_list": "exchange",
    "nbgrader.server_extensions.validate_assignment": "student",
}


def _wanted(role: str, exchange: bool) -> bool:
    return role == "student" or (role == "exchange" and exchange)


def disabled_lab_plugins(exchange: bool = False) -> list[str]:
    return sorted(p for p, role in LAB_PLUGINS.items() if not _wanted(role, exchange))


def config_files(exchange: bool = False) -> dict[str, dict]:
    """The files of the config folder, by relative path."""
    return {
        "jupyter_server_config.json": {"ServerApp": {"jpserver_extensions": {
            name: _wanted(role, exchange) for name, role in SERVER_EXTENSIONS.items()}}},
        "labconfig/page_config.json": {"disabledExtensions": {p: True for p in disabled_lab_plugins(exchange)}},
    }


GITIGNORE = "# JupyterLab keeps a student's own settings and workspaces here\nlab/\nmigrated\n"


def write(dest: Path, exchange: bool = False) -> list[Path]:
    """Write the config folder at `dest` (overwriting the files it owns); return their paths."""
    paths = []
    for rel, content in config_files(exchange).items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content, indent=2) + "\n", encoding="utf-8")
        paths.append(path)
    (dest / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    return paths


def environment(dest: Path, base: dict | None = None) -> dict:
    """Environment variables for a `jupyter lab` that uses the student config at `dest`."""
    import os

    env = dict(os.environ if base is None else base)
    env["JUPYTER_CONFIG_DIR"] = str(dest)
    return env
