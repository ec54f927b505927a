"""The server on a socket: waitress under a cap on connections, with the few methods of
socketserver's that the command and the tests use.

waitress reads requests in one event loop and hands only complete requests to its threads, so a
client that sends its headers slowly costs a socket, never a thread; idle connections are
closed after CHANNEL_TIMEOUT; past CONNECTION_LIMIT a new connection gets a 503 and is closed.
"""

from __future__ import annotations

import logging
import threading

from ..errors import UsageError
from .http import MAX_BODY
from .sparql import DEFAULT_WORKERS

#: pending connections the socket accepts: the historical Linux default (somaxconn 128);
#: socketserver's default of 5 refuses a burst from the 8 clients of the load benchmark
LISTEN_BACKLOG = 128
#: open connections at most: 300 slow clients (issue 15) plus room for real ones; half the
#: process's file-descriptor limit at most, so the workers' pipes and the store's files still fit
CONNECTION_LIMIT = 500
#: seconds a connection may stay silent (unfinished headers, an idle keep-alive) before it is
#: closed: a real client sends a request's headers in one go, well within a second
CHANNEL_TIMEOUT = 10
#: seconds between two sweeps for silent connections (waitress's own default is 30)
CLEANUP_INTERVAL = 2
#: seconds the event loop sleeps at most: how long shutdown() may take to be noticed
LOOP_TIMEOUT = 0.2
_OVER_LIMIT_BODY = b"too many open connections; try again later\n"
_OVER_LIMIT = (b"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n"
               b"Content-Length: %d\r\n\r\n" % len(_OVER_LIMIT_BODY)) + _OVER_LIMIT_BODY


def _waitress_server_class():
    from waitress.server import TcpWSGIServer

    class CappedServer(TcpWSGIServer):
        """waitress's TCP server; over `connection_cap` connections, new ones are answered 503 and closed."""

        connection_cap = CONNECTION_LIMIT

        def handle_accept(self):
            if len(self._map) >= self.connection_cap:
                try:
                    accepted = self.accept()
                    if accepted:
                        conn = accepted[0]
                        conn.setblocking(False)
                        try:
                            conn.send(_OVER_LIMIT)
                        finally:
                            conn.close()
                except OSError:
                    pass
                return
            super().handle_accept()

    return CappedServer


class HTTPServer:
    """An HTTP server for a WSGI app (waitress), with the few methods of socketserver's the
    tests and the serve command use: ``server_port``, ``serve_forever()``, ``shutdown()``, ``server_close()``."""

    def __init__(self, app, host: str, port: int, *, threads: int, connection_limit: int = CONNECTION_LIMIT,
                 channel_timeout: int = CHANNEL_TIMEOUT, cleanup_interval: int = CLEANUP_INTERVAL):
        from waitress.adjustments import Adjustments

        # waitress reports its queue depth as a warning under any burst: our own 503s say it better
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)

        try:
            import resource

            soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
            if soft != resource.RLIM_INFINITY:
                connection_limit = max(16, min(connection_limit, soft // 2))
        except (ImportError, ValueError, OSError):
            pass
        adj = Adjustments(host=host, port=port, threads=threads, backlog=LISTEN_BACKLOG,
                          connection_limit=connection_limit + 64,  # our own cap (below) acts first
                          channel_timeout=channel_timeout, cleanup_interval=cleanup_interval,
                          asyncore_use_poll=True, max_request_body_size=MAX_BODY + 1024,
                          expose_tracebacks=False, ident="partnergraph", clear_untrusted_proxy_headers=True)
        server_class = _waitress_server_class()
        try:
            self._server = server_class(app, adj=adj)
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        self._server.connection_cap = connection_limit
        self.server_port = int(self._server.effective_port)
        self.server_address = (self._server.effective_host, self.server_port)
        self._stop = threading.Event()
        self._stopped = threading.Event()
        self._stopped.set()

    def serve_forever(self) -> None:
        self._stopped.clear()
        try:
            while not self._stop.is_set():
                self._server.asyncore.loop(timeout=LOOP_TIMEOUT, map=self._server._map, use_poll=True, count=1)
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Stops serve_forever (from another thread) and waits for it."""
        self._stop.set()
        try:
            self._server.pull_trigger()
        except OSError:
            pass
        self._stopped.wait(5)

    def server_close(self) -> None:
        """Closes the listening socket and every connection; requests under way are abandoned."""
        self._stop.set()
        self._server.task_dispatcher.set_thread_count(0)  # threads end after their request; none is waited for
        for channel in list(self._server._map.values()):
            try:
                channel.close()
            except OSError:
                pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.server_close()


def make_server(app, host: str = "127.0.0.1", port: int = 8000, **options) -> HTTPServer:
    """An HTTP server for `app` (port 0: any free port; see ``server.server_port``). Its request
    threads: enough for every query worker and as many requests waiting for one."""
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: a port is a number from 0 to 65535")
    threads = options.pop("threads", max(8, 2 * getattr(app, "workers", DEFAULT_WORKERS) + 4))
    return HTTPServer(app, host, port, threads=threads, **options)


def is_loopback(host: str) -> bool:
    """Whether `host` (an address or a name) reaches this machine only."""
    import ipaddress
    import socket

    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in infos)
