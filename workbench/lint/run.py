"""`lienthong lint`: check BPMN files as the engine will load them, and say what to fix and where.

A file inside a procedure folder is checked together with its procedure.toml, its forms and the shared
call activities it uses (`targets.target_for` bundles it as the engine would); a file in
`processes/_shared/` is checked with the shared files it calls; any other file is checked on its own.
The engine's own loading comes first; then every rule of the registry (`rules.RULES`) runs on the bundle.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from engine.bpmn.catalog import Catalog
from engine.bpmn.model import Bundle, load_model
from engine.bpmn.procedure import Procedure
from engine.bpmn.reader import BpmnDocument, parse_bpmn
from engine.errors import InvalidProcessError, LienThongError, UnsafeExpressionError
from workbench.variants import Outside

from .context import RuleContext
from .findings import Finding, engine_message, error_line
from .index import DocIndex
from .rules import run_rules
from .targets import Target, shown, target_for


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
        procedure = Procedure.parse(text, toml.parent.name, filename=shown(toml))
    except LienThongError as exc:
        where = shown(toml)
        return [Finding("error", "procedure", engine_message(exc), where, error_line(exc), None, exc.hint)]
    return [
        Finding("error", "missing-variant", f"variant '{name}' names {variant.file}, which does not exist",
                shown(toml), _line_of(text, f'"{variant.file}"'), None,
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


def check_target(target: Target) -> list[Finding]:
    """Every check on one bundle: the engine's own loading first, then the linter's checks."""
    findings = list(target.notes)
    bundle = target.bundle
    docs: list[BpmnDocument] = []
    for name in bundle.bpmn_names():
        try:
            docs.append(parse_bpmn(bundle.files[name], filename=target.path(name)))
        except LienThongError as exc:
            findings.append(target.finding(exc, "xml", target.path(name)))
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
        return target.finding(exc, "unsafe-expression")
    except LienThongError as exc:
        finding = target.finding(exc, "load")
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
