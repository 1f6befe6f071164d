"""make run keeps its data; the tests get fast throw-away services of their own."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from datastores import Services, free_port, pg_options, port_open, redis_dir, redis_options  # noqa: E402


@pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed")
def test_redis_dir_names_the_folder_of_the_server_on_a_port(tmp_path):
    port = free_port()
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
    try:
        # Wait for the server itself: it answers once it listens.
        while not port_open(port):
            assert proc.poll() is None
        assert redis_dir(port) == str(tmp_path)
    finally:
        proc.terminate()
        proc.wait()
    assert redis_dir(port) == ""


def test_make_run_keeps_its_data_and_the_tests_trade_safety_for_speed(tmp_path):
    unsafe = {"fsync=off", "synchronous_commit=off", "full_page_writes=off"}
    assert not unsafe & set(pg_options(5000, tmp_path, durable=True).split())
    assert unsafe <= set(pg_options(5000, tmp_path, durable=False).split())
    durable = redis_options(5001, tmp_path, durable=True)
    assert durable[durable.index("--appendonly") + 1] == "yes"
    fast = redis_options(5001, tmp_path, durable=False)
    assert fast[fast.index("--appendonly") + 1] == "no"


def test_run_and_tests_use_clusters_of_their_own():
    run, tests = Services(None, durable=True), Services(None, durable=False)
    assert run.pg_dir() != tests.pg_dir()
    assert run.pg_dir().parent == tests.pg_dir().parent
