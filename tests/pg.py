"""A real PostgreSQL server for the tests, from the distribution's packages.

`postgres_server()` finds initdb/pg_ctl (Debian keeps them in
/usr/lib/postgresql/<version>/bin, off PATH), creates a cluster in a fresh
temporary folder, starts it on a free loopback port with trust
authentication, and stops and deletes it at the end. As root, the server runs
as the `postgres` user (PostgreSQL refuses to run as root).

Without server binaries the tests that need it are skipped with the reason,
except in CI (CI=true), where that is a failure: CI installs postgresql
(.ci/run).
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

INSTALL_HINT = "apt-get install postgresql (Debian/Ubuntu), or put initdb and pg_ctl on PATH"


def server_binaries() -> Path | None:
    """The bin folder of the newest PostgreSQL server installed, or None."""
    def version(path: Path):
        return [int(x) for x in re.findall(r"\d+", path.parent.parent.name)] or [0]

    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=version)
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).parent
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--", *cmd]
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(map(repr, cmd))]


def _run(cmd: list[str], timeout: float = 120) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


def skip_or_fail(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI must run this test: {INSTALL_HINT})")
    pytest.skip(f"{reason}: {INSTALL_HINT}")


@contextlib.contextmanager
def postgres_server():
    """Yield the URL of the `postgres` database of a fresh, running server."""
    bindir = server_binaries()
    if bindir is None:
        skip_or_fail("no PostgreSQL server binaries (initdb, pg_ctl) on this machine")
    folder = Path(tempfile.mkdtemp(prefix="course-pg-"))   # not under pytest's root-only tmp folder
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    _run(_as_server_user([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                          "-E", "UTF8", "--no-sync"]))
    port = None
    try:
        for _ in range(3):   # a port found free can be taken before the server binds it
            candidate = _free_port()
            try:
                _run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"),
                                      "-o", f"-p {candidate} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                                      "-w", "-t", "60", "start"]))
            except RuntimeError:
                continue
            port = candidate
            break
        if port is None:
            log = (folder / "server.log").read_text(errors="replace") if (folder / "server.log").exists() else ""
            raise RuntimeError(f"PostgreSQL did not start:\n{log[-2000:]}")
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        if port is not None:
            subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w",
                                            "stop"]), capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def create_database(server_url: str, name: str) -> str:
    """A new empty database on the server; its URL."""
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + f"/{name}"
