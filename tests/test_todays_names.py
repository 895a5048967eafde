"""Trainee-facing text uses today's names (source_data/thay_doi.yaml); the old names stay only where they belong.

Since 01/01/2025 Thừa Thiên Huế is Thành phố Huế, and the Sở Kế hoạch và Đầu tư was merged into the Sở Tài chính.
The course is used from 2027: a format example, a template, a solution or a message that writes the old name
as today's teaches the trainee an out-of-date name. The old name may stay

- inside a quotation mark “…” whose text is the articles' own words (a quote of an article);
- in a sentence that cites an article ("bài 001", "bài nguồn"): it retells what the article said then;
- in a paragraph that also gives the new name (the change explained, "Thành phố Huế (bài nguồn gọi là …)");
- in the places of :data:`ALLOWED`, each with its reason.

What is scanned: the Vietnamese text of every message catalogue (grader/messages/*.yaml), every cell of the
exercises' source notebooks (instructions, templates, solutions) and every lesson, the glossary included.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import yaml

from grader.knowledge import knowledge, normalize_text

ROOT = Path(__file__).resolve().parent.parent
CHANGES = yaml.safe_load((ROOT / "source_data" / "thay_doi.yaml").read_text(encoding="utf-8"))["changes"]
RENAMED = {c["old_name"]: c["new_name"] for c in CHANGES if c.get("old_name")}

# (file name, a piece of the paragraph) -> why the old name stays there.
ALLOWED: dict[tuple[str, str], str] = {
    ("cli.yaml", "hv001,Nguyễn Văn An,Thừa Thiên Huế"): "the trainer's setup help (a roster row), not the trainees'",
    ("checks.yaml", "Bài học Thừa Thiên Huế"): "names the case study of article 001 (lesson 04's section)",
    ("quizzes.yaml", "Theo bài học của Thừa Thiên Huế"): "names the case study of article 001",
    ("quizzes.yaml", "như Thừa Thiên Huế đã làm"): "what Huế did in 2023, as article 000 tells it",
    ("quizzes.yaml", "“Vùng đất cố đô” Thừa Thiên Huế đang sở hữu"): "a recall question on article 001's figure",
    ("exercises.yaml", "Sở Ngoại vụ Thừa Thiên Huế “đặt hàng”"): "bt1's activity retold from article 001",
    ("exercises.yaml", "Quảng bá “vùng đất cố đô” Thừa Thiên Huế"): "bt1's activity retold from article 001",
    ("exercises.yaml", "với quê hương Thừa Thiên Huế"): "bt1's activity retold from article 001",
    ("exercises.yaml", "UNESCO vinh danh của Thừa Thiên Huế"): "bt2's question on article 001's figure",
    ("bt1_phan_loai.ipynb", "(ví dụ: tình huống Thừa Thiên Huế)"): "names the case study of article 001",
    ("bt2_doc_nguon.ipynb", "(Giám đốc Sở Ngoại vụ Thừa Thiên Huế)"): "his title in 2023 (article 001)",
    ("04_nghien_cuu_tinh_huong.ipynb", "## Thừa Thiên Huế: nhà đầu tư"): "heading of article 001's case study",
    ("04_nghien_cuu_tinh_huong.ipynb", "## 267 “đặt hàng” và đặt hàng của Thừa Thiên Huế"): "heading of the 2023 cases",
    ("04_nghien_cuu_tinh_huong.ipynb", "“đặt hàng” Thừa Thiên Huế gửi các Trưởng"): "objective naming the 2023 case",
    ("04_nghien_cuu_tinh_huong.ipynb", "- Thừa Thiên Huế: ký kết chưa phải là kết quả"): "recap of the case study",
    ("04_nghien_cuu_tinh_huong.ipynb", "đặt hàng của Thừa Thiên Huế gửi các Trưởng"): "recap of the case study",
    ("05_xay_dung_ke_hoach.ipynb", "các cơ quan đại diện nhắc Thừa Thiên Huế"): "article 001's case, as it was told",
    ("05_xay_dung_ke_hoach.ipynb", "bài học “follow up” của Thừa Thiên Huế"): "names the case study of article 001",
    ("thuat_ngu.ipynb", "(Giám đốc Sở Ngoại vụ Thừa Thiên Huế)"): "his title when he spoke (article 001)",
    ("thuat_ngu.ipynb", "tại hội nghị, Thừa Thiên Huế “đặt hàng” trực tiếp"): "the 2023 case told by article 001",
    ("quizzes.yaml", "“Đặt hàng” của Thừa Thiên Huế được gửi tới"): "explains the 2023 case of articles 000 and 003",
    ("bt2_doc_nguon.ipynb", "“Vùng đất cố đô” Thừa Thiên Huế đang sở hữu"): "a recall question on article 001's figure",
    ("04_nghien_cuu_tinh_huong.ipynb", "Còn Thừa Thiên Huế “đặt hàng” trực tiếp"): "the 2023 case told by article 001",
}

_CITES = re.compile(r"\b[Bb]ài (?:nguồn|00\d)\b")
_QUOTE = re.compile(r"“([^“”]*)”")


def _articles() -> str:
    return normalize_text(" ".join(a.text for a in knowledge().articles))


def _paragraphs(text: str) -> list[str]:
    """Blocks of prose (blank-line separated; list items, table rows and headings on their own); each line of a
    fenced code block on its own (a format example is not prose)."""
    out: list[str] = []
    block: list[str] = []
    fenced = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            fenced = not fenced
            out.append(" ".join(block))
            block = []
            continue
        if fenced or not stripped or re.match(r"^(#|[-*] |\d+\. |\||>)", stripped):
            out.append(" ".join(block))
            block = [] if fenced or not stripped else [stripped]
            if fenced:
                out.append(stripped)
            continue
        block.append(stripped)
    out.append(" ".join(block))
    return [normalize_text(p) for p in out if p.strip()]


def _code_lines(text: str) -> list[str]:
    """A code cell (a template, a solution, a demo): each line on its own."""
    return [normalize_text(line) for line in text.splitlines() if line.strip()]


def _old_names_out_of_place(where: str, units: list[str], articles: str) -> list[str]:
    found = []
    for unit in units:
        for old, new in RENAMED.items():
            if old not in unit or new in unit:
                continue
            if any(piece in unit for (name, piece) in ALLOWED if name == where):
                continue
            # quotes of the articles' own words keep the article's name
            rest = _QUOTE.sub(lambda m: " " if normalize_text(m.group(1)) in articles else m.group(0), unit)
            # a table row is one statement, its source column cites the article it retells
            sentences = [rest] if rest.startswith("|") else re.split(r"(?<=[.!?])\s+", rest)
            if any(old in s and not _CITES.search(s) for s in sentences):
                found.append(f"{where}: {unit[:160]}")
    return found


def _sources() -> list[tuple[str, list[str]]]:
    units: list[tuple[str, list[str]]] = []
    for path in sorted((ROOT / "grader" / "messages").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        units.append((path.name, [normalize_text(v["vi"]) for v in data.values()]))
    notebooks = sorted((ROOT / "exercises" / "source").glob("*/*.ipynb")) + sorted((ROOT / "course").glob("*.ipynb"))
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        parts: list[str] = []
        for cell in nb.cells:
            parts += _paragraphs(cell.source) if cell.cell_type == "markdown" else _code_lines(cell.source)
        units.append((path.name, parts))
    return units


def test_trainee_facing_text_uses_todays_names():
    """No message, exercise text, template, solution or lesson writes "Thừa Thiên Huế" or "Sở Kế hoạch và Đầu tư"
    as today's name (format examples, the "Địa phương" line, a follow-up's owner)."""
    articles = _articles()
    found = [hit for where, units in _sources() for hit in _old_names_out_of_place(where, units, articles)]
    assert not found, "\n".join(found)


def test_every_allowed_place_is_still_there():
    """An entry of ALLOWED that no longer matches a paragraph with an old name is removed (the allow-list does not
    grow stale)."""
    units = dict(_sources())
    stale = [
        (name, piece)
        for (name, piece) in ALLOWED
        if not any(piece in u and any(old in u for old in RENAMED) for u in units.get(name, []))
    ]
    assert not stale, stale


def test_the_scan_sees_an_old_name_written_as_todays():
    articles = _articles()
    assert _old_names_out_of_place("x", ["Địa phương: Thừa Thiên Huế"], articles)
    assert _old_names_out_of_place("x", ["ví dụ “Sở Kế hoạch và Đầu tư rà soát từng biên bản…”"], articles)
    assert not _old_names_out_of_place("x", ["# Ví dụ: Thành phố Huế (bài nguồn gọi là tỉnh Thừa Thiên Huế)"], articles)
    assert not _old_names_out_of_place("x", ["Bài 001 kể rằng các cơ quan đại diện nhắc Thừa Thiên Huế."], articles)
