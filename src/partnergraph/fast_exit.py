"""Ending a short command's process without the interpreter's teardown (issue 16.4).

After a small query the interpreter's exit took ~8 ms of the process's ~85 ms of CPU (freeing
every module and object, pyoxigraph's and RocksDB's static destructors), and ~6 ms after
`query --list` (measured with `os._exit` against a normal exit, benchmarks/bench_startup.py).
None of it is visible: what the exit must do first is done here, in the interpreter's order
(other threads, `atexit` functions, flushing stdout and stderr), and where any of it is not
simply done, the usual exit goes on.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading


def exit_now(code) -> None:
    """Ends the process with the exit status `SystemExit(code)` would give, if nothing is left to
    do: no other thread is running and stdout and stderr flush. Otherwise it returns, and the
    caller exits as usual (a failed flush, e.g. a closed pipe, is reported by that exit as it
    always was)."""
    if code is None:
        code = 0
    if not isinstance(code, int) or not 0 <= code <= 255 or threading.active_count() > 1:
        return  # a message as the status, or a thread the usual exit waits for
    if not _flushed():
        return
    atexit._run_exitfuncs()  # once: it forgets them, so the usual exit would not run them again
    if _flushed():
        os._exit(code)


def _flushed() -> bool:
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return False
    return True
