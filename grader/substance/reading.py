"""Whether a text reads as Vietnamese sentences: word order, not a bag of words.

A plan's description, title, goal, indicator or follow-up is judged as sentences. The same words in
another order are not the same description: "Phối hợp với JETRO tổ chức hội nghị tại Tokyo" reads,
"hội nghị Tokyo tại JETRO tổ chức với Phối hợp" does not, although every word is the same.

How (see docs/reading.md for why this signal and what it cannot see):

1. The text is segmented into words and tagged with parts of speech by underthesea
   (``underthesea.pos_tag``: a CRF model shipped in the PyPI package, offline), so compounds stay whole
   ("xúc tiến", "Đại sứ quán") and names and numbers are recognised.
2. Each word becomes a *token*: a proper name becomes ``<NP>``, a number ``<M>``, any other word its
   folded form ("hội nghị" -> "hoi nghi"), so Busan reads like Tokyo and 12 like 60.
3. A word-bigram model with a part-of-speech backoff, trained on the course's own Vietnamese (the five
   articles, the knowledge base, the lessons, the exercises and the messages) and on general Vietnamese
   (the VLSP 2013 test set of news and law, gold-tagged, that underthesea ships; built into
   ``reading_model.json`` by ``python -m grader.substance.reading``), gives the text a mean
   log-likelihood per word transition.
4. The text is compared with :data:`SHUFFLES` shuffles of its own tokens (a fixed seed per text, so the
   verdict never changes): a sentence is far more likely than its own words shuffled; a salad or a
   shuffled sentence is not. The statistic is the z-score of the text among its shuffles, combined over
   every free-text field of one activity (:func:`read_all`), together with the share of word transitions
   the course's texts attest.

The verdict is deterministic, costs a few milliseconds per text (tagging is cached), and never depends
on the plan's words being in a list of the trade: a plan in its own vocabulary reads as well as one in
the course's.

Why one module of this size: the tokens, the model, the verdicts and the structural signals (unlinked runs,
lists, abbreviations) share one tagging of each text and one set of thresholds tuned together on the
calibration set; split apart, a threshold would move without the others that balance it.
"""

from __future__ import annotations

import json
import math
import random
import re
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from grader.substance.text import ABBREVIATIONS, expand, fold, nfc  # noqa: F401 (ABBREVIATIONS: the reader's)

MODEL = Path(__file__).resolve().parent / "reading_model.json"
SHUFFLES = 24  # shuffles a text is compared with
MIN_COMBINED = 10  # texts shorter than this (titles, indicators) are left out of a combined reading when longer
# ones are there: their order says little, and their noise would drown the evidence of the longer ones
MIN_TOKENS = 4  # a shorter text (a title of two words) gives no evidence of order either way
NAME, NUMBER, START, END = "<NP>", "<M>", "<s>", "</s>"
LAMBDA = 0.8  # weight of the word bigram when its first word is known
# Thresholds of the verdict (calibrated on tests/calibration; see docs/reading.md).
# The activity's words in their order beat their own shuffles by this many standard deviations: the evidence
# grows with the length, so short texts (up to SHORT transitions) need MIN_Z_SHORT and long ones (from LONG)
# MIN_Z_LONG, linearly in between.
MIN_Z_SHORT, MIN_Z_LONG, SHORT, LONG = 1.2, 3.0, 16, 50
MIN_ATTESTED = 0.37  # ... and this share of its word transitions occur in the training texts (long texts) ...
MIN_ATTESTED_SHORT = 0.34  # ... or this share (short texts, whose share is noisier), linearly in between
# A proposal is one text: its verdict carries the whole answer, so it must read by this much more.
SINGLE_MARGIN = 1.5
REQUEST_RELIEF = 1.0  # ... or this much less, when the request opens as requests do ("Đề nghị ...")
CLEAR_MARGIN, CLEAR_ATTESTED = 1.0, 0.45  # a reading this clear outweighs an unknown vocabulary
STRONG_ORDER = 1.2  # an order this much clearer than its threshold stands without the attested share
MAX_WEAK = 1.8  # every text of SHORT transitions or more must itself come within this of its own threshold
UNSURE_Z = 0.4  # a verdict "does not read" within this distance of the threshold is unsure: a person looks
UNSURE_ATTESTED = 0.03  # ... or within this distance of MIN_ATTESTED


def _between(transitions: int, short: float, long: float) -> float:
    if transitions <= SHORT:
        return short
    if transitions >= LONG:
        return long
    return short + (long - short) * (transitions - SHORT) / (LONG - SHORT)


def min_z(transitions: int) -> float:
    """The z-score a text of ``transitions`` word transitions needs to read as sentences."""
    return _between(transitions, MIN_Z_SHORT, MIN_Z_LONG)


def min_attested(transitions: int) -> float:
    """The share of attested transitions a text of ``transitions`` word transitions needs."""
    return _between(transitions, MIN_ATTESTED_SHORT, MIN_ATTESTED)


# --------------------------------------------------------------------------- tokens


_PUNCT = re.compile(r"^[\W_]+$")


@lru_cache(maxsize=1)
def _tagger():  # noqa: ANN202 (underthesea has no type hints)
    from underthesea import pos_tag

    return pos_tag


@lru_cache(maxsize=8192)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """underthesea's words and part-of-speech tags of ``text`` (NFC, abbreviations written out), punctuation
    dropped."""
    clean = expand(nfc(text)).strip()
    if not clean:
        return ()
    try:
        pairs = _tagger()(clean)
    except Exception:  # noqa: BLE001 (a tagger failure must not fail grading: fall back to syllables)
        pairs = [(w, "X") for w in clean.split()]
    return tuple((w, t) for w, t in pairs if w and not _PUNCT.match(w))


def token(word: str, tag: str) -> str:
    """The model's token for one word: names and numbers by class, other words folded."""
    if tag == "Np":
        return NAME
    if tag == "M" or word[:1].isdigit():
        return NUMBER
    if word.isupper() and len(word) >= 2:  # JETRO, KOTRA, UBND: names of organisations
        return NAME
    return fold(word) or word.casefold()


def tokens_of(text: str) -> tuple[tuple[str, str], ...]:
    """(token, tag) of each word of ``text``, as the tagger sees it in this order."""
    return tuple((token(w, t), t) for w, t in tagged(text))


def _context_free(seq: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Each token with its usual tag in the training texts (the tagger's own tag for a word they lack).

    The tagger picks tags that fit the order it is given, so a shuffled text tagged as written looks more
    regular than its own shuffles would; with one tag per word, whatever the order, the comparison with
    the shuffles is fair."""
    usual = _usual_tags()
    return tuple((tok, usual.get(tok, tag)) for tok, tag in seq)


@lru_cache(maxsize=1)
def _usual_tags() -> dict[str, str]:
    best: dict[str, tuple[int, str]] = {}
    for key, count in model().emit.items():
        word, _, tag = key.rpartition(" ")
        if count > best.get(word, (0, ""))[0]:
            best[word] = (count, tag)
    return {word: tag for word, (_, tag) in best.items()}


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class Model:
    pairs: dict[str, int]  # "a b" -> count of the word transition a -> b
    first: dict[str, int]  # a -> count of transitions from a
    tags: dict[str, int]  # "ta tb" -> count of the tag transition
    tag_first: dict[str, int]  # ta -> count of transitions from ta
    emit: dict[str, int]  # "word tag" -> count of the word with that tag (as the second of a transition)
    tag_count: dict[str, int]  # tb -> count
    vocabulary: int


@lru_cache(maxsize=1)
def model() -> Model:
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    return Model(data["pairs"], data["first"], data["tags"], data["tag_first"], data["emit"], data["tag_count"],
                 data["vocabulary"])


def _logp(m: Model, a: str, ta: str, b: str, tb: str) -> float:
    tag_part = (m.tags.get(f"{ta} {tb}", 0) + 0.1) / (m.tag_first.get(ta, 0) + 2.0)
    emit = (m.emit.get(f"{b} {tb}", 0) + 0.1) / (m.tag_count.get(tb, 0) + 0.1 * m.vocabulary)
    backoff = tag_part * emit
    seen = m.first.get(a, 0)
    if not seen:
        return math.log(backoff)
    word = m.pairs.get(f"{a} {b}", 0) / seen
    return math.log(LAMBDA * word + (1 - LAMBDA) * backoff)


def _score(m: Model, seq: Sequence[tuple[str, str]]) -> float:
    full = [(START, START), *seq, (END, END)]
    return sum(_logp(m, a, ta, b, tb) for (a, ta), (b, tb) in zip(full, full[1:], strict=False)) / (len(full) - 1)


def _attested(m: Model, seq: Sequence[tuple[str, str]]) -> int:
    full = [START, *(t for t, _ in seq), END]
    return sum(f"{a} {b}" in m.pairs for a, b in zip(full, full[1:], strict=False))


# --------------------------------------------------------------------------- verdicts


@dataclass(frozen=True)
class TextReading:
    """How one text reads: its score against its own shuffles, and the evidence behind it."""

    transitions: int  # word transitions judged (0: too short to judge)
    score: float  # mean log-likelihood per transition
    mean: float  # ... of its shuffles
    spread: float  # ... their standard deviation
    attested: int  # transitions the course's texts attest

    @property
    def z(self) -> float:
        return (self.score - self.mean) / self.spread if self.spread > 0 else 0.0


@lru_cache(maxsize=8192)
def read_text(text: str | None) -> TextReading:
    """The reading of one free-text field (cached; deterministic)."""
    seq = _context_free(tokens_of(text or ""))
    if len(seq) < MIN_TOKENS:
        return TextReading(0, 0.0, 0.0, 0.0, 0)
    m = model()
    s0 = _score(m, seq)
    rng = random.Random(zlib.crc32(" ".join(t for t, _ in seq).encode("utf-8")))
    shuffled = []
    work = list(seq)
    for _ in range(SHUFFLES):
        rng.shuffle(work)
        shuffled.append(_score(m, work))
    mean = sum(shuffled) / len(shuffled)
    spread = math.sqrt(sum((s - mean) ** 2 for s in shuffled) / len(shuffled))
    return TextReading(len(seq) + 1, s0, mean, max(spread, 0.02), _attested(m, seq))


@dataclass(frozen=True)
class Reading:
    """How the free-text fields of one activity (or one proposal, or the goals) read, taken together."""

    transitions: int
    z: float  # combined z-score of the texts' order against their shuffles
    attested_share: float
    gain: float = 0.0  # mean log-likelihood per transition above the shuffles' mean
    weakest: float = 99.0  # the lowest margin (z minus its threshold) of the texts long enough to say

    @property
    def judged(self) -> bool:
        return self.transitions > 0

    @property
    def reads(self) -> bool:
        """The texts read as Vietnamese sentences (word order that the language gives), or are too short to
        tell (then the other rules judge them)."""
        return not self.judged or (self.z >= min_z(self.transitions) and self.weakest >= -MAX_WEAK
                                   and (self.attested_share >= min_attested(self.transitions)
                                        or self.z >= min_z(self.transitions) + STRONG_ORDER))

    @property
    def clearly(self) -> bool:
        """The texts read as sentences beyond doubt (then a terse officer's abbreviations, unknown to the list of
        the trade's words, do not make them a salad)."""
        return self.judged and self.reads_with(CLEAR_MARGIN) and self.attested_share >= CLEAR_ATTESTED

    def reads_with(self, margin: float) -> bool:
        """:attr:`reads` with the z-score asked ``margin`` more (or less, if negative) than the threshold."""
        if not self.judged:
            return True
        return (self.z >= min_z(self.transitions) + margin and self.weakest >= -MAX_WEAK
                and self.attested_share >= min_attested(self.transitions))

    @property
    def unsure(self) -> bool:
        """The texts were judged not to read, but only just: a person should look."""
        if self.reads:
            return False
        return (self.z >= min_z(self.transitions) - UNSURE_Z and self.weakest >= -MAX_WEAK - UNSURE_Z
                and self.attested_share >= min_attested(self.transitions) - UNSURE_ATTESTED)


REQUEST_OPENINGS = ("de nghi", "kinh de nghi", "tran trong de nghi", "dat hang", "kinh mong", "xin de nghi",
                    "tinh de nghi", "so ngoai vu de nghi", "ubnd tinh de nghi", "uy ban nhan dan tinh de nghi")


def opens_as_request(text: str | None) -> bool:
    """The text begins the way a Vietnamese request does ("Đề nghị Đại sứ quán ...", "Kính đề nghị ...")."""
    folded = fold(text)
    return any(folded.startswith(o + " ") for o in REQUEST_OPENINGS)


def proposal_reads(order: Reading, request: str | None, expected: str | None) -> bool:
    """A proposal (one answer, one verdict) reads: its texts together clearly, or less clearly when the request
    opens as requests do; and the request and the expected result each on its own."""
    clear = order.reads_with(SINGLE_MARGIN)
    together = clear or (order.reads_with(-REQUEST_RELIEF) and opens_as_request(request))
    # A text in the plan's own vocabulary (words the training texts lack: "nhà kính", "đầm phá", "công ty") gives
    # weaker evidence of its order: when the proposal together reads clearly, each text may fall short of its own
    # threshold by as much as a verdict that would go to a person (UNSURE_Z), not more.
    return together and read_each((request, expected), EACH_SLACK if clear else 0.0)


EACH_SLACK = UNSURE_Z


def read_each(texts: Iterable[str | None], slack: float = 0.0) -> bool:
    """True if every one of ``texts`` long enough to say (:data:`SHORT` transitions or more) reads on its own
    (a proposal's request and its expected result), its z-score ``slack`` below the threshold at most."""
    readings = [read_all([t]) for t in texts if read_text(t).transitions >= SHORT]
    return all(r.reads or (slack and r.reads_with(-slack)) for r in readings)


def read_all(texts: Iterable[str | None]) -> Reading:
    """The combined reading of several texts: a weighted z-score (each text against its own shuffles)."""
    readings = [read_text(t) for t in texts if t]
    judged = [r for r in readings if r.transitions >= MIN_COMBINED] or [r for r in readings if r.transitions]
    if not judged:
        return Reading(0, 0.0, 1.0)
    n = sum(r.transitions for r in judged)
    gain = sum(r.transitions * (r.score - r.mean) for r in judged)
    spread = math.sqrt(sum((r.transitions * r.spread) ** 2 for r in judged))
    attested = sum(r.attested for r in judged)
    margins = [r.z - min_z(r.transitions) for r in judged if r.transitions >= SHORT]
    return Reading(n, gain / spread if spread else 0.0, attested / n, gain / n, min(margins, default=99.0))


# --------------------------------------------------------------------------- content: names and lists


# Parts of speech that link the phrases of a sentence (prepositions, conjunctions, determiners "các",
# "những", pronouns): a sentence about work has them; a salad of trade words strung together has none.
LINKING_TAGS = frozenset({"E", "C", "Cc", "L", "P", "T"})
CHAIN_MIN_WORDS, MIN_CHAINED, CHAIN_SHARE = 20, 5, 0.27  # a chain of prepositional phrases (see Content.salad)
SALAD_SHARE = 0.45  # ... making up at least this share of the text's words
MAX_UNLINKED_RUN = 9  # more words in a row with no linking word or punctuation: a salad, not a sentence


@lru_cache(maxsize=8192)
def unlinked_run(text: str | None) -> int:
    """The longest run of words of ``text`` with no linking word and no punctuation between them."""
    clean = nfc(text).strip()
    if not clean:
        return 0
    try:
        pairs = _tagger()(clean)
    except Exception:  # noqa: BLE001
        return 0
    run = best = 0
    for word, tag in pairs:
        if tag in LINKING_TAGS or tag == "CH" or _PUNCT.match(word):
            run = 0
        else:
            run += 1
            best = max(best, run)
    return best


@dataclass(frozen=True)
class Content:
    """What kinds of word a text is made of."""

    words: int  # words (punctuation aside)
    names: int  # proper names and organisations by acronym
    numbers: int
    content: int  # nouns, verbs and adjectives other than names and numbers
    run: int = 0  # the longest run of words with no linking word or punctuation (:func:`unlinked_run`)

    @property
    def salad(self) -> bool:
        """Words of the trade strung together with nothing linking them, not a sentence: a long unlinked run
        that is most of the text (official Vietnamese has long noun chains, but inside linked sentences)."""
        if self.run > MAX_UNLINKED_RUN and self.run >= SALAD_SHARE * self.words:
            return True
        # ... or the other way round: phrases chained by prepositions every two or three words ("hội nghị với
        # doanh nghiệp tại Tokyo và xúc tiến đầu tư của nhà đầu tư về du lịch cho hãng lữ hành với Đại Nội
        # tại Osaka"): each pair is common, the whole says nothing. Honest plans chain at most 4 such.
        return (self.words >= CHAIN_MIN_WORDS and self.chained >= MIN_CHAINED
                and self.prepositions >= CHAIN_SHARE * self.words)

    items: int = 0  # comma-separated items of the text
    name_items: int = 0  # words of the items that hold no verb (the entries of a list)
    repeated_frame: int = 0  # how often the most repeated three-word frame recurs (names and numbers masked)
    prepositions: int = 0  # words tagged as prepositions
    chained: int = 0  # prepositions followed, one or two words later, by another preposition

    @property
    def list_of_names(self) -> bool:
        """A list of names and numbers with a few words around it, not a sentence about work."""
        if self.words and (self.names + self.numbers) * 2 > self.words and self.content < 6:
            return True
        if self.repeated_frame >= MIN_FRAME_REPEATS:
            return True
        return self.items >= MIN_LIST_ITEMS and self.name_items >= LIST_SHARE * self.words


_CONTENT_TAGS = frozenset({"N", "V", "A", "Nc", "Ny", "Nu", "R"})


MIN_FRAME_REPEATS = 3  # one three-word frame this often ("giới thiệu với <tên>, giới thiệu với <tên>"): a list
MIN_LIST_ITEMS = 5  # a text of this many comma-separated items ...
LIST_SHARE = 0.6  # ... at least this share of whose words sit in items without a verb is a list, not a sentence
_ITEMS = re.compile(r"[,;:•]|\s-\s")


def _items(text: str) -> tuple[int, int]:
    """The comma-separated items of ``text`` and the words of those without a verb."""
    parts = [p for p in _ITEMS.split(nfc(text)) if p.strip()]
    verbless = 0
    for part in parts:
        seq = tagged(part)
        if not any(tag == "V" for _, tag in seq) or _verb_then_names(seq):
            verbless += len(seq)
    return len(parts), verbless


MAX_NAME_ITEM_WORDS = 5  # "gặp 50 doanh nghiệp", "mời Cục Ngoại vụ": a verb put in front of a list's entry


def _verb_then_names(seq: Sequence[tuple[str, str]]) -> bool:
    """One verb, then only a name or a number with its noun (no other verb, nothing linking): an entry of a list
    with a verb in front ("Gửi X, gửi Y, mời Z, gặp 50 doanh nghiệp"), not a clause about work."""
    if len(seq) > MAX_NAME_ITEM_WORDS or not seq or seq[0][1] != "V":
        return False
    rest = seq[1:]
    return (bool(rest) and not any(tag == "V" or tag in LINKING_TAGS for _, tag in rest)
            and any(token(w, tag) in (NAME, NUMBER) for w, tag in rest))


def content_of(text: str | None) -> Content:
    seq = tokens_of(text or "")
    names = sum(t == NAME for t, _ in seq)
    numbers = sum(t == NUMBER for t, _ in seq)
    content = sum(tag in _CONTENT_TAGS and t not in (NAME, NUMBER) for t, tag in seq)
    items, name_items = _items(text or "")
    tokens = [t for t, _ in seq]
    frames = Counter(tuple(tokens[i:i + 3]) for i in range(len(tokens) - 2)
                     if not all(t in (NAME, NUMBER) for t in tokens[i:i + 3]))
    repeated = max(frames.values(), default=0)
    tags = [tag for _, tag in seq]
    prepositions = sum(tag == "E" for tag in tags)
    chained = sum(1 for i, tag in enumerate(tags) if tag == "E" and "E" in tags[i + 2:i + 4]
                  and "E" not in tags[i + 1:i + 2])
    return Content(len(seq), names, numbers, content, unlinked_run(text), items, name_items, repeated,
                   prepositions, chained)


@lru_cache(maxsize=8192)
def content_syllables(text: str | None) -> frozenset[str]:
    """The folded syllables of ``text``'s content words and names (nouns, verbs, adjectives, proper names as
    underthesea tags them; numbers and function words left out): what a title or an indicator shares with the
    description it belongs to."""
    out: set[str] = set()
    for word, tag in tagged(text or ""):
        if (tag in _CONTENT_TAGS or tag == "Np") and not word[:1].isdigit():
            out.update(s for s in fold(word).split() if len(s) > 1)
    return frozenset(out)


# --------------------------------------------------------------------------- building the model


def _sentences(text: str) -> Iterable[str]:
    for line in text.splitlines():
        line = line.strip(" \t-*#>|")
        if not line:
            continue
        for s in re.split(r"(?<=[.!?;])\s+", line):
            if len(s.split()) >= MIN_TOKENS and sum(not c.isascii() for c in s) * 20 >= len(s):
                yield s  # Vietnamese (English lines of the catalogues and docs are left out)


def corpus(repo: Path | None = None) -> list[str]:
    """The sentences of the course's own Vietnamese texts (the corpus of :mod:`grader.substance.lexicon`)."""
    from grader.substance.lexicon import REPO, corpus_texts

    return [s for text in corpus_texts(repo or REPO) for s in _sentences(text)]


def general_corpus() -> list[tuple[tuple[str, str], ...]]:
    """General Vietnamese (news and law) with gold word segmentation and tags: the VLSP 2013 test set that
    underthesea ships beside its tagger (``test_output.txt``); empty if this underthesea has none."""
    import underthesea

    root = Path(underthesea.__file__).resolve().parent / "pipeline" / "pos_tag" / "models"
    files = sorted(root.glob("*/test_output.txt"))
    if not files:
        return []
    out: list[tuple[tuple[str, str], ...]] = []
    words: list[tuple[str, str]] = []
    for line in files[-1].read_text(encoding="utf-8").splitlines() + [""]:
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0]:
            tag = parts[1].removeprefix("B-").removeprefix("I-")
            if tag != "CH" and not _PUNCT.match(parts[0]):
                words.append((parts[0], {"Cc": "C"}.get(tag, tag)))
        elif words:
            if len(words) >= MIN_TOKENS:
                out.append(tuple(words))
            words = []
    return out


def build(sentences: Iterable[str], tagged_sentences: Iterable[Sequence[tuple[str, str]]] = ()) -> dict[str, object]:
    pairs: Counter[str] = Counter()
    first: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    tag_first: Counter[str] = Counter()
    emit: Counter[str] = Counter()
    tag_count: Counter[str] = Counter()
    sequences = [tokens_of(s) for s in sentences]
    sequences += [tuple((token(w, t), t) for w, t in sent) for sent in tagged_sentences]
    for one in sequences:
        seq = [(START, START), *one, (END, END)]
        for (a, ta), (b, tb) in zip(seq, seq[1:], strict=False):
            pairs[f"{a} {b}"] += 1
            first[a] += 1
            tags[f"{ta} {tb}"] += 1
            tag_first[ta] += 1
            emit[f"{b} {tb}"] += 1
            tag_count[tb] += 1
    return {"about": "word and tag transitions of the course's texts (python -m grader.substance.reading)",
            "pairs": dict(sorted(pairs.items())), "first": dict(sorted(first.items())),
            "tags": dict(sorted(tags.items())), "tag_first": dict(sorted(tag_first.items())),
            "emit": dict(sorted(emit.items())), "tag_count": dict(sorted(tag_count.items())),
            "vocabulary": len(first) + 1}


def main(argv: list[str] | None = None) -> int:
    data = build(corpus(), general_corpus())
    MODEL.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{MODEL}: {len(data['pairs'])} word transitions")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
