"""Writing a build all or nothing: into a temporary folder beside the output, then swapped in.

A failed or interrupted build leaves an earlier output untouched (on Linux the swap is a
single `renameat2` exchange).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
from pathlib import Path


def write_atomically(out_dir: Path, pathway_id: str, artefacts: dict[str, bytes]) -> Path:
    """Write all artefacts to `out_dir/<id>/`, replacing an earlier build only when complete."""
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / pathway_id
    remove_abandoned(out_dir, pathway_id)
    staging = Path(tempfile.mkdtemp(prefix=f".{pathway_id}.building-{os.getpid()}-",
                                    dir=out_dir))
    try:
        for relative, content in artefacts.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        os.chmod(staging, 0o755)
        _swap_in(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return final


def remove_abandoned(out_dir: Path, pathway_id: str) -> None:
    """Remove the staging folders of earlier builds of this pathway that were killed before
    they finished: each folder's name carries its build's process id, and that process has
    ended (a build still running elsewhere keeps its folder)."""
    for folder in out_dir.glob(f".{glob.escape(pathway_id)}.building-*-*"):
        pid = folder.name.rsplit(".building-", 1)[1].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but another user's
        return True
    return True


def _swap_in(staging: Path, final: Path) -> None:
    if not final.exists():
        os.replace(staging, final)
        return
    if _exchange(staging, final):  # one step: `final` is never missing, even if killed here
        shutil.rmtree(staging, ignore_errors=True)  # now the earlier build
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{final.name}.old-", dir=final.parent))
    retired.rmdir()
    os.replace(final, retired)
    try:
        os.replace(staging, final)
    except BaseException:
        os.replace(retired, final)  # put the earlier build back
        raise
    shutil.rmtree(retired, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step with Linux's `renameat2(RENAME_EXCHANGE)`; False where
    the system or file system cannot, and the caller falls back to two renames."""
    import ctypes
    import errno

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second),
                 rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def write_file_atomically(path: Path, content: bytes) -> None:
    """Write one file whole or not at all: into a temporary file beside it, then renamed over
    it, so a failure leaves an earlier file untouched and never a part-written one."""
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".writing", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
