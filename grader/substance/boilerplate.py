"""Slogans of the sources and lessons: they may appear in a plan, but they are not its content.

Every phrase below is taken from the five articles or the lessons (a test
finds each one, folded, in those texts). A description made mostly of them
says nothing about who does what where, however well it reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from grader.substance.text import fold, real_words, tokens

# Longer phrases first; matching is on folded text, word-aligned, and a phrase covers its words once.
SLOGANS: tuple[str, ...] = (
    # article 001 (the 7 focus areas, the 21st conference)
    "phát huy vai trò tiên phong của đối ngoại phục vụ phát triển bền vững",
    "đồng bộ, hiệu quả, toàn diện", "toàn diện, hiệu quả, thực chất", "toàn diện, đổi mới, thực chất",
    "nâng cao chất lượng hiệu quả", "không ngừng đổi mới, sáng tạo", "đổi mới sáng tạo",
    "tiềm năng, thế mạnh", "tiềm năng thế mạnh", "tận dụng được tiềm năng",
    "vai trò tiên phong", "phát triển bền vững", "thu hút nguồn lực", "tăng cường thu hút",
    "hội nhập quốc tế", "đối ngoại địa phương", "công tác đối ngoại", "ngoại giao kinh tế",
    "phát triển kinh tế - xã hội", "kinh tế - xã hội", "chủ động, tích cực", "sáng tạo, linh hoạt",
    "phối hợp chặt chẽ", "thiết thực", "sâu rộng", "mạnh mẽ", "hơn nữa", "thời gian tới", "giai đoạn mới",
    "cụ thể hoá", "cụ thể hóa", "thể chế hoá", "thể chế hóa", "tổ chức thực hiện", "triển khai hiệu quả",
    "đồng hành", "người kết nối", "cầu nối vững chắc", "nâng cao nhận thức", "tư duy",
    # article 000, 002, 003, 004 (the Minister, the sector, "cây tre")
    "tinh thần phụng sự", "phụng sự", "cây tre việt nam", "toàn diện, hiện đại, chuyên nghiệp",
    "sức mạnh tổng hợp", "trên dưới đồng lòng", "đồng tâm, đồng sức", "vị thế đất nước", "nâng cao vị thế",
    "lợi ích quốc gia - dân tộc", "hiệu quả cao", "kết quả thiết thực", "góp phần", "quan trọng",
    "quán triệt sâu sắc", "bám sát", "đường lối đối ngoại", "chủ trương", "định hướng", "nỗ lực",
    "nhiệm vụ trọng tâm", "nhiệm vụ trung tâm", "ngày càng", "tăng cường", "đẩy mạnh", "nâng cao",
    "phát huy", "thúc đẩy", "hiệu quả", "toàn diện", "thực chất", "đồng bộ", "tích cực", "chủ động",
    "tiềm năng", "thế mạnh", "quảng bá hình ảnh", "vị thế", "mở rộng", "phát triển", "hội nhập", "đối ngoại",
    "bền vững", "chất lượng", "triển khai", "thực hiện",
)


COPY_RUN = 6  # this many words in a row copied from a source article are a quotation, not content
# Runs made only of these words are names of bodies, not slogans ("cơ quan đại diện việt nam tại nước ngoài").
_NAME_WORDS = frozenset("co quan dai dien viet nam tai o nuoc ngoai bo ngoai giao su quan so vu cuc uy ban nhan dan "
                        "tinh thanh pho hoi nghi toan quoc lan thu".split())


@lru_cache(maxsize=1)
def source_runs() -> frozenset[tuple[str, ...]]:
    """Every run of :data:`COPY_RUN` folded words of the five source articles."""
    from grader.knowledge import SOURCE_DATA

    runs: set[tuple[str, ...]] = set()
    for path in sorted((SOURCE_DATA / "articles").glob("*.txt")):
        words = fold(path.read_text(encoding="utf-8")).split()
        runs.update(tuple(words[i:i + COPY_RUN]) for i in range(len(words) - COPY_RUN + 1))
    return frozenset(r for r in runs if not set(r) <= _NAME_WORDS)


@lru_cache(maxsize=1)
def _folded_slogans() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The folded slogans by their first word, longest first."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in {tuple(fold(s).split()) for s in SLOGANS}:
        by_first.setdefault(phrase[0], []).append(phrase)
    return {w: tuple(sorted(v, key=len, reverse=True)) for w, v in by_first.items()}


@dataclass(frozen=True)
class Boilerplate:
    content: int  # real words (see grader.substance.text.real_words) in the text
    slogan: int  # of them, covered by slogans
    rest: tuple[str, ...]  # folded real words outside every slogan

    @property
    def share(self) -> float:
        """Share of the real words that are slogans (0 when the text has none)."""
        return self.slogan / self.content if self.content else 0.0


@lru_cache(maxsize=2048)
def _analyse(text: str) -> Boilerplate:
    return _analyse_uncached(text)


def analyse(text: str | None) -> Boilerplate:
    """How much of ``text`` is slogans: the real words they cover and the real words left over."""
    return _analyse(text or "")


def _analyse_uncached(text: str | None) -> Boilerplate:
    """How much of ``text`` is slogans: the real words they cover and the real words left over."""
    words, covered = _coverage(text)
    real = {fold(w) for w in real_words(text)}
    # a real word counts as slogan when every occurrence of it is inside a slogan
    slogan_words = {w for w in real if all(covered[k] for k, x in enumerate(words) if x == w)}
    rest = tuple(dict.fromkeys(w for k, w in enumerate(words) if not covered[k] and w in real))
    return Boilerplate(content=len(real), slogan=len(slogan_words), rest=rest)


def _coverage(text: str | None) -> tuple[list[str], list[bool]]:
    words, covered = _coverage_cached(text or "")
    return list(words), list(covered)


@lru_cache(maxsize=2048)
def _coverage_cached(text: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    words = fold(" ".join(tokens(text))).split()
    covered = [False] * len(words)
    slogans = _folded_slogans()
    i = 0
    while i < len(words):
        for phrase in slogans.get(words[i], ()):
            n = len(phrase)
            if tuple(words[i:i + n]) == phrase:
                for j in range(i, i + n):
                    covered[j] = True
                i += n
                break
        else:
            i += 1
    runs = source_runs()
    for i in range(len(words) - COPY_RUN + 1):
        if tuple(words[i:i + COPY_RUN]) in runs:
            for j in range(i, i + COPY_RUN):
                covered[j] = True
    return tuple(words), tuple(covered)


def without_slogans_text(text: str | None) -> str:
    """The text as written (NFC tokens, case and diacritics kept), with every slogan cut out."""
    toks = tokens(text)
    words, covered = _coverage(text)
    if len(words) != len(toks):  # a token folded into several words (rare): keep the text whole
        return " ".join(toks)
    return " ".join(tok for tok, cut in zip(toks, covered, strict=True) if not cut)


def without_slogans(text: str | None) -> str:
    """The folded text, in order, with every slogan cut out (what is left to judge cue words on)."""
    words, covered = _coverage(text)
    out: list[str] = []
    for word, cut in zip(words, covered, strict=True):
        if cut:
            if out and out[-1] != "|":
                out.append("|")
        else:
            out.append(word)
    return " ".join(out)
