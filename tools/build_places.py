"""Regenerate db/places.tsv, the county-level place list, from python-stdnum's GB/T 2260 table.

python-stdnum ships the administrative division codes of GB/T 2260 (transcribed from the
Ministry of Civil Affairs lists, with the years each name was valid) for its resident-ID check.
This keeps the divisions in force today, works out each one's level and parent, and adds the
pinyin initials clerks type (湘潭县 -> xtx). Run it after upgrading python-stdnum:

    python tools/build_places.py > db/places.tsv
"""

from __future__ import annotations

import re
import sys
from importlib import metadata, resources

from pypinyin import Style, lazy_pinyin

_LINE = re.compile(r'^(\s*)(\d+) (province|county)="(.*)"$')
_PART = re.compile(r"^(?:\[(\d{4})?-(\d{4})?\])?(.+)$")
# Placeholders in the table that are not places a parcel can go to.
_PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖行政单位"}
# Taiwan, Hong Kong and Macau carry no county rows in the table.
_SKIP_PROVINCES = {"71", "81", "82"}


def current_name(field: str) -> str | None:
    """The name in force today, or None if the last name has an end year (abolished)."""
    last = field.split(",")[-1]
    match = _PART.match(last)
    if match is None:
        return None
    _start, end, name = match.groups()
    return None if end else name


def initials(name: str) -> str:
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")).lower()


def main() -> None:
    source = resources.files("stdnum.cn").joinpath("loc.dat").read_text(encoding="utf-8")
    rows: list[tuple[str, str, str, str]] = []
    province = ""
    names: dict[str, str] = {}
    for line in source.splitlines():
        match = _LINE.match(line)
        if not match:
            continue
        _indent, code, kind, field = match.groups()
        if kind == "province":
            province = code
            if code in _SKIP_PROVINCES:
                continue
            names[code + "0000"] = field
            rows.append((code + "0000", field, "province", ""))
            continue
        if province in _SKIP_PROVINCES:
            continue
        full = province + code
        name = current_name(field)
        if name is None or name in _PLACEHOLDERS:
            continue
        if full.endswith("0000"):
            continue  # the province itself, already listed
        if full.endswith("00"):
            level, parent = "prefecture", province + "0000"
        else:
            # Districts of municipalities (北京市 110101) hang under the 市辖区 placeholder
            # 110100, which is skipped: attach them to the province instead.
            prefecture = full[:4] + "00"
            level = "county"
            parent = prefecture if prefecture in names else province + "0000"
        names[full] = name
        rows.append((full, name, level, parent))
    version = metadata.version("python-stdnum")
    out = sys.stdout
    out.write(f"# GB/T 2260 divisions in force, from python-stdnum {version} stdnum/cn/loc.dat\n")
    out.write("# made by tools/build_places.py; code\tname\tlevel\tparent\tpinyin initials\n")
    for code, name, level, parent in rows:
        out.write(f"{code}\t{name}\t{level}\t{parent}\t{initials(name)}\n")


if __name__ == "__main__":
    main()
