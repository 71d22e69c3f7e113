"""Writing files so that a failure never leaves a truncated one behind.

``write_atomic(path, data)`` writes to a fresh temporary file in the same
directory (created with ``O_EXCL``, so a planted symlink is never followed),
flushes it to disk, and renames it over ``path``: readers see the old file or
the new one, never half of one. On any error the temporary file is removed
and the old file is left as it was.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kg.errors import WriteError

__all__ = ["write_atomic", "write_file"]


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, mode: int | None = None,
                 encoding: str = "utf-8") -> bool:
    """Replace ``path`` with ``data`` (text is encoded as ``encoding``) atomically;
    return whether a file was replaced (``False``: it is new).

    ``mode`` sets the permissions of the new file (default: 0o666 less the
    umask, as ``open`` would; an existing file keeps its own). Raises
    ``OSError`` (the old file untouched, no temporary file left) on failure.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "f.txt")
    >>> write_atomic(p, "one"), write_atomic(p, b"two"), open(p).read()
    (False, True, 'two')
    """
    target = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    directory = target.parent if str(target.parent) else Path(".")
    try:
        existing_mode: int | None = os.stat(target).st_mode & 0o7777
        replaced = True
    except FileNotFoundError:
        existing_mode, replaced = None, False
    # mkstemp opens with O_CREAT | O_EXCL and a random name: it never follows a link.
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        elif existing_mode is not None:
            os.chmod(tmp, existing_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return replaced


def write_file(path: str | os.PathLike[str], data: str | bytes, *, mode: int | None = None) -> bool:
    """:func:`write_atomic` for a file someone named, with the one wording for what goes
    wrong: ``WriteError('cannot write PATH: why')`` when ``PATH`` is a directory or
    another file that is not a regular one, its folder does not exist, or the write fails.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> write_file(os.path.join(d, "f.txt"), "one")
    False
    >>> write_file(d, "x")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.WriteError: cannot write ...: it is a directory; give a file name
    """
    target = Path(path)
    if target.is_dir():
        raise WriteError(f"cannot write {target}: it is a directory; give a file name")
    if target.exists() and not target.is_file():
        raise WriteError(f"cannot write {target}: not a regular file, so not replaced")
    if not target.parent.is_dir():
        raise WriteError(f"cannot write {target}: folder {target.parent} does not exist")
    try:
        return write_atomic(target, data, mode=mode)
    except OSError as e:
        raise WriteError(f"cannot write {target}: {e.strerror or e}") from None
