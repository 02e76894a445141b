"""nbgrader preprocessors that make autograding survive what students hand in.

Configured in nbgrader_config.py:

- :class:`RestoreOrder` (sanitize step): cells the gradebook knows (test,
  solution, read-only cells) go back to the order of the release notebook, each
  carrying the student's own cells that followed it. A test cell dragged above
  the function it tests would otherwise fail for nothing.
- :class:`GradingExecute` (autograde step): runs the notebook in a sandboxed
  kernel, with deadlines enforced from outside the kernel; a kernel that dies or
  hangs is restarted and grading goes on (see the class).
- :data:`WARNINGS_ONLY`: the pattern for nbgrader's IgnorePattern, which drops a
  stderr output made only of Python warnings. nbgrader scores any stderr as a
  failed cell; a correct function that warns keeps its points.
- :func:`grading_process_setup`: one BLAS thread per kernel and an address-space
  cap inherited by the kernels, so a memory bomb raises MemoryError in its cell.
"""
from __future__ import annotations

import copy
import os
import time
from queue import Empty

from jupyter_core.utils import ensure_async, run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool, Integer

from nbgrader.preprocessors import Execute

from . import cells, judging, limits, notebooks, pruning, sandbox

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
        nb = notebooks.release_notebook(self.config, resources)
        if nb is None:          # without a release notebook, keep the student's order
            return {}
        order = {}
        for cell in nb.cells:
            gid = cells.grade_id(cell)
            if gid and gid not in order:
                order[gid] = len(order)
        return order

    def preprocess(self, nb, resources):
        order = self.release_order(resources)
        if not order:
            return nb, resources
        groups: list[tuple[int, list]] = [(-1, [])]
        for cell in nb.cells:
            gid = cells.grade_id(cell)
            if gid in order:
                groups.append((order[gid], [cell]))
            else:
                groups[-1][1].append(cell)
        ordered = [cell for _, cells in sorted(groups, key=lambda g: g[0]) for cell in cells]
        if [id(c) for c in ordered] != [id(c) for c in nb.cells]:
            self.log.warning("Restored the release order of graded cells")
            nb.cells = ordered
        return nb, resources


KERNEL_DIED = ("the kernel died while running this cell (os._exit, a crash, or more memory than allowed). "
               "The following cells ran in a restarted kernel, after the earlier cells were run again.")
KERNEL_STUCK = ("this cell did not stop when interrupted after {seconds} s, so the kernel was restarted. "
                "The following cells ran in a restarted kernel, after the earlier cells were run again.")


class GradingExecute(Execute):
    """nbgrader's Execute for grading, with the deadlines enforced from outside the kernel.

    - The kernel runs in a bubblewrap sandbox (coursetools/sandbox.py) with the
      scratch folder and inputs that :class:`~coursetools.judging.PrepareAnswers` made.
    - Of a hidden test cell only the hidden call runs, with a deadline derived
      from its number of calls (coursetools/limits.py); other cells get the cell deadline.
    - Of a course cell still as released, only what
      :class:`~coursetools.pruning.PruneCourseCells` planned runs (what can change a grade).
    - On a deadline the kernel is interrupted; one that does not answer within a
      grace period is restarted, as is a kernel that died: that cell gets an error
      saying so, the earlier cells that define things are replayed, grading goes on.
      Stock nbgrader stops there and leaves every test cell of the notebook unscored.
    - The whole notebook has a budget; cells past it are not run.
    """

    sandboxed = Bool(True, help="run grading kernels in the bubblewrap sandbox").tag(config=True)
    max_restarts = Integer(10, help="kernel restarts per notebook before the rest is left unrun").tag(config=True)
    notebook_seconds = Integer(limits.NOTEBOOK_SECONDS,
                               help="time for the whole notebook; cells after it are not run").tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        info = judging.state(resources)
        info["sandboxed"] = self.sandboxed
        if self.sandboxed:
            sandbox.require_bubblewrap()
        if info.get("scratch"):
            resources.setdefault("metadata", {})["path"] = info["scratch"]
        self._grading = info
        self._started = time.monotonic()
        return super().preprocess(nb, resources, km)

    def create_kernel_manager(self):
        if not self.kernel_name:
            self.kernel_name = self.nb.metadata.get("kernelspec", {}).get("name") or "python3"
        self.km = sandbox.GradingKernelManager(kernel_name=self.kernel_name, config=self.config,
                                               sandboxed=self.sandboxed,
                                               inputs_file=self._grading.get("inputs", ""))
        return self.km

    def reset_execution_trackers(self) -> None:
        super().reset_execution_trackers()
        self._restarts = 0
        self._killers: set[int] = set()
        self._stuck = False

    def _entry(self, cell) -> dict | None:
        if not cells.is_test(cell):
            return None
        return self._grading.get("cells", {}).get(cells.grade_id(cell))

    def _get_timeout(self, cell):
        entry = self._entry(cell) if cell is not None else None
        if entry is not None and "calls" in entry:
            return limits.hidden_cell_seconds(entry["calls"], len(entry.get("specs", [])) or 1)
        return super()._get_timeout(cell)

    async def _async_handle_timeout(self, timeout, cell=None):
        self.log.warning("Cell deadline of %s s reached; interrupting the kernel", timeout)
        await ensure_async(self.km.interrupt_kernel())
        self._stuck = not await self._responsive(limits.INTERRUPT_GRACE)
        return {"content": {"status": "error", "ename": "CellTimeoutError",
                            "evalue": f"the cell did not finish within its deadline of {timeout} s",
                            "traceback": [f"CellTimeoutError: the cell did not finish within its deadline of "
                                          f"{timeout} s (an endless loop, or a very slow function?)"]}}

    async def _responsive(self, seconds: float) -> bool:
        """Whether the kernel answers a kernel_info request within `seconds` (after an interrupt)."""
        msg_id = self.kc.kernel_info()
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                msg = await ensure_async(self.kc.shell_channel.get_msg(timeout=left))
            except Empty:
                return False
            if msg.get("parent_header", {}).get("msg_id") == msg_id:
                return True
        return False

    def execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        # nbconvert's preprocess_cell calls this synchronous wrapper for every cell
        if cell.cell_type != "code":
            return cell
        if self._restarts > self.max_restarts or time.monotonic() - self._started > self.notebook_seconds:
            why = ("the kernel died or hung too many times in this notebook" if self._restarts > self.max_restarts
                   else f"the notebook used up its {self.notebook_seconds} s")
            cell.outputs = [judging.error_output("NotRun", f"not run: {why}")]
            self._event(cell, f"not run: {why}")
            return cell
        entry = self._entry(cell)
        source = cell.source
        runs = self._grading.get("runs", {})
        if entry is not None:
            cell.source = judging.hidden_source(source) or ""
        elif cell_index in runs:    # a course cell pruned by coursetools.pruning.PruneCourseCells
            cell.source = runs[cell_index]
            if not cell.source:
                cell.outputs = [judging.stdout_output(pruning.NOT_RUN)]
        try:
            if cell.source.strip():
                super().execute_cell(cell, cell_index, execution_count, store_history)
        except (DeadKernelError, CellTimeoutError) as exc:
            self._stuck = self._stuck or isinstance(exc, CellTimeoutError)
            if not self._stuck:
                self._restart(cell, cell_index, KERNEL_DIED, "the kernel died while running this check "
                              "(os._exit, a crash, or more memory than allowed)")
        finally:
            cell.source = source
        if self._stuck:
            seconds = self._get_timeout(cell)
            self._restart(cell, cell_index, KERNEL_STUCK.format(seconds=seconds),
                          f"did not finish within {seconds} s, the grader's deadline for this cell, and did not "
                          "stop when interrupted (an endless loop?)")
        elif entry is not None and any(o.get("ename") == "CellTimeoutError" for o in cell.get("outputs", [])):
            self._event(cell, f"did not finish within {self._get_timeout(cell)} s, the grader's deadline for "
                              "this check (an endless loop, or a very slow function?)")
        return cell

    def _event(self, cell, text: str) -> None:
        entry = self._entry(cell)
        if entry is not None:
            entry.setdefault("event", text)

    def _restart(self, cell, cell_index: int, why: str, event: str) -> None:
        self.log.warning("Restarting the kernel after cell %d: %s", cell_index, why)
        self._stuck = False
        self._killers.add(cell_index)
        cell.outputs = [judging.error_output("KernelRestarted", why)]
        self._event(cell, event)
        self._restart_and_replay(cell_index)

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
            if (cell.cell_type != "code" or index in self._killers or cells.is_test(cell)
                    or not cell.source.strip()):
                continue
            replay = copy.deepcopy(cell)
            self.execute_cell(replay, index, None, False)
            if replay.outputs and replay.outputs[0].get("ename") in ("KernelRestarted", "NotRun"):
                return   # that replay died or hung: execute_cell restarted and replayed already


class DeduplicateGradeIds(Preprocessor):
    """nbgrader's DeduplicateIds, fixed: a duplicated graded cell (or one whose
    nbgrader metadata lost its grade_id) becomes a plain cell. nbgrader 0.9.6
    leaves it an empty dict, and OverwriteCells then fails on the whole notebook."""

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        seen = set()
        for cell in nb.cells:
            meta = cell.get("metadata", {})
            if "nbgrader" not in meta:
                continue
            gid, graded = cells.grade_id(cell), cells.is_graded_part(cell)
            if not gid or gid in seen:
                if graded and gid:
                    self.log.warning("Cell with id '%s' exists multiple times; the copy is ungraded", gid)
                del meta["nbgrader"]
            elif graded:
                seen.add(gid)
        return nb, resources
