"""Shuffled copies of plans written in the text form: the attack of word order (issue 19).

Every free-text field (an activity's title and description, a goal, an indicator's phrase, a follow-up
action, a proposal's request and expected result) has its words shuffled, once by syllables and once by
whole words (compounds kept: underthesea's ``word_tokenize``). Every structured line (locality, dates,
budgets, tags, partner kinds, lead unit, signing, market, recipient, kinds of support) and every
deadline (", hạn 30/06/2024") stays as written.
"""

from __future__ import annotations

import random
import re

FREE_LABELS = ("Mô tả", "Nội dung", "Kết quả mong đợi", "Chỉ số", "Theo dõi")
_HEADER = re.compile(r"^(\s*Hoạt động\s+\d+\s*:)(.*)$")
_LABELLED = re.compile(r"^(\s*(?:{})\s*:)(.*)$".format("|".join(map(re.escape, FREE_LABELS))))
_GOAL = re.compile(r"^(\s*[-•]\s*)(.+)$")
_DEADLINE = re.compile(r"(,?\s*hạn\s+\S+\s*)$")


def _words(text: str, mode: str) -> list[str]:
    if mode == "syllables":
        return text.split()
    from underthesea import word_tokenize

    return word_tokenize(text)


def shuffle_field(text: str, mode: str, rng: random.Random) -> str:
    """``text`` with its words in a random order (its deadline, if any, kept at the end)."""
    deadline = _DEADLINE.search(text)
    body = text[: deadline.start()] if deadline else text
    words = _words(body.strip(), mode)
    if len(words) < 2:
        return text
    original = list(words)
    for _ in range(5):  # a shuffle that gives back the same order is not a shuffle
        rng.shuffle(words)
        if words != original:
            break
    return " " + " ".join(words) + (deadline.group(1) if deadline else "")


def shuffle_plan(text: str, mode: str, seed: int = 0) -> str:
    """The plan with the words of every free-text field shuffled (``mode``: "syllables" or "words")."""
    if mode not in ("syllables", "words"):
        raise ValueError(mode)
    rng = random.Random(seed)
    out = []
    in_goals = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("Mục tiêu"):
            in_goals = True
        elif stripped and not _GOAL.match(line):
            in_goals = False
        for pattern in (_HEADER, _LABELLED) + ((_GOAL,) if in_goals else ()):
            match = pattern.match(line)
            if match and match.group(2).strip():
                line = match.group(1) + shuffle_field(match.group(2), mode, rng)
                break
        out.append(line)
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


_FIELD_LINES = {"title": re.compile(r"^(\s*Hoạt động\s+\d+\s*:)(.*)$"),
                "description": re.compile(r"^(\s*Mô tả\s*:)(.*)$"),
                "indicator": re.compile(r"^(\s*Chỉ số\s*:)(.*)$")}


def move_between_activities(text: str, field: str, rng: random.Random | None = None, pairs_only: bool = False) -> str:
    """The plan with one field (an activity's title, description or indicator lines) moved between activities:
    each activity gets the next one's (a rotation, or a random derangement with ``rng``); with ``pairs_only``,
    only the first two activities exchange theirs. Every other line stays as written."""
    pattern = _FIELD_LINES[field]
    values = [m.group(2) for m in map(pattern.match, text.splitlines()) if m]
    if len(values) < 2:
        return text
    if pairs_only:
        moved = [values[1], values[0], *values[2:]]
    elif rng is None:
        moved = values[1:] + values[:1]
    else:
        order = list(range(len(values)))
        while any(i == j for i, j in enumerate(order)):
            rng.shuffle(order)
        moved = [values[j] for j in order]
    it = iter(moved)
    return "\n".join(f"{m.group(1)}{next(it)}" if (m := pattern.match(line)) else line
                     for line in text.splitlines()) + ("\n" if text.endswith("\n") else "")
