"""A form's layout (web/layouts.py) printed as an A4 PDF, with the vendored DejaVu Serif font (every
Vietnamese letter) and, on Mẫu 01, a QR code of the dossier's lookup address.

fpdf2 is pure Python (no system libraries, unlike WeasyPrint's Pango), so `pip install -e .` is enough; segno
makes the QR code. The same facts print the same bytes: the PDF's dates are the form's issue time.
"""

from __future__ import annotations

import io
from pathlib import Path

import segno
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from .facts import FormFacts
from .layouts import Layout, layout
from .vietnamese import local, long_date

FONTS = Path(__file__).parent / "fonts"
FAMILY = "DejaVuSerif"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
QR_MM = 30


def qr_code(url: str) -> segno.QRCode:
    """The QR code of a lookup address (error correction M: a creased paper still scans)."""
    return segno.make(url, error="m", micro=False)


def render(facts: FormFacts) -> bytes:
    """The form as PDF bytes."""
    page = layout(facts)
    pdf = FPDF(orientation="L" if page.landscape else "P", unit="mm", format="A4")
    pdf.set_creation_date(local(facts.issued_at))
    pdf.set_title(f"{facts.title} — {facts.dossier_code}")
    pdf.set_author(facts.agency)
    pdf.set_lang("vi")
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSerif.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSerif-Bold.ttf"))
    pdf.add_font(FAMILY, "I", str(FONTS / "DejaVuSerif-Italic.ttf"))
    pdf.set_margins(20, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    _heading(pdf, facts, page)
    _body(pdf, page)
    if page.table:
        _table(pdf, page)
    if page.qr_url:
        _qr(pdf, page.qr_url)
    _signatures(pdf, page)
    return bytes(pdf.output())


def _heading(pdf: FPDF, facts: FormFacts, page: Layout) -> None:
    # The agency on the left two fifths, the national heading on the right, as the circular lays them out.
    left, right = pdf.epw * 0.4, pdf.epw * 0.6
    top = pdf.get_y()
    pdf.set_font(FAMILY, "B", 10)
    pdf.multi_cell(left - 4, 5, facts.agency.upper() + "\nBỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", align="C")
    left_end = pdf.get_y()
    pdf.set_xy(pdf.l_margin + left, top)
    pdf.multi_cell(right, 5, NATION, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FAMILY, "B", 11)
    pdf.multi_cell(right, 5, MOTTO, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FAMILY, "I", 10)
    pdf.multi_cell(right, 7, long_date(facts.issued_at).capitalize(), align="C")
    pdf.set_xy(pdf.l_margin, max(left_end, pdf.get_y()) + 6)
    pdf.set_font(FAMILY, "B", 14)
    pdf.multi_cell(0, 7, page.title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FAMILY, "", 11)
    pdf.multi_cell(0, 6, page.code_line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)


def _body(pdf: FPDF, page: Layout) -> None:
    pdf.set_font(FAMILY, "", 11)
    for text in page.paragraphs:
        pdf.multi_cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)


def _table(pdf: FPDF, page: Layout) -> None:
    pdf.set_font(FAMILY, "", 8 if page.landscape else 9)
    with pdf.table(col_widths=page.widths, text_align="LEFT", line_height=4.5,
                   headings_style=FontFace(emphasis="BOLD")) as table:
        for values in page.table:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.ln(4)


def _qr(pdf: FPDF, url: str) -> None:
    png = io.BytesIO()
    qr_code(url).save(png, kind="png", scale=8, border=2)
    png.seek(0)
    top = pdf.get_y()
    pdf.image(png, x=pdf.l_margin, y=top, w=QR_MM, h=QR_MM)
    pdf.set_xy(pdf.l_margin + QR_MM + 4, top + 6)
    pdf.set_font(FAMILY, "I", 9)
    pdf.multi_cell(pdf.epw - QR_MM - 4, 5, f"Tra cứu tình trạng hồ sơ: {url}")
    pdf.set_xy(pdf.l_margin, top + QR_MM + 4)


def _signatures(pdf: FPDF, page: Layout) -> None:
    if not page.signatures:
        return
    # Two signers side by side; one signs on the right half, as the circular's forms place the signer.
    width = pdf.epw / 2
    top = pdf.get_y() + 2
    first = 0 if len(page.signatures) > 1 else 1
    for index, who in enumerate(page.signatures, first):
        pdf.set_xy(pdf.l_margin + index * width, top)
        pdf.set_font(FAMILY, "B", 11)
        pdf.multi_cell(width, 6, who, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_font(FAMILY, "I", 10)
        pdf.multi_cell(width, 5, "(Ký và ghi rõ họ tên)", align="C")
