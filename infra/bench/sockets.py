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
GENERATORS = int(os.environ.get("GENERATORS", "2"))
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
from sockets_procs import (  # noqa: E402  (infra/bench is the script's directory)
    CpuMeter,
    Crowd,
    LoadProcess,
    percentile,
    postgres_pids,
    rss_mb,
    server_workers,
    verdict,
)

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


def clients_of(shops: Shops, per_shop: int) -> list[tuple[str, str, int]]:
    return [(schema, sub, uid) for schema, sub, ids in shops for uid in ids[:per_shop]]


class Bench:
    def __init__(self, shops: Shops, port: int, server: subprocess.Popen) -> None:
        self.shops, self.port, self.server = shops, port, server
        self.workers = server_workers(server.pid)
        self.results: list[str] = []

    def meter(self, crowd: Crowd, generators: list[LoadProcess] = ()) -> CpuMeter:  # type: ignore[assignment]
        # read again at each sample: uvicorn replaces a worker that misses its health check
        groups: dict[str, object] = {f"server ({SERVER_WORKERS} workers)": lambda: server_workers(self.server.pid)}
        groups |= {f"clients {i + 1}": (lambda p=pid: [p]) for i, pid in enumerate(crowd.pids)}
        groups |= {f"generator {i + 1}": (lambda p=g.proc.pid: [p]) for i, g in enumerate(generators)}
        groups |= {"Redis": lambda: [redis_proc.pid], "PostgreSQL": postgres_pids}
        meter = CpuMeter(groups)
        meter.start()
        return meter

    async def capacity(self) -> None:
        print(f"\n== 1. capacity: sockets in batches of 500 up to {SOCKETS_MAX} over {SHOPS} shops, "
              f"{CLIENT_PROCESSES} client processes")
        specs = clients_of(self.shops, SOCKETS_MAX // SHOPS)
        random.shuffle(specs)
        crowd = Crowd(specs, CLIENT_PROCESSES)
        await crowd.start(self.port)
        base = rss_mb(server_workers(self.server.pid))
        meter = self.meter(crowd)
        held = per_socket = 0.0
        limit = "nothing: every batch connected"
        for upto in range(500, len(specs) + 1, 500):
            took = await crowd.open_upto(upto)
            held = crowd.open
            rss = rss_mb(server_workers(self.server.pid))
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
        crowd = Crowd(specs, CLIENT_PROCESSES)
        await crowd.start(self.port)
        for upto in range(250, len(specs) + 250, 250):
            await crowd.open_upto(min(upto, len(specs)))
        print(f"  {crowd.open} open")
        generators = [await LoadProcess.start("generator", {"shops": chosen[i::GENERATORS],
                                                            "rate": EVENTS_PER_SECOND / GENERATORS,
                                                            "seconds": RUN_SECONDS}) for i in range(GENERATORS)]
        meter = self.meter(crowd, generators)
        if os.environ.get("PYSPY"):  # profiles of the server workers and the generator, collapsed stacks
            for name, pid in [*((f"worker{i + 1}", p) for i, p in enumerate(self.workers)),
                              ("generator", generators[0].proc.pid)]:
                subprocess.Popen([str(Path(sys.executable).with_name("py-spy")), "record", "-r", "200", "-f", "raw",
                                  "-d", str(int(RUN_SECONDS)), "-o", f"{os.environ['PYSPY']}/{name}.txt",
                                  "-p", str(pid), *(["--idle"] if name == "generator" else [])],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if outage:
            await self._kill_redis()
        parts = [await g.finish() for g in generators]
        meter.report()
        gen = {"events": sum(p["events"] for p in parts), "elapsed": max(p["elapsed"] for p in parts),
               "owners": [o for p in parts for o in p["owners"]], "push_errors": sum(p["push_errors"] for p in parts),
               "behind_max_s": max(p["behind_max_s"] for p in parts),
               # events are numbered per generator: key them by (generator, number)
               "commits": {(i, int(ev)): at for i, p in enumerate(parts) for ev, at in p["commits"].items()},
               "pushed": {(i, int(ev)): at for i, p in enumerate(parts) for ev, at in p["pushed"].items()}}
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
        commits = gen["commits"]
        generator_of = {schema: i % GENERATORS for i, (schema, _, _) in enumerate(chosen)}
        latencies, wrong = [], 0
        for c in clients:
            for nid, _, at, ev in c["got"]:
                wrong += owners.get((c["schema"], nid)) != c["uid"]
                if (generator_of[c["schema"]], ev) in commits:
                    latencies.append((at - commits[(generator_of[c["schema"]], ev)]) * 1000)
        elapsed, events = gen["elapsed"], gen["events"]
        delivered = sum(len(c["got"]) for c in clients)
        rate_ok = events / elapsed >= EVENTS_PER_SECOND * 0.95
        p99 = percentile(latencies, 99)
        print(f"  events {events} in {elapsed:.1f} s ({events / elapsed:.1f}/s, at most {gen['behind_max_s']:.2f} s "
              f"behind schedule), notifications stored {len(owners)}, delivered {delivered} "
              f"({delivered / elapsed:.0f}/s)")
        print(f"  commit->delivery ms: p50 {percentile(latencies, 50):.1f}  p90 {percentile(latencies, 90):.1f}  "
              f"p99 {p99:.1f}  max {max(latencies, default=float('nan')):.1f}")
        push_ms = [(at - commits[key]) * 1000 for key, at in gen["pushed"].items()]
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
                               "--log-level", "error", "--ws-max-size", "65536", "--backlog", "4096",
                               # uvicorn kills a worker that misses its 5 s health check: on this loaded
                               # machine one did at 3,000 sockets, and its sockets went with it
                               "--timeout-worker-healthcheck", "60"],
                              env=dict(os.environ), cwd=ROOT, start_new_session=True)
    try:
        wait_port(port, 60)
        while len(server_workers(server.pid)) < SERVER_WORKERS:
            time.sleep(0.1)
        print(f"machine: {machine()}; shared with everything else running on it")
        print(f"date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC; load average at start: "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"server: uvicorn, {SERVER_WORKERS} workers; clients in {CLIENT_PROCESSES} processes, the event "
              f"generator in {GENERATORS} (each a share of the shops); Redis and PostgreSQL on the same box; "
              f"open files limit {_hard}")
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
