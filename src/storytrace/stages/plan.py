"""A cross-document stage declared once, for both engines.

One job: the vocabulary a stage is declared in, and the local engine's runner of it.

A `Plan` says what the stage reads from the ledger (`Read`: a query, and the named
records it yields: a NamedTuple whose fields name and type the columns), the steps that make datasets from them, and what it
writes (`Write`: a dataset into a table, in a declared order; `Update`: a statement run
for each row of a dataset, on existing rows or adding some; `prepare`: bookkeeping on
the ledger before the reads). The steps:

- `Group`: the rows of one or more datasets that share a key (each dataset with its own
  key function; a row whose key is None takes no part), handed to one pure function per
  key, which returns the rows of the new dataset: a group-by when it has one input, a
  join or a co-group when it has several.
- `Components`: the connected components of the edges a dataset's rows give, each
  named by its node that comes first in a declared order (copy lineages: by the
  earliest document) -> (node, root) rows.

A plan is a stage: called with the ledger, it runs there (`run_local`), with dictionaries in this process; the Spark
engine runs the same plan as RDD co-groups on executors (engines/spark/plans.py). Neither
knows any stage's rule: the rules are the functions the plan names. A step's function
sees the rows of its group in no set order (the engines deliver them differently), so
it orders them itself; a `Write` orders its rows by the declared key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Hashable, Iterable, Iterator, Optional, Sequence, Union, get_args, get_type_hints

from ..unionfind import DisjointSets

Row = Any
KeyOf = Callable[[Row], Optional[Hashable]]


def numbered(rows: Iterable[tuple]) -> Iterator[tuple]:
    """A query's rows, each with its position appended (the order ties are broken by)."""
    for i, r in enumerate(rows):
        yield tuple(r) + (i,)


def record_columns(record: type) -> list[tuple[str, type]]:
    """A NamedTuple's fields and their plain types (Optional[float] -> float)."""
    out = []
    for name, t in get_type_hints(record).items():
        args = [a for a in get_args(t) if a is not type(None)]
        out.append((name, args[0] if args else t))
    return out


@dataclass(frozen=True)
class Read:
    """Rows of the ledger: `query` (with `params`), turned into the dataset's rows by `rows`
    (default: each row with its position appended), each row a `record` (a NamedTuple
    whose fields name and type the columns)."""

    name: str
    query: str
    record: type
    params: Sequence[Any] = ()
    rows: Callable[[Iterable[tuple]], Iterable[tuple]] = numbered

    def columns(self) -> list[tuple[str, type]]:
        return record_columns(self.record)


@dataclass(frozen=True)
class Group:
    """The dataset `name`: for every key, `each(key, rows of inputs[0], rows of inputs[1], ...)`."""

    name: str
    inputs: Sequence[tuple[str, KeyOf]]
    each: Callable[..., Iterable[Row]]


@dataclass(frozen=True)
class Components:
    """The dataset `name` of (node, root) rows, one per node an edge joins to another:
    `edges` = (dataset, row -> (u, v) or None), `nodes` = (dataset, row -> (node, order
    key)); a component's root is its node of the smallest (order key, node); an edge
    whose node has no order is left out."""

    name: str
    edges: tuple[str, Callable[[Row], Optional[tuple[Hashable, Hashable]]]]
    nodes: tuple[str, Callable[[Row], tuple[Hashable, Any]]]


@dataclass(frozen=True)
class Write:
    """Replace `table` with the rows of `datasets`, in the order of `order(row)`; `row(row)`
    gives the column dict."""

    table: str
    datasets: Sequence[str]
    order: Callable[[Row], Any]
    row: Callable[[Row], dict[str, Any]]


@dataclass(frozen=True)
class Update:
    """Run `sql` (an UPDATE, an INSERT or a DELETE with ? parameters) once for every row of
    `dataset` that `keep` accepts (every row when it is None), with `params(row)`; in the
    order of `order(row)` when given (rows an INSERT adds: their rowids are the same on
    both engines)."""

    dataset: str
    sql: str
    params: Callable[[Row], Sequence[Any]]
    keep: Optional[Callable[[Row], bool]] = None
    order: Optional[Callable[[Row], Any]] = None

    def table(self) -> str:
        """The ledger table the statement changes."""
        import re

        m = re.search(r"^\s*(?:update|delete\s+from|insert\s+(?:or\s+\w+\s+)?into)\s+\[?(\w+)", self.sql, re.IGNORECASE)
        return m.group(1) if m else ""


@dataclass(frozen=True)
class Plan:
    """A cross-document stage: what it reads, its steps in order, what it writes, and the
    stages whose tables it reads (`requires`, by name in the engines' stage list)."""

    name: str
    reads: Sequence[Read]
    steps: Sequence[Union[Group, Components]]
    writes: Sequence[Write]
    updates: Sequence[Update] = ()
    requires: Sequence[str] = field(default_factory=tuple)
    #: Run on the ledger before the reads, by both engines (the driver's bookkeeping: a
    #: stage's earlier rows dropped, annotations an older release did not write found).
    prepare: Optional[Callable[[Any], Any]] = None

    def __call__(self, db: Any) -> dict[str, int]:
        """Run on the ledger in this process (the local engine's way; `run_local`)."""
        return run_local(self, db)

    def tables_read(self) -> list[str]:
        """The ledger tables its queries name (for ARCHITECTURE's stage table and its test)."""
        import re

        return sorted({t for r in self.reads for t in re.findall(r"\bfrom (\w+)", r.query)})

    def tables_written(self) -> list[str]:
        return [w.table for w in self.writes] + [u.table() for u in self.updates]


def group_rows(inputs: Sequence[tuple[Iterable[Row], KeyOf]]) -> dict[Hashable, tuple[list[Row], ...]]:
    """key -> (rows of the first input with that key, of the second, ...), keys in first-seen order."""
    groups: dict[Hashable, tuple[list[Row], ...]] = {}
    n = len(inputs)
    for i, (rows, key_of) in enumerate(inputs):
        for row in rows:
            k = key_of(row)
            if k is None:
                continue
            got = groups.get(k)
            if got is None:
                got = groups[k] = tuple([] for _ in range(n))
            got[i].append(row)
    return groups


def components(edge_rows: Iterable[Row], edge_of: Callable[[Row], Any], node_rows: Iterable[Row],
               node_of: Callable[[Row], tuple[Hashable, Any]]) -> list[tuple[Hashable, Hashable]]:
    """A `Components` step in this process: union-find over (order key, node), whose root
    is the smallest; (node, root) for every node of an edge, in first-seen order."""
    order = dict(node_of(r) for r in node_rows)
    sets: DisjointSets[tuple] = DisjointSets()
    seen: dict[Hashable, None] = {}
    for row in edge_rows:
        edge = edge_of(row)
        if edge is None or edge[0] == edge[1] or edge[0] not in order or edge[1] not in order:
            continue
        u, v = edge
        sets.union((order[u], u), (order[v], v))
        seen[u] = seen[v] = None
    return [(node, sets.root((order[node], node))[1]) for node in seen]


def run_local(plan: Plan, db: Any) -> dict[str, int]:
    """Run `plan` on the ledger `db` in this process; returns the rows written per table."""
    if plan.prepare is not None:
        plan.prepare(db)
    data: dict[str, list[Row]] = {}
    for read in plan.reads:
        data[read.name] = [read.record(*r) for r in read.rows(db.execute(read.query, list(read.params)))]
    for step in plan.steps:
        if isinstance(step, Components):
            data[step.name] = components(data[step.edges[0]], step.edges[1], data[step.nodes[0]], step.nodes[1])
            continue
        groups = group_rows([(data[name], key_of) for name, key_of in step.inputs])
        data[step.name] = [out for k, rows in groups.items() for out in step.each(k, *rows)]
    counts: dict[str, int] = {}
    for w in plan.writes:
        rows = sorted((r for name in w.datasets for r in data[name]), key=w.order)
        db.execute(f"delete from [{w.table}]")
        db[w.table].insert_all((w.row(r) for r in rows), pk="id", alter=True)
        counts[w.table] = len(rows)
    for u in plan.updates:
        keep = u.keep
        rows = [r for r in data[u.dataset] if keep is None or keep(r)]
        db.conn.executemany(u.sql, (u.params(r) for r in (rows if u.order is None else sorted(rows, key=u.order))))
    return counts
