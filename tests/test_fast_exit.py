"""A read-only command run as a program ends without the interpreter's teardown (fast_exit.py,
issue 16.4), and nothing the usual exit does that anyone could see is lost."""

import subprocess
import sys
import textwrap

import pytest


def _program(code: str, *args: str) -> subprocess.CompletedProcess:
    script = textwrap.dedent(code) + f"\nimport sys\nsys.argv = ['partnergraph', *{list(args)!r}]\n" \
        "from partnergraph.cli import program\nprogram()\n"
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)


def test_atexit_functions_still_run_and_their_output_is_flushed():
    done = _program("""
        import atexit, sys
        atexit.register(lambda: print('goodbye from atexit', end=''))
        atexit.register(lambda: sys.stderr.write('and on stderr'))
    """, "query", "--list")
    assert done.returncode == 0
    assert "ukraine-water" in done.stdout and done.stdout.endswith("goodbye from atexit")
    assert done.stderr == "and on stderr"


def test_a_thread_still_running_is_waited_for_as_by_the_usual_exit():
    # the thread waits for the main thread's end, not for a time: a sleep could end before the
    # command under a loaded machine, and the line would not be the last one printed
    done = _program("""
        import threading
        def late():
            threading.main_thread().join()
            print('the thread finished')
        threading.Thread(target=late).start()
    """, "query", "--list")
    assert done.returncode == 0 and done.stdout.rstrip().endswith("the thread finished")


@pytest.mark.parametrize("args, status, stream, text", [
    (("--version",), 0, "stdout", "partnergraph "),
    (("--help",), 0, "stdout", "first steps:"),
    (("bogus",), 2, "stderr", "invalid choice: 'bogus'"),
    (("query",), 1, "stderr", "give a QUERY"),
])
def test_the_exit_status_and_the_message_are_those_of_the_usual_exit(args, status, stream, text):
    done = _program("", *args)
    assert done.returncode == status and text in getattr(done, stream)


def test_a_command_that_writes_is_not_ended_early(tmp_path):
    """Only the read-only commands end early: a `docs` run exits as usual, its file complete."""
    out = tmp_path / "o.html"
    done = _program("""
        import atexit, sys
        atexit.register(lambda: sys.stderr.write('atexit ran'))
    """, "docs", "-d", str(tmp_path), "-o", str(out))
    assert done.returncode == 0 and out.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert done.stderr.endswith("atexit ran")


@pytest.mark.parametrize("args, torn_down", [(("query", "--list"), False), (("--help",), False),
                                             (("docs", "-o", "{tmp}/o.html"), True)])
def test_only_a_read_only_command_skips_the_teardown_of_the_interpreter(tmp_path, args, torn_down):
    done = _program("""
        import sys
        class Witness:
            def __del__(self):
                sys.stderr.write('torn down')
        witness = Witness()
    """, *(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert done.returncode == 0 and done.stderr.endswith("torn down") == torn_down
