"""Safety at the edge: security headers on every answer, CSRF tokens, the curator's
password (compared in constant time) and a login rate limit, download names."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import deque
from urllib.parse import quote

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "font-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
CSRF_COOKIE, CSRF_HEADER = "sferum_csrf", "x-csrf-token"
SESSION_COOKIE = "sferum_curator"


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP answer; `no-store` on the
    API's (decks and previews hold a teacher's data)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        api = scope["path"].startswith("/api/")

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", [])
                           if h[0].lower() not in dict(HEADERS)]
                headers += HEADERS
                if api:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)
        await self.app(scope, receive, with_headers)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(given: str | None, expected: str | None) -> bool:
    """True when both tokens are there and equal (compared in constant time)."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def csrf_ok(headers, cookies) -> bool:
    """Double submit: the header a page's script sends equals the cookie (SameSite=Strict)
    it was given; a browser on another site can set neither. A request that says it comes
    from another site is refused whatever it carries."""
    if headers.get("sec-fetch-site") not in (None, "same-origin", "none"):
        return False
    return same_token(headers.get(CSRF_HEADER), cookies.get(CSRF_COOKIE))


class Password:
    """The curator's password: only its digest is kept; checked in constant time."""

    def __init__(self, password: str):
        self.salt = secrets.token_bytes(16)
        self.digest = self._digest(password)

    def _digest(self, password: str) -> bytes:
        return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), self.salt, 100_000)

    def matches(self, given: str) -> bool:
        return hmac.compare_digest(self._digest(given[:1000]), self.digest)


class LoginLimit:
    """At most `attempts` failed logins per address in `window` seconds, and `overall`
    from everyone (a spread-out guessing attack); the wait is told."""

    def __init__(self, attempts: int = 5, window: float = 60.0, overall: int = 50):
        self.attempts, self.window, self.overall = attempts, window, overall
        self.failures: dict[str, deque] = {}
        self.everyone: deque = deque()

    def wait(self, client: str, now: float | None = None) -> int:
        """Seconds until `client` may try again (0: now)."""
        now = time.monotonic() if now is None else now
        self._forget(now)
        mine = self.failures.get(client, ())
        if len(mine) >= self.attempts:
            return max(1, int(mine[0] + self.window - now) + 1)
        if len(self.everyone) >= self.overall:
            return max(1, int(self.everyone[0] + self.window - now) + 1)
        return 0

    def failed(self, client: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        self.failures.setdefault(client, deque()).append(now)
        self.everyone.append(now)

    def _forget(self, now: float) -> None:
        while self.everyone and self.everyone[0] < now - self.window:
            self.everyone.popleft()
        for client in list(self.failures):
            times = self.failures[client]
            while times and times[0] < now - self.window:
                times.popleft()
            if not times:
                del self.failures[client]


def content_disposition(name: str) -> str:
    """An attachment header for a Cyrillic file name (RFC 6266 with RFC 5987's
    filename*): an ASCII fallback for old clients, the UTF-8 name for the rest."""
    clean = "".join(c for c in name if c.isprintable() and c not in '"\\/:*?<>|;') or "file"
    stem, dot, suffix = clean.rpartition(".")
    fallback = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_"
                       for c in (stem if dot else clean)).strip("_") or "sferum-deck"
    fallback += f".{suffix}" if dot and suffix.isascii() else ""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(clean, safe='')}"
