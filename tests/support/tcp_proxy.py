"""A TCP proxy a test can cut and restore: the network to the database server going away.

`TcpProxy(port)` listens on 127.0.0.1:<free port> and forwards each connection to
127.0.0.1:<port>. Two ways to lose the network, as in real life:

- `cut()`: every open connection is reset and new ones are reset at once (the
  server stopped or restarted, a firewall rejecting) — the client learns at once;
- `blackhole()`: nothing is forwarded any more and new connections get no answer
  (a pulled cable, a dropped VPN or Wi-Fi) — the client learns only by its timeouts.

`restore()` forwards again; connections reset by `cut()` stay dead, as they would.
Only loopback addresses are used. Threads are daemons and `stop()` ends them all.
"""

from __future__ import annotations

import contextlib
import select
import socket
import struct
import threading
import time

OPEN, CUT, BLACKHOLE = "open", "cut", "blackhole"
_POLL_S = 0.02


def _reset(sock: socket.socket) -> None:
    """Close with RST rather than FIN, as a dead server's host or a firewall would."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class _Pair:
    """One client connection and its upstream connection (None while held in a blackhole)."""

    def __init__(self, client: socket.socket, upstream: socket.socket | None) -> None:
        self.client = client
        self.upstream = upstream
        self.closed = False
        self.lock = threading.Lock()

    def close(self, reset: bool = False) -> None:
        with self.lock:
            if self.closed:
                return
            self.closed = True
        (_reset if reset else socket.socket.close)(self.client)
        if self.upstream is not None:
            self.upstream.close()


class TcpProxy:
    def __init__(self, target_port: int, target_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self.mode = OPEN
        self._pairs: list[_Pair] = []
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(_POLL_S * 5)
        self.port: int = self._listener.getsockname()[1]
        self._accepting = threading.Thread(target=self._accept_loop, name="tcp-proxy-accept", daemon=True)
        self._accepting.start()

    # -- what a test does ------------------------------------------------------------------
    def cut(self) -> None:
        """Reset every connection now and every new one until `restore()`."""
        with self._lock:  # under the lock: a connection being set up sees the mode or is in the list
            self.mode = CUT
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for pair in pairs:
            pair.close(reset=True)

    def blackhole(self) -> None:
        """Forward nothing from now on: bytes in flight wait, new connections get no answer."""
        with self._lock:
            self.mode = BLACKHOLE

    def restore(self) -> None:
        """Forward again. Connections held in the blackhole are closed: their clients gave up."""
        with self._lock:
            held = [p for p in self._pairs if p.upstream is None]
            self._pairs = [p for p in self._pairs if p.upstream is not None]
        for pair in held:
            pair.close(reset=True)
        self.mode = OPEN

    def connection_count(self) -> int:
        with self._lock:
            return sum(1 for p in self._pairs if not p.closed)

    def stop(self) -> None:
        self._stopped.set()
        self._listener.close()
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for pair in pairs:
            pair.close()
        self._accepting.join(timeout=2)

    def __enter__(self) -> TcpProxy:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # -- the threads -----------------------------------------------------------------------
    def _accept_loop(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # the listener was closed by stop()
            if self.mode == CUT:
                _reset(client)
                continue
            if self.mode == BLACKHOLE:
                with self._lock:
                    self._pairs.append(_Pair(client, None))  # accepted, never answered
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _reset(client)
                continue
            pair = _Pair(client, upstream)
            with self._lock:
                if self.mode != OPEN:  # cut or blackholed while we were connecting upstream
                    pair.close(reset=True)
                    continue
                self._pairs.append(pair)
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(pair, src, dst), daemon=True,
                                 name="tcp-proxy-pump").start()

    def _pump(self, pair: _Pair, src: socket.socket, dst: socket.socket) -> None:
        while not pair.closed and not self._stopped.is_set():
            if self.mode == CUT:  # no connection outlives a cut, whenever it was made
                pair.close(reset=True)
                break
            if self.mode == BLACKHOLE:
                time.sleep(_POLL_S)  # hold the bytes: the other side hears nothing
                continue
            try:
                ready, _, _ = select.select([src], [], [], _POLL_S)
                if not ready:
                    continue
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
            except (OSError, ValueError):  # ValueError: the socket was closed under us
                break
        pair.close()
        with self._lock:
            if pair in self._pairs:
                self._pairs.remove(pair)
