"""The unit of work: what one HTTP request (or one page's form) writes, in one transaction that commits once.

A `Store` hands out a transaction per operation; a `UnitOfWork` over it hands every write inside it the same
transaction, begun by the first write and committed when the unit closes — so an operation's effect and
what the caller records beside it (an idempotency key's answer, a claim before a completion) commit together
or not at all. Both satisfy `Transactions`, which is all the engine's services and the API's store ask for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from types import TracebackType
from typing import Protocol

from .errors import ConflictError
from .store import Store
from .tx import Tx


class Transactions(Protocol):
    """Where operations get their transaction: a Store (one per operation) or a unit of work (one in all)."""

    @property
    def is_sqlite(self) -> bool:
        """Whether the database is SQLite (some statements differ)."""
        ...

    def transaction(self, write: bool = True) -> AbstractContextManager[Tx]:
        """A transaction for one operation's reads (`write=False`) or writes."""
        ...

    def after_commit(self, action: Callable[[], None]) -> None:
        """Run `action` once what was written so far has committed (never if it rolls back)."""
        ...


class UnitOfWork:
    """Every write inside joins one transaction, begun at the first write and committed by the unit's end.

    Reads before the first write are their own (each its own snapshot, no lock held); reads after it run
    in the unit's transaction and see its writes. An engine operation reads, steps the case's scripts with
    no transaction open, then writes: so a unit whose only step comes first holds no write lock (SQLite's
    is database-wide) while a script runs. An error out of a write inside the unit dooms it: it rolls back,
    and if the caller carried on regardless, closing it raises rather than acknowledge a lost write.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._stack = ExitStack()
        self._tx: Tx | None = None
        self._first: list[Callable[[Tx], None]] = []
        self._after: list[Callable[[], None]] = []
        self._failed: BaseException | None = None
        self._open = True

    @property
    def is_sqlite(self) -> bool:
        """Whether the store is SQLite."""
        return self.store.is_sqlite

    def first(self, action: Callable[[Tx], None]) -> None:
        """Run `action` first in the unit's write transaction, when it begins (an idempotency key's claim)."""
        if self._tx is not None:
            raise RuntimeError("the unit of work's write transaction has already begun")
        self._first.append(action)

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Tx]:
        """The unit's transaction (begun now for a write), or a read of its own before the first write."""
        if not self._open:
            raise RuntimeError("the unit of work is closed")
        if self._failed is not None:
            raise ConflictError("an earlier write of this request failed, so nothing of it was kept",
                                hint="send the request again") from self._failed
        if self._tx is None and not write:
            with self.store.transaction(write=False) as tx:
                yield tx
            return
        try:
            if self._tx is None:
                self._tx = self._stack.enter_context(self.store.transaction(write=True))
                for action in self._first:
                    action(self._tx)
            yield self._tx
        except BaseException as exc:
            if write:
                self._failed = exc
            raise

    def after_commit(self, action: Callable[[], None]) -> None:
        """Run `action` after the unit commits (dropped if it rolls back)."""
        self._after.append(action)

    def __enter__(self) -> UnitOfWork:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        """Commit what the unit wrote (roll it back if the block raised or a write inside it failed)."""
        self._open = False
        failed = error if error is not None else self._failed
        if failed is None:
            self._stack.close()
        else:
            self._stack.__exit__(type(failed), failed, failed.__traceback__)
        if error is None and self._failed is not None:
            raise ConflictError("a write of this request failed, so nothing of it was kept",
                                hint="send the request again") from self._failed
        if error is None:
            for action in self._after:
                action()

