"""`make run`'s shutdown: once, complete, whatever signals arrive; and a taken port named."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from supervise import port_holder  # noqa: E402

ROOT = HERE.parent.parent


def gone(pid: int) -> bool:
    """No such process, or only its zombie (reaped by whoever adopted it, or never)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


@pytest.mark.parametrize("signals", [
    (signal.SIGTERM, signal.SIGTERM),  # make forwards TERM on top of the one its group got
    (signal.SIGINT, signal.SIGINT),  # a double Ctrl-C
    (signal.SIGHUP, signal.SIGTERM),
])
def test_repeated_stop_signals_stop_every_child_once_without_a_traceback(signals):
    proc = subprocess.Popen([sys.executable, str(HERE / "supervised_children.py"), "1"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        pids = []
        for line in proc.stdout:
            if line.startswith("{"):
                pids = json.loads(line)["pids"]
                break
        assert len(pids) == 4
        for sig in signals:
            os.kill(proc.pid, sig)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert out.count("cleanup ran") == 1
    assert [pid for pid in pids if not gone(pid)] == []


def test_port_holder_names_the_listening_process():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        holder = port_holder(port)
    assert holder is not None
    assert holder.startswith(f"pid {os.getpid()} (")
    assert "python" in holder


def test_make_run_on_a_taken_port_says_who_holds_it_and_stops():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        res = subprocess.run([sys.executable, str(ROOT / "infra" / "dev.py"), "run"], cwd=ROOT, capture_output=True,
                             text=True, timeout=60, env=dict(os.environ, PORT=str(port)))
    assert res.returncode == 1
    assert f"Port {port} is taken by pid {os.getpid()} (" in res.stderr
    assert "Traceback" not in res.stderr
