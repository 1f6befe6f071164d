"""The page Django serves for the React app: its inlined config, its status, its headers."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from django.core.cache import cache

from conftest import client_for
from tenants.models import Shop

pytestmark = pytest.mark.django_db

INDEX = ("<!doctype html><html><head><title>Shopyard</title><!--app-config--></head>"
         "<body><div id=\"root\"></div><script type=\"module\" src=\"/assets/index.js\"></script></body></html>")


@pytest.fixture
def index(settings, tmp_path):
    (tmp_path / "index.html").write_text(INDEX)
    settings.FRONTEND_DIST = tmp_path
    return tmp_path


class _Page(HTMLParser):
    """What a browser's parser makes of the page: the config element's text and the elements after it."""

    def __init__(self):
        super().__init__()
        self.config: str | None = None
        self.tags: list[str] = []
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_config = dict(attrs).get("id") == "app-config"

    def handle_endtag(self, tag):
        self._in_config = False

    def handle_data(self, data):
        if self._in_config:
            self.config = (self.config or "") + data


def parse(content: bytes) -> _Page:
    page = _Page()
    page.feed(content.decode())
    return page


@pytest.mark.parametrize("name", ["<!--<script>", "</script><script>alert(1)</script>", "Tom & Jerry's <b>"])
def test_a_shop_name_with_markup_leaves_the_page_whole(world, index, name):
    Shop.objects.filter(pk=world.shop_a.pk).update(name=name)
    cache.clear()  # the host snapshot
    res = client_for(world.shop_a).get("/", HTTP_ACCEPT="text/html")
    assert res.status_code == 200
    page = parse(res.content)
    assert json.loads(page.config)["shop"]["name"] == name
    # the app's root and script still come after the config: nothing was swallowed
    assert page.tags[-2:] == ["div", "script"]
    for raw in ("<!--", "</script><script>", "<b>"):
        assert raw.encode() not in res.content.split(b"</title>", 1)[1].split(b"<div", 1)[0]
