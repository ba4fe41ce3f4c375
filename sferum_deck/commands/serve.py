"""`sferum-deck serve`: the web page for the teachers of a school or a district."""
from __future__ import annotations

import secrets
import socket
import threading
import webbrowser
from pathlib import Path

import click

from ..web.settings import Config


def serve(host: str, port: int, open_browser: bool, schools: Path | None, brand: str,
          template: Path | None, content: Path | None, pack: str | None,
          password: str | None, workers: int | None) -> None:
    """Check the curator's files, print the addresses (and a generated password), serve
    until Ctrl+C."""
    import uvicorn

    from ..core import checked_template
    from ..web.app import create_app
    from ..web.views import Site
    generated = not password
    password = password or secrets.token_urlsafe(9)
    config = Config(schools=schools, brand=brand, content=content, pack=pack,
                    template=checked_template(template) if template else None,
                    password=password, workers=workers or 0)
    site_check = Site(config)  # the curator's files checked before the server starts
    del site_check
    app = create_app(config)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="info",
                                           server_header=False, date_header=False,
                                           timeout_graceful_shutdown=5))
    addresses = shown_addresses(host, port)
    click.echo("Страница для учителей: " + ", ".join(addresses))
    click.echo(f"Страница куратора: {addresses[0]}curator" +
               (f" (пароль: {password})" if generated else " (пароль задан при запуске)"))
    click.echo("Остановить: Ctrl+C")
    if open_browser:
        threading.Thread(target=_open_when_started, args=(server, addresses[0]),
                         daemon=True).start()
    server.run()


def shown_addresses(host: str, port: int) -> list[str]:
    """The addresses a browser can open: this machine's own when serving every interface."""
    if host in ("0.0.0.0", "::", ""):
        try:
            found = socket.gethostbyname_ex(socket.gethostname())[2]
        except OSError:
            found = []
        names = [a for a in found if not a.startswith("127.")] or ["127.0.0.1"]
    else:
        names = [host]
    return [f"http://{'[' + n + ']' if ':' in n else n}:{port}/" for n in names]


def _open_when_started(server, address: str) -> None:
    import time
    for _ in range(600):
        if server.started:
            webbrowser.open(address.replace("0.0.0.0", "127.0.0.1"))
            return
        time.sleep(0.1)
