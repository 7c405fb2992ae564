"""A throwaway PostgreSQL server for the store tests: the one $STORYDIFF_TEST_POSTGRES names, or a
cluster made with initdb in a temporary directory and removed afterwards.

As root, the server runs as the `postgres` OS user (initdb refuses root). Every test gets a schema of
its own (`fresh_schema`), so tests never see each other's rows.
"""

from __future__ import annotations

import glob
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import quote

__all__ = ["ServerUnavailable", "fresh_schema", "postgres_server"]

ENV = "STORYDIFF_TEST_POSTGRES"
_USER = "storydiff"
_DATABASE = "storydiff_test"


class ServerUnavailable(Exception):
    """No PostgreSQL to test against; the message says why (the tests skip with it)."""


def _bin_dir() -> Path:
    found = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")]
    found.sort(key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0, reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        found.append(Path(on_path).parent)
    for directory in found:
        if all((directory / tool).exists() for tool in ("initdb", "pg_ctl", "postgres")):
            return directory
    raise ServerUnavailable(
        "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin or on PATH); "
        f"install it (make test does, as root) or set {ENV}"
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(argv: list[str], as_user: str | None) -> None:
    if as_user:
        runuser = shutil.which("runuser")
        argv = [runuser, "-u", as_user, "--", *argv] if runuser else ["su", as_user, "-c", shlex.join(argv)]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    if done.returncode:
        raise ServerUnavailable(f"{Path(argv[0]).name} failed: {(done.stderr or done.stdout).strip()[-400:]}")


@contextmanager
def postgres_server() -> Iterator[str]:
    """The URL of a database to test in (with a password in it, to check that it is never shown)."""
    if os.environ.get(ENV):
        yield os.environ[ENV]
        return
    try:
        import psycopg
    except ImportError as exc:
        raise ServerUnavailable("psycopg is not installed: pip install 'storydiff[postgres]'") from exc
    bin_dir = _bin_dir()
    as_user = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError as exc:
            raise ServerUnavailable("running as root and there is no 'postgres' user to run the server as") from exc
        as_user = "postgres"
    root = Path(tempfile.mkdtemp(prefix="storydiff-pg-"))
    data, sockets = root / "data", root / "sock"
    sockets.mkdir()
    if as_user:
        for path in (root, sockets):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    started = False
    try:
        _run(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                _USER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ],
            as_user,
        )
        for attempt in range(3):  # the free port may be taken between finding and binding it
            port = _free_port()
            # fsync off: a test cluster never has to survive a crash, and it saves seconds per test.
            options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
            try:
                _run(
                    [
                        str(bin_dir / "pg_ctl"),
                        "-D",
                        str(data),
                        "-l",
                        str(root / "log"),
                        "-o",
                        options,
                        "-w",
                        "-t",
                        "60",
                        "start",
                    ],
                    as_user,
                )
                started = True
                break
            except ServerUnavailable:
                if attempt == 2:
                    raise
        with psycopg.connect(f"postgresql://{_USER}@127.0.0.1:{port}/postgres", autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {_DATABASE} ENCODING 'UTF8'")
        yield f"postgresql://{_USER}:not-shown-3x@127.0.0.1:{port}/{_DATABASE}"
    finally:
        if started:
            with suppress(ServerUnavailable, subprocess.TimeoutExpired):
                _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], as_user)
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def fresh_schema(url: str) -> Iterator[str]:
    """A new empty schema in the server's database, and the URL whose search_path names it; dropped
    afterwards, so a shared server ($STORYDIFF_TEST_POSTGRES) is left as it was."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in url else "?"
    try:
        yield f"{url}{joiner}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
