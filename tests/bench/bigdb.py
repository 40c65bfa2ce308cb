"""A demo database grown to a million waybills, for the benches (built once, then reused).

    .venv/bin/python tests/bench/bigdb.py [--waybills 1000000] [--pieces 5] [--db PATH]

The demo is built with the real code, then old history is added in bulk by SQL (a recursive
CTE, minutes rather than hours): past waybills of the three demo depots, spread over the
years before the demo, all departed or picked up, `--pieces` pieces each. Their numbers carry
a placeholder check character (the bench never scans them); today's numbers are untouched.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "depot-tui"
DEFAULT = Path(os.environ.get("TMPDIR", "/tmp")) / "depot-bench-1m.sqlite3"

WAYBILLS = """
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count)
INSERT INTO waybill (number, origin_depot_id, dest_place_id, dest_depot_id, shipper_name, shipper_phone,
    consignee_name, consignee_phone, goods_name, pieces, packaging, weight_kg, volume_m3, declared_value,
    insurance_fee, freight, delivery_fee, upstairs_fee, transfer_fee, rebate, total, payment_method,
    delivery_mode, delivery_address, receipt_required, receipt_copies, hold_for_release, is_transfer,
    intake_damage, remarks, status, issued_by_id, issued_at, revision, void_reason, table_freight,
    below_table_reason, fragile, shipper_confirmed_at, unseen, orientation, hazard, hazard_category,
    inspection, inspection_note, consignee_phone_confirmed, shipper_phone_confirmed)
SELECT
    d.code || substr(strftime('%Y%m%d', '2026-11-22', '-' || (i / 3000 + 400) || ' days'), 3)
        || printf('%04d', i % 3000 + 1) || 'X',
    d.id, (SELECT place_id FROM depot WHERE id = 1 + (i + 1) % 3), 1 + (i + 1) % 3,
    '历史发货人' || (i % 5000), '138' || printf('%08d', i % 99999999), '历史收货人' || (i % 7000),
    '139' || printf('%08d', (i * 7) % 99999999), '日用百货', :pieces, '纸箱', '50.00', '0.300', '0.00',
    '0.00', '60.00', '0.00', '0.00', '0.00', '0.00', '60.00', 'cash', 'pickup', '', 0, 0, 0, 0, '', '',
    'picked_up', (SELECT id FROM user WHERE depot_id = d.id ORDER BY id LIMIT 1),
    strftime('%Y-%m-%d %H:%M:%S', '2026-11-22 10:00:00', '-' || (i / 3000 + 400) || ' days'),
    0, '', '60.00', '', 0, NULL, 0, 'free', 'no', '', 'sealed', '', 0, 0
FROM n JOIN depot d ON d.id = 1 + i % 3
"""

PIECES = """
WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < :pieces)
INSERT INTO piece (waybill_id, "index", label, status, depot_id)
SELECT w.id, k.j, w.number || '-' || printf('%03d', k.j) || 'X', 'released', NULL
FROM waybill w JOIN k WHERE w.shipper_name LIKE '历史发货人%'
"""


def build(path: Path, waybills: int, pieces: int) -> None:
    import apsw

    env = {**os.environ, "XDG_DATA_HOME": str(path.parent / "bench-home")}
    subprocess.run(
        [str(BIN), "--db", str(path), "demo", "--no-run", "--reset"], env=env, check=True, capture_output=True
    )
    started = time.perf_counter()
    connection = apsw.Connection(str(path))
    connection.execute("PRAGMA journal_mode=WAL")
    with connection:
        connection.execute(WAYBILLS, {"count": waybills, "pieces": pieces})
        connection.execute(PIECES, {"pieces": pieces})
    connection.execute("ANALYZE")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    count = connection.execute("SELECT count(*) FROM waybill").fetchone()[0]
    piece_count = connection.execute("SELECT count(*) FROM piece").fetchone()[0]
    connection.close()
    print(
        f"{path}: {count:,} waybills, {piece_count:,} pieces, "
        f"bulk part {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )


def ensure(path: Path = DEFAULT, waybills: int = 1_000_000, pieces: int = 5) -> Path:
    """The big database at `path`, built if it is not there yet."""
    if not path.exists():
        build(path, waybills, pieces)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--waybills", type=int, default=1_000_000)
    parser.add_argument("--pieces", type=int, default=5)
    parser.add_argument("--db", type=Path, default=DEFAULT)
    args = parser.parse_args()
    if args.db.exists():
        args.db.unlink()
    build(args.db, args.waybills, args.pieces)


if __name__ == "__main__":
    main()
