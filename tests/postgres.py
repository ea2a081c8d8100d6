"""A real PostgreSQL server for tests: Debian's, started in a temporary folder by the test
itself and stopped after it (no mocks, no server left running).

Use the `postgres_url` fixture (registered in conftest.py). Without PostgreSQL the tests are
skipped on a developer's machine but fail under CI (`CI=true`), where scripts/setup.sh
installs it. As root (initdb refuses root) the server runs as the `postgres` user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def postgres_bin() -> Path | None:
    """The newest Debian PostgreSQL's bin folder (or one on PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _require_postgres() -> Path:
    path = postgres_bin()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed; scripts/setup.sh installs it when root")
        pytest.skip("PostgreSQL is not installed (scripts/setup.sh installs it when root)")
    return path


def _as_server_user() -> tuple[list[str], str]:
    """The command prefix that runs a program as the server's user, and that user."""
    if os.geteuid() != 0:
        return [], pwd.getpwuid(os.geteuid()).pw_name
    return ["runuser", "-u", "postgres", "--"], "postgres"


@pytest.fixture(scope="session")
def postgres_url():
    bin_dir = _require_postgres()
    prefix, user = _as_server_user()
    folder = Path(tempfile.mkdtemp(prefix="pwy-postgres-"))
    data = folder / "data"
    if prefix:
        shutil.chown(folder, user)
        folder.chmod(0o700)

    def run(*args: str) -> None:
        subprocess.run([*prefix, *args], check=True, capture_output=True, timeout=120)

    run(str(bin_dir / "initdb"), "-D", str(data), "-U", user, "--auth=trust",
        "--encoding=UTF8", "--locale=C")
    # no TCP port: a socket in the test's own folder, so parallel runs never collide
    options = f"-c listen_addresses='' -c unix_socket_directories='{folder}' -c fsync=off"
    run(str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"),
        "-w", "-t", "60", "start")
    try:
        yield f"postgresql:///postgres?host={folder}&user={user}"
    finally:
        subprocess.run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                        "stop"], capture_output=True, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)
