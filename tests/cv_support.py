"""Render a CV's text into PDF or DOCX for tests and tests/eval_cv.py (test-only: fpdf2, python-docx)."""
from __future__ import annotations

import re
from pathlib import Path

#: Fonts tried for PDFs, in order: a CJK font for Chinese text, DejaVu for the rest.
CJK_FONTS = [("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
             ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0)]
LATIN_FONTS = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"]

_CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def pdf_font(text: str) -> tuple[str, int] | None:
    """The font file (and collection index) that can draw ``text``, or None for the core Helvetica."""
    for path, index in (CJK_FONTS if has_cjk(text) else [(p, 0) for p in LATIN_FONTS]):
        if Path(path).is_file():
            return path, index
    return None


def write_pdf(text: str, path: str | Path) -> Path:
    """A text PDF of ``text`` (Markdown marks dropped), A4, with page breaks as the text needs."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    font = pdf_font(text)
    if font is not None:
        pdf.add_font("cv", "", font[0], collection_font_number=font[1])
        pdf.set_font("cv", size=10)
    elif has_cjk(text):
        raise RuntimeError("no CJK font installed to draw this CV into a PDF")
    else:
        pdf.set_font("helvetica", size=10)
        text = text.encode("latin-1", "replace").decode("latin-1")
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip().replace("**", "")
        if not line:
            pdf.ln(4)
            continue
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    out = Path(path)
    pdf.output(str(out))
    return out


def write_docx(text: str, path: str | Path) -> Path:
    """A DOCX of ``text``: '#' lines become headings, the rest paragraphs."""
    import docx

    document = docx.Document()
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            document.add_heading(stripped.lstrip("#").strip(), level=min(3, len(stripped) - len(stripped.lstrip("#"))))
        else:
            document.add_paragraph(stripped.replace("**", ""))
    out = Path(path)
    document.save(str(out))
    return out


def render(source: str | Path, fmt: str | None, out_dir: str | Path) -> Path:
    """The file to read for one labelled CV: the source itself, or it rendered as ``fmt`` in ``out_dir``."""
    src = Path(source)
    if not fmt:
        return src
    text = src.read_text(encoding="utf-8")
    out = Path(out_dir) / f"{src.stem}.{fmt}"
    if fmt == "pdf":
        return write_pdf(text, out)
    if fmt == "docx":
        return write_docx(text, out)
    raise ValueError(f"unknown render format {fmt!r}")
