"""Per-mention decisions: is this mention of a tool-like word the technology, is it negated, is it a bonus?

Applies the tables of ``kg.loaders.jd_rules`` to every mention the vocabulary
finds, in time linear in the text (every check looks at a bounded window, and
neighbours are found by bisection, never by comparing all mentions pairwise).
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg.loaders.fold import foldable, loose_twin, lowered_twin, sre
from kg.loaders.jd_rules import (
    ASIDE_DESTINATION_ZH,
    ASIDE_END,
    ASIDE_PAST,
    BONUS,
    CLAUSE_END,
    DESTINATION_BEFORE,
    DISCONTINUED,
    DISCONTINUED_ZH,
    EVERYDAY,
    EVERYDAY_CONTEXT,
    EXAMPLES_GLUE,
    FIRST_NAME_TERMS,
    GOODS_AFTER,
    HISTORY_HEADING,
    LIST_GAP,
    LIST_GLUE,
    MIGRATION_FROM_ZH,
    NAME_FOLLOWERS_OK,
    NAME_LEADERS_OK,
    NECESSITY_BEFORE_WITHOUT,
    NEGATED_ACTIVITY_GLUE,
    NEGATION_AFTER,
    NEGATION_AFTER_ASCII,
    NEGATION_BEFORE,
    NEGATION_BREAK,
    NEGATION_HEADING,
    NEGATION_LABEL,
    NEGATION_NOUN_PHRASE,
    NEGATION_SUBJECT,
    NEGATIVE_ANSWER,
    NOT_NEGATION,
    ORDINARY_WORDS,
    RULES,
    SENTENCE_END,
    SENTENCE_NEGATION_AFTER,
    SENTENCE_NEGATION_BEFORE,
    SENTENCE_NEGATION_END,
    SENTENCE_NEGATION_GAP,
    SENTENCE_NEGATION_GUARD,
    SENTENCE_NEGATION_NOT,
    SENTENCE_NEGATION_NOTE,
    SENTENCE_NEGATION_OTHER,
    SENTENCE_NEGATION_UNIT,
    SENTENCE_NEGATION_WORDS,
    STRONG_TECH,
    SURNAME_TERMS,
    TECH_CONTEXT,
    TECH_CUES,
    WEAK_NAMES,
    Rule,
    first_words,
    word_starts_grouped,
)

if TYPE_CHECKING:
    from kg.loaders.jd import Vocabulary

#: Only short names this long or shorter get the short-name rule by default.
SHORT = 2
#: A posting is technical when it names this many other technologies (or one fewer,
#: one of them unambiguous); "local" terms need this many more without a neighbour.
TECHNICAL = 3
VERY_TECHNICAL = 5
#: How far (in characters, within the sentence) a neighbouring technology may be.
WINDOW = 80
#: How far (characters) around a list the words of a negation cue are looked for.
NEGATION_LOOK = 90
#: How far a negation cue may stand from the list it negates (characters, words).
NEGATION_REACH = 45
NEGATION_WORDS = 5
#: The first this many mentions of a posting are decided, the text after them is not read (a posting
#: names a few dozen technologies; without a bound a 1 MB file of tool names would take minutes).
MAX_MENTIONS = 3000
#: How many characters around a mention the everyday-sense rules look at.
LOOK = 60
#: How many answers each per-word cache keeps (words, terms, their rules).
CACHED = 1 << 16

#: (its alternatives that start at a word boundary behind one: the same cues, found in the same order, faster)
_NEG_BEFORE = re.compile(word_starts_grouped(NEGATION_BEFORE), re.IGNORECASE)
_NEG_AFTER = re.compile(NEGATION_AFTER, re.IGNORECASE)
_NEG_AFTER_ASCII = re.compile(NEGATION_AFTER_ASCII, re.IGNORECASE)
_LIST_GLUE_LOW = lowered_twin(LIST_GLUE.pattern, LIST_GLUE.flags)
_EXAMPLES_GLUE_LOW = lowered_twin(EXAMPLES_GLUE.pattern, EXAMPLES_GLUE.flags)
#: The lowered twin of the cues before a mention (``fold``), for a foldable posting. The cues after one have
#: none (some of their words must start with a capital), but a looser one says at once where none can match.
_NEG_BEFORE_LOW = lowered_twin(_NEG_BEFORE.pattern, _NEG_BEFORE.flags)
_NEG_AFTER_LOOSE = loose_twin(_NEG_AFTER.pattern, _NEG_AFTER.flags)
_NEG_AFTER_ASCII_LOOSE = loose_twin(_NEG_AFTER_ASCII.pattern, _NEG_AFTER_ASCII.flags)
_NEG_SUBJECT = re.compile(NEGATION_SUBJECT, re.IGNORECASE)
_ANSWER = re.compile(r"[?:：]|\s[-–—]\s")
_SUBJECT_STOP = re.compile(r"[.!?;:。！？；：](?:\s|$)|\n(?![ \t]*[a-z])|\s[-–—]\s(?=[A-Z])")  # "GitHub Actions — Jenkins was retired"
_NOT_NEG = re.compile(NOT_NEGATION, re.IGNORECASE)
_NEG_LABEL = re.compile(NEGATION_LABEL, re.IGNORECASE)
_NECESSITY = re.compile(NECESSITY_BEFORE_WITHOUT, re.IGNORECASE)
#: A condition on the candidate, earlier in the clause: what follows is not a statement about the stack.
_CONDITION = re.compile(r"\b(?:if|unless|whether)\s+(?:you|they|he|she|the\s+(?:candidate|applicant|hire)|candidates?|applicants?)\b|"
                        r"(?:如果|假如|要是|倘若)(?:你|您|候选人|候選人)", re.IGNORECASE)
#: The object of "replace": "replacing cron with Airflow" leaves cron, not Airflow.
_DOUBLE_NEGATION = re.compile(r"(?:n['’]t|\bnot|\bnever)\s+(?:\w+\s+)?$", re.IGNORECASE)
_REPLACE_CUE = re.compile(r"replac|swap", re.IGNORECASE)
_REPLACED_BY = re.compile(r"\b(?:with|by)\b", re.IGNORECASE)
#: A bare "no" reaches its tool through a noun of skill or use ("no experience with Kafka"), not through any
#: other noun and preposition ("left no stone unturned with Kafka").
_NO_REACH = re.compile(r"\s*(?:\w+\s+){0,2}?(?:experience|knowledge|background|familiarity|exposure|skills?|expertise|need|"
                       r"use|usage|requirement|plans?|work|coding|programming|development|support|interest)\s+"
                       r"(?:with|in|of|on|for|using)\s+", re.IGNORECASE)
_PREPOSITION = re.compile(r"\b(?:with|in|of|on|at|for|about|into|under|over)\b", re.IGNORECASE)
#: "没有 X 就没有…" (without X there is no …): a necessity, not an exclusion.
_ZH_THEN = re.compile(r"\s*(?:的话|的話)?\s*[，,]?\s*(?:就|便|则|則)")
#: Cantonese negations, read as their Mandarin twins (one character for one, so positions stay):
#: "唔需要識 Tableau" is "不需要識 Tableau", "冇用 Hive" is "没用 Hive".
_CANTONESE = str.maketrans({"唔": "不", "冇": "没"})
#: "tore LangChain out", "turned Airflow off": a verb before the tool and "out", "away", "off" or "down" after it.
_TORN_BEFORE = re.compile(r"\b(?:tore|torn|ripped|ripping|pulled|pulling|yanked|took|taken|threw|thrown|turned|turning|switched|"
                          r"switching|shut|shutting|phased|phasing)\s+"
                          r"(?:(?:the|our|all|its|their|that|this|old|legacy)\s+)*$", re.IGNORECASE)
_TORN_AFTER = re.compile(r"(?:\s+\w+)?\s+(?:out|away|off|down)\b", re.IGNORECASE)
#: "ported the last of our TensorFlow models to PyTorch": the tool moved from, named between the verb and "to Y".
_MOVED_BEFORE = re.compile(r"\b(?:ported|migrated|moved|converted|rewrote|rewritten|switched)\s+(?:(?:the|all|last|of|our|its|their|remaining|every|final|old)\s+)*$", re.IGNORECASE)
_MOVED_AFTER = re.compile(r"(?:\s+(?!(?:from|with|of|and|or|in|on|at|by)\b)[\w-]+){0,2}?\s+(?:to|into|onto|over\s+to)\s+(?=(?-i:[A-Z]))",
                          re.IGNORECASE)
#: "closed the Azure subscription", "didn't renew the Databricks contract": what is paid for, ended.
_ENDED_BEFORE = re.compile(r"\b(?:closed|cancell?ed|terminated|ended|(?:didn['’]t|did\s+not|won['’]t|will\s+not)\s+renew|"
                           r"stopped\s+paying\s+for)\s+(?:(?:the|our|its|their|all|every|last)\s+)*$", re.IGNORECASE)
_ENDED_AFTER = re.compile(r"\s+(?:subscriptions?|accounts?|contracts?|licen[cs]es?|tenants?|seats|plans?|deal)\b", re.IGNORECASE)
#: "Remove Flask from the stack list", "strike Jenkins off the spec": a reply that takes a tool out of a posting.
_REMOVE_BEFORE = re.compile(r"\b(?:remove|strike|delete|take\s+out|cross\s+out)\s+(?:the\s+)?$", re.IGNORECASE)
_REMOVE_AFTER = re.compile(r"(?:\s+(?:line|mention|bullet|requirement))?\s+(?:from|off)\s+(?:the|our|this|that|my|your)\s+(?:[\w-]+\s+)?"
                           r"(?:list|spec|posting|ad|advert|description|jd|requirements|stack|draft)\b", re.IGNORECASE)
#: "We rewrote its last Flask endpoint in Go": what a tool was rewritten in is the new one, the tool is left.
_REWROTE_BEFORE = re.compile(r"\b(?:rewrote|rewritten|re-?implemented|re-?wrote)\s+(?:(?:the|all|last|of|our|its|their|remaining|every|"
                             r"final|old)\s+)*$", re.IGNORECASE)
_REWROTE_AFTER = re.compile(r"(?:\s+(?!(?:from|with|of|and|or|on|at|by)\b)[\w-]+){0,2}?\s+in\s+(?=(?-i:[A-Z]))", re.IGNORECASE)
#: "Tallypoint left Azure entirely two years ago": a tool left behind, with a word of when or how wholly.
_LEFT_BEFORE = re.compile(r"\b(?:left|exited|quit)\s+(?:the\s+)?$", re.IGNORECASE)
#: "leave your TensorFlow habits at the door": what is left outside
_DOOR_BEFORE = re.compile(r"\bleave\s+(?:(?:all|any)\s+)?(?:your|the|those|these)?\s*$", re.IGNORECASE)
_DOOR_AFTER = re.compile(r"(?:\s+[\w'’-]+){0,2}\s+(?:at|by)\s+the\s+door\b", re.IGNORECASE)
#: "our pipelines ran on Airflow until 2023": a use in the past with its end
_UNTIL_BEFORE = re.compile(r"\b(?:ran|used|relied|lived|sat)\s+(?:\w+\s+){0,2}?(?:on|in|with)?\s*$", re.IGNORECASE)
_UNTIL_AFTER = re.compile(r"(?:\s+[\w'’-]+){0,3}?\s+until\s+(?:(?:early|mid|late|the\s+end\s+of)\s+)?(?:(?:19|20)\d\d\b|"
                          r"last\s+(?:year|month|spring|summer|autumn|fall|winter|quarter))", re.IGNORECASE)
_LEFT_AFTER = re.compile(r"\s+(?:entirely|completely|altogether|behind|for\s+good|(?:in|back\s+in)\s+(?:19|20)\d\d|"
                         r"for\s+(?-i:[A-Z])[\w.-]*|"  # "we left Snowflake for BigQuery": for another tool
                         r"(?:\w+\s+){0,2}(?:years?|months?)\s+ago)\b", re.IGNORECASE)
#: "团队内已无 Kubeflow 相关工作": no more work with the tool.
_ZH_NO_MORE_BEFORE = re.compile(r"(?:已|再|也)(?:无|無|没有|沒有)\s*$")
_ZH_NO_MORE_AFTER = re.compile(r"\s*(?:相关|相關)?的?(?:工作|任务|任務|需求|内容|內容|岗位|職缺|项目|項目)")
#: The verbs before a tool and the words after it that, together, leave it behind: (verb, after, reach after, note).
_AROUND = ((_ZH_NO_MORE_BEFORE, _ZH_NO_MORE_AFTER, 12, ""), (_TORN_BEFORE, _TORN_AFTER, 1 << 30, ""),
           (_MOVED_BEFORE, _MOVED_AFTER, 40, " (moved away from)"), (_ENDED_BEFORE, _ENDED_AFTER, 20, ""),
           (_REWROTE_BEFORE, _REWROTE_AFTER, 40, " (rewritten in another)"), (_REMOVE_BEFORE, _REMOVE_AFTER, 40, ""),
           (_LEFT_BEFORE, _LEFT_AFTER, 30, ""), (_DOOR_BEFORE, _DOOR_AFTER, 40, " (left at the door)"),
           (_UNTIL_BEFORE, _UNTIL_AFTER, 48, " (used until then)"))
#: The lowered twins of their verbs (``fold``), or None.
_AROUND_LOW = tuple(lowered_twin(verb.pattern, verb.flags) for verb, _, _, _ in _AROUND)
#: A Chinese instrument right before a tool ("用 Go 重写"): the tool is what is used, whatever happens after.
_ZH_WITH = re.compile(r"(?:(?<![不费費作信所])用|(?<![所可加予足难難])以|改用|使用|换成|換成|改为|改為)\s*$")
#: What a Chinese history sentence names as where the team went ("拆分为 Go 微服务", "全面转向 Python").
_ZH_INTO = re.compile(r"(?:拆分|重构|重構|改|迁移|遷移|转|轉|换|換|升级|升級|统一|統一)(?:为|為|成|到|至|向)\s*$")
_ZH_CLAUSE_BREAK = re.compile(r"[，,；;。]")  # "以 Keras 撰寫，…已封存": the instrument in an earlier clause is what ended
#: A negation whose object is a pronoun ("you will not be expected to know either", "Neither will come
#: up", "you will not be asked to work with it"): it speaks of the tools just named. Read on lowercase text.
_ANAPHOR = re.compile(
    r"(?:not|never|no\s+longer|(?:do|does|did|wo|would|should|could|ca|need|must|is|are|was|were|have|has)n['’]t|cannot)"
    r"\s+(?:be\s+)?(?:\w+\s+){0,3}?(?:know|use|using|used|touch|touching|need|needed|"
    r"learn|learning|work(?:ing)?\s+(?:with|on|in)|maintain(?:ing)?|writ(?:e|ing)|run(?:ning)?|list|mention|"
    r"adopt(?:ing)?|keep(?:ing)?|pursue|build(?:ing)?\s+(?:with|on)|"
    r"ask(?:ed)?\s+(?:to\s+\w+\s+(?:with|on|about)|about)|expected\s+to\s+(?:know|use|touch|learn)|help(?:\s+you)?|"
    r"come\s+up|matter|go(?:ing)?\s+back\s+to|miss)\s+(?P<p>either(?:\s+of\s+them)?|them|it|those|these|"
    r"any\s+of\s+(?:them|these|those)|both)\b(?!\s+(?:from\s+scratch|on\s+day|right\s+away|yet|immediately|in\s+depth|"
    r"up\s*front|beforehand|before|already|perfectly|all\b|inside\s+out|going\s+in|to\s+apply|at\s+first|first))|"
    r"neither\s+(?:needed|required|necessary|expected|counted|assessed|used|relevant)\b|"
    r"(?:decided|voted|opted|chose|ruled)\s+against\s+(?:it|them|both)\b|"
    r"(?:tore|torn|ripped|pulled|took|threw|yanked|switched|turned|shut)\s+(?:it|them|both)\s+(?:out|away|off|down)\b|"
    r"neither(?:\s+of\s+(?:them|these|those|the\s+two))?\s+(?:will|is|are|was|were|does|do|would|should|comes?|matters?)\b|"
    r"(?:也|亦)?(?:不会|不會|不)(?:考察|考|问|問|涉及|用到)(?:相关内容|相關內容|这些|這些|它们|它們|这个|這個|这块|這塊)|"
    r"(?:这个|這個|这些|這些|这类|這類|该|該)(?:工具|框架|软件|軟體|系统|系統|技术|技術)(?:也|都)?(?:不用|不必|不需要|无需|無需)(?:会|會|学|學|掌握)?|"
    r"(?:用不着|用不著|不用|不必|不需要)(?:去)?(?:懂|会|會|学|學|了解|掌握|碰)[^，。；\n]{0,6}?(?:它们|它們|这些|這些)")
#: A pronoun subject with a negative predicate speaks of the tools just named, like a pronoun object:
#: "…to justify Spark, and it has never been part of our toolkit", "we ran Kubeflow Pipelines; last year they
#: gave way to an in-house scheduler", "they are read-only history". Read on lowercase text, from the predicate.
_PRONOUN_PREDICATE = re.compile(
    r"(?:never|not|no\s+longer)\s+(?:been\s+|be\s+)?(?:part\s+of|used|needed|required|relevant|in\s+use|coming\s+back|"
    r"come\s+back|made\s+it)\b(?!\s+(?:to|that|for\s+(?:you|candidates))\b)|gave\s+way\s+to\b|"
    r"(?:read-only\s+|ancient\s+|old\s+)?history\b|(?:" + DISCONTINUED + r")\b(?!\s+(?:to|that)\b)")
_PRONOUN_BEFORE = re.compile(r"\b(?P<p>it|they|both|these|those|the\s+latter|(?:that|this)\s+(?:code\w*|stack|setup|system|cluster|"
                             r"server|service|platform|pipeline|repo\w*|version|tool\w*|framework|install\w*|knowledge|expertise|experience|skill\w*))(?:\s+(?:has|have|had|is|are|was|were|will)\s+|['’]s\s+|\s+)"
                             r"(?:(?:also|since|then|long|all|quietly|finally|now|already|simply)\s+)?(?:been\s+)?(?:[\w-]+\s+)?$")


#: A sentence that says its subject is another team's work ("Dashboards are someone else's job: our BI team
#: builds the Tableau reports"): every tool it names is that work. Read on lowercase text.
_NOT_YOURS = re.compile(r"else['’]s\s+(?:job|problem|responsibility|remit|call|department|work|headache)|,\s*not\s+yours\b|"
                        r"(?:not|isn['’]t|aren['’]t)\s+(?:your|this\s+role['’]s)\s+(?:job|problem|responsibility|concern|department)|"
                        r"不关你事|不關你事|不是你的(?:工作|职责|職責|事)")
#: The same said of a third party ("their plumbing is their job", "Airflow is their world"; looked for only where
#: "their" stands), and in Chinese "has nothing to do with this role" (only in text that is not all ASCII).
_THEIR_JOB = re.compile(r"their\s+(?:job|responsibility|world|domain|turf|area|remit|call|problem|baby|thing|territory)\b")
#: "…is the data engineering team's responsibility": another team's, named with "the" or "another" before it.
_TEAMS_JOB = re.compile(r"(?:team|group|squad|department)['’]s\s+(?:job|responsibility|remit|problem|domain|area|call|work|turf|world|"
                        r"headache)\b")
_TEAMS_OWNER = re.compile(r"\b(?:is|are)\s+(?:the|another|a\s+(?:different|separate|sister|dedicated))\s+(?:[\w-]+\s+){0,3}$")
_THEIR_JOB_VERB = re.compile(r"\b(?:is|are)\s+(?:entirely\s+|all\s+|very\s+much\s+)?$")
_NOT_THIS_ROLE_ZH = ("与本岗位无关", "與本職位無關", "与本职位无关", "和本岗位无关", "与这个岗位无关",
                     "碰不到", "接触不到", "接觸不到", "不会接触到", "不會接觸到", "轮不到", "輪不到",
                     "非本職位範疇", "非本职位范畴", "非本岗位范畴", "非本崗位範疇", "不属于本岗位", "不屬於本職位")
_NOT_THIS_ROLE_ZH_RX = re.compile("|".join(map(re.escape, sorted(_NOT_THIS_ROLE_ZH, key=len, reverse=True))))
#: A question right after the negated mention: "No experience with Kafka? We'll teach you."
_QUESTION = re.compile(r"(?:[^\S\n]{1,2}[\w-]+){0,2}[^\S\n]{0,2}[?？]")
_NEG_BREAK = re.compile(NEGATION_BREAK + r"|[,()]", re.IGNORECASE)
_BONUS = re.compile(BONUS, re.IGNORECASE)
_BONUS_LOW = lowered_twin(_BONUS.pattern, _BONUS.flags)
#: "Kubernetes or Docker is not expected": a singular verb after "or" speaks of every item.
_OR_LIST = re.compile(r"\b(?:or|nor)\b|或", re.IGNORECASE)
#: A mention asked for as a skill, in a technical posting: "JAX experience is a plus", "Helm: a plus",
#: "Bonus: Ray", "experience with Triton". Read right after / right before the mention.
_SKILL_AFTER = re.compile(r"\s*(?:[-:：(（]\s*)?(?:(?:experience|skills?|knowledge|expertise|proficiency|familiarity|"
                          r"certification|exposure)\b|(?:is\s+|are\s+|would\s+be\s+)?(?:" + BONUS + r"|required|a\s+must\b|"
                          r"must[- ]have|mandatory)|for\s+(?:writing|building|coding|scripting)\b|"
                          r"(?:使用|开发|開發|应用|應用|实战|實戰|项目|項目)?(?:经验|經驗)|技能|能力|"
                          r"撰寫|撰写|编写|編寫|开发|開發|编程|編程|重写|重寫|改写|改寫|写|寫)", re.IGNORECASE)  # "以 Go 撰寫服務": writing in it
_SKILL_BEFORE = re.compile(r"(?:(?:" + BONUS + r"|required|must[- ]haves?|experience\s+(?:with|in|using)|proficien\w+\s+(?:in|with)|"
                           r"knowledge\s+of|familiarity\s+with|skilled\s+in|expertise\s+in|"
                           r"writ(?:e|es|ing|ten)(?:\s+in)?|(?:cod(?:e|es|ing)|program(?:s|ming)?|scripting|services?|microservices|"
                           r"backends?|tools?|tooling|operators?|apis?|years?|experience)\s+in)\s*[:：]?\s*|"
                           r"(?:熟悉|掌握|精通|熟练|熟練)\s*)$",
                           re.IGNORECASE)
_SUBJECT_VERB = re.compile(r"\b(?:is|isn['’]t|was|wasn['’]t|has|are|aren['’]t|were|weren['’]t|have)\b", re.IGNORECASE)
_SINGULAR = re.compile(r"\b(?:is|isn['’]t|was|wasn['’]t|has)\b", re.IGNORECASE)
#: What stands between a tool and its clause's verb when the verb has another subject: "and the subscription".
_ANOTHER_SUBJECT = re.compile(r"\s+and\s+(?:the|our|its|their|a|an|that|this)\s+(?:[\w-]+\s+){1,2}", re.IGNORECASE)
#: The same after a few words of the tool's own clause: "(rewritten in) Go during 2024 and the old repositories (are
#: archived)" -- the tool is not a subject at all.
_LATER_SUBJECT = re.compile(r"(?:\s+[\w'’-]+){1,4}?\s+and\s+(?:the|our|its|their|that|this|those|these)\s+(?:[\w-]+\s+){1,2}",
                            re.IGNORECASE)
_ZH_FROM, _ZH_TO = re.compile(MIGRATION_FROM_ZH[0]), re.compile(MIGRATION_FROM_ZH[1])
_UNKNOWN_LIST = re.compile(r"(?:\s*+(?:[A-Z][\w.+#-]*+|,|、|/|and|or|nor)\s*+)*+")  # possessive: no backtracking
_NEXT_CAP = re.compile(r" ([A-Z][a-z]+)\b")
#: A Chinese surname after an English first name, then what follows a person's name ("技術長 Ray 陳曾任職於…").
_ZH_SURNAME = re.compile(r"\s?(?P<s>[陈陳王李张張刘劉杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾萧蕭肖田董袁潘"
                         r"蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁沈姚卢盧姜崔钟鍾谭譚陆陸汪范金廖贾賈夏韦韋方白邹鄒孟熊秦邱江尹薛段雷侯龙龍史陶黎贺賀顾顧"
                         r"毛郝龚龔邵钱錢严嚴覃武戴莫孔汤湯])(?=[曾说說是在的先女老总總经經，,。、\s)）]|$)")
#: (a role's initials may stand before the first name: "CTO Marisol Helm")
_PREV_CAP = re.compile(r"(?:^|[a-z,;]|\b(?:CEO|CTO|COO|CFO|CIO|CPO|CMO|VP|SVP|EVP)) ([A-Z][a-z]+) $")
#: A first name and the surname alone on their line, or after a dash that signs a quote ("Nadia Ray · 2nd",
#: "— Nadia Ray"): the line ends, or a profile's dot or a bracket follows.
_LINE_NAME_BEFORE = re.compile(r"(?:(?:^|\n)[ \t>]*|[—–][ \t]*)([A-Z][a-z]+) $")
_LINE_NAME_AFTER = re.compile(r"[ \t]*(?:[·•|(,]|\n|$)")


def _combined(attr: str, case: bool) -> re.Pattern[str] | None:
    parts = [f"(?P<s{i}>{getattr(s, attr)})" for i, s in enumerate(EVERYDAY) if getattr(s, attr) and s.case == case]
    if not parts:
        return None
    return re.compile("|".join(parts), 0 if case else re.IGNORECASE)


_EVERYDAY_AFTER = [rx for rx in (_combined("after", True), _combined("after", False)) if rx]
#: Each with its lowered twin for a foldable posting (``fold``), or None: the case-sensitive ones have none.
_EVERYDAY_AFTER_TWINS = [(rx, lowered_twin(rx.pattern, rx.flags)) for rx in _EVERYDAY_AFTER]


def leading_symbols(rx: re.Pattern[str]) -> frozenset[str] | None:
    """The characters other than letters and digits that a match of ``rx`` may hold first once its leading
    white space is skipped, or None when the pattern does not tell (any character, a negated class, a match
    of nothing but white space): a text whose first character after white space is such a symbol and not
    among them cannot match, so the pattern need not run.

    >>> sorted(leading_symbols(re.compile(r"\\s*(?:[(（]x|-like|\\d+%)|\\s+of\\b|\\w+-")))
    ['(', '-', '_', '（']
    """
    def symbols(c: str, fold: bool) -> set[str]:
        return {x for x in ({c, c.lower(), c.upper()} if fold else {c}) if not x.isalnum()}

    def seq(items: Any, fold: bool) -> tuple[set[str] | None, bool]:
        out: set[str] = set()
        for op, av in items:
            chars, nullable = one(op, av, fold)
            if chars is None:
                return None, False
            out |= chars
            if not nullable:
                return out, False
        return out, True

    def one(op: Any, av: Any, fold: bool) -> tuple[set[str] | None, bool]:
        if op is sre.LITERAL:
            c = chr(av)
            return (set(), True) if c.isspace() else (symbols(c, fold), False)
        if op is sre.IN:
            out: set[str] = set()
            spaces = False
            for kind, value in av:
                if kind is sre.LITERAL:
                    spaces |= chr(value).isspace()
                    out |= symbols(chr(value), fold)
                elif kind is sre.RANGE and value[1] - value[0] < 30000:
                    for i in range(value[0], value[1] + 1):
                        spaces |= chr(i).isspace()
                        out |= symbols(chr(i), fold)
                elif kind is sre.CATEGORY and value is sre.CATEGORY_SPACE:
                    spaces = True
                elif kind is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
                    pass  # digits only
                elif kind is sre.CATEGORY and value is sre.CATEGORY_WORD:
                    out.add("_")  # letters, digits and the underscore
                else:
                    return None, False
            return out, spaces  # a class that holds white space may be skipped with it
        if op is sre.BRANCH:
            out, nullable = set(), False
            for branch in av[1]:
                chars, n = seq(branch, fold)
                if chars is None:
                    return None, False
                out |= chars
                nullable |= n
            return out, nullable
        if op is sre.SUBPATTERN:
            return seq(av[3], fold or bool(av[1] & re.IGNORECASE))
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) or op is getattr(sre, "POSSESSIVE_REPEAT", None):
            chars, nullable = seq(av[2], fold)
            return chars, nullable or av[0] == 0
        if op is getattr(sre, "ATOMIC_GROUP", None):
            return seq(av, fold)
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            return set(), True  # zero width: what follows holds the first character
        return None, False

    chars, nullable = seq(sre.parse(rx.pattern, rx.flags), bool(rx.flags & re.IGNORECASE))
    return None if chars is None or nullable else frozenset(chars)


def _leading_symbols_of_all(patterns: list[re.Pattern[str]]) -> frozenset[str] | None:
    found = [leading_symbols(rx) for rx in patterns]
    return None if any(f is None for f in found) else frozenset().union(*found)  # type: ignore[arg-type]


#: What a match of the everyday senses after a name may start with, white space aside (None: anything).
_AFTER_LEADS = _leading_symbols_of_all(_EVERYDAY_AFTER)
_ADJECTIVE = re.compile(EVERYDAY[-1].after, re.IGNORECASE)
#: What the adjective sense can start with (it ends the name with "-like", " style", "esque"...).
_ADJECTIVE_FIRST = frozenset("-‐eiEI \t\n\r\xa0")
#: Terms checked for every everyday sense; the others (PyTorch, Kubernetes…) only for use as an adjective.
ORDINARY = frozenset(RULES) | FIRST_NAME_TERMS | SURNAME_TERMS | ORDINARY_WORDS
#: Terms whose mention never makes another one technical (ordinary words, names, short names).
WEAK = frozenset(RULES) | WEAK_NAMES


def _vouches(h: Hit) -> bool:
    """Whether this mention is evidence that the words around it are technical: an unambiguous
    technology name, never a word that is also a name, a place, a brand or a short name."""
    return h.key not in WEAK and not _short(h.key)


def _keys(*patterns: str) -> frozenset[str]:
    """The literal words in regular expressions (lowercase), to skip running them where none is near."""
    words: set[str] = set()
    for p in patterns:
        p = re.sub(r"\\[a-zA-Z]", " ", p)  # escapes such as \s, \b, \w are not words
        p = re.sub(r"(?:e?s|\(\?:s\|es\))\?", " ", p)  # an optional plural ending: "drones?" is the key "drone"
        words.update(w for w in re.findall(r"[a-z]{2,}|[^\x00-\x7f]", p.lower()))
    return frozenset(words)


_PUNCT_CHARS = ".,;:!?()[]{}'\"’“”/-–—*#&|"


@functools.lru_cache(maxsize=CACHED)
def _starts_with_key(word: str, keys: frozenset[str]) -> bool:
    """A word is a key (keys of up to three letters), or starts with one (longer keys), or is a number."""
    w = re.split(r"['’]", word.lower().strip(_PUNCT_CHARS))[0]
    return w in keys or any(w[:n] in keys for n in range(4, min(len(w), 14) + 1))


#: Words that are only glue or qualifiers inside the everyday-sense patterns, not what makes them fire (the
#: noun after them does: "our ship", "a container ship", "thank you", "good morning").
_GLUE_WORDS = frozenset("""the of in at to from out an and some near on or for our their this that you good
    container cargo research sister survey supply fishing""".split())
_AMOUNT = re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|m?l)?$", re.IGNORECASE)
#: The Chinese everyday senses before a name end right before it (a role, a vessel word and a quote mark).
_ZH_BEFORE_TAIL = 5
#: Per everyday sense, the keys of its pattern before a name ("0": a number, as in "49% HF").
_SENSE_BEFORE_KEYS = [(_keys(s.before) - _GLUE_WORDS) | ({"0"} if "\\d" in s.before else frozenset()) if s.before else frozenset()
                      for s in EVERYDAY]


@functools.lru_cache(maxsize=CACHED)
def _prefixes(word: str) -> frozenset[str]:
    """A word as ``_starts_with_key`` compares it: itself and its prefixes of four letters or more."""
    w = re.split(r"['’]", word.lower().strip(_PUNCT_CHARS))[0]
    return frozenset([w, *(w[:n] for n in range(4, min(len(w), 14) + 1))])


@functools.lru_cache(maxsize=CACHED)
def _word_senses(word: str) -> frozenset[int]:
    """The everyday senses (their indices) a word before a name points to."""
    p = _prefixes(word) if word.isascii() else frozenset(word)
    return frozenset(i for i, keys in enumerate(_SENSE_BEFORE_KEYS) if not keys.isdisjoint(p))


_NUMBER_SENSES = frozenset(i for i, keys in enumerate(_SENSE_BEFORE_KEYS) if "0" in keys)


#: The senses woken by the shape of the last word before a name ("at The Flask", "the RQ-4 Triton"), not a word.
_LAST_WORD_SENSES = [(i, re.compile(s.last_word)) for i, s in enumerate(EVERYDAY) if s.last_word]


def _before_senses(window: str) -> tuple[int, ...]:
    """The everyday senses whose pattern before a name may match at the end of ``window``: only
    those run, so a mention pays for the one or two senses its last words point to."""
    tail = "" if window.isascii() else window.rstrip()[-_ZH_BEFORE_TAIL:]
    return _senses_of(tuple(window.rsplit(None, 4)[-4:]), tail)


@functools.lru_cache(maxsize=CACHED)
def _patterns_before(last: tuple[str, ...], tail: str) -> list[tuple[re.Pattern[str], re.Pattern[str] | None]]:
    """The combined patterns of the senses ``_senses_of`` finds (one cached step per mention, not two)."""
    senses = _senses_of(last, tail)
    return _before_patterns(senses) if senses else []


def _senses_of(last: tuple[str, ...], tail: str) -> tuple[int, ...]:
    """``_before_senses`` from the window's last four words and its Chinese tail (cached by ``_patterns_before``,
    called with the same key)."""
    found: set[int] = set()
    if tail:
        found.update(_word_senses(tail))
    if last:
        if _AMOUNT.match(last[-1]):
            found.update(_NUMBER_SENSES)
        found.update(i for i, rx in _LAST_WORD_SENSES if rx.fullmatch(last[-1]))
    found.update(*map(_word_senses, last))
    return tuple(sorted(found))


@functools.lru_cache(maxsize=1024)
def _before_patterns(senses: tuple[int, ...]) -> list[tuple[re.Pattern[str], re.Pattern[str] | None]]:
    """The patterns before a name of these senses, combined (case-sensitive ones apart), each with its lowered
    twin (``fold``) or None."""
    out: list[tuple[re.Pattern[str], re.Pattern[str] | None]] = []
    for case in (True, False):
        parts = [f"(?P<s{i}>{EVERYDAY[i].before})" for i in senses if EVERYDAY[i].case == case]
        if parts:
            rx = re.compile("|".join(parts), 0 if case else re.IGNORECASE)
            # the twin of the alternatives is the alternatives' twins (each checked once, not once per combination)
            twins = [] if case else [t for i in senses if not EVERYDAY[i].case and (t := _sense_before_twin(i))]
            out.append((rx, re.compile("|".join(twins)) if twins and len(twins) == len(parts) else None))
    return out


@functools.cache
def _sense_before_twin(i: int) -> str | None:
    """The lowered twin's text of a case-insensitive sense's pattern before a name, as ``_before_patterns`` names it."""
    twin = lowered_twin(f"(?P<s{i}>{EVERYDAY[i].before})", re.IGNORECASE)
    return twin.pattern if twin else None


#: The words (and Chinese characters) the everyday senses after a name hold: the word right after a
#: mention must start with one, or the patterns do not run.
_AFTER_KEYS = _keys(*(s.after for s in EVERYDAY))
_AFTER_ZH = frozenset(k for k in _AFTER_KEYS if not k.isascii())
#: After a comma, the senses look only for an apposition ("Ray, our CTO") or a place ("Argo, FL").
_AFTER_COMMA = re.compile(r",\s+(?:(?i:our|the|a|an|its|their|who|your|one\s+of)\b|[A-Z]{2}\b|[A-Z][a-z]+\b(?!\s*(?:,|and|or)\s))|"
                          "(?i:" + GOODS_AFTER + ")")


def _after_triggered(after: str) -> bool:
    """Whether an everyday sense after a mention can match: a cheap look at the next word."""
    rest = after.lstrip()
    if not rest:
        return False
    c = rest[0]
    if c == ",":
        return _AFTER_COMMA.match(after.lstrip(" ")) is not None
    if not c.isalnum():  # a possessive, a parenthesis, a hyphen, a quote mark, ®: what a sense may start with
        return _AFTER_LEADS is None or c in _AFTER_LEADS or c.lower() in _AFTER_LEADS or c.upper() in _AFTER_LEADS
    if not c.isascii():
        return not _AFTER_ZH.isdisjoint(rest[:6])
    if c == "X" and rest[1:2] == "-":
        return True  # a product code after the name ("Triton X-100")
    words = rest.split(None, 2)
    if _starts_with_key(words[0], _AFTER_KEYS) or (len(words) > 1 and (words[0].isalpha() and words[0].islower() or words[0].isdigit())
                                                   and _starts_with_key(words[1], _AFTER_KEYS)):
        return True  # the next word, or the one after a lowercase word or a model number ("Argo soil probe", "Spark 3 trail shoe")
    head = rest[:40]
    # a product line a word or two on ("Triton small-cell family"), a company's legal form ("… Services, Inc.")
    return any(noun in head for noun in _PRODUCT_LINE) or _LEGAL_FORM_NEAR.search(rest, 0, 48) is not None


_LEGAL_FORM_NEAR = re.compile(r",?\s(?:Inc\.?|Ltd\.?|LLC|GmbH|Corp\.?|Co\.|PLC|plc|S\.A\.|B\.V\.|AG)(?!\w)")
#: The nouns of a product line, which may stand a word or two after the name ("Triton small-cell family").
_PRODUCT_LINE = ("family", "range", "lineup", "line-up", "series")
#: The words a negation cue begins with (its first word, or a CJK character of it), beyond the keys of
#: the tables below ("not", "never", "moved"...). A key of four letters or more also starts longer words
#: ("shun": "shuns", "shunned").
_NEG_KEYS = frozenset(
    ["nor", "neither", "without", "unlike", "instead", "rather", "place", "little", "opposed", "didn", "shouldn", "couldn", "can", "cannot", "mustn", "migrat", "move", "moving", "switch", "transition", "port", "shift", "away", "replac", "phas", "deprecat", "retir", "decommission", "ditch", "drop", "abandon", "rip", "ripping", "got", "getting", "outgr", "except", "exclud", "used", "said", "nothing", "bid", "waved", "say", "saying", "parted", "nobody", "none", "rejected", "declined", "passed", "walked", "scrap", "kill", "binn", "gave", "quit", "exited", "forget",
     "avoid", "steer", "eschew", "shun",
     "forgo", "forbid", "prohibit", "ban", "bans", "banned", "refus", "zero", "done", "finished", "through",
     "tired", "sick", "skip", "ignore", "find", "meet", "encounter", "tore", "leave", "ran", "relied",
     "yanked", "took", "threw", "turn", "decid", "voted", "opted", "chose", "ruled"]
)
#: Chinese negation cues, by their first character or two (a cheap test before the full pattern runs).
_ZH_NEG = ("不", "没", "沒", "未", "无", "無", "毋", "弃", "棄", "已", "放弃", "放棄", "而非", "而不",
           "代替", "取代", "替代", "替换", "淘汰", "告别", "停用",
           "避免", "禁止", "禁用", "拒绝", "摒弃", "用不")
#: The words a cue of NEGATION_AFTER holds among its first ones (the full pattern runs only after one of them).
_NEG_AFTER_KEYS = frozenset(["needn", "gone", "optional", "history", "free", "less", "nowhere", "lost",
                             "dead", "wouldn", "winding", "end",
                             "nope", "contract", "licence", "license", "subscription", "seats",
                             "->", "→", "=>", "⟶", ":", "：", "?", "picture", "cancel"])
#: The keys that are symbols: they start cues after a mention ("Triton? Not here", "Scala: none") and no
#: cue before one, so the look before a mention skips them.
_SYMBOL_KEYS = frozenset(k for k in _NEG_AFTER_KEYS if not k[0].isalnum())
#: Characters a Chinese cue of NEGATION_AFTER starts with that no key above covers (in its first 16 characters).
_NEG_AFTER_ZH = frozenset("被派帮幫意在早並非可均都並并也亦相的经經技条條目现現暂暫完根被由用这這我团團本只是历歷遗遺拆")
#: The words NEGATION_SUBJECT's predicates hold (the pattern runs only where one follows a mention) that no other key covers ("is out of scope", "was swapped
#: out", "is legacy"), and the negations they start with ("isn't needed", "won't come up").
_SUBJECT_KEYS = frozenset("""rewrote reimplemented hasn haven counts nothing out unnecessary irrelevant legacy retired deprecated decommissioned sunset
    frozen wound lifed eol ripped killed scrapped binned migrated replaced removed dropped abandoned
    shut outgrew moved left stopped cancelled canceled terminated discontinued superseded
    not isn aren wasn weren won doesn don never no else handled owned covered maintained taken relic
    belongs belong falls fall stays stay remains remain kept days over behind past outside off
    archived unplugged deleted uninstalled torn pulled thrown written closed gave disabled ported converted
    rewritten stale outdated obsolete swapped put laid let disallowed axed mothballed shelved expired
    evicted ousted went cut junked""".split())


def _word_keys(keys: frozenset[str]) -> re.Pattern[str]:
    """The keys as one pattern for lowercase text, the cheap test before a negation pattern runs (looser
    than the cues it guards, never stricter): a key of up to three letters is a whole word, a longer one
    starts a word, a Chinese one or a symbol ('?', '->', ':') may stand anywhere ("Scala? none", "Hive->Spark")."""
    groups: dict[str, list[str]] = {}
    for k in keys:
        groups.setdefault(k[0], []).append(k)
    words: dict[str, str] = {}
    others: dict[str, str] = {}
    for first, ks in sorted(groups.items()):
        rests = []
        for k in sorted(ks, key=lambda k: (-len(k), k)):
            edge = r"(?![^\W\d_])" if k.isascii() and k.isalpha() and len(k) < 4 else ""
            rests.append(re.escape(k[1:]) + edge)
        (words if first.isascii() and first.isalpha() else others)[re.escape(first)] = "(?:" + "|".join(rests) + ")"
    # "a-z": a word start after any other character, a Chinese one too ("用not"): looser than the cues, which decide
    return re.compile(first_char_alternation(words, others, "a-z"))


def first_char_alternation(words: dict[str, str], others: dict[str, str], word: str) -> str:
    """A pattern of alternatives keyed by their first character, written as a regular expression atom
    (``re.escape(c)``): ``words`` start a word (no character of the class ``[word]`` before them),
    ``others`` may start anywhere. It is arranged so that the engine pays little at a position where
    nothing can start: one look back for all the word starts, one character class for the rest; and
    ``scan`` runs its two halves apart, each at the speed of its own cheap test.

    >>> rx = re.compile(first_char_alternation({"s": "park"}, {r"\\?": ""}, "A-Za-z"))
    >>> [m.group() for m in rx.finditer("spark pyspark ?")]
    ['spark', '?']
    """
    alts = []
    words_alt = "(?:" + "|".join(c + rest for c, rest in words.items()) + ")"
    starts = f"(?<![{word}])" + words_alt if words else ""
    # When the word class is ASCII's \w and every word start is one of its characters, "no word character
    # before" is an ASCII word boundary, which the engine tests faster than a look back; a pattern that ignores
    # case may match other characters at a word start (the long s as "s"), so only the case-sensitive twin
    # (``_case_sensitive``) takes that form.
    fast = (f"(?a:\\b){words_alt}" if words and word == "A-Za-z0-9_" and all(re.fullmatch(r"\w", c, re.ASCII) for c in words)
            else "")
    if starts:
        alts.append(starts)
    if others:
        body = "(?:" + "|".join(c + rest for c, rest in others.items()) + ")"
        single = all(re.fullmatch(r"\\?[^\\]", c) for c in others)  # one character each: a class can guard them
        alts.append("(?=[" + "".join(others) + "])" + body if single else body)
        if starts:
            _HALVES["|".join(alts)] = (starts, body)
            if fast:
                _HALVES["|".join([fast, *alts[1:]])] = (fast, body)
    if fast:
        _CASE_SENSITIVE_FORM["|".join(alts)] = "|".join([fast, *alts[1:]])
    return "|".join(alts) or r"(?!x)x"


#: The form of a ``first_char_alternation`` pattern its case-sensitive twin takes (word starts at an ASCII boundary).
_CASE_SENSITIVE_FORM: dict[str, str] = {}


#: The two halves of each pattern ``first_char_alternation`` made of both kinds: the word starts, the rest.
_HALVES: dict[str, tuple[str, str]] = {}


@functools.lru_cache(maxsize=64)
def _halves(pattern: str, flags: int) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    halves = _HALVES.get(pattern)
    return (re.compile(halves[0], flags), re.compile(halves[1], flags)) if halves else None


def scan(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """The spans of ``rx.finditer(text)``. A pattern of ``first_char_alternation`` runs as its two halves
    (the word starts pay for one look back per position, the rest for one character class), and their
    matches are merged as the whole pattern would have found them: left to right, none inside another.

    >>> rx = re.compile(first_char_alternation({"a": "b"}, {"-": "ab"}, "a-z"))
    >>> scan(rx, "ab x-ab ab") == [m.span() for m in rx.finditer("ab x-ab ab")] == [(0, 2), (4, 7), (8, 10)]
    True
    """
    halves = _halves(rx.pattern, rx.flags)
    if halves is None:
        return [m.span() for m in rx.finditer(text)]
    first, second = halves
    a = [m.span() for m in first.finditer(text)]
    b = [m.span() for m in second.finditer(text)]
    if not (a and b):
        return a or b
    spans = sorted(a + b)
    if all(x[1] <= y[0] for x, y in zip(spans, spans[1:])):
        return spans  # no match inside another: the whole pattern finds just these (the common case)
    # one half's match inside the other's: walk both halves a match at a time, looking again from the end of
    # what was taken (one search per match, so the walk stays linear whatever the text)
    def after(rx: re.Pattern[str], at: int) -> tuple[int, int] | None:
        m = rx.search(text, at)
        return m.span() if m else None

    x: tuple[int, int] | None = a[0]
    y: tuple[int, int] | None = b[0]
    out: list[tuple[int, int]] = []
    pos = 0
    while x or y:
        if x and x[0] < pos:
            x = after(first, pos)
        if y and y[0] < pos:
            y = after(second, pos)
        if x and (not y or x[0] <= y[0]):
            span, x = x, after(first, x[1])
        elif y:
            span, y = y, after(second, y[1])
        else:
            break
        out.append(span)
        pos = span[1]
    return out


def _any_in(positions: list[int], lo: int, hi: int) -> bool:
    """Whether a position lies in [lo, hi)."""
    i = bisect.bisect_left(positions, lo)
    return i < len(positions) and positions[i] < hi


@dataclass
class _Hints:
    """The words a negation cue may start with, found once per posting (before / after a mention)."""

    positions: list[int]
    subject: list[int]
    before: list[int]
    last: list[int] = field(default_factory=list)
    layout: dict[str, list[int]] = field(default_factory=dict)
    #: Where an aside's ending can start (``_ASIDE_KEYS``), or a longer cue word the scan found there instead.
    aside: list[int] = field(default_factory=list)
    everywhere: bool = False

    @classmethod
    def of(cls, low: str) -> _Hints:
        positions: list[int] = []
        subject: list[int] = []
        before: list[int] = []
        last: list[int] = []
        layout: dict[str, list[int]] = {}
        aside: list[int] = []
        for a, b in scan(_NEG_WORDS, low):
            word = low[a:b]
            is_layout, is_aside, cue, in_subject, in_before, in_last = _role_of(word)
            if is_layout:
                layout.setdefault(word, []).append(a)
            if is_aside or cue:
                aside.append(a)
            if not cue:
                continue  # a word of layout only ("similar", "my"): no negation cue starts with it
            positions.append(a)
            if in_subject:
                subject.append(a)
            if in_before:
                before.append(a)
            if in_last:
                last.append(a)
        return cls(positions, subject, before, last, layout, aside)

    def at(self, *words: str) -> list[int]:
        """Sorted positions of the layout words ``words`` (``_LAYOUT_KEYS``)."""
        if not self.layout:
            return []
        found: list[int] = []
        for w in words:
            if w in self.layout:
                found += self.layout[w]
        return sorted(found) if len(found) > 1 else found

    def last_resort(self, lo: int, hi: int) -> bool:
        """Whether a word a cue of the last resort holds ("retired", "used to", "下线") is in [lo, hi)."""
        return self.everywhere or _any_in(self.last, lo, hi)

    def near(self, lo: int, hi: int) -> bool:
        """Whether a word that may start a negation cue (before or after a mention) is in [lo, hi)."""
        return self.everywhere or _any_in(self.positions, lo, hi)

    def word_near(self, lo: int, hi: int) -> bool:
        """The same, for the words a cue before a mention holds (not the symbols ':', '?', '->', nor the words only
        cues after a mention hold, such as "behind" or "through")."""
        return self.everywhere or _any_in(self.before, lo, hi)

    def first_before(self, lo: int, hi: int, lead: int) -> int:
        """Where a cue before a mention can start at the earliest in [lo, hi): ``lead`` characters before the first
        word such a cue holds (``lo`` when the hints do not map)."""
        if self.everywhere:
            return lo
        i = bisect.bisect_left(self.before, lo)
        return max(lo, self.before[i] - lead) if i < len(self.before) and self.before[i] < hi else hi

    def predicate(self, lo: int, hi: int) -> bool:
        """Whether a word of a negative predicate ("out of scope", "retired") is in [lo, hi)."""
        return self.everywhere or _any_in(self.subject, lo, hi)


#: Where lowercasing changes a text's length (a few Unicode letters), positions in it do not
#: map back: every pattern runs.
_EVERYWHERE = _Hints([], [], [], [], everywhere=True)




@dataclass(slots=True)
class Hit:
    """One mention of a vocabulary term."""

    key: str
    text: str
    start: int
    end: int
    nodes: set[str]
    rule: Rule | None
    why: str = ""
    level: str = "required"


@dataclass
class Mentions:
    """What ``find_mentions`` decided: counted hits per node, and every decision worth explaining."""

    found: dict[str, list[str]]
    keys: set[str]
    not_counted: list[dict[str, Any]]
    senses: list[dict[str, Any]] = field(default_factory=list)
    levels: dict[str, str] = field(default_factory=dict)
    spans: list[tuple[int, int, str]] = field(default_factory=list)


def rule_for(key: str) -> Rule | None:
    """The matching rule of a term: from ``RULES``, or the short-name rule for two letters or fewer."""
    if key in RULES:
        return RULES[key]
    if len(key) <= SHORT and key.isascii() and key.isalpha():
        return Rule(case=True, context="local")
    return None


_RULE_FOR = functools.lru_cache(maxsize=CACHED)(rule_for)


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(f"(?:{pattern})", re.IGNORECASE)


@functools.cache
def _compiled_low(pattern: str) -> re.Pattern[str] | None:
    """The lowered twin of ``_compiled(pattern)`` (``fold``), or None."""
    rx = _compiled(pattern)
    return lowered_twin(rx.pattern, rx.flags)


def _short(key: str) -> bool:
    return len(key) <= SHORT and key.isascii()


def _everyday(text: str, h: Hit, vocab: Vocabulary, low: str | None = None) -> str | None:
    """The everyday sense this mention has, or None. ``low``: the lowercased text when ``fold.foldable`` (the
    case-insensitive patterns then run as their lowered twins)."""
    if h.rule is None and h.key not in ORDINARY:
        # only a name used as an adjective ("PyTorch-style", "Kubernetes inspired"): a hyphen or a space first
        c = text[h.end:h.end + 1]
        if c not in _ADJECTIVE_FIRST or (c.isspace() and text[h.end + 1:h.end + 12].lstrip()[:1] not in "sicStIC"):
            return None
        m = _ADJECTIVE.match(text, h.end, h.end + LOOK)
        return f"{EVERYDAY[-1].name} ('{h.text}{m.group().rstrip()}')" if m else None
    after = text[h.end:h.end + LOOK]
    before = text[max(0, h.start - LOOK):h.start]
    tail = "" if before.isascii() else before.rstrip()[-_ZH_BEFORE_TAIL:]  # as _before_senses
    for rx, twin in _patterns_before(tuple(before.rsplit(None, 4)[-4:]), tail):
        m = twin.search(low[h.start - len(before):h.start]) if twin and low else rx.search(before)
        if m and m.lastgroup:
            return EVERYDAY[int(m.lastgroup[1:])].name + f" ('{before[m.start():m.end()].strip()} {h.text}')"
    for rx, twin in (_EVERYDAY_AFTER_TWINS if _after_triggered(after) else ()):
        m = twin.match(low[h.end:h.end + len(after)]) if twin and low else rx.match(after)
        if m and m.lastgroup:
            return EVERYDAY[int(m.lastgroup[1:])].name + f" ('{h.text}{after[:m.end()].rstrip()}')"
    if h.text[:1].isupper() and not h.text.isupper():
        if h.key in FIRST_NAME_TERMS:
            m = _NEXT_CAP.match(after)
            if m and m.group(1) not in NAME_FOLLOWERS_OK and m.group(1).lower() not in vocab.nodes:
                return f"a person ('{h.text} {m.group(1)}')"
            m = _ZH_SURNAME.match(after) if not after.isascii() else None
            if m:
                return f"a person ('{h.text} {m.group('s')}')"
        if h.key in SURNAME_TERMS:
            m = _PREV_CAP.search(before) or (_LINE_NAME_BEFORE.search(before) if _LINE_NAME_AFTER.match(after) else None)
            if m and m.group(1) not in NAME_LEADERS_OK and m.group(1).lower() not in vocab.nodes:
                return f"a person ('{m.group(1)} {h.text}')"
    return None


def _sense(text: str, h: Hit, vocab: Vocabulary, low: str | None = None) -> tuple[str, str | None] | None:
    """Why this mention is not the technology (its spelling, its term's rules, an everyday sense) and the
    everyday sense it has (None for a spelling), or None. ``low`` as for ``_everyday``."""
    r = h.rule
    if r is not None:
        if r.case and h.text not in vocab.spellings.get(h.key, {h.text}):
            return f"written '{h.text}', not as the technology's name", None
        if r.before:
            twin = _compiled_low(r.before) if low else None
            lo = max(0, h.start - 40)
            if (twin.search(low[lo:h.start]) if twin and low else _compiled(r.before).search(text[lo:h.start])):
                meaning = r.sense or "context before"
                return f"ordinary sense ({meaning})", meaning
        if r.after:
            twin = _compiled_low(r.after) if low else None
            if (twin.match(low[h.end:h.end + 40]) if twin and low else _compiled(r.after).match(text[h.end:h.end + 40])):
                meaning = r.sense or "context after"
                return f"ordinary sense ({meaning})", meaning
    sense = _everyday(text, h, vocab, low)
    return (f"everyday sense: {sense}", sense) if sense else None


class _Bounds:
    """Sorted positions of a pattern's matches, for 'the last one before' / 'the first one after' in O(log n)."""

    def __init__(self, rx: re.Pattern[str], text: str) -> None:
        spans = [m.span() for m in rx.finditer(text)]
        self.text = text
        self.starts: list[int] = [a for a, _ in spans]
        self.ends: list[int] = [b for _, b in spans]

    def last_end_before(self, pos: int, default: int = 0) -> int:
        i = bisect.bisect_right(self.ends, pos) - 1
        return self.ends[i] if i >= 0 else default

    def last_start_before(self, pos: int, default: int = 0) -> int:
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.starts[i] if i >= 0 else default

    def first_start_after(self, pos: int, default: int) -> int:
        i = bisect.bisect_left(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else default

    def first_between(self, lo: int, hi: int, skip: tuple[int, int]) -> str:
        """The text of the first match inside [lo, hi) that does not overlap ``skip``, or ''."""
        i = bisect.bisect_left(self.starts, lo)
        while i < len(self.starts) and self.ends[i] <= hi:
            if self.ends[i] <= skip[0] or self.starts[i] >= skip[1]:
                return self.text[self.starts[i]:self.ends[i]]
            i += 1
        return ""


#: How far past a window the patterns' look-aheads may need to see (a word's end, "zoos" not followed by " of").
_LOOK_PAST = 16


class _Lookup:
    """``_Bounds.first_between`` for a pattern, by searching each window directly until the windows
    searched add up to the text's length, then from the pattern's matches found once (a 1 MB posting
    with a few mentions is not scanned whole; a posting of a few kilobytes is, once)."""

    def __init__(self, rx: re.Pattern[str], text: str, low: str | None = None) -> None:
        # a pattern of lowercase words runs case-sensitively on the lowercased text: much faster
        # (``low`` only when lowercasing kept every position)
        self.rx, self.text = (_case_sensitive(rx), low) if low is not None and len(low) == len(text) else (rx, text)
        self.budget = len(text)
        self.bounds: _Bounds | None = None

    def first_between(self, lo: int, hi: int, skip: tuple[int, int] = (0, 0)) -> str:
        if self.bounds is None and self.budget < 0:
            self.bounds = _Bounds(self.rx, self.text)
        if self.bounds is not None:
            return self.bounds.first_between(lo, hi, skip)
        self.budget -= hi - lo
        # the text goes on after the window: a word the window cuts ("code|book") is not a match
        end = min(len(self.text), hi + _LOOK_PAST)
        m = self.rx.search(self.text, lo, end)
        while m and m.start() < hi and not (m.end() <= skip[0] or m.start() >= skip[1]):
            m = self.rx.search(self.text, max(m.end(), m.start() + 1), end)
        return m.group() if m and m.end() <= hi else ""


#: How far (characters) back a table's row or a quoted line is looked for: a longer line is neither.
LINE_REACH = 4000


def _table_row(text: str, at: int) -> bool:
    """Whether the line holding ``at`` is a table's row ("| Docker, Git | Kubernetes | Jenkins (retired) |"): its
    bars part cells, not the items of a list, so a cue in one cell does not reach the others."""
    line = text.rfind("\n", max(0, at - LINE_REACH), at) + 1
    return (line > 0 or at <= LINE_REACH) and text[line:at].lstrip(" \t").startswith("|")


def _chains(text: str, hits: list[Hit], low: str | None = None) -> list[list[Hit]]:
    """Runs of mentions that form one list ("Hadoop, Hive or Pig"): a negation reaches all of them. ``low``: the
    lowercased text when ``fold.foldable`` (the glue is then read by the lowered twins)."""
    chains: list[list[Hit]] = []
    glue, examples, source = (_LIST_GLUE_LOW, _EXAMPLES_GLUE_LOW, low) if low and _LIST_GLUE_LOW and _EXAMPLES_GLUE_LOW \
        else (LIST_GLUE, EXAMPLES_GLUE, text)
    for h in hits:
        if chains:
            prev = chains[-1][-1]
            gap = source[prev.end:h.start]
            if len(gap) <= 24 and (glue.match(gap) or examples.match(gap)) and not ("|" in gap and _table_row(text, h.start)):
                chains[-1].append(h)
                continue
        chains.append([h])
    return chains


#: How far (characters) before the first of its hint words a negation cue before a mention may start ("the team have
#: moved off", "have no plans to").
CUE_LEAD = 40
#: How far (characters) a clause reaches each way from a position, at most.
CLAUSE_REACH = 160


def _start_back(ends_back: re.Pattern[str], text: str, pos: int, reach: int) -> int:
    """Where the stretch holding ``pos`` starts: just after the last match of ``ends_back`` (a pattern ``(?s:.*)(?:END)``,
    which finds the last end from ``pos`` backwards) within ``reach`` characters, else ``reach`` characters back."""
    lo = max(0, pos - reach)
    m = ends_back.match(text, lo, pos)
    return m.end() if m else lo


def clause_start(text: str, pos: int, reach: int = CLAUSE_REACH) -> int:
    """Where the clause holding ``pos`` starts (at most ``reach`` characters back)."""
    return _start_back(_CLAUSE_END_BACK, text, pos, reach)


_CLAUSE_END_BACK = re.compile(r"(?s:.*)(?:" + CLAUSE_END.pattern + ")", CLAUSE_END.flags)


def clause_end(text: str, pos: int, reach: int = CLAUSE_REACH) -> int:
    """Where the clause holding ``pos`` ends (at most ``reach`` characters on)."""
    m = CLAUSE_END.search(text, pos, pos + reach)
    return m.start() if m else min(len(text), pos + reach)


def _line_label(text: str, at: int) -> re.Match[str] | None:
    """A label of what is left out that opens the line, with only other names and commas between it and ``at``
    ("Not needed: Java, Spark"): the label, or None."""
    nl = text.rfind("\n", max(0, at - 80), at)
    line = nl + 1 if nl >= 0 else max(0, at - 80)
    colon = max(text.rfind(":", line, at), text.rfind("：", line, at))
    if colon < 0 or not _UNKNOWN_LIST.fullmatch(text, colon + 1, at):
        return None
    return _NEG_LABEL.search(text, max(line, colon - 47), colon + 1)


def _neg_after(window: str, folded: bool = False) -> re.Match[str] | None:
    """The cue right after a mention at the start of ``window`` (the kinds that need a Chinese character only where
    it holds one). ``folded``: the window is from a foldable posting (``fold``), so the loose twin may say first
    that no cue is there (most windows hold none)."""
    rx, loose = (_NEG_AFTER_ASCII, _NEG_AFTER_ASCII_LOOSE) if window.isascii() else (_NEG_AFTER, _NEG_AFTER_LOOSE)
    if folded and loose is not None and loose.match(window.lower()) is None:
        return None
    return rx.match(window)


def _negation(text: str, chain: list[Hit], prev_end: int, hints: _Hints,
              later: list[list[Hit]] | None = None, low: str | None = None) -> tuple[str, list[Hit]] | None:
    """The cue that negates this list (and which of its mentions), or None. ``low``: the lowercased text when
    ``fold.foldable`` (the cue patterns then run as their lowered twins, or look first with a looser one)."""
    head, tail = chain[0], chain[-1]
    reach = tail.end + NEGATION_LOOK
    before = hints.word_near(max(prev_end, head.start - NEGATION_LOOK), head.start)
    if not before and not hints.near(tail.end, reach) and \
            text[max(0, head.start - 3):head.start].isascii() and text[tail.end:tail.end + 16].isascii():
        return None  # no negation word on either side and no Chinese cue: the common case, answered at once
    if before:
        lo = max(clause_start(text, head.start), prev_end)
        cue = None
        # every cue holds a word of ``hints.before`` within CUE_LEAD characters of its start: the search starts there
        start = hints.first_before(lo, head.start, CUE_LEAD)
        if low and _NEG_BEFORE_LOW is not None:
            for cue in _NEG_BEFORE_LOW.finditer(low, start, head.start):
                pass
            if cue is not None:  # the last cue, matched again in its own case (the same span: the twin's promise)
                cue = _NEG_BEFORE.match(text, cue.start(), head.start)
        else:
            for cue in _NEG_BEFORE.finditer(text, start, head.start):
                pass
        if cue is not None:
            gap = text[cue.end():head.start]
            noun_phrase = NEGATION_NOUN_PHRASE.fullmatch(gap) is not None
            listed = noun_phrase or _UNKNOWN_LIST.fullmatch(gap) is not None
            said = cue.group().strip().lower()
            if cue.group("avoid") and not noun_phrase:
                pass  # "avoid downtime with Kubernetes": what is avoided is not the tool
            elif (said == "without" and _NECESSITY.search(text, lo, cue.start())) or (
                    said[-2:] in ("没有", "沒有") and _ZH_THEN.match(text, tail.end)):
                pass  # "none of this works without Kubernetes": a necessity
            elif said == "no" and not listed and _PREPOSITION.search(gap) and not _NO_REACH.fullmatch(gap):
                pass  # "left no stone unturned with Kafka": "no" is about something else
            elif said == "no more" and gap.strip():
                pass  # "no more than three years of Python": only "no more Terraform" says it is gone
            elif _REPLACE_CUE.match(said) and _REPLACED_BY.search(gap):
                pass  # "replacing cron with Airflow": Airflow is what comes
            elif _CONDITION.search(text, lo, cue.start()) or _QUESTION.match(text, tail.end):
                pass  # "if you have never used Airflow", "No Kafka? We'll teach you": not about the stack
            elif _DOUBLE_NEGATION.search(text, max(0, cue.start() - 16), cue.start()) and cue.group()[:1].isalpha() and \
                    cue.group().split()[0].lower() not in ("not", "no", "never", "nor", "neither", "without"):
                pass  # "we haven't abandoned R": what was not given up is still used
            elif (len(gap) <= NEGATION_REACH and len(gap.split()) <= NEGATION_WORDS and (listed or not _NEG_BREAK.search(gap))
                    and not _NOT_NEG.search(text, max(0, cue.start() - 12), cue.end() + 30)):
                return f"negated: '{cue.group().strip()}' before it", chain
        label = (_NEG_LABEL.search(text, max(0, head.start - 48), head.start)
                 if text[max(0, head.start - 8):head.start].rstrip()[-1:] in (":", "：") else _line_label(text, head.start))
        if label is not None and not _CONDITION.search(text, max(0, label.start() - 40), label.start()):
            return f"negated: '{label.group().strip()}' before it", chain
        for (verb_rx, particle_rx, reach_after, note), twin in zip(_AROUND, _AROUND_LOW):
            # "tore LangChain out", "ported our TF models to PyTorch"
            a = max(lo, head.start - 40)
            verb = twin.search(low, a, head.start) if twin and low else verb_rx.search(text, a, head.start)
            particle = particle_rx.match(text, tail.end, tail.end + reach_after) if verb else None
            if verb and particle:
                said = text[verb.start():verb.end()].strip()
                return f"negated: '{said} … {particle.group().strip()}' around it{note}", chain
    hinted = hints.near(tail.end, reach) or (
        not _NEG_AFTER_ZH.isdisjoint(text[tail.end:tail.end + 16]))
    window = text[tail.end:reach] if hinted else ""
    cell = "|" in window and _table_row(text, tail.end)
    if cell:
        # a row's next cell may say what became of the name ("| Hive | decommissioned in 2024 |"), unless it
        # names something of its own ("| Docker | Ray | MLflow (retired) |"): the cue reaches no further
        bar = window.index("|")
        after_next = window.find("|", bar + 1)
        end = tail.end + (after_next if after_next >= 0 else len(window))
        if later and later[0][0].start < end:
            window = window[:bar]
        else:  # the bar reads as a space: "Hive | decommissioned in 2024"
            window = window[:bar] + " " + window[bar + 1:after_next if after_next >= 0 else len(window)]
    m = _neg_after(window, low is not None) if hinted else None
    if m and not m.group().isascii() and _ZH_WITH.search(text, max(0, head.start - 4), head.start):
        m = None  # "全部用 Go 重写并下线": what it was rewritten with is the new tool, not the one taken down
    if m and not _ANSWER.search(m.group()):  # "Triton? Not here", "Scala: not used": the answer is the next clause
        clause = clause_end(text, tail.end, NEGATION_LOOK) + 1
        m = _neg_after(window[:clause - tail.end] if cell else text[tail.end:clause], low is not None)
    if m:
        # (a list of one is itself: the tests below are for longer lists, and the search for "or" in a list of one
        # would have run from the start of the posting, once per mention)
        which = chain if len(chain) == 1 else chain[-1:] if (
            _SINGULAR.search(m.group()) and not _OR_LIST.search(text, chain[-2].end, tail.start)) or (
            "(" in text[chain[-2].end:tail.start] or m.group().lstrip()[:1] in ("(", "（")) else chain
        # "GitLab CI (Jenkins retired)", "dbt / GCP / Hive (decommissioned in 2024)": a note in brackets speaks of its item
        said = m.group().strip(" ,(")
        said = said if said[:2] == "->" else said.lstrip("-–— ")  # the arrow of "PyTorch -> TensorFlow" is the cue
        return f"negated: '{said}' after it", which
    if hints.predicate(tail.end, reach):
        stop = _SUBJECT_STOP.search(text, tail.end, reach)  # the pattern keeps its subject to one clause itself
        m = _NEG_SUBJECT.match(text, tail.end, stop.start() if stop else reach)
        own = _SUBJECT_VERB.search(m.group()) if m else None
        if m and own and (_SINGULAR.match(own.group()) and _ANOTHER_SUBJECT.fullmatch(m.group(), 0, own.start())
                          or _LATER_SUBJECT.fullmatch(m.group(), 0, own.start())):
            # "came home to AWS and the subscription was cancelled": a singular verb speaks of the noun after "and";
            # "rewritten in Go during 2024 and the old repositories are archived": so does any verb after words of its own
            m = None
        verb = _SUBJECT_VERB.search(m.group()) if m and later and later[0][0].start < m.end() else None
        at = m.start() + verb.start() if m and verb else 0
        nearer = [(c[0].start, c[-1].end) for c in (later or ())[:4]
                  if c[0].start < at and text[tail.end:c[0].start].strip()]  # names between the list and its verb
        if verb and nearer and (_SINGULAR.match(verb.group()) or len(text[nearer[-1][1]:at].split()) <= 1):
            # "…ported to Kubeflow in 2025 and Airflow was decommissioned", "…moved to Spark, the Flink clusters were
            # switched off": the nearer name is the subject (a name right after the list is part of it: "Python
            # coding isn't expected")
            m = None
        if m:
            said = m.group()[-40:]
            said = said.split(" ", 1)[-1] if len(m.group()) > 40 else said  # whole words only
            return f"negated: its clause says '…{said.strip()}'", chain
    if _ZH_FROM.search(text, max(0, head.start - 3), head.start) and _ZH_TO.match(text, tail.end, tail.end + 8):
        return "negated: '从…迁移到' (being migrated away from)", chain
    return None


#: How far (characters) the last-resort negation looks for another name of the graph in a mention's sentence.
NEGATIVE_SENTENCE_REACH = 240


def _negative_sentence(text: str, hits: list[Hit], near_cue: list[list[Hit]], negated: set[int],
                       not_counted: list[dict[str, Any]], hints: _Hints) -> None:
    """The last resort (``SENTENCE_NEGATION_AFTER``, ``_BEFORE``): a list still counted whose sentence names
    nothing else of the graph and says, near it, that it ended or is not needed, with no condition, contrast or
    bonus in it; inside a note in brackets, the note is the sentence. ``near_cue``: the lists with a word such a cue
    starts with near them (the others have no such cue)."""
    if not near_cue:
        return
    starts = [h.start for h in hits]
    reach = NEGATION_LOOK
    for chain in near_cue:
        head, tail = chain[0], chain[-1]
        if any(id(h) in negated for h in chain):
            continue
        note = _note_around(text, head.start, tail.end)
        mine = {id(h) for h in chain}
        if note:
            lo, hi = note
            named = hits[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
            if any(id(o) not in mine and all(o.nodes.isdisjoint(h.nodes) for h in chain) for o in named):
                continue
        else:
            if _shares_sentence(text, hits, (bisect.bisect_left(starts, head.start), bisect.bisect_left(starts, tail.start)),
                                chain, mine):
                continue  # another name of the graph in the sentence: which one a cue is about is for the rules above
            lo = _start_back(_NEGATIVE_SENTENCE_END_BACK, text, head.start, reach)
            end = SENTENCE_NEGATION_END.search(text, tail.end, tail.end + reach)
            hi = end.start() if end else min(len(text), tail.end + reach)
        if not hints.last_resort(lo, hi):
            continue  # no word of a cue in the sentence
        cue = _sentence_cue(text, head, tail, lo, hi, lambda a, b: _any_in(starts, a, b), note is not None)
        if cue is None and note:
            found = SENTENCE_NEGATION_NOTE.search(text, tail.end, hi)
            cue = found.group() if found else None
        if cue is None or SENTENCE_NEGATION_GUARD.search(text, lo, hi):
            continue
        where = "its note in brackets" if note else "its sentence"
        for h in chain:
            negated.add(id(h))
            not_counted.append({"term": h.text, "at": h.start,
                                "why": f"negated: {where} says '{cue}' and names nothing else of the graph"})


#: A line that may hold a heading over what the role leaves out or over the team's history (found after its line
#: break, so the search jumps from line to line).
_HEADING_START = re.compile(r"\n(?=[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?[ \t]*(?:what\s+(?:you|this|the)|things\s+you|"
                            r"you\s+(?:won|will\s+not|don|do\s+not)|not\s+(?:needed|required|necessary|expected|in|part)|out\s+of|"
                            r"non-?goal|no\s+need|a\s+(?:bit|word|note|little)\s|our\s+(?:history|backstory)|some\s+(?:history|backstory)|"
                            r"the\s+team|history|backstory|previously|in\s+the\s+past|how\s+we|where\s+we|不|无|無|非|团|團|历|歷|过|過|曾))",
                            re.IGNORECASE)
#: What ends the lines a heading covers: a blank line and then a line that is not a bullet, or a short line of
#: a few words with no end punctuation (the next heading of a page whose headings were flattened to text).
_SECTION_END = re.compile(r"\n[ \t]*\n(?![ \t]*(?:[-*•‧·●▪]|\d{1,2}[.)、]))|"
                          r"\n(?=[ \t]*(?-i:[A-Z])[^\W\d_]*['’]?[^\W\d_]*(?:[ \t]+[\w'’]+){0,5}[ \t]*\n)")
#: How far (characters) a question reaches back from its question mark.
QUESTION_REACH = 200
#: A whole sentence (semicolons inside) or a line: where a replacement stands beside what the rules negated.
_WHOLE_SENTENCE_END = re.compile(r"[.!?。！？](?=\s|$)|\n")
_WHOLE_SENTENCE_BACK = re.compile(r"(?s:.*)(?:" + _WHOLE_SENTENCE_END.pattern + ")")
_QUESTION_START = re.compile(r"(?s:.*)(?:[.!?。！？](?=\s|$)|\n|\b[Qq]\s*[:.]|问\s*[:：]|問\s*[:：])")


#: A table's column of what is not used ("| Area | Required | Nice to have | Not used |"): its cells are left out.
_NOT_USED_COLUMN = re.compile(r"\s*\**\s*(?:not\s+used|not\s+needed|not\s+required|unused|retired|no\s+longer\s+used|not\s+in\s+use|"
                              r"out\s+of\s+scope|legacy\s*\(?not\s+used\)?|不使用|不需要|已下线|已下線|停用|不再使用)\s*\**\s*", re.IGNORECASE)
_NOT_USED_COLUMN_HINTS = ("not used", "not needed", "not required", "unused", "retired", "not in use", "out of scope", "legacy",
                          "不使用", "不需要", "已下线", "已下線", "停用", "不再使用")
_TABLE_ROW = re.compile(r"^[ \t]*\|[^\n]*\|[ \t]*$", re.MULTILINE)


def _not_used_column(text: str) -> list[tuple[int, int, str, bool]]:
    """The cells under a table's column of what is not used, as ranges left out."""
    out: list[tuple[int, int, str, bool]] = []
    column: int | None = None
    name = ""
    last_end = -1
    for row in _TABLE_ROW.finditer(text):
        if row.start() > last_end + 1:
            column = None  # a new table
        last_end = row.end()
        cells = _cells(text, row.start(), row.end())
        if column is None:
            column = next((i for i, (a, b) in enumerate(cells) if _NOT_USED_COLUMN.fullmatch(text, a, b)), None)
            name = text[cells[column][0]:cells[column][1]].strip(" *") if column is not None else ""
            continue
        if column < len(cells):
            a, b = cells[column]
            out.append((a, b, f"in the table's column '{name}'", False))
    return out


def _row_labels(text: str) -> list[tuple[int, int, str, bool]]:
    """A table row whose first cell is a heading of what is left out or of history ("| Previously | Flask — every
    endpoint has since been rewritten |"): the rest of the row, as a range under that heading."""
    out: list[tuple[int, int, str, bool]] = []
    for row in _TABLE_ROW.finditer(text):
        cells = _cells(text, row.start(), row.end())
        if len(cells) < 2:
            continue
        label = text[cells[0][0]:cells[0][1]].strip()
        for rx, past in ((NEGATION_HEADING, False), (HISTORY_HEADING, True)):
            m = rx.match(label)
            if m and m.end() == len(label):
                out.append((cells[1][0], cells[-1][1], f"under the row label '{m.group('h').strip()}'", past))
                break
    return out


_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
#: How a later sentence of an aside starts when it speaks of the tool named before: a pronoun or a pointing word.
_ASIDE_REFERS = re.compile(r"(?:it|they|that|this|those|these|the\s+(?:old|original|first|legacy)|nobody|no\s+one|"
                           r"它|那|这|這|後來|后来|之后|之後|现在|現在|去年|最后|最後)", re.IGNORECASE)


#: A capitalised word inside a sentence: a name the graph may not know ("Airflow - Luigi was retired").
_NAME_INSIDE = re.compile(r"(?<![.!?。！？:：]\s)(?<![.!?。！？:：\n])(?<!\n)\b[A-Z][\w-]*")
_SENTENCE_OPENERS = frozenset("I It They That This These Those The We Our A An Let Every".split())


def _endings(text: str, lo: int, hi: int, ends: list[int]) -> list[re.Match[str]]:
    """Every match of ``ASIDE_END`` in [lo, hi) that starts where a word it starts with stands (``ends``), each
    tried on its own: the first one at or after a position is what ``ASIDE_END.search`` finds from there."""
    return [m for m in (ASIDE_END.match(text, at, hi) for at in ends[bisect.bisect_left(ends, lo):bisect.bisect_left(ends, hi)]) if m]


def _skip_space(text: str, at: int) -> int:
    """The first position at or after ``at`` that is not white space."""
    while at < len(text) and text[at].isspace():
        at += 1
    return at
#: How many sentences after a tool's own an aside about its past may say that it ended.
ASIDE_SENTENCES = 2
#: How far (characters) after an ending another tool is its object ("we dropped Airflow").
ASIDE_OBJECT_REACH = 24


def _asides_of_the_past(text: str, plausible: list[Hit], negated: set[int], not_counted: list[dict[str, Any]],
                        skill_keys: frozenset[str], hints: _Hints) -> None:
    """A paragraph that names a tool in the past tense, or asks about it, and goes on to say in its own words that
    it ended (``ASIDE_PAST``, ``ASIDE_END``: "Azure was a brief flirtation back in 2020. … the subscription was
    cancelled") speaks of a tool the role does not use, unless the posting counts it elsewhere, or names it as
    where the team went ("came home to AWS", "用 Go 重写"). The last of the rules: what the others decided stands."""
    if not plausible:
        return
    ends = hints.aside  # where an ending can start
    if not ends and not hints.everywhere:
        return
    breaks = [m.start() for m in _PARAGRAPH_END.finditer(text)]
    # per paragraph (by its end): its endings, each word tried on its own, and where they start
    found: dict[int, tuple[list[int], list[re.Match[str]]]] = {}
    if not hints.everywhere:
        for at in ends:
            i = bisect.bisect_right(breaks, at)
            hi = breaks[i] if i < len(breaks) else len(text)
            if hi not in found:
                endings = _endings(text, breaks[i - 1] if i else 0, hi, ends)
                found[hi] = ([m.start() for m in endings], endings)
        if not any(endings for _, endings in found.values()):
            return  # no ending anywhere: the common case, answered before any mention is looked at
    counted: dict[str, list[Hit]] = {}
    for h in plausible:
        if h.key not in skill_keys:
            counted.setdefault(min(h.nodes), []).append(h)
    starts = [h.start for h in plausible]
    for mentions in counted.values():
        left = [h for h in mentions if id(h) not in negated]
        if not left:
            continue
        i = bisect.bisect_left(breaks, left[0].start)
        lo = breaks[i - 1] if i else 0
        hi = breaks[i] if i < len(breaks) else len(text)
        if left[-1].end > hi:
            continue  # counted in another paragraph too
        h = left[0]
        if hints.everywhere:
            said = ASIDE_END.search(text, h.end, hi)
        else:
            where, endings = found.get(hi, ([], []))
            k = bisect.bisect_left(where, h.end)
            said = endings[k] if k < len(endings) else None  # the first after it in the paragraph: most have none
        if said is None:
            continue
        end = h.end
        for _ in range(ASIDE_SENTENCES + 1):
            m = _WHOLE_SENTENCE_END.search(text, end, hi)
            end = m.end() if m else hi
        if said.start() >= end:
            continue
        if said.end() > end:  # it runs past the sentences it may stand in: what they hold alone
            said = ASIDE_END.search(text, h.end, end) if hints.everywhere else next(iter(_endings(text, h.end, end, ends)), None)
            if said is None:
                continue
        start = max(_start_back(_WHOLE_SENTENCE_BACK, text, h.start, SENTENCE_REACH), lo)
        own = _WHOLE_SENTENCE_END.search(text, h.end, hi)
        if not ASIDE_PAST.search(text, start, own.end() if own else hi):
            continue
        if DESTINATION_BEFORE.search(text, max(start, h.start - 48), h.start) or \
                ASIDE_DESTINATION_ZH.search(text, max(start, h.start - 6), h.start):
            continue
        between = plausible[bisect.bisect_right(starts, h.start):bisect.bisect_left(starts, said.start())]
        stop = _OBJECT_STOP.search(text, said.end(), said.end() + ASIDE_OBJECT_REACH)  # its object is in its clause
        after = plausible[bisect.bisect_left(starts, said.end()):
                          bisect.bisect_left(starts, stop.start() if stop else said.end() + ASIDE_OBJECT_REACH)]
        if any(o.nodes.isdisjoint(h.nodes) for o in between + after) or \
                any(m.group() not in _SENTENCE_OPENERS for m in _NAME_INSIDE.finditer(text, h.end, said.start())):
            # another tool stands between, or right after as its object: the ending is about it ("GitHub Actions …
            # the Jenkins box was unplugged", "Argo Workflows — we dropped Airflow two years ago")
            continue
        if own is not None and said.start() >= own.end() and not _ASIDE_REFERS.match(text, _skip_space(text, own.end())):
            # a later sentence says it ended: it must speak of the tool ("It was wound down", "那套…")
            nxt = _WHOLE_SENTENCE_END.search(text, own.end(), hi)
            if not (nxt and said.start() >= nxt.end() and _ASIDE_REFERS.match(text, _skip_space(text, nxt.end()))):
                continue
        for o in left:
            negated.add(id(o))
            not_counted.append({"term": o.text, "at": o.start,
                                "why": f"negated: an aside about its past says '{' '.join(said.group().split())}'"})


#: Where the clause of an aside's ending stops: a name after it is no longer its object ("… and thrown away; we
#: don't build LLM agents").
_OBJECT_STOP = re.compile(r"[;.!?](?=\s|$)|[。；！？\n]")


#: An e-mail thread: a quoted message's header or the line that introduces it.
_QUOTED_MESSAGE = re.compile(r"^(?:>[ \t]?)+[ \t]*(?:From|De|发件人|寄件者)\s*[:：]|^(?:>[ \t]?)*[ \t]*On\s[^\n]{4,120}\swrote:[ \t]*$|"
                             r"^-{2,}\s*(?:Original|Forwarded)\s+Message", re.MULTILINE | re.IGNORECASE)
_QUOTE_MARKS = re.compile(r"[ \t]*((?:>[ \t]?)+)")


def _older_messages(text: str, plausible: list[Hit], negated: set[int], not_counted: list[dict[str, Any]]) -> None:
    """In an e-mail thread the newest message is the least quoted; a tool that every mention of it there says is
    not used is not asked for by the older, more quoted messages either ("Hive: gone" above "> > Spark, Hive")."""
    if not _QUOTED_MESSAGE.search(text):
        return  # quoted lines, but no thread: a blockquote in a posting

    def depth(at: int) -> int:
        line = text.rfind("\n", max(0, at - LINE_REACH), at) + 1
        m = _QUOTE_MARKS.match(text, line) if line > 0 or at <= LINE_REACH else None
        return m.group(1).count(">") if m else 0

    groups: dict[str, list[tuple[int, Hit]]] = {}
    for h in plausible:
        groups.setdefault(min(h.nodes), []).append((depth(h.start), h))
    for mentions in groups.values():
        newest = min(d for d, _ in mentions)
        if all(id(h) in negated for d, h in mentions if d == newest):
            for d, h in mentions:
                if d > newest and id(h) not in negated:
                    negated.add(id(h))
                    not_counted.append({"term": h.text, "at": h.start,
                                        "why": "negated: a newer message of the thread says it is not used"})


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the cells of a table row (between its bars)."""
    bars = [i for i in range(start, end) if text[i] == "|"]
    return [(a + 1, b) for a, b in zip(bars, bars[1:])]


#: How long (characters) a line holding a heading is at most.
HEADING_LENGTH = 80


def _line_length(text: str, start: int) -> int:
    """The length of the line that starts at ``start``."""
    end = text.find("\n", start, start + HEADING_LENGTH + 1)
    return (end if end >= 0 else min(len(text), start + HEADING_LENGTH + 1)) - start


def _left_out(text: str, low: str, plausible: list[Hit], negated: set[int], not_counted: list[dict[str, Any]],
              skill_keys: frozenset[str], hints: _Hints) -> None:
    """What a posting leaves out by its layout: the lines under a heading such as "What you won't need" or
    "Not needed", the tools a history section names as used once ("A bit of history"), and a question naming
    tools whose short answer is no ("Do I need Spark? Honestly, no.")."""
    ranges: list[tuple[int, int, str, bool]] = []
    parts: list[int] | None = None
    if hints.everywhere:  # the lines a heading could stand on
        lines = [0] + [m.start() + 1 for m in _HEADING_START.finditer(text)]
    else:  # the short lines that hold a word of a heading
        lines = [line for line in _line_starts(low, hints.at(*_HEADING_KEYS))
                 if _line_length(text, line) <= HEADING_LENGTH or text.startswith(("**", "__"), line)  # or a bold label
                 or _HISTORY_LABEL.match(low, line)]  # or a history label with its paragraph on its line
    headings = [(m, past) for line in lines for rx, past in ((NEGATION_HEADING, False), (HISTORY_HEADING, True))
                for m in (rx.match(text, line),) if m is not None]
    for k, (m, past) in enumerate(headings):
        if parts is None:
            parts = [n.start() for n in _NEXT_PART.finditer(text)]
        body = _skip_space(text, m.end())
        i = bisect.bisect_right(parts, body)
        # a section ends at the next part, at the next heading, or where _SECTION_END says (looked for up to there only)
        end = min(parts[i] if i < len(parts) else len(text), headings[k + 1][0].start() if k + 1 < len(headings) else len(text))
        end = max(end, body)
        stop = _SECTION_END.search(text, body, end)
        ranges.append((m.end(), stop.start() if stop else end, f"under the heading '{m.group('h').strip()}'", past))
    if "|" in text and any(w in low for w in _NOT_USED_COLUMN_HINTS):
        ranges += _not_used_column(text)
    if "|" in text:
        ranges += _row_labels(text)
    for q in _hint_positions(text, ("?", "？")):
        answer = NEGATIVE_ANSWER.match(text, q + 1)
        if answer is None:
            continue
        said = " ".join(text[answer.start():answer.end()].split()).strip("*_ ")
        ranges.append((_start_back(_QUESTION_START, text, q, QUESTION_REACH), q, f"the answer to its question is '{said}'", False))
    if not ranges:
        return
    starts = [h.start for h in plausible]
    decided = sorted(h.start for h in plausible if id(h) in negated and h.key not in skill_keys)  # tools the rules negated
    for lo, hi, why, past in ranges:
        for h in plausible[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]:
            if id(h) in negated or h.end > hi:
                continue
            if past and (h.key in skill_keys or DESTINATION_BEFORE.search(text, max(lo, h.start - 48), h.start)):
                continue  # a skill, or where the team went: "…and we replaced it with plain Go consumers"
            on = _WHOLE_SENTENCE_END.search(text, h.end, h.end + SENTENCE_REACH)
            if _any_in(decided, _start_back(_WHOLE_SENTENCE_BACK, text, h.start, SENTENCE_REACH),
                       on.start() if on else h.end + SENTENCE_REACH):
                continue  # "No Python here: even the tooling is Go": beside what the rules negated stands its replacement
            negated.add(id(h))
            not_counted.append({"term": h.text, "at": h.start, "why": f"negated: {why}"})


#: "we used to run our nightly batch on Hive": what a team used to do with a tool, up to where the clause ends
#: or turns to the present ("now", "today", "but").
_USED_TO = re.compile(r"used\s+to\s+(?!be\s+(?:able|allowed|called)\b)")
_ACCUSTOMED = re.compile(r"\b(?:am|is|are|was|were|be|been|being|get|gets|got|getting|become|became)\s+(?:\w+\s+)?$")
#: A purpose, not a habit: the thing "used to" do something, named by a noun of data or code right before it ("the
#: features used to score each claim", "the loading history used to predict overheating").
_PURPOSE = re.compile(r"\b(?:features?|data(?:sets?)?|history|models?|signals?|inputs?|metrics?|scores?|tools?|code|scripts?|"
                      r"queries|query|tables?|logs?|records?|samples?|labels?|embeddings?|methods?|techniques?|algorithms?)\s+$")
_USED_TO_END = re.compile(r"[.!?;:。；：！？，](?=\s|$)|[。；！？，\n]|\b(?:now|today|currently|still|instead|nowadays|but|whereas|while|then|"
                          r"these\s+days|replaced|moved|migrated|switched)\b")


def _used_to(text: str, low: str, plausible: list[Hit], negated: set[int], not_counted: list[dict[str, Any]],
             hints: _Hints) -> None:
    """What a team used to do with a tool is past: the tools after "used to" in its clause ("we used to run our
    nightly batch on Hive over a Hadoop cluster"), not one after "now" or "but", and not when someone is used
    to a tool ("we are used to Spark")."""
    if "used to" not in low or len(low) != len(text):
        return
    starts = [h.start for h in plausible]
    for m in _at_hints(_USED_TO, low, hints):
        if _ACCUSTOMED.search(low, max(0, m.start() - 24), m.start()) or \
                _CONDITION.search(text, clause_start(text, m.start()), m.start()) or \
                _PURPOSE.search(low, max(0, m.start() - 24), m.start()):
            continue
        end = _USED_TO_END.search(low, m.end(), m.end() + CLAUSE_REACH)
        hi = end.start() if end else min(len(text), m.end() + CLAUSE_REACH)
        for h in plausible[bisect.bisect_left(starts, m.end()):bisect.bisect_left(starts, hi)]:
            if id(h) not in negated:
                negated.add(id(h))
                not_counted.append({"term": h.text, "at": h.start, "why": "negated: 'used to' (what the team did before)"})


#: A Chinese topic that ends its clause ("Docker、K8s 这一类部署工具，") and a next clause that begins by saying it
#: is not needed ("应聘时不必具备"): the tools of the topic are not asked for.
_ZH_TOPIC_END = re.compile(r"(?:之类的?|之類的?|这一?类|這一?類|这种|這種|此类|此類|等|这些|這些)[^，,。；;\n]{0,8}[，,]")
_ZH_TOPIC_NEG = re.compile(r"[^，,。；;\n]{0,10}?(?:不必|不需要|无需|無需|不用|不会|不會|不要求|不作要求|不做要求|不考察|无关|無關|"
                           r"(?:没有|沒有)(?:任何)?(?:关系|關係)|用不上|用不到|非必[需须須要])")
_ZH_CLAUSE_START = re.compile(r"(?s:.*)[，,。；;：:\n]")


#: A Chinese clause that ends with a tool and a noun of its kind ("Azure 環境，"), whose next clause says it ended
#: ("合約結束後帳號已註銷").
_ZH_TOPIC_NOUN = re.compile(r"\s*(?:环境|環境|集群|叢集|系统|系統|平台|账号|帳號|账户|帳戶|服务|服務|作业|作業|任务|任務)[，,]")
_ZH_COMMENT_ENDED = re.compile(r"[^，,。；;\n]{0,16}?(?:" + DISCONTINUED_ZH + r")")
#: A Chinese clause that ends with a tool and says it was tried ("Spark 我们评估过，"), whose next clause says it
#: was not taken up ("最后没有采用").
_ZH_TRIED = re.compile(r"\s*(?:我们|我們|团队|團隊|之前|以前|曾经|曾經|也)?\s*(?:试过|試過|试用过|試用過|评估过|評估過|测试过|測試過|"
                       r"调研过|調研過)[^，,。；;\n]{0,8}[，,]")
_ZH_NOT_ADOPTED = re.compile(r"[^，,。；;\n]{0,8}?(?:没有|沒有|未|没|沒)(?:采用|採用|选用|選用|上线|上線|落地|留下来|留下來|保留|留用)")


def _zh_topics_ended(text: str, plausible: list[Hit], hints: _Hints) -> Iterator[re.Match[str]]:
    """The ends of Chinese topic clauses "X 環境，" whose next clause says the thing ended, or "X 我们试过，" whose
    next clause says it was not taken up (as ``_ZH_TOPIC_END`` matches, so that ``_chinese_topic`` takes them the
    same way)."""
    if text.isascii():
        return
    for h in plausible:
        m = _ZH_TOPIC_NOUN.match(text, h.end)
        if m and _ZH_COMMENT_ENDED.match(text, m.end()):
            yield m
        m = _ZH_TRIED.match(text, h.end)
        if m and _ZH_NOT_ADOPTED.match(text, m.end()):
            yield m


def _chinese_topic(text: str, plausible: list[Hit], negated: set[int], not_counted: list[dict[str, Any]],
                   hints: _Hints) -> None:
    """A Chinese topic clause whose comment says it is not needed speaks of the tools it names: "Kubernetes、Triton
    推理服务之类的工程栈，应聘时不必具备"."""
    starts: list[int] = []
    found = (_ZH_TOPIC_END.finditer(text) if hints.everywhere else
             filter(None, (_ZH_TOPIC_END.match(text, p) for p in hints.at(*_ZH_TOPIC_KEYS))))
    found = itertools.chain(found, _zh_topics_ended(text, plausible, hints))
    for m in found:
        neg = _ZH_TOPIC_NEG.match(text, m.end()) or _ZH_COMMENT_ENDED.match(text, m.end()) or _ZH_NOT_ADOPTED.match(text, m.end())
        if neg is None or _CONDITION.search(text, m.end(), neg.end()):
            continue
        if not starts:
            starts = [h.start for h in plausible]
        lo = _start_back(_ZH_CLAUSE_START, text, m.start(), CLAUSE_REACH)
        said = text[m.end():neg.end()].strip()
        for h in plausible[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, m.start())]:
            if id(h) not in negated:
                negated.add(id(h))
                not_counted.append({"term": h.text, "at": h.start, "why": f"negated: its topic is followed by '{said}'"})


#: A sentence about the candidate's own job ("My current job is mostly Azure and a lot of GitLab CI"): its tools
#: are the candidate's, not the role's.
_CANDIDATES_OWN = re.compile(r"\b(?:my|his|her)\s+(?:current|present|last|previous|old|day)\s+(?:job|role|team|company|employer|"
                             r"position|stack|work|place|shop|gig)\b|\bI\s+(?:currently|mostly|mainly)\s+(?:use|work\s+(?:with|in|on)|run|write)\b|"
                             r"\b(?:my|his|her)\s+(?:background|experience|expertise|cv|resume)\s+(?:is|has\s+been|was|includes?)\b|"
                             r"\bI(?:['’]ve|\s+have)\s+(?:done|used|worked\s+(?:with|on|in))\b", re.IGNORECASE)
#: What an earlier version of the posting said: "The old spec mentions Azure." (not "The official JD says Docker").
_SPEC_SAYS = re.compile(r"(?:spec|posting|advert|jd)\s+(?:mentions|lists|says|asks\s+for)\b", re.IGNORECASE)
_OLD_SPEC = re.compile(r"\b(?:old|original|earlier|previous|first|draft|outdated)\s+$", re.IGNORECASE)
#: A tool that was tried ("we trialled Databricks", "a Snowflake pilot") in a sentence that says the trial ended.
_TRIALLED = re.compile(r"\b(?:trialled|trialed|piloted|evaluated|tested|tried(?:\s+out)?|experimented\s+with)\s+(?:the\s+|a\s+)?$",
                       re.IGNORECASE)
_TRIAL_NOUN = re.compile(r"\s+(?:pilot|trial|evaluation|poc|proof\s+of\s+concept|experiment)\b|"
                         r"\s+(?:was|were|got|has\s+been|had\s+been)\s+(?:trialled|trialed|piloted|evaluated|tested|tried)\b",
                         re.IGNORECASE)
#: What stands between a tool and the word of its trial after it: nothing, or "was" ("Kafka was trialled in 2024").
_TRIAL_GAP = re.compile(r"\s{0,2}|\s+(?:was|were|got|has\s+been|had\s+been)\s+", re.IGNORECASE)
_TRIAL_ENDED = re.compile(r"\bwe\s+(?:cancell?ed|stopped|ended|dropped|abandoned)\b|"
                          r"\b(?:(?:the\s+)?(?:trial|pilot|evaluation|experiment|poc|proof\s+of\s+concept)\s+(?:ended|(?:was\s+)?(?:stopped|"
                          r"dropped|cancell?ed|abandoned|shelved|ended|not\s+extended))|and\s+(?:then\s+|later\s+)?(?:dropped|abandoned|"
                          r"shelved|cancell?ed|scrapped|binned|rejected|retired)|(?:did\s+not|didn['’]t)\s+(?:renew|adopt|buy|"
                          r"go\s+ahead|continue|proceed)|passed\s+on\s+(?:it|them)|decided\s+against|never\s+went\s+(?:live|further|"
                          r"into\s+production))\b", re.IGNORECASE)


def _said_of_something_else(text: str, plausible: list[Hit], negated: set[int], not_counted: list[dict[str, Any]],
                            hints: _Hints) -> None:
    """Tools a sentence names for something other than the role: the candidate's own job, and a trial that
    ended ("We trialled Databricks for six months; the trial ended and we did not renew")."""
    if hints.everywhere:
        return
    trials = hints.at(*_TRIAL_KEYS)
    own = [p for p in hints.at(*_OWN_KEYS) if _CANDIDATES_OWN.match(text, p)] + \
        [p for p in hints.at(*_SPEC_KEYS) if _SPEC_SAYS.match(text, p) and _OLD_SPEC.search(text, max(0, p - 24), p)]
    own.sort()
    if not trials and not own:
        return
    starts = [h.start for h in plausible]
    for p in trials:  # "trialled Databricks", "a Snowflake pilot": the tool right after the word, or right before it
        i = bisect.bisect_left(starts, p)
        for h in plausible[max(0, i - 1):i + 1]:
            if id(h) in negated or not (0 < h.start - p <= 24 or 0 <= p - h.end <= 24 and _TRIAL_GAP.fullmatch(text, h.end, p)):
                continue
            if not (_TRIALLED.search(text, max(0, h.start - 24), h.start) or _TRIAL_NOUN.match(text, h.end)):
                continue
            on = _WHOLE_SENTENCE_END.search(text, h.end, h.end + SENTENCE_REACH)
            if on:  # its sentence and the next ("A Databricks trial happened in 2024. We cancelled before the first invoice")
                on = _WHOLE_SENTENCE_END.search(text, on.end(), on.end() + SENTENCE_REACH) or on
            found = _TRIAL_ENDED.search(text, h.end, on.start() if on else h.end + SENTENCE_REACH)
            if found:
                negated.add(id(h))
                not_counted.append({"term": h.text, "at": h.start, "why": f"negated: a trial that ended ('{found.group()}')"})
    for p in own:  # "My current job is mostly Azure and a lot of GitLab CI": to the end of its sentence
        on = _WHOLE_SENTENCE_END.search(text, p, p + SENTENCE_REACH)
        for h in plausible[bisect.bisect_left(starts, p):bisect.bisect_left(starts, on.start() if on else p + SENTENCE_REACH)]:
            if id(h) not in negated:
                negated.add(id(h))
                not_counted.append({"term": h.text, "at": h.start, "why": "negated: the candidate's own job, not this role's"})


#: How far (characters) a note in brackets may reach each way from the list it holds.
NOTE_REACH = 60


def _note_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The inside of the brackets holding text[start:end] on its line ("(TensorFlow Serving retired in 2024)"), if any."""
    lo = max(0, start - NOTE_REACH)
    opening = max(text.rfind("(", lo, start), text.rfind("（", lo, start))
    if opening < 0 or any(c in text[opening:start] for c in ")）\n"):
        return None
    hi = min(len(text), end + NOTE_REACH)
    closes = [i for i in (text.find(")", end, hi), text.find("）", end, hi)) if i >= 0]
    if not closes or "\n" in text[end:min(closes)]:
        return None
    return opening + 1, min(closes)


def _sentence_cue(text: str, head: Hit, tail: Hit, lo: int, hi: int, named: Callable[[int, int], bool],
                  note: bool) -> str | None:
    """The cue of the last resort in text[lo:hi] that speaks of the list from ``head`` to ``tail``: after it (with
    no other name between, of the graph or capitalised: "GitHub Actions - Luigi was retired"), or before it as its
    verb. ``named(a, b)``: whether a mention of the graph starts in [a, b)."""
    for cue in SENTENCE_NEGATION_AFTER.finditer(text, tail.end, hi):
        if named(tail.end, cue.start()) or (not note and (_ANOTHER_NAME.search(text, tail.end, cue.start()) or
                                                         _CLAUSE_BREAK.search(text, tail.end, cue.start()))):
            return None
        if not SENTENCE_NEGATION_NOT.search(text, max(0, cue.start() - 24), cue.start()) and \
                not SENTENCE_NEGATION_OTHER.match(text, cue.start()):
            return cue.group()
    last = None
    for last in SENTENCE_NEGATION_BEFORE.finditer(text, lo, head.start):
        pass
    if last is None:
        return None
    gap = text[last.end():head.start]
    if len(gap.split()) > SENTENCE_NEGATION_WORDS or SENTENCE_NEGATION_GAP.search(gap) or named(last.end(), head.start) or \
            SENTENCE_NEGATION_NOT.search(text, max(0, last.start() - 24), last.start()):
        return None
    return last.group()


#: A new clause between a list and a cue after it: its subject is someone else ("…to Airflow, and the old scripts were
#: retired").
_CLAUSE_BREAK = re.compile(r",\s*(?:and|but|so|then|while|whereas|or|although|though)\b|\b(?:and|but|so|while|whereas)\s+"
                           r"(?:the|our|its|their|all|every|we|they|it|he|she|you)\b|[;；]", re.IGNORECASE)
#: A capitalised word inside a sentence: another name, perhaps one the graph does not know.
_ANOTHER_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b(?-i:[A-Z])[\w-]*[a-z]")
_NEGATIVE_SENTENCE_END_BACK = re.compile(r"(?s:.*)(?:" + SENTENCE_NEGATION_END.pattern + ")")


def _shares_sentence(text: str, hits: list[Hit], ends: tuple[int, int], chain: list[Hit], mine: set[int]) -> bool:
    """Whether another name of the graph (not of the list ``chain``, whose ids are ``mine``; its head and tail are
    hits[ends[0]] and hits[ends[1]]) stands in the list's sentence: looked for from the list outwards, mention by
    mention, until a sentence end or the reach."""
    lo, hi = chain[0].start - NEGATIVE_SENTENCE_REACH, chain[-1].end + NEGATIVE_SENTENCE_REACH
    for step, i, edge in ((-1, ends[0], chain[0]), (1, ends[1], chain[-1])):
        j, near = i + step, edge
        while 0 <= j < len(hits):
            other = hits[j]
            a, b = (other.end, near.start) if step < 0 else (near.end, other.start)
            if hi < other.start or other.end < lo or (b > a and SENTENCE_NEGATION_UNIT.search(text, a, b)):
                break
            if id(other) not in mine and all(other.nodes.isdisjoint(h.nodes) for h in chain):
                return True
            j, near = j + step, other
    return False


def _hint_positions(low: str, hints: tuple[str, ...]) -> list[int]:
    """Sorted positions of every occurrence of the literal ``hints`` in ``low``."""
    out: list[int] = []
    for hint in hints:
        i = low.find(hint)
        while i >= 0:
            out.append(i)
            i = low.find(hint, i + 1)
    return sorted(out)


#: Case-sensitive twins of case-insensitive patterns, by pattern text (hashing a compiled pattern is slow).
_CASE_SENSITIVE: dict[tuple[str, int], re.Pattern[str]] = {}


def _case_sensitive(rx: re.Pattern[str]) -> re.Pattern[str]:
    key = (rx.pattern, rx.flags)
    twin = _CASE_SENSITIVE.get(key)
    if twin is None:
        twin = _CASE_SENSITIVE[key] = re.compile(_CASE_SENSITIVE_FORM.get(rx.pattern, rx.pattern), rx.flags & ~re.IGNORECASE)
    return twin


def find_folded(rx: re.Pattern[str], text: str, low: str | None = None) -> Iterator[tuple[int, int]]:
    """The spans of a case-insensitive pattern of lowercase phrases (``compile_phrases``) in ``text``.

    Matching the lowercased text case-sensitively is about twice as fast as matching it
    case-insensitively; when lowercasing changes the text's length (a few Unicode letters),
    the pattern runs as it is.

    >>> list(find_folded(re.compile("spark", re.IGNORECASE), "Spark, SPARK"))
    [(0, 5), (7, 12)]
    """
    low = text.lower() if low is None else low
    if len(low) != len(text):
        return iter(scan(rx, text))
    return iter(scan(_case_sensitive(rx), low))


_EXPANSION = re.compile(r"\s?[(（]\s*([^()（）\n]{2,40}?)\s*[)）]")
#: A longer note in brackets whose first words spell out the code ("AWS (automatic weather stations — yes, we know…)").
_LONG_EXPANSION = re.compile(r"\s?[(（]\s*([^()（）\n,;:—–-]{2,40}?)\s*(?:[,;:]|\s[—–-]\s)[^()（）\n]{0,120}[)）]")
_INITIAL = re.compile(r"[A-Za-z]+")


def _names_the_tool(phrase: str, h: Hit, vocab: Vocabulary) -> bool:
    """Whether ``phrase`` names the technology of ``h`` itself (its full name or another alias)."""
    return any(vocab.nodes.get(_term_key(phrase[a:b]), set()) & h.nodes for a, b in find_folded(vocab.pattern, phrase))


def _spelled_out(text: str, hits: list[Hit], vocab: Vocabulary) -> dict[str, str]:
    """Abbreviations the posting spells out as something other than the tool, by their initials ("HF
    (heart failure)", "CV (curriculum vitae)") or in Chinese ("HF（心臟衰竭）"): every mention of them
    in the posting means that."""
    out: dict[str, str] = {}
    starts: list[int] = []  # the hits' starts, found when first needed
    for h in hits:
        if not (h.text.isupper() and len(h.text) <= 4 and h.key not in out):
            continue
        m = _EXPANSION.match(text, h.end) or _LONG_EXPANSION.match(text, h.end)
        if m is None:
            continue
        inside = m.group(1)
        if not inside.isascii() and not starts:
            starts = [o.start for o in hits]
        if not inside.isascii() and (TECH_CONTEXT.search(text, max(0, h.start - 20), h.start) or
                                     _beside_another_name(hits, starts, h, m.end())):
            continue  # "雲平台：AWS（香港及新加坡區域）", "阿里云与AWS（海外区服）上": a note on the technology, not a definition
        if _names_the_tool(inside, h, vocab):
            continue  # "TF (TensorFlow)": the tool spelled out
        words = _INITIAL.findall(inside)
        initials = "".join(w[0] for w in words).lower()
        chinese = not inside.isascii() and not words
        defined = (h.rule is not None and len(words) >= 2 and (
                       (words[0].lower() in ("the", "a", "an") and any(w[:1].isupper() for w in words[1:]))
                       or _PLACE_NAME.search(inside) is not None)  # "JAX (the Port of Jacksonville)", "(… International Airport)",
                   and not TECH_CONTEXT.search(inside) and not TECH_CUES.search(inside))  # not "(the group uses both)"
        if (len(words) >= 2 and initials == h.text.lower()) or (chinese and h.rule is not None) or defined:
            out[h.key] = f"{h.text} ({inside})"
    for h in hits:  # the other order: "automatic weather stations (AWS)"
        if not (h.text.isupper() and 2 <= len(h.text) <= 4 and h.key not in out) or \
                text[h.start - 1:h.start] not in ("(", "（") or text[h.end:h.end + 1] not in (")", "）"):
            continue
        before = text[max(0, h.start - 80):h.start - 1].rstrip()
        words = [w for w in _INITIAL.findall(before)[-len(h.text) - 2:] if w.lower() not in _SMALL_WORDS][-len(h.text):]
        if len(words) >= 2 and words[-1] in _PLACE_WORDS and before.endswith(words[-1]):
            words = words[:-1]  # "Jacksonville International (JAX)": the place is the name before the word
        if len(words) < 2 or "".join(w[0] for w in words).lower() != h.text.lower():
            # or one name and its code ("Jacksonville (JAX)", "Atlanta (ATL)"): same first letter, longer
            last = words[-1:] if before.endswith(tuple(words[-1:])) else []
            last = last or (words[-1:] if words and before.endswith(tuple(words[-1] + " " + p for p in _PLACE_WORDS)) else [])
            if not (last and last[0][:1].isupper() and last[0][:1] == h.text[:1] and len(last[0]) > len(h.text) + 2):
                continue
            words = last
        phrase = before[before.rfind(words[0]):]
        if _names_the_tool(phrase, h, vocab) or vocab.nodes.get(_term_key(words[-1])):
            continue  # "Amazon Web Services (AWS)": the tool spelled out
        out[h.key] = f"{phrase} ({h.text})"
    return out


#: A place's name in a parenthesis after a short name: what the name stands for ("JAX (Jacksonville International Airport)").
_PLACE_NAME = re.compile(r"\b(?-i:[A-Z])\w+\s+(?:International\s+)?(?:Airport|Port|Harbou?r|Station|Terminal|Air\s+Base|University|Hospital)\b")
#: A title in italics that starts with an article ("*The Last Torch*", "_A Kafka Reader_"): a book, a game, a film.
_ITALIC_TITLE = re.compile(r"([*_])(?<![*\w][*_])(?:The|A|An)\s+[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|the|and|in|on|at|to|for))+\1(?![*\w])")


#: The address lines of an e-mail ("To: Annika Helm"): the names on them are people.
_EMAIL_HEADER = re.compile(r"^[ \t>]*(?:From|To|Cc|Bcc)[ \t]*:[^\n]*", re.MULTILINE)
#: A sign-off and the name under it ("Best,\nAnnika Helm").
_SIGN_OFF = re.compile(r"^[ \t>]*(?:best|regards|thanks|cheers|kind\s+regards|best\s+regards|warm\s+regards|many\s+thanks|"
                       r"sincerely|best\s+wishes|thank\s+you)[ \t]*[,!.]?[ \t]*\n[ \t>]*((?-i:[A-Z])[\w'’.-]*(?:[ \t]+(?-i:[A-Z])[\w'’.-]*){0,2})[ \t]*$",
                       re.IGNORECASE | re.MULTILINE)
#: A job board's list of other jobs ("Similar jobs", "People also viewed"): the names in it are other companies.
_OTHER_JOBS = re.compile(r"^[ \t#*]*(?:(?:similar|related|recommended|other|more)\s+(?:jobs|roles|positions|openings)(?:\s+[\w'’]+){0,3}|"
                         r"people\s+also\s+(?:viewed|applied\s+(?:to|for))|jobs\s+you\s+(?:may|might)\s+(?:like|also\s+like)|"
                         r"相似职位|相关职位|推荐职位|相似職缺|相關職缺|推薦職缺)[ \t*]*[:：]?[ \t]*$", re.IGNORECASE | re.MULTILINE)


#: What the address lines of an e-mail hold (found with str.find once the posting is an e-mail), and what a title
#: in italics starts with.
_EMAIL_HINTS = ("from:", "to:", "cc:", "bcc:")
def _lines_with(low: str, hints: tuple[str, ...]) -> list[int]:
    """The starts of the lines of ``low`` that hold one of ``hints``, sorted."""
    return _line_starts(low, _hint_positions(low, hints))


def _line_starts(low: str, positions: list[int]) -> list[int]:
    """The starts of the lines that hold these (sorted) positions, sorted and without repeats: each look back
    stops at the position before, so a long line of many positions costs one pass."""
    out: list[int] = []
    prev = 0
    for p in positions:
        nl = low.rfind("\n", prev, p)
        if nl >= 0 or not out:
            start = nl + 1 if nl >= 0 else low.rfind("\n", 0, p) + 1
            if not out or start != out[-1]:
                out.append(start)
        prev = p
    return out


def _not_about_the_role(text: str, low: str, hints: _Hints) -> list[tuple[int, int, str]]:
    """The parts of a posting that name things other than the role's technology, sorted and disjoint: titles in
    italics ("*The Last Torch*"), the address lines and sign-offs of an e-mail (people), and a job board's list
    of other jobs (companies)."""
    out: list[tuple[int, int, str]] = []
    if hints.everywhere:  # positions in the lowercase text do not map back: titles are looked for in the text itself
        return [(*m.span(), "a title in italics") for m in _ITALIC_TITLE.finditer(text)] if "*" in text or "_" in text else []
    for p in hints.at(*_TITLE_KEYS):
        m = _ITALIC_TITLE.match(text, p)
        if m and (not out or m.start() >= out[-1][1]):
            out.append((*m.span(), "a title in italics"))
    if "from:" in low or "from :" in low:  # an e-mail: its address lines, and the names signed under it
        for m in filter(None, (_EMAIL_HEADER.match(text, line) for line in _lines_with(low, _EMAIL_HINTS))):
            out.append((*m.span(), "a person (an e-mail's address line)"))
        for m in filter(None, (_SIGN_OFF.match(text, line) for line in _line_starts(low, hints.at(*_SIGN_OFF_KEYS)))):
            out.append((*m.span(1), "a person (under a sign-off)"))
    jobs = [line for line in _line_starts(low, hints.at(*_OTHER_JOBS_KEYS)) if _line_length(text, line) <= HEADING_LENGTH]
    for m in filter(None, (_OTHER_JOBS.match(text, line) for line in jobs)):
        stop = _SECTION_END.search(text, _skip_space(text, m.end()))
        out.append((m.end(), stop.start() if stop else len(text), "a company in a job board's list of other jobs"))
    kept: list[tuple[int, int, str]] = []
    for span in sorted(out):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)  # disjoint: of two that overlap, the first
    return kept


#: Words after a place's name, before its code in brackets ("Jacksonville International (JAX)").
_PLACE_WORDS = ("International", "Airport", "Intl")


def _beside_another_name(hits: list[Hit], starts: list[int], h: Hit, end: int) -> bool:
    """Whether another name of the graph stands right before ``h`` or right after its brackets (ending at
    ``end``): a list of technologies ("阿里云与AWS（海外区服）"), not a definition. ``starts``: the hits' starts."""
    near = hits[bisect.bisect_left(starts, h.start - 40):bisect.bisect_right(starts, end + 4)]
    return any(o is not h and o.nodes.isdisjoint(h.nodes) and (0 <= h.start - o.end <= 4 or 0 <= o.start - end <= 4)
               for o in near)


#: Words an abbreviation usually leaves out of its initials ("Department of Health (DH)").
_SMALL_WORDS = frozenset("of and the for & in on to".split())


def find_mentions(text: str, vocab: Vocabulary) -> Mentions:
    """Every mention of a graph term, decided one by one: counted (with its level) or not (with why)."""
    hits: list[Hit] = []
    if "唔" in text or "冇" in text:
        text = text.replace("唔使", "不用").translate(_CANTONESE)  # "唔使識": no need to know
    low = text.lower()
    spellings = vocab.spelled  # per spelling found: its key, nodes and rule (worked out once per vocabulary)
    for a, b in find_folded(vocab.pattern, text, low):
        word = text[a:b]
        known = spellings.get(word)
        if known is None:
            key = _term_key(word)
            known = spellings[word] = (key, vocab.nodes.get(key), _RULE_FOR(key))
            if len(spellings) > CACHED:
                spellings.clear()
        key, nodes, rule = known
        if nodes:
            if len(hits) == MAX_MENTIONS:
                text, low = text[:a], low[:a]
                break
            hits.append(Hit(key, word, a, b, nodes, rule))
    not_counted: list[dict[str, Any]] = []
    everyday: dict[str, str] = {}  # per term, the everyday sense its first such mention has (for one sense per posting)
    plausible: list[Hit] = []
    spelled = _spelled_out(text, hits, vocab)
    hints = _Hints.of(low) if len(low) == len(text) else _EVERYWHERE
    folded = low if foldable(text, low) else None  # where the case-insensitive patterns may run as lowered twins
    elsewhere = _not_about_the_role(text, low, hints)
    starts_elsewhere = [a for a, _, _ in elsewhere]
    for h in hits:
        i = bisect.bisect_right(starts_elsewhere, h.start) - 1 if elsewhere else -1
        if i >= 0 and h.end <= elsewhere[i][1]:
            not_counted.append({"term": h.text, "at": h.start, "why": f"everyday sense: {elsewhere[i][2]}"})
            everyday.setdefault(h.key, elsewhere[i][2])
            continue
        if h.key in spelled:
            meaning = f"an abbreviation of something else (the posting spells it out: '{spelled[h.key]}')"
            not_counted.append({"term": h.text, "at": h.start, "why": f"everyday sense: {meaning}"})
            everyday.setdefault(h.key, meaning)
            continue
        if h.rule is None and h.key not in ORDINARY and text[h.end:h.end + 1] not in _ADJECTIVE_FIRST:
            plausible.append(h)  # an unambiguous name, not followed by what would make it an adjective
            continue
        decided = _sense(text, h, vocab, folded)
        if decided:
            not_counted.append({"term": h.text, "at": h.start, "why": decided[0]})
            if decided[1]:
                everyday.setdefault(h.key, decided[1])
        else:
            plausible.append(h)
    ends: list[_Bounds] = []  # the posting's sentence ends, found once when first needed
    plausible = _everyday_sentences(text, plausible, vocab, not_counted, everyday, low, ends)
    if not plausible:
        return Mentions({}, set(), not_counted)
    negated: set[int] = set()
    prev_end = 0
    bound = 0  # a negation cue before a list reaches back to here: the last list that named a tool or was negated
    prev_why = ""
    listed: set[int] = set()
    near_cue: list[list[Hit]] = []  # the lists no rule negated with a negation word near: the last resort looks at them
    chains = _chains(text, plausible, folded)
    skill_keys = vocab.skill_keys
    for k, chain in enumerate(chains):
        if len(chain) > 1:
            listed.update(id(h) for h in chain)
        decision = _negation(text, chain, bound, hints, chains[k + 1:k + 5], folded)
        glue = text[prev_end:chain[0].start] if prev_why and chain[0].start - prev_end <= 12 else ""
        activity = prev_why
        prev_why = ""
        if decision is None and glue and NEGATED_ACTIVITY_GLUE.match(glue):
            # "no coding in Python": the negated activity (a skill, not a tool: "replaced Jenkins
            # with GitHub Actions" names the replacement) takes the tool it is done with along
            decision = f"{activity} (the activity done '{glue.strip()}' it)", chain
        skills = chain[0].key in skill_keys if len(chain) == 1 else all(h.key in skill_keys for h in chain)
        if decision and decision[1] is chain and skills:
            prev_why = decision[0]
        prev_end = chain[-1].end
        if decision or not skills:
            bound = prev_end  # a skill the cue is about reaches through ("switched orchestration from Airflow")
        if decision:
            why, which = decision
            for h in which:
                negated.add(id(h))
                not_counted.append({"term": h.text, "at": h.start, "why": why})
        elif hints.last_resort(chain[0].start - NEGATION_LOOK, chain[-1].end + NEGATION_LOOK):
            near_cue.append(chain)
    _anaphora(text, low, plausible, negated, not_counted, hints)
    if len(low) == len(text):
        _chinese_history(text, plausible, negated, not_counted)
    _another_teams_work(text, low, plausible, negated, not_counted, hints)
    _negative_sentence(text, hits, near_cue, negated, not_counted, hints)
    if negated:
        _same_sentence(text, plausible, negated, not_counted)
        _negated_elsewhere(text, plausible, negated, listed, not_counted)
    # last, so that what they decide does not spread to a tool's other mentions: what a team used to do, a Chinese
    # topic that is not needed, and what the layout leaves out
    _used_to(text, low, plausible, negated, not_counted, hints)
    _chinese_topic(text, plausible, negated, not_counted, hints)
    _left_out(text, low, plausible, negated, not_counted, skill_keys, hints)
    _said_of_something_else(text, plausible, negated, not_counted, hints)
    if "\n>" in text:
        _older_messages(text, plausible, negated, not_counted)
    _asides_of_the_past(text, plausible, negated, not_counted, skill_keys, hints)
    plausible = _one_sense(text, plausible, not_counted, negated, everyday)
    accepted = _in_context(text, plausible, negated, not_counted, low, ends)
    bonus = _bonus_ranges(text, low, accepted, hints, folded)
    starts = [lo for lo, _ in bonus]
    levels: dict[str, set[str]] = {}
    found: dict[str, list[str]] = {}
    for h in accepted:
        i = bisect.bisect_right(starts, h.start) - 1
        if i >= 0 and h.end <= bonus[i][1]:
            h.level = "bonus"
        for n in sorted(h.nodes):
            levels.setdefault(n, set()).add(h.level)
            seen = found.setdefault(n, [])
            if h.text not in seen:
                seen.append(h.text)
    senses = [{"term": h.text, "at": h.start, "why": h.why} for h in accepted if h.why]
    not_counted.sort(key=lambda r: r["at"])
    return Mentions(found, {h.key for h in accepted}, not_counted, senses,
                    {n: "bonus" for n, lv in levels.items() if lv == {"bonus"}}, [(h.start, h.end, h.key) for h in accepted])


def _bonus_ranges(text: str, low: str, accepted: list[Hit], found: _Hints, folded: str | None = None) -> list[tuple[int, int]]:
    """Where the posting calls what it names a bonus, sorted and merged: the clauses around the few bonus
    words near a counted mention ("Helm is a plus"), and the sections under a bonus heading or label."""
    hints = _hint_positions(low, _BONUS_KEYS) if found.everywhere else found.at(*_BONUS_KEYS)
    if not hints:
        return []
    ranges: list[tuple[int, int]] = []
    starts = [h.start for h in accepted]
    for p in hints:
        if ranges and ranges[-1][0] <= p < ranges[-1][1]:
            continue
        if not _any_in(starts, p - CLAUSE_REACH, p + CLAUSE_REACH):
            continue  # no counted mention within a clause's reach: this clause could mark none
        lo, hi = clause_start(text, p), clause_end(text, p)
        if _BONUS_LOW.search(folded, lo, hi) if folded and _BONUS_LOW else _BONUS.search(text, lo, hi):
            ranges.append((lo, hi))
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges + _bonus_sections(text, hints)):
        if merged and lo < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


#: A heading or a label that opens what a posting only wishes for ("## Nice to have", "**Bonus:** Helm, Argo",
#: "加分项："): the rest of its line after the colon (a label's items), or the lines under a heading alone on its
#: line, up to the next heading.
_BONUS_LABEL = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?[ \t]*(?:nice[- ]to[- ]haves?|good[- ]to[- ]haves?|bonus(?:\s+points)?|pluses|"
    r"(?:preferred|desirable|desired|optional)(?:\s+(?:qualifications|skills|experience|requirements))?|"
    r"加分项?|加分条件|优先条件|加分項|優先條件)[ \t]*(?:\*\*|__)?[ \t]*(?P<colon>[:：])?[ \t]*(?:\*\*|__)?[ \t]*(?P<rest>[^\n]*)$",
    re.IGNORECASE | re.MULTILINE)
#: A line that opens the next part of a posting: a heading, a bold line, or a short line ending in a colon.
_NEXT_PART = re.compile(r"^[ \t]*(?:#{1,6}[ \t]|\*\*[^*\n]{1,60}\*\*[ \t]*[:：]?[ \t]*$|[^-*•·\d\s][^\n]{0,58}[:：][ \t]*$|"
                        r"[【\[][^\n]{1,20}[】\]])", re.MULTILINE)


def _bonus_sections(text: str, hints: list[int]) -> list[tuple[int, int]]:
    """Where a posting lists what it only wishes for, under a heading or after a label of its own: looked for
    on the lines that hold a bonus hint (``hints``, their positions).

    >>> text = "## Must have\\n- Python\\n## Nice to have\\n- Docker\\n- Helm\\n## Benefits\\n- Snacks\\n"
    >>> [text[a:b].split() for a, b in _bonus_sections(text, [text.index("Nice")])]
    [['-', 'Docker', '-', 'Helm']]
    """
    out = []
    starts: list[int] = []
    line = prev = 0
    for p in hints:  # sorted: each line start is found by looking back only as far as the previous hint
        nl = text.rfind("\n", prev, p)
        line, prev = (nl + 1 if nl >= 0 else line), p
        if not starts or starts[-1] != line:
            starts.append(line)
    parts: list[int] | None = None  # where the posting's parts start: found once, when a heading needs them
    for m in filter(None, (_BONUS_LABEL.match(text, start) for start in starts)):
        if m.group("rest").strip():
            if m.group("colon"):  # a label and its items on one line; without a colon the word is prose
                out.append(m.span("rest"))
            continue
        if parts is None:
            parts = [n.start() for n in _NEXT_PART.finditer(text)]
        i = bisect.bisect_right(parts, m.end())
        out.append((m.end(), parts[i] if i < len(parts) else len(text)))
    return out


#: How far (characters) a sentence is looked at around a mention for its everyday or technical words.
SENTENCE_REACH = 240
_SENTENCE_END_BACK = re.compile(r"(?s:.*)(?:[.!?;。！？；](?=\s|$)|\n\s*\n)")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence holding text[start:end] (at most SENTENCE_REACH characters each way)."""
    lo = _start_back(_SENTENCE_END_BACK, text, start, SENTENCE_REACH)
    n = SENTENCE_END.search(text, end, end + SENTENCE_REACH)
    return lo, n.start() if n else min(len(text), end + SENTENCE_REACH)


#: A line that starts a bullet, a numbered item or a heading: a new sentence for the everyday-sense check.
_BLOCK_START = re.compile(r"\n[ \t]*(?:[-*•‧·●▪]|\d{1,2}[.)、]|#)")


def _everyday_sentences(text: str, plausible: list[Hit], vocab: Vocabulary, not_counted: list[dict[str, Any]],
                        senses: dict[str, str], low: str | None, sentence_ends: list[_Bounds]) -> list[Hit]:
    """Drop the tool-like words that stand in a sentence with nothing technical in it and either
    everyday words around (rooms, myths, drones, coffee: ``EVERYDAY_CONTEXT``) or the word written
    in lowercase where the tool's name is capitalised ("we avoid hive-mind decisions")."""
    dropped: set[int] = set()
    starts: list[int] = []
    verdicts: dict[tuple[int, int], tuple[str, bool]] = {}  # per sentence: its everyday word, and whether it is technical
    ends: _Bounds | None = None  # sentence ends and bullet starts, found once per posting when first needed
    blocks: _Bounds | None = None
    everyday_words: _Lookup | None = None  # everyday and technical words: by window, or once per posting
    strong_words: _Lookup | None = None
    for i, h in enumerate(plausible):
        if h.key not in ORDINARY or _next_to_technology(text, plausible, i):
            continue
        lowercase = (h.text.islower() and all(vocab.labels.get(n) == "Tool" for n in h.nodes)  # skills are written in lowercase
                     and not any(sp.islower() for sp in vocab.spellings.get(h.key, ())))
        if ends is None or blocks is None:
            ends, blocks = _sentence_ends(text, sentence_ends), _Bounds(_BLOCK_START, text)
        lo = max(h.start - SENTENCE_REACH, ends.last_end_before(h.start), blocks.last_start_before(h.start))
        hi = min(h.end + SENTENCE_REACH, ends.first_start_after(h.end, len(text)), blocks.first_start_after(h.end, len(text)))
        if not starts:
            starts = [o.start for o in plausible]
        k = bisect.bisect_left(starts, lo)
        if any(plausible[j].start < hi and plausible[j].end <= hi and not (plausible[j].nodes & h.nodes)
               and _vouches(plausible[j]) for j in range(k, min(k + 12, len(plausible)))):
            # another technology in the sentence: the cheapest and the most common answer
            if lowercase and not _technical_near(text, h, 20):
                _drop_lowercase(h, dropped, not_counted, senses)
            continue
        verdict = verdicts.get((lo, hi))
        if verdict is None:  # the mentions of one list share their sentence: look at it once
            if everyday_words is None or strong_words is None:
                everyday_words, strong_words = _Lookup(EVERYDAY_CONTEXT, text, low), _Lookup(STRONG_TECH, text, low)
            found = everyday_words.first_between(lo, hi)
            verdict = verdicts[lo, hi] = (found, bool(found) and bool(strong_words.first_between(lo, hi)))
        everyday, technical = verdict
        if not (everyday or lowercase):
            continue
        if technical or (not everyday and strong_words is not None and strong_words.first_between(lo, hi)):
            if lowercase and not _technical_near(text, h, 20):
                _drop_lowercase(h, dropped, not_counted, senses)
            continue
        meaning = (f"a sentence about '{everyday}' with nothing technical in it" if everyday else
                   f"written '{h.text}' (not the tool's name) in a sentence with nothing technical in it")
        not_counted.append({"term": h.text, "at": h.start, "why": f"everyday sense: {meaning}"})
        senses.setdefault(h.key, meaning)
        dropped.add(id(h))
    return [h for h in plausible if id(h) not in dropped] if dropped else plausible


def _drop_lowercase(h: Hit, dropped: set[int], not_counted: list[dict[str, Any]], senses: dict[str, str]) -> None:
    """A tool's name written in lowercase in a technical sentence, with nothing technical next to it: the
    everyday word ("power, cooling and hot-aisle airflow limit how densely the GPU nodes can be packed")."""
    meaning = f"written '{h.text}' (not the tool's name), with nothing technical next to it"
    not_counted.append({"term": h.text, "at": h.start, "why": f"everyday sense: {meaning}"})
    senses.setdefault(h.key, meaning)
    dropped.add(id(h))


def _technical_near(text: str, h: Hit, reach: int, words: re.Pattern[str] = TECH_CUES) -> bool:
    """Whether a technical word (``words``) stands within ``reach`` characters of the mention in its sentence, or
    a version number or a part of the technology ("executors", "topics") right after it."""
    lo, hi = _sentence(text, h.start, h.end)
    lo, hi = max(lo, h.start - reach), min(hi, h.end + reach)
    for m in words.finditer(text, lo, hi):  # not TECH_CONTEXT's everyday words of the trade ("engineers", "data")
        if m.end() <= h.start or m.start() >= h.end:
            return True
    return bool(_VERSION_AFTER.match(text, h.end) or _COMPONENT_AFTER.match(text, h.end))


#: The parts of a technology that follow its name ("spark executors", "hive partitions", "kafka topics").
_COMPONENT_AFTER = re.compile(
    r"[\s-]+(?:executors?|partitions?|topics?|dags?|images?|containers?|jobs?|clusters?|tables?|warehouses?|brokers?|"
    r"consumers?|producers?|operators?|tasks?|workers?|nodes?|pods?|charts?|streams?|schemas?|quer(?:y|ies)|sessions?|"
    r"configs?|configuration|files?|sql|ui|apis?|cli|servers?|metastore|connectors?|plugins?|providers?|hooks?|sensors?|"
    r"releases?|versions?|scripts?|notebooks?|pipelines?|deployments?|instances?|runtime|sdk|code|models?)\b", re.IGNORECASE)
_VERSION_AFTER = re.compile(r"\s*v?\d+(?:\.\d+)+\b")


def _one_sense(text: str, plausible: list[Hit], not_counted: list[dict[str, Any]], negated: set[int],
               everyday: dict[str, str]) -> list[Hit]:
    """One sense per posting: when some mentions of an ambiguous word were found in their everyday sense
    ("AWS D1.1 structural certification", "led by Ray Castellanos"), its other mentions count only with
    technical evidence of their own (a technology listed next to them, a technical word, a version,
    a skill frame). "Ray and the team interview together" is Ray the manager again."""
    if not everyday:
        return plausible
    kept = []
    for i, h in enumerate(plausible):
        meaning = everyday.get(h.key)
        if meaning is None or id(h) in negated or (h.rule is None and h.key not in ORDINARY) or \
                _next_to_technology(text, plausible, i) or _technology_in_sentence(text, plausible, i, negated) or \
                _technical_near(text, h, 60) or _asked_as_skill(text, h):
            kept.append(h)
            continue
        not_counted.append({"term": h.text, "at": h.start,
                            "why": f"everyday sense: elsewhere in the posting '{h.text}' means {meaning}, "
                                   "and nothing technical stands next to it here"})
    return kept


def _asked_as_skill(text: str, h: Hit) -> bool:
    """Whether the words right around the mention ask for it as a skill ("JAX experience is a plus", "Bonus: Ray"),
    or it is the item of a bullet of its own ("- Go", "- Strong R (mixed models); Python for wrangling")."""
    return bool(_SKILL_AFTER.match(text, h.end, h.end + 40) or _SKILL_BEFORE.search(text, max(0, h.start - 40), h.start) or
                (_BULLET_BEFORE.search(text, max(0, h.start - 24), h.start) and _ITEM_AFTER.match(text, h.end)))


#: A bullet, and an adjective of skill, right before a name; and what ends the name as the bullet's item.
_BULLET_BEFORE = re.compile(r"(?:^|\n)[ \t]*[-*•‧·●▪][ \t]*(?:(?:strong|solid|good|excellent|proficient|fluent|advanced|working|"
                            r"some|basic|modern)[ \t]+)?$", re.IGNORECASE)
_ITEM_AFTER = re.compile(r"[ \t]*(?:$|\n|[(,/;]|(?:for|and|or)\b)", re.IGNORECASE)


def _sentence_ends(text: str, found: list[_Bounds]) -> _Bounds:
    """Where the posting's sentences end: kept in ``found`` (empty, or the one answer) for the next caller."""
    if not found:
        found.append(_Bounds(SENTENCE_END, text))
    return found[0]


def _next_to_technology(text: str, plausible: list[Hit], i: int) -> bool:
    """Whether the mention before or after ``plausible[i]`` is another technology in the same sentence
    (the cheap, common answer of ``_everyday_sentences``)."""
    h = plausible[i]
    for k in (i - 1, i + 1):
        if 0 <= k < len(plausible) and not (plausible[k].nodes & h.nodes) and _vouches(plausible[k]):
            a, b = (plausible[k].end, h.start) if k < i else (h.end, plausible[k].start)
            if b - a <= 120 and not SENTENCE_END.search(text, a, b):
                return True
    return False


def _technology_in_sentence(text: str, plausible: list[Hit], i: int, negated: set[int]) -> bool:
    """Whether the sentence of ``plausible[i]`` names another technology that vouches for it, or two others
    of any kind, not only as the next mention ("Snowflake is the warehouse, dbt for transformations, Airflow
    for orchestration (on AWS), and Python for ingestion jobs")."""
    h = plausible[i]
    lo, hi = _sentence(text, h.start, h.end)
    others: set[str] = set()
    for k in range(i - 1, -1, -1):
        if plausible[k].start < lo:
            break
        others |= _other_technology(plausible[k], h, negated)
    for k in range(i + 1, len(plausible)):
        if plausible[k].end > hi:
            break
        others |= _other_technology(plausible[k], h, negated)
    return "" in others or len(others) >= 2


def _other_technology(o: Hit, h: Hit, negated: set[int]) -> set[str]:
    """``o`` as evidence for ``h``: nothing if it is the same technology or negated, '' if it vouches, else its nodes."""
    if id(o) in negated or o.nodes & h.nodes:
        return set()
    return {""} if _vouches(o) else set(o.nodes)


def _same_sentence(text: str, plausible: list[Hit], negated: set[int], not_counted: list[dict[str, Any]]) -> None:
    """A sentence that says a tool is not used speaks of all its mentions in it ("If you want to
    write Scala, this is not the team: we never touch Scala")."""
    where: dict[str, list[tuple[int, int, int]]] = {}
    for h in plausible:  # in text order: each list is sorted by position
        if id(h) in negated:
            for n in h.nodes:
                where.setdefault(n, []).append((h.start, *_sentence(text, h.start, h.end)))
    starts = {n: [w[0] for w in ws] for n, ws in where.items()}
    reach = 2 * SENTENCE_REACH  # a sentence holding both mentions is at most this long
    for h in plausible:
        for n in h.nodes:
            ws = where.get(n, ())
            if not ws:
                continue
            i = bisect.bisect_left(starts[n], h.start - reach)
            j = bisect.bisect_right(starts[n], h.start + reach)
            for at, lo, hi in ws[i:j]:
                if id(h) in negated or not lo <= h.start < hi:
                    continue
                if h.start < at and not _CONTRAST.search(text, h.end, at):
                    why = f"negated: its sentence goes on to say '{h.text}' is not used"
                elif h.start > at and not _CONTRAST.search(text, at, h.start):
                    why = "negated: its sentence has already said it is not used"  # "deprecated TensorFlow … any TF code"
                else:
                    continue
                negated.add(id(h))
                not_counted.append({"term": h.text, "at": h.start, "why": why})


def _anaphora(text: str, low: str, plausible: list[Hit], negated: set[int], not_counted: list[dict[str, Any]],
              hints: _Hints) -> None:
    """A negation whose object or subject is a pronoun speaks of the tools named just before it: in its own
    sentence, or else in the sentence before (same paragraph). "The Airflow DAGs and the Kubernetes cluster
    are owned by the platform team, and you will not be expected to know either"; "…Spark, and it has never
    been part of our toolkit". When some of those are already said not to be used, a pronoun object means
    them ("we tore LangChain out, and the Flask prototype was deleted when FastAPI replaced it. Neither
    will come up")."""
    if len(low) != len(text) or not plausible:
        return
    starts = [h.start for h in plausible]
    for m in _at_hints(_ANAPHOR, low, hints):
        at = m.start()
        if _CONDITION.search(text, clause_start(text, at), at):
            continue  # "if you haven't used them, we will teach you"
        window = _named_before(text, plausible, starts, at, m.end())
        if not window or any(id(h) in negated for h in window):
            continue
        if m.group("p") == "it":
            window = _last_named(window)
        _negate(text, window, negated, not_counted, f"negated: '{' '.join(m.group().split())}' speaks of it")
    for m in _at_hints(_PRONOUN_PREDICATE, low, hints):
        subject = _PRONOUN_BEFORE.search(low, max(0, m.start() - 40), m.start())
        if subject is None or _CONDITION.search(text, clause_start(text, subject.start()), subject.start()):
            continue  # "if it is not used…", or no pronoun: the predicate's own subject is read elsewhere
        at = subject.start()
        window = [h for h in _named_before(text, plausible, starts, at, m.end()) if id(h) not in negated]
        if subject.group("p").startswith(("it", "that ", "this ")) and window:
            window = _last_named(window)  # "it", "that codebase": the one named last
        if not window:
            continue
        said = " ".join(low[at:m.end()].split())
        _negate(text, window, negated, not_counted, f"negated: '{said}' speaks of it")


def _another_teams_work(text: str, low: str, plausible: list[Hit], negated: set[int], not_counted: list[dict[str, Any]],
                        hints: _Hints) -> None:
    """A sentence that calls its subject another team's work speaks of every tool in it ("Dashboards are
    someone else's job: our BI team builds the Tableau reports", "与本岗位无关"); a Chinese one keeps to its line."""
    if len(low) != len(text) or not plausible:
        return
    starts = [h.start for h in plausible]
    yours = [(m.start(), m.group()) for m in _at_hints(_NOT_YOURS, low, hints)]
    for m in _TEAMS_JOB.finditer(low):
        owner = _TEAMS_OWNER.search(low, max(0, m.start() - 60), m.start())
        if owner:
            yours.append((owner.start(), low[owner.start():m.end()]))
    for m in _THEIR_JOB.finditer(low):  # found from "their", a literal the engine skips to
        verb = _THEIR_JOB_VERB.search(low, max(0, m.start() - 24), m.start())
        if verb:
            yours.append((verb.start(), low[verb.start():m.end()]))
    if not low.isascii():
        yours += [(m.start(), m.group()) for m in _NOT_THIS_ROLE_ZH_RX.finditer(low)]
    for at, said in yours:
        lo, hi = _sentence(text, at, at + len(said))
        if not said.isascii():  # a Chinese line is often one item of a list with no sentence end: keep to the line
            lo, hi = max(lo, text.rfind("\n", lo, at) + 1), min(hi, _line_end(text, at, hi))
        window = plausible[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
        _negate(text, [h for h in window if id(h) not in negated], negated, not_counted,
                f"negated: its sentence says '{said}' (another team's work)")


#: Chinese words that put what follows in the past ("公司早期的模型以 Keras 撰寫"), and the words that end it.
_ZH_HISTORY = re.compile(r"早期|以前|過去|过去|曾经|曾經|原先|最初|当初|當初|历史上|歷史上|早年|老一代|旧版|舊版")
_ZH_ENDED = re.compile(r"(?:" + DISCONTINUED_ZH + r")|不再(?:使用|维护|維護|用|更新)")


def _named_before(text: str, plausible: list[Hit], starts: list[int], at: int, end: int) -> list[Hit]:
    """The mentions a pronoun at ``at`` (its clause ending at ``end``) may speak of: those named before it in
    its sentence, or else in the nearest of the two sentences before that names any (same paragraph)."""
    lo, _ = _sentence(text, at, end)
    window = plausible[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, at)]
    for _ in range(2):  # the sentence before, or the one before that when it names nothing ("X. We gave it two years; …")
        if window or lo <= 0 or "\n\n" in text[max(0, lo - 3):lo + 1]:
            break
        before, _ = _sentence(text, lo - 1, lo - 1)
        window = plausible[bisect.bisect_left(starts, before):bisect.bisect_left(starts, lo)]
        lo = before
    return [h for h in window if h.end <= at]


def _last_named(window: list[Hit]) -> list[Hit]:
    """What "it" speaks of: the mentions of the technology named last."""
    return [h for h in window if h.nodes == window[-1].nodes]


def _line_end(text: str, at: int, hi: int) -> int:
    """Where the line holding ``at`` ends (at most ``hi``)."""
    nl = text.find("\n", at, hi)
    return nl if nl >= 0 else hi


def _chinese_history(text: str, plausible: list[Hit], negated: set[int], not_counted: list[dict[str, Any]]) -> None:
    """A Chinese sentence that puts tools in the past and then ends them speaks of them: "公司早期的分類模型以
    Keras 撰寫，這批舊模型已全數封存、不再維護" (the early models, written in Keras, are archived)."""
    first = _ZH_HISTORY.search(text) if not text.isascii() else None
    if first is None:
        return  # the common case: nothing put in the past
    starts = [h.start for h in plausible]
    for m in _ZH_ENDED.finditer(text, first.end()):
        lo, _ = _sentence(text, m.start(), m.end())
        past = _ZH_HISTORY.search(text, lo, m.start())
        if past is None:
            continue
        window = [h for h in plausible[bisect.bisect_left(starts, past.end()):bisect.bisect_left(starts, m.start())]
                  if id(h) not in negated and not (_ZH_WITH.search(text, max(0, h.start - 4), h.start)
                                                   and not _ZH_CLAUSE_BREAK.search(text, h.end, m.start()))
                  and not _ZH_INTO.search(text, max(0, h.start - 6), h.start)]  # "拆分为 Go 微服务": where it went
        if window:
            _negate(text, window, negated, not_counted, f"negated: '{past.group()}…{m.group()}' (a thing of the past)")


def _at_hints(rx: re.Pattern[str], low: str, hints: _Hints) -> Iterator[re.Match[str]]:
    """The matches of ``rx`` that start where a negation word starts (every match when the hints do not map)."""
    if hints.everywhere:
        yield from rx.finditer(low)
        return
    end = -1
    for pos in hints.positions:
        if pos >= end:
            m = rx.match(low, pos)
            if m:
                end = m.end()
                yield m


def _negate(text: str, window: list[Hit], negated: set[int], not_counted: list[dict[str, Any]], why: str) -> None:
    """Mark the mentions negated, with ``why``, except where their clause asks for them."""
    prev_end = 0
    for h in window:
        lo, prev_end = max(clause_start(text, h.start, 80), prev_end), h.end
        if _ASKED_FOR.search(text, lo, clause_end(text, h.end, 80)):
            continue  # "we use Kafka; you don't need to know it before you join" (from the mention before it on)
        negated.add(id(h))
        not_counted.append({"term": h.text, "at": h.start, "why": why})


#: A clause that asks for what it names: a bonus, a requirement, experience with it.
_ASKED_FOR = re.compile(BONUS + r"|\b(?:required|must|mandatory|essential|experience\s+(?:with|in)|proficien\w*|"
                                r"familiar\w*|expertise|hands-on|we\s+(?:use|run|rely\s+on|build\s+(?:on|with)|deploy|"
                                r"standardi[sz]ed\s+on))\b|熟悉|掌握|精通|熟练|熟練|我们使用|我們使用|我们用", re.IGNORECASE)


def _negated_elsewhere(text: str, plausible: list[Hit], negated: set[int], listed: set[int],
                       not_counted: list[dict[str, Any]]) -> None:
    """A tool the posting says it does not use counts elsewhere only where it is asked for in a list of
    technologies: "If your CV is all Jenkins, that's fine, but forget Jenkins here" asks for no Jenkins."""
    said: dict[str, str] = {}
    for h in plausible:
        if id(h) in negated:
            for n in h.nodes:
                said.setdefault(n, h.text)
    for h in plausible:
        if id(h) not in negated and id(h) not in listed and h.nodes <= said.keys():
            if _ASKED_FOR.search(text, clause_start(text, h.start, 80), clause_end(text, h.end, 80)):
                continue  # "we are moving off Airflow; Airflow experience is a plus": asked for here
            negated.add(id(h))
            n = min(h.nodes)
            not_counted.append({"term": h.text, "at": h.start,
                                "why": f"negated: the posting says '{said[n]}' is not used, and does not list it with other technology here"})


_CONTRAST = re.compile(r"\b(?:but|however|although|though|whereas|yet|while)\b|但|不过|然而", re.IGNORECASE)


def _in_context(text: str, plausible: list[Hit], negated: set[int], not_counted: list[dict[str, Any]],
                low: str | None, sentence_ends: list[_Bounds]) -> list[Hit]:
    """The mentions that count: unambiguous ones, and ambiguous ones whose context is technical.

    Two passes: an ambiguous mention with technical evidence of its own (a technology next to it, a
    list, a word such as "code" or "cluster") counts and then vouches for the others like an
    unambiguous name; the rest count only when enough such technology is named in the posting."""
    support = [h for h in plausible if _vouches(h)]
    confident = {n for h in support for n in h.nodes}
    support_starts = [h.start for h in support]
    bounds = _sentence_ends(text, sentence_ends).starts if len(support) < len(plausible) else []
    accepted = []
    words: dict[re.Pattern[str], _Lookup] = {}
    pending: list[Hit] = []
    for i, h in enumerate(plausible):
        if id(h) in negated:
            continue
        r = h.rule
        if r is None:
            accepted.append(h)
            continue
        others = confident - h.nodes
        if (r.context == "doc" and len(others) >= TECHNICAL - 1) or (
                r.context == "local" and not _short(h.key) and len(others) >= VERY_TECHNICAL):
            h.why = f"technical posting ({len(others)} other technologies)"
            accepted.append(h)
            continue
        j = bisect.bisect_left(bounds, h.start)
        lo = max(max(0, h.start - WINDOW), bounds[j - 1] if j > 0 else 0)
        hi = min(min(len(text), h.end + WINDOW), bounds[j] if j < len(bounds) and bounds[j] >= h.end else len(text))
        near = _neighbour(support, support_starts, lo, hi, h)
        listed = ""
        for k in (i - 1, i + 1):
            if 0 <= k < len(plausible) and not (plausible[k].nodes & h.nodes):
                o = plausible[k]
                gap = text[o.end:h.start] if k < i else text[h.end:o.start]
                if len(gap) <= 6 and LIST_GAP.match(gap) is not None and gap.strip() != "":
                    listed = listed or o.text
        cue = ""
        if not (near or listed):
            if TECH_CUES not in words:
                words[TECH_CUES] = _Lookup(TECH_CUES, text, low)
            cue = words[TECH_CUES].first_between(lo, hi, (h.start, h.end))
        if near or listed or cue:
            h.why = (f"listed with {listed}" if listed else f"next to {near}" if near
                     else f"technical word '{cue}' in its sentence")
            accepted.append(h)
            confident |= h.nodes  # technical on its own evidence: it vouches for the others
            continue
        if len(others) >= TECHNICAL - 1 and _asked_as_skill(text, h):
            h.why = f"asked for as a skill in a technical posting ({len(others)} other technologies)"
            accepted.append(h)
            confident |= h.nodes
            continue
        if r.context == "doc":
            if TECH_CONTEXT not in words:
                words[TECH_CONTEXT] = _Lookup(TECH_CONTEXT, text, low)
            cue = words[TECH_CONTEXT].first_between(lo, hi, (h.start, h.end))
            if cue:
                h.why = f"technical word '{cue}' in its sentence"
                accepted.append(h)
                continue
        pending.append(h)
    for h in pending:  # second pass: what the mentions counted on their own evidence say about the posting
        r = h.rule
        assert r is not None
        others = confident - h.nodes
        if (r.context == "doc" and len(others) >= TECHNICAL - 1) or (
                r.context == "local" and not _short(h.key) and len(others) >= VERY_TECHNICAL):
            h.why = f"technical posting ({len(others)} other technologies)"
            accepted.append(h)
        else:
            need = "other technology in the posting" if r.context == "doc" else "technology next to it"
            not_counted.append({"term": h.text, "at": h.start, "why": f"ambiguous without {need}"})
    if pending:
        accepted.sort(key=lambda h: h.start)
    return accepted


def _neighbour(support: list[Hit], starts: list[int], lo: int, hi: int, h: Hit) -> str:
    """A technology mentioned in [lo, hi) other than ``h`` itself (its text), or ''."""
    k = bisect.bisect_left(starts, lo)
    while k < len(support) and support[k].start < hi:
        o = support[k]
        if o.end <= hi and not (o.nodes & h.nodes):
            return o.text
        k += 1
        if k - bisect.bisect_left(starts, lo) > 8:
            break
    return ""


@functools.lru_cache(maxsize=CACHED)
def _term_key(text: str) -> str:
    """A term as the vocabulary keys it: lowercase, without spaces, underscores and hyphens (cached: a
    corpus names the same few spellings again and again)."""
    return _SEPARATORS.sub("", text.lower())


_SEPARATORS = re.compile(r"[\s_\-]+")


#: Every word a negation cue may start with, before a mention, after it, or in its clause's predicate.
#: The words that no key above covers and a cue starts with: of the last resort (``SENTENCE_NEGATION_AFTER``,
#: ``_BEFORE``), of an ended contract ("closed the Azure subscription") and of a Chinese pronoun object ("这个工具不用会").
_SENTENCE_KEYS = frozenset(["停跑", "拆除", "拆掉", "拆了", "拆咗", "迁入", "遷入", "并非", "並非", "remove", "strike",
                            "closed", "cancel", "terminat", "ended", "renew", "rolled", "hasn", "haven", "hadn", "gave", "powered", "shut", "unplugged", "deleted", "下线",
                            "下線", "废", "廢", "汰", "封存", "归档", "歸檔", "这个", "這個", "这些", "這些", "这类", "這類", "该", "該"])
#: Every key a negation cue starts with.
_CUE_KEYS = _NEG_KEYS | frozenset(_ZH_NEG) | _NEG_AFTER_KEYS | _SUBJECT_KEYS | _SENTENCE_KEYS
#: The words of layout found in the same scan (their positions only): a trial, the candidate's own job, a job
#: board's list of other jobs, an e-mail's address lines and sign-off.
_TRIAL_KEYS = ("trial", "pilot", "evaluat", "experiment", "tried", "tested", "poc", "proof")
_OWN_KEYS = ("my", "his", "her", "i")
_SPEC_KEYS = ("spec", "posting", "advert", "jd")
_OTHER_JOBS_KEYS = ("similar", "recommended", "viewed", "jobs", "openings", "职位", "職缺")
_SIGN_OFF_KEYS = ("best", "regards", "thank", "cheers", "sincerely")
_TITLE_KEYS = ("*the ", "*a ", "*an ", "_the ", "_a ", "_an ")
#: A line that opens with a label of history and a colon, its paragraph after it ("A word on history: …").
_HISTORY_LABEL = re.compile(r"[ \t]*(?:a\s+(?:bit|word|note|little)\s+(?:of|about|on)\s+)?(?:our\s+|some\s+)?(?:history|backstory)\s*[:：]")
_HEADING_KEYS = ("not", "won", "don", "isn", "doesn", "scope", "goal", "need", "history", "backstory", "previously", "past",
                 "came", "got", "不需要", "无需", "無需", "不要求", "不涉及", "非必", "不作要求", "不做要求", "历史", "歷史", "过去",
                 "過去", "曾经", "曾經")
_ZH_TOPIC_KEYS = ("之类", "之類", "这一类", "這一類", "这类", "這類", "这种", "這種", "此类", "此類", "等", "这些", "這些")
#: The words a bonus cue starts with (``BONUS``), where its clause is looked at.
_BONUS_KEYS = ("nice", "plus", "bonus", "prefer", "desir", "advantage", "great", "welcome", "helpful", "optional", "good",
               "加分", "优先", "佳", "可选", "可選", "選修")
#: The words an ending of an aside about the past starts with (``ASIDE_END``), read from the pattern itself.
_ASIDE_KEYS = tuple(sorted(first_words(ASIDE_END.pattern)))
_ASIDE_SET = frozenset(_ASIDE_KEYS)
_LAYOUT_KEYS = frozenset(_BONUS_KEYS + _TRIAL_KEYS + _OWN_KEYS + _SPEC_KEYS + _OTHER_JOBS_KEYS + _SIGN_OFF_KEYS + _TITLE_KEYS + _ZH_TOPIC_KEYS
                         + _HEADING_KEYS + _ASIDE_KEYS)
_NEG_WORDS = _word_keys(_CUE_KEYS | _LAYOUT_KEYS)
#: The cue key a word of layout stands for where it is found in its place: itself, or the longest cue key it
#: starts with ("不需要" is found where "不" would be); the others start no cue.
_CUE_OF = {w: max((k for k in _CUE_KEYS if w.startswith(k) and (len(k) >= 4 or not k.isascii() or k == w)), key=len, default="")
           for w in _LAYOUT_KEYS}
@functools.lru_cache(maxsize=CACHED)
def _role_of(word: str) -> tuple[bool, bool, str, bool, bool, bool]:
    """What a word the scan of ``_Hints.of`` found is: a word of layout, a word an aside's ending starts with, the
    cue key it stands for ("" for none), and whether that key is a predicate's, a cue-before's, a last resort's."""
    layout = word in _LAYOUT_KEYS
    cue = _CUE_OF.get(word, "") if layout else word
    return layout, word in _ASIDE_SET, cue, cue in _SUBJECT_KEYS, cue in _BEFORE_KEYS, cue in _LAST_RESORT_KEYS


#: The stems of the words the cues of the last resort hold (one of them stands in every such cue).
_LAST_RESORT_STEMS = ("used", "longer", "retir", "decommission", "deprecat", "sunset", "rolled", "abandon", "phas", "scrap",
                      "ditch", "gave", "forget", "powered", "shut", "switch", "turn", "unplugged", "deleted", "removed",
                      "discontinued", "archived", "gone", "不", "下线", "下線", "弃", "棄", "淘汰", "停用", "废", "廢", "汰", "封存",
                      "归档", "歸檔", "告别", "告別", "用不", "没", "沒", "无", "無", "ended", "kill", "stop", "cancel", "drop",
                      "停跑", "拆除", "迁入", "遷入", "并非", "並非")
#: The hint keys that start with one of them: where the last resort may find a cue.
_LAST_RESORT_KEYS = frozenset(k for k in _NEG_KEYS | frozenset(_ZH_NEG) | _NEG_AFTER_KEYS | _SUBJECT_KEYS | _SENTENCE_KEYS
                              if k.startswith(_LAST_RESORT_STEMS))


def _in_pattern(key: str, words: frozenset[str]) -> bool:
    """Whether a hint key stands in a pattern's literal words (a Chinese one: every character of it)."""
    if not key.isascii():
        return all(c in words for c in key)
    # the key itself, a longer word it starts ("migrat"), a word it grows from ("deprecated" from "deprecat"), or
    # a contraction's first half ("isn" from "is" + "n't", "couldn" from "could" + "n't")
    return key in words or (key.endswith("n") and key[:-1] in words) or any(
        (len(key) >= 4 and w.startswith(key)) or (len(w) >= 3 and key.startswith(w)) for w in words)


#: The hint keys a cue before a mention can hold: those that stand in NEGATION_BEFORE's or NEGATION_LABEL's
#: own words (a match of a pattern holds only its own literal words and the words its wildcards take, and
#: every cue holds a key of its own). The others ("behind", "through", "over") only start cues after a mention.
_BEFORE_WORDS = _keys(NEGATION_BEFORE, NEGATION_LABEL, _TORN_BEFORE.pattern, _MOVED_BEFORE.pattern, _ENDED_BEFORE.pattern,
                      _REMOVE_BEFORE.pattern, _LEFT_BEFORE.pattern, _ZH_NO_MORE_BEFORE.pattern, _REWROTE_BEFORE.pattern,
                      _DOOR_BEFORE.pattern, _UNTIL_BEFORE.pattern)
_BEFORE_KEYS = frozenset(k for k in _NEG_KEYS | frozenset(_ZH_NEG) | _NEG_AFTER_KEYS | _SUBJECT_KEYS | _SENTENCE_KEYS
                         if k not in _SYMBOL_KEYS and _in_pattern(k, _BEFORE_WORDS))
