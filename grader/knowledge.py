"""The course's knowledge base: typed, immutable records loaded from ``source_data/``.

Everything the course teaches (the 7 focus areas, the 4 pillars, the look-alike
lists, case studies, figures, events, concepts, partner kinds) is stored in
``source_data/knowledge.yaml``; the articles and their metadata are in
``source_data/articles.yaml`` and ``source_data/articles/``. Every entry carries
a :class:`Citation` (article id + verbatim quote). :func:`verify_citations`
checks every quote against the article text.

The loader validates the shape of the files and raises
:class:`KnowledgeError` naming the file and the entry at fault.

Why one module of this size: the records, the loader that checks ``source_data/`` entry by entry
against them, and the verification of citations change together whenever the knowledge base gains a
field; most of the lines are the record definitions and that field-by-field loader.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

SOURCE_DATA = Path(__file__).resolve().parent.parent / "source_data"


class KnowledgeError(ValueError):
    """The knowledge base is malformed. The message names the file and entry."""


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Citation:
    """A verbatim quote from an article; ``speaker`` is set only where the article gives the words to that person."""

    article: str
    quote: str
    speaker: str | None = None


@dataclass(frozen=True)
class Span:
    """A stretch of an article that reports one speaker's words: from the start of ``start`` to the end of ``end``."""

    start: str
    end: str


@dataclass(frozen=True)
class Speaker:
    name: str
    role: str
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Article:
    id: str
    file: str
    title: str
    title_is_headline: bool
    outlet: str | None
    date: str | None
    event: str | None
    speakers: tuple[Speaker, ...]
    citations: tuple[Citation, ...]
    text: str = field(repr=False, compare=False)


@dataclass(frozen=True)
class FocusArea:
    number: int
    title: str
    summary: str
    instruments: tuple[str, ...]
    citation: Citation
    example_note: str | None = None  # the course's note on how (or whether) the sources illustrate it


@dataclass(frozen=True)
class Pillar:
    number: int
    title: str
    summary: str
    citation: Citation


@dataclass(frozen=True)
class ListItem:
    number: int
    title: str
    citation: Citation


@dataclass(frozen=True)
class LookalikeList:
    id: str
    name: str
    count: int
    article: str
    speaker: str
    context: str
    confused_with: str  # "focus_areas" or "pillars"
    contrast: str
    citation: Citation
    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class CaseStudy:
    id: str
    title: str
    summary: str
    lesson: str
    focus_areas: tuple[int, ...]
    pillars: tuple[int, ...]
    citations: tuple[Citation, ...]
    illustrates: Mapping[int, int] = field(default_factory=dict)  # focus area -> index of the quote showing it


@dataclass(frozen=True)
class Figure:
    id: str
    value: int
    value_text: str
    qualifier: str | None
    unit: str
    counts: str
    event: str  # id of the event (conference) the figure was stated at or refers to
    when: str
    where: str
    citation: Citation

    @property
    def display(self) -> str:
        """The figure as the source states it, e.g. ``"khoảng 2.000 lượt cán bộ"``."""
        prefix = f"{self.qualifier} " if self.qualifier else ""
        return f"{prefix}{self.value_text} {self.unit}"


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    kind: str
    number: int | None
    date_text: str
    year: int | None
    month: int | None
    day: int | None
    theme: str | None
    with_event: str | None  # held together with this event (same occasion)
    citation: Citation


@dataclass(frozen=True)
class Concept:
    id: str
    term: str
    explanation: str
    citation: Citation


@dataclass(frozen=True)
class PartnerKind:
    id: str
    label: str
    citation: Citation


@dataclass(frozen=True)
class Intro:
    speaker: str
    citation: Citation


@dataclass(frozen=True)
class Centre:
    pillar: int
    statement: str
    citation: Citation


@dataclass(frozen=True)
class KnowledgeBase:
    articles: tuple[Article, ...]
    focus_areas: tuple[FocusArea, ...]
    focus_areas_intro: Intro
    pillars: tuple[Pillar, ...]
    pillars_intro: Intro
    centre: Centre
    lookalike_lists: tuple[LookalikeList, ...]
    case_studies: tuple[CaseStudy, ...]
    figures: tuple[Figure, ...]
    events: tuple[Event, ...]
    concepts: tuple[Concept, ...]
    partner_kinds: tuple[PartnerKind, ...]

    # -- lookups ---------------------------------------------------------------
    def article(self, article_id: str) -> Article:
        return _by(self.articles, "id", article_id, "article")

    def focus_area(self, number: int) -> FocusArea:
        return _by(self.focus_areas, "number", number, "focus area")

    def pillar(self, number: int) -> Pillar:
        return _by(self.pillars, "number", number, "pillar")

    def case_study(self, case_id: str) -> CaseStudy:
        return _by(self.case_studies, "id", case_id, "case study")

    def figure(self, figure_id: str) -> Figure:
        return _by(self.figures, "id", figure_id, "figure")

    def event(self, event_id: str) -> Event:
        return _by(self.events, "id", event_id, "event")

    def lookalike(self, list_id: str) -> LookalikeList:
        return _by(self.lookalike_lists, "id", list_id, "look-alike list")

    def concept(self, concept_id: str) -> Concept:
        return _by(self.concepts, "id", concept_id, "concept")

    def partner_kind(self, kind_id: str) -> PartnerKind:
        return _by(self.partner_kinds, "id", kind_id, "partner kind")

    def citations(self) -> Iterator[tuple[str, Citation]]:
        """Every citation in the knowledge base, with a label naming its entry."""
        for a in self.articles:
            for c in a.citations:
                yield f"articles.yaml: article {a.id}", c
            for s in a.speakers:
                for span in s.spans:
                    yield f"articles.yaml: article {a.id} speaker {s.name} span", Citation(a.id, span.start)
                    yield f"articles.yaml: article {a.id} speaker {s.name} span", Citation(a.id, span.end)
        yield "knowledge.yaml: focus_areas.intro", self.focus_areas_intro.citation
        for f in self.focus_areas:
            yield f"knowledge.yaml: focus area {f.number}", f.citation
        yield "knowledge.yaml: pillars.intro", self.pillars_intro.citation
        yield "knowledge.yaml: pillars.centre", self.centre.citation
        for p in self.pillars:
            yield f"knowledge.yaml: pillar {p.number}", p.citation
        for lst in self.lookalike_lists:
            yield f"knowledge.yaml: look-alike list {lst.id}", lst.citation
            for item in lst.items:
                yield f"knowledge.yaml: look-alike list {lst.id} item {item.number}", item.citation
        for cs in self.case_studies:
            for c in cs.citations:
                yield f"knowledge.yaml: case study {cs.id}", c
        for fig in self.figures:
            yield f"knowledge.yaml: figure {fig.id}", fig.citation
        for ev in self.events:
            yield f"knowledge.yaml: event {ev.id}", ev.citation
        for con in self.concepts:
            yield f"knowledge.yaml: concept {con.id}", con.citation
        for pk in self.partner_kinds:
            yield f"knowledge.yaml: partner kind {pk.id}", pk.citation

    def list_items(self) -> Iterator[tuple[str, int, Citation]]:
        """Every item of every enumerated list: (list key, item number, citation).

        The list key is ``"focus_areas"``, ``"pillars"`` or a look-alike list id.
        """
        for f in self.focus_areas:
            yield "focus_areas", f.number, f.citation
        for p in self.pillars:
            yield "pillars", p.number, p.citation
        for lst in self.lookalike_lists:
            for item in lst.items:
                yield lst.id, item.number, item.citation

    def passage(self, list_key: str, number: int) -> str:
        """The whole source text of one list item.

        That is the article's paragraph holding the item's quote, unless the list's items share one
        paragraph (the 4 pillars, the 4 channels): then the item is its quote alone.
        """
        items = {n: c for key, n, c in self.list_items() if key == list_key}
        cite = items[number]
        paragraphs = [normalize_text(p) for p in self.article(cite.article).text.splitlines() if p.strip()]

        def paragraph_of(c: Citation) -> int:
            return next(i for i, p in enumerate(paragraphs) if normalize_text(c.quote) in p)

        own = paragraph_of(cite)
        shared = any(paragraph_of(c) == own for n, c in items.items() if n != number)
        return normalize_text(cite.quote) if shared else paragraphs[own]

    def lists_containing(self, statement: str) -> set[tuple[str, int]]:
        """Every (list key, item number) whose source text holds ``statement`` (compared with :func:`fold`).

        Item number 0 stands for a look-alike list's own citation (the passage that introduces or, for the
        4 channels, states the whole list).
        """
        wanted = fold(statement)
        if not wanted:
            return set()
        found = {(key, n) for key, n, _ in self.list_items() if wanted in fold(self.passage(key, n))}
        found |= {(lst.id, 0) for lst in self.lookalike_lists if wanted in fold(lst.citation.quote)}
        return found

    def list_name(self, list_key: str) -> str:
        """The name of a list, for any list key of :meth:`list_items`."""
        from grader.messages import t

        if list_key in ("focus_areas", "pillars"):
            return t(f"display.list_name.{list_key}")
        return self.lookalike(list_key).name

    def entry_count(self) -> int:
        return (
            len(self.articles)
            + len(self.focus_areas)
            + len(self.pillars)
            + 1  # the centre statement
            + sum(1 + len(lst.items) for lst in self.lookalike_lists)
            + len(self.case_studies)
            + len(self.figures)
            + len(self.events)
            + len(self.concepts)
            + len(self.partner_kinds)
        )


def _by(records: tuple[Any, ...], attr: str, value: Any, what: str) -> Any:
    for r in records:
        if getattr(r, attr) == value:
            return r
    raise KeyError(f"no {what} {value!r} in the knowledge base")


# --------------------------------------------------------------------------- text matching


def normalize_text(text: str) -> str:
    """NFC-normalise and collapse every run of whitespace (incl. NBSP) to one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def quote_in_article(quote: str, article_text: str) -> bool:
    """True if ``quote`` occurs verbatim in ``article_text`` (modulo NFC and whitespace)."""
    q = normalize_text(quote)
    return bool(q) and q in normalize_text(article_text)


def fold(text: str) -> str:
    """Text folded for comparing wordings: no diacritics (so "hoá" = "hóa"), no case, no punctuation."""
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D").casefold()
    return " ".join(re.findall(r"\w+", stripped))


def speaker_span(article: Article, speaker: str, quote: str) -> Span | None:
    """The span of ``article`` reporting ``speaker``'s words that holds ``quote``, or None."""
    text = normalize_text(article.text)
    q = normalize_text(quote)
    for s in article.speakers:
        if s.name != speaker:
            continue
        for span in s.spans:
            start = text.find(normalize_text(span.start))
            end_at = text.find(normalize_text(span.end), max(start, 0))
            if start < 0 or end_at < 0:
                continue
            end = end_at + len(normalize_text(span.end))
            at = text.find(q, start)
            if 0 <= at and at + len(q) <= end:
                return span
    return None


# --------------------------------------------------------------------------- loading


class _Reader:
    """Typed access to one YAML mapping, with errors naming file and entry."""

    def __init__(self, data: Any, file: str, entry: str):
        if not isinstance(data, dict):
            raise KnowledgeError(f"{file}: {entry}: expected a mapping, got {type(data).__name__}")
        self.data, self.file, self.entry = data, file, entry

    def fail(self, msg: str) -> KnowledgeError:
        return KnowledgeError(f"{self.file}: {self.entry}: {msg}")

    def get(self, key: str, kind: type | tuple[type, ...], *, optional: bool = False) -> Any:
        if key not in self.data or self.data[key] is None:
            if optional:
                return None
            raise self.fail(f"missing field {key!r}")
        value = self.data[key]
        if isinstance(value, bool) and kind is int:
            raise self.fail(f"field {key!r} must be int, got bool")
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            raise self.fail(f"field {key!r} must be {names}, got {type(value).__name__}")
        if isinstance(value, str) and not value.strip():
            raise self.fail(f"field {key!r} is empty")
        return value

    def str(self, key: str, *, optional: bool = False) -> str | None:
        return self.get(key, str, optional=optional)

    def int(self, key: str, *, optional: bool = False) -> int | None:
        return self.get(key, int, optional=optional)

    def list(self, key: str) -> list[Any]:
        value = self.get(key, list, optional=True)
        return value or []

    def sub(self, key: str, entry: str | None = None) -> _Reader:
        return _Reader(self.get(key, dict), self.file, entry or f"{self.entry}.{key}")

    def citation(self, key: str = "citation", speaker: str | None = None) -> Citation:
        return _citation(self.get(key, dict), self.file, f"{self.entry}.{key}", speaker)


def _citation(data: Any, file: str, entry: str, speaker: str | None = None) -> Citation:
    """A citation mapping; ``speaker`` is the default speaker (an explicit ``speaker:`` key wins)."""
    r = _Reader(data, file, entry)
    article = r.get("article", str)
    return Citation(article=article, quote=r.str("quote"), speaker=r.str("speaker", optional=True) or speaker)


def _ints(r: _Reader, key: str, valid: range) -> tuple[int, ...]:
    values = r.list(key)
    for v in values:
        if not isinstance(v, int) or isinstance(v, bool) or v not in valid:
            raise r.fail(f"{key} contains {v!r}, which is not a number in {valid.start}-{valid.stop - 1}")
    return tuple(values)


def _illustrates(r: _Reader, cites: tuple[Citation, ...]) -> dict[int, int]:
    raw = r.get("illustrates", dict, optional=True) or {}
    out = {}
    for fa, index in raw.items():
        if not isinstance(fa, int) or not isinstance(index, int) or not 0 <= index < len(cites):
            raise r.fail(f"illustrates maps focus area {fa!r} to {index!r}, which is not one of its quotes")
        if fa not in _ints(r, "focus_areas", range(1, 100)):
            raise r.fail(f"illustrates names focus area {fa}, which the case is not tagged with")
        out[fa] = index
    return out


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KnowledgeError(f"{path.name}: file not found at {path}") from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path.name}: invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path.name}: top level must be a mapping")
    return data


def _load_articles(root: Path) -> tuple[Article, ...]:
    fname = "articles.yaml"
    data = _read_yaml(root / fname)
    top = _Reader(data, fname, "top level")
    out = []
    for i, raw in enumerate(top.list("articles")):
        r = _Reader(raw, fname, f"articles[{i}]")
        aid = r.get("id", str)
        r.entry = f"article {aid}"
        file = r.str("file")
        path = root / "articles" / file
        if not path.is_file():
            raise r.fail(f"article file {file!r} not found in {root / 'articles'}")
        speakers = tuple(
            Speaker(name=s.str("name"), role=s.str("role"), spans=tuple(
                Span(start=sp.str("from"), end=sp.str("to"))
                for k, raw_span in enumerate(s.list("spans"))
                for sp in [_Reader(raw_span, fname, f"article {aid} speakers[{j}] spans[{k}]")]
            ))
            for j, raw_s in enumerate(r.list("speakers"))
            for s in [_Reader(raw_s, fname, f"article {aid} speakers[{j}]")]
        )
        cites = tuple(
            Citation(article=aid, quote=q) if isinstance(q, str) and q.strip() else _bad(r, f"citations[{j}]")
            for j, q in enumerate(r.list("citations"))
        )
        out.append(
            Article(
                id=aid,
                file=file,
                title=r.str("title"),
                title_is_headline=bool(r.get("title_is_headline", bool)),
                outlet=r.str("outlet", optional=True),
                date=r.str("date", optional=True),
                event=r.str("event", optional=True),
                speakers=speakers,
                citations=cites,
                text=path.read_text(encoding="utf-8"),
            )
        )
    if not out:
        raise top.fail("no articles listed")
    return tuple(out)


def _bad(r: _Reader, what: str) -> Citation:
    raise r.fail(f"{what} must be a non-empty quote string")


def _numbered(items: list[Any], fname: str, section: str) -> list[_Reader]:
    readers = [_Reader(raw, fname, f"{section}.items[{i}]") for i, raw in enumerate(items)]
    for i, r in enumerate(readers, start=1):
        n = r.int("number")
        r.entry = f"{section} {n}"
        if n != i:
            raise r.fail(f"numbered {n} but is item {i}; items must be numbered 1..N in source order")
    return readers


def load(root: Path | str | None = None) -> KnowledgeBase:
    """Load and validate the knowledge base from ``root`` (default: ``source_data/``)."""
    root = Path(root) if root is not None else SOURCE_DATA
    articles = _load_articles(root)
    article_ids = {a.id for a in articles}
    fname = "knowledge.yaml"
    top = _Reader(_read_yaml(root / fname), fname, "top level")

    fa_sec = top.sub("focus_areas", "focus_areas")
    fa_intro = fa_sec.sub("intro", "focus_areas.intro")
    fa_speaker = fa_intro.str("speaker")
    focus_areas = tuple(
        FocusArea(
            number=r.int("number"),
            title=r.str("title"),
            summary=r.str("summary"),
            instruments=tuple(r.list("instruments")),
            citation=r.citation(speaker=fa_speaker),
            example_note=r.str("example_note", optional=True),
        )
        for r in _numbered(fa_sec.list("items"), fname, "focus area")
    )
    p_sec = top.sub("pillars", "pillars")
    p_intro = p_sec.sub("intro", "pillars.intro")
    p_speaker = p_intro.str("speaker")
    pillars = tuple(
        Pillar(number=r.int("number"), title=r.str("title"), summary=r.str("summary"),
               citation=r.citation(speaker=p_speaker))
        for r in _numbered(p_sec.list("items"), fname, "pillar")
    )
    centre_r = p_sec.sub("centre", "pillars.centre")
    centre = Centre(pillar=centre_r.int("pillar"), statement=centre_r.str("statement"),
                    citation=centre_r.citation(speaker=p_speaker))

    lookalikes = []
    for i, raw in enumerate(top.list("lookalike_lists")):
        r = _Reader(raw, fname, f"lookalike_lists[{i}]")
        lid = r.str("id")
        r.entry = f"look-alike list {lid}"
        list_speaker = r.str("speaker")
        items = tuple(
            ListItem(number=ir.int("number"), title=ir.str("title"), citation=ir.citation(speaker=list_speaker))
            for ir in _numbered(r.list("items"), fname, f"look-alike list {lid} item")
        )
        count = r.int("count")
        if count != len(items):
            raise r.fail(f"count is {count} but {len(items)} items are listed")
        confused = r.str("confused_with")
        if confused not in ("focus_areas", "pillars"):
            raise r.fail(f"confused_with must be 'focus_areas' or 'pillars', got {confused!r}")
        lookalikes.append(
            LookalikeList(
                id=lid,
                name=r.str("name"),
                count=count,
                article=r.get("article", str),
                speaker=list_speaker,
                context=r.str("context"),
                confused_with=confused,
                contrast=r.str("contrast"),
                citation=r.citation(),
                items=items,
            )
        )

    n_fa, n_p = len(focus_areas), len(pillars)
    cases = []
    for i, raw in enumerate(top.list("case_studies")):
        r = _Reader(raw, fname, f"case_studies[{i}]")
        cid = r.str("id")
        r.entry = f"case study {cid}"
        cites = tuple(
            _citation(c, fname, f"case study {cid} citations[{j}]") for j, c in enumerate(r.list("citations"))
        )
        if not cites:
            raise r.fail("needs at least one citation")
        cases.append(
            CaseStudy(
                id=cid,
                title=r.str("title"),
                summary=r.str("summary"),
                lesson=r.str("lesson"),
                focus_areas=_ints(r, "focus_areas", range(1, n_fa + 1)),
                pillars=_ints(r, "pillars", range(1, n_p + 1)),
                citations=cites,
                illustrates=_illustrates(r, cites),
            )
        )

    figures = []
    for i, raw in enumerate(top.list("figures")):
        r = _Reader(raw, fname, f"figures[{i}]")
        fid = r.str("id")
        r.entry = f"figure {fid}"
        figures.append(
            Figure(
                id=fid,
                value=r.int("value"),
                value_text=r.get("value_text", str),
                qualifier=r.str("qualifier", optional=True),
                unit=r.str("unit"),
                counts=r.str("counts"),
                event=r.str("event"),
                when=r.str("when"),
                where=r.str("where"),
                citation=r.citation(),
            )
        )

    events = []
    for i, raw in enumerate(top.list("events")):
        r = _Reader(raw, fname, f"events[{i}]")
        eid = r.str("id")
        r.entry = f"event {eid}"
        events.append(
            Event(
                id=eid,
                name=r.str("name"),
                kind=r.str("kind"),
                number=r.int("number", optional=True),
                date_text=r.str("date_text"),
                year=r.int("year", optional=True),
                month=r.int("month", optional=True),
                day=r.int("day", optional=True),
                theme=r.str("theme", optional=True),
                with_event=r.str("with_event", optional=True),
                citation=r.citation(),
            )
        )

    concepts = []
    for i, raw in enumerate(top.list("concepts")):
        r = _Reader(raw, fname, f"concepts[{i}]")
        cid = r.str("id")
        r.entry = f"concept {cid}"
        concepts.append(Concept(id=cid, term=r.str("term"), explanation=r.str("explanation"), citation=r.citation()))

    partner_kinds = []
    for i, raw in enumerate(top.list("partner_kinds")):
        r = _Reader(raw, fname, f"partner_kinds[{i}]")
        pid = r.str("id")
        r.entry = f"partner kind {pid}"
        partner_kinds.append(PartnerKind(id=pid, label=r.str("label"), citation=r.citation()))

    kb = KnowledgeBase(
        articles=articles,
        focus_areas=focus_areas,
        focus_areas_intro=Intro(speaker=fa_speaker, citation=_citation(fa_intro.data, fname, "focus_areas.intro")),
        pillars=pillars,
        pillars_intro=Intro(speaker=p_speaker, citation=_citation(p_intro.data, fname, "pillars.intro")),
        centre=centre,
        lookalike_lists=tuple(lookalikes),
        case_studies=tuple(cases),
        figures=tuple(figures),
        events=tuple(events),
        concepts=tuple(concepts),
        partner_kinds=tuple(partner_kinds),
    )
    _check_unique_ids(kb)
    for label, cite in kb.citations():
        if cite.article not in article_ids:
            raise KnowledgeError(f"{label}: citation names unknown article {cite.article!r}")
    event_ids = {e.id for e in kb.events}
    for ev in kb.events:
        if ev.with_event is not None and ev.with_event not in event_ids:
            raise KnowledgeError(f"{fname}: event {ev.id}: with_event names unknown event {ev.with_event!r}")
    for fig in kb.figures:
        if fig.event not in event_ids:
            raise KnowledgeError(f"{fname}: figure {fig.id}: event names unknown event {fig.event!r}")
    for label, cite in kb.citations():
        if cite.speaker is not None and cite.speaker not in {s.name for s in kb.article(cite.article).speakers}:
            raise KnowledgeError(f"{label}: speaker {cite.speaker!r} is not a speaker of article {cite.article}")
    if centre.pillar not in {p.number for p in pillars}:
        raise KnowledgeError(f"{fname}: pillars.centre: pillar {centre.pillar} does not exist")
    return kb


def _check_unique_ids(kb: KnowledgeBase) -> None:
    for section, records in (
        ("lookalike_lists", kb.lookalike_lists),
        ("case_studies", kb.case_studies),
        ("figures", kb.figures),
        ("events", kb.events),
        ("concepts", kb.concepts),
        ("partner_kinds", kb.partner_kinds),
    ):
        seen: set[str] = set()
        for r in records:
            if r.id in seen:
                raise KnowledgeError(f"knowledge.yaml: {section}: duplicate id {r.id!r}")
            seen.add(r.id)


@lru_cache(maxsize=1)
def knowledge() -> KnowledgeBase:
    """The course's knowledge base (loaded once, cached)."""
    return load()


# --------------------------------------------------------------------------- verification


@dataclass(frozen=True)
class VerificationReport:
    entries: int
    quotes: int
    failures: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        status = "OK" if self.ok else f"FAILED ({len(self.failures)} problems)"
        verified = self.quotes - len(self.failures)
        return f"check-sources: {status}: {self.entries} entries, {verified}/{self.quotes} quotes verified"


def verify_citations(kb: KnowledgeBase) -> VerificationReport:
    """Check every quote against its article, and every figure's value against its quote."""
    texts = {a.id: normalize_text(a.text) for a in kb.articles}
    failures = []
    quotes = 0
    for label, cite in kb.citations():
        quotes += 1
        if normalize_text(cite.quote) not in texts[cite.article]:
            failures.append(f"{label}: quote not found in article {cite.article}: {cite.quote!r}")
    for label, cite in kb.citations():
        if cite.speaker is not None and speaker_span(kb.article(cite.article), cite.speaker, cite.quote) is None:
            failures.append(f"{label}: the article does not give these words to {cite.speaker}: {cite.quote!r}")
    for fig in kb.figures:
        if fig.value_text not in fig.citation.quote:
            failures.append(f"knowledge.yaml: figure {fig.id}: value {fig.value_text!r} is not in its quote")
        if int(fig.value_text.replace(".", "")) != fig.value:
            failures.append(f"knowledge.yaml: figure {fig.id}: value_text {fig.value_text!r} != value {fig.value}")
    return VerificationReport(entries=kb.entry_count(), quotes=quotes, failures=tuple(failures))
