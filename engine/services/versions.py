"""Versions: deploying a procedure variant as an immutable version, reviewing and activating it."""

from __future__ import annotations

from ..actors import SYSTEM, Actor
from ..bpmn.model import ProcessModel
from ..errors import ConflictError, ForbiddenError, NotFoundError
from ..presenting import version_view
from ..store.records import VersionRecord
from ..store.tx import Tx
from ..views import VersionView
from .core import Core


class VersionService:
    """Deploy, activate and list the versions of procedure variants (the engine's `versions`)."""

    def __init__(self, core: Core) -> None:
        self.core = core

    def deploy(
        self,
        procedure: str,
        variant: str,
        *,
        bpmn: bytes | None = None,
        filename: str | None = None,
        actor: Actor = SYSTEM,
        activate: bool = True,
        note: str = "",
    ) -> VersionView:
        """Store a variant (from the catalogue, or an uploaded diagram) as a new immutable version."""
        catalog = self.core.catalog
        bundle = catalog.bundle(procedure, variant, bpmn=bpmn, filename=filename)
        catalog.model(bundle)  # parse and check now: a broken model is never stored
        now = self.core.clock.now()
        with self.core.store.transaction() as tx:
            tx.put_bundle(bundle.hash, bundle.slug, variant, bundle.to_json(), now)
            current = tx.active_version(bundle.slug, variant)
            if activate and current is not None and current.bundle_hash == bundle.hash:
                return version_view(current)
            record = tx.add_version(
                bundle.slug, variant, bundle.hash, "active" if activate else "pending", actor.id, now, note
            )
            if activate and current is not None:
                tx.set_version_status(current.id, "retired", actor.id, now)
        return version_view(record)

    def activate(self, version_id: int, actor: Actor) -> VersionView:
        """Activate a pending version; the reviewer must be someone other than its author."""
        now = self.core.clock.now()
        with self.core.store.transaction() as tx:
            record = tx.get_version(version_id)
            if record is None:
                raise NotFoundError(f"unknown version {version_id}")
            if record.status != "pending":
                raise ConflictError(
                    f"version {record.number} of {record.procedure}/{record.variant} is "
                    f"{record.status}, not pending"
                )
            if record.created_by == actor.id and not actor.is_system:
                raise ForbiddenError(
                    "a version must be activated by a second person, not its author",
                    hint="ask a reviewer to activate it",
                )
            current = tx.active_version(record.procedure, record.variant)
            if current is not None:
                tx.set_version_status(current.id, "retired", actor.id, now)
            tx.set_version_status(version_id, "active", actor.id, now)
            activated = tx.get_version(version_id)
        assert activated is not None
        return version_view(activated)

    def model(self, version_id: int) -> ProcessModel:
        """The parsed model a version runs."""
        with self.core.store.transaction(write=False) as tx:
            record = tx.get_version(version_id)
            if record is None:
                raise NotFoundError(f"unknown version {version_id}")
            return self.core.files.model(tx, record.bundle_hash)

    @staticmethod
    def for_start(tx: Tx, slug: str, variant: str, version_id: int | None) -> VersionRecord | None:
        """The version a new case runs: the active one of the variant, or the given one unless pending."""
        if version_id is None:
            return tx.active_version(slug, variant)
        record = tx.get_version(version_id)
        if record is None or record.procedure != slug:
            raise NotFoundError(f"procedure '{slug}' has no version {version_id}")
        if record.status == "pending":
            raise ConflictError(f"version {record.number} is pending review; activate it first")
        return record

    # Last in the class: below it, `list` names this method, not the built-in type.
    def list(self, procedure: str | None = None, variant: str | None = None) -> list[VersionView]:
        """Deployed versions, newest first."""
        slug = self.core.catalog.procedure(procedure).slug if procedure else None
        with self.core.store.transaction(write=False) as tx:
            return [version_view(v) for v in tx.versions(slug, variant)]
