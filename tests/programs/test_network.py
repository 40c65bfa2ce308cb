"""A network of depots on one database: the three demo depots' clerks, each in a process of
their own (as each clerk's SSH session is), on the same server. A truck issued at CS, loaded,
departed, checked in at GZ and picked up there; XT, not on its route, sees none of it, and
each depot sees only its own work where the rules say so.

Runs on both databases: on PostgreSQL this is thirty depots on one central server in small; on
SQLite it is the one file a depot's clerks share.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from support import DEMO_NOW

GOOD_ID = "440106199003071231"

#: One clerk's work in a process of its own, on the demo's clock plus `minutes`; prints JSON.
STEP = textwrap.dedent("""
    import datetime as dt, json, os, sys
    from pathlib import Path
    from depot_tui import db
    from depot_tui.services import arrival, auth, clock, loading, pickup, search, waybills
    from depot_tui.services.errors import ServiceError

    target, username, step, minutes, data = sys.argv[1:6]
    data = json.loads(data)
    outbox = Path(data.get("outbox", "."))
    clock.fix(dt.datetime.fromisoformat(os.environ["DEMO_NOW"]) + dt.timedelta(minutes=int(minutes)))
    db.open_database(target, create=False)
    clerk = auth.login(username, "depot123", terminal="net", pid=os.getpid()).actor
    out = {}

    def refused(work):
        try:
            work()
        except ServiceError as exc:
            return exc.key
        return None

    if step == "issue_and_load":
        form = waybills.WaybillForm(
            hazard="no", destination="440106", consignee_phone="13925067732", consignee_name="刘建国",
            shipper_phone="18673155290", shipper_name="周敏", goods_name="陶瓷", pieces="3",
            packaging="纸箱", weight="80", volume="0.4", declared_value="2000", payment="collect")
        issued = [waybills.issue(clerk, form, shipper_confirmed=True, outbox=outbox)
                  for _ in range(2)]
        run = loading.create_run(clerk, loading.RunForm(
            plate="湘A·7N051", driver_name="罗志勇", driver_phone="13974156620", stops="GZ",
            departure="12:00"))
        results = [loading.scan(clerk, run.id, label) for w in issued for label in w.labels]
        loading.depart(clerk, run.id, outbox)
        out = {"numbers": [w.number for w in issued], "labels": [l for w in issued for l in w.labels],
               "run": run.id, "refused": [r.code for r in results if not r.ok]}
    elif step == "look":
        out = {"incoming": [i.plate for i in arrival.incoming(clerk)],
               "runs": [r.plate for r in loading.runs(clerk)],
               "found": [r.number for r in search.find(clerk, data["numbers"][0])],
               "get": refused(lambda: waybills.get(clerk, data["numbers"][0]))}
    elif step == "check_in":
        truck = next(i for i in arrival.incoming(clerk) if i.plate == "湘A·7N051")
        check = arrival.start(clerk, truck.manifest_id)
        results = [arrival.scan(clerk, check.id, label) for label in data["labels"]]
        arrival.finish(clerk, check.id)
        out = {"refused": [r.code for r in results if not r.ok]}
    elif step == "pick_up":
        number = data["numbers"][0]
        waybill = pickup.at_counter(clerk, number)
        due = pickup.collect_due(waybill)
        done = pickup.pickup(clerk, number, pickup.PickupForm(
            collector_name="刘建国", id_number=data["id"], signature_name="刘建国",
            collect_amount=str(due), collect_method="cash"))
        out = {"pieces": done.pieces, "left": done.left, "due": str(due)}
    auth.logout(clerk)
    print(json.dumps(out, ensure_ascii=False))
""")


def clerk(target: str, username: str, step: str, minutes: int, **data) -> dict:  # noqa: ANN003
    """`username` does `step` in a new process (their own terminal); what it printed."""
    env = {**os.environ, "DEMO_NOW": DEMO_NOW.isoformat()}
    argv = [sys.executable, "-c", STEP, target, username, step, str(minutes), json.dumps(data)]
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_a_truck_from_cs_to_gz_across_three_depots_in_separate_processes(demo_target, tmp_path):
    """CS's clerk (赵六) issues two collect-freight waybills to GZ, loads them on a new truck and
    sends it; XT's clerk (孙七) sees neither the truck nor the waybills, nor CS's runs; GZ's
    clerk (张三) sees the truck coming, checks in every piece, and the consignee picks one
    waybill up, paying its freight. Every scan counted, none refused."""
    outbox = str(tmp_path / "outbox")
    sent = clerk(demo_target, "zhaoliu", "issue_and_load", 0, outbox=outbox)
    assert sent["refused"] == [] and len(sent["labels"]) == 6

    at_xt = clerk(demo_target, "sunqi", "look", 1, **sent)
    assert "湘A·7N051" not in at_xt["incoming"] and "湘A·7N051" not in at_xt["runs"]
    assert at_xt["found"] == [] and at_xt["get"] is not None

    at_gz = clerk(demo_target, "zhangsan", "look", 2, **sent)
    assert "湘A·7N051" in at_gz["incoming"] and "湘A·7N051" not in at_gz["runs"]
    assert at_gz["found"] == [sent["numbers"][0]] and at_gz["get"] is None

    assert clerk(demo_target, "zhangsan", "check_in", 3, **sent)["refused"] == []
    picked = clerk(demo_target, "zhangsan", "pick_up", 5, id=GOOD_ID, **sent)
    assert picked["pieces"] == 3 and picked["left"] == 0 and float(picked["due"]) > 0
