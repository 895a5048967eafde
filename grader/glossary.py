"""The trainees' glossary (thuật ngữ): ``source_data/glossary.yaml`` rendered as ``course/thuat_ngu.ipynb``.

Each entry has a plain explanation in the course's own words and, where the
sources use the term, verbatim quotes (article id + quote) that
:func:`verify_glossary` finds in the article text with the knowledge base's own
matching (:func:`grader.knowledge.quote_in_article`). Entries marked
``source: course`` are the course's planning words and carry no quote.

``python -m grader.glossary`` writes the notebook; ``--check`` exits with 1 if
the committed notebook differs from what the YAML renders (the tests run it).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import yaml

from grader.knowledge import SOURCE_DATA, Citation, KnowledgeBase, knowledge, normalize_text, quote_in_article

GLOSSARY_FILE = SOURCE_DATA / "glossary.yaml"
NOTEBOOK = SOURCE_DATA.parent / "course" / "thuat_ngu.ipynb"


class GlossaryError(ValueError):
    """The glossary file is malformed; the message names the entry."""


@dataclass(frozen=True)
class Group:
    id: str
    title: str


@dataclass(frozen=True)
class Entry:
    id: str
    term: str
    group: str
    explanation: str
    note: str | None
    quotes: tuple[Citation, ...]
    see: tuple[str, ...]
    course_term: bool  # the course's own word: no quote from the sources


@dataclass(frozen=True)
class Glossary:
    groups: tuple[Group, ...]
    entries: tuple[Entry, ...]

    def entry(self, entry_id: str) -> Entry:
        for e in self.entries:
            if e.id == entry_id:
                return e
        raise KeyError(f"no glossary entry {entry_id!r}")


def _text(raw: dict[str, Any], key: str, where: str, *, optional: bool = False) -> str | None:
    value = raw.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise GlossaryError(f"glossary.yaml: {where}: {key!r} must be a non-empty text")
    return value


def _entry(raw: Any, groups: set[str], index: int) -> Entry:
    if not isinstance(raw, dict):
        raise GlossaryError(f"glossary.yaml: entry {index}: expected a mapping")
    entry_id = _text(raw, "id", f"entry {index}")
    assert entry_id is not None
    where = f"entry {entry_id}"
    group = _text(raw, "group", where)
    if group not in groups:
        raise GlossaryError(f"glossary.yaml: {where}: unknown group {group!r}")
    course_term = raw.get("source") == "course"
    if "source" in raw and not course_term:
        raise GlossaryError(f"glossary.yaml: {where}: 'source' can only be 'course'")
    quotes = []
    for q in raw.get("quotes") or []:
        if not isinstance(q, dict):
            raise GlossaryError(f"glossary.yaml: {where}: each quote needs 'article' and 'quote'")
        article, quote = _text(q, "article", where), _text(q, "quote", where)
        assert article is not None and quote is not None
        quotes.append(Citation(article=article, quote=quote))
    if course_term == bool(quotes):
        raise GlossaryError(f"glossary.yaml: {where}: a term from the sources needs quotes; a course term has none")
    see = raw.get("see") or []
    if not isinstance(see, list) or not all(isinstance(s, str) for s in see):
        raise GlossaryError(f"glossary.yaml: {where}: 'see' must be a list of entry ids")
    term, explanation = _text(raw, "term", where), _text(raw, "explanation", where)
    assert term is not None and explanation is not None
    assert group is not None
    return Entry(id=entry_id, term=term, group=group, explanation=explanation,
                 note=_text(raw, "note", where, optional=True), quotes=tuple(quotes), see=tuple(see),
                 course_term=course_term)


def load_glossary(path: Path = GLOSSARY_FILE) -> Glossary:
    """Read and validate the glossary file (shape, unique ids, known groups and cross-references)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(isinstance(data.get(k), list) for k in ("groups", "entries")):
        raise GlossaryError("glossary.yaml: expected 'groups' and 'entries' lists")
    groups = tuple(Group(id=str(g["id"]), title=str(g["title"])) for g in data["groups"])
    entries = tuple(_entry(raw, {g.id for g in groups}, i) for i, raw in enumerate(data["entries"], 1))
    ids = [e.id for e in entries]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise GlossaryError(f"glossary.yaml: duplicate entry ids: {duplicates}")
    for e in entries:
        unknown = [s for s in e.see if s not in ids]
        if unknown:
            raise GlossaryError(f"glossary.yaml: entry {e.id}: 'see' names unknown entries {unknown}")
    return Glossary(groups=groups, entries=entries)


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:[.,/-]\d+)*", text)


def verify_glossary(glossary: Glossary, kb: KnowledgeBase | None = None) -> list[str]:
    """Every problem found: a quote not verbatim in its article, or (for terms from the sources) a “…”
    phrase or a number in the explanation or note that no article contains."""
    kb = kb or knowledge()
    texts = {a.id: a.text for a in kb.articles}
    corpus = normalize_text(" ".join([*texts.values(), *texts])).casefold()  # article ids count as sourced
    problems = []
    for e in glossary.entries:
        for c in e.quotes:
            if c.article not in texts:
                problems.append(f"{e.id}: unknown article {c.article!r}")
            elif not quote_in_article(c.quote, texts[c.article]):
                problems.append(f"{e.id}: quote not found in article {c.article}: {c.quote!r}")
        if e.course_term:
            continue
        prose = f"{e.explanation} {e.note or ''}"
        for phrase in re.findall(r"“([^”]+)”", prose):
            if normalize_text(phrase).casefold() not in corpus:
                problems.append(f"{e.id}: quoted phrase not in any article: {phrase!r}")
        for number in _numbers(prose):
            if number not in corpus:
                problems.append(f"{e.id}: number not in any article: {number!r}")
    return problems


# --------------------------------------------------------------------------- rendering

INTRO = """# Thuật ngữ của khoá học

Bảng này giải thích những từ anh/chị sẽ gặp trong các bài học và bài tập, bằng lời thường. Với mỗi từ mà bài nguồn
có dùng, bảng trích **nguyên văn** câu của nguồn, kèm số bài (ví dụ “bài 004”). Phần giải thích là lời của khoá học;
nó không thêm sự kiện nào ngoài những gì câu trích cho phép nói. Mục cuối là các từ khoá học dùng khi lập kế hoạch:
chúng không có trong nguồn nên không có câu trích.

Không cần chạy ô nào: đây chỉ là trang đọc. Các từ được xếp theo sáu nhóm, mỗi nhóm có một tiêu đề lớn."""


def _sources_cell(kb: KnowledgeBase) -> str:
    lines = ["**Năm bài nguồn** (trong thư mục `source_data/articles/`):", ""]
    for a in kb.articles:
        lines.append(f"- bài {a.id}: {a.title}")
    return "\n".join(lines)


def _entry_cell(e: Entry, glossary: Glossary) -> str:
    parts = [f"### {e.term}", "", e.explanation]
    if e.note:
        parts += ["", f"*Lưu ý:* {e.note}"]
    for c in e.quotes:
        parts += ["", f"> “{normalize_text(c.quote)}” (bài {c.article})"]
    if e.see:
        parts += ["", "Xem thêm: " + "; ".join(glossary.entry(s).term for s in e.see) + "."]
    return "\n".join(parts)


def render_notebook(glossary: Glossary | None = None, kb: KnowledgeBase | None = None) -> nbformat.NotebookNode:
    """The glossary as a notebook of markdown cells only (nothing to run)."""
    glossary = glossary or load_glossary()
    kb = kb or knowledge()
    cells = [nbformat.v4.new_markdown_cell(INTRO), nbformat.v4.new_markdown_cell(_sources_cell(kb))]
    for group in glossary.groups:
        members = [e for e in glossary.entries if e.group == group.id]
        if not members:
            continue
        cells.append(nbformat.v4.new_markdown_cell(f"## {group.title}"))
        cells += [nbformat.v4.new_markdown_cell(_entry_cell(e, glossary)) for e in members]
    for i, cell in enumerate(cells):
        cell["id"] = f"thuat-ngu-{i:03d}"  # stable ids: the file only changes when the glossary does
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        # as JupyterLab writes it (the course's reference Python), so the glossary opens with nothing to save
        "language_info": {"codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py",
                          "mimetype": "text/x-python", "name": "python", "nbconvert_exporter": "python",
                          "pygments_lexer": "ipython3", "version": "3.11.7"},
    }
    return nb


def notebook_text(glossary: Glossary | None = None) -> str:
    return nbformat.writes(render_notebook(glossary)) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render source_data/glossary.yaml as course/thuat_ngu.ipynb.")
    parser.add_argument("--check", action="store_true", help="exit 1 if the notebook is out of date or a quote fails")
    args = parser.parse_args(argv)
    glossary = load_glossary()
    problems = verify_glossary(glossary)
    for p in problems:
        print(f"glossary: {p}", file=sys.stderr)
    text = notebook_text(glossary)
    if args.check:
        current = NOTEBOOK.read_text(encoding="utf-8") if NOTEBOOK.exists() else ""
        if current != text:
            print(f"glossary: {NOTEBOOK} is out of date; run: python -m grader.glossary", file=sys.stderr)
            return 1
        return 1 if problems else 0
    if problems:
        return 1
    NOTEBOOK.write_text(text, encoding="utf-8")
    print(f"wrote {NOTEBOOK} ({len(glossary.entries)} terms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
