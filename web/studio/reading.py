"""The studio's calls on the engine's façade (as web/reading.py is the officer pages'): the catalogue and its
versions, a variant's current diagram, and the version flow (submit for review, activate)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine import Engine
from engine.actors import Actor
from engine.bpmn.procedure import Procedure
from engine.errors import NotFoundError
from engine.views import VersionView


@dataclass(frozen=True)
class VariantRow:
    """One variant of a group as the catalogue lists it: its versions, newest first."""

    name: str
    file: str
    description: str
    versions: list[VersionView]

    @property
    def active(self) -> VersionView | None:
        """The version new cases start on, if one was deployed."""
        return next((v for v in self.versions if v.status == "active"), None)

    @property
    def pending(self) -> list[VersionView]:
        """Versions waiting for a reviewer."""
        return [v for v in self.versions if v.status == "pending"]


def groups(engine: Engine) -> list[Procedure]:
    """Every procedure (service group) of the catalogue."""
    return list(engine.catalog.procedures())


def group(engine: Engine, slug: str) -> Procedure:
    """One procedure of the catalogue (NotFoundError when it has none of that name)."""
    return engine.catalog.procedure(slug)


def variants(engine: Engine, procedure: Procedure) -> list[VariantRow]:
    """The procedure's variants, each with its deployed versions."""
    versions = engine.versions.list(procedure.slug)
    return [VariantRow(name, variant.file, variant.description_vi,
                       [v for v in versions if v.variant == name])
            for name, variant in procedure.variants.items()]


def catalogue_root(engine: Engine) -> Path | None:
    """Where the catalogue's files are (drafts must be kept elsewhere)."""
    return engine.catalog.root


def form_keys(engine: Engine, procedure: Procedure, variant: str) -> list[str]:
    """The form keys a variant's user tasks may name (its forms/ and the shared ones)."""
    files = engine.catalog.bundle(procedure.slug, variant).files
    return sorted(name.removeprefix("forms/").removesuffix(".schema.json") for name in files
                  if name.startswith("forms/"))


def current_diagram(engine: Engine, procedure: Procedure, variant: str) -> bytes:
    """The diagram a variant runs now: its active version's, else the catalogue's file."""
    active = next((v for v in engine.versions.list(procedure.slug, variant) if v.status == "active"), None)
    if active is not None:
        bundle = engine.versions.model(active.id).bundle
    else:
        bundle = engine.catalog.bundle(procedure.slug, variant)
    return bundle.files[bundle.main]


def submit(engine: Engine, procedure: Procedure, variant: str, bpmn: bytes, actor: Actor,
           note: str) -> VersionView:
    """A checked draft as a new version of the variant, pending until another person activates it."""
    return engine.versions.deploy(procedure.slug, variant, bpmn=bpmn,
                                  filename=procedure.variants[variant].file, actor=actor, activate=False,
                                  note=note)


def activate(engine: Engine, procedure: Procedure, version_id: int, actor: Actor) -> VersionView:
    """Activate a pending version of the procedure (the engine refuses its own author)."""
    if version_id not in {v.id for v in engine.versions.list(procedure.slug)}:
        raise NotFoundError(f"thủ tục {procedure.slug} không có phiên bản {version_id}")
    return engine.versions.activate(version_id, actor)
