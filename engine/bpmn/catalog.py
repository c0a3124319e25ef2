"""The Catalog: procedures under processes/, their variants as bundles, parsed once per content hash."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from lxml import etree

from ..errors import InvalidProcessError, NotFoundError
from ..sandbox.sandbox import Sandbox
from .contracts import MESSAGES_DIR
from .model import Bundle, ProcessModel, load_model
from .procedure import Procedure
from .reader import NSMAP, parse_bpmn

SHARED_DIR = "_shared"
START_FORM = "start.schema.json"


class Catalog:
    """Reads processes/<slug>/procedure.toml, variants, forms and shared call activities."""

    def __init__(
        self, root: str | Path | None = None, sandbox: Sandbox | None = None, cache_size: int = 64
    ) -> None:
        self.root = Path(root) if root is not None else None
        self.sandbox = sandbox or Sandbox()
        self._models: OrderedDict[str, ProcessModel] = OrderedDict()
        self._cache_size = cache_size
        self._procedures: dict[str, Procedure] | None = None

    # -- procedures -------------------------------------------------------------------------------
    def procedures(self) -> list[Procedure]:
        """Every procedure folder, in slug order."""
        return [self._all()[slug] for slug in sorted(self._all())]

    def procedure(self, slug_or_code: str) -> Procedure:
        """A procedure by slug or by procedure code (mã TTHC)."""
        procedures = self._all()
        if slug_or_code in procedures:
            return procedures[slug_or_code]
        for procedure in procedures.values():
            if slug_or_code in procedure.codes:
                return procedure
        known = ", ".join(sorted(procedures)) or "none"
        raise NotFoundError(f"unknown procedure '{slug_or_code}' (known: {known})")

    def _all(self) -> dict[str, Procedure]:
        if self._procedures is None:
            found: dict[str, Procedure] = {}
            if self.root is not None and self.root.is_dir():
                for toml in sorted(self.root.glob("*/procedure.toml")):
                    slug = toml.parent.name
                    found[slug] = Procedure.parse(toml.read_text(encoding="utf-8"), slug, filename=str(toml))
            self._procedures = found
        return self._procedures

    # -- bundles ----------------------------------------------------------------------------------
    def bundle(
        self, slug: str, variant: str, *, bpmn: bytes | None = None, filename: str | None = None
    ) -> Bundle:
        """The files one variant needs; `bpmn` replaces the variant's diagram (an upload, an edited copy)."""
        procedure = self.procedure(slug)
        if variant not in procedure.variants:
            raise NotFoundError(
                f"procedure '{procedure.slug}' has no variant '{variant}' "
                f"(variants: {', '.join(procedure.variants)})"
            )
        assert self.root is not None
        folder = self.root / procedure.slug
        main = procedure.variants[variant].file
        if bpmn is None:
            path = folder / main
            if not path.is_file():
                raise InvalidProcessError(f"variant file {main} is missing", file=str(path))
            bpmn = path.read_bytes()
        files: dict[str, bytes] = {main: bpmn, "procedure.toml": (folder / "procedure.toml").read_bytes()}
        shared = self.shared_files(bpmn, filename or main)
        if shared:
            # Forms of shared call activities first, so that a procedure's own form of the same name wins.
            for form in sorted((self.root / SHARED_DIR / "forms").glob("*.schema.json")):
                files[f"forms/{form.name}"] = form.read_bytes()
        for form in sorted((folder / "forms").glob("*.schema.json")):
            if form.name.startswith("start.") and form.name != START_FORM:
                continue  # a variant's own start form: only that variant's bundle takes it, below
            files[f"forms/{form.name}"] = form.read_bytes()
        for schema in sorted((folder / MESSAGES_DIR).glob("*.schema.json")):
            files[f"{MESSAGES_DIR}/{schema.name}"] = schema.read_bytes()
        own_start = folder / "forms" / f"start.{variant}.schema.json"
        if own_start.is_file():
            # A redesign may ask for other start data (the to-be e-form asks for an id the paper form did
            # not): forms/start.<variant>.schema.json replaces the start form in that variant's bundle.
            files[f"forms/{START_FORM}"] = own_start.read_bytes()
        for name, content in shared.items():
            files[f"{SHARED_DIR}/{name}"] = content
        return Bundle(slug=procedure.slug, variant=variant, main=main, files=files)

    def shared_files(self, bpmn: bytes, filename: str) -> dict[str, bytes]:
        """Shared call-activity files the diagram calls, directly or through each other."""
        if self.root is None or not (self.root / SHARED_DIR).is_dir():
            return {}
        providers: dict[str, tuple[str, bytes]] = {}
        for path in sorted((self.root / SHARED_DIR).glob("*.bpmn")):
            content = path.read_bytes()
            for process in parse_bpmn(content, filename=str(path)).xpath("//bpmn:process"):
                providers[process.get("id")] = (path.name, content)
        needed: dict[str, bytes] = {}
        pending = _called(parse_bpmn(bpmn, filename=filename).root)
        seen: set[str] = set()
        while pending:
            process_id = pending.pop()
            if process_id in seen or process_id not in providers:
                continue
            seen.add(process_id)
            name, content = providers[process_id]
            if name not in needed:
                needed[name] = content
                pending |= _called(parse_bpmn(content, filename=name).root)
        return needed

    # -- models -----------------------------------------------------------------------------------
    def model(self, bundle: Bundle) -> ProcessModel:
        """The parsed model of a bundle, parsed once per content hash."""
        cached = self._models.get(bundle.hash)
        if cached is not None:
            self._models.move_to_end(bundle.hash)
            return cached
        model = load_model(bundle, self.sandbox)
        self._models[bundle.hash] = model
        if len(self._models) > self._cache_size:
            self._models.popitem(last=False)
        return model

    def cached_model(self, bundle_hash: str) -> ProcessModel | None:
        """A model already parsed in this process, if any."""
        return self._models.get(bundle_hash)


def _called(root: etree._Element) -> set[str]:
    return {
        c.get("calledElement") for c in root.xpath("//bpmn:callActivity[@calledElement]", namespaces=NSMAP)
    }
