"""Socket load script (not a timed test): prints figures, asserts nothing.

Starts its own Redis (so that it can kill and restart it) and uvicorn, over 20 shops:
  1. capacity: opens sockets in batches up to SOCKETS_MAX (5,000), printing the server's memory;
  2. latency: 1,000 sockets, 20 events a second spread over the 20 shops, each event stored for
     and pushed to every socket of its shop (~1,000 deliveries a second): commit-to-delivery
     percentiles, wrong-shop or wrong-person deliveries;
  3. Redis outage: kills Redis (SIGKILL) mid-run and restarts it empty; clients reconnect and
     ask for what they missed ("resume"); every stored notification must reach its recipient.

Run with `make bench-sockets` (infra/dev.py sets DATABASE_URL and REDIS_SERVER).
"""
from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SHOPS = 20
SOCKETS_MAX = int(os.environ.get("SOCKETS_MAX", "5000"))
LATENCY_SOCKETS = int(os.environ.get("LATENCY_SOCKETS", "1000"))
EVENTS_PER_SECOND = float(os.environ.get("EVENTS_PER_SECOND", "20"))
RUN_SECONDS = float(os.environ.get("RUN_SECONDS", "30"))
OUTAGE_SOCKETS = int(os.environ.get("OUTAGE_SOCKETS", "200"))


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


REDIS_PORT = free_port()
os.environ["REDIS_URL"] = f"redis://127.0.0.1:{REDIS_PORT}/0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saas.settings.base")
redis_proc = start_redis(REDIS_PORT)

import django  # noqa: E402

django.setup()

import websockets  # noqa: E402
from django.db import transaction  # noqa: E402
from django_tenants.utils import schema_context  # noqa: E402

from realtime.notifications.models import Notification  # noqa: E402
from realtime.notifications.services import Draft, notifications_create  # noqa: E402
from realtime.services import ws_ticket_issue  # noqa: E402
from saas.accounts.models import Role, User  # noqa: E402
from saas.kernel.tenancy import tenant_connection  # noqa: E402
from tenants.models import Shop  # noqa: E402
from tenants.services import shop_create  # noqa: E402


class Pk:
    def __init__(self, pk: int) -> None:
        self.pk = pk


def prepare(per_shop: int) -> list[tuple[str, str, list[int]]]:
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


def issue(schema: str, uid: int) -> str:
    tenant_connection().set_schema(schema)
    try:
        return ws_ticket_issue(user=Pk(uid))
    finally:
        tenant_connection().set_schema_to_public()


class Client:
    def __init__(self, schema: str, sub: str, uid: int) -> None:
        self.schema, self.sub, self.uid = schema, sub, uid
        self.last = -1
        self.first = -1
        self.got: list[tuple[int, int, float, int]] = []  # (notification id, seq, received at, ev)
        self.connects = 0
        self.replayed = 0
        self.open = False

    async def run(self, port: int, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                ticket = await asyncio.to_thread(issue, self.schema, self.uid)
                url = f"ws://{self.sub}.localhost:{port}/ws/notifications/?ticket={ticket}"
                async with websockets.connect(url, host="127.0.0.1", port=port, open_timeout=60, ping_interval=None,
                                              max_queue=None, close_timeout=1) as ws:
                    await self._session(ws, stop)
            except Exception:  # refused, Redis down, closed by the server: like the browser, try again
                self.open = False
                if not stop.is_set():
                    await asyncio.sleep(1 + random.random())

    async def _session(self, ws, stop: asyncio.Event) -> None:
        hello = json.loads(await ws.recv())
        self.connects += 1
        self.open = True
        resuming = False
        if self.last < 0:
            self.last = self.first = hello["last_seq"]
        else:
            await ws.send(json.dumps({"type": "resume", "after": self.last}))
            resuming = True
        while not stop.is_set():
            try:
                raw = await asyncio.wait_for(ws.recv(), 5)
            except TimeoutError:
                await ws.send('{"type": "ping"}')  # renews group memberships (lost if Redis restarted empty)
                continue
            now = time.time()
            frame = json.loads(raw)
            if frame["type"] == "resumed":
                resuming = False
            elif frame["type"] == "notification":
                seq = frame["seq"]
                if seq <= self.last:
                    continue
                if seq > self.last + 1:
                    if not resuming:
                        await ws.send(json.dumps({"type": "resume", "after": self.last}))
                        resuming = True
                    continue
                self.last = seq
                self.replayed += resuming
                self.got.append((frame["id"], seq, now, frame["data"].get("ev", -1)))
        self.open = False


class Generator(threading.Thread):
    """Events at a steady rate, round robin over the shops; each stored for every customer of
    the shop that has a socket, pushed after commit. Records each event's commit time."""

    def __init__(self, shops, rate: float) -> None:
        super().__init__(daemon=True)
        self.shops, self.rate = shops, rate
        self.stop = threading.Event()
        self.commits: dict[int, float] = {}
        self.owners: dict[tuple[str, int], int] = {}
        self.events = self.push_errors = 0

    def _committed(self, ev: int):
        return lambda: self.commits.__setitem__(ev, time.time())

    def run(self) -> None:
        next_at = time.perf_counter()
        n = 0
        while not self.stop.is_set():
            schema, _, uids = self.shops[n % len(self.shops)]
            tenant_connection().set_schema(schema)
            rows = []
            try:
                with transaction.atomic():
                    transaction.on_commit(self._committed(n))
                    rows = notifications_create(user_ids=uids, draft=Draft(kind="promotion", title=f"ev {n}",
                                                                           data={"ev": n}))
            except Exception:  # pushed after commit: a Redis outage loses the push, not the rows
                self.push_errors += 1
                rows = list(Notification.objects.filter(data__ev=n))
            finally:
                tenant_connection().set_schema_to_public()
            for row in rows:
                self.owners[(schema, row.pk)] = row.recipient_id
            self.events += 1
            n += 1
            next_at += 1 / self.rate
            time.sleep(max(0.0, next_at - time.perf_counter()))


def server_rss_mb(proc: subprocess.Popen) -> float:
    """Resident memory of uvicorn and its worker processes."""
    pids = [proc.pid]
    out = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
    pids += [int(p) for p in out]
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


async def open_clients(clients, port, stop, batch=250, timeout=120):
    tasks = []
    for start in range(0, len(clients), batch):
        tasks += [asyncio.create_task(c.run(port, stop)) for c in clients[start:start + batch]]
        end = time.time() + timeout
        while time.time() < end and sum(c.open for c in clients[:start + batch]) < min(len(clients), start + batch):
            await asyncio.sleep(0.2)
    return tasks


async def close_clients(tasks, stop) -> None:
    stop.set()
    await asyncio.wait(tasks, timeout=30)


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


async def phase_capacity(shops, port, server) -> None:
    print(f"\n== 1. capacity: sockets in batches of 500 up to {SOCKETS_MAX} over {SHOPS} shops")
    per_shop = SOCKETS_MAX // SHOPS
    clients = [Client(schema, sub, uid) for schema, sub, ids in shops for uid in ids[:per_shop]]
    random.shuffle(clients)
    stop = asyncio.Event()
    base = server_rss_mb(server)
    tasks = []
    for start in range(0, len(clients), 500):
        began = time.time()
        tasks += await open_clients(clients[start:start + 500], port, stop)
        held = sum(c.open for c in clients)
        rss = server_rss_mb(server)
        print(f"  {held:5d} open (batch in {time.time() - began:4.1f} s)  server RSS {rss:7.1f} MB  "
              f"{(rss - base) * 1024 / max(held, 1):6.1f} KB/socket")
        if held < start + 500 - 25:
            print("  stopped: the last batch did not all connect within 120 s")
            break
    await asyncio.sleep(5)
    print(f"  held {sum(c.open for c in clients)} sockets for 5 s more")
    await close_clients(tasks, stop)


async def phase_latency(shops, port) -> None:
    per_shop = LATENCY_SOCKETS // SHOPS
    chosen = [(schema, sub, ids[:per_shop]) for schema, sub, ids in shops]
    print(f"\n== 2. latency: {LATENCY_SOCKETS} sockets, {EVENTS_PER_SECOND:g} events/s over {SHOPS} shops, "
          f"each to its shop's {per_shop} sockets, {RUN_SECONDS:g} s")
    clients = [Client(schema, sub, uid) for schema, sub, ids in chosen for uid in ids]
    stop = asyncio.Event()
    tasks = await open_clients(clients, port, stop)
    print(f"  {sum(c.open for c in clients)} open")
    gen = Generator(chosen, EVENTS_PER_SECOND)
    began = time.time()
    gen.start()
    await asyncio.sleep(RUN_SECONDS)
    gen.stop.set()
    gen.join()
    elapsed = time.time() - began
    await asyncio.sleep(5)  # let the last frames arrive
    await close_clients(tasks, stop)
    report(clients, gen, elapsed)


def report(clients, gen: Generator, elapsed: float) -> None:
    latencies, wrong = [], 0
    for c in clients:
        for nid, _, at, ev in c.got:
            if gen.owners.get((c.schema, nid)) != c.uid:
                wrong += 1
            if ev in gen.commits:
                latencies.append((at - gen.commits[ev]) * 1000)
    expected = len(gen.owners)
    delivered = sum(len(c.got) for c in clients if c.got)
    print(f"  events {gen.events} in {elapsed:.1f} s ({gen.events / elapsed:.1f}/s), notifications stored {expected}, "
          f"delivered {delivered} ({delivered / elapsed:.0f}/s)")
    print(f"  commit->delivery ms: p50 {percentile(latencies, 50):.1f}  p90 {percentile(latencies, 90):.1f}  "
          f"p99 {percentile(latencies, 99):.1f}  max {max(latencies, default=float('nan')):.1f}")
    print(f"  wrong shop or person: {wrong}")


async def phase_outage(shops, port) -> None:
    global redis_proc
    per_shop = OUTAGE_SOCKETS // SHOPS
    chosen = [(schema, sub, ids[:per_shop]) for schema, sub, ids in shops]
    print(f"\n== 3. Redis killed mid-run: {OUTAGE_SOCKETS} sockets, {EVENTS_PER_SECOND:g} events/s, {RUN_SECONDS:g} s")
    clients = [Client(schema, sub, uid) for schema, sub, ids in chosen for uid in ids]
    stop = asyncio.Event()
    tasks = await open_clients(clients, port, stop)
    gen = Generator(chosen, EVENTS_PER_SECOND)
    gen.start()
    await asyncio.sleep(RUN_SECONDS / 3)
    redis_proc.send_signal(signal.SIGKILL)
    redis_proc.wait()
    print(f"  Redis killed at {RUN_SECONDS / 3:.0f} s; restarted empty 3 s later")
    await asyncio.sleep(3)
    redis_proc = start_redis(REDIS_PORT)
    await asyncio.sleep(RUN_SECONDS * 2 / 3 - 3)
    gen.stop.set()
    gen.join()

    def stored_last() -> dict[tuple[str, int], int]:
        last = {}
        for schema, _, ids in chosen:
            with schema_context(schema):
                for uid in ids:
                    last[(schema, uid)] = Notification.objects.filter(recipient_id=uid).order_by("-seq").values_list(
                        "seq", flat=True).first() or 0
        return last

    want = await asyncio.to_thread(stored_last)
    end = time.time() + 60
    while time.time() < end and any(c.last < want[(c.schema, c.uid)] for c in clients):
        await asyncio.sleep(0.5)
    await close_clients(tasks, stop)
    stored = sum(want[(c.schema, c.uid)] - c.first for c in clients)
    received = sum(len({seq for _, seq, _, _ in c.got}) for c in clients)
    missing = sum(max(0, want[(c.schema, c.uid)] - c.last) for c in clients)
    reconnects = sum(c.connects for c in clients) - len(clients)
    print(f"  stored while running {stored}, received {received}, missing {missing}, "
          f"via replay {sum(c.replayed for c in clients)}, reconnects {reconnects}, "
          f"pushes lost with Redis {gen.push_errors} events")


async def main() -> None:
    shops = await asyncio.to_thread(prepare, max(SOCKETS_MAX, LATENCY_SOCKETS, OUTAGE_SOCKETS) // SHOPS)
    port = free_port()
    env = dict(os.environ)
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "saas.asgi:application", "--host", "127.0.0.1",
                               "--port", str(port), "--workers", "2", "--no-access-log", "--log-level", "error",
                               "--ws-max-size", "65536", "--backlog", "4096"], env=env, cwd=ROOT,
                              start_new_session=True)
    try:
        wait_port(port, 60)
        print(f"machine: {os.cpu_count()} cores shared with everything else running on it; uvicorn 2 workers, "
              f"Redis, PostgreSQL and this client in one box")
        if "capacity" not in os.environ.get("SKIP", ""):
            await phase_capacity(shops, port, server)
        if "latency" not in os.environ.get("SKIP", ""):
            await phase_latency(shops, port)
        if "outage" not in os.environ.get("SKIP", ""):
            await phase_outage(shops, port)
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
