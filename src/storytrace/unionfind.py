"""Disjoint sets: things joined into groups by pairwise links (lineages of copies,
origins of figures, one event under several names).

One job: union-find with path halving, whose root is always the smallest member, so a
group's name does not depend on the order the links come in.
"""

from __future__ import annotations

from typing import Generic, Hashable, TypeVar

T = TypeVar("T", bound=Hashable)


class DisjointSets(Generic[T]):
    def __init__(self) -> None:
        self.parent: dict[T, T] = {}

    def root(self, x: T) -> T:
        """The group's smallest member (x joins as its own group if unseen)."""
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: T, b: T) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            lo, hi = (ra, rb) if ra < rb else (rb, ra)  # type: ignore[operator]
            self.parent[hi] = lo
