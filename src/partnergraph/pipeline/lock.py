"""One writer per graph directory, and helper processes that never outlive their build.

The lock is an advisory ``flock`` on ``DIR/.lock``: the kernel releases it when the process
holding it dies, however it dies. The file also records who holds it (process id and start
time), so that a lock still held after its build died can be recognised and taken over. That
happens when processes a build forked outlive it (builds before these safeguards left their
extraction workers running after a ``kill -9``): they inherited the open lock file, and with it
the lock.

`die_with_parent` is what every process a build starts runs first: on Linux the kernel kills it
the moment its parent dies (``PR_SET_PDEATHSIG``); elsewhere a thread watches the parent.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import StoreError

LOGGER = logging.getLogger(__name__)

#: file descriptors of the locks this process holds: forked workers let go of them at start, so
#: that only the build itself holds its directory's lock
HELD: set[int] = set()
#: seconds between two looks at the parent where the kernel cannot watch it for us
PARENT_POLL_SECONDS = 1.0
#: Linux prctl(2) option: the signal a process gets when its parent dies
_PR_SET_PDEATHSIG = 1


def _start_time(pid: int) -> str | None:
    """When process `pid` started (clock ticks since boot, Linux), "" where unknown, None if
    there is no such process. A pid with another start time is another process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None
    except OSError:
        stat = ""
    if stat:
        # the command name (field 2) is in parentheses and may itself hold spaces or parentheses
        fields = stat[stat.rindex(")") + 2:].split()
        return fields[19] if len(fields) > 19 else ""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return ""


def holder_record() -> str:
    pid = os.getpid()
    return f"{pid} {_start_time(pid) or ''}".strip() + "\n"


def _holder(fh: BinaryIO) -> tuple[int, str] | None:
    """(pid, start time) recorded in the lock file, None when it records nothing usable."""
    fh.seek(0)
    parts = fh.read(200).decode("ascii", "replace").split()
    if not parts or not parts[0].isdigit():
        return None
    return int(parts[0]), parts[1] if len(parts) > 1 else ""


def _kernel_holder(path: Path) -> tuple[int, str] | None:
    """(pid, "") of the process that took the flock on `path`, from Linux's /proc/locks: for a
    lock file that records nothing (written by versions before the record). The kernel keeps
    naming the process that took the lock after it died, while its children still hold it."""
    try:
        st = path.stat()
        table = Path("/proc/locks").read_text()
    except OSError:
        return None
    key = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    for line in table.splitlines():
        # "1: FLOCK  ADVISORY  WRITE 12345 fe:00:2147148 0 EOF"; waiting requests carry "->"
        fields = line.split()
        if len(fields) >= 6 and "->" not in fields and fields[1] == "FLOCK" and fields[5] == key \
                and fields[4].isdigit() and int(fields[4]) > 0:
            return int(fields[4]), ""
    return None


def _is_gone(holder: tuple[int, str]) -> bool:
    """Whether the recorded holder has died (its pid is free, or now names another process)."""
    pid, started = holder
    now = _start_time(pid)
    return now is None or bool(started and now and now != started)


def _try_lock(path: Path) -> BinaryIO | None:
    import fcntl

    fh = open(path, "a+b")  # noqa: SIM115 - held open for as long as the lock
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        return None
    except BaseException:
        fh.close()
        raise
    return fh


def _record(fh: BinaryIO) -> None:
    fh.seek(0)
    fh.truncate()
    fh.write(holder_record().encode())
    fh.flush()


def _take_over(path: Path) -> BinaryIO | None:
    """The lock at `path` when its recorded holder is dead: a fresh lock file replaces it
    (processes still holding the old one keep a lock nobody asks for any more). None when the
    holder is alive or unknown."""
    import fcntl

    # one taker at a time: two builds finding the same stale lock must not both replace it
    with open(path.with_name(path.name + ".takeover"), "a+b") as mutex:
        fcntl.flock(mutex, fcntl.LOCK_EX)
        fh = _try_lock(path)
        if fh is not None:  # freed meanwhile
            return fh
        with open(path, "rb") as old:
            holder = _holder(old) or _kernel_holder(path)
        if holder is None or not _is_gone(holder):
            return None
        fresh = path.with_name(f"{path.name}.{os.getpid()}")
        fh = open(fresh, "w+b")  # noqa: SIM115
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            _record(fh)
            os.replace(fresh, path)
        except BaseException:
            fh.close()
            fresh.unlink(missing_ok=True)
            raise
        LOGGER.warning("%s: the build that held this lock (pid %d) is no longer running; "
                       "taking the lock over", path, holder[0])
        return fh


@contextlib.contextmanager
def locked(path: Path, *, busy: str) -> Iterator[None]:
    """Holds the lock at `path` for the block; StoreError(`busy`) when a live process holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks, no protection
        yield
        return
    fh = _try_lock(path) or _take_over(path)
    if fh is None:
        raise StoreError(busy)
    try:
        _record(fh)
        HELD.add(fh.fileno())
        yield
    finally:
        HELD.discard(fh.fileno())
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


@contextlib.contextmanager
def try_locked(path: Path) -> Iterator[bool | None]:
    """The lock for the block if it is free (True); False when another process holds it; None
    when this process cannot take it at all (a directory it may only read)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover
        yield None
        return
    try:
        fh = _try_lock(path)
    except OSError:
        yield None
        return
    if fh is None:
        yield False
        return
    try:
        yield True
    finally:
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


def die_with_parent(parent: int) -> None:
    """Makes this process end when process `parent` (the one that started it) ends."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
            _watch_parent(parent)
    else:  # pragma: no cover - no kernel help elsewhere
        _watch_parent(parent)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            threading.Event().wait(PARENT_POLL_SECONDS)

    threading.Thread(target=watch, name="partnergraph-parent-watch", daemon=True).start()


def release_inherited_locks() -> None:
    """In a forked worker: let go of the parent's lock files (the parent keeps its locks)."""
    if not HELD:
        return
    devnull = os.open(os.devnull, os.O_RDONLY)
    try:
        for fd in list(HELD):
            with contextlib.suppress(OSError):
                os.dup2(devnull, fd)  # the fd now names /dev/null, not the lock file
        HELD.clear()
    finally:
        os.close(devnull)
