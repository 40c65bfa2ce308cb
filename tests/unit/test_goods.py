"""The prohibited-goods list (R-1.4) as data: read by all, extended by a supervisor, audited."""

from __future__ import annotations

import pytest

from depot_tui.i18n import t
from depot_tui.models import AuditLog
from depot_tui.services import auth, goods, waybills
from depot_tui.services.errors import PermissionDenied, ServiceError


def login(username: str):
    return auth.login(username, "depot123", terminal="pytest", pid=1).actor


def refused(actor, goods_name: str) -> str | None:
    keywords = waybills.form_context(actor).keywords
    form = waybills.WaybillForm(goods_name=goods_name)
    try:
        waybills.check_field("goods_name", form, keywords)
    except ServiceError as exc:
        return t(exc.key, **exc.params)
    return None


def test_a_supervisor_adds_a_keyword_and_the_counter_refuses_it_at_once(demo_db):
    """Drain cleaner (通渠剂) is corrosive and not on the seeded list: once the supervisor adds
    it, the next waybill naming it is refused with the category, and the audit log says who
    added it. Without this the clerk accepts it and loses 2 points (fault 12)."""
    supervisor, clerk = login("chenjing"), login("zhangsan")
    assert refused(clerk, "管道通渠剂") is None
    added = goods.add_keyword(supervisor, " 通渠剂 ", "corrosive")
    assert added.word == "通渠剂"
    assert refused(clerk, "管道通渠剂") == "违禁品拒收：通渠剂（腐蚀）"
    row = AuditLog.get(AuditLog.action == "goods.keyword_add")
    assert row.user_id == supervisor.user_id and row.entity_id == "通渠剂"
    listed = goods.keywords(clerk, "通渠")
    assert [(k.word, k.category, k.added_by) for k in listed] == [("通渠剂", "corrosive", "陈静")]


def test_a_clerk_cannot_change_the_list(demo_db):
    """The list is the supervisor's: a clerk's session is refused in the service, whatever
    the screen shows."""
    clerk = login("zhangsan")
    with pytest.raises(PermissionDenied):
        goods.add_keyword(clerk, "通渠剂", "corrosive")
    with pytest.raises(PermissionDenied):
        goods.remove_keyword(clerk, "汽油", "wrong")


@pytest.mark.parametrize(
    "word, category, message",
    [
        ("油", "flammable", "关键词至少两个字（一个字会拒收太多正常货物）"),
        ("", "flammable", "必填"),
        ("天那\x1b[31m水", "flammable", "含有不可见的控制字符"),
        ("汽油", "flammable", "“汽油”已在清单中（易燃）"),
        ("通渠剂", "sticky", "请选择一项"),
    ],
)
def test_bad_keywords_are_refused_with_a_message(demo_db, word, category, message):
    """A one-character keyword would refuse 酱油 at every counter; an escape sequence would
    reach other terminals; a duplicate would hide which category applies."""
    with pytest.raises(ServiceError) as caught:
        goods.add_keyword(login("chenjing"), word, category)
    assert t(caught.value.key, **caught.value.params) == message


def test_switching_a_keyword_off_needs_a_reason_and_can_be_undone(demo_db):
    """化学试剂 also refused lab glassware labelled so: the supervisor switches it off with the
    reason, goods naming it are accepted, and adding it back restores the refusal."""
    supervisor, clerk = login("chenjing"), login("zhangsan")
    with pytest.raises(ServiceError) as caught:
        goods.remove_keyword(supervisor, "化学试剂", "  ")
    assert caught.value.key == "error.reason_required"
    goods.remove_keyword(supervisor, "化学试剂", "refuses empty reagent bottles")
    assert refused(clerk, "化学试剂瓶（空）") is None
    assert [k.active for k in goods.keywords(clerk, "化学试剂", include_off=True)] == [False]
    assert AuditLog.get(AuditLog.action == "goods.keyword_remove").reason == "refuses empty reagent bottles"
    goods.add_keyword(supervisor, "化学试剂", "unknown_chemical")
    assert refused(clerk, "化学试剂瓶（空）") == "违禁品拒收：化学试剂（不明化学品）"
