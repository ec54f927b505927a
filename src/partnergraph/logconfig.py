"""How the command line shows log messages: partnergraph's own on stderr, one line each, the
libraries' only with -v. (Results and progress lines are printed by cli.py alone.)"""

from __future__ import annotations

import logging
import sys


class _Stderr(logging.StreamHandler):
    """A handler writing to whatever sys.stderr is at the time of each message."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


class _OursOnly(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.name == "partnergraph" or record.name.startswith("partnergraph.")


def configure_logging(*, verbose: bool = False) -> None:
    """partnergraph's own messages on stderr, one line each. The libraries' (trafilatura,
    htmldate, charset detection, urllib3) are for us to act on, not for the user to read: they
    show only with -v."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "partnergraph", False)]:
        root.removeHandler(old)  # main() run again in one process (the tests)
    handler = _Stderr()
    handler.partnergraph = True
    handler.setFormatter(logging.Formatter("partnergraph: %(levelname)s: %(message)s"))
    if not verbose:
        handler.addFilter(_OursOnly())
    root.addHandler(handler)
    root.setLevel(logging.INFO if verbose else logging.WARNING)
