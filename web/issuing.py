"""One form of one case as PDF: the case read as the caller may see it, its facts, the printed page — and
that page kept among the case's documents."""

from __future__ import annotations

from urllib.parse import quote

from engine import DocumentView, Engine
from engine.actors import Actor

from .facts import form_facts
from .printing import render
from .reading import dossier, keep_document


def lookup_url(base_url: str, dossier_code: str) -> str:
    """The lookup page's address for a dossier (what Mẫu 01's QR code holds)."""
    return f"{base_url.rstrip('/')}/tra-cuu?ma_ho_so={quote(dossier_code, safe='')}"


def form_pdf(engine: Engine, case_id: str, form: str, actor: Actor, base_url: str) -> tuple[str, bytes]:
    """The file name and the bytes of a case's form (NotFoundError, or FormNotIssuedError before its step)."""
    case = dossier(engine, case_id, actor)
    facts = form_facts(case, form, lookup_url(base_url, case.case.dossier_code))
    return f"{case.case.dossier_code}-{form}.pdf", render(facts)


def attach_form(engine: Engine, case_id: str, form: str, actor: Actor, base_url: str) -> DocumentView:
    """Print a case's form and attach the PDF to the case (printing the same issue again attaches nothing
    new: the same case prints the same bytes, and the same file is the first row)."""
    filename, pdf = form_pdf(engine, case_id, form, actor, base_url)
    return keep_document(engine, case_id, pdf, filename, actor)
