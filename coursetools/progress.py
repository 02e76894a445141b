"""Progress of a grading run that people can read (nbgrader itself prints
nothing while it works: its issue 1456).

- On a terminal: a live tqdm bar with done/total, rate, time left and the
  failures so far.
- Otherwise (a log file, CI, a pipe): plain lines with the same numbers, one per
  finished job for a small class, else at most one every `interval` seconds
  plus one for every failure.
- At the end, :meth:`Progress.summary`: the count, the time per notebook and
  every failed job with its reason.
"""
from __future__ import annotations

import sys
import time

from . import pipeline

PLAIN_EVERY_JOB_UP_TO = 100   # jobs; larger runs print a line every `interval` seconds


def _clock(seconds: float) -> str:
    seconds = int(round(max(0.0, seconds)))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    def __init__(self, stream=None, live: bool | None = None, interval: float = 10.0, label: str = "grading"):
        self.stream = stream if stream is not None else sys.stdout
        isatty = getattr(self.stream, "isatty", lambda: False)
        self.live = isatty() if live is None else live
        self.interval = interval
        self.label = label
        self.workers = None          # set by the engine: how many workers graded
        self.total = 0
        self.done = 0
        self.failed = 0
        self.started = None
        self._bar = None
        self._last_line = float("-inf")   # the first finished job always gets a line

    # -- what the engine calls ------------------------------------------------
    def note(self, text: str) -> None:
        if self._bar is not None:
            self._bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)

    def start(self, total: int) -> None:
        self.total, self.done, self.failed = total, 0, 0
        self._last_line = float("-inf")
        self.started = time.monotonic()
        if self.live:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=self.label, unit="nb", file=self.stream, dynamic_ncols=True,
                             smoothing=0.1, bar_format="{desc} {n_fmt}/{total_fmt} |{bar}| {percentage:3.0f}% "
                                                       "{rate_fmt} ETA {remaining}{postfix}")
            self._bar.set_postfix_str("failed 0", refresh=True)
        else:
            self.note(f"{self.label}: {total} notebook(s)")

    def advance(self, job: dict) -> None:
        self.done += 1
        ok = bool(job.get("success"))
        self.failed += not ok
        if self._bar is not None:
            self._bar.set_postfix_str(f"failed {self.failed}", refresh=False)
            self._bar.update(1)
            if not ok:
                self._bar.write(f"  failed: {job.get('student')}/{job.get('assignment')}", file=self.stream)
            return
        now = time.monotonic()
        if (ok and self.total > PLAIN_EVERY_JOB_UP_TO and self.done < self.total
                and now - self._last_line < self.interval):
            return
        self._last_line = now
        self.note(self.line(job))

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    # -- text -------------------------------------------------------------------
    def elapsed(self) -> float:
        return time.monotonic() - self.started if self.started is not None else 0.0

    def line(self, job: dict | None = None) -> str:
        elapsed = self.elapsed()
        rate = self.done / elapsed if elapsed > 0 else 0.0
        eta = (self.total - self.done) / rate if rate > 0 else 0.0
        width = len(str(self.total))
        text = (f"{self.label} {self.done:>{width}}/{self.total} {100 * self.done / max(1, self.total):3.0f}% "
                f"{rate:.2f} nb/s ETA {_clock(eta)} failed {self.failed}")
        if job is not None:
            status = "ok" if job.get("success") else "FAILED"
            text += f" | {job.get('student')}/{job.get('assignment')} {status} {job.get('seconds', 0)} s"
        return text

    def summary(self, results: list[dict]) -> str:
        elapsed = self.elapsed()
        n = len(results)
        failures = pipeline.failed_jobs(results)
        each = f", {elapsed / n:.2f} s per notebook" if n else ""
        on = f" on {self.workers} worker(s)" if self.workers else ""
        lines = [f"autograded {n} notebook(s) in {elapsed:.0f} s{each}{on}: "
                 f"{n - len(failures)} graded, {len(failures)} not fully graded"]
        lines += [f"  not fully graded: {line}" for line in failures]
        lines += [f"  no feedback: {job['student']}/{job['assignment']}: {' '.join(job['feedback_error'].split())[:300]}"
                  for job in results if job.get("feedback_error")]
        return "\n".join(lines)
