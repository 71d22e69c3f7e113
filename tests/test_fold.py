"""Lowered twins (kg.loaders.fold): a case-insensitive pattern run case-sensitively on lowercased text finds what
the pattern finds, at the same places, on every text ``foldable`` accepts; and the matcher decides every labelled
posting as it does without them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kg.loaders import fold
from kg.loaders import jd_match as M
from kg.loaders.fold import foldable, lowered_twin
from kg.loaders.jd_rules import EVERYDAY, RULES

HERE = Path(__file__).parent


def test_a_twin_is_the_pattern_with_its_letters_lowered():
    twin = lowered_twin(r"\b(?:Mr|DR)\.?\s+[A-Z][a-z]+\s+(?P<Who>X)$", re.IGNORECASE)
    assert twin is not None
    assert twin.pattern == r"\b(?:mr|dr)\.?\s+[a-z][a-z]+\s+(?P<Who>x)$"  # escapes and group names kept
    assert not twin.flags & re.IGNORECASE


def test_a_look_ahead_for_the_letter_its_words_start_with_is_dropped():
    twin = lowered_twin(r"\s+(?:(?=[kK])(?:khakis?|kettles?)|(?=[cC])(?:chinos))\b", re.IGNORECASE)
    assert twin is not None and twin.pattern == r"\s+(?:(?:khakis?|kettles?)|(?:chinos))\b"
    # a look-ahead that says more than the next letter stays, and then the pattern has no twin
    assert lowered_twin(r"(?=[kK]a)(?:kb|ka)", re.IGNORECASE) is not None
    assert lowered_twin(r"(?=[kK]a)(?:kb|ka)", re.IGNORECASE).pattern == "(?=[kk]a)(?:kb|ka)"
    assert lowered_twin(r"(?=[cC])(?:kettle)", re.IGNORECASE) is None  # not the letter the words start with


@pytest.mark.parametrize("pattern, flags", [
    ("spark", 0),  # case-sensitive already
    (r"(?:migrated)\s+to\s+(?=(?-i:[A-Z]))", re.IGNORECASE),  # a part that must keep its capitals
    ("[À-Þ]x", re.IGNORECASE),  # a range with capitals lowers to no range
    ("[0-Z]", re.IGNORECASE),
    ("ſpark", re.IGNORECASE),  # "ſ" matches "s" as well
    ("σ", re.IGNORECASE),
    (r"\x41", re.IGNORECASE),  # an escape that spells a capital
    (r"\N{LATIN CAPITAL LETTER A}", re.IGNORECASE),
])
def test_a_pattern_whose_lowered_text_would_not_match_alike_has_no_twin(pattern, flags):
    assert lowered_twin(pattern, flags) is None


@pytest.mark.parametrize("text, ok", [
    ("Spark and Hive", True),
    ("熟悉 Spark、Hive，Café ÉTÉ", True),  # Chinese and accents lower one for one
    ("Straße STRASSE", True),
    ("ſpark", False),  # a character ``re`` folds beyond its lowercase form
    ("ΣΟΦΙΑ", False),  # Greek sigma lowers by its place in the word
    ("İstanbul", False),  # lowers to two characters
    ("25 \u212a", False),  # the Kelvin sign
])
def test_which_texts_fold(text, ok):
    assert foldable(text, text.lower()) is ok


def test_the_extra_cases_cover_the_engines_table():
    casefix = pytest.importorskip("re._casefix")
    engine = {chr(k) for k in casefix._EXTRA_CASES} | {chr(v) for vs in casefix._EXTRA_CASES.values() for v in vs}
    assert {c for c in engine if not c.isascii()} <= set(fold.EXTRA_CASES)


def test_a_text_that_holds_no_unfoldable_character_lowers_to_none():
    for code in range(0x80, 0x110000):
        c = chr(code)
        if 0xD800 <= code <= 0xDFFF or c in fold.UNFOLDABLE:
            continue
        low = c.lower()
        if len(low) == 1:  # (one that lowers to more characters changes the text's length: ``foldable`` sees that)
            assert low not in fold.EXTRA_CASES and not low.isascii(), hex(code)


def test_the_engine_lowers_every_foldable_character_as_str_lower_does():
    _sre = pytest.importorskip("_sre")
    tolower = getattr(_sre, "unicode_tolower", None)
    if tolower is None:
        pytest.skip("this Python's engine does not say how it lowers")
    for code in range(0x110000):
        c = chr(code)
        if 0xD800 <= code <= 0xDFFF or c in fold.EXTRA_CASES:
            continue
        low = c.lower()
        if len(low) == 1 and not fold._EXTRA.search(low):
            assert tolower(code) == ord(low), hex(code)


# -- every twin the matcher uses, against its original on texts of its own words ------------------------------

def _twins() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    out = []
    for key, rule in RULES.items():
        for part in (rule.before, rule.after):
            if part:
                twin = M._compiled_low(part)
                assert twin is not None, (key, part)  # every rule's patterns have one
                out.append((f"rule {key}", M._compiled(part), twin))
    for rx, twin in M._EVERYDAY_AFTER_TWINS:
        if twin is not None:
            out.append(("senses after a name", rx, twin))
    for i, sense in enumerate(EVERYDAY):
        if sense.before and not sense.case:
            for rx, twin in M._before_patterns((i,)):
                assert twin is not None, sense.name
                out.append((f"sense before {i}", rx, twin))
    # a combination's twin is its senses' twins joined: it finds what the combined patterns find
    every = tuple(i for i, sense in enumerate(EVERYDAY) if sense.before)
    (_, _), (rx, twin) = M._before_patterns(every)
    assert twin is not None
    out.append(("every sense before a name", rx, twin))
    assert M._NEG_BEFORE_LOW is not None
    out.append(("cues before a mention", M._NEG_BEFORE, M._NEG_BEFORE_LOW))
    for name, rx, twin in [("list glue", M.LIST_GLUE, M._LIST_GLUE_LOW), ("examples glue", M.EXAMPLES_GLUE, M._EXAMPLES_GLUE_LOW),
                           ("bonus words", M._BONUS, M._BONUS_LOW)]:
        assert twin is not None, name
        out.append((name, rx, twin))
    for (verb, _, _, note), twin in zip(M._AROUND, M._AROUND_LOW):
        if verb.flags & re.IGNORECASE:
            assert twin is not None, verb.pattern[:40]
            out.append((f"verb before a mention{note}", verb, twin))
    return out


TWINS = _twins()
_PIECES = [" ", "  ", "\n", ",", ".", "'", "’", "-", "(", "®", "3", "é", "É", "ß", "中", "号", "没有", "不需要", "ſ", "Σ"]


@pytest.fixture(scope="module", params=range(len(TWINS)), ids=[name for name, _, _ in TWINS])
def twin(request):
    name, rx, low = TWINS[request.param]
    words = sorted(set(re.findall(r"[a-z]{2,}|[\u4e00-\u9fff]{1,3}", rx.pattern.lower()))) or ["x"]
    return rx, low, words


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_twin_finds_what_its_original_finds(twin, data):
    rx, low_rx, words = twin
    piece = st.one_of(st.sampled_from(words), st.sampled_from(_PIECES))
    pieces = data.draw(st.lists(st.tuples(piece, st.sampled_from(["lower", "upper", "title"]), st.sampled_from([" ", " ", ""])),
                                max_size=12))
    text = "".join(getattr(p, case)() + sep for p, case, sep in pieces)
    low = text.lower()
    if not foldable(text, low):
        return
    for a, b in ((rx.search(text), low_rx.search(low)), (rx.match(text), low_rx.match(low))):
        assert (a and (a.span(), a.lastgroup)) == (b and (b.span(), b.lastgroup)), text
    assert [m.span() for m in rx.finditer(text)] == [m.span() for m in low_rx.finditer(low)], text


# -- the matcher with and without the twins, on every labelled posting -----------------------------------------

def _labelled() -> list[Path]:
    return sorted(p for d in HERE.glob("jd_*") if d.is_dir() for p in d.iterdir() if p.suffix in (".md", ".txt"))


def test_the_matcher_decides_every_labelled_posting_as_without_the_twins(monkeypatch, packaged_graph):
    from kg.loaders.jd import vocabulary

    vocab = vocabulary(packaged_graph)
    texts = [p.read_text(encoding="utf-8") for p in _labelled()]
    texts += [t.upper() for t in texts]
    assert len(texts) > 1000

    def decisions() -> list[tuple]:
        out = []
        for t in texts:
            m = M.find_mentions(t, vocab)
            out.append((sorted(m.found), m.not_counted, m.senses, m.levels))
        return out

    with_twins = decisions()
    monkeypatch.setattr(M, "foldable", lambda text, low: False)
    assert decisions() == with_twins


# -- loose twins: a prefilter for patterns with parts that must keep their capitals ----------------------------

def test_a_part_that_must_keep_its_capitals_is_loosened_by_where_it_stands():
    from kg.loaders.fold import _loosened

    assert _loosened(r"to\s+(?=(?-i:[A-Z]))") == r"to\s+(?=(?:[A-Z]))"  # needed by a match: case ignored
    assert _loosened(r"off(?!\s+(?:it|(?-i:[A-Z])\w*)\b)") == r"off(?!\s+(?:it|(?!)\w*)\b)"  # forbids one: never
    assert _loosened(r"(?<!(?!(?-i:X)))") == r"(?<!(?!(?:X)))"  # two negations: needed again
    assert _loosened(r"[(?-i:]x") is None  # in a class it is only characters
    assert _loosened(r"no capitals") is None


@pytest.mark.parametrize("pattern", [r"(?>a|ab)(?-i:C)", r"a++(?-i:C)", r"(a)\1(?-i:C)"])
def test_a_pattern_where_matching_more_can_match_less_has_no_loose_twin(pattern):
    from kg.loaders.fold import loose_twin

    assert loose_twin(pattern, re.IGNORECASE) is None


def test_the_loose_twin_drops_what_the_capitals_decide_and_nothing_else():
    from kg.loaders.fold import loose_twin

    loose = loose_twin(r"(?:moved|ported)\s+to\s+(?=(?-i:[A-Z]))|gone(?!\s+(?-i:[A-Z]))", re.IGNORECASE)
    assert loose is not None
    assert loose.match("ported to spark") and loose.match("gone spark")  # where the capitals decided: both pass
    assert not loose.match("ported from spark") and not loose.match("went")  # the rest is exact


_NEG_WORDS_AFTER = sorted(set(re.findall(r"[a-z]{2,}", M._NEG_AFTER.pattern.lower())))


@pytest.mark.parametrize("rx, loose", [(M._NEG_AFTER, M._NEG_AFTER_LOOSE), (M._NEG_AFTER_ASCII, M._NEG_AFTER_ASCII_LOOSE)],
                         ids=["all cues after a mention", "ascii cues"])
@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.tuples(st.one_of(st.sampled_from(_NEG_WORDS_AFTER), st.sampled_from(["Spark", ":", "?", "(", "->", "é", "没有"])),
                                 st.sampled_from(["lower", "upper", "title"]), st.sampled_from([" ", " ", "", ", "])), max_size=8))
def test_the_loose_twin_never_misses_a_cue_after_a_mention(rx, loose, pieces):
    assert loose is not None
    text = " " + "".join(getattr(p, case)() + sep for p, case, sep in pieces)  # as after a mention: words, spaced
    if foldable(text, text.lower()) and rx.match(text):
        assert loose.match(text.lower()), text
