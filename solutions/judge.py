"""The judge: ``python -I -m solutions.judge`` reads records on stdin, writes a verdict.

It runs in a fresh isolated interpreter (no user site, no PYTHONPATH, not the
notebook's folder on sys.path), so whatever a student cell rebinds in the
kernel (numpy comparisons, builtins, modules in sys.modules) is not here. It
rebuilds the cases from the spec's seed and computes the reference itself:
only the student's answers come from the kernel.
"""
from __future__ import annotations

import json
import sys

from . import transport
from .checks import load_spec
from .checks.harness import evaluate


def verdict(request: dict) -> dict:
    spec = load_spec(request["assignment"], request["spec"])
    records = transport.decode(request["records"])
    return evaluate(spec, records)


def main() -> int:
    request = json.loads(sys.stdin.read())
    try:
        result = verdict(request)
    except Exception as exc:  # noqa: BLE001 - reported as a failed check, never as a crash
        result = {"passed": False, "cases": 0, "failed": 0,
                  "message": f"the hidden check could not judge this answer ({type(exc).__name__}: {exc})"}
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
