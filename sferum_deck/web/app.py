"""The ASGI application: routes, security headers, the build pool's life."""
from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import curator, views
from .pool import BuildPool
from .security import SecurityHeaders
from .settings import Config

STATIC = Path(__file__).resolve().parent / "static"
FONTS = Path(__file__).resolve().parent.parent / "fonts"
log = logging.getLogger("sferum_deck.web")


def create_app(config: Config, pool: BuildPool | None = None) -> Starlette:
    """The web app for `config`; it starts its build pool on start-up (a given `pool` is
    used as it is: tests)."""
    site = views.Site(config)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        own = pool is None
        site.pool = pool or BuildPool(config)
        if own:
            site.pool.start()
        try:
            yield
        finally:
            site.curator.stop_all()
            if own:
                site.pool.stop()

    def page(name: str):
        async def show(request):
            return FileResponse(STATIC / name, media_type="text/html; charset=utf-8")
        return show

    routes = [
        Route("/", page("teacher.html")),
        Route("/curator", page("curator.html")),
        Route("/api/setup", site.setup),
        Route("/api/preview", site.preview, methods=["POST"]),
        Route("/api/deck", site.deck, methods=["POST"]),
        Route("/api/pdf", site.pdf, methods=["POST"]),
        Route("/api/handout", site.handout, methods=["POST"]),
        Route("/api/export", site.export, methods=["POST"]),
        Route("/api/upload", site.upload, methods=["POST"]),
        Route("/api/curator/login", site.curator.login, methods=["POST"]),
        Route("/api/curator/logout", site.curator.logout, methods=["POST"]),
        Route("/api/curator/batch", site.curator.start, methods=["POST"]),
        Route("/api/curator/batch/{job}", site.curator.progress),
        Route("/api/curator/batch/{job}/zip", site.curator.download),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Mount("/static/fonts", StaticFiles(directory=FONTS), name="fonts"),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    return Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)],
                     lifespan=lifespan, exception_handlers=views.HANDLERS)
