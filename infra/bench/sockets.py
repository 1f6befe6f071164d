"""Socket load script (not a timed test): prints figures and met / NOT met against the issue's
targets, asserts nothing.

Starts its own Redis (so that it can kill and restart it) and uvicorn, over 20 shops; the clients
(infra/bench/sockets_load.py) and the event generator each run in processes of their own:
  1. capacity: opens sockets in batches up to SOCKETS_MAX (5,000), printing the server's memory;
  2. latency: 1,000 sockets, 20 events a second spread over the 20 shops, each event stored for
     and pushed to every socket of its shop (~1,000 deliveries a second): commit-to-delivery
     percentiles, wrong-shop or wrong-person deliveries;
  3. Redis outage: kills Redis (SIGKILL) mid-run and restarts it empty; clients reconnect and
     ask for what they missed ("resume"); every stored notification must reach its recipient.
Each phase prints the CPU each process used (% of one core), so a saturated measuring side shows.

Run with `make bench-sockets` (infra/dev.py sets DATABASE_URL and REDIS_SERVER).
"""
from __future__ import annotations

import asyncio
import datetime
import json
import os
import platform
import random
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
LOAD = Path(__file__).with_name("sockets_load.py")
sys.path.insert(0, str(ROOT))

SHOPS = 20
SOCKETS_MAX = int(os.environ.get("SOCKETS_MAX", "5000"))
LATENCY_SOCKETS = int(os.environ.get("LATENCY_SOCKETS", "1000"))
EVENTS_PER_SECOND = float(os.environ.get("EVENTS_PER_SECOND", "20"))
RUN_SECONDS = float(os.environ.get("RUN_SECONDS", "30"))
OUTAGE_SOCKETS = int(os.environ.get("OUTAGE_SOCKETS", "200"))
SERVER_WORKERS = int(os.environ.get("SERVER_WORKERS", "2"))
CLIENT_PROCESSES = int(os.environ.get("CLIENT_PROCESSES", "2"))
TARGET_SOCKETS, TARGET_P99_MS = 5000, 100.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float = 30) -> None:
    end = time.time() + timeout
    while time.time() < end:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


def start_redis(port: int) -> subprocess.Popen:
    proc = subprocess.Popen([os.environ["REDIS_SERVER"], "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--maxclients", "20000"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    wait_port(port)
    return proc


# Every socket is a descriptor on both ends: raise the soft limit to the hard one (children inherit it).
_soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (_hard, _hard))
REDIS_PORT = free_port()
os.environ["REDIS_URL"] = f"redis://127.0.0.1:{REDIS_PORT}/0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saas.settings.base")
redis_proc = start_redis(REDIS_PORT)

import django  # noqa: E402

django.setup()

from django_tenants.utils import schema_context  # noqa: E402

from realtime.notifications.models import Notification  # noqa: E402
from saas.accounts.models import Role, User  # noqa: E402
from tenants.models import Shop  # noqa: E402
from tenants.services import shop_create  # noqa: E402

Shops = list[tuple[str, str, list[int]]]


def prepare(per_shop: int) -> Shops:
    """20 shops, each with `per_shop` customers: [(schema, subdomain, user ids)]."""
    owner, _ = User.objects.get_or_create(email="bench-sockets@example.com", defaults={"role": Role.MERCHANT})
    shops = []
    for i in range(1, SHOPS + 1):
        sub = f"sockbench{i:02d}"
        shop = Shop.objects.filter(subdomain=sub).first() or shop_create(owner=owner, name=f"Bench {i}", subdomain=sub)
        with schema_context(shop.schema_name):
            have = User.objects.filter(role=Role.CUSTOMER).count()
            User.objects.bulk_create([User(email=f"c{n}@{sub}.test", role=Role.CUSTOMER)
                                      for n in range(have, per_shop)])
            ids = list(User.objects.filter(role=Role.CUSTOMER).order_by("pk").values_list("pk", flat=True)[:per_shop])
        shops.append((shop.schema_name, sub, ids))
    return shops


# -- processes and what they cost --------------------------------------------------------------

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
    """Clients spread over CLIENT_PROCESSES processes, opened in order."""

    def __init__(self, specs: list[tuple[str, str, int]]) -> None:
        self.specs = specs
        self.parts = [specs[i::CLIENT_PROCESSES] for i in range(CLIENT_PROCESSES)]

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
            await p.send({"cmd": "open", "upto": max(0, (n - i + CLIENT_PROCESSES - 1) // CLIENT_PROCESSES)})
        while time.time() - began < timeout and self.open < n:
            await asyncio.sleep(0.2)
        return time.time() - began

    async def want(self, want: dict[tuple[str, int], int]) -> None:
        for p, part in zip(self.procs, self.parts):
            await p.send({"cmd": "want", "want": [[i, want[(s, u)]] for i, (s, _, u) in enumerate(part)]})

    async def stop(self) -> list[dict]:
        for p in self.procs:
            await p.send({"cmd": "stop"})
        results: list[dict] = []
        for p, part in zip(self.procs, self.parts):
            for (schema, _, uid), r in zip(part, await p.finish()):
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


def clients_of(shops: Shops, per_shop: int) -> list[tuple[str, str, int]]:
    return [(schema, sub, uid) for schema, sub, ids in shops for uid in ids[:per_shop]]


class Bench:
    def __init__(self, shops: Shops, port: int, server: subprocess.Popen) -> None:
        self.shops, self.port, self.server = shops, port, server
        self.workers = server_workers(server.pid)
        self.results: list[str] = []

    def meter(self, crowd: Crowd, generator: LoadProcess | None = None) -> CpuMeter:
        groups: dict[str, object] = {f"server worker {i + 1}": (lambda p=pid: [p]) for i, pid in enumerate(self.workers)}
        groups |= {f"clients {i + 1}": (lambda p=pid: [p]) for i, pid in enumerate(crowd.pids)}
        if generator is not None:
            groups["generator"] = lambda: [generator.proc.pid]
        groups |= {"Redis": lambda: [redis_proc.pid], "PostgreSQL": postgres_pids}
        meter = CpuMeter(groups)
        meter.start()
        return meter

    async def capacity(self) -> None:
        print(f"\n== 1. capacity: sockets in batches of 500 up to {SOCKETS_MAX} over {SHOPS} shops, "
              f"{CLIENT_PROCESSES} client processes")
        specs = clients_of(self.shops, SOCKETS_MAX // SHOPS)
        random.shuffle(specs)
        crowd = Crowd(specs)
        await crowd.start(self.port)
        base = rss_mb(self.workers)
        meter = self.meter(crowd)
        held = per_socket = 0.0
        limit = "nothing: every batch connected"
        for upto in range(500, len(specs) + 1, 500):
            took = await crowd.open_upto(upto)
            held = crowd.open
            rss = rss_mb(self.workers)
            per_socket = (rss - base) * 1024 / max(held, 1)
            print(f"  {held:5d} open (batch in {took:4.1f} s, {500 / took:5.0f} connects/s)  server RSS "
                  f"{rss:7.1f} MB  {per_socket:6.1f} KB/socket")
            if held < upto - 25:
                limit = f"the batch up to {upto} did not all connect within 120 s"
                break
        meter.report()
        await asyncio.sleep(5)
        still = crowd.open
        print(f"  held {still} sockets for 5 s more; client processes' RSS {rss_mb(crowd.pids):.0f} MB")
        await crowd.stop()
        self.results.append(f"sockets held: {still} (target {TARGET_SOCKETS}: {verdict(still >= TARGET_SOCKETS)}); "
                            f"limited by: {limit}")
        self.results.append(f"server memory per socket: {per_socket:.1f} KB (RSS of the uvicorn workers, "
                            f"over the sockets held)")

    async def _run_with_generator(self, specs, chosen: Shops, outage: bool = False):
        crowd = Crowd(specs)
        await crowd.start(self.port)
        for upto in range(250, len(specs) + 250, 250):
            await crowd.open_upto(min(upto, len(specs)))
        print(f"  {crowd.open} open")
        generator = await LoadProcess.start("generator", {"shops": chosen, "rate": EVENTS_PER_SECOND,
                                                          "seconds": RUN_SECONDS})
        meter = self.meter(crowd, generator)
        if os.environ.get("PYSPY"):  # profiles of the server workers and the generator, collapsed stacks
            for name, pid in [*((f"worker{i + 1}", p) for i, p in enumerate(self.workers)),
                              ("generator", generator.proc.pid)]:
                subprocess.Popen([str(Path(sys.executable).with_name("py-spy")), "record", "-r", "200", "-f", "raw",
                                  "-d", str(int(RUN_SECONDS)), "-o", f"{os.environ['PYSPY']}/{name}.txt",
                                  "-p", str(pid), *(["--idle"] if name == "generator" else [])],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if outage:
            await self._kill_redis()
        gen = await generator.finish()
        meter.report()
        return crowd, gen

    async def latency(self) -> None:
        per_shop = LATENCY_SOCKETS // SHOPS
        chosen = [(schema, sub, ids[:per_shop]) for schema, sub, ids in self.shops]
        print(f"\n== 2. latency: {LATENCY_SOCKETS} sockets, {EVENTS_PER_SECOND:g} events/s over {SHOPS} shops, "
              f"each to its shop's {per_shop} sockets, {RUN_SECONDS:g} s")
        crowd, gen = await self._run_with_generator(clients_of(chosen, per_shop), chosen)
        await asyncio.sleep(5)  # let the last frames arrive
        clients = await crowd.stop()
        owners = {(schema, nid): uid for schema, nid, uid in gen["owners"]}
        commits = {int(ev): at for ev, at in gen["commits"].items()}
        latencies, wrong = [], 0
        for c in clients:
            for nid, _, at, ev in c["got"]:
                wrong += owners.get((c["schema"], nid)) != c["uid"]
                if ev in commits:
                    latencies.append((at - commits[ev]) * 1000)
        elapsed, events = gen["elapsed"], gen["events"]
        delivered = sum(len(c["got"]) for c in clients)
        rate_ok = events / elapsed >= EVENTS_PER_SECOND * 0.95
        p99 = percentile(latencies, 99)
        print(f"  events {events} in {elapsed:.1f} s ({events / elapsed:.1f}/s, at most {gen['behind_max_s']:.2f} s "
              f"behind schedule), notifications stored {len(owners)}, delivered {delivered} "
              f"({delivered / elapsed:.0f}/s)")
        print(f"  commit->delivery ms: p50 {percentile(latencies, 50):.1f}  p90 {percentile(latencies, 90):.1f}  "
              f"p99 {p99:.1f}  max {max(latencies, default=float('nan')):.1f}")
        push_ms = [(at - commits[int(ev)]) * 1000 for ev, at in gen["pushed"].items()]
        print(f"  of which commit->handed to Redis (in the generator) ms: p50 {percentile(push_ms, 50):.1f}  "
              f"p99 {percentile(push_ms, 99):.1f}")
        print(f"  wrong shop or person: {wrong}")
        self.results.append(f"events/s reached: {events / elapsed:.1f} of {EVENTS_PER_SECOND:g} ({verdict(rate_ok)}), "
                            f"{delivered / elapsed:.0f} deliveries/s")
        self.results.append(f"p99 commit->delivery at {LATENCY_SOCKETS} sockets: {p99:.1f} ms "
                            f"(target < {TARGET_P99_MS:g} ms: {verdict(p99 < TARGET_P99_MS and rate_ok)})")
        self.results.append(f"deliveries to the wrong shop or person: {wrong} (target 0: {verdict(wrong == 0)}); "
                            f"stored {len(owners)}, delivered live {delivered}")

    async def _kill_redis(self) -> None:
        global redis_proc
        await asyncio.sleep(RUN_SECONDS / 3)
        redis_proc.send_signal(signal.SIGKILL)
        redis_proc.wait()
        print(f"  Redis killed at {RUN_SECONDS / 3:.0f} s; restarted empty 3 s later")
        await asyncio.sleep(3)
        redis_proc = await asyncio.to_thread(start_redis, REDIS_PORT)

    async def outage(self) -> None:
        per_shop = OUTAGE_SOCKETS // SHOPS
        chosen = [(schema, sub, ids[:per_shop]) for schema, sub, ids in self.shops]
        print(f"\n== 3. Redis killed mid-run: {OUTAGE_SOCKETS} sockets, {EVENTS_PER_SECOND:g} events/s, "
              f"{RUN_SECONDS:g} s")
        specs = clients_of(chosen, per_shop)
        crowd, gen = await self._run_with_generator(specs, chosen, outage=True)

        def stored_last() -> dict[tuple[str, int], int]:
            last = {}
            for schema, _, ids in chosen:
                with schema_context(schema):
                    for uid in ids:
                        last[(schema, uid)] = Notification.objects.filter(recipient_id=uid).order_by(
                            "-seq").values_list("seq", flat=True).first() or 0
            return last

        want = await asyncio.to_thread(stored_last)
        await crowd.want(want)
        end = time.time() + 60
        await asyncio.sleep(1)
        while time.time() < end and crowd.short:
            await asyncio.sleep(0.5)
        clients = await crowd.stop()
        stored = sum(want[(c["schema"], c["uid"])] - c["first"] for c in clients)
        received = sum(len({seq for _, seq, _, _ in c["got"]}) for c in clients)
        missing = sum(max(0, want[(c["schema"], c["uid"])] - c["last"]) for c in clients)
        reconnects = sum(c["connects"] for c in clients) - len(clients)
        print(f"  stored while running {stored}, received {received}, missing {missing}, "
              f"via replay {sum(c['replayed'] for c in clients)}, reconnects {reconnects}, "
              f"pushes lost with Redis {gen['push_errors']} events")
        self.results.append(f"after a Redis kill and restart: {received}/{stored} stored notifications reached "
                            f"their recipients (target all: {verdict(missing == 0 and received == stored)})")


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    return f"{os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}"


async def main() -> None:
    shops = await asyncio.to_thread(prepare, max(SOCKETS_MAX, LATENCY_SOCKETS, OUTAGE_SOCKETS) // SHOPS)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "saas.asgi:application", "--host", "127.0.0.1",
                               "--port", str(port), "--workers", str(SERVER_WORKERS), "--no-access-log",
                               "--log-level", "error", "--ws-max-size", "65536", "--backlog", "4096"],
                              env=dict(os.environ), cwd=ROOT, start_new_session=True)
    try:
        wait_port(port, 60)
        while len(server_workers(server.pid)) < SERVER_WORKERS:
            time.sleep(0.1)
        print(f"machine: {machine()}; shared with everything else running on it")
        print(f"date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC; load average at start: "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"server: uvicorn, {SERVER_WORKERS} workers; clients in {CLIENT_PROCESSES} processes, the event "
              f"generator in one; Redis and PostgreSQL on the same box; open files limit {_hard}")
        bench = Bench(shops, port, server)
        skip = os.environ.get("SKIP", "")
        for name in ("capacity", "latency", "outage"):
            if name not in skip:
                await getattr(bench, name)()
        print(f"\n== figures (load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())})")
        for line in bench.results:
            print(f"  - {line}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # still draining sockets
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        redis_proc.terminate()


if __name__ == "__main__":
    asyncio.run(main())
