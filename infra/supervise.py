"""Starting and stopping the processes of `make run` / `make test` (standard library only).

Each child runs in its own process group, so stopping it stops what it forked too (Celery's
pool, granian's workers). Shutdown happens once, whatever arrives meanwhile: `make` forwards
TERM to us on top of the TERM sent to its process group, and people press Ctrl-C twice."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def ignore_stop_signals() -> None:
    # A Python no-op rather than SIG_IGN: a signal already pending when the handler changes
    # would otherwise surface as "OSError: Signal 15 ignored due to race condition".
    for sig in STOP_SIGNALS:
        signal.signal(sig, _ignore)


def _ignore(signum, frame) -> None:
    pass


def stop_on_signals() -> None:
    """Ctrl-C, TERM and a closed terminal (HUP) raise KeyboardInterrupt once; from then on they
    are ignored, so a second one cannot interrupt the shutdown. SIGINT is set too: a shell that
    starts us in the background may have set it to ignored."""
    def interrupt(signum, frame):
        ignore_stop_signals()
        raise KeyboardInterrupt

    for sig in STOP_SIGNALS:
        signal.signal(sig, interrupt)


def log(msg: str) -> None:
    try:
        print(f"\033[1;34m==>\033[0m {msg}", flush=True)
    except OSError:  # the terminal is gone (HUP); stopping goes on without it
        pass


class Supervisor:
    """The children of one run, and what else must be undone at its end (callbacks)."""

    def __init__(self, stop_timeout: float = 10) -> None:
        self.stop_timeout = stop_timeout
        self.children: list[tuple[str, subprocess.Popen]] = []
        self.cleanups: list[tuple[str, Callable[[], object]]] = []

    def start(self, name: str, cmd: list[str], **kw) -> subprocess.Popen:
        proc = subprocess.Popen(cmd, start_new_session=True, **kw)
        self.children.append((name, proc))
        log(f"started {name} (pid {proc.pid})")
        return proc

    def adopt(self, name: str, proc: subprocess.Popen) -> None:
        """A child started elsewhere, in a session of its own."""
        self.children.append((name, proc))

    def on_stop(self, name: str, fn: Callable[[], object]) -> None:
        self.cleanups.append((name, fn))

    def watch(self, poll: float = 0.5) -> int:
        """Blocks until a child exits (1) or a stop signal arrives (0)."""
        try:
            while True:
                for name, proc in self.children:
                    if proc.poll() is not None:
                        log(f"{name} stopped (exit code {proc.returncode}); shutting down")
                        return 1
                time.sleep(poll)
        except KeyboardInterrupt:
            log("stopping")
            return 0

    def shutdown(self) -> None:
        """Stops every child by its process group, then runs the cleanups, newest first.
        Safe to call again; a signal that slipped in before it was ignored only restarts it."""
        ignore_stop_signals()
        while True:
            try:
                self._stop_children()
                while self.cleanups:
                    name, fn = self.cleanups[-1]
                    log(f"stopping {name}")
                    try:
                        fn()
                    except Exception as exc:  # one failure must not leave the rest running
                        log(f"stopping {name} failed: {exc}")
                    self.cleanups.pop()
                return
            except KeyboardInterrupt:
                continue

    def _stop_children(self) -> None:
        if not self.children:
            return
        for _, proc in self.children:
            signal_group(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + self.stop_timeout
        for _, proc in self.children:
            try:
                proc.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                signal_group(proc.pid, signal.SIGKILL)
                proc.wait()
        # Whatever of a group outlived its leader (a worker's children) goes too.
        for _, proc in self.children:
            signal_group(proc.pid, signal.SIGKILL)
        self.children.clear()

    def __enter__(self) -> Supervisor:
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()


def stop_child(proc: subprocess.Popen, timeout: float = 10) -> None:
    """Stops one child started in a session of its own, and whatever of its group remains."""
    signal_group(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        signal_group(proc.pid, signal.SIGKILL)
        proc.wait()
    signal_group(proc.pid, signal.SIGKILL)


def signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


# --- who holds a port ---------------------------------------------------------

def port_holder(port: int) -> str | None:
    """Names the process listening on a local TCP port, from /proc (or `ss` when /proc does
    not say, e.g. for another user's process), or None when nothing can be found out."""
    inodes = _listening_inodes(port)
    if inodes:
        for pid_dir in Path("/proc").iterdir():
            if not pid_dir.name.isdigit():
                continue
            try:
                fds = list((pid_dir / "fd").iterdir())
            except OSError:  # gone, or another user's
                continue
            if any(_readlink(fd) in inodes for fd in fds):
                return f"pid {pid_dir.name} ({_cmdline(pid_dir)})"
    return _ss_holder(port)


def _readlink(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:  # closed meanwhile (the listing's own descriptor is one)
        return ""


def _listening_inodes(port: int) -> set[str]:
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                found.add(f"socket:[{inode}]")
    return found


def _cmdline(pid_dir: Path) -> str:
    try:
        raw = (pid_dir / "cmdline").read_bytes()
    except OSError:
        return "?"
    text = raw.replace(b"\0", b" ").decode(errors="replace").strip()
    return text[:160] or "?"


def _ss_holder(port: int) -> str | None:
    try:
        out = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True,
                             timeout=5).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    if "pid=" not in out:
        return None
    return out.split("users:", 1)[-1].strip()
