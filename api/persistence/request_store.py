"""`RequestStore`: a Store whose transactions join the unit of work the current HTTP request opened.

Inside `unit_of_work()` every engine operation's write joins the same transaction, so an operation's effect
and the answer recorded for its idempotency key commit together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from engine.store.store import Store
from engine.store.tx import Tx


@dataclass
class _Unit:
    """A request's unit of work: its write transaction, begun by the first write inside it."""

    store: Store
    begin: Callable[[Tx], None]
    stack: ExitStack
    tx: Tx | None = None


_unit: ContextVar[_Unit | None] = ContextVar("lienthong_unit_of_work", default=None)


class RequestStore(Store):
    """A Store whose transactions join the unit of work open in the current context, if any."""

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Tx]:
        """The open unit of work's transaction, or a new one (see Store.transaction)."""
        unit = _unit.get()
        if unit is not None and unit.store is self:
            if unit.tx is None and write:
                unit.tx = unit.stack.enter_context(super().transaction(write=True))
                unit.begin(unit.tx)
            if unit.tx is not None:
                yield unit.tx
                return
        with super().transaction(write) as tx:
            yield tx

    @contextmanager
    def unit_of_work(self, begin: Callable[[Tx], None] = lambda tx: None) -> Iterator[None]:
        """One write transaction that every write inside the block joins, committed when the block ends.

        It begins at the first write, and `begin` runs first in it (the idempotency key's claim); reads
        before that are their own. An engine operation reads, steps the case's scripts with no transaction
        open, then writes: so a request's unit holds no write lock (SQLite's is database-wide) while a
        script runs.
        """
        with ExitStack() as stack:
            token = _unit.set(_Unit(self, begin, stack))
            try:
                yield
            finally:
                _unit.reset(token)
