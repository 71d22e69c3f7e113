"""Handling what other people wrote: reading their files (regular files only, never more
than a limit), and printing their text (control characters inert, JSON strict).

Light on purpose (no YAML, no networkx): the cache reads data files through it
before it knows whether it needs to parse them, and every command prints through it.
"""
from __future__ import annotations

import json
import os
import re
import stat

#: A data file (YAML) larger than this is refused; a full ESCO export fits many times over.
MAX_DATA_BYTES = 200_000_000


class ReadRefused(OSError):
    """A file that was not read; ``str()`` says why, without the file's name, and ``kind``
    is one of ``missing``, ``directory``, ``special`` (pipe, socket, device), ``too_large``,
    ``unreadable``."""

    def __init__(self, message: str, kind: str = "unreadable") -> None:
        super().__init__(message)
        self.kind = kind


def refusal(e: OSError, what: str = "") -> str:
    """Why a file was not read, to follow its name in a message; ``what`` names the
    kind of file a missing one or a directory should have been.

    >>> refusal(ReadRefused("no such file", "missing"), "data")
    'no such data file'
    >>> refusal(ReadRefused("is a directory, not a file", "directory"), "profile")
    'is a directory, not a profile file'
    >>> refusal(ReadRefused("not a regular file (a pipe, socket or device is not read)", "special"), "data")
    'not a regular file (a pipe, socket or device is not read)'
    """
    kind = getattr(e, "kind", "unreadable")
    file = f"{what} file" if what else "file"
    if kind == "missing":
        return f"no such {file}"
    if kind == "directory":
        return f"is a directory, not a {file}"
    return str(e) if isinstance(e, ReadRefused) else f"cannot be read ({e.strerror or e})"


def size_text(n: int) -> str:
    """A size for a message.

    >>> size_text(512), size_text(3_500_000)
    ('512 bytes', '3.5 MB')
    """
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def read_regular(path: str | os.PathLike[str], max_bytes: int = MAX_DATA_BYTES) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` (``ReadRefused`` if there are more).

    Opened without blocking and checked on the open descriptor, so a FIFO, a
    device (``/dev/zero``) or a directory is refused before anything is read.

    >>> read_regular("/dev/zero")
    Traceback (most recent call last):
    ...
    kg.safeio.ReadRefused: not a regular file (a pipe, socket or device is not read)
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ReadRefused("no such file", "missing") from None
    except IsADirectoryError:
        raise ReadRefused("is a directory, not a file", "directory") from None
    except OSError as e:
        raise ReadRefused(f"cannot be read ({e.strerror})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ReadRefused("is a directory, not a file", "directory")
        if not stat.S_ISREG(st.st_mode):
            raise ReadRefused("not a regular file (a pipe, socket or device is not read)", "special")
        if st.st_size > max_bytes:
            raise ReadRefused(f"{size_text(st.st_size)} is larger than the limit of {size_text(max_bytes)}", "too_large")
        chunks, left = [], max_bytes + 1
        while left > 0:
            try:
                chunk = os.read(fd, min(left, 1 << 20))
            except OSError as e:
                raise ReadRefused(f"cannot be read ({e.strerror})") from None
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > max_bytes:
            raise ReadRefused(f"larger than the limit of {size_text(max_bytes)}", "too_large")
        return data
    finally:
        os.close(fd)


# -- printing what others wrote ---------------------------------------------------------
#: Characters a terminal may act on (C0 but tab and newline, DEL, C1): shown as escapes.
_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: The same, but letting through what a progress bar draws with (return, hide and show the cursor).
_TERMINAL_BUT_PROGRESS = re.compile("(\r|\x1b\\[\\?25[lh])|[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Characters JSON text carries raw that a terminal or a JavaScript parser might act on.
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029]")


def inert(text: str, progress: bool = False) -> str:
    r"""``text`` with every control character a terminal would act on written as an escape
    (``\x1b`` for ESC): printed names cannot move the cursor, retitle the window or hide text.

    >>> inert("Spark\x1b]0;pwned\x07 and\ttab\nnewline\r")
    'Spark\\x1b]0;pwned\\x07 and\ttab\nnewline\\x0d'

    ``progress`` lets a progress bar's own return and cursor codes through.
    """
    if progress:
        return _TERMINAL_BUT_PROGRESS.sub(lambda m: m.group(1) or f"\\x{ord(m.group()):02x}", text)
    return _TERMINAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def dumps_json(obj: object, *, indent: int | None = None, separators: tuple[str, str] | None = None,
               default: object = None) -> str:
    r"""Strict JSON (no NaN or Infinity: ``ValueError``), UTF-8 text kept readable, but
    DEL, C1 controls and U+2028/U+2029 written as ``\u`` escapes, so the text holds no
    raw control character at all.

    >>> dumps_json({"a": "x\x9by", "b": [1.5]})
    '{"a": "x\\u009by", "b": [1.5]}'
    >>> dumps_json(float("inf"))
    Traceback (most recent call last):
    ...
    ValueError: Out of range float values are not JSON compliant...
    """
    text = json.dumps(obj, ensure_ascii=False, allow_nan=False, indent=indent, separators=separators,
                       default=default)  # type: ignore[arg-type]
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
