"""localstripe (a stateful fake of Stripe's API, from PyPI) for tests and the browser journeys:
bound to 127.0.0.1 only, its state kept in memory (its CLI listens on every interface and
pickles its store to a fixed file in /tmp). Stripe.js's stand-in is served at /js.stripe.com/v3/.

    python infra/localstripe_server.py --port 8420
"""
from __future__ import annotations

import argparse
import logging


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    from aiohttp import web
    from localstripe import resources, server

    resources.store.dump_to_disk = lambda: None  # type: ignore[method-assign]
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    web.run_app(server.app, host="127.0.0.1", port=args.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
