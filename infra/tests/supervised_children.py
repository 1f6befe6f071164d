"""A stand-in for `make run` over dummy children, with dev.py's own supervision: prints the
pids of every process it made (children and a grandchild) as JSON, then waits for a signal.
Argument: how long a child may take to stop before it is killed (seconds)."""
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from supervise import Supervisor, stop_on_signals  # noqa: E402

SLEEPER = "import time\nwhile True: time.sleep(60)"
# Ignores TERM, as a server busy finishing its work may: only KILL stops it.
STUBBORN = ("import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nprint('ready', flush=True)\n"
            "while True: time.sleep(60)")
# Forks a stubborn grandchild into its own process group, as Celery forks its pool.
PARENT = ("import subprocess, sys, time\n"
          f"child = subprocess.Popen([sys.executable, '-c', {STUBBORN!r}], stdout=subprocess.PIPE)\n"
          "child.stdout.readline()\nprint(child.pid, flush=True)\nwhile True: time.sleep(60)")


def main() -> int:
    stop_on_signals()
    with Supervisor(stop_timeout=float(sys.argv[1])) as sup:
        try:  # as in dev.py's cmd_run
            sup.start("sleeper", [sys.executable, "-c", SLEEPER])
            stubborn = sup.start("stubborn", [sys.executable, "-c", STUBBORN], stdout=subprocess.PIPE)
            stubborn.stdout.readline()
            parent = sup.start("parent", [sys.executable, "-c", PARENT], stdout=subprocess.PIPE)
            grandchild = int(parent.stdout.readline())
            sup.on_stop("the services", lambda: print("cleanup ran", flush=True))
            pids = [proc.pid for _, proc in sup.children] + [grandchild]
            print(json.dumps({"pids": pids}), flush=True)
            return sup.watch()
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    sys.exit(main())
