"""Browser tests: playwright driving the distribution's chromium against a real JupyterLab
server that each test starts on 127.0.0.1 with a token.

They skip only when /usr/bin/chromium is missing and CI is not "true" (`.ci/run` installs it).
Screenshots of every step go to one artifacts folder per session (COURSE_BROWSER_ARTIFACTS,
or a pytest tmp folder); its path is printed at the end of the run.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
VENV_BIN = Path(sys.executable).parent
_ARTIFACTS: list[Path] = []


def pytest_terminal_summary(terminalreporter):
    for path in _ARTIFACTS:
        terminalreporter.write_line(f"browser screenshots: {path}")


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing on CI: .ci/run installs the Debian package chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install -y chromium); CI runs these tests")
    return CHROMIUM


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    path = Path(os.environ.get("COURSE_BROWSER_ARTIFACTS") or tmp_path_factory.mktemp("browser_artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    _ARTIFACTS.append(path)
    return path


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(60_000)
    pg = context.new_page()
    yield pg
    context.close()


class Shots:
    """Numbered screenshots of one test's steps."""

    def __init__(self, folder: Path):
        self.folder, self.n = folder, 0
        folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, page, name: str, full_page: bool = False) -> Path:
        self.n += 1
        path = self.folder / f"{self.n:02d}-{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture
def shots(artifacts, request) -> Shots:
    return Shots(artifacts / request.node.name)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


LAB_SETTINGS = {   # quiet, predictable JupyterLab: every cell in the page, no news pop-up
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                        "checkForUpdates": False},
}


@dataclass
class Lab:
    url: str
    token: str
    root: Path
    process: subprocess.Popen
    log: Path

    def at(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.url}{path}{sep}token={self.token}"

    def login(self, page) -> None:
        """Sign in through the login form, so pages that call the server without the token
        (Formgrader's) are authenticated by the cookie."""
        page.goto(f"{self.url}/login")
        page.locator("#password_input").fill(self.token)
        page.locator("#password_input").press("Enter")
        page.wait_for_url(lambda url: "/login" not in url)

    def status(self, path: str) -> int:
        request = urllib.request.Request(self.url + path, headers={"Authorization": f"token {self.token}"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:   # not listening yet (URLError is an OSError)
            return 0


@contextlib.contextmanager
def jupyter_lab(root: Path, scratch: Path, config_dir: Path | None = None):
    """A JupyterLab server for `root` on 127.0.0.1 with a fresh token. `config_dir` is the
    Jupyter config folder (the student set-up); without it an empty one (the instructor's)."""
    scratch.mkdir(parents=True, exist_ok=True)
    settings = scratch / "lab-settings"
    for rel, content in LAB_SETTINGS.items():
        path = settings / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content))
    if config_dir is None:
        config_dir = scratch / "instructor-config"
        config_dir.mkdir(exist_ok=True)
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(config_dir), JUPYTER_RUNTIME_DIR=str(scratch / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(scratch / "workspaces"),
               PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("JUPYTER_PLATFORM_DIRS", None)
    log = scratch / "jupyter-lab.log"
    cmd = [str(VENV_BIN / "jupyter-lab"), "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
           "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")   # CI containers run as root
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
    lab = Lab(f"http://127.0.0.1:{port}", token, root, proc, log)
    try:
        deadline = time.monotonic() + 120
        while lab.status("/api/status") != 200:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"jupyter lab did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        yield lab
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        shutil.rmtree(scratch / "runtime", ignore_errors=True)


# ------------------------------------------------------------------ JupyterLab page helpers


def open_notebook(page, lab: Lab, path: str) -> None:
    page.goto(lab.at(f"/lab/tree/{path}"))
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(state="visible")
    wait_idle(page)


def wait_idle(page, timeout: float = 300) -> None:
    """Until the kernel is idle and no cell is queued or running ([*])."""
    page.wait_for_function(
        """() => {
            const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
            if (!panel) return false;
            const busy = [...panel.querySelectorAll('.jp-InputArea-prompt')].some(p => p.textContent.includes('*'));
            const status = document.querySelector('.jp-Notebook-ExecutionIndicator');
            const idle = !status || status.getAttribute('data-status') === 'idle';
            return !busy && idle;
        }""",
        timeout=timeout * 1000)


def menu(page, top: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(top)}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")).first.click()


def set_cell_source(page, index: int, source: str) -> None:
    """Type `source` into cell `index` the way a paste would (no auto-indent or auto-close)."""
    cell = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").nth(index)
    cell.scroll_into_view_if_needed()
    cell.locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(source)
    page.keyboard.press("Escape")


def run_all(page) -> None:
    menu(page, "Run", "Run All Cells")
    page.wait_for_timeout(1000)
    wait_idle(page)
