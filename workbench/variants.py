"""Load a BPMN file an analyst points at as a ProcessModel, with its procedure folder when it has one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.bpmn.catalog import Catalog
from engine.bpmn.model import Bundle, ProcessModel, load_model
from engine.bpmn.ownership import owner_of
from engine.bpmn.procedure import Procedure
from engine.errors import InvalidProcessError, LienThongError


@dataclass(frozen=True)
class Outside:
    """Where a file outside any procedure folder finds its procedure: the catalogue, or the one named."""

    procedure: str | None = None
    catalog_root: Path | None = None


@dataclass(frozen=True)
class VariantFile:
    """A diagram on disk, parsed through the engine, and where its procedure metadata came from."""

    path: Path
    model: ProcessModel
    variant: str
    note: str = ""  # e.g. which variant's deadlines an unlisted file borrows
    home: Path | None = None  # the catalogue procedure folder of a file that lies outside it

    @property
    def procedure(self) -> Procedure | None:
        """The procedure.toml of the folder the file sits in, if any."""
        return self.model.procedure

    @property
    def label(self) -> str:
        """A short name for tables and reports: the variant, or the file's stem for an unlisted copy."""
        return self.path.stem if self.note else self.variant

    def sim_file(self) -> Path:
        """The simulation side file next to the diagram (`<stem>.sim.toml`), else its catalogue variant's."""
        beside = self.path.with_name(self.path.stem + ".sim.toml")
        if beside.is_file() or self.home is None or self.procedure is None:
            return beside
        listed = self.procedure.variants[self.variant].file
        return self.home / (Path(listed).stem + ".sim.toml")


ALONE = ("no procedure.toml beside it and no catalogue procedure declares its processes (--procedure SLUG): "
         "no deadlines, agencies are the pools")


def load_variant(path: str | Path, outside: Outside | None = None) -> VariantFile:
    """Parse a BPMN file; inside a procedure folder it is bundled exactly as the catalogue bundles it, and
    so is a file elsewhere that a catalogue variant's process ids (or `outside.procedure`) claim."""
    file = Path(path)
    if not file.is_file():
        raise InvalidProcessError(f"no such BPMN file: {file}", hint="give the path of a .bpmn file")
    folder = file.resolve().parent
    if (folder / "procedure.toml").is_file():
        return _from_procedure_folder(file, folder)
    if outside is not None and (outside.procedure or outside.catalog_root):
        claimed = _from_catalogue(file, outside)
        if claimed is not None:
            return claimed
    bundle = Bundle(slug=file.stem, variant=file.stem, main=file.name, files={file.name: file.read_bytes()})
    return VariantFile(file, load_model(bundle), file.stem, note=ALONE)


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


def _from_catalogue(file: Path, outside: Outside) -> VariantFile | None:
    """The file bundled as the catalogue variant that claims it (None when none does and none is named)."""
    catalog = Catalog(outside.catalog_root or Path("processes"))
    content = file.read_bytes()
    try:
        slug, variant = owner_of(catalog, content, str(file), outside.procedure)
    except LienThongError:
        if outside.procedure:
            raise  # the named procedure does not exist: say so rather than run the file on its own
        return None
    procedure = catalog.procedure(slug)
    note = ""
    if variant is None:
        named = [n for n in procedure.variants if file.stem.startswith(n)]
        variant = named[0] if named else next(iter(procedure.variants))
        note = f"no variant of {slug} declares its processes: deadlines of variant '{variant}'"
    bundle = catalog.bundle(slug, variant, bpmn=content, filename=file.name)
    home = (catalog.root or Path("processes")) / slug
    return VariantFile(file, catalog.model(bundle), variant, note=note, home=home.resolve())
