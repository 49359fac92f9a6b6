"""One ``newskg run`` per output folder at a time, and clean-up after runs that were killed.

``newskg run`` holds an exclusive ``flock`` on ``OUT/.newskg.lock`` for its whole duration. The
operating system releases the lock when the process ends, however it ends (even SIGKILL), so a
killed run never leaves a stale lock behind. A second run on the same folder fails at once with
:class:`OutputLocked`, naming the process that holds the lock.

While it holds the lock, a run may delete the temporary files (``*-luigi-tmp-*``) that a killed
run left beside its targets: no other newskg run can be writing them.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX (Windows): runs are not locked
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

LOCK_NAME = ".newskg.lock"
TEMP_MARKER = "-luigi-tmp-"
"""Luigi's atomic targets write ``<target>-luigi-tmp-<number>`` and rename it to ``<target>``."""


class OutputLocked(RuntimeError):
    """Another process holds the lock of an output folder."""

    def __init__(self, output_dir: Path, pid: int | None) -> None:
        self.output_dir = output_dir
        self.pid = pid
        holder = f"pid {pid}" if pid else "pid unknown"
        super().__init__(f"another newskg run is using {output_dir} ({holder}); "
                         "wait for it to finish or use another --output")


def _holder_pid(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="ascii").strip() or 0) or None
    except (OSError, ValueError):
        return None


@contextmanager
def output_lock(output_dir: str | os.PathLike) -> Iterator[Path]:
    """Hold the exclusive lock of ``output_dir`` (created if needed) for the ``with`` block.

    Raises :class:`OutputLocked` at once (no waiting) when another process holds it. The lock
    file stays in place and holds the pid of the last run that took it.
    """
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise OutputLocked(out, _holder_pid(path)) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield path
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def remove_stale_temp_files(output_dir: str | os.PathLike) -> list[Path]:
    """Delete the ``*-luigi-tmp-*`` files under ``output_dir`` (left by killed runs); returns them.

    Call only while holding :func:`output_lock`: a running pipeline writes such files.
    """
    removed = []
    for path in sorted(Path(output_dir).rglob(f"*{TEMP_MARKER}*")):
        if path.is_file() or path.is_symlink():
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            removed.append(path)
    if removed:
        log.info("removed %d temporary file(s) left by an interrupted run in %s", len(removed), output_dir)
    return removed
