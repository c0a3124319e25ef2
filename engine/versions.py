"""Versions: deploying a procedure variant as an immutable version, reviewing and activating it."""

from __future__ import annotations

from .actors import SYSTEM, Actor
from .casefiles import CaseFiles
from .catalog import Catalog
from .clock import Clock
from .errors import ConflictError, ForbiddenError, NotFoundError
from .model import ProcessModel
from .presenting import version_view
from .store.records import VersionRecord
from .store.store import Store
from .store.tx import Tx
from .views import VersionView


class VersionOperations:
    """The Engine's version operations (a part of the façade, kept in its own module)."""

    catalog: Catalog
    store: Store
    clock: Clock
    cases: CaseFiles

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
        bundle = self.catalog.bundle(procedure, variant, bpmn=bpmn, filename=filename)
        self.catalog.model(bundle)  # parse and check now: a broken model is never stored
        now = self.clock.now()
        with self.store.transaction() as tx:
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

    def activate_version(self, version_id: int, actor: Actor) -> VersionView:
        """Activate a pending version; the reviewer must be someone other than its author."""
        now = self.clock.now()
        with self.store.transaction() as tx:
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

    def versions(self, procedure: str | None = None, variant: str | None = None) -> list[VersionView]:
        """Deployed versions, newest first."""
        slug = self.catalog.procedure(procedure).slug if procedure else None
        with self.store.transaction(write=False) as tx:
            return [version_view(v) for v in tx.versions(slug, variant)]

    def model_of_version(self, version_id: int) -> ProcessModel:
        """The parsed model a version runs."""
        with self.store.transaction(write=False) as tx:
            record = tx.get_version(version_id)
            if record is None:
                raise NotFoundError(f"unknown version {version_id}")
            return self.cases.model(tx, record.bundle_hash)


    def _version_for_start(
        self, tx: Tx, slug: str, variant: str, version_id: int | None
    ) -> VersionRecord | None:
        if version_id is None:
            return tx.active_version(slug, variant)
        record = tx.get_version(version_id)
        if record is None or record.procedure != slug:
            raise NotFoundError(f"procedure '{slug}' has no version {version_id}")
        if record.status == "pending":
            raise ConflictError(f"version {record.number} is pending review; activate it first")
        return record

