"""The demo accounts, apart from the demo builder so the login screen can list them cheaply."""

from __future__ import annotations

from ..models import Role

DEMO_PASSWORD = "depot123"

#: (username, name, role, depot, shift) — shown on the login screen in demo mode.
DEMO_USERS = [
    ("zhangsan", "张三", Role.CLERK, "GZ", "early"),
    ("lisi", "李四", Role.CLERK, "GZ", "middle"),
    ("wangwu", "王五", Role.CLERK, "GZ", "night"),
    ("chenjing", "陈静", Role.SUPERVISOR, "GZ", "early"),
    ("zhaoliu", "赵六", Role.CLERK, "CS", "early"),
    ("sunqi", "孙七", Role.CLERK, "XT", "night"),
    ("admin", "管理员", Role.ADMIN, "GZ", None),
    ("liufang", "刘芳", Role.HR, "GZ", None),  # 人力资源: decides the clerks' appeals
]
