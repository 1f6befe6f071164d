"""HTTP figures of the catalog, search and checkout, measured in one run beside a bare Django view.

Started by `python3 infra/dev.py bench-http` (which provides the database and Redis). Prints the
machine and date; the query plans of the catalog (EXPLAIN ANALYZE, with the index each query
should use); search relevance over the labelled query set of the demo shop; the JavaScript a
shopper's first page downloads and how static files are served; then runs the project under
granian's WSGI server (how HTTP is deployed) and uvicorn, the bare view under granian WSGI, and
wrk at 16 connections against each, cached, signed in, and with the catalog cache off."""
from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import platform
import re
import subprocess
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
HOST = "perf.localhost"
WORDS = ["heart", "lantern", "bunting", "mug", "teapot", "candle", "retrospot", "vintage", "glass", "enamel",
         "garland", "ceramic", "cushion", "linen", "wicker", "lantren", "cak", "regncy"]
LUA_PAGES = """
request = function()
  return wrk.format("GET", "/api/catalog/products/?page=" .. math.random(1, 400), {Host="%s"})
end
"""
FILTERS = "/api/catalog/products/?category=cat-3&min_price=10&max_price=60&in_stock=true&sort=price"
LUA_SEARCH = """
local words = {%s}
request = function()
  local w = words[math.random(1, #words)]
  return wrk.format("GET", "/api/catalog/products/?search=" .. w .. "&page=" .. math.random(1, 5), {Host="%s"})
end
"""


def manage(*args: str, env: dict | None = None) -> str:
    return subprocess.run([PY, "manage.py", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env or dict(os.environ, DJANGO_SETTINGS_MODULE="saas.settings.base", LOG_LEVEL="ERROR"),
                          check=True).stdout


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {platform.node()}; {os.cpu_count()} cores, "
            f"{cpu}; {platform.system()} {platform.release()}; load average {load}")


def first_page_js() -> tuple[list[tuple[str, int, int]], int, int]:
    """(name, raw, gzip -9) of each script a shopper's first page loads (the entry and its
    modulepreloads in index.html), and the raw and gzip sizes of all the JavaScript built."""
    dist = ROOT / "frontend" / "dist"
    html = (dist / "index.html").read_text()
    names = re.findall(r'<script type="module"[^>]*src="/static/([^"]+)"', html) + re.findall(
        r'<link rel="modulepreload"[^>]*href="/static/([^"]+)"', html)
    first = []
    for name in names:
        data = (dist / name).read_bytes()
        first.append((name, len(data), len(gzip.compress(data, 9))))
    every = [p.read_bytes() for p in (dist / "assets").glob("*.js")]
    return first, sum(map(len, every)), sum(len(gzip.compress(d, 9)) for d in every)


def static_headers(port: int, name: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("GET", f"/static/{name}", headers={"Host": HOST, "Accept-Encoding": "gzip"})
    res = conn.getresponse()
    body = res.read()
    return (f"{res.status}, Content-Encoding: {res.getheader('Content-Encoding')}, {len(body)} bytes sent, "
            f"Cache-Control: {res.getheader('Cache-Control')}")


def shopper_token(port: int) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = {"email": f"bench-{uuid.uuid4().hex[:8]}@example.com", "password": "bench-shopper-pass-123",
            "full_name": "Bench Shopper"}
    conn.request("POST", "/api/auth/signup/", json.dumps(body), {"Host": HOST, "Content-Type": "application/json"})
    res = conn.getresponse()
    found = json.loads(res.read())

    def access(node):
        if isinstance(node, dict):
            return node.get("access") or next((a for v in node.values() if (a := access(v))), None)
        return None

    token = access(found)
    if not token:
        raise SystemExit(f"signup on {HOST} failed: {res.status} {found}")
    return token


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd: list[str], env: dict, cwd: Path = ROOT) -> subprocess.Popen:
    return subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def wait_port(port: int, host_header: str = "localhost") -> None:
    for _ in range(200):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/healthz", headers={"Host": host_header})
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"server on {port} did not start")


def wrk(port: int, path: str = "/", script: str | None = None, seconds: int = 8,
        token: str | None = None) -> tuple[float, float]:
    cmd = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "-H", f"Host: {HOST}"]
    if token:
        cmd += ["-H", f"Authorization: Bearer {token}"]
    if script:
        lua = ROOT / ".data" / f"bench-{uuid.uuid4().hex}.lua"
        lua.write_text(script)
        cmd += ["-s", str(lua)]
    out = subprocess.run([*cmd, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True).stdout
    if script:
        lua.unlink()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    factor = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise SystemExit(f"{path}: {non2xx.group(1)} error responses\n{out}")
    return rps, float(p99.group(1)) * factor


def checkout_rate(port: int, buyers: int = 20, seconds: float = 10.0) -> tuple[float, int]:
    """Each buyer, on its own keep-alive connection: add a line to a guest cart, check out."""
    done, failed = [0], [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def buyer(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        base = {"Host": HOST, "Content-Type": "application/json"}
        while time.monotonic() < stop:
            conn.request("POST", "/api/cart/lines/", json.dumps({"variant_id": 1 + (n * 7 + done[0]) % 200,
                                                                 "quantity": 1}), base)
            cart = json.loads(conn.getresponse().read())
            body = {"email": f"buyer{n}@example.com", "shipping_rate_id": 1, "payment": {
                "card_number": "4242424242424242", "exp_month": 12, "exp_year": 2031, "cvc": "123"},
                "shipping_address": {"full_name": "B", "line1": "1 St", "city": "X", "postcode": "N1 1AA",
                                     "country": "GB"}}
            conn.request("POST", "/api/checkout/", json.dumps(body),
                         {**base, "X-Cart-Token": cart["token"], "Idempotency-Key": str(uuid.uuid4())})
            res = conn.getresponse()
            res.read()
            with lock:
                if res.status == 201:
                    done[0] += 1
                else:
                    failed[0] += 1

    threads = [threading.Thread(target=buyer, args=(n,)) for n in range(buyers)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return done[0] / (time.monotonic() - started), failed[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=["checkout", "catalog"],
                        help="checkout: the floor, the checkout's profile, orders/s; "
                             "catalog: the plans, the CPU of one read and the uncached wrk cases")
    only = parser.parse_args().only
    if only == "checkout":
        return checkout_only()
    if only == "catalog":
        return catalog_only()
    print(f"machine: {machine()}")
    manage("bench_seed", "--vacuum-only")  # a rerun with --keep: what autovacuum does after the last run's checkouts
    print("\nquery plans on the benchmark shop (EXPLAIN ANALYZE, catalog cache irrelevant):")
    print(manage("explain_catalog", "--shop", "perf"))
    print("what one uncached read costs (manage.py profile_catalog: CPU per request, Django and PostgreSQL):")
    print(manage("profile_catalog", "--shop", "perf"))
    manage("load_demo", "--quiet")
    print("search relevance, 66 labelled queries on the demo shop (manage.py search_eval):")
    print(manage("search_eval", "--shop", "riverside"))
    manage("collectstatic", "--noinput", "-v", "0")
    first, all_raw, all_gz = first_page_js()
    print("a shopper's first page loads:")
    for name, raw, gz in first:
        print(f"  {name:<44}{raw / 1000:>9.1f} kB{gz / 1000:>9.1f} kB gzip")
    print(f"  {'total':<44}{sum(r for _, r, _ in first) / 1000:>9.1f} kB"
          f"{sum(g for _, _, g in first) / 1000:>9.1f} kB gzip (aim: under 135 kB gzip)")
    print(f"  all JavaScript built (every route): {all_raw / 1000:.1f} kB, {all_gz / 1000:.1f} kB gzip")
    env = ENV
    print("\n" + manage("profile_checkout", "--shop", "perf", env=env).rstrip())
    ports = {name: free_port() for name in ("bare", "wsgi", "nocache", "asgi")}
    granian = [PY, "-m", "granian", "--interface", "wsgi", "--workers", "2", "--no-ws", "--log-level", "error"]
    project = [*granian, "--blocking-threads", "4", "saas.wsgi:application"]
    procs = [
        start([*granian, "--port", str(ports["bare"]), "bare_app:application"], env, ROOT / "infra" / "bench"),
        start([*project, "--port", str(ports["wsgi"])], env),
        start([*project, "--port", str(ports["nocache"])], dict(env, CATALOG_CACHE="0")),
        start([PY, "-m", "uvicorn", "saas.asgi:application", "--port", str(ports["asgi"]), "--workers", "2",
               "--no-access-log", "--log-level", "error"], env),
    ]
    try:
        for name, port in ports.items():
            wait_port(port, HOST if name != "bare" else "localhost")
        print(f"  served: {static_headers(ports['wsgi'], first[0][0])}")
        token = shopper_token(ports["wsgi"])
        cases = [
            ("bare Django view, 2 KB JSON (floor)", "bare", "/", None),
            ("product list, page 1", "wsgi", "/api/catalog/products/", None),
            ("product list, random page of 400", "wsgi", "/", LUA_PAGES % HOST),
            ("product list, filters + sort", "wsgi",
             FILTERS, None),
            ("product list, search (18 terms, 5 pages)", "wsgi", "/",
             LUA_SEARCH % (", ".join(f'"{w}"' for w in WORDS), HOST)),
            ("product detail", "wsgi", "/api/catalog/products/p42/", None),
            ("signed in: product list, page 1", "wsgi+token", "/api/catalog/products/", None),
            ("signed in: product detail", "wsgi+token", "/api/catalog/products/p42/", None),
            ("no cache: product list, page 1", "nocache", "/api/catalog/products/", None),
            ("no cache: product list, random page of 400", "nocache", "/", LUA_PAGES % HOST),
            ("no cache: product list, filters + sort", "nocache",
             FILTERS, None),
            ("no cache: product list, search", "nocache", "/",
             LUA_SEARCH % (", ".join(f'"{w}"' for w in WORDS), HOST)),
            ("no cache: product detail", "nocache", "/api/catalog/products/p42/", None),
            ("product list, page 1 (uvicorn ASGI)", "asgi", "/api/catalog/products/", None),
        ]
        rows = []
        floor = None
        for label, server, path, script in cases:
            auth = token if server.endswith("+token") else None
            port = ports[server.removesuffix("+token")]
            wrk(port, path, script, seconds=2, token=auth)  # warm-up
            rps, p99 = wrk(port, path, script, token=auth)
            floor = floor or rps
            rows.append((label, rps, p99, rps / floor))
        rate, failed = checkout_rate(ports["wsgi"])
    finally:
        for p in procs:
            os.killpg(p.pid, 15)
            p.wait()
    print("\nHTTP, wrk -t2 -c16, 8 s each, server and load on the same 2 cores")
    print(f"{'case':<44}{'req/s':>9}{'p99 ms':>9}{'x floor':>9}  target")
    for label, rps, p99, ratio in rows:
        target = ""
        if label.startswith("no cache"):
            low, limit = (0.05, 100) if "search" in label else (0.1, 50)
            target = f"  >= {low}x, p99 < {limit} ms: {'met' if ratio >= low and p99 < limit else 'NOT met'}"
        print(f"{label:<44}{rps:>9.0f}{p99:>9.1f}{ratio:>9.2f}{target}")
    checkout_print(rate, failed, rows[0][1])


# every simulated buyer comes from 127.0.0.1: lift the per-client checkout throttle
ENV = dict(os.environ, DJANGO_SETTINGS_MODULE="saas.settings.base", LOG_LEVEL="ERROR", SHOP_HOST_LOCAL_TTL="5",
           CHECKOUT_THROTTLE_CLIENT="1000000/min")


def checkout_print(rate: float, failed: int, floor: float) -> None:
    print(f"\ncheckout, 20 concurrent buyers (cart + checkout each), granian WSGI: {rate:.1f} orders/s "
          f"({failed} failed; aim 100); the floor above: {floor:,.0f} req/s; load average after: "
          f"{' '.join(Path('/proc/loadavg').read_text().split()[:3])}")


def checkout_only() -> None:
    """The floor, what one order costs (manage.py profile_checkout) and orders/s: a quicker loop
    than the whole benchmark while working on checkout."""
    print(f"machine: {machine()}")
    print("\n" + manage("profile_checkout", "--shop", "perf", env=ENV).rstrip())
    ports = {"bare": free_port(), "wsgi": free_port()}
    granian = [PY, "-m", "granian", "--interface", "wsgi", "--workers", "2", "--no-ws", "--log-level", "error"]
    procs = [start([*granian, "--port", str(ports["bare"]), "bare_app:application"], ENV, ROOT / "infra" / "bench"),
             start([*granian, "--blocking-threads", "4", "saas.wsgi:application", "--port", str(ports["wsgi"])], ENV)]
    try:
        wait_port(ports["bare"])
        wait_port(ports["wsgi"], HOST)
        wrk(ports["bare"], seconds=2)  # warm-up
        floor, p99 = wrk(ports["bare"])
        rate, failed = checkout_rate(ports["wsgi"])
    finally:
        for p in procs:
            os.killpg(p.pid, 15)
            p.wait()
    print(f"\nbare Django view, 2 KB JSON (floor), wrk -t2 -c16: {floor:,.0f} req/s, p99 {p99:.1f} ms")
    checkout_print(rate, failed, floor)


def catalog_only() -> None:
    """The floor and the uncached catalog reads with what they cost: a quicker loop than the
    whole benchmark while working on the catalog."""
    print(f"machine: {machine()}")
    manage("bench_seed", "--vacuum-only")
    print(manage("explain_catalog", "--shop", "perf"))
    print(manage("profile_catalog", "--shop", "perf"))
    ports = {"bare": free_port(), "nocache": free_port()}
    granian = [PY, "-m", "granian", "--interface", "wsgi", "--workers", "2", "--no-ws", "--log-level", "error"]
    procs = [start([*granian, "--port", str(ports["bare"]), "bare_app:application"], ENV, ROOT / "infra" / "bench"),
             start([*granian, "--blocking-threads", "4", "saas.wsgi:application", "--port", str(ports["nocache"])],
                   dict(ENV, CATALOG_CACHE="0"))]
    search = LUA_SEARCH % (", ".join(f'"{w}"' for w in WORDS), HOST)
    cases = [("bare Django view (floor)", "bare", "/", None),
             ("no cache: product list, page 1", "nocache", "/api/catalog/products/", None),
             ("no cache: product list, random page of 400", "nocache", "/", LUA_PAGES % HOST),
             ("no cache: product list, filters + sort", "nocache", FILTERS, None),
             ("no cache: product list, search", "nocache", "/", search),
             ("no cache: product detail", "nocache", "/api/catalog/products/p42/", None)]
    try:
        wait_port(ports["bare"])
        wait_port(ports["nocache"], HOST)
        floor = None
        for label, server, path, script in cases:
            wrk(ports[server], path, script, seconds=2)
            rps, p99 = wrk(ports[server], path, script)
            floor = floor or rps
            print(f"{label:<44}{rps:>9.0f}{p99:>9.1f}{rps / floor:>9.2f}")
    finally:
        for p in procs:
            os.killpg(p.pid, 15)
            p.wait()


if __name__ == "__main__":
    main()
