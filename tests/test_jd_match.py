"""The job-description matcher (kg.loaders.jd_match), one decision at a time: every cue word of its
tables decides a short sentence, and every window edge is tried on both sides.

Each cue sentence is checked twice: as a user sees it (the exact tools counted and the exact reason
for the one not counted), and with that one cue word taken out of the matcher's tables, where the
answer must change; a word whose removal changes nothing would be dead weight in the tables.
"""
from __future__ import annotations

import re

import pytest
from kg.loaders import jd_match as M
from kg.loaders.jd import vocabulary


@pytest.fixture(scope="module")
def vocab(packaged_graph):
    return vocabulary(packaged_graph)


def decide(text: str, vocab) -> tuple[list[str], list[tuple[str, str]]]:
    """The nodes counted and the (term, why) of every mention not counted."""
    m = M.find_mentions(text, vocab)
    return sorted(m.found), [(r["term"], r["why"]) for r in m.not_counted]


_UNION = M._NEG_KEYS | frozenset(M._ZH_NEG) | M._NEG_AFTER_KEYS | M._SUBJECT_KEYS


def without_key(monkeypatch, key: str) -> None:
    """The matcher as if ``key`` were in none of the tables of words a negation cue starts with."""
    monkeypatch.setattr(M, "_NEG_WORDS", M._word_keys(_UNION - {key}))


# -- negation cues before a tool: "we avoid PyTorch", "无需掌握PyTorch" ------------------------------

#: (the table's key, a sentence where it decides, the cue the reason quotes)
BEFORE = [
    ('done', 'We are done with PyTorch. We use TensorFlow.', 'done with'),
    ('finished', 'We are finished with PyTorch. We use TensorFlow.', 'finished with'),
    ('through', 'We are through with PyTorch. We use TensorFlow.', 'through with'),
    ('tired', 'We are tired of PyTorch. We use TensorFlow.', 'tired of'),
    ('sick', 'We are sick of PyTorch. We use TensorFlow.', 'sick of'),
    ('ignore', 'You may safely ignore PyTorch. We use TensorFlow.', 'may safely ignore'),
    ('can', "You can't use PyTorch here. We use TensorFlow.", "can't use"),
    ('deprecat', 'We are deprecating PyTorch. We use TensorFlow.', 'deprecating'),
    ('transition', 'We transition jobs from PyTorch. We use TensorFlow.', 'transition jobs from'),
    ('drop', 'We are dropping PyTorch. We use TensorFlow.', 'dropping'),
    ('scrap', 'We are scrapping PyTorch. We use TensorFlow.', 'scrapping'),
    ('move', 'We move jobs from PyTorch. We use TensorFlow.', 'move jobs from'),
    ('abandon', 'We are abandoning PyTorch. We use TensorFlow.', 'abandoning'),
    ('moving', 'We are moving jobs from PyTorch. We use TensorFlow.', 'moving jobs from'),
    ('replac', 'We are replacing PyTorch. We use TensorFlow.', 'replacing'),
    ('binn', 'We are binning PyTorch. We use TensorFlow.', 'binning'),
    ('kill', 'We are killing PyTorch. We use TensorFlow.', 'killing'),
    ('outgr', 'We have outgrown PyTorch. We use TensorFlow.', 'outgrown'),
    ('shift', 'We shift jobs from PyTorch. We use TensorFlow.', 'shift jobs from'),
    ('over', 'We picked our own tools over PyTorch. We use TensorFlow.', 'picked our own tools over'),
    ('migrat', 'We migrate jobs from PyTorch. We use TensorFlow.', 'migrate jobs from'),
    ('retir', 'We are retiring PyTorch. We use TensorFlow.', 'retiring'),
    ('decommission', 'We are decommissioning PyTorch. We use TensorFlow.', 'decommissioning'),
    ('switch', 'We switch jobs from PyTorch. We use TensorFlow.', 'switch jobs from'),
    ('neither', 'We want neither PyTorch. We use TensorFlow.', 'neither'),
    ('skip', 'We skipped PyTorch. We use TensorFlow.', 'We skipped'),
    ('instead', 'Instead of PyTorch we use TensorFlow.', 'Instead of'),
    ('saying', 'We are saying goodbye to PyTorch. We use TensorFlow.', 'saying goodbye to'),
    ('forget', 'Forget PyTorch. We use TensorFlow.', 'Forget'),
    ('say', 'We say farewell to PyTorch. We use TensorFlow.', 'say farewell to'),
    ('nothing', 'Nothing here runs on PyTorch. We use TensorFlow.', 'Nothing here runs on'),
    ('getting', 'We are getting rid of PyTorch. We use TensorFlow.', 'getting rid of'),
    ('port', 'We port jobs from PyTorch. We use TensorFlow.', 'port jobs from'),
    ('exited', 'We exited PyTorch. We use TensorFlow.', 'We exited'),
    ('forbid', 'We forbid PyTorch. We use TensorFlow.', 'forbid'),
    ('gave', 'We gave up on PyTorch. We use TensorFlow.', 'gave up on'),
    ('got', 'We got rid of PyTorch. We use TensorFlow.', 'got rid of'),
    ('banned', 'We banned PyTorch. We use TensorFlow.', 'banned'),
    ('couldn', "You couldn't use PyTorch. We use TensorFlow.", "couldn't use"),
    ('shouldn', "You shouldn't use PyTorch. We use TensorFlow.", "shouldn't use"),
    ('didn', "We didn't use PyTorch. We use TensorFlow.", "didn't use"),
    ('place', 'In place of PyTorch we use TensorFlow.', 'In place of'),
    ('opposed', 'We use TensorFlow as opposed to PyTorch.', 'as opposed to'),
    ('none', 'None of PyTorch. We use TensorFlow.', 'None of'),
    ('bid', 'We bid farewell to PyTorch. We use TensorFlow.', 'bid farewell to'),
    ('avoid', 'We avoid PyTorch. We use TensorFlow.', 'avoid'),
    ('ban', 'We ban PyTorch. We use TensorFlow.', 'ban'),
    ('declined', 'We declined PyTorch. We use TensorFlow.', 'We declined'),
    ('refus', 'We refuse to use PyTorch. We use TensorFlow.', 'refuse to use'),
    ('eschew', 'We eschew PyTorch. We use TensorFlow.', 'eschew'),
    ('parted', 'We parted ways with PyTorch. We use TensorFlow.', 'parted ways with'),
    ('said', 'We said goodbye to PyTorch. We use TensorFlow.', 'said goodbye to'),
    ('nobody', 'Nobody here uses PyTorch. We use TensorFlow.', 'Nobody here uses'),
    ('without', 'We build without PyTorch. We use TensorFlow.', 'without'),
    ('passed', 'We passed on PyTorch. We use TensorFlow.', 'We passed on'),
    ('forgo', 'We forgo PyTorch. We use TensorFlow.', 'forgo'),
    ('mustn', "You mustn't use PyTorch. We use TensorFlow.", "mustn't use"),
    ('waved', 'We waved goodbye to PyTorch. We use TensorFlow.', 'waved goodbye to'),
    ('shun', 'We shun PyTorch. We use TensorFlow.', 'shun'),
    ('cannot', 'You cannot use PyTorch. We use TensorFlow.', 'cannot use'),
    ('away', 'We walk away from PyTorch. We use TensorFlow.', 'away from'),
    ('rejected', 'We rejected PyTorch. We use TensorFlow.', 'We rejected'),
    ('used', 'We used to run PyTorch. We use TensorFlow.', 'used to run'),
    ('zero', 'Zero PyTorch. We use TensorFlow.', 'Zero'),
    ('quit', 'We quit PyTorch. We use TensorFlow.', 'We quit'),
    ('steer', 'We steer clear of PyTorch. We use TensorFlow.', 'steer clear of'),
    ('ditch', 'We ditched PyTorch. We use TensorFlow.', 'ditched'),
    ('prohibit', 'We prohibit PyTorch. We use TensorFlow.', 'prohibit'),
    ('bans', 'Policy bans PyTorch. We use TensorFlow.', 'bans'),
    ('rather', 'We use TensorFlow rather than PyTorch.', 'rather than'),
    ('except', 'Every framework except PyTorch. We use TensorFlow.', 'except'),
    ('exclud', 'Frameworks excluding PyTorch. We use TensorFlow.', 'excluding'),
    ('nor', 'Nor PyTorch. We use TensorFlow.', 'Nor'),
    ('needn', "You needn't use PyTorch. We use TensorFlow.", "needn't use"),
]
BEFORE_ZH = [
    ("已", "我们已下线PyTorch，使用TensorFlow。", "已下线"),
    ('不', '我们用TensorFlow，不使用PyTorch。', '不使用'),
    ('没', '我们用TensorFlow，没有用PyTorch。', '没有用'),
    ('沒', '我們用TensorFlow，沒有用PyTorch。', '沒有用'),
    ('未', '我们用TensorFlow，未使用PyTorch。', '未使用'),
    ('无', '熟悉TensorFlow，无需掌握PyTorch。', '无需掌握'),
    ('無', '熟悉TensorFlow，無需掌握PyTorch。', '無需掌握'),
    ('毋', '熟悉TensorFlow，毋需使用PyTorch。', '毋需使用'),
    ('弃', '我们用TensorFlow，弃用PyTorch。', '弃用'),
    ('棄', '我們用TensorFlow，棄用PyTorch。', '棄用'),
    ('而非', '我们用TensorFlow而非PyTorch。', '而非'),
    ('代替', '我们用TensorFlow代替PyTorch。', '代替'),
    ('取代', '我们用TensorFlow取代PyTorch。', '取代'),
    ('替代', '我们用TensorFlow替代PyTorch。', '替代'),
    ('替换', '我们用TensorFlow，替换掉PyTorch。', '替换掉'),
    ('淘汰', '我们用TensorFlow，淘汰PyTorch。', '淘汰'),
    ('告别', '我们用TensorFlow，告别PyTorch。', '告别'),
    ('停用', '我们用TensorFlow，停用PyTorch。', '停用'),
    ('避免', '我们用TensorFlow，避免使用PyTorch。', '避免使用'),
    ('禁止', '我们用TensorFlow，禁止使用PyTorch。', '禁止使用'),
    ('禁用', '我们用TensorFlow，禁用PyTorch。', '禁用'),
    ('拒绝', '我们用TensorFlow，拒绝使用PyTorch。', '拒绝使用'),
]


@pytest.mark.parametrize("key,text,cue", BEFORE + BEFORE_ZH, ids=[r[0] for r in BEFORE + BEFORE_ZH])
def test_a_cue_before_a_tool_negates_it(vocab, key, text, cue):
    assert decide(text, vocab) == (["tensorflow"], [("PyTorch", f"negated: '{cue}' before it")])


@pytest.mark.parametrize("key,text,cue", BEFORE + BEFORE_ZH, ids=[r[0] for r in BEFORE + BEFORE_ZH])
def test_without_its_key_the_cue_before_is_not_seen(vocab, monkeypatch, key, text, cue):
    without_key(monkeypatch, key)
    assert decide(text, vocab)[0] == ["pytorch", "tensorflow"]


# -- negation cues right after a tool: "PyTorch is history", "PyTorch-free" -----------------------

AFTER = [
    ('contract', 'PyTorch contract lapsed. We use TensorFlow.', 'contract lapsed'),
    ('licence', 'PyTorch licence lapsed. We use TensorFlow.', 'licence lapsed'),
    ('license', 'PyTorch license lapsed. We use TensorFlow.', 'license lapsed'),
    ('subscription', 'PyTorch subscription lapsed. We use TensorFlow.', 'subscription lapsed'),
    ('seats', 'PyTorch seats lapsed. We use TensorFlow.', 'seats lapsed'),
    (':', 'PyTorch: n/a. We use TensorFlow.', ': n/a'),
    ('：', 'PyTorch：n/a. We use TensorFlow.', '：n/a'),
    ('已', '熟悉TensorFlow；PyTorch已下线。', '已下线'),
    ('winding', 'PyTorch is winding down. We use TensorFlow.', 'is winding down'),
    ('->', 'PyTorch -> TensorFlow cutover is planned.', '-> TensorFlow cutover'),
    ('=>', 'PyTorch => TensorFlow cutover is planned.', '=> TensorFlow cutover'),
    ('→', 'PyTorch → TensorFlow cutover is planned.', '→ TensorFlow cutover'),
    ('⟶', 'PyTorch ⟶ TensorFlow cutover is planned.', '⟶ TensorFlow cutover'),
    ('less', 'A PyTorch-less stack. We use TensorFlow.', 'less'),
    ('free', 'A PyTorch-free stack. We use TensorFlow.', 'free'),
    ('dead', 'PyTorch is dead. We use TensorFlow.', 'is dead'),
    ('wouldn', "PyTorch wouldn't be needed. We use TensorFlow.", "wouldn't be needed"),
    ('history', 'PyTorch is history. We use TensorFlow.', 'is history'),
    ('end', 'PyTorch is end-of-life. We use TensorFlow.', 'is end-of-life'),
    ('off', 'PyTorch is off the table. We use TensorFlow.', 'is off the table'),
    ('gone', 'PyTorch is gone. We use TensorFlow.', 'is gone'),
    ('?', 'PyTorch? n/a. We use TensorFlow.', '? n/a'),
    ('lost', 'PyTorch lost the evaluation to TensorFlow.', 'lost the evaluation to'),
]


@pytest.mark.parametrize("key,text,cue", AFTER, ids=[r[0] for r in AFTER])
def test_a_cue_after_a_tool_negates_it(vocab, key, text, cue):
    assert decide(text, vocab) == (["tensorflow"], [("PyTorch", f"negated: '{cue}' after it")])


@pytest.mark.parametrize("key,text,cue", AFTER, ids=[r[0] for r in AFTER])
def test_without_its_key_the_cue_after_is_not_seen(vocab, monkeypatch, key, text, cue):
    without_key(monkeypatch, key)
    assert decide(text, vocab)[0] == ["pytorch", "tensorflow"]


# -- a clause whose predicate says the tool is gone: "PyTorch on the old cluster was retired" ------

SUBJECT = [
    ('out', 'PyTorch on the old cluster is out of scope. We use TensorFlow.', 'on the old cluster is out of scope'),
    ('unnecessary', 'PyTorch on the old cluster is unnecessary. We use TensorFlow.', 'on the old cluster is unnecessary'),
    ('irrelevant', 'PyTorch on the old cluster is irrelevant. We use TensorFlow.', 'on the old cluster is irrelevant'),
    ('legacy', 'PyTorch on the old cluster is legacy. We use TensorFlow.', 'on the old cluster is legacy'),
    ('retired', 'PyTorch on the old cluster was retired. We use TensorFlow.', 'on the old cluster was retired'),
    ('evicted', 'PyTorch on the old cluster was evicted. We use TensorFlow.', 'on the old cluster was evicted'),
    ('ousted', 'PyTorch on the old cluster was ousted. We use TensorFlow.', 'on the old cluster was ousted'),
    ('junked', 'PyTorch on the old cluster was junked. We use TensorFlow.', 'on the old cluster was junked'),
    ('cut', 'PyTorch on the old cluster got cut. We use TensorFlow.', 'on the old cluster got cut'),
    ('went', 'PyTorch on the old cluster went dark. We use TensorFlow.', 'on the old cluster went dark'),
    ('deprecated', 'PyTorch on the old cluster is deprecated. We use TensorFlow.', 'on the old cluster is deprecated'),
    ('decommissioned', 'PyTorch on the old cluster was decommissioned. We use TensorFlow.', 'on the old cluster was decommissioned'),
    ('sunset', 'PyTorch on the old cluster was sunset. We use TensorFlow.', 'on the old cluster was sunset'),
    ('frozen', 'PyTorch on the old cluster is frozen. We use TensorFlow.', 'on the old cluster is frozen'),
    ('wound', 'PyTorch on the old cluster was wound down. We use TensorFlow.', 'on the old cluster was wound down'),
    ('lifed', 'PyTorch on the old cluster was end-of-lifed. We use TensorFlow.', 'on the old cluster was end-of-lifed'),
    ('eol', "PyTorch on the old cluster was EOL'd. We use TensorFlow.", "on the old cluster was EOL'd"),
    ('killed', 'PyTorch on the old cluster was killed. We use TensorFlow.', 'on the old cluster was killed'),
    ('scrapped', 'PyTorch on the old cluster was scrapped. We use TensorFlow.', 'on the old cluster was scrapped'),
    ('binned', 'PyTorch on the old cluster was binned. We use TensorFlow.', 'on the old cluster was binned'),
    ('migrated', 'PyTorch on the old cluster was migrated away. We use TensorFlow.', 'on the old cluster was migrated away'),
    ('replaced', 'PyTorch on the old cluster was replaced. We use TensorFlow.', 'on the old cluster was replaced'),
    ('removed', 'PyTorch on the old cluster was removed. We use TensorFlow.', 'on the old cluster was removed'),
    ('dropped', 'PyTorch on the old cluster was dropped. We use TensorFlow.', 'on the old cluster was dropped'),
    ('abandoned', 'PyTorch on the old cluster was abandoned. We use TensorFlow.', 'on the old cluster was abandoned'),
    ('shut', 'PyTorch on the old cluster was shut down. We use TensorFlow.', 'on the old cluster was shut down'),
    ('outgrew', 'PyTorch on the old cluster is something we outgrew. We use TensorFlow.', 'the old cluster is something we outgrew'),
    ('moved', 'PyTorch on the old cluster is something we moved away from. We use TensorFlow.', 'cluster is something we moved away from'),
    ('left', 'PyTorch on the old cluster is something we left. We use TensorFlow.', 'on the old cluster is something we left'),
    ('stopped', 'PyTorch on the old cluster is something we stopped using. We use TensorFlow.', 'cluster is something we stopped using'),
    ('cancelled', 'PyTorch on the old cluster was cancelled. We use TensorFlow.', 'on the old cluster was cancelled'),
    ('canceled', 'PyTorch on the old cluster was canceled. We use TensorFlow.', 'on the old cluster was canceled'),
    ('terminated', 'PyTorch on the old cluster was terminated. We use TensorFlow.', 'on the old cluster was terminated'),
    ('discontinued', 'PyTorch on the old cluster was discontinued. We use TensorFlow.', 'on the old cluster was discontinued'),
    ('superseded', 'PyTorch on the old cluster was superseded. We use TensorFlow.', 'on the old cluster was superseded'),
    ('not', 'PyTorch on the old cluster is not required. We use TensorFlow.', 'on the old cluster is not required'),
    ('isn', "PyTorch on the old cluster isn't required. We use TensorFlow.", "on the old cluster isn't required"),
    ('aren', "PyTorch jobs on the old cluster aren't required. We use TensorFlow.", "jobs on the old cluster aren't required"),
    ('wasn', "PyTorch on the old cluster wasn't used. We use TensorFlow.", "on the old cluster wasn't used"),
    ('weren', "PyTorch jobs on the old cluster weren't used. We use TensorFlow.", "jobs on the old cluster weren't used"),
    ('won', "PyTorch on the old cluster won't come up. We use TensorFlow.", "on the old cluster won't come up"),
    ('doesn', "PyTorch on the old cluster doesn't matter. We use TensorFlow.", "on the old cluster doesn't matter"),
    ('don', "PyTorch jobs on the old cluster don't matter. We use TensorFlow.", "jobs on the old cluster don't matter"),
    ('never', 'PyTorch on the old cluster will never be used. We use TensorFlow.', 'on the old cluster will never be used'),
    ('no', 'PyTorch on the old cluster is no longer used. We use TensorFlow.', 'on the old cluster is no longer used'),
]


#: Keys only a pronoun's predicate needs ("It was put out to pasture last spring"): the subject's own rule also
#: finds these from another word of the phrase, or from the clause.
PRONOUN = [(key, f"We ran PyTorch on the old cluster. It was {phrase} last year. We use TensorFlow.", f"it was {phrase}")
           for key, phrase in [("swapped", "swapped out"), ("put", "put out to pasture"), ("laid", "laid to rest"),
                               ("let", "let go"), ("disallowed", "disallowed"), ("axed", "axed"),
                               ("mothballed", "mothballed"), ("shelved", "shelved"), ("expired", "expired")]]


@pytest.mark.parametrize("key,text,said", PRONOUN, ids=[r[0] for r in PRONOUN])
def test_a_pronouns_predicate_negates_what_it_speaks_of(vocab, key, text, said):
    counted, not_counted = decide(text, vocab)
    assert counted == ["tensorflow"] and not_counted[0] == ("PyTorch", f"negated: '{said}' speaks of it")


@pytest.mark.parametrize("key,text,said", PRONOUN, ids=[r[0] for r in PRONOUN])
def test_without_its_key_the_pronouns_predicate_is_not_seen(vocab, monkeypatch, key, text, said):
    without_key(monkeypatch, key)
    monkeypatch.setattr(M, "_negative_sentence", lambda *args: None)
    assert "pytorch" in decide(text, vocab)[0]


@pytest.mark.parametrize("key,text,said", SUBJECT, ids=[r[0] for r in SUBJECT])
def test_a_predicate_negates_the_subject(vocab, key, text, said):
    assert decide(text, vocab) == (["tensorflow"], [("PyTorch", f"negated: its clause says '…{said}'")])


@pytest.mark.parametrize("key,text,said", SUBJECT, ids=[r[0] for r in SUBJECT])
def test_without_its_key_the_predicate_is_not_seen(vocab, monkeypatch, request, key, text, said):
    monkeypatch.setattr(M, "_SUBJECT_KEYS", M._SUBJECT_KEYS - {key})
    monkeypatch.setattr(M, "_negative_sentence", lambda *args: None)  # the last resort reads some of these too
    monkeypatch.setattr(M, "_asides_of_the_past", lambda *args: None)  # and so does an aside's ending
    M._role_of.cache_clear()  # what each word is, read again from the tables as patched (and as restored after)
    request.addfinalizer(M._role_of.cache_clear)
    assert decide(text, vocab)[0] == ["pytorch", "tensorflow"]


# -- Chinese cues after a tool, found by their first characters: "PyTorch已下线" ------------------

AFTER_ZH = [
    ("非", "熟悉TensorFlow；PyTorch非必须。", "非必须"),
    ("遗", "熟悉TensorFlow；PyTorch遗留系统。", "遗留系统"),
    ("遺", "熟悉TensorFlow；PyTorch遺留系統。", "遺留系統"),
]


@pytest.mark.parametrize("key,text,cue", AFTER_ZH, ids=[r[0] for r in AFTER_ZH])
def test_a_chinese_cue_after_a_tool_negates_it(vocab, monkeypatch, key, text, cue):
    assert decide(text, vocab) == (["tensorflow"], [("PyTorch", f"negated: '{cue}' after it")])
    monkeypatch.setattr(M, "_NEG_AFTER_ZH", M._NEG_AFTER_ZH - {key})
    assert decide(text, vocab)[0] == ["pytorch", "tensorflow"]


@pytest.mark.parametrize("key", ["被", "由"])
def test_replaced_by_another_tool_in_chinese(vocab, monkeypatch, key):
    text = f"熟悉TensorFlow；PyTorch{key}Keras替換。"
    assert decide(text, vocab) == (["keras", "tensorflow"], [("PyTorch", f"negated: '{key}Keras替換' after it")])
    monkeypatch.setattr(M, "_NEG_AFTER_ZH", M._NEG_AFTER_ZH - {key})
    assert decide(text, vocab)[0] == ["keras", "pytorch", "tensorflow"]


# -- bonus: counted, marked as a bonus -------------------------------------------------------------

BONUS = [
    ('nice', 'PyTorch is nice to have. We use TensorFlow.'),
    ('plus', 'PyTorch is a plus. We use TensorFlow.'),
    ('bonus', 'PyTorch is a bonus. We use TensorFlow.'),
    ('prefer', 'PyTorch preferred. We use TensorFlow.'),
    ('desir', 'PyTorch is desirable. We use TensorFlow.'),
    ('advantage', 'PyTorch is an advantage. We use TensorFlow.'),
    ('great', 'PyTorch would be great. We use TensorFlow.'),
    ('welcome', 'PyTorch is welcome. We use TensorFlow.'),
    ('加分', '熟悉TensorFlow；PyTorch加分。'),
    ('优先', '熟悉TensorFlow；PyTorch优先。'),
    ('佳', '熟悉TensorFlow；PyTorch为佳。'),
]


@pytest.mark.parametrize("key,text", BONUS, ids=[r[0] for r in BONUS])
def test_a_bonus_cue_marks_the_tool_a_bonus(vocab, monkeypatch, key, text):
    m = M.find_mentions(text, vocab)
    assert (sorted(m.found), m.not_counted, m.levels) == (["pytorch", "tensorflow"], [], {"pytorch": "bonus"})
    monkeypatch.setattr(M, "_BONUS_KEYS", tuple(h for h in M._BONUS_KEYS if h != key))
    assert M.find_mentions(text, vocab).levels == {}



# -- window edges: the last character inside decides one way, one more the other way ----------------

def test_a_technology_within_window_characters_after_an_ambiguous_name_vouches_for_it(vocab):
    # "Ray" ends at 3: "PyTorch" may end at 3 + WINDOW
    inside = "Ray " + "z" * (M.WINDOW - 9) + " PyTorch."
    assert inside.index("PyTorch") + len("PyTorch") == 3 + M.WINDOW
    assert decide(inside, vocab) == (["pytorch", "ray"], [])
    beyond = "Ray " + "z" * (M.WINDOW - 8) + " PyTorch."
    assert decide(beyond, vocab) == (["pytorch"], [("Ray", "ambiguous without technology next to it")])


def test_a_technology_within_window_characters_before_an_ambiguous_name_vouches_for_it(vocab):
    inside = "PyTorch " + "z" * (M.WINDOW - 9) + " Ray."
    assert inside.index("Ray") == M.WINDOW
    assert decide(inside, vocab) == (["pytorch", "ray"], [])
    beyond = "PyTorch " + "z" * (M.WINDOW - 8) + " Ray."
    assert decide(beyond, vocab) == (["pytorch"], [("Ray", "ambiguous without technology next to it")])


def test_a_negation_reaches_over_at_most_negation_words_words(vocab):
    words = " ".join(["Aaaaa", "Bbbbb", "Ccccc", "Ddddd", "Eeeee", "Fffff"])
    inside = "No " + words[:M.NEGATION_WORDS * 6 - 1] + " PyTorch. We use TensorFlow."
    assert decide(inside, vocab) == (["tensorflow"], [("PyTorch", "negated: 'No' before it")])
    beyond = "No " + words[:(M.NEGATION_WORDS + 1) * 6 - 1] + " PyTorch. We use TensorFlow."
    assert decide(beyond, vocab) == (["pytorch", "tensorflow"], [])


def test_a_negation_reaches_over_at_most_negation_reach_characters(vocab):
    inside = "No A" + "a" * (M.NEGATION_REACH - 3) + " PyTorch. We use TensorFlow."
    assert len(inside[2:inside.index("PyTorch")]) == M.NEGATION_REACH
    assert decide(inside, vocab) == (["tensorflow"], [("PyTorch", "negated: 'No' before it")])
    beyond = "No A" + "a" * (M.NEGATION_REACH - 2) + " PyTorch. We use TensorFlow."
    assert decide(beyond, vocab) == (["pytorch", "tensorflow"], [])


def test_a_list_is_one_chain_over_a_gap_of_at_most_24_characters(vocab):
    # a negation before a list reaches every tool of it: "No PyTorch, TensorFlow"
    inside = "No PyTorch," + " " * 23 + "TensorFlow. We use Keras with CUDA."
    assert decide(inside, vocab) == (["cuda", "keras"], [("PyTorch", "negated: 'No' before it"),
                                                         ("TensorFlow", "negated: 'No' before it")])
    beyond = "No PyTorch," + " " * 24 + "TensorFlow. We use Keras with CUDA."
    assert decide(beyond, vocab) == (["cuda", "keras", "tensorflow"], [("PyTorch", "negated: 'No' before it")])


def test_a_cue_after_a_tool_reaches_90_characters(vocab):
    # "PyTorch <spaces> not required": the cue must end within 90 characters of the tool
    inside = "PyTorch" + " " * 78 + "not required. We use TensorFlow."
    assert decide(inside, vocab) == (["tensorflow"], [("PyTorch", "negated: 'not required' after it")])
    beyond = "PyTorch" + " " * 79 + "not required. We use TensorFlow."
    assert decide(beyond, vocab) == (["pytorch", "tensorflow"], [])


def test_a_predicate_after_a_tool_reaches_90_characters(vocab, monkeypatch):
    # (an aside about the past reads the whole paragraph, not a predicate's reach: it is left out here)
    monkeypatch.setattr(M, "_asides_of_the_past", lambda *args: None)
    inside = "PyTorch zzzzzzzzzz was" + " " * 61 + "decommissioned. We use TensorFlow."
    assert inside.index("decommissioned") + len("decommissioned") - len("PyTorch") == 90
    # the reason quotes the predicate's last 40 characters, from a word start
    assert decide(inside, vocab) == (["tensorflow"], [("PyTorch", "negated: its clause says '…decommissioned'")])
    beyond = "PyTorch zzzzzzzzzz was" + " " * 62 + "decommissioned. We use TensorFlow."
    assert decide(beyond, vocab) == (["pytorch", "tensorflow"], [])


def test_a_predicate_stops_at_a_chinese_sentence_end(vocab):
    # "。" is no character the subject pattern refuses: the sentence end found first stops it
    assert decide("熟悉PyTorch。 Foo was retired.", vocab) == (["pytorch"], [])
    assert decide("熟悉PyTorch Foo was retired.", vocab) == ([], [("PyTorch", "negated: its clause says '…Foo was retired'")])


def test_a_bonus_clause_reaches_160_characters_each_way(vocab):
    # the clause around the word "bonus" holds the tools it marks: at most 160 characters each way
    def levels(text):
        return M.find_mentions(text, vocab).levels

    assert levels("PyTorch " + "z" * 151 + " bonus") == {"pytorch": "bonus"}  # "bonus" at 160
    assert levels("PyTorch " + "z" * 152 + " bonus") == {}
    assert levels("bonus " + "z" * 146 + " PyTorch") == {"pytorch": "bonus"}  # "PyTorch" ends at 160
    assert levels("bonus " + "z" * 147 + " PyTorch") == {}


def test_every_bonus_clause_is_found(vocab):
    # two hints in the first clause, one in the second
    m = M.find_mentions("PyTorch is a plus, nice to have. TensorFlow is a bonus. We use Keras.", vocab)
    assert (sorted(m.found), m.levels) == (["keras", "pytorch", "tensorflow"], {"pytorch": "bonus", "tensorflow": "bonus"})


# -- senses and context, where one rule decides ----------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    # lowercasing "İ" makes the text longer: every negation cue is looked for, none is missed
    ("İstanbul office. We don't use PyTorch. We use TensorFlow.",
     (["tensorflow"], [("PyTorch", "negated: 'don't use' before it")])),
    # a technical word at the very end, after a letter that lowercases to two
    ("İ Ray code", (["ray"], [])),
    # a tool that is also a first name, before a surname
    ("Say hi to Keras Thompson, who runs our PyTorch and TensorFlow stack.",
     (["pytorch", "tensorflow"], [("Keras", "everyday sense: a person ('Keras Thompson')")])),
    # a term's own ordinary sense, right at the start of the text
    ("Ball Python data in PyTorch and TensorFlow.", (["pytorch", "tensorflow"], [("Python", "ordinary sense (the snake)")])),
    # an abbreviation spelled out as something else, after one that is not spelled out
    ("TF (a) models. HF (heart failure) data goes into PyTorch.",
     (["pytorch"], [("TF", "ambiguous without technology next to it"),
                    ("HF", "everyday sense: an abbreviation of something else (the posting spells it out: 'HF (heart failure)')")])),
    # a tool name written before its Chinese explanation is still the tool (only ambiguous terms have rules)
    ("熟悉SQL（结构化查询语言）和PyTorch。", (["pytorch", "sql"], [])),
    # an unambiguous name used as an adjective, with a hyphen or a space
    ("We want a TensorFlow-style API in PyTorch.",
     (["pytorch"], [("TensorFlow", "everyday sense: an adjective, not the tool itself ('TensorFlow-style')")])),
    ("A TensorFlow inspired API, built in PyTorch.",
     (["pytorch"], [("TensorFlow", "everyday sense: an adjective, not the tool itself ('TensorFlow inspired')")])),
    # a place: "Argo, TX" (a case-sensitive sense after the name)
    ("We use PyTorch and TensorFlow. Our office is in Argo, TX.",
     (["pytorch", "tensorflow"], [("Argo", "everyday sense: a vessel or place ('Argo, TX')")])),
    # the first tool-like word is technical, the one after it in another sentence is not
    ("PyTorch, TensorFlow and Kafka power our models. We eat lunch with Flink.",
     (["kafka", "pytorch", "tensorflow"], [("Flink", "everyday sense: a sentence about 'lunch' with nothing technical in it")])),
], ids=["dotted-I-negation", "dotted-I-cue", "first-name", "rule-at-start", "spelled-out-after-another",
        "chinese-explanation", "hyphen-adjective", "space-adjective", "place-after-comma", "everyday-after-technical"])
def test_one_rule_decides(vocab, text, expected):
    assert decide(text, vocab) == expected


def test_a_negated_tool_counts_where_the_posting_asks_for_it(vocab):
    said = "negated: the posting says 'PyTorch' is not used, and does not list it with other technology here"
    assert decide("We are moving off PyTorch. For now, PyTorch experience is required.", vocab) == (
        ["pytorch"], [("PyTorch", "negated: 'moving off' before it")])
    # asked for in the second sentence, not in the third
    assert decide("We are moving off PyTorch. PyTorch experience is required for now. Later, PyTorch goes.", vocab) == (
        ["pytorch"], [("PyTorch", "negated: 'moving off' before it"), ("PyTorch", said)])


def test_a_sentence_that_goes_on_to_negate_a_tool_speaks_of_all_its_mentions(vocab):
    assert decide("We avoid PyTorch. Old PyTorch notebooks exist as we never use PyTorch.", vocab) == (
        [], [("PyTorch", "negated: 'avoid' before it"),
             ("PyTorch", "negated: its sentence goes on to say 'PyTorch' is not used"),
             ("PyTorch", "negated: 'never use' before it")])


FIVE = "We use PyTorch, TensorFlow, scikit-learn, Hugging Face and GitLab CI."
FOUR = "We use PyTorch, TensorFlow, scikit-learn and Hugging Face."


def test_a_local_name_needs_five_other_technologies_in_the_posting_or_one_next_to_it(vocab):
    five = ["gitlab-ci", "hugging-face", "pytorch", "scikit-learn", "tensorflow"]
    m = M.find_mentions(FIVE + " Ray matters.", vocab)
    assert (sorted(m.found), m.senses) == (sorted(five + ["ray"]), [{"term": "Ray", "at": 70, "why": "technical posting (5 other technologies)"}])
    assert decide(FOUR + " Ray matters.", vocab) == (five[1:], [("Ray", "ambiguous without technology next to it")])
    # five others decide before the neighbour is looked at
    m = M.find_mentions(FOUR + " Ray with C++.", vocab)
    assert [s["why"] for s in m.senses] == ["technical posting (5 other technologies)"]
    # a name of two letters needs a neighbour, however technical the posting
    assert decide(FIVE + " R matters.", vocab) == (five, [("R", "ambiguous without technology next to it")])


def test_a_doc_name_needs_two_other_technologies_in_the_posting(vocab):
    m = M.find_mentions("We use PyTorch. Snowflake with C++.", vocab)
    assert (sorted(m.found), [s["why"] for s in m.senses]) == (
        ["cpp", "pytorch", "snowflake"], ["technical posting (2 other technologies)"])


def test_an_everyday_word_reaches_240_characters_within_its_sentence(vocab):
    def kafka_after(filler: int) -> str:
        return "We use PyTorch and TensorFlow. Yes, coffee " + "z" * filler + " Kafka."

    assert kafka_after(232).index("Kafka") - kafka_after(232).index("coffee") == M.SENTENCE_REACH
    assert decide(kafka_after(232), vocab) == (
        ["pytorch", "tensorflow"], [("Kafka", "everyday sense: a sentence about 'coffee' with nothing technical in it")])
    assert decide(kafka_after(233), vocab) == (["kafka", "pytorch", "tensorflow"], [])


def test_a_negated_tool_is_asked_for_by_a_word_at_most_80_characters_before_it(vocab):
    def text(filler: int) -> str:
        return "We don't use PyTorch. Required " + "z" * filler + " PyTorch."

    assert text(70).rindex("PyTorch") - text(70).index("Required") == 80
    assert decide(text(70), vocab) == (["pytorch"], [("PyTorch", "negated: 'don't use' before it")])
    assert decide(text(71), vocab) == ([], [
        ("PyTorch", "negated: 'don't use' before it"),
        ("PyTorch", "negated: the posting says 'PyTorch' is not used, and does not list it with other technology here")])


def test_an_everyday_sense_before_a_name_is_looked_for_in_its_last_60_characters(vocab):
    def text(word: int) -> str:
        return "We fly " + "a" * word + " to Triton with PyTorch."

    assert text(52).index("Triton") - text(52).index("fly") == M.LOOK
    assert decide(text(52), vocab) == (
        ["pytorch"], [("Triton", f"everyday sense: a vessel or place ('fly {'a' * 52} to Triton')")])
    assert decide(text(53), vocab) == (["pytorch", "triton"], [])


def test_a_terms_own_senses_are_looked_for_in_40_characters_each_way(vocab):
    # before: "class B… DL" is a driving licence class
    assert decide("A class " + "b" * 33 + " DL with PyTorch.", vocab) == (["pytorch"], [("DL", "ordinary sense (driving licence)")])
    assert decide("A class " + "b" * 34 + " DL with PyTorch.", vocab) == (["deep-learning", "pytorch"], [])
    # after: "HCL … contractor" is the company
    assert decide("PyTorch and HCL" + " " * 30 + "contractor.", vocab) == (["pytorch"], [("HCL", "ordinary sense (HCL Technologies)")])
    assert decide("PyTorch and HCL" + " " * 31 + "contractor.", vocab) == (["pytorch", "terraform"], [])  # HashiCorp's language


@pytest.mark.parametrize("text,expected", [
    # unambiguous names are checked only for use as an adjective, not for every everyday sense
    ("PyTorch's team maintains TensorFlow too.", (["pytorch", "tensorflow"], [])),
    ("The PyTorch room hosts TensorFlow talks.", (["pytorch", "tensorflow"], [])),
    # a vendor before a tool that is also a surname, and a tool before one
    ("We run Managed Kafka and PyTorch.", (["kafka", "pytorch"], [])),
    ("We write Python Flink jobs with PyTorch.", (["flink", "python", "pytorch"], [])),
    # an everyday word at the very start of the text
    ("Coffee break with Kafka. We use PyTorch and TensorFlow.",
     (["pytorch", "tensorflow"], [("Kafka", "everyday sense: a sentence about 'coffee' with nothing technical in it")])),
    # a Chinese migration at the very start of the text
    ("从PyTorch迁移到TensorFlow。", (["tensorflow"], [("PyTorch", "negated: '从…迁移到' (being migrated away from)")])),
    # a tool spelled out as itself does not stop the abbreviations after it from being spelled out
    ("TF (TensorFlow) and HF (heart failure) data with PyTorch.",
     (["pytorch", "tensorflow"],
      [("HF", "everyday sense: an abbreviation of something else (the posting spells it out: 'HF (heart failure)')")])),
], ids=["only-adjective-for-unambiguous", "only-adjective-after-a-space", "vendor-before-surname", "tool-before-surname", "everyday-at-start",
        "migration-at-start", "spelled-out-after-a-tool"])
def test_one_more_rule_decides(vocab, text, expected):
    assert decide(text, vocab) == expected


def test_a_chinese_migration_reaches_3_characters_before_and_8_after(vocab):
    moved = (["tensorflow"], [("PyTorch", "negated: '从…迁移到' (being migrated away from)")])
    assert decide("我们从  PyTorch迁移到TensorFlow。", vocab) == moved
    assert decide("我们从   PyTorch迁移到TensorFlow。", vocab) == (["pytorch", "tensorflow"], [])
    assert decide("我们从PyTorch   全部迁移到TensorFlow。", vocab) == moved
    assert decide("我们从PyTorch    全部迁移到TensorFlow。", vocab) == (["pytorch", "tensorflow"], [])


def test_a_short_name_without_a_rule_of_its_own_is_the_tool_only_as_written_and_next_to_technology(graph):
    graph.add_node("qx", "Tool", name="QX")
    vocab = vocabulary(graph)
    assert decide("QX with PyTorch.", vocab) == (["pytorch", "qx"], [])
    assert decide("We use PyTorch. QX matters.", vocab) == (["pytorch"], [("QX", "ambiguous without technology next to it")])
    assert decide("qx with PyTorch.", vocab) == (["pytorch"], [("qx", "written 'qx', not as the technology's name")])


@pytest.mark.parametrize("text,expected", [
    # a place after a name, found from the first word after it
    ("Drinks at the Kafka bar tonight; we use PyTorch and TensorFlow.",
     (["pytorch", "tensorflow"], [("Kafka", "everyday sense: a vessel or place ('Kafka bar')")])),
    # a surname is looked for only after a name written as a name, not in capitals
    ("Our KAFKA Platform team uses PyTorch and TensorFlow.", (["kafka", "pytorch", "tensorflow"], [])),
    # after a first name, a product word or a technology is no surname
    ("Kafka Streams with PyTorch and TensorFlow.", (["kafka", "pytorch", "tensorflow"], [])),
    ("Kafka Python clients with PyTorch and TensorFlow.", (["kafka", "python", "pytorch", "tensorflow"], [])),
    # an apposition after a name that is also an ordinary word
    ("Keras, our manager, runs the PyTorch and TensorFlow stack.",
     (["pytorch", "tensorflow"], [("Keras", "everyday sense: a person ('Keras, our manager')")])),
    # a 4-letter abbreviation spelled out by its initials; 5 letters are a name, not an abbreviation
    ("HIVE (Highly Integrated Virtual Environment) with PyTorch and TensorFlow.",
     (["pytorch", "tensorflow"],
      [("HIVE", "everyday sense: an abbreviation of something else (the posting spells it out: "
                "'HIVE (Highly Integrated Virtual Environment)')")])),
    ("SPARK (Simple Parallel Analytics Runtime Kit) with PyTorch and TensorFlow.",
     (["pytorch", "spark", "tensorflow"], [])),
    # a number in parentheses spells nothing out
    ("HF (42) with PyTorch.", (["hugging-face", "pytorch"], [])),
    # a sentence with another technology in it is not everyday, whatever else it holds
    ("Kafka, Flink and coffee with PyTorch.", (["flink", "kafka", "pytorch"], [])),
    # every sentence is looked at, after one with another technology or with no everyday word
    ("Kafka, Flink and tea with PyTorch. Lunch with Hive.",
     (["flink", "kafka", "pytorch"], [("Hive", "everyday sense: a sentence about 'lunch' with nothing technical in it")])),
    ("We run Kafka. We eat lunch with Flink. PyTorch and TensorFlow.",
     (["kafka", "pytorch", "tensorflow"], [("Flink", "everyday sense: a sentence about 'lunch' with nothing technical in it")])),
], ids=["place-after", "capitals-no-surname", "product-word-after", "technology-after", "apposition",
        "4-letter-spelled-out", "5-letters-not", "number-in-parentheses", "technology-in-sentence",
        "after-a-technical-sentence", "after-a-plain-sentence"])
def test_everyday_senses_decide(vocab, text, expected):
    assert decide(text, vocab) == expected


@pytest.mark.parametrize("text", ["负责开发Go服务。", "负责Go开发。"], ids=["cue-ends-at-the-name", "cue-starts-after-it"])
def test_a_technical_word_touching_the_name_counts(vocab, text):
    m = M.find_mentions(text, vocab)
    assert (sorted(m.found), m.senses) == (["go"], [{"term": "Go", "at": text.index("Go"), "why": "technical word '开发' in its sentence"}])


def test_a_name_counted_on_its_own_evidence_makes_the_posting_technical(vocab):
    # "Snowflake" has one unambiguous technology in the posting; "Ray" (next to PyTorch) is the second
    m = M.find_mentions("Snowflake matters. Ray with PyTorch.", vocab)
    assert (sorted(m.found), [(s["term"], s["why"]) for s in m.senses]) == (
        ["pytorch", "ray", "snowflake"], [("Snowflake", "technical posting (2 other technologies)"), ("Ray", "next to PyTorch")])


def test_what_takes_a_negation_back_is_looked_for_30_characters_after_the_cue(vocab):
    assert decide("Not" + " " * 26 + "only PyTorch but TensorFlow.", vocab) == (["pytorch", "tensorflow"], [])
    assert decide("Not" + " " * 27 + "only PyTorch but TensorFlow.", vocab) == (["tensorflow"], [("PyTorch", "negated: 'Not' before it")])


@pytest.mark.parametrize("text,expected", [
    # a comma between a cue and a tool ends the cue's reach, where the words between are no list
    ("No data, PyTorch does the rest. We use TensorFlow.", (["pytorch", "tensorflow"], [])),
    ("No data PyTorch does the rest. We use TensorFlow.", (["tensorflow"], [("PyTorch", "negated: 'No' before it")])),
    # a bullet starts a new sentence: the everyday word on the line above is not in it
    ("Lunch menu\n- Kafka\n\nWe use PyTorch and TensorFlow.", (["kafka", "pytorch", "tensorflow"], [])),
    # a negated activity takes the tool it is done with along, and says so
    ("No coding in Python. We use PyTorch and TensorFlow.",
     (["pytorch", "tensorflow"], [("coding", "negated: 'No' before it"),
                                  ("Python", "negated: 'No' before it (the activity done 'in' it)")])),
], ids=["comma-ends-reach", "no-comma", "bullet-starts-sentence", "negated-activity"])
def test_clause_and_sentence_bounds_decide(vocab, text, expected):
    assert decide(text, vocab) == expected


def test_a_window_ending_where_a_word_ends_holds_it():
    # the text scanned once answers as the windows searched one by one do, at the windows' very edges
    from kg.loaders.jd_rules import STRONG_TECH

    text = "We deploy models. Coffee and cake. Python code in notebooks; the data warehouse."
    bounds, lookup = M._Bounds(STRONG_TECH, text), M._Lookup(STRONG_TECH, text, text.lower())
    for m in STRONG_TECH.finditer(text):
        assert bounds.first_between(m.start(), m.end(), (0, 0)) == m.group() == lookup.first_between(m.start(), m.end())
        assert bounds.first_between(m.start() + 1, m.end(), (0, 0)) == "" == lookup.first_between(m.start() + 1, m.end())


def test_a_sentence_without_an_end_reaches_240_characters(vocab):
    assert decide("We avoid PyTorch, so any PyTorch notebook goes", vocab) == (
        [], [("PyTorch", "negated: 'avoid' before it"), ("PyTorch", "negated: its sentence has already said it is not used")])


def test_a_local_name_counts_on_the_technology_counted_after_it(vocab):
    # "Helm" counts next to a technology and is then the fifth one "Ray" needs
    m = M.find_mentions("Ray matters. We use PyTorch, TensorFlow, scikit-learn and Hugging Face with Helm.", vocab)
    assert (sorted(m.found), [(s["term"], s["why"]) for s in m.senses]) == (
        ["helm", "hugging-face", "pytorch", "ray", "scikit-learn", "tensorflow"],
        [("Ray", "technical posting (5 other technologies)"), ("Helm", "next to PyTorch")])


TORN = [
    ("ripped", "We ripped PyTorch out. We use TensorFlow.", "ripped … out"),
    ("ripped", "We ripped the old PyTorch out. We use TensorFlow.", "ripped the old … out"),
    ("ripping", "We are ripping PyTorch out. We use TensorFlow.", "ripping … out"),
    ("tore", "We tore PyTorch out. We use TensorFlow.", "tore … out"),
    ("yanked", "We yanked PyTorch out. We use TensorFlow.", "yanked … out"),
    ("took", "We took PyTorch out. We use TensorFlow.", "took … out"),
    ("threw", "We threw PyTorch away. We use TensorFlow.", "threw … away"),
]


@pytest.mark.parametrize("key,text,cue", TORN, ids=[r[2] for r in TORN])
def test_a_tool_torn_out_is_negated_by_its_key_before_it(vocab, monkeypatch, key, text, cue):
    assert decide(text, vocab) == (["tensorflow"], [("PyTorch", f"negated: '{cue}' around it")])
    without_key(monkeypatch, key)
    assert decide(text, vocab)[0] == ["pytorch", "tensorflow"]


@pytest.mark.parametrize("key,text", [("ran", "Our pipelines ran on PyTorch until 2023; we use TensorFlow."),
                                      ("relied", "We relied on PyTorch until 2023; we use TensorFlow.")])
def test_without_its_key_a_use_until_a_year_is_not_seen(vocab, monkeypatch, key, text):
    assert decide(text, vocab)[0] == ["tensorflow"]
    without_key(monkeypatch, key)
    monkeypatch.setattr(M, "_asides_of_the_past", lambda *args: None)
    monkeypatch.setattr(M, "_negative_sentence", lambda *args: None)
    assert decide(text, vocab)[0] == ["pytorch", "tensorflow"]


def test_what_is_left_at_the_door_is_negated_by_its_key_before_it(vocab, monkeypatch):
    text = "Leave your PyTorch habits at the door. We use TensorFlow."
    assert decide(text, vocab) == (["tensorflow"], [("PyTorch", "negated: 'Leave your … habits at the door' around it (left at the door)")])
    assert decide("Leave your PyTorch laptop on the desk. We use TensorFlow.", vocab)[0] == ["pytorch", "tensorflow"]
    without_key(monkeypatch, "leave")
    assert decide(text, vocab)[0] == ["pytorch", "tensorflow"]


# -- this round's other kinds: each as a user sees it, and the same words where they do not negate -----------

NEGATED_TOO = [
    ("Not a single line of PyTorch is left in the repo. We use TensorFlow.", "negated: 'Not a single line of' before it"),
    ("There is no trace of PyTorch anywhere. We use TensorFlow.", "negated: 'no trace of' before it"),
    ("Please don't bother brushing up on PyTorch. We use TensorFlow.", "negated: 'don't bother brushing up on' before it"),
    ("PyTorch never enters the picture. We use TensorFlow.", "negated: 'never enters the picture' after it"),
    ("PyTorch is on nobody's roadmap. We use TensorFlow.", "negated: 'is on nobody's roadmap' after it"),
    ("PyTorch isn't on anyone's radar. We use TensorFlow.", "negated: 'isn't on anyone's radar' after it"),
    ("PyTorch has never been part of our stack. We use TensorFlow.", "negated: 'has never been part of' after it"),
    ("Our PyTorch servers were powered down in May, after the jobs moved to TensorFlow.",
     "negated: its clause says '…servers were powered down'"),
    ("PyTorch 我们评估过，最后没有采用。我们用 TensorFlow。", "negated: its topic is followed by '最后没有采用'"),
    ("PyTorch 這種框架交給算法同事，你不用碰。我們用 TensorFlow。", "negated: its topic is followed by '你不用'"),
    ("PyTorch 跟本职位八竿子打不着。我们用 TensorFlow。", "negated: '跟本职位八竿子打不着' after it"),
    ("旧的 PyTorch 服务去年已经拆了。我们用 TensorFlow。", "negated: '服务去年已经拆了' after it"),
    ("PyTorch 唔使識，我哋用 TensorFlow。", "negated: '不用' after it"),
    ("Our pipelines ran on PyTorch until 2023; we use TensorFlow.", "negated: 'ran on … until 2023' around it (used until then)"),
    ("We relied on PyTorch heavily until last year. We use TensorFlow.",
     "negated: 'relied on … heavily until last year' around it (used until then)"),
    ("We pensioned off the old PyTorch app. We use TensorFlow.", "negated: 'pensioned off' before it"),
    ("PyTorch experience isn't something they'll screen for. We use TensorFlow.",
     "negated: 'experience isn't something they' after it"),
    ("PyTorch 相关经验对这个岗位没有加成。我们用 TensorFlow。", "negated: '相关经验对这个岗位没有加成' after it"),
    ("旧的 PyTorch 集群已经全部清退。我们用 TensorFlow。", "negated: '集群已经全部清退' after it"),
    ("PyTorch 之类的框架之前试过，最后没有留下来。我们用 TensorFlow。", "negated: its topic is followed by '最后没有留下来'"),
    ("- PyTorch. We gave it two good years; then we ripped it out. We use TensorFlow.", "negated: 'ripped it out' speaks of it"),
    ("PyTorch 这类工具在本岗位基本用不上。我们用 TensorFlow。", "negated: '这类工具在本岗位基本用不上' after it"),
    ("Finance left PyTorch for TensorFlow.", "negated: 'left … for TensorFlow' around it"),
]


@pytest.mark.parametrize("text,why", NEGATED_TOO, ids=[t[:28] for t, _ in NEGATED_TOO])
def test_more_kinds_of_negation(vocab, text, why):
    assert decide(text, vocab) == (["tensorflow"], [("PyTorch", why)])


@pytest.mark.parametrize("text", [
    "PyTorch enters the picture when we fine-tune. We use TensorFlow.",
    "PyTorch won the bake-off against TensorFlow.",
    "PyTorch has been part of our stack since 2019. We use TensorFlow.",
    "PyTorch 我们评估过，最后采用了。我们也用 TensorFlow。",
    "把单体 PyTorch 服务拆分为多个微服务，也用 TensorFlow。",
    "We will run PyTorch until 2027, and TensorFlow too.",
    "We cut training costs with PyTorch and TensorFlow on spot nodes.",
    "PyTorch went live in March and TensorFlow has run since.",
    "Those jobs were rewritten in PyTorch during 2024 and the old repositories are archived; we also use TensorFlow.",
    "We write SQL to build the features used to score each claim with PyTorch and TensorFlow.",
])
def test_the_same_words_where_they_do_not_negate(vocab, text):
    assert decide(text, vocab)[1] == [] and {"pytorch", "tensorflow"} <= set(decide(text, vocab)[0])


def test_an_asides_object_is_in_its_own_clause(vocab):
    # "thrown away; we don't build LLM agents": LLM is not what was thrown away, so the aside speaks of LangChain
    text = "LangChain was tried in a prototype last year and thrown away; we don't build LLM agents. We use PyTorch."
    assert ("LangChain", "negated: an aside about its past says 'thrown away'") in decide(text, vocab)[1]


def test_a_verb_of_tearing_out_needs_its_out(vocab):
    assert decide("We took PyTorch courses and TensorFlow ones.", vocab) == (["pytorch", "tensorflow"], [])


@pytest.mark.parametrize("text", ["沒有PyTorch，就無法訓練模型。我們也用TensorFlow。", "没有PyTorch，就无法训练模型。我们也用TensorFlow。"],
                         ids=["traditional", "simplified"])
def test_without_it_nothing_works_is_a_necessity(vocab, text):
    assert decide(text, vocab) == (["pytorch", "tensorflow"], [])


def test_a_negated_activity_takes_a_tool_at_most_12_characters_on(vocab):
    assert decide("No coding" + " " * 9 + "in Python. We use PyTorch and TensorFlow.", vocab) == (
        ["pytorch", "tensorflow"], [("coding", "negated: 'No' before it"),
                                    ("Python", "negated: 'No' before it (the activity done 'in' it)")])
    assert decide("No coding" + " " * 10 + "in Python. We use PyTorch and TensorFlow.", vocab) == (
        ["python", "pytorch", "tensorflow"], [("coding", "negated: 'No' before it")])


# -- the phrase scan in two halves finds what the whole pattern finds ---------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from kg.loaders.jd import compile_phrases  # noqa: E402

_PIECES = ["a", "b", "ab", "ba", "-", "-a", "a-b", "不", "不用", "用a", "?", " ", "\n", "é", "1", "_", "A", "ſ", "K"]


_PHRASES = st.one_of(st.sampled_from(["a-b", "b", "-a", "ab", "a", "b-a", "不用", "用a", "?a", "a?", "??", "?", "-", "1a"]),
                     st.text(alphabet="ab-不用?é1 ", min_size=1, max_size=4))


@settings(max_examples=400, deadline=None)
@given(st.lists(_PHRASES, min_size=1, max_size=6), st.lists(st.sampled_from(_PIECES), max_size=40))
def test_the_split_scan_finds_what_the_whole_pattern_finds(phrases, pieces):
    rx = compile_phrases(phrases)
    text = "".join(pieces)
    for folded in (rx, M._case_sensitive(rx)):
        assert M.scan(folded, text) == [m.span() for m in folded.finditer(text)]
    # the case-sensitive twin starts its words at an ASCII word boundary: the same spans as the look back
    looking_back = re.compile(rx.pattern, rx.flags & ~re.IGNORECASE)
    for t in (text, text.lower()):
        assert M.scan(M._case_sensitive(rx), t) == [m.span() for m in looking_back.finditer(t)]


def test_a_match_of_one_half_inside_the_other_halfs_is_looked_for_again():
    # "a-b" (a word start) overlaps "-a" (found first); "b" after it must still be found, as the whole pattern does
    rx = compile_phrases(["a-b", "b", "-a"])
    assert M.scan(rx, "-a-b") == [m.span() for m in rx.finditer("-a-b")] == [(0, 2), (3, 4)]
    # and the other way round: "??" (found inside "a?") hides "?" after it
    rx = compile_phrases(["a?", "??", "?"])
    assert M.scan(rx, "a??") == [m.span() for m in rx.finditer("a??")] == [(0, 2), (2, 3)]


def test_the_negation_hints_are_looser_than_word_starts():
    # a key right after a Chinese character is a hint too: the cue patterns decide
    assert [low[a:b] for low in ["用not"] for a, b in M.scan(M._NEG_WORDS, low)] == ["not"]


def test_a_text_of_overlapping_halves_is_scanned_like_the_whole_pattern():
    # every match of one half overlaps one of the other: the merge looks again after each, one search at a time
    rx = compile_phrases(["a-b", "b", "-a"])
    text = "-a-b" * 5000 + " b"
    assert M.scan(rx, text) == [m.span() for m in rx.finditer(text)]


# -- the shortcuts of this round decide as the long way would ------------------------------------

_CUE_PIECES = ["We", "no longer", "use", "Spark", "Kafka", "have", "no", "plans", "to", "bring", "back", "the", "team", "moved",
               "off", "our", "old", "Hive", "not", "never", "without", "instead", "of", "不", "再", "使用", "没有", "nobody",
               "here", "uses", ",", ".", "\n", "migrated", "its", "last", "scripts", "pulled", "plug", "on", "unlike", "我们",
               "目前", "暂时", "for", "has", "have no use for", "目前不使用", "暂时不需要", "pulled the plug on", "no one here uses"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CUE_PIECES), min_size=1, max_size=40))
def test_a_cue_before_a_mention_is_found_from_its_first_hint_word_as_from_the_clause_start(pieces):
    # every cue before a mention holds a hint word within CUE_LEAD characters of its start, so the search may
    # start there: the last cue found is the same
    text = " ".join(pieces)
    hints = M._Hints.of(text.lower())
    end = len(text)
    whole = [m.span() for m in M._NEG_BEFORE.finditer(text, 0, end)]
    short = [m.span() for m in M._NEG_BEFORE.finditer(text, hints.first_before(0, end, M.CUE_LEAD), end)]
    assert whole[-1:] == short[-1:]


_ASCII_AFTER = ["", " ", ":", "?", " is", " not", " required", " used", " any", " more", " retired", " - ", "-free", "->",
                " Spark", " migration", " experience", " isn't", " needed", " here", " gone", " we", " don't", " use", " it",
                " contract", " lapsed", " (", ")", ",", " with", " the", " data", " team", " dead", " history"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ASCII_AFTER), max_size=12))
def test_an_ascii_window_matches_the_cues_after_a_mention_as_the_whole_pattern_does(pieces):
    window = "".join(pieces)
    assert window.isascii()
    a, b = M._NEG_AFTER_ASCII.match(window), M._NEG_AFTER.match(window)
    assert (a and a.span()) == (b and b.span())


def test_a_word_of_layout_that_holds_a_cue_word_is_still_a_hint_for_it():
    # "不需要" is found as a word of layout (a heading) and stands where the cue word "不" does
    hints = M._Hints.of("岗位说明：不需要docker")
    assert hints.at("不需要") == [5] and 5 in hints.positions and 5 in hints.before


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab\n", max_size=40), st.lists(st.integers(0, 40), max_size=8))
def test_the_line_starts_of_positions_are_found_in_one_pass_as_one_by_one(text, positions):
    ps = sorted({p for p in positions if p <= len(text)})
    assert M._line_starts(text, ps) == sorted({text.rfind("\n", 0, p) + 1 for p in ps})


# -- the everyday senses after a name run only where the next symbol may start one -----------------

#: What may follow a name: a start (white space, a symbol, or the start of a sense after a name), then more pieces.
_AFTER_STARTS = [" ", "\n", "\u3000", ".", ";", ")", "）", "/", "、", "，", "…", "|", "=", "!", "?", "Ⓐ", "»",
                 "’s team", "'s office", " (she/her)", "（前", "-like", "‐inspired", "®", "™", "》", "」", "”号", '"号', ":《x》", "：《x》",
                 "*, our dog", "_, the raid boss", " & Kafka robots", " & Hive thermostats", "(", "-", "*", "&", "_"]
_AFTER_PIECES = [" ", "  ", "\n", "\t", ".", ";", ",", ")", "(", "/", "、", ":", "'", "-", "*", "&", "®", "》", "」",
                 " team", " room", " sourdough", " Labs", " Inc.", " of genius", " 号", "先生", " style", "-inspired", "x",
                 " the raid boss", " our dog", " 3 trail shoes", " FL", "ſ", "İ", "s", "like", "前", "《", "》"]


@pytest.mark.parametrize("start", _AFTER_STARTS)
@settings(max_examples=60)
@given(pieces=st.lists(st.sampled_from(_AFTER_PIECES), max_size=6))
def test_the_symbol_prefilter_after_a_name_never_hides_a_sense(start, pieces):
    after = (start + "".join(pieces))[:40]
    rest = after.lstrip()
    if not rest or rest[0].isalnum() or rest[0] == ",":
        return  # the word and comma tests of the prefilter have tests of their own
    if not M._after_triggered(after):
        assert not any((m := rx.match(after)) and m.lastgroup for rx in M._EVERYDAY_AFTER), after


def test_the_symbols_a_pattern_may_start_with():
    import re

    assert M.leading_symbols(re.compile(r"\s*(?:[(（]x|-like|\d+%)|\s+of\b|\w+-")) == frozenset("(-_（")
    assert M.leading_symbols(re.compile(r"\s*(?:x|y)?")) is None  # it matches nothing but white space
    assert M.leading_symbols(re.compile(r"[^a]")) is None  # a negated class may start with anything
    assert M.leading_symbols(re.compile(r"(?i:[®k])")) == frozenset("®")
    # the symbols after a name that no sense starts with: the prefilter lets none of them through
    assert not {".", ";", ")", "/", "、", "，", "|"} & M._AFTER_LEADS
    assert {"'", "’", "(", "-", "®", "》"} <= M._AFTER_LEADS


# -- a long list of words grouped by first letter matches as the flat list does --------------------

from kg.loaders.jd_rules import by_first_char  # noqa: E402

_LIST_WORDS = st.lists(st.one_of(st.text(alphabet="abcAB", min_size=1, max_size=4),
                                 st.sampled_from(["a?b", "(?:ab)?c", "ab\\s+c", "b+a", "ca?", "\\d+", "(?:x|a)b"])),
                       min_size=1, max_size=8)


def assert_matches_alike(flat: str, grouped: str, text: str, tails: tuple[str, ...] = ("",)) -> None:
    """A regrouped pattern finds what the flat list of its alternatives finds, either case, whatever follows it."""
    for flags in (0, re.IGNORECASE):
        for tail in tails:
            a = [m.span() for m in re.compile(f"(?:{flat}){tail}", flags).finditer(text)]
            b = [m.span() for m in re.compile(f"{grouped}{tail}", flags).finditer(text)]
            assert a == b, (flat, grouped, text, flags, tail)


@settings(max_examples=300, deadline=None)
@given(_LIST_WORDS, st.text(alphabet="abcAB x1", max_size=8))
def test_a_list_grouped_by_first_char_matches_as_the_flat_list(words, text):
    assert_matches_alike("|".join(words), by_first_char("|".join(words)), text, ("", r"\b"))


from kg.loaders.jd_rules import word_starts_grouped  # noqa: E402

_BOUNDED = st.lists(st.one_of(st.sampled_from([r"\bnot\b", r"\bno\s+more", r"\bno\b(?!\s+way)", r"\bnever",
                                               r"\b(?:not|no)\s+x", r"\bn(?:o|ot)", "不", r"(?<!a)\bno", r"x\b", r"\bx"]),
                              st.text(alphabet="noxNX", min_size=1, max_size=3).map(lambda w: r"\b" + w)),
                    min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(_BOUNDED, st.text(alphabet="notxNOT 不a", max_size=12))
def test_alternatives_behind_one_word_boundary_match_as_the_flat_list(parts, text):
    assert_matches_alike("|".join(parts), word_starts_grouped("|".join(parts)), text)


# -- an aside's ending is looked for only where a word it starts with stands ----------------------------

_ASIDE_PIECES = ["Azure", " was", " retired", " a long time since", " long time since", " no longer", " never again",
                 " waved the old butler goodbye", " came home to", " closed that chapter", " polite no", ".", " ", "\n",
                 "已下线", "后来", "换掉", "到期", "不再", " rewrote", " rewritten", " eol'd", " end-of-life", " off-limits",
                 " cancelled", " canceled", " got the chop", " it", " x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ASIDE_PIECES), min_size=1, max_size=14))
def test_an_asides_ending_is_found_at_its_words_as_by_the_whole_search(pieces):
    from kg.loaders.jd_rules import ASIDE_END

    text = "".join(pieces)
    hints = M._Hints.of(text.lower())
    ends = hints.aside
    assert ends == sorted(set(hints.at(*M._ASIDE_KEYS) + hints.positions))
    endings = M._endings(text, 0, len(text), ends)
    for lo in (0, len(pieces[0])):
        whole = ASIDE_END.search(text, lo, len(text))
        found = next((m for m in endings if m.start() >= lo), None)
        assert (whole and whole.span()) == (found and found.span()), text


def test_no_word_of_layout_only_hides_a_word_an_asides_ending_starts_with():
    # the scan finds the longest word at a position: where that is a word of layout only, an ending's own word
    # there would go unseen; none starts with one
    layout_only = {w for w in M._LAYOUT_KEYS if not M._CUE_OF.get(w) and w not in M._ASIDE_KEYS}
    assert not [(w, k) for w in layout_only for k in M._ASIDE_KEYS if w != k and w.startswith(k) and (len(k) >= 4 or not k.isascii())]


def test_the_chinese_objects_after_a_name_start_as_their_guard_says():
    from kg.loaders.jd_rules import _ZH_OBJECT_AFTER, _ZH_OBJECT_LEAD

    # every first character the list may start with (white space aside) is in the guard's class
    lead = re.compile(_ZH_OBJECT_LEAD)
    assert M.leading_symbols(re.compile(r"\s*(?:" + _ZH_OBJECT_AFTER + ")")) <= frozenset("\"'”」』")
    for word in re.findall(r"[^|()?:\\\[\]{}*+\s]+", _ZH_OBJECT_AFTER):
        if not word.isascii():
            assert lead.match(word[0]), word


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=".!?;。！？； \t\na", max_size=30))
def test_the_sentence_ends_are_found_as_by_the_plain_pattern(text):
    from kg.loaders.jd_rules import SENTENCE_END

    plain = re.compile(r"[.!?;。！？；](?:\s|$)|\n\s*\n")
    assert [m.span() for m in SENTENCE_END.finditer(text)] == [m.span() for m in plain.finditer(text)]
    for at in range(len(text) + 1):
        a, b = SENTENCE_END.search(text, at), plain.search(text, at)
        assert (a and a.span()) == (b and b.span())


# -- this round's everyday senses ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,term,why", [
    ("We supply Snowflake, Iceland's oldest dairy producer. We use PyTorch and TensorFlow.", "Snowflake",
     "everyday sense: an organisation ('Snowflake, Iceland's oldest dairy producer')"),
    ("We supply the dessert chain Snowflake. We use PyTorch and TensorFlow.", "Snowflake",
     "everyday sense: a brand or product ('dessert chain Snowflake')"),
    ("Our CTO Marisol Helm built the first robot. We use PyTorch and TensorFlow.", "Helm",
     "everyday sense: a person ('Marisol Helm')"),
    ("曾任职于 HCL 等咨询公司者优先。我们用 PyTorch 和 TensorFlow。", "HCL", "everyday sense: an organisation ('曾任职于 HCL')"),
    ("We predict which transformers will overheat. We use PyTorch and TensorFlow.", "transformers",
     "ordinary sense (electrical transformers)"),
    ("Our bestseller is the Snowflake duvet. We use PyTorch and TensorFlow.", "Snowflake",
     "everyday sense: a brand or product ('Snowflake duvet')"),
    ("We fit Triton electric showers. We use PyTorch and TensorFlow.", "Triton",
     "everyday sense: a brand or product ('Triton electric showers')"),
])
def test_this_rounds_everyday_senses(vocab, text, term, why):
    counted, not_counted = decide(text, vocab)
    assert counted == ["pytorch", "tensorflow"] and (term, why) in not_counted


def test_a_technology_company_in_an_apposition_is_the_technology(vocab):
    assert decide("We load data into Snowflake, the data cloud company, and train PyTorch models.", vocab)[0] == [
        "pytorch", "snowflake"]


def test_a_singular_verb_after_and_the_noun_speaks_of_the_noun(vocab):
    # "came home to AWS and the subscription was cancelled": what was cancelled is the subscription
    assert decide("Every workload came home to PyTorch and the subscription was cancelled. We use TensorFlow.", vocab) == (
        ["pytorch", "tensorflow"], [])
    # a plural verb speaks of both
    assert decide("PyTorch and the old cluster were retired. We use TensorFlow.", vocab) == (
        ["tensorflow"], [("PyTorch", "negated: its clause says '…and the old cluster were retired'")])


def test_an_ambiguous_name_counts_next_to_the_words_of_operations(vocab):
    # Prometheus (also a Titan) counts beside "alerting", "on-call", "runbooks", "observability"
    assert decide("Run alerting with Prometheus; write runbooks.", vocab)[0] == ["prometheus"]
    assert decide("Read about Prometheus, the Titan who stole fire.", vocab)[0] == []


def test_an_aws_certificate_is_the_clouds_unless_it_is_for_welding(vocab):
    assert decide("AWS Certified DevOps Engineer or CKA. We deploy PyTorch on Kubernetes.", vocab)[0] == [
        "aws", "kubernetes", "pytorch"]
    assert ("AWS", "ordinary sense (American Welding Society)") in decide(
        "An AWS Certified Welding Inspector card is required. We deploy PyTorch on Kubernetes.", vocab)[1]
