"""Which process holds a lock, and whether it is certainly gone.

A refresh killed with SIGKILL cannot give its lock back. When the lock names the host and
process id of its holder, a process on the same host can see that no such process runs any
more and take the lock over at once, instead of waiting for the lease to run out.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ProcessId:
    host: str
    pid: int

    def __str__(self) -> str:
        return f"pid {self.pid} on {self.host}" if self.pid else "an unknown process"


def this_process() -> ProcessId:
    return ProcessId(socket.gethostname(), os.getpid())


def running(process: ProcessId) -> bool | None:
    """Whether the process still runs; None when this host cannot tell (it ran on another
    host, or this is not a POSIX system). A zombie its parent has not reaped yet no longer
    runs."""
    if process.pid <= 0 or process.host != socket.gethostname() or os.name != "posix":
        # Windows' os.kill would terminate the process instead of asking about it.
        return None
    try:
        os.kill(process.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it runs, as another user
    return not _is_zombie(process.pid)


def _is_zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False  # no /proc (macOS): a zombie counts as running until it is reaped
    # The state follows the command name, which is in parentheses and may hold spaces.
    fields = stat.rpartition(")")[2].split()
    return bool(fields) and fields[0] == "Z"
