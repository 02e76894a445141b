"""The grading report: scores per student and assignment, and a reason for
every lost point (read from the autograded notebooks), with the audit's flags.

`write()` puts three files side by side in reports/:

- class_report.md    the score table and, per submission, each lost point's reason and each flag;
- class_report.html  the same with plots (score distribution per assignment, pass rate per graded
                     cell, the most frequent named mistakes per function, hand-grading still to do,
                     flagged submissions), self-contained (plots inlined as PNG);
- class_report.csv   one row per graded cell, flag and grader note, for a spreadsheet.

The grader records in each autograded notebook's metadata whether it ran sandboxed and its
notes about cells (`nb.metadata["course_grading"]`, see `grading_record`); notebooks graded
before that was recorded simply have none.
"""
from __future__ import annotations

import base64
import csv
import html
import io
import json
import re
import textwrap
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import audit, cells, course, notebooks

try:
    from .judging import PASS_MARK        # the grader prints it for every passed hidden check
except ImportError:   # a course copy from before the grader moved out of the kernel
    PASS_MARK = "\u2713 hidden check passed:"

MISTAKE = re.compile(r"Likely mistake: (.+?)\.?\s*$", re.M)
REASON_LINES = 8          # lines of a check's message kept in a reason (whole lines, never cut mid-word)
REASON_CHARS = 1200       # ... and about this many characters, cut at a word boundary if a line is longer
NOTE_KINDS = ("grader-error", "execute-result-removed", "missing-answers")


@dataclass
class Result:
    student: str
    assignment: str
    auto_score: float = 0.0
    auto_max: float = 0.0
    manual_max: float = 0.0
    manual_score: float | None = None
    lost: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    graded: bool = True
    # per graded cell: {"score", "max_score", "manual", "pending", "reason", "function", "mistake", "grader_error"}
    cells: dict[str, dict] = field(default_factory=dict)
    sandboxed: bool | None = None     # None: the grader recorded nothing (graded before it did)
    notes: list[dict] = field(default_factory=list)

    @property
    def manual_pending(self) -> list[str]:
        return [name for name, c in self.cells.items() if c["manual"] and c["pending"]]

    @property
    def mistakes(self) -> list[tuple[str, str]]:
        """(function, named mistake) pairs of this submission, each once."""
        return sorted({(c["function"], c["mistake"]) for c in self.cells.values() if c.get("mistake")})


def _text(outputs) -> tuple[str, str]:
    """(error message, stderr text) of a cell's outputs."""
    errors, stderr = [], []
    for out in outputs:
        if out.get("output_type") == "error":
            errors.append(f"{out.get('ename')}: {cells.plain(str(out.get('evalue', '')))}".strip())
        elif out.get("output_type") == "stream" and out.get("name") == "stderr":
            stderr.append(cells.plain(out.get("text", "")))
    return "\n".join(errors), "".join(stderr)


def _shorten(line: str, width: int) -> str:
    """`line` if it fits, else cut at the last space before `width` with an ellipsis (never mid-word)."""
    if len(line) <= width:
        return line
    cut = line.rfind(" ", 0, width)
    return (line[:cut] if cut > width // 2 else line[:width]).rstrip() + " …"


def summary(message: str, max_lines: int = REASON_LINES, max_chars: int = REASON_CHARS) -> str:
    """The lines of a check's message that say what went wrong (no input or array dumps),
    one per line. Long messages lose whole lines (counted), never half a word."""
    keep = [ln.strip() for ln in message.splitlines()
            if ln.strip() and not ln[:1].isspace() and not ln.lstrip().startswith(("[", "expected:", "got:"))]
    if not keep and message.strip():
        keep = [message.strip().splitlines()[0].strip()]
    mistake = [ln for ln in keep if ln.startswith("Likely mistake:")]
    body = [ln for ln in keep if not ln.startswith("Likely mistake:")]
    out, used = [], 0
    for ln in body:
        if len(out) >= max_lines - len(mistake) or used >= max_chars:
            break
        ln = _shorten(ln, max(80, max_chars - used))
        out.append(ln)
        used += len(ln)
    dropped = len(body) - len(out)
    if dropped:
        out.append(f"(… {dropped} more line{'s' * (dropped > 1)} in the feedback)")
    return "\n".join(out + mistake)


def grading_record(nb) -> tuple[bool | None, list[dict]]:
    """(sandboxed, notes) from `nb.metadata["course_grading"]`, read defensively: a notebook
    graded before the grader recorded it, or a malformed record, gives (None, [])."""
    record = nb.get("metadata", {}).get("course_grading") if hasattr(nb, "get") else None
    if not isinstance(record, dict):
        return None, []
    sandboxed = record.get("sandboxed")
    sandboxed = sandboxed if isinstance(sandboxed, bool) else None
    notes = []
    for note in record.get("notes") or []:
        if isinstance(note, dict):
            notes.append({"cell": str(note.get("cell") or ""), "kind": str(note.get("kind") or "note"),
                          "text": str(note.get("text") or "")})
    return sandboxed, notes


def cell_reasons(nb_path: Path) -> tuple[dict[str, str], list[str]]:
    """For each graded test cell of an autograded notebook: why it lost points
    (if it did), and suspicious signs (points without the check's pass line)."""
    reasons, suspicious, _ = _read_autograded(nb_path)
    return reasons, suspicious


def _read_autograded(nb_path: Path):
    reasons, suspicious, record = {}, [], (None, [])
    try:
        nb = notebooks.read(nb_path)
    except Exception:  # noqa: BLE001 - a missing or unreadable notebook has no reasons to give
        return reasons, suspicious, record
    record = grading_record(nb)
    for cell in nb.cells:
        if not cells.is_test(cell):
            continue
        gid = cells.grade_id(cell) or "?"
        outputs = cell.get("outputs", [])
        error, stderr = _text(outputs)
        text = error or stderr
        if text:
            if "CellTimeoutError" in text or "Timeout" in text and "Cell" in text:
                text = "the cell ran out of time (an endless loop or a very slow function)"
            reasons[gid] = summary(text)
        else:
            stdout = "".join(o.get("text", "") for o in outputs if o.get("name") == "stdout")
            if PASS_MARK not in stdout and cells.BEGIN_HIDDEN in cell.source:
                suspicious.append(f"{gid}: points without the hidden check's pass line (check suppressed?)")
        if any(o.get("output_type") == "execute_result" for o in outputs):
            suspicious.append(f"{gid}: a test cell displayed a value (nbgrader reads it as a score)")
    return reasons, suspicious, record


def _function_of(cell_name: str, reason: str) -> str:
    """The graded function a reason is about: the message starts with it ("embedding_lookup: ..."),
    else the cell's name without its test_ prefix."""
    first = reason.split("\n", 1)[0]
    first = re.sub(r"^[A-Z]\w*: ", "", first)   # the exception name (AssertionError, HiddenCheckFailed)
    m = re.match(r"`?([A-Za-z_]\w*)`?(?:\(|: )", first)
    return m.group(1) if m else re.sub(r"^test_", "", cell_name)


def _handed_in(root: Path, assignment: str) -> set[str]:
    folder = course.step_dir("submitted", root)
    return {p.parent.name for p in folder.glob(f"*/{assignment}") if p.is_dir()} if folder.is_dir() else set()


def results(root: Path = course.ROOT, db_url: str | None = None, assignments=None) -> list[Result]:
    """One Result per submission: in the gradebook, or only in submitted/ (nothing could be graded)."""
    from nbgrader.api import MissingEntry

    out = []
    with course.gradebook(root, db_url) as gb:
        names = [a.name for a in gb.assignments if not assignments or a.name in assignments]
        for a in sorted(names):
            auto_cells = [(c.name, c.max_score) for nb in gb.find_assignment(a).notebooks for c in nb.grade_cells
                          if c.cell_type == "code"]
            students = {s.id for s in gb.students} | _handed_in(root, a)
            for student in sorted(students):
                try:
                    sub = gb.find_submission(a, student)
                except MissingEntry:
                    sub = None
                if sub is None and student not in _handed_in(root, a):
                    continue
                out.append(_result(root, a, student, sub, auto_cells))
    return out


def _result(root: Path, a: str, student: str, sub, auto_cells) -> Result:
    r = Result(student, a)
    nb_path = course.folder("autograded", student, a, root) / f"{a}.ipynb"
    reasons, suspicious, (r.sandboxed, r.notes) = _read_autograded(nb_path)
    grader_errors = {n["cell"]: n["text"] for n in r.notes if n["kind"] == "grader-error"}
    r.graded = nb_path.exists()
    r.flags = suspicious + audit.audit_submission(course.folder("submitted", student, a, root), f"{a}.ipynb",
                                                  course.folder("release", ".", a, root))
    if sub is None:
        why = next((f for f in r.flags if "notebook" in f or "empty" in f), "no notebook found")
        for name, max_score in auto_cells:
            r.auto_max += max_score
            reason = f"nothing could be graded: {why}"
            r.lost.append(f"{name} (0/{max_score:g}): {reason}")
            r.cells[name] = {"score": 0.0, "max_score": max_score, "manual": False, "pending": False,
                             "reason": reason, "function": re.sub(r"^test_", "", name), "mistake": None,
                             "grader_error": False}
    manual_scores = []
    for nb in sub.notebooks if sub is not None else []:
        for g in nb.grades:
            if g.cell_type == "markdown":
                r.manual_max += g.max_score
                pending = g.manual_score is None and g.auto_score is None   # the gradebook calls it 0
                if not pending:
                    manual_scores.append(g.score)
                r.cells[g.name] = {"score": None if pending else g.score, "max_score": g.max_score, "manual": True,
                                   "pending": pending, "reason": "not graded yet" if pending else "",
                                   "function": "", "mistake": None, "grader_error": False}
                continue
            score = g.score or 0.0
            r.auto_max += g.max_score
            r.auto_score += score
            cell = {"score": score, "max_score": g.max_score, "manual": False, "pending": False, "reason": "",
                    "function": re.sub(r"^test_", "", g.name), "mistake": None, "grader_error": g.name in grader_errors}
            if score < g.max_score:
                if cell["grader_error"]:
                    why = f"grader error (not the student's code): {grader_errors[g.name]}".rstrip(": ")
                else:
                    why = reasons.get(g.name) or (
                        "not graded: the notebook is missing or could not be read" if not r.graded
                        else "needs manual grading" if g.needs_manual_grade else "no output recorded")
                    m = MISTAKE.search(why)
                    cell["function"] = _function_of(g.name, why)
                    cell["mistake"] = m.group(1) if m else None
                cell["reason"] = why
                r.lost.append(f"{g.name} ({score:g}/{g.max_score:g}): {why}")
            r.cells[g.name] = cell
    r.manual_score = sum(manual_scores) if manual_scores else None
    return r


def table(rows: list[Result]) -> str:
    assignments = sorted({r.assignment for r in rows})
    students = sorted({r.student for r in rows})
    by = {(r.student, r.assignment): r for r in rows}
    short = [a.split("_", 1)[0] for a in assignments]
    width = max([len(s) for s in students] + [7])
    lines = ["autograded points per student and assignment (manual answers are graded in formgrader)",
             f"{'student':<{width}} " + " ".join(f"{s:>7}" for s in short) + f" {'total':>11} flags"]
    for s in students:
        columns, total, total_max, flags = [], 0.0, 0.0, 0
        for a in assignments:
            r = by.get((s, a))
            if r is None:
                columns.append(f"{'-':>7}")
                continue
            columns.append(f"{r.auto_score:>3g}/{r.auto_max:<3g}".rjust(7))
            total += r.auto_score
            total_max += r.auto_max
            flags += len(r.flags)
        lines.append(f"{s:<{width}} " + " ".join(columns) + f" {total:>5g}/{total_max:<5g} {flags:>5}")
    return "\n".join(lines)


def unsandboxed(rows: list[Result]) -> list[Result]:
    return [r for r in rows if r.sandboxed is False]


def _banner_text(rows: list[Result]) -> str | None:
    bad = unsandboxed(rows)
    if not bad:
        return None
    names = ", ".join(f"{r.student}/{r.assignment}" for r in bad)
    return (f"{len(bad)} notebook(s) were graded WITHOUT the sandbox ({names}): student code ran with the "
            "grader's rights. Check the flags below before trusting these grades, or regrade where the sandbox works.")


def _md_item(prefix: str, text: str) -> list[str]:
    first, *rest = text.splitlines() or [""]
    return [f"- {prefix}{first}"] + [f"  {ln}" for ln in rest]


def markdown(rows: list[Result]) -> str:
    parts = ["# Class report", ""]
    banner = _banner_text(rows)
    if banner:
        parts += [f"> **Warning:** {banner}", ""]
    parts += ["```", table(rows), "```", ""]
    pending = [(r, n) for r in rows for n in r.manual_pending]
    if pending:
        parts += [f"Hand-grading still to do: {len(pending)} answer(s) in formgrader.", ""]
    for r in sorted(rows, key=lambda r: (r.student, r.assignment)):
        if not r.lost and not r.flags and not r.notes:
            continue
        parts.append(f"## {r.student} / {r.assignment}: {r.auto_score:g}/{r.auto_max:g} autograded")
        for x in r.lost:
            parts += _md_item("lost: ", x)
        for x in r.flags:
            parts += _md_item("flag: ", x)
        for n in r.notes:
            parts += _md_item(f"grader note ({n['kind']}, {n['cell'] or 'notebook'}): ", n["text"])
        parts.append("")
    return "\n".join(parts)


CSV_FIELDS = ["student", "assignment", "cell", "kind", "score", "max_score", "function", "mistake", "text"]


def csv_rows(rows: list[Result]) -> list[dict]:
    out = []
    for r in sorted(rows, key=lambda r: (r.student, r.assignment)):
        base = {"student": r.student, "assignment": r.assignment}
        for name, c in r.cells.items():
            kind = ("manual-pending" if c["pending"] else "manual" if c["manual"]
                    else "grader-error" if c["grader_error"] and c["score"] < c["max_score"]
                    else "passed" if c["score"] >= c["max_score"] else "lost")
            out.append({**base, "cell": name, "kind": kind, "score": "" if c["score"] is None else f"{c['score']:g}",
                        "max_score": f"{c['max_score']:g}", "function": c["function"], "mistake": c["mistake"] or "",
                        "text": c["reason"]})
        for flag in r.flags:
            out.append({**base, "cell": flag.split(":", 1)[0] if flag.startswith("test_") else "", "kind": "flag",
                        "text": flag})
        for n in r.notes:
            out.append({**base, "cell": n["cell"], "kind": f"note:{n['kind']}", "text": n["text"]})
        if r.sandboxed is False:
            out.append({**base, "kind": "unsandboxed", "text": "graded without the sandbox"})
    return out


# ------------------------------------------------------------------ HTML with plots


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _wrap_label(text: str, width: int = 46, lines: int = 3) -> str:
    """A plot label in at most `lines` lines, cut between words (with an ellipsis) if longer."""
    wrapped = textwrap.wrap(text, width, break_long_words=False)
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] += " …"
    return "\n".join(wrapped) or text


def _mistake_name(mistake: str) -> str:
    """The mistake's own words, without the explanation after its first colon."""
    return re.split(r": |; ", mistake, maxsplit=1)[0]


def plots(rows: list[Result]) -> dict[str, str]:
    """Titled base64 PNGs; a plot with nothing to show is left out."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = {}
    assignments = sorted({r.assignment for r in rows})
    if assignments:
        fig, ax = plt.subplots(figsize=(max(5, 1.1 * len(assignments) + 2), 3.6))
        data = [[100 * r.auto_score / r.auto_max for r in rows if r.assignment == a and r.auto_max] for a in assignments]
        ax.boxplot([d or [0] for d in data], showfliers=False, widths=0.5)
        for i, d in enumerate(data, start=1):
            xs = [i + 0.12 * ((k % 5) - 2) / 2 for k in range(len(d))]
            ax.scatter(xs, d, s=18, alpha=0.7, color="tab:blue", zorder=3)
        ax.set_xticks(range(1, len(assignments) + 1), [a.split("_", 1)[0] for a in assignments])
        ax.set_ylabel("autograded score (%)")
        ax.set_ylim(-5, 105)
        ax.set_title("Score distribution per assignment")
        out["Score distribution per assignment"] = _png(fig)

    rates = {}
    for r in rows:
        for name, c in r.cells.items():
            if not c["manual"]:
                rate = rates.setdefault((r.assignment, name), [0, 0])
                rate[1] += 1
                rate[0] += c["score"] >= c["max_score"]
    if rates:
        keys = sorted(rates, key=lambda k: k[0])   # assignments in order, cells in notebook order
        fig, ax = plt.subplots(figsize=(7.5, 0.28 * len(keys) + 1.2))
        values = [100 * rates[k][0] / rates[k][1] for k in keys]
        colors = ["tab:green" if v >= 80 else "tab:orange" if v >= 50 else "tab:red" for v in values]
        ax.barh(range(len(keys)), values, color=colors)
        ax.set_yticks(range(len(keys)), [f"{a.split('_', 1)[0]} {n}" for a, n in keys], fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel("submissions with full points (%)")
        ax.set_title("Pass rate per graded cell")
        out["Pass rate per graded cell"] = _png(fig)

    mistakes = Counter((f, m) for r in rows for f, m in r.mistakes).most_common(15)
    if mistakes:
        fig, ax = plt.subplots(figsize=(8, 0.5 * len(mistakes) + 1.2))
        ax.barh(range(len(mistakes)), [n for _, n in mistakes], color="tab:purple")
        ax.set_yticks(range(len(mistakes)), [_wrap_label(f"{f}: {_mistake_name(m)}") for (f, m), _ in mistakes], fontsize=7)
        ax.invert_yaxis()
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel("submissions")
        ax.set_title("Most frequent named mistakes")
        out["Most frequent named mistakes per function"] = _png(fig)

    todo = Counter(r.assignment for r in rows for _ in r.manual_pending)
    flagged = Counter(r.assignment for r in rows if r.flags)
    if todo or flagged:
        fig, ax = plt.subplots(figsize=(max(5, 1.1 * len(assignments) + 2), 3))
        xs = range(len(assignments))
        ax.bar([x - 0.2 for x in xs], [todo.get(a, 0) for a in assignments], width=0.4, label="answers to grade by hand")
        ax.bar([x + 0.2 for x in xs], [flagged.get(a, 0) for a in assignments], width=0.4, color="tab:red",
               label="flagged submissions")
        ax.set_xticks(list(xs), [a.split("_", 1)[0] for a in assignments])
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.legend(fontsize=8)
        ax.set_title("Hand-grading still to do, flagged submissions")
        out["Hand-grading still to do and flagged submissions"] = _png(fig)
    return out


HTML_STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5em auto; max-width: 70em; padding: 0 1em; color: #222; }
h1, h2, h3 { font-weight: 600; }
.banner { background: #fde2e1; border: 2px solid #c62828; padding: .8em 1em; margin: 1em 0; font-weight: 600; }
table { border-collapse: collapse; margin: .5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.reason { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; font-family: ui-monospace, monospace; font-size: .85em; }
.grader-error { color: #b71c1c; font-weight: 600; }
.pending { color: #8a6d00; }
figure { margin: 1em 0 2em; } figure img { max-width: 100%; }
details { margin: .3em 0; }
"""


def _esc(text) -> str:
    return html.escape(str(text))


def html_report(rows: list[Result]) -> str:
    students = sorted({r.student for r in rows})
    assignments = sorted({r.assignment for r in rows})
    by = {(r.student, r.assignment): r for r in rows}
    p = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8"><title>Class report</title>',
         f"<style>{HTML_STYLE}</style></head><body>", "<h1>Class report</h1>"]
    banner = _banner_text(rows)
    if banner:
        p.append(f'<div class="banner" id="unsandboxed">{_esc(banner)}</div>')
    p.append("<h2>Scores</h2><table><tr><th>student</th>" + "".join(f"<th>{_esc(a)}</th>" for a in assignments)
             + "<th>flags</th></tr>")
    for s in students:
        p.append(f"<tr><td>{_esc(s)}</td>")
        for a in assignments:
            r = by.get((s, a))
            if r is None:
                p.append('<td class="num">-</td>')
                continue
            manual = "" if not r.manual_max else (
                f" + {r.manual_score:g}/{r.manual_max:g} by hand" if not r.manual_pending
                else f' + <span class="pending">{r.manual_max:g} not graded yet</span>')
            p.append(f'<td class="num">{r.auto_score:g}/{r.auto_max:g}{manual}</td>')
        p.append(f'<td class="num">{sum(len(by[(s, a)].flags) for a in assignments if (s, a) in by)}</td></tr>')
    p.append("</table>")
    for title, png in plots(rows).items():
        p.append(f'<figure><h2>{_esc(title)}</h2><img alt="{_esc(title)}" src="data:image/png;base64,{png}"></figure>')
    mistakes = Counter((f, m) for r in rows for f, m in r.mistakes).most_common()
    if mistakes:
        p.append("<h2>Named mistakes, in full</h2><table><tr><th>function</th><th>mistake</th><th>submissions</th></tr>"
                 + "".join(f"<tr><td><code>{_esc(f)}</code></td><td>{_esc(m)}</td><td class='num'>{n}</td></tr>"
                           for (f, m), n in mistakes) + "</table>")
    pending = [(r, n) for r in rows for n in r.manual_pending]
    p.append(f"<h2>Hand-grading still to do ({len(pending)})</h2>")
    if pending:
        p.append("<table><tr><th>assignment</th><th>student</th><th>answer</th></tr>" + "".join(
            f"<tr><td>{_esc(r.assignment)}</td><td>{_esc(r.student)}</td><td>{_esc(n)}</td></tr>"
            for r, n in sorted(pending, key=lambda x: (x[0].assignment, x[0].student))) + "</table>")
    else:
        p.append("<p>Nothing: every hand-graded answer has a score.</p>")
    flagged = [r for r in rows if r.flags]
    p.append(f"<h2>Flagged submissions ({len(flagged)})</h2>")
    if flagged:
        p.append("<table><tr><th>submission</th><th>flags</th></tr>" + "".join(
            f"<tr><td>{_esc(r.student)}/{_esc(r.assignment)}</td><td>"
            + "".join(f'<pre class="reason">{_esc(f)}</pre>' for f in r.flags) + "</td></tr>" for r in flagged)
            + "</table>")
    p.append("<h2>Lost points, by submission</h2>")
    for r in sorted(rows, key=lambda r: (r.student, r.assignment)):
        if not r.lost and not r.notes:
            continue
        p.append(f"<details><summary><b>{_esc(r.student)} / {_esc(r.assignment)}</b>: "
                 f"{r.auto_score:g}/{r.auto_max:g} autograded, {len(r.lost)} cell(s) lost points</summary><table>")
        for name, c in r.cells.items():
            if c["manual"] or c["score"] >= c["max_score"]:
                continue
            label = '<span class="grader-error">grader error</span>' if c["grader_error"] else "lost"
            p.append(f"<tr><td>{_esc(name)}</td><td class='num'>{c['score']:g}/{c['max_score']:g}</td><td>{label}</td>"
                     f'<td><pre class="reason">{_esc(c["reason"])}</pre></td></tr>')
        for n in r.notes:
            cls = "grader-error" if n["kind"] == "grader-error" else ""
            p.append(f"<tr><td>{_esc(n['cell'] or 'notebook')}</td><td></td><td class='{cls}'>{_esc(n['kind'])}</td>"
                     f'<td><pre class="reason">{_esc(n["text"])}</pre></td></tr>')
        p.append("</table></details>")
    p.append("</body></html>")
    return "\n".join(p)


def write(rows: list[Result], folder: Path) -> Path:
    """reports/class_report.md (returned), .html and .csv, and results.json."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "class_report.md"
    path.write_text(markdown(rows), encoding="utf-8")
    (folder / "class_report.html").write_text(html_report(rows), encoding="utf-8")
    with open(folder / "class_report.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=CSV_FIELDS)
        writer.writeheader()
        writer.writerows(csv_rows(rows))
    (folder / "results.json").write_text(json.dumps([asdict(r) for r in rows], indent=1), encoding="utf-8")
    return path
