"""A declared stage (stages/plan.py) run by the local runner: reads, co-groups, writes, updates."""

from __future__ import annotations

import random
from typing import NamedTuple, Optional

import sqlite_utils

from storytrace.stages.plan import Components, Group, Plan, Read, Update, Write, group_rows, run_local


def _ledger() -> sqlite_utils.Database:
    db = sqlite_utils.Database(memory=True)
    db["items"].insert_all([{"id": f"i{n}", "shop": f"s{n % 3}", "price": float(n), "best": None} for n in range(10)],
                           pk="id")
    db["shops"].insert_all([{"id": "s0", "name": "North"}, {"id": "s1", "name": "South"}], pk="id")
    db.execute("create table totals (id text primary key, name text, total real, n integer)")
    return db


class Item(NamedTuple):
    id: str
    shop: str
    price: float
    position: int


class Shop(NamedTuple):
    id: str
    name: Optional[str]
    position: int


def _totals(shop: str, items: list[Item], shops: list[Shop]) -> list[tuple]:
    if not items:
        return []  # a shop without items makes no row
    name = shops[0].name if shops else None  # a shop the shops table lacks still counts (a left join)
    return [(shop, {"id": shop, "name": name, "total": sum(r.price for r in items), "n": len(items)})]


def _best(shop: str, items: list[Item]) -> list[tuple]:
    top = max(items, key=lambda r: (r.price, r.id))
    return [(top.id,)]


PLAN = Plan(
    name="toy",
    reads=(Read("items", "select id, shop, price from items", Item),
           Read("shops", "select id, name from shops where id != ?", Shop, params=("none",))),
    steps=(Group("totals", [("items", lambda r: r.shop), ("shops", lambda r: r.id)], _totals),
           Group("best", [("items", lambda r: r.shop if r.price > 0 else None)], _best)),
    writes=(Write("totals", ["totals"], order=lambda kr: kr[0], row=lambda kr: kr[1]),),
    updates=(Update("best", "update items set best = 1 where id = ?", lambda r: r),),
)


def test_a_plan_co_groups_writes_in_order_and_updates():
    db = _ledger()
    assert PLAN(db) == {"totals": 3}
    rows = list(db.execute("select id, name, total, n from totals order by rowid"))
    assert rows == [("s0", "North", 0 + 3 + 6 + 9, 4), ("s1", "South", 1 + 4 + 7, 3), ("s2", None, 2 + 5 + 8, 3)]
    assert [r[0] for r in db.execute("select id from items where best = 1 order by id")] == ["i7", "i8", "i9"]
    assert PLAN.tables_read() == ["items", "shops"]
    assert PLAN.tables_written() == ["totals", "items"]


def test_a_plan_run_again_replaces_its_rows():
    db = _ledger()
    run_local(PLAN, db)
    db.execute("delete from items where shop = 's2'")
    run_local(PLAN, db)
    assert [r[0] for r in db.execute("select id from totals order by rowid")] == ["s0", "s1"]


def test_group_rows_keeps_each_inputs_rows_apart_and_skips_keyless_rows():
    left = [("a", 1), ("b", 2), ("a", 3), (None, 4)]
    right = [("b", "x"), ("c", "y")]
    got = group_rows([(left, lambda r: r[0]), (right, lambda r: r[0])])
    assert list(got) == ["a", "b", "c"]
    assert got["a"] == ([("a", 1), ("a", 3)], [])
    assert got["b"] == ([("b", 2)], [("b", "x")])
    assert got["c"] == ([], [("c", "y")])


def test_the_result_does_not_depend_on_the_order_rows_arrive_in():
    # the engines deliver a group's rows in different orders: the steps order them themselves
    db = _ledger()
    run_local(PLAN, db)
    first = list(db.execute("select * from totals order by rowid"))
    rows = list(db.execute("select id, shop, price, best from items"))
    random.Random(7).shuffle(rows)
    db.execute("delete from items")
    db["items"].insert_all([dict(zip(("id", "shop", "price", "best"), r)) for r in rows], pk="id")
    run_local(PLAN, db)
    assert list(db.execute("select * from totals order by rowid")) == first


def test_components_are_rooted_at_their_first_node_in_the_declared_order():
    from storytrace.stages.plan import components

    order = {"a": 3, "b": 1, "c": 2, "d": 0, "e": 5, "f": 4}
    edges = [("a", "b"), ("b", "c"), ("e", "f"), ("d", "d"), ("a", "zz"), None]
    got = dict(components(edges, lambda e: e, order.items(), lambda kv: kv))
    assert got == {"a": "b", "b": "b", "c": "b", "e": "f", "f": "f"}  # d: only a self-edge; zz: no order


def _linked(shop: str, items: list[Item], shops: list[Shop]) -> list[tuple]:
    return [(shop, r.id) for r in items]


LINKS = Plan(
    name="toy links",
    reads=(Read("items", "select id, shop, price from items", Item),
           Read("shops", "select id, name from shops", Shop)),
    steps=(Group("pairs", [("items", lambda r: r.shop), ("shops", lambda r: r.id)], _linked),
           Components("roots", ("pairs", lambda p: p), ("items", lambda r: (r.id, -r.price))),
           Group("named", [("roots", lambda r: r[0])], lambda node, rows: [(node, {"id": node, "name": rows[0][1]})])),
    writes=(Write("totals", ["named"], order=lambda kr: kr[0], row=lambda kr: kr[1]),),
)


def test_a_plan_with_components():
    db = _ledger()
    db.execute("insert into items (id, shop, price) values ('s0', 'x', 100.0), ('s1', 'x', 0.5)")
    LINKS(db)
    # shop s0's items join s0 (an item too, priced 100: first in the order, the highest price first)
    assert dict(db.execute("select id, name from totals")) == {
        "i0": "s0", "i3": "s0", "i6": "s0", "i9": "s0", "s0": "s0",
        "i1": "i7", "i4": "i7", "i7": "i7", "s1": "i7"}


class Added(NamedTuple):
    kind: str
    values: tuple


def _priced(shop: str, items: list[Item]) -> list[Added]:
    out = [Added("log", (f"{shop}:{r.id}", r.price)) for r in items if r.price >= 5]
    return out + [Added("flag", (shop,))]


LOG = Plan(
    name="toy log",
    reads=(Read("items", "select id, shop, price from items", Item),),
    steps=(Group("added", [("items", lambda r: r.shop)], _priced),),
    writes=(),
    updates=(Update("added", "insert or replace into log (id, price) values (?, ?)", lambda a: a.values,
                    keep=lambda a: a.kind == "log", order=lambda a: a.values[0]),
             Update("added", "update shops set name = 'flagged' where id = ?", lambda a: a.values,
                    keep=lambda a: a.kind == "flag")),
    prepare=lambda db: db.execute("delete from log where id like 'old%'"),
)


def test_an_update_keeps_its_rows_inserts_in_its_order_and_a_plan_prepares_first():
    db = _ledger()
    db.execute("create table log (id text primary key, price real)")
    db.execute("insert into log values ('old', 1.0)")
    rows = list(db.execute("select id, shop, price from items"))
    random.Random(3).shuffle(rows)  # (the order rows arrive in does not set the rowids)
    db.execute("delete from items")
    db["items"].insert_all([dict(zip(("id", "shop", "price"), r)) for r in rows], pk="id")
    assert LOG(db) == {}
    assert [r[0] for r in db.execute("select id from log order by rowid")] == [
        "s0:i6", "s0:i9", "s1:i7", "s2:i5", "s2:i8"]  # the old row gone, the new ones by their declared order
    assert dict(db.execute("select id, name from shops")) == {"s0": "flagged", "s1": "flagged"}  # (no s2 row to update)
    assert LOG.tables_written() == ["log", "shops"]


def test_a_claim_no_longer_counted_loses_its_figure(example_ledger, tmp_path):
    """claims.figure_id is null for a claim the figures stage no longer counts (a person
    corrected its measure to `other`), as in a ledger built with that correction."""
    import shutil
    import sqlite3

    from storytrace.engines import local as pipeline
    from storytrace.stages import corrections

    path = tmp_path / "ferry.db"
    shutil.copy(example_ledger, path)
    conn = sqlite3.connect(path)
    claim = conn.execute("select id from claims where figure_id is not null order by id").fetchone()[0]
    conn.close()
    pipeline.correct(path, lambda db: corrections.record(db, f"claim:{claim}", "measure", "other", note="t",
                                                         now="2026-01-01T00:00:00+00:00"))
    conn = sqlite3.connect(path)
    assert conn.execute("select measure, figure_id from claims where id = ?", [claim]).fetchone() == ("other", None)
    counted = conn.execute("select count(*) from claims where figure_id is not null").fetchone()[0]
    assert counted == conn.execute("select sum(n_claims) from figures").fetchone()[0]
