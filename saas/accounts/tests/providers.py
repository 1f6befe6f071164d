"""Providers on loopback for the social sign-in tests: a real OpenID Connect server
(oidc-provider-mock) stands in for Google, and a small server with the three Graph API
endpoints allauth's Facebook provider calls (dialog, access token, /me) for Facebook."""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import oidc_provider_mock
import werkzeug.serving


@contextmanager
def oidc_server(port: int, users: list[oidc_provider_mock.User]) -> Iterator[str]:
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # plain http on loopback
    server = werkzeug.serving.make_server("127.0.0.1", port, oidc_provider_mock.app(user_claims=users),
                                          threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


class FacebookStandIn:
    """Issues each code once, for the redirect_uri it was given, and answers /me only with the
    access token it issued and the matching appsecret_proof, as the Graph API does."""

    def __init__(self, client_id: str, secret: str):
        self.client_id, self.secret = client_id, secret
        self.person: dict[str, str] | None = None  # who "consents" next; None denies
        self.codes: dict[str, tuple[str, dict[str, str]]] = {}
        self.tokens: dict[str, dict[str, str]] = {}
        self.lock = threading.Lock()

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], dict]:
        if query.get("client_id") != self.client_id:
            return 400, {}, {"error": {"message": "Invalid app ID", "type": "OAuthException"}}
        back = query["redirect_uri"]
        if self.person is None:
            params = {"error": "access_denied", "error_reason": "user_denied", "state": query.get("state", "")}
        else:
            code = secrets.token_urlsafe(16)
            with self.lock:
                self.codes[code] = (back, dict(self.person))
            params = {"code": code, "state": query.get("state", "")}
        return 302, {"Location": f"{back}?{urlencode(params)}"}, {}

    def access_token(self, query: dict[str, str]) -> tuple[int, dict[str, str], dict]:
        with self.lock:
            issued = self.codes.pop(query.get("code", ""), None)
        if (issued is None or query.get("client_secret") != self.secret
                or query.get("client_id") != self.client_id or query.get("redirect_uri") != issued[0]):
            return 400, {}, {"error": {"message": "Invalid verification code", "type": "OAuthException"}}
        token = secrets.token_urlsafe(24)
        self.tokens[token] = issued[1]
        return 200, {}, {"access_token": token, "token_type": "bearer", "expires_in": 3600}

    def me(self, query: dict[str, str]) -> tuple[int, dict[str, str], dict]:
        token = query.get("access_token", "")
        person = self.tokens.get(token)
        proof = hmac.new(self.secret.encode(), token.encode(), hashlib.sha256).hexdigest()
        if person is None or not hmac.compare_digest(proof, query.get("appsecret_proof", "")):
            return 400, {}, {"error": {"message": "Invalid OAuth access token", "type": "OAuthException"}}
        return 200, {}, person


@contextmanager
def facebook_server(port: int, client_id: str, secret: str) -> Iterator[FacebookStandIn]:
    standin = FacebookStandIn(client_id, secret)
    routes = {"/dialog/oauth": standin.authorize, "/oauth/access_token": standin.access_token, "/me": standin.me}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            url = urlsplit(self.path)
            route = routes.get(url.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            code, headers, body = route(query) if route else (404, {}, {"error": {"message": "Unknown path"}})
            payload = json.dumps(body).encode()
            self.send_response(code)
            for name, value in {"Content-Type": "application/json", **headers}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield standin
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
