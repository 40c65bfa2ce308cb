"""Drive a real headless Chromium through the DevTools protocol: open tabs, press keys as a
person at the keyboard does (they go through the browser's own key handling to xterm.js), and
read the terminal a tab shows: the lines xterm.js holds, which are what it draws.

The terminal object of textual-serve's page is not reachable from the page's globals, so a
script run before the page's own catches it where the page stores it (`.terminal = ...`).
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import tempfile
import time
from typing import Any

import aiohttp
from terminal_support import free_port

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

CATCH_TERMINAL = """
window.__terminals = [];
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer && value.buffer.active) window.__terminals.push(value);
  },
});
"""

SCREEN = """
(() => {
  const terminal = window.__terminals[0];
  if (!terminal) return null;
  const buffer = terminal.buffer.active;
  const lines = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
})()
"""

#: DevTools key events for the keys the tests press: (key, code, Windows key code).
KEYS = {
    "Enter": ("Enter", "Enter", 13),
    "Escape": ("Escape", "Escape", 27),
    "Tab": ("Tab", "Tab", 9),
    "End": ("End", "End", 35),
    **{f"F{n}": (f"F{n}", f"F{n}", 111 + n) for n in range(1, 13)},
    **{d: (d, f"Digit{d}", ord(d)) for d in "0123456789"},
    **{c: (c, f"Key{c.upper()}", ord(c.upper())) for c in "abcdefghijklmnopqrstuvwxyz"},
}
MODIFIERS = {"Alt": 1, "Ctrl": 2, "Meta": 4, "Shift": 8}


class Browser:
    """One headless Chromium. Use from async tests: `async with Browser() as browser`, then
    `await browser.tab(url)` for each tab."""

    def __init__(self) -> None:
        assert CHROMIUM is not None, "chromium is not installed"
        self.port = free_port()
        self.profile = tempfile.TemporaryDirectory(prefix="depot-chromium-", ignore_cleanup_errors=True)
        self.process: subprocess.Popen | None = None
        self.http: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Browser:
        self.process = subprocess.Popen(
            [
                str(CHROMIUM),
                "--headless=new",
                "--no-sandbox",  # CI runs as root
                "--no-first-run",
                "--disable-background-networking",
                "--enable-unsafe-swiftshader",  # WebGL without a GPU: xterm.js draws with it
                f"--remote-debugging-port={self.port}",
                f"--user-data-dir={self.profile.name}",
                "--window-size=1000,640",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.http = aiohttp.ClientSession()
        deadline = time.monotonic() + 30
        while True:
            try:
                async with self.http.get(f"http://127.0.0.1:{self.port}/json/version") as response:
                    if response.status == 200:
                        break
            except aiohttp.ClientError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("chromium did not start")
            await asyncio.sleep(0.1)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.http is not None:
            await self.http.close()
        if self.process is not None:
            self.process.terminate()  # Chromium's own way out takes its helper processes along
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.profile.cleanup()

    async def tab(self, url: str) -> Tab:
        """A new tab showing `url`."""
        assert self.http is not None
        async with self.http.put(f"http://127.0.0.1:{self.port}/json/new?about:blank") as response:
            target = await response.json()
        tab = Tab(
            self, target["id"], await self.http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
        )
        await tab.call("Page.enable")
        await tab.call("Page.addScriptToEvaluateOnNewDocument", source=CATCH_TERMINAL)
        await tab.call("Page.navigate", url=url)
        return tab


class Tab:
    def __init__(self, browser: Browser, id: str, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.browser = browser
        self.id = id
        self.ws = ws
        self.calls = 0

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.calls += 1
        await self.ws.send_str(json.dumps({"id": self.calls, "method": method, "params": params}))
        while True:
            message = json.loads((await self.ws.receive()).data)
            if message.get("id") == self.calls:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message.get("result", {})

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def close(self) -> None:
        """The tab closed, as a person closes it."""
        await self.ws.close()
        assert self.browser.http is not None
        async with self.browser.http.get(f"http://127.0.0.1:{self.browser.port}/json/close/{self.id}"):
            pass

    async def screen(self) -> str:
        return await self.evaluate(SCREEN) or ""

    async def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = await self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} did not appear within {timeout}s; screen:\n{screen}")
            await asyncio.sleep(0.05)

    async def focus(self) -> None:
        """Where a click on the terminal puts the keyboard: xterm.js's input element."""
        await self.evaluate("document.querySelector('.xterm-helper-textarea').focus()")

    async def press(self, *keys: str) -> None:
        """Keys as a keyboard gives them to the browser: "F7", "Enter", "Alt+n"."""
        for name in keys:
            *held, last = name.split("+") if len(name) > 1 else [name]
            key, code, number = KEYS[last]
            modifiers = sum(MODIFIERS[m] for m in held)
            text = key if len(key) == 1 and not modifiers & (MODIFIERS["Alt"] | MODIFIERS["Ctrl"]) else ""
            common = {"key": key, "code": code, "windowsVirtualKeyCode": number, "modifiers": modifiers}
            await self.call("Input.dispatchKeyEvent", type="keyDown", text=text, **common)
            await self.call("Input.dispatchKeyEvent", type="keyUp", **common)

    async def type(self, text: str) -> None:
        """Text as an input method commits it (Chinese, or a run of Latin letters)."""
        await self.call("Input.insertText", text=text)
