"""The document reader: every format, bounded reads, one-line refusals."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from docs_support import make_docx, make_pdf
from kg.loaders.documents import MAX_PDF_PAGES, html_text, read_bytes, read_text

from kg.errors import DataError


def test_text_markdown_html_pdf_docx(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Data Engineer\nSpark and SQL\n", encoding="utf-8")
    (tmp_path / "a.html").write_text(
        "<!doctype html><html><head><title>ML Engineer</title><style>p{}</style>"
        "<script>document.write('Kubernetes')</script></head><body><nav>Home</nav>"
        "<p>We deploy <b>PyTorch</b> models&nbsp;on AWS.</p><ul><li>Docker</li><li>Git</li></ul>"
        "<noscript>Enable JS</noscript></body></html>", encoding="utf-8")
    (tmp_path / "a.pdf").write_bytes(make_pdf([["Jane Doe - Data Scientist", "Python, SQL"], ["Docker (2 years)"]]))
    (tmp_path / "a.docx").write_bytes(make_docx(["李雷 数据科学家", "熟悉 Python 和 SQL"], [["工具", "年限"], ["Spark", "3"]]))
    assert read_text(tmp_path / "a.md") == "# Data Engineer\nSpark and SQL\n"
    assert read_text(tmp_path / "a.html") == "ML Engineer\nHome\nWe deploy PyTorch models on AWS.\n- Docker\n- Git"
    assert read_text(tmp_path / "a.pdf") == "Jane Doe - Data Scientist\nPython, SQL\n\nDocker (2 years)\n"
    assert read_text(tmp_path / "a.docx") == "李雷 数据科学家\n熟悉 Python 和 SQL\n工具 | 年限\nSpark | 3"


def test_html_drops_every_hidden_part() -> None:
    page = "<p>A</p><script type='text/x'>Spark</script><style>.Go{}</style><template>R</template><svg><text>X</text></svg>"
    assert html_text(page) == "A"


def test_pdf_page_limit(tmp_path: Path) -> None:
    pages = [[f"page {i}"] for i in range(MAX_PDF_PAGES + 5)]
    (tmp_path / "long.pdf").write_bytes(make_pdf(pages))
    text = read_text(tmp_path / "long.pdf")
    assert f"page {MAX_PDF_PAGES - 1}" in text and f"page {MAX_PDF_PAGES}\n" not in text


@pytest.mark.parametrize("name, content, message", [
    ("broken.pdf", b"%PDF-1.4\nnot really", "broken.pdf: not a readable PDF"),
    ("broken.docx", b"PK\x03\x04 nope", "broken.docx: not a DOCX document (not a zip archive)"),
    ("empty.md", b"  \n", "empty.md: empty"),
    ("bin.txt", b"\x00\x01\x02", "bin.txt: binary file, not text"),
    ("gbk.txt", "数据科学家".encode("gb18030"), "gbk.txt: not UTF-8 text (byte 0xca at offset 0) (looks like GBK/GB18030"),
])
def test_bad_documents_are_one_line(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(DataError) as e:
        read_text(tmp_path / name)
    assert str(e.value).startswith(f"{tmp_path / message}")
    assert "\n" not in str(e.value)


def test_pdf_without_text_says_so(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(make_pdf([[]]))
    with pytest.raises(DataError, match=r"scan.pdf: no text found \(a scanned PDF needs OCR first\)$"):
        read_text(tmp_path / "scan.pdf")


def test_docx_zip_bomb_refused_before_unpacking(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * 60_000_000)
    assert path.stat().st_size < 200_000
    with pytest.raises(DataError, match=r"bomb.docx: unpacks to 60.0 MB, more than the limit of 50.0 MB$"):
        read_text(path)


def test_reads_are_bounded_and_only_regular_files(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"^/dev/zero: not a regular file"):
        read_text("/dev/zero")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(DataError, match=r"pipe.txt: not a regular file"):
        read_text(fifo)  # would block forever if it were opened for a blocking read
    with pytest.raises(DataError, match=r": is a directory, not a file$"):
        read_text(tmp_path)
    with pytest.raises(DataError, match=r"nope.md: no such file$"):
        read_text(tmp_path / "nope.md")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 1001)
    with pytest.raises(DataError, match=r"big.txt: 1,001 bytes is larger than the limit of 1,000 bytes$"):
        read_bytes(big, 1000)
    assert read_bytes(big, 1001) == b"a" * 1001
