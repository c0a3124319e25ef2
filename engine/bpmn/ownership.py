"""Whose diagram is this? The catalogue procedure (and variant) a BPMN file belongs to, wherever it lies.

A file copied out of the catalogue, or edited in a modeler and saved elsewhere, still declares the ids of
its executable processes; the variant whose diagram declares the same ids is its owner. `--procedure SLUG`
names the owner of a diagram drawn from scratch.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InvalidProcessError
from .catalog import Catalog
from .reader import parse_bpmn


def process_ids(content: bytes, filename: str) -> set[str]:
    """The ids of the executable processes a BPMN file declares."""
    doc = parse_bpmn(content, filename=filename)
    return {str(p.get("id")) for p in doc.xpath("//bpmn:process[@isExecutable='true']")}


def owner_of(catalog: Catalog, content: bytes, filename: str, procedure: str | None = None
             ) -> tuple[str, str | None]:
    """(slug, variant) of the catalogue variant declaring the same executable processes as the file; with
    `procedure` (a slug or a procedure code) only that procedure is looked at, and its slug is returned even
    when no variant matches (variant None, or the variant named like the file)."""
    ids = process_ids(content, filename)
    chosen = catalog.procedure(procedure) if procedure else None  # NotFoundError names the known slugs
    for proc in [chosen] if chosen else catalog.procedures():
        for name, variant in proc.variants.items():
            file = (catalog.root or Path(".")) / proc.slug / variant.file
            if file.is_file() and process_ids(file.read_bytes(), str(file)) & ids:
                return proc.slug, name
    if chosen is not None:
        stem = Path(filename).stem
        return chosen.slug, stem if stem in chosen.variants else None
    raise InvalidProcessError(
        f"no procedure of the catalogue declares the processes of {filename} "
        f"({', '.join(sorted(ids)) or 'none is executable'})",
        file=filename,
        hint="name its procedure with --procedure SLUG (see `lienthong lint processes/` for the slugs)",
    )
