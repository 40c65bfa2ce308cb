"""Partner lines in the back office (services/partners.py): their terms and reach, checked as
typed, changed by a supervisor only, offered to the waybill form. A wrong fee here is a partner
paid wrong on every transfer; a line stopped but still offered sends goods nowhere."""

from __future__ import annotations

from decimal import Decimal

import pytest

from depot_tui.models import AuditLog
from depot_tui.services import auth, partners, waybills
from depot_tui.services.errors import FormError, PermissionDenied


def login(username: str):
    return auth.login(username, "depot123", terminal="pytest", pid=1).actor


def test_a_supervisor_adds_a_line_with_its_terms_and_reach(demo_db):
    chen = login("chenjing")
    form = partners.PartnerForm("粤西专线", "黄生", "0758-2233445", "25", "4", "肇庆市，445302")
    saved = partners.save(chen, form)
    line = next(x for x in partners.lines(chen) if x.id == saved.id)
    assert (line.phone, line.transfer_fee, line.rebate) == ("0758-2233445", Decimal("25"), Decimal("4"))
    assert line.reach_text == "肇庆市、云城区" and line.reaches("441202") and line.reaches("445302")
    assert not line.reaches("430321")
    record = AuditLog.select().where(AuditLog.action == "partner.add").get()
    assert '"reach": ["441200", "445302"]' in record.new


def test_every_wrong_field_is_named_at_once(demo_db):
    with pytest.raises(FormError) as caught:
        partners.save(login("chenjing"), partners.PartnerForm("", "", "12", "-5", "1e3", "不存在的地方"))
    assert [e.field for e in caught.value.errors] == ["name", "phone", "transfer_fee", "rebate", "reach"]


def test_two_lines_are_never_called_the_same(demo_db):
    with pytest.raises(FormError) as caught:
        partners.save(login("chenjing"), partners.PartnerForm("湘中快运"))
    assert caught.value.key == "error.partner_taken"


def test_a_clerk_reads_the_lines_but_never_changes_them(demo_db):
    clerk = login("zhangsan")
    assert {x.name for x in partners.lines(clerk)} >= {"湘中快运", "顺通中转物流"}
    with pytest.raises(PermissionDenied):
        partners.save(clerk, partners.PartnerForm("新线"))
    with pytest.raises(PermissionDenied):
        partners.set_active(clerk, 1, False, "x")


def test_a_stopped_line_is_not_offered_to_the_form_and_its_terms_are(demo_db):
    """The form offers the lines in use with their usual fee, rebate and reach; 湘中快运
    (湖南省, 20 and 3 in the demo) is offered, and is gone once stopped with a reason."""
    chen, clerk = login("chenjing"), login("zhangsan")
    context = waybills.form_context(clerk)
    fee, rebate, reach = context.partner_terms["湘中快运"]
    assert (fee, rebate, partners.reaches(set(reach), "430321")) == (Decimal("20"), Decimal("3"), True)
    stopped = next(x for x in partners.lines(chen) if x.name == "湘中快运")
    partners.set_active(chen, stopped.id, False, "合同到期")
    assert "湘中快运" not in waybills.form_context(clerk).partners
    assert not next(x for x in partners.lines(chen) if x.name == "湘中快运").active
