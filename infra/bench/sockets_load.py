"""The load side of infra/bench/sockets.py, in processes of its own so that measuring does not
compete with the server in one interpreter. Two roles, each reading JSON lines on stdin and
writing JSON lines on stdout:

  sockets_load.py clients    first line {"port", "clients": [[schema, subdomain, user id], ...]};
                             then {"cmd": "open", "upto": n} (start the first n), {"cmd": "want",
                             "want": [[index, seq], ...]} (the last number each must reach) and
                             {"cmd": "stop"}. Prints {"open", "short"} every 0.5 s, and at the end
                             {"result": [...]} with what each client received.
  sockets_load.py generator  one line {"shops": [[schema, subdomain, [user ids]], ...], "rate",
                             "seconds"}: stores and pushes a promotion for every listed customer of
                             one shop at a time, round robin, at `rate` a second, through the
                             service the app uses; prints {"result": {...}} with each event's
                             commit time and who owns each stored row.
"""
from __future__ import annotations

import asyncio
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saas.settings.base")

import django  # noqa: E402

django.setup()

import websockets  # noqa: E402
from django.db import transaction  # noqa: E402

from realtime.notifications.models import Notification  # noqa: E402
from realtime.notifications.services import Draft, notifications_create  # noqa: E402
from realtime.services import ws_ticket_issue  # noqa: E402
from saas.kernel.tenancy import tenant_connection  # noqa: E402


def emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


class Pk:
    def __init__(self, pk: int) -> None:
        self.pk = pk


def issue(schema: str, uid: int) -> str:
    tenant_connection().set_schema(schema)
    try:
        return ws_ticket_issue(user=Pk(uid))
    finally:
        tenant_connection().set_schema_to_public()


class Client:
    """One shopper's socket, reconnecting like the browser does and asking for what it missed."""

    def __init__(self, schema: str, sub: str, uid: int) -> None:
        self.schema, self.sub, self.uid = schema, sub, uid
        self.last = self.first = -1
        self.want = -1
        self.got: list[tuple[int, int, float, int]] = []  # (notification id, seq, received at, ev)
        self.connects = self.replayed = 0
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


async def clients_role() -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=2**30)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    spec = json.loads(await reader.readline())
    clients = [Client(*c) for c in spec["clients"]]
    stop = asyncio.Event()
    tasks: list[asyncio.Task] = []

    async def status() -> None:
        while True:
            emit({"open": sum(c.open for c in clients),
                  "short": sum(1 for c in clients if c.want >= 0 and c.last < c.want)})
            await asyncio.sleep(0.5)

    ticker = asyncio.create_task(status())
    while line := await reader.readline():
        cmd = json.loads(line)
        if cmd["cmd"] == "open":
            for c in clients[len(tasks):cmd["upto"]]:
                tasks.append(asyncio.create_task(c.run(spec["port"], stop)))
        elif cmd["cmd"] == "want":
            for i, seq in cmd["want"]:
                clients[i].want = seq
        elif cmd["cmd"] == "stop":
            break
    stop.set()
    if tasks:
        await asyncio.wait(tasks, timeout=30)
    ticker.cancel()
    emit({"result": [{"first": c.first, "last": c.last, "got": c.got, "connects": c.connects,
                      "replayed": c.replayed} for c in clients]})


def generator_role() -> None:
    spec = json.loads(sys.stdin.readline())
    shops, rate, seconds = spec["shops"], spec["rate"], spec["seconds"]
    commits: dict[int, float] = {}
    pushed: dict[int, float] = {}
    owners: list[tuple[str, int, int]] = []
    push_errors = 0
    began = time.perf_counter()
    next_at, n, behind = began, 0, 0.0
    while time.perf_counter() - began < seconds:
        schema, _, uids = shops[n % len(shops)]
        tenant_connection().set_schema(schema)
        rows: list[Notification] = []
        try:
            with transaction.atomic():
                transaction.on_commit(lambda ev=n: commits.__setitem__(ev, time.time()))
                rows = notifications_create(user_ids=uids, draft=Draft(kind="promotion", title=f"ev {n}",
                                                                       data={"ev": n}))
                # registered after the service's own push, so it runs once that has been handed to Redis
                transaction.on_commit(lambda ev=n: pushed.__setitem__(ev, time.time()))
        except Exception:  # pushed after commit: a Redis outage loses the push, not the rows
            push_errors += 1
            rows = list(Notification.objects.filter(data__ev=n))
        finally:
            tenant_connection().set_schema_to_public()
        owners += [(schema, row.pk, row.recipient_id) for row in rows]
        n += 1
        next_at += 1 / rate
        behind = max(behind, time.perf_counter() - next_at)
        time.sleep(max(0.0, next_at - time.perf_counter()))
    emit({"result": {"events": n, "elapsed": time.perf_counter() - began, "commits": commits, "pushed": pushed,
                     "owners": owners, "push_errors": push_errors, "behind_max_s": behind}})


if __name__ == "__main__":
    if sys.argv[1] == "clients":
        asyncio.run(clients_role())
    else:
        generator_role()
