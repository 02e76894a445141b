"""Grading kernels in a bubblewrap sandbox.

:class:`GradingKernelManager` is the kernel manager of every grading kernel
(coursetools/judging.py's :class:`~coursetools.judging.GradingExecute` sets it).
Sandboxed, the kernel sees only:

- the operating system's and Python's files, read-only (``/usr``, the base
  Python, the course's virtual environment);
- the kernel-side helper package ``answerkit``, read-only, alone at /opt/course;
- the grader's inputs for this notebook, one read-only file;
- its scratch folder (a copy of the release folder's own files), the only
  writable place besides a private home (/home/student, a small tmpfs);
  everything else, ``/tmp`` and the sandbox's own root included, is read-only;
- its own connection sockets (``transport="ipc"``, Unix sockets in a private
  runtime folder: they cross the network namespace, TCP would not).

Not visible: the course folder (``solutions/``, ``source/``, the gradebook,
``submitted/``, ``autograded/``, other students, ``.git``), the grader's
processes (own PID namespace), the network (own network namespace). All
capabilities are dropped. Without bubblewrap, :func:`require_bubblewrap` stops
grading with one sentence; ``--unsandboxed`` runs the same kernel unconfined.
"""
from __future__ import annotations

import functools
import os
import shutil
import sys
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Unicode

import answerkit
from answerkit.calls import INPUTS_ENV

from .errors import CourseError

BWRAP = "bwrap"
INPUTS_IN_SANDBOX = "/run/course/inputs.json"
SANDBOX_HOME = "/home/student"            # its own small tmpfs: the kernel's only writable place besides the binds
KERNEL_SIDE = "/opt/course"                 # answerkit, alone, at /opt/course/answerkit (on PYTHONPATH)
PASSED_ENV_PREFIXES = ("OPENBLAS_", "OMP_", "MKL_", "LANG", "LC_", "TZ", "HF_", "COURSE_KERNEL")
INSTALL_HINT = ("grading kernels run in a bubblewrap sandbox, and bubblewrap is not installed: "
                "install the package `bubblewrap` (Debian/Ubuntu: apt-get install bubblewrap), "
                "or grade with --unsandboxed (the report will say so)")


class SandboxUnavailable(CourseError):
    """Grading cannot be sandboxed on this machine."""


def bubblewrap() -> str | None:
    return shutil.which(BWRAP)


def require_bubblewrap() -> None:
    if bubblewrap() is None:
        raise SandboxUnavailable(INSTALL_HINT)


UNSANDBOXED_ENV = "COURSE_UNSANDBOXED"      # read by nbgrader_config.py, in every grading process
UNSANDBOXED_BANNER = ("UNSANDBOXED: grading kernels run without the bubblewrap sandbox; student code can read "
                      "the grader's files and write the gradebook")


def choose(unsandboxed: bool, quiet_fallback: bool = False) -> str | None:
    """Decide how this grading run's kernels run; the banner to print, if any.

    Without bubblewrap, grading stops with one sentence, unless `unsandboxed`
    is asked for, or `quiet_fallback` (the demo, whose submissions the course
    wrote itself) allows the unsandboxed run with a one-line note."""
    if not unsandboxed and bubblewrap() is None:
        if not quiet_fallback:
            raise SandboxUnavailable(INSTALL_HINT)
        os.environ[UNSANDBOXED_ENV] = "1"
        return "note: bubblewrap is not installed, so the demo grades its own submissions unsandboxed"
    os.environ[UNSANDBOXED_ENV] = "1" if unsandboxed else "0"
    return UNSANDBOXED_BANNER if unsandboxed else None


def _real(path: str | os.PathLike) -> str:
    return os.path.realpath(os.fspath(path))


def answerkit_dir() -> str:
    return _real(Path(answerkit.__file__).parent)


def readonly_paths() -> list[str]:
    """What a grading kernel may read besides answerkit: the system, Python, the venv."""
    paths = ["/usr", _real(sys.base_prefix), _real(sys.prefix)]
    for etc in ("/etc/ld.so.cache", "/etc/localtime", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf"):
        if os.path.exists(etc):
            paths.append(etc)
    out = []
    for p in paths:
        if p not in out and not any(p.startswith(q.rstrip("/") + "/") for q in out):
            out.append(p)
    return out


def bwrap_command(kernel_cmd: list[str], scratch: str, runtime: str, inputs: str | None, env: dict) -> list[str]:
    """The kernel command, wrapped in bubblewrap (the environment is `env` alone)."""
    cmd = [bubblewrap() or BWRAP, "--die-with-parent", "--unshare-all", "--cap-drop", "ALL", "--clearenv"]
    for key, value in sorted(env.items()):
        cmd += ["--setenv", key, value]
    cmd += ["--setenv", "PYTHONPATH", KERNEL_SIDE, "--setenv", "TMPDIR", f"{SANDBOX_HOME}/tmp",
            "--tmpfs", "/tmp"]   # before the binds below, which may lie under /tmp
    for p in readonly_paths():
        cmd += ["--ro-bind", p, p]
    cmd += ["--ro-bind", answerkit_dir(), f"{KERNEL_SIDE}/answerkit"]
    for link in ("lib", "lib64", "bin", "sbin"):
        target = os.path.join("/", link)
        if os.path.islink(target):
            cmd += ["--symlink", os.readlink(target), target]
        elif os.path.isdir(target) and target not in readonly_paths():
            cmd += ["--ro-bind", target, target]
    cmd += ["--proc", "/proc", "--dev", "/dev", "--bind", scratch, scratch, "--bind", runtime, runtime]
    if inputs:
        cmd += ["--ro-bind", inputs, INPUTS_IN_SANDBOX, "--setenv", INPUTS_ENV, INPUTS_IN_SANDBOX]
    for folder in hidden_packages():
        cmd += ["--tmpfs", folder, "--remount-ro", folder]      # an empty, read-only folder in its place
    cmd += ["--tmpfs", SANDBOX_HOME, "--dir", f"{SANDBOX_HOME}/tmp",
            # read-only: the sandbox's own root and /tmp (folders bwrap made there for the binds included);
            # writable: the scratch and runtime binds and the home tmpfs
            "--remount-ro", "/tmp", "--remount-ro", "/", "--chdir", scratch]
    return cmd + kernel_cmd


@functools.lru_cache(maxsize=1)
def hidden_packages() -> tuple[str, ...]:
    """Installed packages a sandboxed grading kernel does not see: debugpy, ipykernel's
    debugger. Nobody debugs a grading kernel, and importing debugpy is a quarter of a
    kernel's start-up (measured here: 0.24 s of CPU to ready, 0.18 s without it)."""
    import importlib.util

    spec = importlib.util.find_spec("debugpy")
    locations = list(spec.submodule_search_locations or []) if spec else []
    return tuple(_real(p) for p in locations if os.path.isdir(p))


# A grading kernel keeps no input history (IPython's SQLite file and its writer thread: time at every start).
GRADING_KERNEL_ARGS = ["--HistoryManager.enabled=False"]


def kernel_env(base: dict, sandboxed: bool) -> dict:
    """The kernel's environment: a few harmless settings, plus private folders for IPython and matplotlib."""
    env = {k: v for k, v in base.items() if k.startswith(PASSED_ENV_PREFIXES)}
    home = SANDBOX_HOME if sandboxed else tempfile.mkdtemp(prefix="course-home-")
    env.update(PATH=os.pathsep.join([str(Path(sys.executable).parent), "/usr/bin", "/bin"]), HOME=home,
               IPYTHONDIR=f"{home}/.ipython", MPLCONFIGDIR=f"{home}/.matplotlib", PYTHONNOUSERSITE="1",
               PYDEVD_DISABLE_FILE_VALIDATION="1", HF_HUB_OFFLINE="1")
    return env


class GradingKernelManager(AsyncKernelManager):
    """A kernel manager for grading: sandboxed with bubblewrap unless `sandboxed` is off."""

    sandboxed = Bool(True, help="run the kernel inside bubblewrap").tag(config=True)
    inputs_file = Unicode("", help="the grader's inputs for answerkit (read-only in the kernel)").tag(config=True)

    _runtime: str | None = None

    async def _async_pre_start_kernel(self, **kw):
        if self._runtime is None:
            self._runtime = tempfile.mkdtemp(prefix="course-kernel-")
            os.chmod(self._runtime, 0o700)
            self.connection_file = os.path.join(self._runtime, "kernel.json")
            if self.sandboxed:
                self.transport = "ipc"
                self.ip = os.path.join(self._runtime, "ipc")
        return await super()._async_pre_start_kernel(**kw)

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        kernel_cmd = [*kernel_cmd, *GRADING_KERNEL_ARGS]
        scratch = _real(kw.get("cwd") or os.getcwd())
        env = kernel_env(kw.get("env") or os.environ, self.sandboxed)
        if self.sandboxed:
            kernel_cmd = bwrap_command(kernel_cmd, scratch, self._runtime, self.inputs_file or None, env)
            kw["env"] = {"PATH": "/usr/bin:/bin"}
        else:
            if self.inputs_file:
                env[INPUTS_ENV] = self.inputs_file
            env["PYTHONPATH"] = os.path.dirname(answerkit_dir())   # the grader's own answerkit, wherever it is
            kw["env"] = env
        kw["cwd"] = scratch
        return await super()._async_launch_kernel(kernel_cmd, **kw)

    async def _async_interrupt_kernel(self):
        """Interrupt by message: a signal to bubblewrap's process group would end the sandbox."""
        if self.sandboxed and self.has_kernel:
            msg = self.session.msg("interrupt_request", content={})
            self._connect_control_socket()
            self.session.send(self._control_socket, msg)
            return
        await super()._async_interrupt_kernel()

    interrupt_kernel = _async_interrupt_kernel

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart and self._runtime:
            shutil.rmtree(self._runtime, ignore_errors=True)
            self._runtime = None

    cleanup_resources = _async_cleanup_resources
