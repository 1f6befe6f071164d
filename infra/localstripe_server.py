"""localstripe, the stateful fake Stripe the tests pay against, served on 127.0.0.1 only and
kept in memory (its own command line listens on every interface and pickles its store to
/tmp after each change). Usage: python infra/localstripe_server.py PORT"""
from __future__ import annotations

import sys

from aiohttp import web
from localstripe import resources, server


def main() -> None:
    resources.store.dump_to_disk = lambda: None  # type: ignore[method-assign]
    web.run_app(server.app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)


if __name__ == "__main__":
    main()
