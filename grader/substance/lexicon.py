"""The words of the trade: two-syllable words that the sources, the knowledge base and the lessons use.

Vietnamese words are mostly two syllables ("hội nghị", "doanh nghiệp", "đầu tư").
A plan's sentence about foreign affairs is made largely of such words; a salad
of real syllables ("bàn ghế cây lá mây trời") or of keywords strung together is
not. :func:`fluency` is the share of a text's syllables that form a known word
with a neighbour (or belong to a name, a place or a number).

The word list ``lexicon.txt`` beside this module is generated from the course's
own texts by ``python -m grader.substance.lexicon`` (a test checks it is up to date),
so reading it costs a few milliseconds.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from grader.substance.text import fold, has_marks, words_of

LEXICON = Path(__file__).resolve().parent / "lexicon.txt"
REPO = Path(__file__).resolve().parent.parent.parent


def corpus_texts(repo: Path = REPO) -> Iterable[str]:
    """The course's own texts: the five articles, the knowledge base, the lessons' and exercises' prose, the
    Vietnamese messages and guides, and the substance rules' own word lists (not the worked answers: the
    measure must not favour the course's own solutions)."""
    from grader.substance import cues, plausibility

    for path in sorted((repo / "source_data" / "articles").glob("*.txt")):
        yield path.read_text(encoding="utf-8")
    for path in sorted((repo / "source_data").glob("*.yaml")):
        yield path.read_text(encoding="utf-8")
    for path in sorted([*(repo / "course").glob("*.ipynb"), *(repo / "exercises" / "source").glob("*/*.ipynb")]):
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        yield "\n".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "markdown")
    for path in sorted((repo / "grader" / "messages").glob("*.yaml")):
        yield path.read_text(encoding="utf-8")
    for path in sorted((repo / "docs").glob("*.md")):
        yield path.read_text(encoding="utf-8")
    for table in (cues.FOCUS_AREA_CUES, cues.PILLAR_CUES, cues.PARTNER_CUES):
        yield "\n".join(c for values in table.values() for c in values)
    yield "\n".join(c for kind in plausibility.ACTIVITY_KINDS for c in (*kind.cues, kind.label))
    yield "\n".join(plausibility.COUNTED_UNITS + plausibility.MEASURED_UNITS)


MIN_SYLLABLE_COUNT = 2  # a syllable the course's texts use at least this often is a known word by itself


def build(texts: Iterable[str]) -> list[str]:
    """The sorted two-syllable words ("hội nghị") that occur in ``texts``, and the syllables used at least
    :data:`MIN_SYLLABLE_COUNT` times, with their diacritics."""
    found: set[str] = set()
    counts: dict[str, int] = {}
    for text in texts:
        for line in text.splitlines():
            words = words_of(line, True)
            found.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False) if a.isalpha() and b.isalpha())
            for w in words:
                if w.isalpha():
                    counts[w] = counts.get(w, 0) + 1
    found.update(w for w, n in counts.items() if n >= MIN_SYLLABLE_COUNT)
    return sorted(found)


@lru_cache(maxsize=1)
def _entries() -> tuple[frozenset[str], frozenset[str]]:
    try:
        lines = LEXICON.read_text(encoding="utf-8").split("\n")
    except OSError:  # not generated (a bare checkout): build it from the course's texts
        lines = build(corpus_texts())
    return frozenset(x for x in lines if " " in x), frozenset(x for x in lines if x and " " not in x)


def pairs() -> frozenset[str]:
    """The known two-syllable words, with diacritics."""
    return _entries()[0]


def syllables() -> frozenset[str]:
    """The syllables the course's texts use often enough to be words by themselves, with diacritics."""
    return _entries()[1]


@lru_cache(maxsize=1)
def folded_syllables() -> frozenset[str]:
    return frozenset(fold(s) for s in syllables())


@lru_cache(maxsize=1)
def folded_pairs() -> frozenset[str]:
    """The known two-syllable words without diacritics (for a text typed without them)."""
    return frozenset(fold(p) for p in pairs())


@lru_cache(maxsize=2)
def _single_words(marked: bool) -> frozenset[str]:
    """Words that stand alone: function words, and one-word terms of the trade (mời, ký, tour, video...)."""
    from grader.substance import cues, plausibility
    from grader.substance.text import STOPWORDS

    singles = [c for table in (cues.FOCUS_AREA_CUES, cues.PILLAR_CUES, cues.PARTNER_CUES) for v in table.values()
               for c in v] + [c for k in plausibility.ACTIVITY_KINDS for c in k.cues] \
        + list(cues.ACTION_VERBS) + list(plausibility.COUNTED_UNITS) + list(STOPWORDS) \
        + ["sang", "tới", "đi", "nhờ", "giúp", "về"]
    return frozenset(w for c in singles if " " not in c.strip() for w in words_of(c, marked))


MAX_CAPITALISED_NAMES = 3  # capitalised words taken as names (Dubai, Vũng Áng) in one text, at most


def _capitalised_names(text: str | None, known: set[str], marked: bool) -> set[str]:
    """Capitalised words that do not start a sentence and are no known name yet (a few): "Dubai"."""
    out: list[str] = []
    previous = "."
    for token in re.findall(r"\S+", text or ""):
        word = words_of(token, marked)
        if word and token.lstrip("(“\"'")[:1].isupper() and not previous.endswith((".", ":", ";", "!", "?")) \
                and word[0] not in known:
            out.append(word[0])
        previous = token
    return set(out[:MAX_CAPITALISED_NAMES])


@dataclass(frozen=True)
class Reading:
    """How a text reads against the words of the trade."""

    fluency: float  # share of syllables (names and numbers aside) that form a known word with a neighbour
    noise: float  # share of content syllables (function words, names, numbers aside) that are no known word
    unknown_run: int  # longest run of syllables in a row that form no known word


def read(text: str | None, names: Iterable[str] = ()) -> Reading:
    """Read a text once: fluency, noise and the longest unknown run (see :class:`Reading`)."""
    marked = has_marks(text)
    words = words_of(text, marked)
    known = pairs() if marked else folded_pairs()
    common = syllables() if marked else folded_syllables()
    named = {w for n in names for w in fold(n).split()}  # places and organisations come folded
    named |= {fold(w) for w in _capitalised_names(text, set(), marked)}
    single = _single_words(marked)
    fluent_n = total = content = unknown = longest = run = 0
    for i, w in enumerate(words):
        if w.isdigit() or fold(w) in named:
            run = 0
            continue
        fluent = (i > 0 and f"{words[i - 1]} {w}" in known) or (i + 1 < len(words) and f"{w} {words[i + 1]}" in known)
        total += 1
        fluent_n += fluent
        if fluent or w in single or w in common:
            run = 0
        else:
            run += 1
            longest = max(longest, run)
        if w not in single:
            content += 1
            unknown += not (fluent or w in common)
    return Reading(fluency=fluent_n / total if total else 0.0, noise=unknown / content if content else 1.0,
                   unknown_run=longest)


def fluency(text: str | None, names: Iterable[str] = ()) -> float:
    return read(text, names).fluency


def noise(text: str | None, names: Iterable[str] = ()) -> float:
    return read(text, names).noise


def longest_unknown_run(text: str | None, names: Iterable[str] = ()) -> int:
    return read(text, names).unknown_run


def main() -> int:
    words = build(corpus_texts())
    LEXICON.write_text("\n".join(words), encoding="utf-8")
    print(f"wrote {len(words)} words to {LEXICON}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
