"""nbgrader preprocessors that make autograding survive what students hand in.

Configured in nbgrader_config.py:

- :class:`RestoreOrder` (sanitize step): cells the gradebook knows (test,
  solution, read-only cells) go back to the order of the release notebook, each
  carrying the student's own cells that followed it. A test cell dragged above
  the function it tests would otherwise fail for nothing.
- :class:`ResilientExecute` (autograde step): when the kernel dies in a cell
  (``os._exit``, a crash, the memory limit), that cell gets an error saying so,
  the kernel is restarted, the earlier cells that define things are replayed,
  and grading goes on. Stock nbgrader stops there and leaves every test cell of
  the notebook unscored.
- :data:`WARNINGS_ONLY`: the pattern for nbgrader's IgnorePattern, which drops a
  stderr output made only of Python warnings. nbgrader scores any stderr as a
  failed cell; a correct function that warns keeps its points.
- :func:`grading_process_setup`: one BLAS thread per kernel and an address-space
  cap inherited by the kernels, so a memory bomb raises MemoryError in its cell.
"""
from __future__ import annotations

import copy
import os

from nbclient.exceptions import DeadKernelError
from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from jupyter_core.utils import run_sync
from traitlets import Bool, Integer

from nbgrader.preprocessors import Execute

from . import notebooks

# A stderr text made only of warnings: "file:line: SomeWarning: message" lines,
# each optionally followed by indented source lines.
WARNINGS_ONLY = r"\A(?:[^\n]*:\d+: \w*Warning: [^\n]*\n?(?:[ \t]+[^\n]*\n?)*)+\Z"

MEMORY_GB = float(os.environ.get("COURSE_KERNEL_MEMORY_GB", "4"))


def grading_process_setup(log_dir: str | None = None, gigabytes: float = MEMORY_GB) -> None:
    """For each grading process, inherited by the kernels it starts: one BLAS
    thread per kernel (parallel jobs already use every core), an address-space
    cap, so a memory bomb raises MemoryError in its cell, and the kernels'
    console chatter sent to a log file instead of the instructor's terminal."""
    if log_dir:
        os.makedirs(log_dir, exist_ok=True)
        log = os.open(os.path.join(log_dir, f"worker-{os.getpid()}.log"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(log)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    try:
        import resource
    except ImportError:
        return
    limit = int(gigabytes * 2**30)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


class RestoreOrder(Preprocessor):
    """Put the cells the gradebook knows back in the release notebook's order."""

    enabled = Bool(True).tag(config=True)

    def release_order(self, resources) -> dict[str, int]:
        info = resources.get("nbgrader", {})
        root = self.config.CourseDirectory.get("root") or os.getcwd()
        release = self.config.CourseDirectory.get("release_directory") or "release"
        path = os.path.join(root, release, info.get("assignment", ""), f"{info.get('notebook', '')}.ipynb")
        try:
            nb = notebooks.read(path)
        except Exception:  # noqa: BLE001 - without a release notebook, keep the student's order
            return {}
        order = {}
        for cell in nb.cells:
            gid = notebooks.grade_id(cell)
            if gid and gid not in order:
                order[gid] = len(order)
        return order

    def preprocess(self, nb, resources):
        order = self.release_order(resources)
        if not order:
            return nb, resources
        groups: list[tuple[int, list]] = [(-1, [])]
        for cell in nb.cells:
            gid = notebooks.grade_id(cell)
            if gid in order:
                groups.append((order[gid], [cell]))
            else:
                groups[-1][1].append(cell)
        ordered = [cell for _, cells in sorted(groups, key=lambda g: g[0]) for cell in cells]
        if [id(c) for c in ordered] != [id(c) for c in nb.cells]:
            self.log.warning("Restored the release order of graded cells")
            nb.cells = ordered
        return nb, resources


def _error(ename: str, evalue: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


class ResilientExecute(Execute):
    """nbgrader's Execute that restarts a dead kernel and goes on grading."""

    max_restarts = Integer(10, help="kernel restarts per notebook before the rest is left unrun").tag(config=True)

    def reset_execution_trackers(self) -> None:
        super().reset_execution_trackers()
        self._restarts = 0
        self._killers: set[int] = set()

    def execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        # nbconvert's preprocess_cell calls this synchronous wrapper for every cell
        if self._restarts > self.max_restarts:
            if cell.cell_type == "code":
                cell.outputs = [_error("KernelDied", "not run: the kernel died too many times in this notebook")]
            return cell
        try:
            return super().execute_cell(cell, cell_index, execution_count, store_history)
        except DeadKernelError:
            self.log.warning("Kernel died in cell %d; restarting and replaying earlier cells", cell_index)
            self._killers.add(cell_index)
            cell.outputs = [_error(
                "KernelDied",
                "the kernel died while running this cell (os._exit, a crash, or more memory than allowed). "
                "The following cells ran in a restarted kernel, after the earlier cells were run again.")]
            self._restart_and_replay(cell_index)
            return cell

    def _restart_and_replay(self, upto: int) -> None:
        self._restarts += 1
        if self._restarts > self.max_restarts:
            return
        if self.kc is not None:
            self.kc.stop_channels()
        run_sync(self.km.restart_kernel)(now=True)
        self.kc = self.km.client()
        self.kc.start_channels()
        run_sync(self.kc.wait_for_ready)(timeout=self.startup_timeout)
        self.kc.allow_stdin = False
        for index in range(upto):
            cell = self.nb.cells[index]
            if (cell.cell_type != "code" or index in self._killers or notebooks.is_test(cell)
                    or not cell.source.strip()):
                continue
            replay = copy.deepcopy(cell)
            self.execute_cell(replay, index, None, False)
            if replay.outputs and replay.outputs[0].get("ename") == "KernelDied":
                return   # that replay died: execute_cell restarted and replayed already


class DeduplicateGradeIds(Preprocessor):
    """nbgrader's DeduplicateIds, fixed: a duplicated graded cell (or one whose
    nbgrader metadata lost its grade_id) becomes a plain cell. nbgrader 0.9.6
    leaves it an empty dict, and OverwriteCells then fails on the whole notebook."""

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        seen = set()
        for cell in nb.cells:
            meta = cell.get("metadata", {})
            info = meta.get("nbgrader")
            if info is None:
                continue
            gid = info.get("grade_id") if isinstance(info, dict) else None
            graded = isinstance(info, dict) and (info.get("grade") or info.get("solution") or info.get("locked")
                                                 or info.get("task"))
            if not gid or gid in seen:
                if graded and gid:
                    self.log.warning("Cell with id '%s' exists multiple times; the copy is ungraded", gid)
                del meta["nbgrader"]
            elif graded:
                seen.add(gid)
        return nb, resources
