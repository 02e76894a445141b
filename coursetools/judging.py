"""Grader-side judging: the verdict of every hidden test cell is decided here,
in the autograde process, never in the student's kernel.

Three nbgrader preprocessors, configured in nbgrader_config.py around the
executing one (:class:`~coursetools.autograding.GradingExecute`):

- :class:`PrepareAnswers` (before execution) reads each test cell's hidden call
  from its source (restored from the gradebook, so it is the instructor's), builds
  the inputs of its specs from their seeds and writes them to a file that the
  kernel may read, and a scratch folder (the release folder's own files) to run in.
- :class:`JudgeAnswers` (after execution) reads the answers a test cell handed
  back (outputs of MIME type ``answerkit.ANSWERS_MIME``), judges them against the
  reference, and replaces every output of the cell by its verdict: the pass line,
  or an error with the check's teaching message. Nothing else the cell printed,
  raised or displayed counts; missing or malformed answers score 0 with a reason.
- :class:`SaveVerdicts` (nbgrader's SaveAutoGrades) leaves a cell whose judging
  failed through a fault of the grader unscored and flagged for manual grading,
  so the student is never blamed and a regrade fixes it.

Notes for the report go to ``nb.metadata["course_grading"]``:
``{"sandboxed": bool, "notes": [{"cell": grade_id, "kind": ..., "text": ...}]}``.
"""
from __future__ import annotations

import threading
import json
import os
import re
import shutil
import tempfile

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets import Bool, Integer

from nbgrader.preprocessors import SaveAutoGrades

from answerkit import ANSWERS_MIME, transport

from . import cells, course, limits, notebooks

PASS_MARK = "\u2713 hidden check passed:"
HIDDEN_CALL = re.compile(r'^\s*from answerkit import answer;\s*answer\((?P<args>"[^"]+"(?:\s*,\s*"[^"]+")*)\)\s*$',
                         re.M)
GRADING = "course_grading"          # key of the notebook metadata and of the resources
GRADER_ERROR = ("this is a fault of the grader, not of your code: your instructor sees it in the grading report, "
                "and regrading will score this cell")


def hidden_call(source: str) -> tuple[str, tuple[str, ...]] | None:
    """(assignment, spec names) of a test cell's hidden call, or None."""
    match = HIDDEN_CALL.search(source)
    if match is None:
        return None
    names = tuple(re.findall(r'"([^"]+)"', match.group("args")))
    return names[0], names[1:]


def hidden_source(source: str) -> str | None:
    """The hidden call alone: what runs of a test cell at grading."""
    match = HIDDEN_CALL.search(source)
    return match.group(0).strip() if match else None


def state(resources) -> dict:
    return resources.setdefault(GRADING, {"cells": {}, "notes": [], "sandboxed": True})


def note(resources, cell: str, kind: str, text: str) -> None:
    state(resources)["notes"].append({"cell": cell, "kind": kind, "text": text})


def error_output(ename: str, evalue: str) -> NotebookNode:
    """An error output that the grader writes (its traceback is the one line of its message)."""
    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


def stdout_output(text: str) -> NotebookNode:
    return NotebookNode(output_type="stream", name="stdout", text=text)


class PrepareAnswers(Preprocessor):
    """Write the inputs of every hidden check of the notebook, and a scratch folder to run it in."""

    enabled = Bool(True, help="nbconvert preprocessors are off unless enabled").tag(config=True)

    def preprocess(self, nb, resources):
        from solutions.checks import load_spec
        from solutions.checks.harness import inputs

        info = state(resources)
        specs, calls = {}, {}
        for cell in nb.cells:
            if not cells.is_test(cell):
                continue
            gid = cells.grade_id(cell)
            found = hidden_call(cell.source)
            entry = info["cells"].setdefault(gid, {})
            if found is None:
                entry["grader_error"] = "this test cell names no hidden check"
                continue
            assignment, names = found
            entry.update(assignment=assignment, specs=list(names), calls=0)
            for name in names:
                try:
                    spec_inputs = specs.get(name) or inputs(load_spec(assignment, name))
                except Exception as exc:  # noqa: BLE001 - a broken check is the grader's fault
                    entry["grader_error"] = f"the check {name!r} could not be prepared ({type(exc).__name__}: {exc})"
                    continue
                specs[name] = spec_inputs
                entry["calls"] += len(spec_inputs["cases"])
            calls[gid] = entry["calls"]
        info["functions"] = sorted({spec_inputs["function"] for spec_inputs in specs.values()})
        folder = tempfile.mkdtemp(prefix="course-grading-")
        info["tmp"] = folder
        info["inputs"] = os.path.join(folder, "inputs.json")
        with open(info["inputs"], "w", encoding="utf-8") as f:
            json.dump({"call_seconds": limits.CALL_SECONDS, "spec_seconds": limits.SPEC_SECONDS, "specs": specs}, f)
        os.chmod(info["inputs"], 0o444)
        info["scratch"] = self.scratch(folder, resources)
        return nb, resources

    def scratch(self, folder: str, resources) -> str:
        """The kernel's working folder: a copy of the release folder's own files (helpers, data)."""
        scratch = os.path.join(folder, "work")
        os.makedirs(scratch)
        assignment = resources.get("nbgrader", {}).get("assignment")
        if assignment:
            release = notebooks.release_folder(self.config, assignment)
            if os.path.isdir(release):
                for name in sorted(os.listdir(release)):
                    path = os.path.join(release, name)
                    if os.path.isfile(path) and not name.endswith(".ipynb") and not name.startswith("."):
                        shutil.copy(path, os.path.join(scratch, name))
        return scratch


def _answers(cell) -> tuple[dict, list[str]]:
    """The answers a cell handed back, by spec (the last one of each), and problems reading them."""
    found, problems = {}, []
    for out in cell.get("outputs", []):
        data = out.get("data", {}) if out.get("output_type") in ("display_data", "execute_result") else {}
        payload = data.get(ANSWERS_MIME)
        if payload is None:
            continue
        if isinstance(payload, str):
            try:
                payload = json.loads(payload)
            except ValueError:
                problems.append("an answer that is not JSON")
                continue
        if not isinstance(payload, dict) or not isinstance(payload.get("answers"), list):
            problems.append("answers in an unknown form")
            continue
        for item in payload["answers"]:
            if isinstance(item, dict) and isinstance(item.get("spec"), str):
                found[item["spec"]] = item
    return found, problems


def judge_one(assignment: str, name: str, item: dict | None) -> tuple[bool, str, str | None]:
    """(passed, text, function) for one spec's answers; raises only on a grader fault."""
    from solutions.checks import load_spec
    from solutions.checks.harness import evaluate

    spec = load_spec(assignment, name)
    fn = spec.function
    if item is None:
        return False, f"{fn}: the hidden check received no answers from this cell.", fn
    if item.get("function") == "missing":
        return False, (f"{fn}: `{fn}` is not defined. Run the cell that defines it, and keep its name and "
                       "signature exactly as given."), fn
    if "function" in item:
        return False, f"{fn}: `{fn}` is a {item['function']}, not a function.", fn
    try:
        records = transport.decode(item["records"])
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise ValueError("records")
    except Exception:  # noqa: BLE001 - malformed answers are the kernel's, so the cell's
        return False, f"{fn}: the answers handed back by this cell were malformed.", fn
    outcome = evaluate(spec, records)
    if outcome["passed"]:
        return True, f"{PASS_MARK} {fn} ({name}), {outcome['cases']} hidden cases", fn
    return False, f"{fn}: {outcome['message']}", fn


def within(seconds: float, fn, *args):
    """fn(*args) in a daemon thread: its result, its exception, or TimeoutError after `seconds`
    (a hung judge is left behind and never holds up the notebook or the process's exit)."""
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeoutError(f"still running after {seconds} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


class JudgeAnswers(Preprocessor):
    """Judge each hidden test cell's answers and write its outputs from the verdict."""

    enabled = Bool(True, help="nbconvert preprocessors are off unless enabled").tag(config=True)
    judge_seconds = Integer(int(limits.JUDGE_SECONDS),
                            help="longest judging of one cell before it counts as a grader error").tag(config=True)

    def preprocess(self, nb, resources):
        info = state(resources)
        verdicts = {}   # function -> passed, over every cell that checks it
        judged = []
        try:
            for cell in nb.cells:
                if cells.is_test(cell):
                    judged.append(self.judge_cell(cell, info, resources, verdicts))
        finally:
            shutil.rmtree(info.pop("tmp", "") or "/nonexistent", ignore_errors=True)
        for failures in judged:
            self.add_knock_on_hints(failures, verdicts)
        nb.metadata[GRADING] = {"sandboxed": bool(info.get("sandboxed")), "notes": info["notes"]}
        return nb, resources

    def judge_cell(self, cell, info, resources, verdicts) -> list[tuple[NotebookNode, tuple[str, ...]]]:
        """Write the cell's outputs; return its failure outputs, each with the functions its spec uses."""
        gid = cells.grade_id(cell)
        entry = info["cells"].get(gid, {})
        outputs = cell.get("outputs", [])
        if any(o.get("output_type") == "execute_result" and ANSWERS_MIME not in o.get("data", {})
               for o in outputs):
            note(resources, gid, "execute-result-removed",
                 "a value displayed by this test cell was removed before scoring")
        event = entry.get("event")
        if entry.get("grader_error"):
            return self.grader_error(cell, entry, resources, entry["grader_error"])
        found, problems = _answers(cell)
        new, failures = [], []
        for name in entry.get("specs", []):
            item = found.get(name)
            if item is None and event:
                spec_fn = self.function_of(entry["assignment"], name)
                new.append(error_output("HiddenCheckFailed", f"{spec_fn}: {event}"))
                verdicts[spec_fn] = False
                continue
            try:
                passed, text, fn = within(self.judge_seconds, judge_one, entry["assignment"], name, item)
            except TimeoutError:
                return self.grader_error(cell, entry, resources, f"judging {name!r} took over {self.judge_seconds} s")
            except Exception as exc:  # noqa: BLE001 - the grader's fault, never the student's
                return self.grader_error(cell, entry, resources, f"judging {name!r} failed ({type(exc).__name__}: {exc})")
            verdicts[fn] = verdicts.get(fn, True) and passed
            if event and not passed:   # the grader interrupted or restarted the kernel: say so first
                text = f"{fn}: {event}.\n{text[len(fn) + 2:]}"
            new.append(stdout_output(text + "\n") if passed else error_output("HiddenCheckFailed", text))
            if not passed:
                failures.append((new[-1], self.uses_of(entry["assignment"], name)))
            if item is None:
                kinds = [o.get("output_type") for o in outputs]
                self.log.warning("No answers for %s in %s; its outputs: %s %s", name, gid, kinds,
                                 [str(o.get("text", o.get("evalue", "")))[:200] for o in outputs])
                note(resources, gid, "missing-answers", f"no answers for {name}"
                     + (f" ({'; '.join(problems)})" if problems else ""))
        cell.outputs = new
        return failures

    @staticmethod
    def function_of(assignment: str, name: str) -> str:
        from solutions.checks import load_spec

        try:
            return load_spec(assignment, name).function
        except Exception:  # noqa: BLE001
            return name

    @staticmethod
    def uses_of(assignment: str, name: str) -> tuple[str, ...]:
        from solutions.checks import load_spec

        return load_spec(assignment, name).uses

    def grader_error(self, cell, entry, resources, why: str) -> list:
        gid = cells.grade_id(cell)
        entry["grader_error"] = why
        self.log.error("Grader error in %s: %s", gid, why)
        note(resources, gid, "grader-error", why)
        cell.outputs = [error_output("GraderError", f"grader error: {GRADER_ERROR}.")]
        return []

    @staticmethod
    def add_knock_on_hints(failures, verdicts: dict) -> None:
        """A failure of a function that calls a graded helper which failed its own check says so."""
        for out, uses in failures:
            failed = sorted(fn for fn in uses if verdicts.get(fn) is False)
            if failed:
                names = ", ".join(f"`{fn}`" for fn in failed)
                out["evalue"] += (f"\nCheck {names} first: it failed its own hidden check, and this function "
                                  "is expected to call it, so this failure may be a knock-on effect.")
                out["traceback"] = [f"{out['ename']}: {out['evalue']}"]


def grader_errors(root, pairs) -> list[str]:
    """The cells of these (assignment, student) pairs that the grader failed to judge."""
    out = []
    for assignment, student in pairs:
        path = course.folder("autograded", student, assignment, root) / f"{assignment}.ipynb"
        try:
            nb = notebooks.read(path)
        except Exception:  # noqa: BLE001 - no autograded notebook: the job's own failure is reported
            continue
        for n in nb.metadata.get(GRADING, {}).get("notes", []):
            if n.get("kind") == "grader-error":
                out.append(f"{student}/{assignment} {n.get('cell')}: {n.get('text')}")
    return out


class SaveVerdicts(SaveAutoGrades):
    """nbgrader's SaveAutoGrades, except that a cell the grader failed to judge is
    left unscored and flagged for manual grading (a regrade scores it)."""

    def preprocess(self, nb, resources):
        self._grader_errors = {n["cell"] for n in state(resources)["notes"] if n["kind"] == "grader-error"}
        return super().preprocess(nb, resources)

    def _add_score(self, cell, resources) -> None:
        if cells.grade_id(cell) not in self._grader_errors:
            return super()._add_score(cell, resources)
        grade = self.gradebook.find_grade(cells.grade_id(cell), self.notebook_id, self.assignment_id,
                                          self.student_id)
        grade.auto_score = None
        grade.needs_manual_grade = True
        self.gradebook.db.commit()
