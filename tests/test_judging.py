"""The grader-side preprocessors on small fixture notebooks (no kernel), the
sandbox's command line and the limits. The kernel's outputs are made here the
way answerkit makes them, so each case shows what the grader does with them."""
from __future__ import annotations

import json
import os

import pytest
from nbformat import NotebookNode
from nbformat.v4 import new_output

from answerkit import ANSWERS_MIME, calls, transport
from coursetools import authoring, judging, limits, sandbox
from solutions import a01_lookup as ref
from solutions.checks import load_spec
from solutions.checks.harness import inputs

A = "01_lookup"


def _notebook(*specs_per_cell):
    cells = [authoring.setup("import numpy as np")]
    for specs in specs_per_cell:
        gid = f"test_{specs[0]}" if len(specs) == 1 else "test_several"
        cells.append(authoring.test(A, specs if len(specs) > 1 else specs[0], 1, "print('visible')", grade_id=gid))
    return authoring.notebook(cells)


def _answers(fn_by_spec: dict) -> NotebookNode:
    """The output answerkit displays for these specs, each answered by the given function."""
    answers = []
    for name, fn in fn_by_spec.items():
        sent = json.loads(json.dumps(inputs(load_spec(A, name))))
        records = calls.collect(fn, sent["cases"], 3.0, 10.0)
        answers.append({"spec": name, "records": json.loads(json.dumps(transport.encode(records)))})
    return new_output("display_data", data={ANSWERS_MIME: {"assignment": A, "answers": answers},
                                            "text/plain": "answers"})


def _judge(nb, outputs_by_cell: dict, events: dict | None = None):
    resources = {}
    judging.PrepareAnswers().preprocess(nb, resources)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in outputs_by_cell:
            cell.outputs = outputs_by_cell[gid]
        if events and gid in events:
            resources[judging.GRADING]["cells"][gid]["event"] = events[gid]
    judging.JudgeAnswers().preprocess(nb, resources)
    return {c.metadata.nbgrader["grade_id"]: c.outputs for c in nb.cells if "test_" in c.metadata.get(
        "nbgrader", {}).get("grade_id", "")}, nb.metadata[judging.GRADING]


def _wrong_lookup(E, ids):
    import numpy as np
    return np.asarray(E, dtype=np.float64)[np.asarray(ids).T]


def test_the_hidden_call_is_read_from_the_cell_source():
    cell = authoring.test(A, ("lookup_shapes_invalid", "embedding_lookup_invalid"), 1, grade_id="test_x")
    assert judging.hidden_call(cell.source) == (A, ("lookup_shapes_invalid", "embedding_lookup_invalid"))
    assert judging.hidden_source(cell.source).startswith("from answerkit import answer;")
    assert judging.hidden_call("check('01_lookup', 'x')") is None


def test_prepare_writes_inputs_without_expected_values_or_seeds():
    nb = _notebook(["embedding_lookup_values"])
    resources = {}
    judging.PrepareAnswers().preprocess(nb, resources)
    info = resources[judging.GRADING]
    with open(info["inputs"], encoding="utf-8") as f:
        sent = json.load(f)
    assert set(sent) == {"call_seconds", "spec_seconds", "specs"}
    assert set(sent["specs"]["embedding_lookup_values"]) == {"function", "cases"}
    assert set(sent["specs"]["embedding_lookup_values"]["cases"][0]) == {"args", "kwargs"}
    assert "seed" not in json.dumps(sent) and "expected" not in json.dumps(sent)
    assert info["cells"]["test_embedding_lookup_values"]["calls"] == len(sent["specs"]["embedding_lookup_values"]["cases"])


def test_right_answers_pass_and_every_other_output_is_dropped():
    nb = _notebook(["embedding_lookup_values"])
    noise = [new_output("stream", name="stderr", text="Traceback: boom"), new_output("error", ename="X", evalue="y",
                                                                                    traceback=[])]
    outputs, meta = _judge(nb, {"test_embedding_lookup_values": noise + [_answers({"embedding_lookup_values":
                                                                                 ref.embedding_lookup})]})
    (out,) = outputs["test_embedding_lookup_values"]
    assert out.output_type == "stream" and out.text.startswith(judging.PASS_MARK)
    assert meta["notes"] == []


def test_wrong_answers_fail_with_the_teaching_message():
    nb = _notebook(["embedding_lookup_values"])
    outputs, _ = _judge(nb, {"test_embedding_lookup_values": [_answers({"embedding_lookup_values": _wrong_lookup})]})
    (out,) = outputs["test_embedding_lookup_values"]
    assert out.ename == "HiddenCheckFailed" and "Likely mistake" in out.evalue and "expected" in out.evalue


def test_a_forged_pass_line_without_answers_scores_nothing():
    nb = _notebook(["embedding_lookup_values"])
    forged = [new_output("stream", name="stdout", text=f"{judging.PASS_MARK} embedding_lookup, 10 hidden cases\n")]
    outputs, meta = _judge(nb, {"test_embedding_lookup_values": forged})
    (out,) = outputs["test_embedding_lookup_values"]
    assert out.ename == "HiddenCheckFailed" and "no answers" in out.evalue
    assert [n["kind"] for n in meta["notes"]] == ["missing-answers"]


def test_an_execute_result_is_removed_and_noted():
    nb = _notebook(["embedding_lookup_values"])
    value = new_output("execute_result", data={"text/plain": "100"}, execution_count=1)
    outputs, meta = _judge(nb, {"test_embedding_lookup_values": [value, _answers(
        {"embedding_lookup_values": _wrong_lookup})]})
    assert [o.output_type for o in outputs["test_embedding_lookup_values"]] == ["error"]
    assert "execute-result-removed" in [n["kind"] for n in meta["notes"]]


def test_malformed_answers_fail_the_cell_not_the_grader():
    nb = _notebook(["embedding_lookup_values"])
    bad = new_output("display_data", data={ANSWERS_MIME: {"answers": [{"spec": "embedding_lookup_values",
                                                                        "records": {"~tuple": 3, "~x": 1}}]}})
    outputs, meta = _judge(nb, {"test_embedding_lookup_values": [bad]})
    (out,) = outputs["test_embedding_lookup_values"]
    assert out.ename == "HiddenCheckFailed" and "malformed" in out.evalue
    assert not any(n["kind"] == "grader-error" for n in meta["notes"])


def test_a_cell_of_several_specs_passes_only_when_all_pass():
    nb = _notebook(["lookup_shapes_invalid", "embedding_lookup_invalid"])
    good = _answers({"lookup_shapes_invalid": ref.lookup_shapes, "embedding_lookup_invalid": ref.embedding_lookup})
    outputs, _ = _judge(nb, {"test_several": [good]})
    assert [o.output_type for o in outputs["test_several"]] == ["stream", "stream"]
    nb = _notebook(["lookup_shapes_invalid", "embedding_lookup_invalid"])
    half = _answers({"lookup_shapes_invalid": ref.lookup_shapes, "embedding_lookup_invalid": _wrong_lookup})
    outputs, _ = _judge(nb, {"test_several": [half]})
    assert [o.output_type for o in outputs["test_several"]] == ["stream", "error"]


def test_a_deadline_or_dead_kernel_is_the_reason_given():
    nb = _notebook(["embedding_lookup_values"])
    outputs, _ = _judge(nb, {"test_embedding_lookup_values": []},
                        events={"test_embedding_lookup_values": "did not finish within 8 s"})
    assert "did not finish within 8 s" in outputs["test_embedding_lookup_values"][0].evalue


def test_a_check_that_cannot_run_is_a_grader_error_never_the_students():
    nb = _notebook(["embedding_lookup_values"])
    nb.cells[1].source = nb.cells[1].source.replace("embedding_lookup_values", "no_such_check")
    resources = {}
    judging.PrepareAnswers().preprocess(nb, resources)
    judging.JudgeAnswers().preprocess(nb, resources)
    (out,) = nb.cells[1].outputs
    assert out.ename == "GraderError" and "not of your code" in out.evalue
    assert [n["kind"] for n in nb.metadata[judging.GRADING]["notes"]] == ["grader-error"]


def test_a_failed_helper_is_named_in_its_callers_message(monkeypatch):
    from dataclasses import replace

    from solutions import checks

    real = checks.load_spec

    def with_uses(assignment, name):
        spec = real(assignment, name)
        return replace(spec, uses=("embedding_lookup",)) if name == "add_learned_positions_values" else spec

    monkeypatch.setattr(checks, "load_spec", with_uses)
    nb = _notebook(["embedding_lookup_values"], ["add_learned_positions_values"])
    wrong_positions = lambda X, P: ref.add_learned_positions(X, P) + 1.0  # noqa: E731
    outputs, _ = _judge(nb, {"test_embedding_lookup_values": [_answers({"embedding_lookup_values": _wrong_lookup})],
                             "test_add_learned_positions_values": [_answers({"add_learned_positions_values":
                                                                             wrong_positions})]})
    assert "Check `embedding_lookup` first" in outputs["test_add_learned_positions_values"][0].evalue


def test_the_sandbox_binds_only_what_a_kernel_needs(tmp_path):
    scratch, runtime, inputs_file = tmp_path / "work", tmp_path / "rt", tmp_path / "inputs.json"
    cmd = sandbox.bwrap_command(["python", "-m", "ipykernel_launcher"], str(scratch), str(runtime), str(inputs_file),
                                {"HOME": "/tmp/home"})
    text = " ".join(cmd)
    for flag in ("--unshare-all", "--die-with-parent", "--cap-drop ALL", "--clearenv", "--tmpfs /tmp"):
        assert flag in text
    binds = [cmd[i + 1] for i, a in enumerate(cmd) if a == "--bind"]
    assert binds == [str(scratch), str(runtime)], "the scratch and runtime folders are the only writable binds"
    readonly = [cmd[i + 1] for i, a in enumerate(cmd) if a == "--ro-bind"]
    from coursetools import course
    assert not any(str(course.ROOT / "solutions").startswith(p) for p in readonly if p != "/")
    assert str(inputs_file) in readonly and cmd.index("--clearenv") < cmd.index("--setenv")


@pytest.mark.skipif(not sandbox.bubblewrap(), reason="needs bubblewrap")
def test_a_sandboxed_kernel_has_no_debugger_and_cannot_write_where_it_was(tmp_path):
    """debugpy is hidden behind an empty read-only folder: ipykernel starts without its debugger."""
    import subprocess
    import sys

    assert sandbox.hidden_packages(), "debugpy is installed with ipykernel"
    scratch, runtime = tmp_path / "work", tmp_path / "rt"
    scratch.mkdir()
    runtime.mkdir()
    probe = ("import os, ipykernel.debugger as d\n"
             f"print(d._is_debugpy_available, os.listdir({sandbox.hidden_packages()[0]!r}))\n"
             f"open(os.path.join({sandbox.hidden_packages()[0]!r}, 'x'), 'w')")
    cmd = sandbox.bwrap_command([sys.executable, "-c", probe], str(scratch), str(runtime), None,
                                sandbox.kernel_env(os.environ, True))
    done = subprocess.run(cmd, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}, timeout=60)
    assert done.stdout.strip() == "False []", done.stderr
    assert "Read-only file system" in done.stderr


def test_without_bubblewrap_grading_stops_with_one_sentence(monkeypatch):
    # choose() sets the variable for the grading processes: recorded first, so that the
    # test's end restores this process as it was (deleting it at the end would restore "1",
    # and every later test in this process would grade unsandboxed)
    monkeypatch.setenv(sandbox.UNSANDBOXED_ENV, "0")
    monkeypatch.setattr(sandbox, "bubblewrap", lambda: None)
    with pytest.raises(sandbox.SandboxUnavailable, match="install the package `bubblewrap`"):
        sandbox.choose(unsandboxed=False)
    assert "UNSANDBOXED" in sandbox.choose(unsandboxed=True)
    assert "unsandboxed" in sandbox.choose(unsandboxed=False, quiet_fallback=True)


def test_the_limits_nest_and_configure_nbgrader():
    from coursetools import course

    limits.check_order()
    assert limits.hidden_cell_seconds(1) < limits.hidden_cell_seconds(100) <= limits.SPEC_SECONDS + limits.HIDDEN_MARGIN + 1
    config = course.load_config()
    assert config.Execute.timeout == limits.CELL_SECONDS
    assert "coursetools.judging.JudgeAnswers" in config.Autograde.autograde_preprocessors


def test_a_judge_that_hangs_is_a_grader_error_and_does_not_hold_the_notebook(monkeypatch):
    import time

    monkeypatch.setattr(judging, "judge_one", lambda *args: time.sleep(60))
    nb = _notebook(["embedding_lookup_values"])
    resources = {}
    judging.PrepareAnswers().preprocess(nb, resources)
    start = time.monotonic()
    judging.JudgeAnswers(judge_seconds=1).preprocess(nb, resources)
    assert time.monotonic() - start < 10
    assert nb.cells[1].outputs[0].ename == "GraderError"
    assert [n["kind"] for n in nb.metadata[judging.GRADING]["notes"]] == ["grader-error"]
