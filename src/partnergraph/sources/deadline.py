"""The deadline of one HTTP request, headers and body together, for the polite fetcher
(sources/http.py). A socket timeout bounds only each read, and a server that sends one byte per
second restarts it with every byte; `Deadline` ends the whole request when its time is up, and
`DeadlineAdapter` gives requests' sessions connections it can end."""

from __future__ import annotations

import socket
import threading

import requests.adapters
import urllib3.connection
import urllib3.connectionpool


class Deadline:
    """The end of one request, headers and body together. A socket timeout bounds only each
    read, and a server that sends one byte per second restarts it with every byte; so when the
    time is up, the sockets the request opened or reused are shut down, which ends any read
    blocked on them at once (the reads then fail or see the end of the stream, and `expired`
    tells the caller why)."""

    _current = threading.local()

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.expired = False
        #: each socket with its file descriptor: TLS takes the descriptor over from the plain
        #: socket (which is then detached) while the handshake, which can trickle too, runs
        self._sockets: list[tuple[socket.socket, int]] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        Deadline._current.value = self
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()
        Deadline._current.value = None

    @classmethod
    def watch(cls, sock: socket.socket | None) -> None:
        """Puts `sock` under the deadline of the request running in this thread, if any."""
        deadline = getattr(cls._current, "value", None)
        if deadline is None or sock is None:
            return
        with deadline._lock:
            deadline._sockets.append((sock, sock.fileno()))
            if deadline.expired:
                _shut(sock, sock.fileno())

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock, fd in self._sockets:
                _shut(sock, fd)


def _shut(sock: socket.socket, fd: int) -> None:
    """Shuts the connection down for reading and writing (the descriptor stays open: its owner
    closes it)."""
    try:
        if sock.fileno() != -1:
            sock.shutdown(socket.SHUT_RDWR)
        elif fd >= 0:  # detached: the TLS socket that took the descriptor over is using it
            handle = socket.socket(fileno=fd)
            try:
                handle.shutdown(socket.SHUT_RDWR)
            finally:
                handle.detach()
    except OSError:  # closed already
        pass


class _Watched:
    """Puts the connection's socket under the running request's deadline."""

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        Deadline.watch(sock)
        return sock

    def request(self, *args, **kwargs):
        Deadline.watch(self.sock)  # a kept-alive connection, opened by an earlier request
        return super().request(*args, **kwargs)


class _WatchedHTTPConnection(_Watched, urllib3.connection.HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, urllib3.connection.HTTPSConnection):
    pass


class _WatchedHTTPPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class DeadlineAdapter(requests.adapters.HTTPAdapter):
    """requests' adapter with connections that `Deadline` can end."""

    _POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(self._POOLS)

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = dict(self._POOLS)
        return manager
