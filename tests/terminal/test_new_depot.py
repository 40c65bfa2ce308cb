"""A new depot from `depot-tui init` to its first waybill, by keys alone, in a real tmux: what a
company adopting depot-tui does on its first day. Nothing is written to the database by hand.

The admin (the console made her) adds a second depot and a route, imports a price table from
XLSX (a file with a bad row is refused whole with that row named; the fixed file goes in), adds
a partner line, a monthly customer with an agreed price she approves, and a clerk; the clerk
logs in, sets his own password, and issues a waybill priced from that table and that agreement.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from terminal_support import shipper_signs
from tmux_driver import Tmux

pytestmark = [
    pytest.mark.terminal,
    pytest.mark.slow,
    pytest.mark.skipif(not Tmux.available(), reason="tmux is not installed"),
]

BIN = Path(sys.executable).parent / "depot-tui"
HEADS = ["代码", "到站", "元/公斤", "元/立方", "最低收费", "送货费", "上楼费", "重量段", "生效日期"]


def price_sheet(path: Path, *rows: list[object]) -> None:
    """The layout a depot keeps its price sheet in: one row a destination, rates as numbers."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADS)
    for row in rows:
        sheet.append(row)
    book.save(path)


def menu(term: Tmux, position: int, shows: str) -> None:
    """From the back office's menu: the part at `position` (0 the first), opened."""
    term.send("C-Home", *["Down"] * position, "Enter")
    term.wait_for(shows)


def test_a_new_depot_is_set_up_by_keys_and_its_first_waybill_is_priced_from_it(tmp_path):
    db = tmp_path / "new.sqlite3"
    outbox = tmp_path / "outbox"
    env = {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "DEPOT_OUTBOX": str(outbox),
        "TERM": os.environ.get("TERM", "xterm-256color"),
    }
    made = subprocess.run(
        [str(BIN), "--db", str(db), "init", "--depot-code", "GZ", "--depot-name", "广州白云站",
         "--county", "440111", "--admin-user", "boss", "--admin-name", "吴老板", "--password-stdin"],
        input="first-admin-1\n", capture_output=True, text=True, env={**os.environ, **env}, timeout=120,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "开单前还缺" in made.stdout and "价格表" in made.stdout
    sheet = tmp_path / "长沙价格.xlsx"
    price_sheet(
        sheet,
        ["430102", "芙蓉区", 1.2, 250, 30, 50, 30, "", ""],
        ["439999", "不存在县", 1, 200, 30, 50, 30, "", ""],
        ["430121", "长沙县", 1.3, 260, 30, 60, 30, "100:1.5", ""],
    )
    # The clerk works the shift of this hour: he must be on duty to issue.
    hour = dt.datetime.now().hour
    shift_key, shift = ("1", "early") if 8 <= hour < 20 else ("3", "night")

    term = Tmux([str(BIN), "--db", str(db)], env=env)
    try:
        term.wait_for("用户名", timeout=60)
        term.send("boss", "Enter", "first-admin-1", "Enter")
        # The list's last line: tmux may show the title a frame before the lines under it.
        screen = term.wait_for("收货的网点")
        assert "开单前还缺" in screen
        assert "价格表" in screen and "开单员账号" in screen and "收货的网点" in screen
        term.send("F12")
        term.wait_for("网点与线路")

        # A second depot, and a route to it.
        menu(term, 3, "网点 1 个")
        term.send("C-n", "CS", "Enter", "长沙芙蓉站", "Enter", "430102", "Enter", "长沙县", "F10")
        term.wait_for("已保存网点 CS")
        term.send("C-r")
        term.wait_for("还没有线路")
        term.send("C-n", "长沙线", "Enter", "CS", "Enter", "14", "Enter")
        term.wait_for("已保存线路 长沙线")
        term.send("Escape", "Escape")
        term.wait_for("后台管理")

        # The price table from the sheet: refused whole for its bad row, then the fixed one.
        menu(term, 0, "还没有价格")
        term.send("C-r")
        term.wait_for("导入价格表")
        term.type(str(sheet))
        term.send("Enter", "Enter")
        screen = term.wait_for("一行都没导入")
        assert "第 3 行 到站：找不到地点 439999" in screen
        price_sheet(
            sheet,
            ["430102", "芙蓉区", 1.2, 250, 30, 50, 30, "", ""],
            ["430121", "长沙县", 1.3, 260, 30, 60, 30, "100:1.5", ""],
        )
        term.send("F10")
        term.wait_for("已导入 2 行")
        term.send("Escape")
        term.wait_for("后台管理")

        # A partner line.
        menu(term, 2, "还没有中转商")
        term.send("C-n", "湘中快运", "Enter", "罗师傅", "Enter", "13807322211", "Enter", "20", "Enter")
        term.send("3", "Enter", "湖南省", "Enter")
        term.wait_for("已保存：湘中快运")
        term.send("Escape")
        term.wait_for("后台管理")

        # A monthly customer with an agreed price of 9折, approved.
        menu(term, 1, "没有找到客户")
        term.send("C-n", "广州市白云区恒达五金店", "Enter", "13802451187", "Enter", "Enter", "2", "Enter")
        term.send("50000", "Enter", "25", "Enter")
        term.wait_for("已保存：广州市白云区恒达五金店")
        term.send("C-t")
        term.wait_for("还没有协议价")
        term.send("9折", "F10")
        term.wait_for("待主管批准后生效")
        term.send("C-y")
        term.wait_for("已批准")
        term.send("Escape")
        term.wait_for("×0.9")
        term.send("Escape")
        term.wait_for("后台管理")

        # A clerk on this hour's shift, with a temporary password and the day he was hired.
        menu(term, 4, "账号 1 个")
        term.send("C-n", "li", "Enter", "李四", "Enter", "Enter", shift_key, "Enter", "Enter")
        term.send("temp-pass-1", "Enter", dt.date.today().strftime("%m-%d"), "Enter")  # hired today
        term.wait_for("已新增 li")
        term.send("Escape", "Escape")
        term.wait_for("今日本站")
        deadline = time.monotonic() + 10  # home reloads its figures as it comes back
        while "开单前还缺" in term.screen() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "开单前还缺" not in term.screen()
        term.send("C-q")
        term.wait_for("退出登录？")
        term.send("Enter")
        term.wait_for("用户名")

        # The clerk: his own password first, then the first waybill: 120 kg to 芙蓉区 for 恒达
        # on its monthly account. 120 x 1.2 = 144.00 beats 0.5 m³ x 250 = 125.00; 9折: 129.60.
        term.send("li", "Enter", "temp-pass-1", "Enter")
        term.wait_for("请设置新密码")
        term.send("temp-pass-1", "Enter", "li-own-pass-9", "Enter", "li-own-pass-9", "Enter")
        term.wait_for("李四，您好")
        term.send("F2")
        term.wait_for("收货电话")
        time.sleep(0.5)
        term.send("430102", "Enter")
        term.wait_for("芙蓉区 → CS")
        term.send("13925067732", "Enter", "刘建国", "Enter", "13802451187", "Enter")
        term.wait_for("协议价 ×0.9")
        term.send("Enter", "五金", "Enter", "2", "Enter", "纸箱", "Enter", "Enter")
        term.send("n", "Enter", "Enter", "Enter")  # not dangerous goods, any way up, sealed
        term.send("120", "Enter", "0.5", "Enter", "Enter", "Enter", "3", "Enter", "F10")
        shipper_signs(term)
    finally:
        term.kill()
    slips = list(outbox.glob("slip-GZ*.txt"))
    assert len(slips) == 1, slips
    slip = slips[0].read_text(encoding="utf-8")
    assert "129.60" in slip and "月结" in slip and shift in ("early", "night")
