"""The argparse parser of the command line and of each command (cli.py builds them).

Building all thirteen commands' options cost ~9 ms of every start (each `add_argument` makes a
help formatter and asks gettext for its words), though a run parses one command at most and
`partnergraph --help` shows none of their options: a command's options are added when that
command's parser is first used (benchmarks/bench_startup.py; issue 16.4).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable


def verbosity(p: argparse.ArgumentParser, default) -> None:
    """-v and -q, accepted before the command and after it. The command's own copies default to
    SUPPRESS, so that `partnergraph -q build` is not undone by the default of build's -q."""
    p.add_argument("-v", "--verbose", action="store_true", default=default, help="log details on stderr")
    p.add_argument("-q", "--quiet", action="store_true", default=default, help="no progress messages on stderr")


class Parser(argparse.ArgumentParser):
    """The parser of the command line and of each command: every command takes -v and -q
    (`verbosity`), and a command's options are added on first use. A command's parser records
    its `add_argument` calls and makes them, in the same order, when it parses, shows its usage
    or its help; its `later` option groups come after them: the crawl flags come from
    sources.crawl, which imports requests and lxml (~90 ms, more than the rest of the start-up),
    and only build and crawl need them."""

    def __init__(self, *args, later: Callable[[argparse.ArgumentParser], None] | None = None,
                 deferred: bool = False, **kwargs):
        self._pending: list[tuple[tuple, dict]] | None = None  # -h is added by __init__ itself
        self._checking = False
        super().__init__(*args, **kwargs)
        self._later = later
        if deferred:
            self._pending = []

    def add_argument(self, *args, **kwargs):
        if self._pending is not None:
            self._pending.append((args, kwargs))
            return None
        self._checking = True
        try:
            return super().add_argument(*args, **kwargs)
        finally:
            self._checking = False

    def _get_formatter(self):
        # argparse checks each new option's metavar with a formatter, and writes the prog of the
        # commands ("partnergraph query") with one; its default width asks shutil for the
        # terminal size, and shutil imports bz2, lzma and zlib (~2 ms) for a width neither uses.
        # Help and usage texts get the default width, as before.
        if self._checking:
            return self.formatter_class(prog=self.prog, width=80)
        return super()._get_formatter()

    def _complete(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            for args, kwargs in pending:
                self.add_argument(*args, **kwargs)
        if self._later is not None:
            later, self._later = self._later, None
            later(self)

    def parse_known_args(self, args=None, namespace=None):
        self._complete()
        return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        self._complete()
        return super().format_usage()

    def format_help(self) -> str:
        self._complete()
        return super().format_help()

    def add_subparsers(self, **kwargs):
        self._checking = True  # its formatter only writes the prog of the commands: no wrapping
        try:
            action = super().add_subparsers(**kwargs)
        finally:
            self._checking = False
        add = action.add_parser

        def add_parser(name, **kw):
            sp = add(name, deferred=True, **kw)
            verbosity(sp, argparse.SUPPRESS)
            return sp

        action.add_parser = add_parser
        return action
