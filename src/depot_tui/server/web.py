"""`depot-tui serve`: the app in a browser on the depot's LAN, for a supervisor's office PC
without an SSH client (issue 25, item 5).

textual-serve runs one app process per browser tab and passes keys and screen between the tab
and the process over a WebSocket. What is the depot's here:

- each tab's app is `python -m depot_tui run --browser-tab NAME`, NAME the tab's terminal name
  (this host, the tab's number, the browser's address), so a session list tells the tabs apart
  and a second tab is a second terminal, never a second login on the first one;
- the database, language and config file reach it in the environment (DEPOT_DB ...), not on
  its command line, where `ps` would show a PostgreSQL password to every account;
- a tab closed, reloaded or gone silent (its WebSocket's ping unanswered for HEARTBEAT_S) ends
  its app as a hang-up does (driver.browser): the work is kept for the next login; an app that
  ends by itself, or cannot start, closes its tab's connection (TabApp);
- the page is ours (page/app_index.html): no font fetched from the internet, which a depot's LAN
  may not reach, and the words of a closed session in both languages.

No Textual here: the server process only relays bytes; the apps draw.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import shlex
import signal
import socket
import sys
from pathlib import Path
from typing import Any

from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

#: Seconds between pings to a tab; a tab that misses one is taken as closed (a PC switched off,
#: a cable pulled) and its app ends as on a hang-up.
HEARTBEAT_S = 15.0
PAGE = Path(__file__).with_name("page")


class TabApp(AppService):
    """One tab's app process. When it has ended by itself (Ctrl+Q at the login, or it could not
    start: the database gone, a config file broken) the tab's connection closes, so the page
    says the session ended; textual-serve left such a tab blank for as long as it stayed open.
    What the app said on stderr is in this server's output."""

    async def run(self) -> None:
        await super().run()
        await self.remote_close()


class DepotServer(Server):
    def __init__(
        self,
        *,
        host: str,
        port: int,
        public_url: str | None,
        options: list[str],
        greeting: str,
        tabs: int,
        full: str,
    ) -> None:
        """`tabs`: how many may be open at once (each runs an app); `full`, what a tab past them
        is told."""
        super().__init__(
            "depot-tui", host=host, port=port, title="depot-tui", public_url=public_url, templates_path=PAGE
        )
        self.options = options
        self.greeting = greeting
        self.tabs_at_most, self.full = tabs, full
        self.open: set[web.WebSocketResponse] = set()
        self.numbers = itertools.count(1)

    def tab_command(self, request: web.Request) -> str:
        """The shell command textual-serve runs for a tab: the app, named for that tab."""
        name = f"{socket.gethostname()}:browser-{next(self.numbers)} from {request.remote or '?'}"
        return "exec " + shlex.join(
            [sys.executable, "-m", "depot_tui", *self.options, "run", "--browser-tab", name]
        )

    async def on_startup(self, app: web.Application) -> None:
        """Not textual-serve's banner: the greeting, once listening (serve)."""

    def serve(self, debug: bool = False) -> None:
        """Until Ctrl+C or SIGTERM. textual-serve's, with the greeting said once the port is
        taken (aiohttp's `print`), not before: a port in use was greeted, then refused."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for stop in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(stop, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=lambda _aiohttps_own: self.console.print(self.greeting, highlight=False, markup=False),
        )

    async def on_shutdown(self, app: web.Application) -> None:
        """Stopping (Ctrl+C, SIGTERM): every tab's connection closed, so each app ends as on a
        hang-up, its work kept; aiohttp would otherwise wait a minute for them to close."""
        await asyncio.gather(*(websocket.close(code=WSCloseCode.GOING_AWAY) for websocket in list(self.open)))

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab: its app starts when the page connects and ends when the connection does."""
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT_S)
        await websocket.prepare(request)
        if len(self.open) >= self.tabs_at_most:  # each tab is an app process: the server's memory
            await websocket.send_bytes(f"\x1b[2J\x1b[H{self.full}".encode())
            await websocket.close()
            return websocket
        self.open.add(websocket)

        async def close() -> None:
            await websocket.close()

        tab = TabApp(
            self.tab_command(request),
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        try:
            await tab.start(_size(request, "width", 80), _size(request, "height", 24))
            await self._process_messages(websocket, tab)
        except asyncio.CancelledError:  # the server stopping
            await websocket.close()
        finally:
            self.open.discard(websocket)
            await tab.stop()
        return websocket


def _size(request: web.Request, name: str, default: int) -> int:
    try:
        return max(1, min(500, int(request.query.get(name, default))))
    except ValueError:
        return default


def serve(environment: dict[str, str], **settings: Any) -> None:
    """Serve until Ctrl+C or SIGTERM (DepotServer's settings). Each tab's app inherits this
    process's environment, `environment` added: not in a shell command line, which `ps` shows."""
    os.environ.update(environment)
    os.environ.pop("TEXTUAL", None)  # devtools in a depot's tabs: never
    DepotServer(**settings).serve()
