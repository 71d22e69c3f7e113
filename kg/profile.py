"""A person's profile file: what they know, their current and target track, hours per week.

```yaml
# mle-kg profile
know: [python, sql, pandas]     # skills, tools or tracks
from: ds                        # current track (optional)
target: production-mle          # the track to plan for (optional)
hours_per_week: 8               # for the schedule (optional)
start: 2027-01-04               # first day of the schedule (optional)
level: entry                    # entry | full (optional)
```

Read with a safe YAML loader, bounded, validated: a problem is one ``DataError``
naming file, line and field, like data files.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from kg.errors import DataError

#: Profiles are small; anything bigger is refused.
MAX_BYTES = 256 * 1024
FIELDS = ("know", "from", "target", "hours_per_week", "start", "level")


def read_profile(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The checked fields of a profile file.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); p = os.path.join(d, "me.yaml")
    >>> _ = open(p, "w").write("know: [python, sql]\\nhours_per_week: 8\\nstart: 2027-01-04\\n")
    >>> read_profile(p)
    {'know': ['python', 'sql'], 'hours_per_week': 8, 'start': datetime.date(2027, 1, 4)}
    >>> _ = open(p, "w").write("know: [python]\\nhours_per_week: lots\\n")
    >>> read_profile(p)
    Traceback (most recent call last):
    kg.errors.DataError: ...me.yaml:2: hours_per_week: must be a number above 0, not 'lots'
    """
    p = Path(path)
    doc = _read_document(p)
    if doc is None:
        return {}
    return {key: _checked(key, value, _Complaint(f"{p}:{doc.lines.get(key, doc.line)}: {key}"))
            for key, value in doc.items()}


def _read_document(p: Path) -> Any:
    """The profile's YAML mapping (with the line of each key), or None for an empty file."""
    import yaml

    from kg.loaders.curated import LinedMap, Problem, load_yaml, yaml_problem
    from kg.safeio import ReadRefused, read_regular, refusal

    try:
        raw = read_regular(p, MAX_BYTES)  # regular files only (a FIFO would block), bounded
    except ReadRefused as e:
        reason = (f"larger than {MAX_BYTES // 1024} KB; a profile is a few lines" if e.kind == "too_large"
                  else refusal(e, "profile"))
        raise DataError(f"{p}: {reason}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise DataError(f"{p}:{line}: not UTF-8 text") from None
    try:
        doc = load_yaml(text)
    except yaml.YAMLError as e:
        raise DataError(str(Problem(str(p), *yaml_problem(e, text)))) from None
    if doc is not None and not isinstance(doc, LinedMap):
        raise DataError(f"{p}:1: a profile is a mapping ({', '.join(FIELDS)})")
    return doc


def _checked(key: Any, value: Any, bad: "_Complaint") -> Any:
    """A profile field's value as a profile holds it; ``bad(message)`` is the error for this field.

    >>> _checked("know", "python, sql", _Complaint("me.yaml:1: know"))
    ['python', 'sql']
    >>> _checked("hours_per_week", 200, _Complaint("me.yaml:2: hours_per_week"))
    Traceback (most recent call last):
    kg.errors.DataError: me.yaml:2: hours_per_week: must be at most 168 (the hours of a week), not 200
    """
    if key not in FIELDS:
        raise bad(f"unknown field (allowed: {', '.join(FIELDS)})")
    if key == "know":
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool)
                                                  and str(v).strip() for v in value):
            raise bad("must be a list of skill, tool or track names")
        return [str(v).strip() for v in value]
    if key in ("from", "target"):
        if not isinstance(value, str) or not value.strip():
            raise bad("must be a track name")
        return value.strip()
    if key == "hours_per_week":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            raise bad(f"must be a number above 0, not {value!r}")
        if value > 168:
            raise bad(f"must be at most 168 (the hours of a week), not {value!r}")
        return value
    if key == "start":
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                raise bad(f"must be a date like 2027-01-04, not {value!r}") from None
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            raise bad(f"must be a date like 2027-01-04, not {value!r}")
        return value
    if value not in ("entry", "full"):  # level
        raise bad(f"must be entry or full, not {value!r}")
    return value


class _Complaint:
    """Makes the ``DataError`` for one field: ``file:line: field: message``."""

    def __init__(self, where: str) -> None:
        self.where = where

    def __call__(self, message: str) -> DataError:
        return DataError(f"{self.where}: {message}")


def dump_profile(profile: dict[str, Any]) -> str:
    """A profile as YAML text with a header, for the user to edit.

    >>> print(dump_profile({"know": ["python", "sql"], "from": "ds", "target": "production-mle"}))
    # mle-kg profile: edit it, then `kg fit --profile FILE`, `kg plan --profile FILE`, `kg next --profile FILE`.
    know: [python, sql]
    from: ds
    target: production-mle
    <BLANKLINE>
    """
    import json

    header = ("# mle-kg profile: edit it, then `kg fit --profile FILE`, `kg plan --profile FILE`, "
              "`kg next --profile FILE`.")
    lines = [header]
    for key in FIELDS:
        if profile.get(key) in (None, [], ""):
            continue
        value = profile[key]
        if key == "know":
            text = "[" + ", ".join(_scalar(v) for v in value) + "]"
        elif isinstance(value, dt.date):
            text = value.isoformat()
        elif isinstance(value, str):
            text = _scalar(value)
        else:
            text = json.dumps(value)
        lines.append(f"{key}: {text}")
    return "\n".join(lines) + "\n"


def _scalar(text: str) -> str:
    import json
    import re

    return text if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 ._+#/-]*", text) and text.strip() == text else json.dumps(text, ensure_ascii=False)


def write_profile(profile: dict[str, Any], path: str | os.PathLike[str]) -> None:
    """Write a profile atomically (a temporary file beside it, then a rename)."""
    from kg.atomic import write_file

    write_file(path, dump_profile(profile))  # an O_EXCL temporary file: a planted link is not followed
