"""Load a BPMN file an analyst points at as a ProcessModel, with its procedure folder when it has one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.catalog import Catalog
from engine.errors import InvalidProcessError
from engine.model import Bundle, ProcessModel, load_model
from engine.procedure import Procedure


@dataclass(frozen=True)
class VariantFile:
    """A diagram on disk, parsed through the engine, and where its procedure metadata came from."""

    path: Path
    model: ProcessModel
    variant: str
    note: str = ""  # e.g. which variant's deadlines an unlisted file borrows

    @property
    def procedure(self) -> Procedure | None:
        """The procedure.toml of the folder the file sits in, if any."""
        return self.model.procedure

    @property
    def label(self) -> str:
        """A short name for tables and reports: the variant, or the file's stem for an unlisted copy."""
        return self.path.stem if self.note else self.variant

    def sim_file(self) -> Path:
        """The simulation side file next to the diagram: `<stem>.sim.toml`."""
        return self.path.with_name(self.path.stem + ".sim.toml")


def load_variant(path: str | Path) -> VariantFile:
    """Parse a BPMN file; inside a procedure folder it is bundled exactly as the catalogue bundles it."""
    file = Path(path)
    if not file.is_file():
        raise InvalidProcessError(f"no such BPMN file: {file}", hint="give the path of a .bpmn file")
    folder = file.resolve().parent
    if (folder / "procedure.toml").is_file():
        return _from_procedure_folder(file, folder)
    bundle = Bundle(slug=file.stem, variant=file.stem, main=file.name, files={file.name: file.read_bytes()})
    return VariantFile(file, load_model(bundle), file.stem, note="no procedure.toml beside it: no deadlines, "
                       "agencies are the pools")


def _from_procedure_folder(file: Path, folder: Path) -> VariantFile:
    catalog = Catalog(folder.parent)
    procedure = catalog.procedure(folder.name)
    by_file = {v.file: name for name, v in procedure.variants.items()}
    if file.name in by_file:
        variant = by_file[file.name]
        return VariantFile(file, catalog.model(catalog.bundle(procedure.slug, variant)), variant)
    # An edited copy (e.g. to-be-v2.bpmn): run it in place of the variant it is named after, or the first.
    variant = next((name for name in procedure.variants if file.stem.startswith(name)),
                   next(iter(procedure.variants)))
    bundle = catalog.bundle(procedure.slug, variant, bpmn=file.read_bytes(), filename=file.name)
    return VariantFile(file, catalog.model(bundle), variant,
                       note=f"not listed in procedure.toml: deadlines of variant '{variant}'")
