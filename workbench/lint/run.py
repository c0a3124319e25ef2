"""`lienthong lint`: check BPMN files as the engine will load them, and say what to fix and where.

A file inside a procedure folder is checked together with its procedure.toml, its forms and the shared
call activities it uses, bundled exactly as `engine.catalog.Catalog.bundle` bundles them; a file in
`processes/_shared/` is checked with the shared files it calls; any other file is checked on its own.
The engine's own loading comes first; then every rule of the registry (`rules.RULES`) runs on the bundle.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from engine.bpmn_xml import BpmnDocument, parse_bpmn
from engine.catalog import SHARED_DIR, Catalog
from engine.contracts import MESSAGES_DIR
from engine.errors import InvalidProcessError, LienThongError, NotFoundError, UnsafeExpressionError
from engine.model import Bundle, load_model
from engine.ownership import owner_of, process_ids
from engine.procedure import Procedure, Variant
from workbench.variants import Outside

from .context import RuleContext
from .findings import Finding
from .index import DocIndex
from .rules import run_rules


@dataclass
class LintReport:
    """The findings of one run over some files, sorted by file and line."""

    findings: list[Finding]
    files: int

    @property
    def errors(self) -> list[Finding]:
        """Findings that make the run fail."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """Findings worth a look that do not fail the run."""
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def exit_code(self) -> int:
        """1 when there is an error, else 0."""
        return 1 if self.errors else 0

    def summary(self) -> str:
        """One line: files checked, errors, warnings."""
        return (f"{self.files} file(s) checked: {len(self.errors)} error(s), "
                f"{len(self.warnings)} warning(s)")


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


def lint_paths(paths: Iterable[str | Path], procedure: str | None = None,
               catalog_root: Path | None = None) -> LintReport:
    """Lint files and folders (every *.bpmn under a folder); findings are deduplicated and sorted. A file
    outside any procedure folder is checked as the `catalog_root` variant it belongs to (`owner_of`)."""
    found: set[Finding] = set()
    count = 0
    catalogs: dict[Path, Catalog] = {}
    outside = Outside(procedure, catalog_root)
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(path.rglob("*.bpmn"))
            for toml in sorted(path.rglob("procedure.toml")):
                found.update(_missing_variants(toml))
        elif path.is_file():
            files = [path]
        else:
            found.add(Finding("error", "no-file", "no such file or folder", str(given)))
            continue
        for file in files:
            count += 1
            found.update(lint_file(file, catalogs, outside))
    return LintReport(sorted(found, key=_order), count)


def _missing_variants(toml: Path) -> list[Finding]:
    """A variant listed in procedure.toml whose BPMN file is not there."""
    text = toml.read_text(encoding="utf-8", errors="replace")
    try:
        procedure = Procedure.parse(text, toml.parent.name, filename=_show(toml))
    except LienThongError as exc:
        return [Finding("error", "procedure", engine_message(exc), _show(toml), _line(exc), None, exc.hint)]
    return [
        Finding("error", "missing-variant", f"variant '{name}' names {variant.file}, which does not exist",
                _show(toml), _line_of(text, f'"{variant.file}"'), None,
                "add the file, or remove the variant from procedure.toml")
        for name, variant in procedure.variants.items() if not (toml.parent / variant.file).is_file()
    ]


def _line_of(text: str, needle: str) -> int | None:
    position = text.find(needle)
    return text.count("\n", 0, position) + 1 if position >= 0 else None


def lint_file(path: str | Path, catalogs: dict[Path, Catalog] | None = None,
              outside: Outside | None = None) -> list[Finding]:
    """Lint one BPMN file in the context of the folder it sits in (or of the procedure it belongs to)."""
    try:
        target = target_for(Path(path), {} if catalogs is None else catalogs, outside or Outside())
    except OSError as exc:
        return [Finding("error", "no-file", f"cannot read the file: {exc.strerror}", str(path))]
    return check_target(target)


def lint_source(bpmn: bytes, filename: str, catalog: Catalog, procedure: str, variant: str) -> list[Finding]:
    """Lint an uploaded diagram as a new version of a catalogue procedure's variant (for the API)."""
    proc = catalog.procedure(procedure)
    try:
        bundle = catalog.bundle(proc.slug, variant, bpmn=bpmn, filename=filename)
    except InvalidProcessError:  # the upload is not readable BPMN: reported as a finding below
        bundle = Bundle(slug=proc.slug, variant=variant, main=filename, files={filename: bpmn})
    paths = {name: name for name in bundle.files}
    paths[bundle.main] = filename
    return sorted(check_target(Target(bundle, paths, proc, proc.variants.get(variant))), key=_order)


def _order(finding: Finding) -> tuple[str, int, str, str]:
    return finding.file, finding.line or 0, finding.element_id or "", finding.message


def _show(path: Path) -> str:
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
            owner = owner_of(_catalog(root, catalogs), content, _show(resolved), outside.procedure)
        except NotFoundError as exc:
            target = _alone(resolved, content)
            target.notes.append(Finding("error", "procedure", engine_message(exc), _show(resolved),
                                        hint="name a procedure of the catalogue with --procedure SLUG"))
            return target
        except LienThongError:
            owner = None  # no procedure declares its processes (or it is unreadable): checked on its own
            shared = (root / SHARED_DIR).resolve()
            if _declares_same(content, _show(resolved), shared):
                return _shared_target(resolved, content, _catalog(shared.parent, catalogs), shared)
        folder = (root / owner[0]).resolve() if owner else folder
    if (folder / "procedure.toml").is_file():
        try:
            return _procedure_target(resolved, content, _catalog(folder.parent, catalogs), folder, owner)
        except LienThongError as exc:
            target = _alone(resolved, content)
            toml = _show(Path(exc.file or folder / "procedure.toml"))
            target.notes.append(_finding(exc, "procedure", target, toml))
            return target
    target = _alone(resolved, content)
    target.notes.append(Finding("warning", "no-procedure", NO_PROCEDURE, _show(resolved),
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
    return Target(bundle, {path.name: _show(path)})


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
    paths = {path.name: _show(path)}
    for name, data in called.items():
        if name != path.name:
            files[f"{SHARED_DIR}/{name}"] = data
            paths[f"{SHARED_DIR}/{name}"] = _show(folder / name)
    for form in sorted((folder / "forms").glob("*.schema.json")):
        files[f"forms/{form.name}"] = form.read_bytes()
        paths[f"forms/{form.name}"] = _show(form)
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
                             f"checked with the deadlines of variant '{variant}'", _show(path)))
    try:
        bundle = catalog.bundle(procedure.slug, variant, bpmn=content, filename=path.name)
    except LienThongError:
        target = _alone(path, content)  # not well-formed: reported when the file itself is read
        target.procedure, target.variant = procedure, procedure.variants[variant]
        return target
    paths = {bundle.main: _show(path), "procedure.toml": _show(folder / "procedure.toml")}
    for name in bundle.files:
        if name.startswith("forms/"):
            own = folder / name
            paths[name] = _show(own if own.is_file() else folder.parent / SHARED_DIR / name)
        elif name.startswith(f"{SHARED_DIR}/"):
            paths[name] = _show(folder.parent / name)
        elif name.startswith(f"{MESSAGES_DIR}/"):
            paths[name] = _show(folder / name)
    return Target(bundle, paths, procedure, procedure.variants[variant], notes)


def engine_message(exc: LienThongError) -> str:
    """An engine error's message, tidied: SpiffWorkflow's trailing dots and lxml object addresses removed."""
    text = _LXML_REPR.sub(lambda m: f"<{m.group(1)}>", exc.message.strip())
    return text.rstrip(". ").strip() or type(exc).__name__


_LXML_REPR = re.compile(r"<Element \{[^}]*\}(\w+) at 0x[0-9a-f]+>")
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def _line(exc: LienThongError) -> int | None:
    """The error's line, or the one a TOML parser message names."""
    match = _TOML_LINE.search(exc.message)
    return exc.line or (int(match.group(1)) if match else None)


def _finding(exc: LienThongError, code: str, target: Target, file: str | None = None) -> Finding:
    where = file or target.path(exc.file)
    return Finding("error", code, engine_message(exc), where, _line(exc), exc.element_id, exc.hint)


def check_target(target: Target) -> list[Finding]:
    """Every check on one bundle: the engine's own loading first, then the linter's checks."""
    findings = list(target.notes)
    bundle = target.bundle
    docs: list[BpmnDocument] = []
    for name in bundle.bpmn_names():
        try:
            docs.append(parse_bpmn(bundle.files[name], filename=target.path(name)))
        except LienThongError as exc:
            findings.append(_finding(exc, "xml", target, target.path(name)))
    if not docs or docs[0].filename != target.path(bundle.main):
        return findings
    indexes = [DocIndex(doc) for doc in docs]
    checks = run_rules(RuleContext(indexes, bundle, target.paths, target.procedure, target.variant))
    findings += checks
    load = _load_finding(target)
    # A broken reference makes SpiffWorkflow's own message misleading ("two items … same ID?"): lint's wins.
    broken = any(f.code == "broken-reference" for f in checks)
    if load is not None and not broken and not any(_same_place(load, f) for f in checks
                                                   if f.severity == "error"):
        findings.append(load)
    return findings


def _load_finding(target: Target) -> Finding | None:
    """What the engine says when it loads the bundle (None when it loads)."""
    try:
        load_model(target.bundle)
    except UnsafeExpressionError as exc:
        return _finding(exc, "unsafe-expression", target)
    except LienThongError as exc:
        finding = _finding(exc, "load", target)
        return Finding("error", "load", f"the engine refuses the file: {finding.message}", finding.file,
                       finding.line, finding.element_id, finding.hint)
    return None


# Checks that name, more precisely, the problems SpiffWorkflow or the sandbox stop at when loading.
SUPERSEDE_LOAD = frozenset({"missing-condition", "implicit-split", "unsupported-element", "plain-task",
                            "expression-language", "invalid-form"})


def _same_place(load: Finding, other: Finding) -> bool:
    if other.code not in SUPERSEDE_LOAD:
        return False
    if load.element_id:
        return other.element_id == load.element_id
    return other.file == load.file and load.line is not None and other.line == load.line
