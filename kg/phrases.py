"""What plans and fits say, in English and Chinese: one table for the CLI, the library and the page.

The page's planner receives this table in its data and fills the same
templates, so a reason reads the same in ``kg plan --lang zh`` and in the page.

>>> say("required", "zh", level=say("core", "zh"), kind=say("skill", "zh"), track="Infra MLE")
'Infra MLE 的核心技能'
>>> say("prerequisite", "en", names="CI/CD, Orchestration")
'prerequisite of CI/CD, Orchestration'
"""
from __future__ import annotations

import re
from typing import Any

#: Templates by language; ``{name}`` fields are filled by :func:`say`.
PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "core": "core", "bonus": "bonus", "skill": "skill", "tool": "tool",
        "required": "{level} {kind} of {track}",
        "group": "core {kind} of {track} ({need} of {n} in '{group}', {how})",
        "cheapest": "cheapest", "most_demanded": "most demanded", "known": "known",
        "prerequisite": "prerequisite of {names}",
        "part_of": "part of {skill}",
        "partly_known": "partly known: {names}",
        "hours_unknown": "hours unknown",
        "demand": "mentioned by {count} of {total} {track} postings",
        "sep": ", ",
        "fit_ready": "{track}: you already have {pct} of its core{versus}, and you meet its entry-level requirements.",
        "fit_left": "{track}: you already have {pct} of its core{versus}; {hours} hours to entry level ({steps}).",
        "fit_versus": ", against {pct} of {track}'s",
        "and_more": "{names} and {n} more",
        "order_by_level": ("{track} stands on no layer: essential (core) requirements first, then optional (bonus) "
                           "ones; broader concepts before narrower ones"),
        "no_hours": "{n} of {total} steps have no learning hours ({why}); the total counts the others",
        "no_hours_esco": "ESCO carries no learning hours",
        "no_hours_data": "the data gives none",
    },
    "zh": {
        "core": "核心", "bonus": "加分", "skill": "技能", "tool": "工具",
        "required": "{track} 的{level}{kind}",
        "group": "{track} 的核心{kind}（'{group}' 中 {n} 选 {need}，{how}）",
        "cheapest": "最省时", "most_demanded": "需求最多", "known": "已掌握",
        "prerequisite": "{names} 的前置技能",
        "part_of": "属于 {skill}",
        "partly_known": "已部分掌握：{names}",
        "hours_unknown": "学时未知",
        "demand": "{count} / {total} 个 {track} 职位提到",
        "sep": "、",
        "fit_ready": "{track}：你已具备其核心要求的 {pct}{versus}，并已达到入门要求。",
        "fit_left": "{track}：你已具备其核心要求的 {pct}{versus}；距入门还需 {hours} 小时（{steps}）。",
        "fit_versus": "（{track} 为 {pct}）",
        "and_more": "{names} 等 {n} 项",
        "order_by_level": "{track} 不属于任何能力层：先学必备（核心）要求，再学可选（加分）要求；上位概念先于下位概念",
        "no_hours": "{total} 步中有 {n} 步没有学时（{why}）；总学时只计其余步骤",
        "no_hours_esco": "ESCO 不提供学时",
        "no_hours_data": "数据未给出学时",
    },
}

_FIELD = re.compile(r"\{(\w+)\}")


def phrases(lang: str) -> dict[str, str]:
    """The templates of ``lang`` (English for a language without its own)."""
    return PHRASES.get(lang, PHRASES["en"])


def say(key: str, lang: str = "en", **fields: Any) -> str:
    """The phrase ``key`` in ``lang`` with its fields filled in; a word with no template stays as it is.

    >>> say("demand", count=3, total=4, track="DS")
    'mentioned by 3 of 4 DS postings'
    >>> say("researcher", "zh")
    'researcher'
    """
    template = phrases(lang).get(key)
    if template is None:
        return key
    # Fields are filled once, left to right: a value holding "{x}" stays as it is (as in the page).
    return _FIELD.sub(lambda m: str(fields[m.group(1)]), template)
