"""The lessons' quizzes, built from the knowledge base; their wording lives in messages/quizzes.yaml.

``quiz_boi_canh()`` (lesson 01), ``quiz_linh_vuc()`` (lesson 02), ``quiz_tru_cot()`` (lesson 03, with the
look-alike lists), ``quiz_tinh_huong()`` (lesson 04). Options that name focus
areas, pillars or lists come from the knowledge base; every question cites the
source passage that decides it. Most questions are scenarios: a province wants
to do something, and the trainee decides which focus area or pillar it serves,
whom to ask, what to follow up, or which list a quoted statement belongs to and
who said it.

:func:`keyed_statements` lists every statement a quiz keys to a focus area, a
pillar or a list, with the source words the key rests on, so that a test can
hold all keys (lessons and exercises) to the sources and to each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from grader.knowledge import knowledge
from grader.messages import t
from grader.widgets import Choice, Matching, Quiz


@dataclass(frozen=True)
class KeyedStatement:
    """A statement that a quiz or exercise keys to focus areas, pillars or lists.

    ``kind`` is ``"focus_area"``, ``"pillar"`` or ``"list"``; ``accepted`` holds the accepted focus-area or
    pillar numbers, or list keys (``"focus_areas"``, ``"pillars"``, a look-alike list id). ``verbatim`` means
    ``text`` is quoted from the sources (so the lists holding it are computable); ``basis`` maps an accepted
    focus area to the words of its source passage that decide it; ``case`` names the case study whose
    course tagging the key must agree with.
    """

    where: str
    text: str
    kind: str
    accepted: frozenset[int | str]
    verbatim: bool = False
    basis: tuple[tuple[int, str], ...] = ()
    case: str | None = None


def _focus_options() -> tuple[str, ...]:
    return tuple(f"{f.number}. {f.title}" for f in knowledge().focus_areas)


def _pillar_options() -> tuple[str, ...]:
    return tuple(f"{p.number}. {p.title}" for p in knowledge().pillars)


# Lesson 02, question 6: task -> (focus area, the words of that focus area's source passage that decide it).
FA_MATCHING: tuple[tuple[str, int, str], ...] = (
    ("quiz.fa.q6.i1", 6, "bảo hộ công dân"),
    ("quiz.fa.q6.i2", 4, "quan hệ kết nghĩa"),
    ("quiz.fa.q6.i3", 2, "nâng cao nhận thức về vai trò tiên phong của đối ngoại"),
    ("quiz.fa.q6.i4", 7, "đào tạo, bồi dưỡng cán bộ đối ngoại địa phương"),
)
# Lesson 02, single-choice scenarios: catalogue key -> (focus area, deciding words).
FA_SCENARIOS: tuple[tuple[str, int, str], ...] = (
    ("quiz.fa.q2", 1, "chuẩn bị những nội dung về công tác đối ngoại cho Đại hội Đảng bộ các địa phương"),
    ("quiz.fa.q3", 5, "các chương trình/nội dung phối hợp với Bộ Ngoại giao và các bộ, ngành liên quan"),
    ("quiz.fa.q4", 7, "cử các cán bộ biệt phái của Bộ Ngoại giao"),
)
# Lesson 03, question 6: a verbatim statement -> the list it belongs to (and nowhere else).
LIST_MATCHING: tuple[tuple[str, str], ...] = (
    ("Các cơ quan đại diện cần tăng cường công tác nghiên cứu", "bon_nhiem_vu_truong_co_quan_dai_dien"),
    ("cử các cán bộ biệt phái của Bộ Ngoại giao, cán bộ của các cơ quan ngoại vụ địa phương", "focus_areas"),
    ("Nghiên cứu đẩy mạnh việc biệt phái và điều chuyển cán bộ", "nam_trong_tam_ho_tro_dia_phuong"),
    ("nâng tầm và phát huy vai trò trong đối ngoại đa phương", "bay_nhiem_vu_trong_tam_nganh_ngoai_giao"),
)
LIST_OPTIONS: tuple[str, ...] = (
    "focus_areas", "bon_nhiem_vu_truong_co_quan_dai_dien", "sau_giai_phap_xay_dung_nganh",
    "bay_nhiem_vu_trong_tam_nganh_ngoai_giao", "nam_trong_tam_ho_tro_dia_phuong", "bon_kenh_doi_ngoai",
)


def _list_option(list_key: str) -> str:
    kb = knowledge()
    if list_key in ("focus_areas", "pillars"):
        return kb.list_name(list_key)
    lst = kb.lookalike(list_key)
    return t("quiz.list_option", name=lst.name, speaker=lst.speaker, article=lst.article)


def _options(key: str, letters: str = "abc") -> tuple[str, ...]:
    return tuple(t(f"{key}.{letter}") for letter in letters)


def _id(key: str) -> str:
    """The question's stable id in the answer log: ``quiz.bc.q1`` -> ``bc.q1``."""
    return key.removeprefix("quiz.")


def quiz_boi_canh() -> Quiz:
    """Lesson 01: who said what, and which figure belongs to which occasion."""
    kb = knowledge()
    return Quiz(t("quiz.bc.title"), [
        Choice(t("quiz.bc.q1"), _options("quiz.bc.q1"), 1, t("quiz.bc.q1.why"),
               kb.concept("phung_su_nen_tang").citation, scenario=True, id=_id("quiz.bc.q1")),
        Choice(t("quiz.bc.q2"), _options("quiz.bc.q2"), 0, t("quiz.bc.q2.why"),
               kb.case_study("nguoi_ket_noi").citations[1], scenario=True, id=_id("quiz.bc.q2")),
        Choice(t("quiz.bc.q3"), _options("quiz.bc.q3", "abcd"), 1, t("quiz.bc.q3.why"),
               kb.figure("so_tinh_co_so_ngoai_vu").citation, scenario=True, id=_id("quiz.bc.q3")),
        Choice(t("quiz.bc.q4"), _options("quiz.bc.q4"), 0, t("quiz.bc.q4.why"),
               kb.lookalike("ba_an_tuong_hoi_nghi_ngoai_vu_21").items[1].citation, id=_id("quiz.bc.q4")),
    ], id="bc")


def quiz_linh_vuc() -> Quiz:
    """Lesson 02: the 7 focus areas of local foreign affairs (article 001), mostly as scenarios."""
    kb = knowledge()
    fa = _focus_options()
    scen = {key: (n, basis) for key, n, basis in FA_SCENARIOS}
    return Quiz(t("quiz.fa.title"), [
        Choice(t("quiz.fa.q1"), _options("quiz.fa.q1", "abcd"), 0, t("quiz.fa.q1.why"),
               kb.focus_areas_intro.citation, id=_id("quiz.fa.q1")),
        *(Choice(t(key), fa, n - 1, t(f"{key}.why"), kb.focus_area(n).citation, scenario=True, id=_id(key))
          for key, (n, _) in scen.items()),
        Choice(t("quiz.fa.q5"), fa, 2, t("quiz.fa.q5.why"), kb.focus_area(3).citation, id=_id("quiz.fa.q5")),
        Matching(t("quiz.fa.q6"), tuple(t(key) for key, _, _ in FA_MATCHING), fa,
                 tuple(n - 1 for _, n, _ in FA_MATCHING), t("quiz.fa.q6.why"), kb.focus_area(6).citation,
                 scenario=True, id=_id("quiz.fa.q6")),
        Choice(t("quiz.fa.q7"), _options("quiz.fa.q7", "abcd"), 1, t("quiz.fa.q7.why"),
               kb.focus_areas_intro.citation, scenario=True, id=_id("quiz.fa.q7")),
    ], id="fa")


def quiz_tru_cot() -> Quiz:
    """Lesson 03: the 4 pillars, economic diplomacy as the centre, and the look-alike lists."""
    kb = knowledge()
    tasks = kb.lookalike("bon_nhiem_vu_truong_co_quan_dai_dien")
    solutions = kb.lookalike("sau_giai_phap_xay_dung_nganh")
    channels = kb.lookalike("bon_kenh_doi_ngoai")
    return Quiz(t("quiz.pi.title"), [
        Choice(t("quiz.pi.q1"), _pillar_options(), 1, t("quiz.pi.q1.why"), kb.centre.citation, id=_id("quiz.pi.q1")),
        Choice(t("quiz.pi.q2"), _options("quiz.pi.q2", "abcd"), 1, tasks.contrast, tasks.items[1].citation,
               id=_id("quiz.pi.q2")),
        Choice(t("quiz.pi.q3"), _pillar_options(), 3, t("quiz.pi.q3.why"), kb.pillars_intro.citation, scenario=True,
               id=_id("quiz.pi.q3")),
        Choice(t("quiz.pi.q4"), _pillar_options(), 2, t("quiz.pi.q4.why"), kb.pillars_intro.citation, scenario=True,
               id=_id("quiz.pi.q4")),
        Choice(t("quiz.pi.q5"), _options("quiz.pi.q5", "abcd"), 0, t("quiz.pi.q5.why"),
               solutions.items[4].citation, scenario=True, id=_id("quiz.pi.q5")),
        Matching(t("quiz.pi.q6"), tuple(f"“{text}”" for text, _ in LIST_MATCHING),
                 tuple(_list_option(k) for k in LIST_OPTIONS),
                 tuple(LIST_OPTIONS.index(k) for _, k in LIST_MATCHING), t("quiz.pi.q6.why"),
                 kb.lookalike("nam_trong_tam_ho_tro_dia_phuong").items[4].citation, id=_id("quiz.pi.q6")),
        Choice(t("quiz.pi.q7"), _options("quiz.pi.q7", "abcd"), 0, tasks.contrast,
               tasks.items[2].citation, scenario=True, id=_id("quiz.pi.q7")),
        Choice(t("quiz.pi.q8"), _options("quiz.pi.q8", "abcd"), 1, t("quiz.pi.q8.why"),
               kb.focus_area(4).citation, scenario=True, id=_id("quiz.pi.q8")),
        Choice(t("quiz.pi.q9"), _options("quiz.pi.q9", "abcd"), 0, t("quiz.pi.q9.why"),
               channels.citation, scenario=True, id=_id("quiz.pi.q9")),
    ], id="pi")


def quiz_tinh_huong() -> Quiz:
    """Lesson 04: the case studies and their figures, read exactly as the sources state them, and applied."""
    kb = knowledge()
    hue = kb.case_study("thua_thien_hue")
    return Quiz(t("quiz.cs.title"), [
        Choice(t("quiz.cs.q1"), ("5", "7", "8", "9"), 1, t("quiz.cs.q1.why"), kb.figure("di_san_unesco_hue").citation,
               hint=t("quiz.cs.q1.hint"), id=_id("quiz.cs.q1")),
        Choice(t("quiz.cs.q2"), _options("quiz.cs.q2", "abcd"), 0, t("quiz.cs.q2.why"),
               kb.figure("de_xuat_kien_nghi_dia_phuong").citation, scenario=True, id=_id("quiz.cs.q2")),
        Choice(t("quiz.cs.q3"), _options("quiz.cs.q3", "abcd"), 1, t("quiz.cs.q3.why"),
               kb.figure("luot_can_bo_boi_duong").citation, scenario=True, id=_id("quiz.cs.q3")),
        Choice(t("quiz.cs.q4"), _options("quiz.cs.q4", "abcd"), 2, hue.lesson, hue.citations[3], scenario=True,
               id=_id("quiz.cs.q4")),
        Choice(t("quiz.cs.q5"), _options("quiz.cs.q5", "abcd"), 0, t("quiz.cs.q5.why"),
               kb.case_study("thi_truong_moi").citations[0], scenario=True, id=_id("quiz.cs.q5")),
        Choice(t("quiz.cs.q6"), _options("quiz.cs.q6", "abcd"), 1, t("quiz.cs.q6.why"),
               kb.case_study("ha_tinh").citations[0], id=_id("quiz.cs.q6")),
        Choice(t("quiz.cs.q7"), _options("quiz.cs.q7", "abcd"), 0, t("quiz.cs.q7.why"),
               kb.case_study("dat_hang_267").citations[1], scenario=True, id=_id("quiz.cs.q7")),
        Choice(t("quiz.cs.q8"), _options("quiz.cs.q8", "abcd"), 1, t("quiz.cs.q8.why"),
               hue.citations[1], scenario=True, id=_id("quiz.cs.q8")),
    ], id="cs")


# Lesson 04, question 8: heritage tourism of Huế is pillar 3 or 2 (the same key as exercises 1, 3 and 4).
HERITAGE_PILLARS: frozenset[int] = frozenset({2, 3})
LESSON_QUIZZES = (quiz_boi_canh, quiz_linh_vuc, quiz_tru_cot, quiz_tinh_huong)


def keyed_statements() -> tuple[KeyedStatement, ...]:
    """Every statement the lessons' quizzes key to a focus area, a pillar or a list."""
    out = [KeyedStatement(f"bài 02, {key}", t(key), "focus_area", frozenset({n}), basis=((n, basis),))
           for key, n, basis in (*FA_SCENARIOS, *FA_MATCHING)]
    out += [KeyedStatement("bài 03, quiz.pi.q6", text, "list", frozenset({key}), verbatim=True)
            for text, key in LIST_MATCHING]
    out.append(KeyedStatement("bài 03, quiz.pi.q3", t("quiz.pi.q3"), "pillar", frozenset({4})))
    out.append(KeyedStatement("bài 03, quiz.pi.q4", t("quiz.pi.q4"), "pillar", frozenset({3})))
    out.append(KeyedStatement("bài 04, quiz.cs.q8", t("quiz.cs.q8"), "pillar", HERITAGE_PILLARS,
                              case="thua_thien_hue"))
    return tuple(out)


def key_conflicts(statements: tuple[KeyedStatement, ...]) -> list[str]:
    """Every way the keys contradict the sources or each other (empty when all agree).

    1. The same statement (compared with :func:`grader.knowledge.fold`) keyed differently in two places.
    2. A verbatim statement keyed to lists other than exactly the lists whose source text holds it.
    3. A focus area whose deciding words are missing from its source passage, or found in a focus area
       the key does not accept.
    4. A key outside the course's tagging of the case study the statement comes from.
    """
    from grader.knowledge import fold

    kb = knowledge()
    problems: list[str] = []
    seen: dict[tuple[str, str], KeyedStatement] = {}
    for s in statements:
        other = seen.setdefault((s.kind, fold(s.text)), s)
        if other.accepted != s.accepted:
            problems.append(f"{s.where} keys {s.text!r} to {sorted(map(str, s.accepted))}, "
                            f"{other.where} to {sorted(map(str, other.accepted))}")
        if s.kind == "list" and s.verbatim:
            holders = {key for key, _ in kb.lists_containing(s.text)}
            if holders != set(s.accepted):
                problems.append(f"{s.where}: {s.text!r} is in {sorted(holders)}, "
                                f"keyed to {sorted(map(str, s.accepted))}")
        if s.kind == "focus_area":
            for number, words in s.basis:
                areas = {n for key, n in kb.lists_containing(words) if key == "focus_areas"}
                if number not in areas or not areas <= s.accepted:
                    problems.append(f"{s.where}: {words!r} is in focus areas {sorted(areas)}, keyed to "
                                    f"{sorted(map(str, s.accepted))}")
        if s.case is not None:
            case = kb.case_study(s.case)
            tags = set(case.focus_areas if s.kind == "focus_area" else case.pillars)
            if s.kind in ("focus_area", "pillar") and not set(s.accepted) <= tags:
                problems.append(f"{s.where}: {s.text!r} keyed to {sorted(map(str, s.accepted))}, but the course "
                                f"tags case {s.case} with {sorted(tags)}")
    return problems


# --------------------------------------------------------------------------- fairness of the options

# Syllables too common to give an answer away ("của tỉnh", "và các"): a pair made only of these is ignored.
_FUNCTION_SYLLABLES = frozenset(
    "cua va cac nhung la o cho voi de tu mot trong tai da se khi ve duoc nay do the nao gi ai co khong "
    "chua moi vi nen thi ma hay hoac bang theo sau truoc len ra vao den nhu".split()
)
MAX_LENGTH_RATIO = 1.8  # longest option / shortest option, in characters
MAX_RIGHT_EXCESS = 1.2  # right option / longest wrong option, in characters


def _pairs_of(text: str) -> set[str]:
    """The two-syllable sequences of a text, folded (no diacritics, no case), function-word pairs aside."""
    from grader.knowledge import fold

    syllables = [w for w in "".join(c if c.isalnum() else " " for c in fold(text)).split() if w]
    return {f"{a} {b}" for a, b in zip(syllables, syllables[1:], strict=False)
            if not (a in _FUNCTION_SYLLABLES and b in _FUNCTION_SYLLABLES)}


def canonical_options(options: tuple[str, ...]) -> bool:
    """True for the shared option lists (the 7 focus areas, the 4 pillars, the lists, bare numbers): the same
    options serve many questions, so their lengths say nothing about one question's answer."""
    lists = {_focus_options(), _pillar_options(), tuple(_list_option(k) for k in LIST_OPTIONS)}
    return options in lists or all(o.strip().isdecimal() for o in options)


def giveaways(q: Choice | Matching) -> dict[str, set[str]]:
    """Words of the right option that its stem (or matching item) shares and no wrong option has.

    Returns ``{stem or item: words}`` for every stem or item that gives its answer away (empty when fair).
    """
    cases = [(q.prompt, q.answer)] if isinstance(q, Choice) else list(zip(q.items, q.answers, strict=True))
    out: dict[str, set[str]] = {}
    for stem, right in cases:
        wrong = set().union(*(_pairs_of(o) for i, o in enumerate(q.options) if i != right))
        shared = (_pairs_of(stem) & _pairs_of(q.options[right])) - wrong
        if shared:
            out[stem] = shared
    return out


def length_problems(q: Choice | Matching) -> list[str]:
    """Why a question's own options are unbalanced in length (empty when balanced or shared options)."""
    if isinstance(q, Matching) or canonical_options(q.options):
        return []
    lengths = [len(o) for o in q.options]
    problems = []
    if max(lengths) > MAX_LENGTH_RATIO * min(lengths):
        problems.append(f"options run from {min(lengths)} to {max(lengths)} characters")
    longest_wrong = max(n for i, n in enumerate(lengths) if i != q.answer)
    if lengths[q.answer] > MAX_RIGHT_EXCESS * longest_wrong:
        problems.append(f"the right option ({lengths[q.answer]}) is longer than every wrong one (≤ {longest_wrong})")
    return problems
