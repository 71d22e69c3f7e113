"""Reading a file someone else may have made: regular files only, never more than a limit.

Light on purpose (no YAML, no networkx): the cache reads data files through it
before it knows whether it needs to parse them.
"""
from __future__ import annotations

import os
import stat

#: A data file (YAML) larger than this is refused; a full ESCO export fits many times over.
MAX_DATA_BYTES = 200_000_000


class ReadRefused(OSError):
    """A file that was not read; ``str()`` says why, without the file's name."""


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
        raise ReadRefused("no such file") from None
    except IsADirectoryError:
        raise ReadRefused("is a directory, not a file") from None
    except OSError as e:
        raise ReadRefused(f"cannot be read ({e.strerror})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ReadRefused("is a directory, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise ReadRefused("not a regular file (a pipe, socket or device is not read)")
        if st.st_size > max_bytes:
            raise ReadRefused(f"{size_text(st.st_size)} is larger than the limit of {size_text(max_bytes)}")
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
            raise ReadRefused(f"larger than the limit of {size_text(max_bytes)}")
        return data
    finally:
        os.close(fd)
