"""Rendering knowledge-base records in the lessons: quotes with their citation, lists and tables.

Every function returns an object with ``_repr_html_`` (and a plain-text
``__str__``), so a notebook cell that ends with the call shows it. Quotes are
always taken from the knowledge base, never retyped in a lesson.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from grader.knowledge import Citation, KnowledgeBase, knowledge
from grader.messages import t

_BOX = ("border-left:4px solid #c8102e;background:#fafafa;padding:8px 12px;margin:8px 0;"
        "font-family:inherit;max-width:60em")


@dataclass(frozen=True)
class Html:
    """A piece of HTML with a plain-text twin."""

    html: str
    text: str

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.text


def source_line(citation: Citation, kb: KnowledgeBase | None = None) -> str:
    """“Nguồn: bài 001, TG&VN, …” — the article, its outlet and date where the text states them."""
    kb = kb or knowledge()
    article = kb.article(citation.article)
    parts = [t("display.article", id=article.id, title=article.title)]
    if article.outlet:
        parts.append(article.outlet)
    if article.date:
        parts.append(article.date)
    return f"{t('common.source')}: " + ", ".join(parts)


def quote(citation: Citation, speaker: str | None = None) -> Html:
    """Show a verbatim quote with its citation, and its speaker only where the article gives one.

    ``speaker`` overrides the citation's own speaker (for a caller that knows better); by default the
    citation's speaker is shown, or none.
    """
    name = speaker or citation.speaker
    who = f" — {name}" if name else ""
    src = source_line(citation)
    body = (f'<blockquote class="ngoaivu-quote" style="{_BOX}"><p style="margin:0">“{html.escape(citation.quote)}”'
            f"{html.escape(who)}</p><p style='margin:4px 0 0 0;font-size:85%;color:#555'>{html.escape(src)}</p>"
            "</blockquote>")
    return Html(body, f"“{citation.quote}”{who}\n({src})")


def trich_dan(kind: str, key: str | int | None = None) -> Html:
    """One call for a lesson: the quote of a knowledge-base entry, e.g. ``trich_dan("linh_vuc", 3)``.

    ``kind`` is one of ``linh_vuc`` (focus area ``key``; no key: the passage introducing the 7), ``tru_cot``
    (the passage naming the 4 pillars; no key), ``trung_tam`` (economic diplomacy as the centre; no key),
    ``so_lieu`` (figure), ``su_kien`` (event), ``khai_niem`` (concept), ``tinh_huong`` (case study; ``key``
    may be ``"id:n"`` for its n-th quote), ``danh_sach`` (a look-alike list; ``"id:n"`` for its n-th item).
    The speaker shown is the one the article gives the words to, or none.
    """
    kb = knowledge()
    if kind == "linh_vuc":
        if key is None:
            return quote(kb.focus_areas_intro.citation, kb.focus_areas_intro.speaker)
        return quote(kb.focus_area(int(key)).citation)
    if kind == "tru_cot":
        return quote(kb.pillars_intro.citation, kb.pillars_intro.speaker)
    if kind == "trung_tam":
        return quote(kb.centre.citation)
    if kind == "so_lieu":
        return quote(kb.figure(str(key)).citation)
    if kind == "su_kien":
        return quote(kb.event(str(key)).citation)
    if kind == "khai_niem":
        return quote(kb.concept(str(key)).citation)
    if kind == "danh_sach":
        list_id, _, index = str(key).partition(":")
        lst = kb.lookalike(list_id)
        return quote(lst.items[int(index) - 1].citation if index else lst.citation)
    if kind == "tinh_huong":
        case_id, _, index = str(key).partition(":")
        case = kb.case_study(case_id)
        return quote(case.citations[int(index or 0)])
    raise ValueError(f"unknown kind {kind!r}")


def _table(headers: Iterable[str], rows: Iterable[Iterable[str]], css: str) -> Html:
    headers, rows = list(headers), [list(r) for r in rows]
    head = "".join(f"<th style='text-align:left;padding:4px 8px'>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td style='vertical-align:top;padding:4px 8px'>{html.escape(c)}</td>" for c in r) + "</tr>"
        for r in rows
    )
    page = f"<table class='{css}' style='border-collapse:collapse'><thead><tr>{head}</tr></thead>{body}</table>"
    text = "\n".join([" | ".join(headers)] + [" | ".join(r) for r in rows])
    return Html(page, text)


def _note(key: str) -> str:
    return f"<p class='ngoaivu-course-note' style='font-size:90%;color:#555;margin:4px 0'>{html.escape(t(key))}</p>"


def bang_linh_vuc() -> Html:
    """The 7 focus areas: number, short title, the course's summary (labelled as such), instruments."""
    kb = knowledge()
    table = _table(
        [t("display.number"), t("display.focus_area"), t("display.course_summary"), t("display.instruments")],
        ([str(f.number), f.title, f.summary, "; ".join(f.instruments) or "—"] for f in kb.focus_areas),
        "ngoaivu-focus-areas",
    )
    return Html(table.html + _note("display.focus_areas_note"), f"{table.text}\n{t('display.focus_areas_note')}")


def bang_tru_cot() -> Html:
    """The 4 pillars, the centre marked; the explanations are the course's, and the table says so."""
    kb = knowledge()
    table = _table(
        [t("display.number"), t("display.pillar"), t("display.course_explanation")],
        ([str(p.number), p.title + (f" ({t('display.centre')})" if p.number == kb.centre.pillar else ""), p.summary]
         for p in kb.pillars),
        "ngoaivu-pillars",
    )
    return Html(table.html + _note("display.pillars_note"), f"{table.text}\n{t('display.pillars_note')}")


def bang_danh_sach_de_nham() -> Html:
    """The look-alike lists: what each is, who said it, where, and how it differs."""
    kb = knowledge()
    return _table(
        [t("display.list"), t("display.speaker"), t("display.article_col"), t("display.difference")],
        ([lst.name, lst.speaker, lst.article, lst.contrast] for lst in kb.lookalike_lists),
        "ngoaivu-lookalikes",
    )


def danh_sach(list_id: str) -> Html:
    """The items of one look-alike list, numbered as in the source, with who stated the list."""
    lst = knowledge().lookalike(list_id)
    table = _table([t("display.number"), lst.name], ([str(i.number), i.title] for i in lst.items), "ngoaivu-list")
    who = t("display.list_speaker", speaker=lst.speaker, context=lst.context, article=lst.article)
    return Html(table.html + f"<p style='font-size:90%;color:#555'>{html.escape(who)}</p>", f"{table.text}\n{who}")


def tagging_line(focus_areas: Iterable[int], pillars: Iterable[int]) -> str:
    """“Cách xếp của khoá học: nội dung trọng tâm …; trụ cột …” — a mapping is always shown as the course's."""
    kb = knowledge()
    fa = ", ".join(f"{n}. {kb.focus_area(n).title}" for n in focus_areas) or t("display.no_tag")
    pi = ", ".join(f"{n}. {kb.pillar(n).title}" for n in pillars) or t("display.no_tag")
    return t("display.course_tagging", focus_areas=fa, pillars=pi)


def tinh_huong(case_id: str) -> Html:
    """A case study: summary, the lesson drawn, the course's tagging (labelled as the course's), its sources."""
    kb = knowledge()
    case = kb.case_study(case_id)
    tags = tagging_line(case.focus_areas, case.pillars)
    quotes = [quote(c) for c in case.citations]
    page = (
        f"<div class='ngoaivu-case' style='max-width:60em'><h4>{html.escape(case.title)}</h4>"
        f"<p>{html.escape(case.summary)}</p>"
        f"<p><b>{html.escape(t('display.lesson'))}:</b> {html.escape(case.lesson)}</p>"
        f"<p class='ngoaivu-course-tagging' style='background:#fff8e1;padding:4px 8px'>{html.escape(tags)}</p>"
        + "".join(q.html for q in quotes) + "</div>"
    )
    text = "\n".join([case.title, case.summary, f"{t('display.lesson')}: {case.lesson}", tags]
                      + [q.text for q in quotes])
    return Html(page, text)


def vi_du_linh_vuc(number: int) -> Html:
    """The sources' passages the course reads as examples of focus area ``number`` (or a plain note if none)."""
    kb = knowledge()
    fa = kb.focus_area(number)
    cases = [c for c in kb.case_studies if number in c.focus_areas]
    head = t("display.examples_title", number=number, title=fa.title)
    note = fa.example_note or ("" if cases else t("display.no_example"))
    parts_html = [f"<div class='ngoaivu-examples'><p><b>{html.escape(head)}</b> "
                  f"<i>({html.escape(t('display.course_reading'))})</i></p>"]
    parts_text = [f"{head} ({t('display.course_reading')})"]
    if note:
        parts_html.append(f"<p>{html.escape(note)}</p>")
        parts_text.append(note)
    parts_html.append("<ul>")
    for c in cases[:3]:
        q = quote(c.citations[c.illustrates.get(number, 0)])
        parts_html.append(f"<li>{html.escape(c.title)}{q.html}</li>")
        parts_text.append(f"- {c.title}\n{q.text}")
    return Html("".join(parts_html) + "</ul></div>", "\n".join(parts_text))


def so_lieu(figure_id: str) -> Html:
    """A key figure as the source states it (with “gần”, “khoảng”, “hơn”), when it was stated, and its quote."""
    kb = knowledge()
    fig = kb.figure(figure_id)
    when = t("display.figure_when", when=fig.when)
    q = quote(fig.citation)
    page = (f"<div class='ngoaivu-figure'><p style='font-size:120%'><b>{html.escape(fig.display)}</b> — "
            f"{html.escape(fig.counts)}</p><p class='ngoaivu-figure-when'>{html.escape(when)}</p>{q.html}</div>")
    return Html(page, f"{fig.display} — {fig.counts}\n{when}\n{q.text}")
