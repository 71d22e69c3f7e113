"""Reading documents people hand us (job descriptions, CVs): text, Markdown, HTML, PDF, DOCX.

Every read is bounded (at most the limit + 1 bytes, whatever the file claims to
be), only regular files are read (a FIFO or a device would block or never
end), and every failure is one ``DataError`` line naming the file. PDF and
DOCX libraries are imported only when such a file is read.

``decode_text`` and ``html_text`` are pure; ``read_text`` only opens the file
and dispatches on its ending.
"""
from __future__ import annotations

import io
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from kg.errors import DataError
from kg.safeio import ReadRefused, read_regular, refusal, size_text

#: Endings read as plain text (Markdown is read as it is).
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
#: Endings read as HTML (text only: scripts and styles dropped).
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: Every ending ``read_text`` understands.
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + (".pdf", ".docx")
#: Text documents (and the text drawn out of a PDF or DOCX) larger than this are not a posting or a CV.
MAX_BYTES = 1_000_000
#: PDF and DOCX files carry fonts and pictures: their own, larger limit.
MAX_PACKED_BYTES = 10_000_000
#: Pages read from a PDF at the most.
MAX_PDF_PAGES = 50
#: What a DOCX may unpack to at the most (a zip bomb is refused before it is opened).
MAX_DOCX_UNPACKED = 50_000_000


def read_stream(stream: BinaryIO, name: str, max_bytes: int = MAX_BYTES) -> bytes:
    """At most ``max_bytes`` from ``stream``; ``DataError`` if there is more.

    >>> read_stream(io.BytesIO(b"abc"), "x", 3)
    b'abc'
    >>> read_stream(io.BytesIO(b"abcd"), "x", 3)
    Traceback (most recent call last):
    kg.errors.DataError: x: larger than the limit of 3 bytes
    """
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise DataError(f"{name}: larger than the limit of {size_text(max_bytes)}")
    return raw


def read_bytes(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most ``max_bytes``; ``DataError`` naming the file otherwise.

    ``kg.safeio.read_regular`` does the reading: a FIFO, a device or a directory
    is refused rather than read.
    """
    try:
        return read_regular(path, max_bytes)
    except ReadRefused as e:
        raise DataError(f"{Path(path)}: {refusal(e)}") from None


def decode_text(raw: bytes, name: str = "<text>", max_bytes: int = MAX_BYTES) -> str:
    """Text from bytes (UTF-8, or UTF-16 with a byte-order mark), or ``DataError`` saying why not.

    >>> decode_text("数据科学家".encode())
    '数据科学家'
    >>> decode_text(b"\\x00\\x01PK", "cv.txt")
    Traceback (most recent call last):
    kg.errors.DataError: cv.txt: binary file, not text
    """
    if len(raw) > max_bytes:
        raise DataError(f"{name}: {size_text(len(raw))} is larger than the limit of {size_text(max_bytes)}")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise DataError(f"{name}: broken UTF-16 text") from None
    else:
        if b"\x00" in raw[:8192]:
            raise DataError(f"{name}: binary file, not text")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            hint = ""
            try:
                if re.search(r"[\u4e00-\u9fff]", raw.decode("gb18030")):
                    hint = " (looks like GBK/GB18030: iconv -f GB18030 -t UTF-8)"
            except UnicodeDecodeError:
                pass
            raise DataError(f"{name}: not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start}){hint}") from None
    if not text.strip():
        raise DataError(f"{name}: empty")
    if sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f") > 8:
        raise DataError(f"{name}: binary file, not text")
    return text


_BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "ul", "title"])
_HIDDEN_TAGS = frozenset(("script", "style", "noscript", "template", "head", "svg", "iframe", "object"))


class _TextOf(HTMLParser):
    """Collects the visible text of a page; the title becomes the first line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._hidden = 0
        self._in_title = False
        self._cells = False  # inside a table cell: a row is one line, its cells between bars

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _HIDDEN_TAGS:
            self._hidden += 1
        if tag in ("tr", "td", "th") and self._cells:
            self.parts.append(" |")  # a cell left open (HTML lets "</td>" be left out)
            self._cells = False
        if tag == "tr":
            self.parts.append("\n|")
        elif tag in ("td", "th"):
            self._cells = True
            self.parts.append(" ")
        elif tag in _BLOCK_TAGS:
            self.parts.append(" " if self._cells else "\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(" " if self._cells else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _HIDDEN_TAGS and self._hidden:
            self._hidden -= 1
        if tag in ("tr", "td", "th", "table") and self._cells:
            self.parts.append(" |")
            self._cells = False
        if tag == "tr":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append(" " if self._cells else "\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._hidden:
            self.parts.append(data)


def html_text(html: str) -> str:
    """The visible text of an HTML page: scripts, styles and markup dropped, the title first.

    >>> html_text("<html><head><title>Data Engineer</title><script>x=1</script></head>"
    ...           "<body><p>We use <b>Spark</b>.</p><ul><li>SQL</li></ul></body></html>")
    'Data Engineer\\nWe use Spark.\\n- SQL'
    >>> html_text("<table><tr><th>Required</th><th>Not used</th></tr><tr><td><p>Python</p></td><td>Hive</td></tr></table>")
    '| Required | Not used |\\n| Python | Hive |'
    """
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    lines = [re.sub(r"[ \t\r\f\v\xa0]+", " ", line).strip() for line in "".join(parser.parts).split("\n")]
    body = "\n".join(line for line in lines if line)
    title = re.sub(r"\s+", " ", "".join(parser.title)).strip()
    return f"{title}\n{body}" if title and not body.startswith(title) else body


def pdf_text(raw: bytes, name: str = "<pdf>") -> str:
    """The text of a PDF's pages (at most ``MAX_PDF_PAGES``), or ``DataError``."""
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - a dependency of the package
        raise DataError(f"{name}: reading PDF needs the pypdf package (pip install pypdf)") from None
    import logging

    # pypdf logs what it repairs ("EOF marker not found") to stderr; a failure is our own one line.
    pypdf_log = logging.getLogger("pypdf")
    pypdf_log.propagate = False
    if not pypdf_log.handlers:
        pypdf_log.addHandler(logging.NullHandler())
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise DataError(f"{name}: the PDF is encrypted; save it without a password")
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PDF_PAGES]]
    except DataError:
        raise
    except Exception as e:  # noqa: BLE001 - a broken PDF fails inside pypdf in many ways
        raise DataError(f"{name}: not a readable PDF ({type(e).__name__})") from None
    # Some PDFs' CJK text comes out interleaved with NULs ("\x00陈\x00思").
    return "\n".join(pages).replace("\x00", "")


def docx_text(raw: bytes, name: str = "<docx>") -> str:
    """The text of a DOCX document (paragraphs, then table cells), or ``DataError``."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            unpacked = sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DataError(f"{name}: not a DOCX document (not a zip archive)") from None
    if unpacked > MAX_DOCX_UNPACKED:
        raise DataError(f"{name}: unpacks to {size_text(unpacked)}, more than the limit of {size_text(MAX_DOCX_UNPACKED)}")
    try:
        import docx
    except ImportError:  # pragma: no cover - a dependency of the package
        raise DataError(f"{name}: reading DOCX needs the python-docx package (pip install python-docx)") from None
    try:
        document = docx.Document(io.BytesIO(raw))
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                lines.append(" | ".join(cell.text for cell in row.cells))
    except Exception as e:  # noqa: BLE001 - a broken DOCX fails inside python-docx in many ways
        raise DataError(f"{name}: not a readable DOCX document ({type(e).__name__})") from None
    return "\n".join(lines)


def document_text(raw: bytes, name: str, suffix: str, max_bytes: int = MAX_BYTES) -> str:
    """Text from a document's bytes, by its ending (``.pdf``, ``.docx``, ``.html`` or text).

    >>> document_text(b"<p>Python &amp; SQL</p>", "jd.html", ".html")
    'Python & SQL'
    """
    suffix = suffix.lower()
    if suffix == ".pdf":
        text = pdf_text(raw, name)
    elif suffix == ".docx":
        text = docx_text(raw, name)
    elif suffix in HTML_SUFFIXES:
        text = html_text(decode_text(raw, name, max_bytes))
    else:
        return decode_text(raw, name, max_bytes)
    if len(text) > max_bytes:
        raise DataError(f"{name}: holds more text than the limit of {size_text(max_bytes)}")
    if not text.strip():
        raise DataError(f"{name}: no text found (a scanned PDF needs OCR first)" if suffix == ".pdf" else f"{name}: empty")
    return text


def read_text(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> str:
    """The text of a document file (text, Markdown, HTML, PDF or DOCX), or ``DataError``.

    ``max_bytes`` bounds text files and the text drawn out of PDF and DOCX
    files; the packed files themselves may be up to ``MAX_PACKED_BYTES``.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    limit = max(max_bytes, MAX_PACKED_BYTES) if suffix in (".pdf", ".docx") else max_bytes
    return document_text(read_bytes(p, limit), str(p), suffix, max_bytes)
