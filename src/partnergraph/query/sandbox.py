"""Process-level defence in depth: a process that evaluates user SPARQL cannot open network
connections, whatever the query check let through.

`deny_outgoing_connections()` installs a seccomp-BPF filter (Linux, x86_64 and aarch64) in the
calling process: from then on `socket(AF_INET, …)` and `socket(AF_INET6, …)` fail with EPERM,
and so does `socketpair` for those families. Unix sockets and pipes keep working, so a query
worker still talks to its parent. The filter is inherited by every thread started afterwards and
by child processes, and cannot be removed (``PR_SET_NO_NEW_PRIVS`` is set first, which is also
what lets an unprivileged process install it). Threads that already exist keep their old view,
so call it before starting any.

pyoxigraph evaluates ``SERVICE`` by opening an HTTP connection; in a filtered process that fails
before a single packet leaves, so a SERVICE that slipped past `query.check_read_only` ends as a
query error rather than as a request to another host (issue 14, server-side request forgery).

It is applied only in dedicated processes: the query workers of ``serve`` and the ``query`` /
``viz`` commands on an embedded store, never in a process that needs the network afterwards.
Where seccomp is not available, one warning is logged and the caller goes on unprotected by this
layer (the query check still applies).
"""

from __future__ import annotations

import _socket  # the address family numbers: `socket` itself turns every constant into an enum (~3 ms)
import ctypes
import errno
import logging
import os
import sys

LOGGER = logging.getLogger(__name__)

# <linux/prctl.h>, <linux/seccomp.h>, <linux/filter.h>, <linux/audit.h>
PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_ERRNO = 0x00050000
BPF_LD_W_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS
BPF_JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
BPF_JGE_K = 0x35  # BPF_JMP | BPF_JGE | BPF_K
#: x86_64's x32 ABI shares the architecture value and sets this bit in the syscall number
X32_SYSCALL_BIT = 0x40000000
BPF_RET_K = 0x06  # BPF_RET | BPF_K

#: architecture → (AUDIT_ARCH_* value, syscall numbers of socket, socketpair and io_uring_setup)
ARCHES = {
    "x86_64": (0xC000003E, {"socket": 41, "socketpair": 53, "io_uring_setup": 425}),
    "aarch64": (0xC00000B7, {"socket": 198, "socketpair": 199, "io_uring_setup": 425}),
}
#: offsets in struct seccomp_data: int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6]
OFFSET_NR, OFFSET_ARCH, OFFSET_ARG0 = 0, 4, 16


class _SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint32)]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def _program(arch: int, calls: dict[str, int]) -> list[tuple[int, int, int, int]]:
    """The BPF program: on this architecture, socket()/socketpair() with family AF_INET or
    AF_INET6 → EPERM; io_uring_setup → EPERM (io_uring can open sockets without a syscall the
    filter sees); everything else allowed. Syscalls of another ABI (32-bit, x32) have other
    numbers: they are refused outright rather than guessed at."""
    eperm = SECCOMP_RET_ERRNO | errno.EPERM
    return [
        (BPF_LD_W_ABS, 0, 0, OFFSET_ARCH),
        (BPF_JEQ_K, 1, 0, arch),                   # our ABI: go on; else
        (BPF_RET_K, 0, 0, eperm),                  # any syscall of a foreign ABI fails
        (BPF_LD_W_ABS, 0, 0, OFFSET_NR),
        (BPF_JGE_K, 0, 1, X32_SYSCALL_BIT),        # an x32 syscall: fails
        (BPF_RET_K, 0, 0, eperm),
        (BPF_JEQ_K, 0, 1, calls["io_uring_setup"]),
        (BPF_RET_K, 0, 0, eperm),
        (BPF_JEQ_K, 2, 0, calls["socket"]),        # socket → check the family
        (BPF_JEQ_K, 1, 0, calls["socketpair"]),    # socketpair → check the family
        (BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW),      # any other syscall
        (BPF_LD_W_ABS, 0, 0, OFFSET_ARG0),         # the family (low 32 bits, little-endian)
        (BPF_JEQ_K, 2, 0, _socket.AF_INET),
        (BPF_JEQ_K, 1, 0, _socket.AF_INET6),
        (BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW),
        (BPF_RET_K, 0, 0, eperm),
    ]


def deny_outgoing_connections() -> bool:
    """Makes IPv4/IPv6 sockets impossible in this process and its future threads and children.

    Returns True when the filter is in place; False (after one warning) where seccomp is not
    available: another OS, another architecture, or a kernel without it.
    """
    # os.uname is what platform.machine reads on Linux, without platform's import (~3 ms)
    machine = os.uname().machine.lower() if hasattr(os, "uname") else ""
    machine = {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    if not sys.platform.startswith("linux") or machine not in ARCHES or sys.byteorder != "little":
        LOGGER.warning("network sandbox unavailable on %s/%s: queries are guarded by the query check only",
                       sys.platform, machine)
        return False
    arch, calls = ARCHES[machine]
    program = _program(arch, calls)
    filters = (_SockFilter * len(program))(*[_SockFilter(*insn) for insn in program])
    fprog = _SockFprog(len(program), filters)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 or \
            libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.addressof(fprog), 0, 0) != 0:
        err = ctypes.get_errno()
        LOGGER.warning("network sandbox unavailable (seccomp: %s): queries are guarded by the query check only",
                       errno.errorcode.get(err, err))
        return False
    return True


__all__ = ["deny_outgoing_connections"]
