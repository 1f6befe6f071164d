"""The nginx front door's configuration: complete, accepted by nginx, and in step with Django."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import frontdoor  # noqa: E402


def write(tmp_path: Path) -> Path:
    static = tmp_path / "static"
    (static / "assets").mkdir(parents=True)
    return frontdoor.write_config(tmp_path / "run", port=18080, wsgi_port=18081, asgi_port=18082,
                                  static_root=static, max_body_bytes=1234567, checkout=tmp_path)


def test_the_config_fills_every_value_and_keeps_the_proxy_rules(tmp_path):
    conf = write(tmp_path).read_text()
    assert "{{" not in conf
    assert "listen 127.0.0.1:18080;" in conf
    assert "server 127.0.0.1:18081;" in conf
    assert "server 127.0.0.1:18082;" in conf
    assert "client_max_body_size 1234567;" in conf
    assert f"alias {tmp_path}/static/assets/;" in conf
    assert "daemon off;" in conf
    assert "access_log off;" in conf
    # Every location that proxies replaces the client's X-Forwarded-For (one trusted hop).
    assert conf.count("proxy_pass") == conf.count("proxy_set_header X-Forwarded-For $remote_addr;") == 2
    assert "proxy_set_header Upgrade $http_upgrade;" in conf


def test_a_missing_value_is_an_error_not_a_broken_config():
    with pytest.raises(ValueError, match="port"):
        frontdoor.render("listen {{port}}; {{asgi_port}}", {"asgi_port": "1"})


@pytest.mark.skipif(frontdoor.find_nginx() is None, reason="nginx is not installed")
def test_nginx_accepts_the_config(tmp_path):
    conf = write(tmp_path)
    res = subprocess.run([*frontdoor.nginx_command(frontdoor.find_nginx(), conf), "-t", "-q"],
                         capture_output=True, text=True, timeout=30)
    assert res.returncode == 0, res.stderr


def test_the_body_limit_matches_djangos_default():
    from saas.settings import base

    assert frontdoor.DEFAULT_MAX_REQUEST_BYTES == base.MAX_REQUEST_BYTES


def test_static_files_are_precompressed_once(tmp_path):
    js = tmp_path / "app.js"
    js.write_text("console.log('hello');\n" * 200)
    (tmp_path / "tiny.css").write_text("a{}")
    assert frontdoor.precompress(tmp_path) == 1
    assert (tmp_path / "app.js.gz").stat().st_size < js.stat().st_size
    assert not (tmp_path / "tiny.css.gz").exists()
    assert frontdoor.precompress(tmp_path) == 0
