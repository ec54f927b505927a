"""The process-level layer of issue 14: a process under `sandbox.deny_outgoing_connections()`
cannot open a TCP connection, so even a SERVICE query that no check refused (the check is
bypassed here on purpose) never reaches a listener on 127.0.0.1. Each case runs in a process of
its own: the filter cannot be removed, and the test process needs its sockets."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import threading

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="seccomp is Linux-only")


@pytest.fixture
def listener():
    """A TCP listener on 127.0.0.1 that counts and closes every connection; `accepted()` says
    whether anything connected."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    hits: list[int] = []

    def accept_all():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            hits.append(1)
            conn.close()

    threading.Thread(target=accept_all, daemon=True).start()
    yield server.getsockname()[1], lambda: bool(hits)
    server.close()


def run_child(code: str, port: int) -> str:
    script = textwrap.dedent(code).replace("PORT", str(port))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


CONNECT = """
    import socket
    SETUP
    try:
        socket.create_connection(("127.0.0.1", PORT), timeout=5).close()
        print("connected")
    except OSError as exc:
        print("refused", exc.errno)
"""

SERVICE = """
    import pyoxigraph as ox
    SETUP
    store = ox.Store()
    try:
        list(store.query("SELECT * WHERE { SERVICE <http://127.0.0.1:PORT/sparql> { ?s ?p ?o } }"))
        print("answered")
    except Exception as exc:
        print("failed", type(exc).__name__)
"""
SANDBOX = "from partnergraph.query.sandbox import deny_outgoing_connections; assert deny_outgoing_connections()"


def test_a_sandboxed_process_cannot_open_a_tcp_connection(listener):
    port, accepted = listener
    assert run_child(CONNECT.replace("SETUP", SANDBOX), port) == "refused 1"  # EPERM
    assert not accepted()


def test_without_the_sandbox_the_same_process_does_connect(listener):
    port, accepted = listener  # the control: the listener does see connections
    assert run_child(CONNECT.replace("SETUP", ""), port) == "connected"
    assert accepted()


def test_service_query_in_a_sandboxed_process_never_reaches_the_listener(listener):
    port, accepted = listener
    assert run_child(SERVICE.replace("SETUP", SANDBOX), port).startswith("failed")
    assert not accepted()


def test_service_query_without_the_sandbox_does_reach_the_listener(listener):
    port, accepted = listener  # the control: pyoxigraph really calls out for SERVICE
    run_child(SERVICE.replace("SETUP", ""), port)
    assert accepted()


def test_unix_sockets_and_pipes_still_work_under_the_sandbox(listener):
    port, _ = listener
    out = run_child(f"""
        import os, socket
        {SANDBOX}
        a, b = socket.socketpair()
        a.send(b"x")
        r, w = os.pipe()
        os.write(w, b"y")
        print(b.recv(1).decode() + os.read(r, 1).decode())
    """, port)
    assert out == "xy"


def test_a_query_worker_evaluating_service_never_reaches_the_listener(listener, tmp_path):
    """The check is bypassed: the job goes straight to a `serve` worker process."""
    from partnergraph.query.pool import WorkerPool
    from partnergraph.query.runner import Job, evaluate_job
    from partnergraph.store.embedded import EmbeddedStore

    port, accepted = listener
    EmbeddedStore(tmp_path / "store").close()
    pool = WorkerPool(tmp_path / "store", evaluate_job, size=1)
    try:
        job = Job(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}", (), (),
                  10, "json", None, "https://example.org/")
        reply = pool.run(job, timeout=30)
    finally:
        pool.close()
    assert reply[0] == "error" and reply[1] == 400
    assert not accepted()



def test_the_query_command_on_an_embedded_store_cannot_reach_the_network(listener, tmp_path):
    """`partnergraph query` run as a program, with the query check disabled on purpose: the
    SERVICE call still never arrives, because the process sandboxed itself before evaluating."""
    from partnergraph.store.embedded import EmbeddedStore

    port, accepted = listener
    EmbeddedStore(tmp_path / "store").close()
    code = f"""
        import sys
        import partnergraph.query.runner as q
        q.check_read_only = lambda *args, **kwargs: q.QueryDataset()  # the check is fooled
        from partnergraph.cli import main
        sys.argv = ["partnergraph", "query", "-d", {str(tmp_path)!r},
                    "SELECT * WHERE {{ SERVICE <http://127.0.0.1:PORT/sparql> {{ ?s ?p ?o }} }}"]
        print(main())
    """
    assert run_child(code, port) == "1"  # one error line, exit status 1
    assert not accepted()
