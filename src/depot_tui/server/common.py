"""What the server check's parts share: a finding, and how a file's owner and mode read."""

from __future__ import annotations

import pwd
import stat
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Finding:
    ok: bool
    what: str  # i18n key
    params: dict[str, object] = field(default_factory=dict)
    fix: str = ""  # the shell line that mends it


def mode_of(path: Path) -> str:
    return f"{stat.S_IMODE(path.stat().st_mode):o}"


def owner_of(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)
