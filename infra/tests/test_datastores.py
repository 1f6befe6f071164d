"""make run shares a running persistent Redis only when it is this checkout's own."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from datastores import free_port, port_open, redis_dir  # noqa: E402


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
