"""Collect `.feature` files as pytest modules, one test per scenario, run once per variant under test.

`pytest features/` (and `lienthong bdd`) runs each scenario against every variant of its procedure, or only
`--variant NAME`, or against an analyst's edited diagram (`--process FILE.bpmn`). A scenario tagged
`@chi-<variant>` holds for that variant only; on the others it is skipped with the reason written in the
comment above the tag.
"""

from __future__ import annotations

import re
import types
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_bdd.feature import get_feature
from pytest_bdd.scenario import get_python_name_generator, scenario

from engine.bpmn.catalog import Catalog
from engine.bpmn.ownership import owner_of
from engine.bpmn.procedure import Procedure
from engine.errors import LienThongError, NotFoundError

FEATURES_DIR = Path(__file__).resolve().parents[1]
ONLY_TAG = "chi-"  # @chi-as-is, @chi-to-be: the scenario holds for that variant only


@dataclass(frozen=True)
class UnderTest:
    """What a run checks: a variant by name (or every variant), or one edited BPMN file of one procedure."""

    variant: str | None
    process_file: Path | None
    process_slug: str | None

    def variants_of(self, procedure: Procedure) -> list[str]:
        """The variants a scenario of this procedure runs against."""
        if self.process_file is not None:
            return [self.variant] if procedure.slug == self.process_slug and self.variant else []
        if self.variant is not None:
            return [self.variant]
        return list(procedure.variants)


def under_test(catalog: Catalog, variant: str | None, process: str | None,
               procedure: str | None) -> UnderTest:
    """Read the command-line options; with --process, find the procedure and variant the file belongs to."""
    known = sorted({name for proc in catalog.procedures() for name in proc.variants})
    if variant is not None and variant not in known:
        raise pytest.UsageError(f"--variant {variant}: no procedure has it (variants: {', '.join(known)})")
    if process is None:
        return UnderTest(variant, None, None)
    path = Path(process).resolve()
    if not path.is_file():
        raise pytest.UsageError(f"--process {process}: no such file")
    slug, guessed = _owner_of(catalog, path, procedure)
    chosen = variant or guessed
    if chosen is None:
        raise pytest.UsageError(f"--process {process}: say which variant it replaces with --variant "
                                f"(variants of {slug}: {', '.join(catalog.procedure(slug).variants)})")
    if chosen not in catalog.procedure(slug).variants:
        raise pytest.UsageError(f"--variant {chosen}: procedure {slug} has variants "
                                f"{', '.join(catalog.procedure(slug).variants)}")
    try:  # a file the engine cannot run is reported once, not by every scenario
        catalog.model(catalog.bundle(slug, chosen, bpmn=path.read_bytes(), filename=str(path)))
    except LienThongError as exc:
        raise pytest.UsageError(f"--process {process}: the engine cannot run it: {exc}") from None
    return UnderTest(chosen, path, slug)


def _owner_of(catalog: Catalog, path: Path, procedure: str | None) -> tuple[str, str | None]:
    """The procedure (and variant) whose diagram declares the same executable processes as this file."""
    try:
        return owner_of(catalog, path.read_bytes(), str(path), procedure)
    except NotFoundError as exc:
        raise pytest.UsageError(f"--process {path}: {exc}") from None
    except LienThongError as exc:
        folder = path.parent.name
        if folder in {p.slug for p in catalog.procedures()}:
            return folder, path.stem if path.stem in catalog.procedure(folder).variants else None
        raise pytest.UsageError(f"--process {path}: {exc}") from None


def procedure_slug(path: Path) -> str:
    """Features live in features/<procedure slug>/…: the folder names the procedure."""
    try:
        return path.resolve().relative_to(FEATURES_DIR).parts[0]
    except (ValueError, IndexError):
        raise pytest.UsageError(f"{path}: feature files belong in features/<procedure slug>/") from None


class FeatureFile(pytest.Module):
    """A `.feature` file collected as a module whose tests are its scenarios."""

    def _getobj(self) -> types.ModuleType:
        module = types.ModuleType("feature_" + re.sub(r"\W", "_", self.path.stem))
        module.__file__ = str(self.path)
        feature = get_feature(str(self.path.parent), self.path.name)
        for name in feature.scenarios:
            test = scenario(self.path.name, name, features_base_dir=str(self.path.parent))(_body)
            test = pytest.mark.usefixtures("world")(test)
            for test_name in get_python_name_generator(name):
                if test_name not in module.__dict__:
                    setattr(module, test_name, test)
                    break
        return module


def _body() -> None:
    """Scenarios have no body of their own: their steps are the test."""


def only_variants(item: pytest.Item) -> set[str]:
    """Variants named by `@chi-<variant>` tags of a scenario (empty: it holds for every variant)."""
    return {m.name.removeprefix(ONLY_TAG) for m in item.iter_markers() if m.name.startswith(ONLY_TAG)}


def tag_reason(path: Path, line: int) -> str:
    """The comment lines right above a scenario's tags: why it holds for one variant only."""
    lines = path.read_text(encoding="utf-8").splitlines()
    index = line - 2  # the line above the `Kịch bản:` line (lines are 1-based)
    comments: list[str] = []
    while index >= 0:
        text = lines[index].strip()
        if text.startswith("#"):
            comments.insert(0, text.lstrip("#").strip())
        elif not text.startswith("@"):
            break
        index -= 1
    return " ".join(comments)
