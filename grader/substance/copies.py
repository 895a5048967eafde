"""Text the course itself shows trainees: an activity copied from it is not the trainee's own work.

The course shows worked plans and proposals (:mod:`grader.examples`, lesson 05's plan), and the
exercise notebooks show format examples in their instructions and answer templates. A trainee can
paste them into an exercise and change the place names ("Hà Tĩnh" -> "Thừa Thiên Huế"). Such an
activity is a near-copy: most of its word 5-grams (place names and numbers masked) occur in the
course's texts.

The passages are collected once by ``python -m grader.substance.copies`` into ``course_texts.txt``
beside this module (folded, place names and numbers masked; a test checks it is up to date), so that
the check needs no notebook at run time. The 5-grams are built once per process (cached); a check
costs one pass over the activity's words.

The rule is applied at grading, where the instructor-side criteria are loaded
(:func:`enforced`): the lesson's own self-check of its worked plan stays clean, and the self-check
gives no oracle for paraphrasing until a copy passes. The exercises' grading notes say so.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from grader.substance.text import fold

COURSE_TEXTS = Path(__file__).resolve().parent / "course_texts.txt"
ARTICLE_TEXTS = Path(__file__).resolve().parent / "article_texts.txt"  # the source articles' passages alone
EXAMPLE_TEXTS = Path(__file__).resolve().parent / "example_texts.txt"  # the worked examples, one line each
REPO = Path(__file__).resolve().parent.parent.parent
SIZE = 5  # word 5-grams: long enough that the trade's common phrases are not copies
MIN_SHINGLES = 6  # a text shorter than this (a title alone) is judged with the rest of its activity
# This share of an activity's 5-grams found in the course's texts: a near-copy. Honest plans of the
# calibration set reach 0.36 at most; the exercise's own solution 0.52 (its first activity is the format
# example the exercise shows); paraphrased copies of the lessons and articles mostly 0.55 and more.
COPY_SHARE = 0.55
MASK = "@"  # a place name
NUMBER = "#"  # a number


def mask(text: str | None, names: Iterable[str] = ()) -> list[str]:
    """The folded words of ``text`` with place names (folded, as :mod:`grader.substance.places` gives
    them) replaced by one mask word, and numbers by another."""
    from grader.substance import places

    folded = f" {fold(text)} "
    found = set(names) or set(places.places_in(text))
    for name in sorted(found, key=len, reverse=True):
        folded = folded.replace(f" {name} ", f" {MASK} ")
    words = [NUMBER if w[0].isdigit() else w for w in folded.split()]
    out: list[str] = []
    for w in words:  # "thừa thiên huế" and "hà tĩnh" both become one mask, so repeats collapse
        if not (w in (MASK, NUMBER) and out and out[-1] == w):
            out.append(w)
    return out


def shingles(words: list[str]) -> set[str]:
    return {" ".join(words[i:i + SIZE]) for i in range(len(words) - SIZE + 1)}


# --------------------------------------------------------------------------- the course's texts


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


_SOLUTION = re.compile(r"### BEGIN SOLUTION.*?(### END SOLUTION|\Z)", re.S)


def _notebook_texts(path: Path, code: bool) -> Iterator[str]:
    """Markdown cells the trainee sees (not written-answer solutions) and, with ``code``, the code cells
    without their solution blocks (the released templates)."""
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    for cell in cells:
        source = "".join(cell.get("source", ""))
        solution = bool(cell.get("metadata", {}).get("nbgrader", {}).get("solution"))
        if cell.get("cell_type") == "markdown" and not solution:
            yield source
        elif cell.get("cell_type") == "code" and (code or solution):
            yield _SOLUTION.sub("", source)


def article_texts(repo: Path = REPO) -> Iterator[str]:
    """The five source articles (the lessons quote them and the exercises retell their cases)."""
    for path in sorted((repo / "source_data" / "articles").glob("*.txt")):
        yield path.read_text(encoding="utf-8")


def shown_texts(repo: Path = REPO) -> Iterator[str]:
    """What the course shows trainees: the worked plans and proposals of :mod:`grader.examples` (text and
    data forms), lesson 05 (prose and code), the other lessons' prose, the exercise notebooks' instructions and
    answer templates, and the five source articles (the lessons quote them, and a trainee can paraphrase them).
    The exercises' solutions are not shipped to trainees and are not included."""
    from grader import examples

    for name in sorted(dir(examples)):
        function = getattr(examples, name)
        if name.startswith(("ke_hoach_", "dat_hang_")) and callable(function):
            yield from _strings(function())
    lesson = repo / "course" / "05_xay_dung_ke_hoach.ipynb"
    if lesson.exists():
        yield from _notebook_texts(lesson, code=True)
    for path in sorted((repo / "course").glob("*.ipynb")):
        if path != lesson:
            yield from _notebook_texts(path, code=False)
    for path in sorted((repo / "exercises" / "source").glob("*/*.ipynb")):
        yield from _notebook_texts(path, code=False)
    yield from article_texts(repo)


def build(texts: Iterable[str]) -> list[str]:
    """One line per passage: its masked folded words (passages of fewer than three words left out)."""
    lines: dict[str, None] = {}
    for text in texts:
        for passage in re.split(r"\n|(?<=[.;!?])\s", text):
            words = mask(passage)
            if len(words) >= SIZE:
                lines[" ".join(words)] = None
    return sorted(lines)


def _passages(path: Path, texts: Iterator[str]) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError:  # not generated (a bare checkout): collect them now
        return build(texts)


@lru_cache(maxsize=1)
def course_shingles() -> frozenset[str]:
    """Every word 5-gram of the course's shown texts (read once per process)."""
    out: set[str] = set()
    for line in _passages(COURSE_TEXTS, shown_texts()):
        out |= shingles(line.split())
    return frozenset(out)


# --------------------------------------------------------------------------- retold, not copied

RETOLD_TOP = 2  # an activity is compared with the two article passages that share most with it
# A text shorter than this (in words, places and numbers left out) is not judged: a short line sharing a case's
# words is a thin draft, which the detail criteria judge (thin honest drafts of 12-26 words reach 0.4-0.7;
# the articles retold run to 40 words and more per activity).
RETOLD_MIN_WORDS = 30


def _terms(words: Iterable[str]) -> set[str]:
    """Words and adjacent word pairs, masks left out: a paraphrase keeps the words, not their order."""
    kept = [w for w in words if w not in (MASK, NUMBER)]
    return set(kept) | {f"{a}_{b}" for a, b in zip(kept, kept[1:], strict=False)}


@dataclass(frozen=True)
class _Retelling:
    idf: dict[str, float]
    passages: tuple[frozenset[str], ...]
    index: dict[str, tuple[int, ...]]
    unseen: float


@lru_cache(maxsize=1)
def _retelling() -> _Retelling:
    """Each word's weight (its rarity over the course's shown passages: the trade's common words weigh little,
    a case's own words much) and the articles' passages as term sets, with an index from term to passage."""
    background = [_terms(line.split()) for line in _passages(COURSE_TEXTS, shown_texts())]
    frequency: Counter[str] = Counter()
    for terms in background:
        frequency.update(terms)
    n = len(background) + 1
    idf = {term: math.log(n / (count + 1)) for term, count in frequency.items()}
    passages = tuple(frozenset(_terms(line.split())) for line in _passages(ARTICLE_TEXTS, article_texts()))
    index: defaultdict[str, list[int]] = defaultdict(list)
    for i, terms in enumerate(passages):
        for term in terms:
            index[term].append(i)
    return _Retelling(idf, passages, {k: tuple(v) for k, v in index.items()}, math.log(n))


def retold_share(text: str | None, names: Iterable[str] = ()) -> float:
    """How much of ``text`` retells the source articles in other words: the weighted share of its words and word
    pairs (places and numbers masked) found in the two article passages closest to it, each term weighted by
    its rarity in the course's texts. Word order and the trade's common words count for little, so a paraphrase
    that keeps a case's own words ("bên lề hội nghị", "gửi gắm kỳ vọng", "vùng đất cố đô") scores high while a
    plan in the trade's words about its own partners does not. Measured on the calibration and held-out plans:
    the articles retold 0.4-0.9 in most of their activities; strong, terse and mediocre plans 0.4 in at most one
    activity in four. 0 for a text too short to judge (:data:`RETOLD_MIN_WORDS`). Cached: the gate and the
    self-check's notice both ask."""
    return _retold_share(text or "", tuple(names))


@lru_cache(maxsize=2048)
def _retold_share(text: str, names: tuple[str, ...]) -> float:
    words = mask(text, names)
    if sum(w not in (MASK, NUMBER) for w in words) < RETOLD_MIN_WORDS:
        return 0.0
    model = _retelling()
    terms = _terms(words)
    weight = {t: model.idf.get(t, model.unseen) for t in terms}
    total = sum(weight.values())
    if not total:
        return 0.0
    shared: Counter[int] = Counter()
    for term in terms:
        for i in model.index.get(term, ()):
            shared[i] += weight[term]
    closest = frozenset().union(*(model.passages[i] for i, _ in shared.most_common(RETOLD_TOP)))
    return sum(w for t, w in weight.items() if t in closest) / total


# --------------------------------------------------------------------------- the worked examples restated

# A text sharing this much with one worked example, both ways (rarity-weighted words, places and numbers masked),
# restates it. Measured on every bt4 proposal of the calibration and held-out sets (request and expected result):
# the worked proposal reworded or renamed 0.66-0.97; honest proposals at most 0.52 (one that follows the worked
# proposal's frame, "danh sách 20 ... giới thiệu tỉnh tham gia hội chợ ... làm việc trực tiếp với 10 ...", with
# its own trade, partners and products); most under 0.45. An honest request in the example's frame with its own
# market and numbers (Lào Cai, Côn Minh) reaches 0.64: the cap also needs the example's own numbers
# (restates_example_with_its_numbers), below that the instructor reads it.
EXAMPLE_SHARE = 0.6
EXAMPLE_MIN_WORDS = 12  # a shorter text (a thin draft) is left to the detail criteria


def example_texts() -> Iterator[str]:
    """The course's worked examples, each as one unit: every worked proposal's request and expected result, and
    every worked plan's activity (title and description), from :mod:`grader.examples` (what lesson 05 and the
    exercises show)."""
    from grader import examples

    for name in sorted(dir(examples)):
        function = getattr(examples, name)
        if not callable(function) or name.endswith("_van_ban"):
            continue
        if name.startswith("dat_hang_"):
            record = function()
            yield f"{record.get('noi_dung', '')} {record.get('ket_qua_mong_doi', '')}"
        elif name.startswith("ke_hoach_"):
            for a in function().get("hoat_dong", []):
                yield f"{a.get('ten', '')} {a.get('mo_ta', '')}"


def _words(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w for w in words if w not in (MASK, NUMBER))


_COUNT = re.compile(r"(?<![\w/])(\d+(?:[.,]\d+)*)")


def _counts(text: str) -> frozenset[str]:
    """The numbers of a text that are not years (counts, months, days: "20", "15", "5" of "tháng 5/2027"): what a
    worked example says beyond its frame. Years are left out: the examples' years follow the course's period."""
    return frozenset(n for n in _COUNT.findall(text.replace("/", " / ")) if not re.fullmatch(r"(?:19|20)\d\d", n))


def example_lines() -> list[str]:
    """``example_texts.txt`` as ``python -m grader.substance.copies`` writes it: one worked example a line, its
    masked words, a tab, its numbers (:func:`_counts`), in order and without repeats."""
    return list(dict.fromkeys(f"{' '.join(mask(text))}\t{' '.join(sorted(_counts(text)))}"
                              for text in example_texts()))


@lru_cache(maxsize=1)
def _examples() -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """Each worked example's masked words and its numbers."""
    try:
        lines = EXAMPLE_TEXTS.read_text(encoding="utf-8").splitlines()
    except OSError:  # not generated (a bare checkout): collect them now
        lines = example_lines()
    pairs = (line.split("\t", 1) if "\t" in line else (line, "") for line in lines if line)
    return tuple((_words(words.split()), frozenset(numbers.split())) for words, numbers in pairs)


def _two_ways(own: frozenset[str], example: frozenset[str]) -> float:
    """The smaller of the rarity-weighted shares of ``own``'s words found in ``example`` and of ``example``'s found
    in ``own`` (:func:`retold_share`'s weights)."""
    model = _retelling()

    def share(a: frozenset[str], b: frozenset[str]) -> float:
        weights = [(model.idf.get(w, model.unseen), w in b) for w in a]
        total = sum(x for x, _ in weights)
        return sum(x for x, found in weights if found) / total if total else 0.0

    return min(share(own, example), share(example, own))


def example_share(text: str | None, names: Iterable[str] = ()) -> float:
    """How much ``text`` restates one of the course's worked examples in other words: for the closest example,
    the smaller of two shares, rarity-weighted (:func:`retold_share`'s weights), of the text's words found in the
    example and of the example's words found in the text (places and numbers masked). Both ways, so that a
    reworded copy (a synonym every few words, another market) scores high, while an honest text that borrows the
    example's frame but says its own trade, partners and products, or a short one that shares a few of its words,
    does not. 0 for a text under :data:`EXAMPLE_MIN_WORDS` words."""
    return _example_share(text or "", tuple(names))[0]


@lru_cache(maxsize=1024)
def _example_share(text: str, names: tuple[str, ...]) -> tuple[float, frozenset[str]]:
    """(:func:`example_share`, the numbers of the closest example)."""
    own = _words(mask(text, names))
    if len(own) < EXAMPLE_MIN_WORDS:
        return 0.0, frozenset()
    return max(((_two_ways(own, words), numbers) for words, numbers in _examples()),
               key=lambda pair: pair[0], default=(0.0, frozenset()))


def restates_examples(text: str | None, names: Iterable[str] = ()) -> bool:
    """True if ``text`` restates a worked example of the course (:data:`EXAMPLE_SHARE`)."""
    return example_share(text, names) >= EXAMPLE_SHARE


def restates_example_with_its_numbers(text: str | None, names: Iterable[str] = ()) -> bool:
    """True if ``text`` restates a worked example (:func:`restates_examples`) and keeps at least two of that
    example's own numbers (its counts, its month): the example's substance with other words and another market.
    A text in the example's frame with its own numbers (its own partners, products and quantities) only resembles
    it: that is for the instructor to read, not a copy (:func:`grader.checks.gates.proposal_gate`)."""
    share, numbers = _example_share(text or "", tuple(names))
    return share >= EXAMPLE_SHARE and len(_counts(text or "") & numbers) >= min(2, len(numbers))


def rarity(word: str) -> float:
    """A folded word's weight: its rarity over the course's shown passages (the trade's common words weigh little,
    a plan's own words much; a word the course never uses weighs most)."""
    model = _retelling()
    return model.idf.get(word, model.unseen)


# --------------------------------------------------------------------------- the rule


def copied_share(text: str | None, names: Iterable[str] = ()) -> float:
    """Share of the text's word 5-grams (places and numbers masked) that the course's texts contain;
    0 for a text too short to judge."""
    own = shingles(mask(text, names))
    if len(own) < MIN_SHINGLES:
        return 0.0
    known = course_shingles()
    return sum(t in known for t in own) / len(own)


def is_course_copy(text: str | None, names: Iterable[str] = ()) -> bool:
    """True if ``text`` is a near-copy of text the course shows (at least :data:`COPY_SHARE` of it)."""
    return _is_copy(text or "", tuple(names))


@lru_cache(maxsize=2048)
def _is_copy(text: str, names: tuple[str, ...]) -> bool:
    return copied_share(text, names) >= COPY_SHARE


_enforced = False  # set by grader.assignments while instructor-side criteria are loaded (see enforce)


def enforce(on: bool) -> None:
    """Discount copies of the course's texts in this process (``on``) or not. Called by
    :func:`grader.assignments.load_hidden` and ``unload_hidden``, which sit above this module, so that
    the substance rules need not import the assignments to know whether they run at grading."""
    global _enforced
    _enforced = on


def enforced() -> bool:
    """Whether copies of the course's texts are discounted in this process: at grading, where the
    instructor-side criteria are loaded (never in a trainee's kernel)."""
    return _enforced


def main() -> int:
    for path, texts in ((COURSE_TEXTS, shown_texts()), (ARTICLE_TEXTS, article_texts())):
        lines = build(texts)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {len(lines)} passages to {path}", file=sys.stderr)
    lines = example_lines()
    EXAMPLE_TEXTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} examples to {EXAMPLE_TEXTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
