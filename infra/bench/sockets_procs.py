"""Processes of infra/bench/sockets.py: the load processes (sockets_load.py) it talks to, and
what each process costs in CPU and memory."""
from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
LOAD = Path(__file__).with_name("sockets_load.py")


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(p) for p in out]


def server_workers(pid: int) -> list[int]:
    """uvicorn's worker processes (not multiprocessing's resource tracker)."""
    return [p for p in children(pid) if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]


def postgres_pids() -> list[int]:
    """The bench's PostgreSQL server and its backends (found by the port in DATABASE_URL)."""
    port = urlsplit(os.environ.get("DATABASE_URL", "")).port
    for proc in Path("/proc").iterdir():
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError):
            continue
        if args and args[0].endswith(b"postgres") and b"-p" in args and str(port).encode() in args:
            return [int(proc.name), *children(int(proc.name))]
    return []


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


class CpuMeter:
    """CPU used by each named group of processes from start() to report(), sampled every 0.5 s so
    that processes which start or end in between are counted for the time they ran."""

    def __init__(self, groups: dict[str, object]) -> None:
        self.groups = groups  # name -> callable returning that group's pids now
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.members: dict[str, set[int]] = {name: set() for name in groups}

    def _sample(self, initial: bool = False) -> None:
        for name, pids in self.groups.items():
            for pid in pids():  # type: ignore[operator]
                used = cpu_seconds(pid)
                if pid not in self.first:
                    self.first[pid] = used if initial else 0.0
                    self.members[name].add(pid)
                self.last[pid] = max(self.last.get(pid, 0.0), used)

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(0.5)
            self._sample()

    def start(self) -> None:
        self.began = time.time()
        self._sample(initial=True)
        self.task = asyncio.create_task(self._loop())

    def report(self) -> None:
        self.task.cancel()
        self._sample()
        wall = time.time() - self.began
        parts = [f"{name} {100 * sum(self.last[p] - self.first[p] for p in self.members[name]) / wall:.0f}%"
                 for name in self.groups]
        print(f"  CPU over {wall:.0f} s (% of one core): " + ", ".join(parts))


class LoadProcess:
    """A sockets_load.py process: JSON lines each way."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.status: dict = {"open": 0, "short": 0}
        self.result: object = None
        self.reader = asyncio.create_task(self._read())

    @classmethod
    async def start(cls, role: str, spec: dict) -> LoadProcess:
        proc = await asyncio.create_subprocess_exec(sys.executable, str(LOAD), role, stdin=subprocess.PIPE,
                                                    stdout=subprocess.PIPE, limit=2**30, cwd=ROOT)
        self = cls(proc)
        await self.send(spec)
        return self

    async def _read(self) -> None:
        assert self.proc.stdout is not None
        while line := await self.proc.stdout.readline():
            msg = json.loads(line)
            if "result" in msg:
                self.result = msg["result"]
            else:
                self.status = msg

    async def send(self, obj: dict) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write((json.dumps(obj) + "\n").encode())
        await self.proc.stdin.drain()

    async def finish(self):
        await self.reader
        await self.proc.wait()
        return self.result


class Crowd:
    """Clients spread over `processes` processes, opened in order."""

    def __init__(self, specs: list[tuple[str, str, int]], processes: int) -> None:
        self.specs, self.processes = specs, processes
        self.parts = [specs[i::processes] for i in range(processes)]

    async def start(self, port: int) -> None:
        self.procs = [await LoadProcess.start("clients", {"port": port, "clients": part}) for part in self.parts]

    @property
    def open(self) -> int:
        return sum(p.status["open"] for p in self.procs)

    @property
    def short(self) -> int:
        return sum(p.status["short"] for p in self.procs)

    async def open_upto(self, n: int, timeout: float = 120) -> float:
        began = time.time()
        for i, p in enumerate(self.procs):  # the first n clients: indices i, i + P, ... below n
            await p.send({"cmd": "open", "upto": max(0, (n - i + self.processes - 1) // self.processes)})
        while time.time() - began < timeout and self.open < n:
            await asyncio.sleep(0.2)
        return time.time() - began

    async def want(self, want: dict[tuple[str, int], int]) -> None:
        for p, part in zip(self.procs, self.parts, strict=False):
            await p.send({"cmd": "want", "want": [[i, want[(s, u)]] for i, (s, _, u) in enumerate(part)]})

    async def stop(self) -> list[dict]:
        for p in self.procs:
            await p.send({"cmd": "stop"})
        results: list[dict] = []
        for p, part in zip(self.procs, self.parts, strict=False):
            for (schema, _, uid), r in zip(part, await p.finish(), strict=False):
                results.append(dict(r, schema=schema, uid=uid))
        return results

    @property
    def pids(self) -> list[int]:
        return [p.proc.pid for p in self.procs]


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


