"""What lint checks a file in: the bundle the engine would load it in (its procedure's variant, a shared file
with the shared files it calls, or the file alone), bundled as `engine.bpmn.catalog.Catalog.bundle` bundles
it, with the path each bundle file is shown at."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from engine.bpmn.catalog import SHARED_DIR, Catalog
from engine.bpmn.contracts import MESSAGES_DIR
from engine.bpmn.model import Bundle
from engine.bpmn.ownership import owner_of, process_ids
from engine.bpmn.procedure import Procedure, Variant
from engine.errors import InvalidProcessError, LienThongError, NotFoundError
from workbench.variants import Outside

from .findings import Finding, engine_message, error_finding


@dataclass
class Target:
    """What one check run looks at: a bundle, where its files are on disk, and its procedure."""

    bundle: Bundle
    paths: dict[str, str]  # bundle file name → the path findings show
    procedure: Procedure | None = None
    variant: Variant | None = None
    notes: list[Finding] = field(default_factory=list)

    def path(self, name: str | None) -> str:
        """The path to show for a bundle file name."""
        return self.paths.get(name or "", name or self.paths[self.bundle.main])

    def finding(self, exc: LienThongError, code: str, file: str | None = None) -> Finding:
        """An engine error as a finding in the file it names (or `file`), shown at its path."""
        return error_finding(exc, code, file or self.path(exc.file))


def shown(path: Path) -> str:
    """A path as findings show it: relative to the working folder."""
    return os.path.relpath(path)


def target_for(path: Path, catalogs: dict[Path, Catalog], outside: Outside | None = None) -> Target:
    """The bundle a file is checked in: its procedure's variant, a shared file and its callees, or itself."""
    outside = outside or Outside()
    resolved = path.resolve()
    folder = resolved.parent
    content = resolved.read_bytes()
    if folder.name == SHARED_DIR:
        return _shared_target(resolved, content, _catalog(folder.parent, catalogs), folder)
    owner: tuple[str, str | None] | None = None
    if not (folder / "procedure.toml").is_file() and (outside.procedure or outside.catalog_root):
        root = outside.catalog_root or Path("processes")
        try:
            owner = owner_of(_catalog(root, catalogs), content, shown(resolved), outside.procedure)
        except NotFoundError as exc:
            target = _alone(resolved, content)
            target.notes.append(Finding("error", "procedure", engine_message(exc), shown(resolved),
                                        hint="name a procedure of the catalogue with --procedure SLUG"))
            return target
        except LienThongError:
            owner = None  # no procedure declares its processes (or it is unreadable): checked on its own
            shared = (root / SHARED_DIR).resolve()
            if _declares_same(content, shown(resolved), shared):
                return _shared_target(resolved, content, _catalog(shared.parent, catalogs), shared)
        folder = (root / owner[0]).resolve() if owner else folder
    if (folder / "procedure.toml").is_file():
        try:
            return _procedure_target(resolved, content, _catalog(folder.parent, catalogs), folder, owner)
        except LienThongError as exc:
            target = _alone(resolved, content)
            toml = shown(Path(exc.file or folder / "procedure.toml"))
            target.notes.append(target.finding(exc, "procedure", toml))
            return target
    target = _alone(resolved, content)
    target.notes.append(Finding("warning", "no-procedure", NO_PROCEDURE, shown(resolved),
                                hint="name its procedure with --procedure SLUG"))
    return target


NO_PROCEDURE = ("no procedure.toml beside the file and no procedure of the catalogue declares its processes: "
                "lanes, forms and deadlines were not checked")


def _catalog(root: Path, catalogs: dict[Path, Catalog]) -> Catalog:
    if root not in catalogs:
        catalogs[root] = Catalog(root)
    return catalogs[root]


def _alone(path: Path, content: bytes) -> Target:
    bundle = Bundle(slug=path.stem, variant=path.stem, main=path.name, files={path.name: content})
    return Target(bundle, {path.name: shown(path)})


def _declares_same(content: bytes, filename: str, shared: Path) -> bool:
    """True when a shared file of the catalogue declares one of the file's processes (a copy of it)."""
    try:
        ids = process_ids(content, filename)
        return any(ids & process_ids(f.read_bytes(), str(f)) for f in sorted(shared.glob("*.bpmn")))
    except LienThongError:
        return False


def _shared_target(path: Path, content: bytes, catalog: Catalog, folder: Path) -> Target:
    try:
        called = catalog.shared_files(content, path.name)
    except LienThongError:
        return _alone(path, content)  # the XML error is reported when the file itself is read
    files = {path.name: content}
    paths = {path.name: shown(path)}
    for name, data in called.items():
        if name != path.name:
            files[f"{SHARED_DIR}/{name}"] = data
            paths[f"{SHARED_DIR}/{name}"] = shown(folder / name)
    for form in sorted((folder / "forms").glob("*.schema.json")):
        files[f"forms/{form.name}"] = form.read_bytes()
        paths[f"forms/{form.name}"] = shown(form)
    return Target(Bundle(slug=SHARED_DIR, variant=path.stem, main=path.name, files=files), paths)


def _procedure_target(path: Path, content: bytes, catalog: Catalog, folder: Path,
                      owner: tuple[str, str | None] | None = None) -> Target:
    procedure = catalog.procedure(folder.name)
    if not procedure.variants:
        raise InvalidProcessError("procedure.toml lists no [variants.…]", file=str(folder / "procedure.toml"),
                                  hint='add [variants.as-is] with file = "as-is.bpmn"')
    by_file = {v.file: name for name, v in procedure.variants.items()}
    notes = []
    variant = owner[1] if owner else by_file.get(path.name)
    if variant is None:
        # An edited copy (to-be-v2.bpmn): checked as the variant it is named after, or the first one.
        named = [n for n in procedure.variants if path.stem.startswith(n)]
        variant = named[0] if named else next(iter(procedure.variants))
        notes.append(Finding("warning", "not-a-variant", "the file is not a variant in procedure.toml; "
                             f"checked with the deadlines of variant '{variant}'", shown(path)))
    try:
        bundle = catalog.bundle(procedure.slug, variant, bpmn=content, filename=path.name)
    except LienThongError:
        target = _alone(path, content)  # not well-formed: reported when the file itself is read
        target.procedure, target.variant = procedure, procedure.variants[variant]
        return target
    paths = {bundle.main: shown(path), "procedure.toml": shown(folder / "procedure.toml")}
    for name in bundle.files:
        if name.startswith("forms/"):
            own = folder / name
            paths[name] = shown(own if own.is_file() else folder.parent / SHARED_DIR / name)
        elif name.startswith(f"{SHARED_DIR}/"):
            paths[name] = shown(folder.parent / name)
        elif name.startswith(f"{MESSAGES_DIR}/"):
            paths[name] = shown(folder / name)
    return Target(bundle, paths, procedure, procedure.variants[variant], notes)
