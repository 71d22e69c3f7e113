"""Case-insensitive patterns run as case-sensitive twins on lowercased text.

Python's ``re`` matches a case-insensitive pattern by lowering every character it
compares, and cannot skip ahead to where a match may start; the same pattern with
its letters lowered, run case-sensitively on the lowercased text, finds the same
matches two to three times faster. The two agree whenever lowering a character is
all that ``re`` does to compare it: ``foldable`` says when a text is such, and
``lowered_twin`` builds a twin only when its parse tree is the original's with
every letter lowered (else None, and the original runs).

>>> rx = re.compile(r"\\b(?:Mr|Dr)\\.?\\s+[A-Z][a-z]+\\s+$", re.IGNORECASE)
>>> twin = lowered_twin(rx.pattern, rx.flags)
>>> twin.pattern, bool(twin.flags & re.IGNORECASE)
('\\\\b(?:mr|dr)\\\\.?\\\\s+[a-z][a-z]+\\\\s+$', False)
>>> text = "Ask DR. Jenkins "
>>> foldable(text, text.lower()), rx.search(text).span() == twin.search(text.lower()).span()
(True, True)
"""
from __future__ import annotations

import functools
import re
from typing import Any

try:
    from re import _parser as sre  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_parse as sre  # type: ignore[no-redef]

#: The characters ``re`` folds together beyond their lowercase form (its table of extra cases, non-ASCII ones:
#: "ſ" matches "s"), and two whose lowercase form is not one character of their own ("İ", the Kelvin sign):
#: a lowercased text that holds one runs the original patterns.
EXTRA_CASES = ("\u00b5\u0131\u017f\u0345\u0390\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1\u03c2\u03c3\u03c6\u03d0"
               "\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u0432\u0434\u043e\u0441\u0442\u044a\u0463\u1c80\u1c81\u1c82\u1c83\u1c84"
               "\u1c85\u1c86\u1c87\u1c88\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64b\ufb05\ufb06"
               "\u0130\u212a")
_EXTRA = re.compile("[" + re.escape(EXTRA_CASES) + "]")
_EXTRA_SET = frozenset(EXTRA_CASES)
#: What a text must not hold to fold: those characters and the capitals that lower to them ("Σ" to "σ", "ϴ" to "θ").
UNFOLDABLE = EXTRA_CASES + ("\u0392\u0395\u0398\u0399\u039a\u039c\u03a0\u03a1\u03a3\u03a6\u03f4\u0412\u0414\u041e\u0421"
                            "\u0422\u042a\u0462\u1e60\ua64a")
_UNFOLDABLE = re.compile("[" + re.escape(UNFOLDABLE) + "]")
_OPCODE = type(sre.LITERAL)


def foldable(text: str, low: str) -> bool:
    """Whether ``low`` (``text.lower()``) keeps every position of ``text`` and lowering is all that ``re`` would
    do to compare its characters case-insensitively."""
    return len(low) == len(text) and (text.isascii() or _UNFOLDABLE.search(text) is None)


class _NotTwin(Exception):
    """The pattern has no lowered twin."""


def _lower_code(code: int) -> int:
    c = chr(code)
    low = c.lower()
    if c in _EXTRA_SET or len(low) != 1 or low in _EXTRA_SET:
        raise _NotTwin(c)
    return ord(low)


@functools.lru_cache(maxsize=256)
def _lower_range(lo: int, hi: int) -> tuple[int, int]:
    if ord("A") <= lo <= hi <= ord("Z"):
        return lo + 32, hi + 32
    chars = "".join(map(chr, range(lo, hi + 1)))
    if chars.lower() != chars or _EXTRA.search(chars):
        raise _NotTwin(chars[:8])  # a range with capitals in it lowers to no range
    return lo, hi


def _shape(node: Any, lower: bool) -> Any:
    """A parse tree as nested tuples, with every letter lowered when ``lower``, and without the look-aheads for
    one letter that the letter itself follows (``jd_rules.by_first_char``'s "(?=[kK])khakis?": the twin drops them)."""
    if isinstance(node, sre.SubPattern):
        items = [_shape(item, lower) for item in node.data]
        return tuple(item for item, after in zip(items, items[1:] + [None]) if not _redundant(item, after))
    if isinstance(node, (list, tuple)):
        if len(node) == 2 and isinstance(node[0], _OPCODE):
            op, av = node
            if op in (sre.LITERAL, sre.NOT_LITERAL):
                return op, _lower_code(av) if lower else av
            if op is sre.RANGE:
                return op, _lower_range(*av) if lower else tuple(av)
            if op is sre.IN:
                # a class of one member once lowered ("[vV]") is parsed as that member, as the twin's "[vv]" is
                members = tuple(dict.fromkeys(_shape(av, lower)))
                negate = members[:1] == ((sre.NEGATE, None),)
                if len(members) == 1 + negate and members[-1][0] is sre.LITERAL:
                    return (sre.NOT_LITERAL if negate else sre.LITERAL), members[-1][1]
                return op, members
            if op is sre.SUBPATTERN:
                group, add, delete, body = av
                if delete & re.IGNORECASE:
                    raise _NotTwin("(?-i:")  # a part that must keep its capitals
                return op, (group, add & ~re.IGNORECASE, delete, _shape(body, lower))
            return op, _shape(av, lower)
        return tuple(_shape(item, lower) for item in node)
    return node


def _redundant(item: Any, after: Any) -> bool:
    """Whether ``item`` (shaped) is a look-ahead for characters that ``after``, a literal, is one of."""
    if item[0] is not sre.ASSERT or item[1][0] != 1 or after is None or after[0] is not sre.LITERAL:
        return False
    body = item[1][1]
    if len(body) != 1:
        return False
    op, av = body[0]
    chars = {av} if op is sre.LITERAL else {v for o, v in av if o is sre.LITERAL} if op is sre.IN and all(
        o is sre.LITERAL for o, _ in av) else set()
    return after[1] in chars


#: A look-ahead for one letter before a group (lowered: "(?=[kk])(?:"), which the group's words start with.
_LETTER_AHEAD = re.compile(r"\(\?=(?:\[([a-z])\1*\]|[a-z])\)(?=\(\?:)")


#: What the lowering keeps as it is: an escape, a group's name.
_KEPT = re.compile(r"\\.|\(\?P[<=][^>)]*[>)]", re.DOTALL)


def _lowered_letters(pattern: str) -> str:
    """The pattern's text with its letters lowered: escapes and group names are kept as they are."""
    out: list[str] = []
    at = 0
    for m in _KEPT.finditer(pattern):
        out += [pattern[at:m.start()].lower(), m.group()]
        at = m.end()
    out.append(pattern[at:].lower())
    # once lowered, such a look-ahead only hides the group's first letter from the engine, which skips an
    # alternative at once when it starts with a letter the text does not have there
    return _LETTER_AHEAD.sub("", "".join(out))


@functools.lru_cache(maxsize=4096)
def lowered_twin(pattern: str, flags: int) -> re.Pattern[str] | None:
    """The case-sensitive twin of a case-insensitive pattern, for text that ``foldable`` accepts (lowered):
    it finds what the pattern finds, at the same places. None when the pattern is case-sensitive or its parse
    tree is not the twin's with every letter lowered (a range with capitals, a part that turns case back on)."""
    if not flags & re.IGNORECASE:
        return None
    text = _lowered_letters(pattern)
    try:
        original = sre.parse(pattern, flags)
        twin = sre.parse(text, flags & ~re.IGNORECASE)
        if original.state.groupdict != twin.state.groupdict or _shape(original, True) != _shape(twin, False):
            return None
    except (_NotTwin, re.error):
        return None
    return re.compile(text, flags & ~re.IGNORECASE)


def class_end(pattern: str, i: int) -> int:
    """Where the character class opened at ``pattern[i]`` ends (after its "]"; a first "]", after "^" or not, is a
    member, and so is anything escaped).

    >>> class_end("[^]a)]b", 0)
    6
    """
    j = i + 1 + (pattern[i + 1:i + 2] == "^")
    j += pattern[j:j + 1] == "]"
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def group_end(pattern: str, i: int = 0) -> int:
    """Where the group opened at ``pattern[i]`` ends (after its ")"; brackets escaped or inside a class do not count).

    >>> group_end("(?:a[)(]|(b))c")
    13
    """
    depth = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = class_end(pattern, i)
            continue
        depth += (c == "(") - (c == ")")
        i += 1
        if depth == 0:
            break
    return i


def _loosened(pattern: str) -> str | None:
    """The pattern with each part that must keep its capitals ("(?-i:[A-Z])") made to match wherever a match
    needs it (case ignored) and nowhere it forbids one (inside a negative look-around: never), or None when the
    pattern has no such part."""
    out: list[str] = []
    kinds: list[bool] = []  # per open group: whether it is a negative look-around
    i, changed = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == "[":
            j = class_end(pattern, i)
            out.append(pattern[i:j])
            i = j
            continue
        if pattern.startswith("(?-i:", i):
            j = group_end(pattern, i)
            negative = sum(kinds) % 2 == 1
            out.append("(?!)" if negative else "(?:" + pattern[i + 5:j - 1] + ")")
            i, changed = j, True
            continue
        if c == "(":
            kinds.append(pattern.startswith(("(?!", "(?<!"), i))
        elif c == ")" and kinds:
            kinds.pop()
        out.append(c)
        i += 1
    return "".join(out) if changed else None


def _monotone(node: Any) -> bool:
    """Whether a parse tree holds no atomic group, possessive repeat, back reference or conditional: then a part
    that matches more makes the whole match more (what ``loose_twin`` rests on)."""
    if isinstance(node, sre.SubPattern):
        return all(_monotone(item) for item in node.data)
    if isinstance(node, (list, tuple)):
        if len(node) == 2 and isinstance(node[0], _OPCODE):
            op = node[0]
            if op in (sre.GROUPREF, sre.GROUPREF_EXISTS) or op is getattr(sre, "ATOMIC_GROUP", None) or \
                    op is getattr(sre, "POSSESSIVE_REPEAT", None):
                return False
        return all(_monotone(item) for item in node)
    return True


@functools.lru_cache(maxsize=256)
def loose_twin(pattern: str, flags: int) -> re.Pattern[str] | None:
    """For a prefilter: a case-sensitive pattern for lowered text that matches wherever the case-insensitive
    ``pattern`` does (and may match more), when ``pattern`` has parts that must keep their capitals and so has no
    ``lowered_twin``. Those parts are loosened (``_loosened``) and the rest is the exact lowered twin; None when
    the pattern has no such parts or holds what makes matching more not monotone (atomic groups, back references)."""
    loosened = _loosened(pattern) if flags & re.IGNORECASE else None
    if loosened is None:
        return None
    try:
        if not _monotone(sre.parse(pattern, flags)):
            return None
    except re.error:
        return None
    return lowered_twin(loosened, flags)
