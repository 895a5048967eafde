"""The plain-text form of a plan or a "đặt hàng" proposal: labelled Vietnamese lines.

A trainee writes, between the triple quotes of the answer cell::

    Địa phương: Thừa Thiên Huế
    Thời gian: 01/01/2024 - 31/12/2025
    Tổng kinh phí: 2.500.000.000 đồng
    Mục tiêu:
    - Thu hút thêm nhà đầu tư Nhật Bản ...

    Hoạt động 1: Hội nghị xúc tiến đầu tư tại Tokyo
    Mô tả: Phối hợp với Đại sứ quán Việt Nam tại Nhật Bản ...
    Chỉ số: 10 nhà đầu tư Nhật Bản đến khảo sát, hạn 30/06/2024
    Ký kết: có

:func:`parse_plan_text` and :func:`parse_proposal_text` turn that into the data
form that :mod:`grader.plan` reads (a dict with the trainee keys: ``dia_phuong``,
``hoat_dong``, ...), with the line of every value, so that one reader, one
model and one set of messages serve both forms. Values stay as written here
(``"800.000.000 đồng"``, ``"có"``); :mod:`grader.vn_values` reads them.

Rules (all case- and diacritic-insensitive):

* A line ``<label>: <value>`` with a known label starts that field. Anything
  after the first colon is the value, so ``Mô tả: Hội nghị: xúc tiến ...`` is a
  description.
* ``Hoạt động N: <title>`` starts an activity; N may be missing or wrong
  (activities are numbered by their order).
* A line that is not a label continues the previous field. In "Mục tiêu",
  "Chỉ số" and "Theo dõi" every line (or bullet) is a new item, unless it starts
  with a lower-case letter (then it continues the item above); the labels of these
  lists may carry a number ("Chỉ số 2:"), and objectives on one line may be
  separated by ";".
* A label that is almost a known one (``Kinh phi``, ``Kin phí``, ``Kinh hpí``) is read as that
  label and reported once: “Có phải bạn định viết “Kinh phí”?”. A short
  label-like line that matches nothing is reported where it cannot be a
  continuation (at the top, or after a one-line field such as "Kinh phí").
* A label written without its colon (``Kinh phí 250.000.000 đồng``) is read as that
  label and reported: “thiếu dấu hai chấm sau “Kinh phí””. Where the line could
  also be a sentence of a free-text field above it (a description, a list of
  indicators), it is read as the label only when what follows looks like that
  field's value (an amount, a date, có/không, numbers) or, for a label of two
  words or more not filled yet, starts with a capital letter or a digit.
* Every problem of the text names its line and quotes it (``Dòng 23 “Kinh phí
  250.000.000 đồng”: …``), so the trainee finds it without counting lines.
* Lines starting with ``#`` are the template's hints and are not read.

Why not YAML (PyYAML, which the project already uses for its catalogues)? The
text a trainee types is exactly what breaks YAML: a colon inside a value
(``Mô tả: Hội nghị: xúc tiến``) is a nested mapping or a syntax error,
``Ký kết: có``/``no``/``yes`` become booleans, ``2024-06-30`` becomes a date but
``30/6/2024`` a string, a repeated label (``Chỉ số:`` twice) silently keeps the
last one, a leading ``-`` or an unbalanced quote changes the structure, and
indentation matters. Every one of those would need its own workaround and
message, and YAML's error messages are English. The format has only labelled
lines and continuation lines, so a small line-based reader is simpler, gives
each problem in Vietnamese with its line, and costs time linear in the text.

Why one module of this size: the reader and the writer of the text form share its label table; the
writer (:func:`write_plan`, :func:`write_proposal`) is the reader's inverse and is tested round-trip
against it, so they change together.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from grader.vn_values import (
    MAX_TEXT,
    fold,
    nfc,
    parse_amount,
    parse_date,
    parse_numbers,
    parse_partners,
    parse_yes_no,
)

# Field key -> the labels that name it (the first is how messages and the template write it).
PLAN_LABELS: dict[str, tuple[str, ...]] = {
    "dia_phuong": ("Địa phương", "Tỉnh", "Tỉnh, thành phố", "Tỉnh/thành phố", "Tên tỉnh"),
    "thoi_gian": ("Thời gian", "Thời gian thực hiện", "Giai đoạn"),
    "bat_dau": ("Bắt đầu", "Ngày bắt đầu", "Từ ngày"),
    "ket_thuc": ("Kết thúc", "Ngày kết thúc", "Đến ngày"),
    "tong_kinh_phi": ("Tổng kinh phí", "Tổng ngân sách", "Tổng dự toán"),
    "muc_tieu": ("Mục tiêu", "Các mục tiêu", "Mục tiêu chung"),
    "ghi_chu": ("Ghi chú", "Lưu ý"),
}
ACTIVITY_LABELS: dict[str, tuple[str, ...]] = {
    "ten": ("Tên", "Tên hoạt động"),
    "mo_ta": ("Mô tả", "Mô tả hoạt động", "Nội dung hoạt động"),
    "linh_vuc": ("Nội dung trọng tâm", "Lĩnh vực", "Nội dung trọng tâm số"),
    "tru_cot": ("Trụ cột",),
    "doi_tac": ("Đối tác", "Các đối tác", "Đối tác nước ngoài"),
    "chu_tri": ("Chủ trì", "Đơn vị chủ trì", "Cơ quan chủ trì"),
    "thoi_gian": PLAN_LABELS["thoi_gian"],
    "bat_dau": PLAN_LABELS["bat_dau"],
    "ket_thuc": PLAN_LABELS["ket_thuc"],
    "kinh_phi": ("Kinh phí", "Ngân sách", "Dự toán", "Kinh phí dự kiến"),
    "chi_so": ("Chỉ số", "Chỉ tiêu", "Chỉ số đo lường", "Chỉ số đo được"),
    "ky_ket": ("Ký kết", "Kí kết", "Có ký kết"),
    "theo_doi": ("Theo dõi", "Theo đuổi", "Theo dõi cam kết", "Theo đuổi cam kết", "Việc theo dõi"),
}
PROPOSAL_LABELS: dict[str, tuple[str, ...]] = {
    "dia_phuong": PLAN_LABELS["dia_phuong"],
    "gui_den": ("Gửi đến", "Gửi", "Gửi tới", "Nơi nhận", "Kính gửi"),
    "thi_truong": ("Thị trường", "Thị trường mục tiêu"),
    "loai_ho_tro": ("Loại hỗ trợ", "Hỗ trợ", "Hỗ trợ cần", "Loại hỗ trợ cần"),
    "noi_dung": ("Nội dung", "Nội dung đề nghị", "Đề nghị", "Nội dung đặt hàng"),
    "ket_qua_mong_doi": ("Kết quả mong đợi", "Kết quả mong muốn", "Kết quả"),
    "linh_vuc": ACTIVITY_LABELS["linh_vuc"],
    "tru_cot": ACTIVITY_LABELS["tru_cot"],
    "thoi_gian": PLAN_LABELS["thoi_gian"],
    "bat_dau": PLAN_LABELS["bat_dau"],
    "ket_thuc": PLAN_LABELS["ket_thuc"],
    "chi_so": ACTIVITY_LABELS["chi_so"],
    "ghi_chu": PLAN_LABELS["ghi_chu"],
}
ACTIVITY_HEADER = "Hoạt động"
LIST_FIELDS = frozenset({"muc_tieu", "chi_so", "theo_doi"})
# Fields whose continuation lines may look like labels ("Thành phần: ..." inside a description).
FREE_TEXT_FIELDS = frozenset({"mo_ta", "ghi_chu", "noi_dung", "ket_qua_mong_doi"}) | LIST_FIELDS

_HEADER = re.compile(r"hoat dong(?: so)? ?(?:(\d{1,4}|[ivxl]{1,6})(?: ?[:.)\-–—] ?| |$)|[:\-–—] ?|$)")
_BULLET = re.compile(r"(?:[-•*+–—]|\d{1,3}[.)])\s+")
_LABEL_LIKE = re.compile(r"[^\W\d_][\w ,/()]{0,39}")
# What may stand between a label written without its colon and its value.
_BARE_SEPARATOR = re.compile(r"[ \t]*(?:[-–—=.;,][ \t]*)?")
QUOTE_CHARS = 60  # how much of a line a message quotes
# Fields whose value has a shape the reader can recognise (used to tell a label without its colon from a
# sentence that happens to start with the same words).
_AMOUNT_FIELDS = frozenset({"kinh_phi", "tong_kinh_phi"})
_DATE_FIELDS = frozenset({"thoi_gian", "bat_dau", "ket_thuc"})
_NUMBER_FIELDS = frozenset({"linh_vuc", "tru_cot"})


def _key_of(labels: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {" ".join(fold(nfc(name)).split()): key for key, names in labels.items() for name in names}


_PLAN_KEYS = _key_of(PLAN_LABELS)
_ACTIVITY_KEYS = _key_of(ACTIVITY_LABELS)
_PROPOSAL_KEYS = _key_of(PROPOSAL_LABELS)
_HEADER_FOLDED = "hoat dong"
# At the plan's level (before the first activity) these mean the plan's total.
_PLAN_ALIASES = {"kinh phi": "tong_kinh_phi", "ngan sach": "tong_kinh_phi", "du toan": "tong_kinh_phi"}
_TOP_KEYS = {**_ACTIVITY_KEYS, **_PLAN_KEYS, **_PLAN_ALIASES}  # before the first activity
_IN_ACTIVITY_KEYS = {**_PLAN_KEYS, **_ACTIVITY_KEYS}  # after it


def _bare_patterns(keys: dict[str, str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """For each label of ``keys``, longest first: a folded line that starts with it as whole words."""
    names = sorted(keys, key=len, reverse=True)
    return tuple((name, re.compile(r"\s+".join(re.escape(word) for word in name.split()) + r"(?![\w/])"))
                 for name in names)


_BARE_TOP = _bare_patterns(_TOP_KEYS)
_BARE_IN_ACTIVITY = _bare_patterns(_IN_ACTIVITY_KEYS)
_BARE_PROPOSAL = _bare_patterns(_PROPOSAL_KEYS)


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one letter changed, added, removed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i in range(len(shorter)) if shorter[i] != longer[i]), len(shorter))
    return shorter[i:] == longer[i + 1:]


def quote_line(text: str) -> str:
    """A line as a message quotes it: stripped, cut after :data:`QUOTE_CHARS` characters with “…”."""
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS].rstrip() + "…"


def label_of(key: str, proposal: bool = False) -> str:
    """How the text form writes a field (``"kinh_phi"`` -> ``"Kinh phí"``)."""
    for table in ((PROPOSAL_LABELS,) if proposal else (PLAN_LABELS, ACTIVITY_LABELS)):
        if key in table:
            return table[key][0]
    return key


@dataclass(frozen=True)
class TextProblem:
    """A problem of the text itself (a misspelt or unknown label...), on a line, maybe inside an activity.

    ``params`` always carries ``quote``: the line as the trainee wrote it (:func:`quote_line`)."""

    key: str
    params: dict[str, Any]
    line: int
    activity: int | None = None  # 0-based index in "hoat_dong" of the activity the line belongs to


@dataclass
class TextForm:
    """A plan or proposal read from text: the data form, the line of each value, and the text's own problems."""

    data: dict[str, Any]
    lines: dict[str, Any]  # same shape as data: key -> line, list fields -> [line, ...], "hoat_dong" -> [lines]
    problems: list[TextProblem] = field(default_factory=list)
    labelled: bool = False  # at least one line had a known label


class _Block:
    """One mapping being filled: the plan, one activity, or the proposal."""

    def __init__(self, index: int | None = None, line: int | None = None):
        self.data: dict[str, Any] = {}
        self.lines: dict[str, Any] = {} if line is None else {"": line}
        self.index = index


class _Parser:
    def __init__(self, proposal: bool):
        self.proposal = proposal
        self.top = _Block()
        self.activities: list[_Block] = []
        self.problems: list[TextProblem] = []
        self.current: tuple[_Block, str] | None = None  # the field that continuation lines extend
        self.skipping = False  # continuation lines of an unread label are skipped with it
        self.orphans: list[int] = []
        self.labelled = False

    # -- where a label goes
    def _scope(self) -> _Block:
        return self.activities[-1] if self.activities else self.top

    def _problem(self, key: str, line: int, block: _Block | None = None, **params: Any) -> None:
        block = block if block is not None else self._scope()
        self.problems.append(TextProblem(key, params, line, block.index))

    def _candidates(self) -> dict[str, str]:
        if self.proposal:
            return _PROPOSAL_KEYS
        return _IN_ACTIVITY_KEYS if self.activities else _TOP_KEYS

    def _resolve(self, folded_head: str) -> str | None:
        return self._candidates().get(folded_head)

    # -- one line
    def line(self, number: int, raw: str) -> None:
        text = raw.strip()
        if not text or text.startswith("#"):
            return
        folded = fold(text[:60])  # labels and headers are short: fold only the start of the line
        if not self.proposal and (header := _HEADER.match(folded)):
            self._flush_orphans()
            title = text[header.end():]
            self._start_activity(number, title)
            if header.group(1) and title.strip() and not folded[header.start(1):header.end()].strip(
                    "0123456789ivxl "):
                # "Hoạt động 2 Tuần văn hoá": read as the header; the colon is asked for all the same
                self._problem("plan.text.missing_colon", number,
                              label=f"{ACTIVITY_HEADER} {text[header.start(1):header.end(1)]}")
            return
        colon = text.find(":")
        if 0 < colon <= 42:
            head = " ".join(folded[:colon].split())
            key = self._resolve(head)
            if key is None and (numbered := re.fullmatch(r"(.+?) ?\(?\d{1,3}\)?", head)):
                key = self._resolve(numbered.group(1))  # "Chỉ số 2:", "Mục tiêu 1:" name one item of a list
                key = key if key in LIST_FIELDS else None
            if key is None and self._bare_label(number, text, folded, colon):
                return
            hinted = None
            if key is None and _LABEL_LIKE.fullmatch(head) and len(head.split()) <= 5:
                hinted = self._close(head)
                if hinted is None and (self.current is None or self._one_line(self.current[1])):
                    self._flush_orphans()
                    self._problem("plan.text.unknown_label", number, written=text[:colon].strip(),
                                  labels=self._label_list())
                    self.current, self.skipping = None, True
                    return
            if hinted is not None:
                name, key = hinted
                if key == "":  # an activity header, misspelt
                    self._flush_orphans()
                    self._start_activity(number, text[colon + 1:], hint_from=text[:colon].strip())
                    return
                if self._filled(key):
                    self._flush_orphans()
                    self._problem("plan.text.unknown_label", number, written=text[:colon].strip(),
                                  labels=self._label_list())
                    self.current, self.skipping = None, True
                    return
                self._problem("plan.text.label_hint", number, written=text[:colon].strip(), hint=name)
            if key is not None:
                self._flush_orphans()
                self._field(number, key, text[colon + 1:].strip())
                return
        elif self._bare_label(number, text, folded, None):
            return
        self._continue(number, text)

    def _bare_label(self, number: int, text: str, folded: str, colon: int | None) -> bool:
        """Read a line that starts with a label but lacks its colon (``Kinh phí 250.000.000 đồng``) as that
        label, and report the missing colon. False (nothing done) when the line is not one.

        ``colon`` is where a later colon stands (``Chỉ số Số doanh nghiệp: 40``): then the words after the
        label must start with a capital letter or a digit, so that a longer label that is not the
        template's (``Ngân sách dự phòng: 5 tỷ``) stays an unknown label. The longest label that fits wins
        (``Nội dung đề nghị`` before ``Nội dung``).
        """
        patterns = _BARE_PROPOSAL if self.proposal else _BARE_IN_ACTIVITY if self.activities else _BARE_TOP
        free = self.current is not None and not self._one_line(self.current[1]) and not self.skipping
        for name, pattern in patterns:
            match = pattern.match(folded)
            if match is None:
                continue
            key = self._resolve(name)
            separator = _BARE_SEPARATOR.match(text, match.end())
            rest = text[separator.end() if separator else match.end():].strip()
            capital = rest[:1].isupper() or rest[:1].isdigit()
            if key is None or (colon is not None and not capital) or (rest and text.isupper()):
                continue  # a heading in capitals ("TỈNH THỪA THIÊN HUẾ") is not a label
            if key not in LIST_FIELDS and self._filled(key):
                continue  # "Thời gian tổ chức ..." after the activity's "Thời gian:" is a sentence
            if free and rest and not self._looks_like_value(key, rest, capital, len(name.split())):
                continue
            self._flush_orphans()
            self._problem("plan.text.missing_colon", number, label=self._display(name, key))
            self._field(number, key, rest)
            return True
        return False

    @staticmethod
    def _looks_like_value(key: str, rest: str, capital: bool, words: int) -> bool:
        """Whether ``rest`` reads as the value of ``key`` rather than the rest of a sentence."""
        if key in _AMOUNT_FIELDS:
            return parse_amount(rest) is not None
        if key in _DATE_FIELDS:
            return any(parse_date(part) is not None for part in re.split(r"\s*[-–—]\s*|\s+đến\s+", rest))
        if key == "ky_ket":
            return parse_yes_no(rest) is not None
        if key in _NUMBER_FIELDS:
            numbers, unknown = parse_numbers(rest)
            return bool(numbers) and not unknown
        if key == "doi_tac":
            kinds, unknown = parse_partners(rest, tuple(PARTNER_WORDS))
            return bool(kinds) and not unknown
        if key in LIST_FIELDS:
            return capital
        return words >= 2  # "Ghi chú x", "Kết quả mong đợi …": a label of two words rarely starts a sentence

    def _filled(self, key: str) -> bool:
        block = self._scope()
        if not self.proposal and self.activities and key in PLAN_LABELS and key not in ACTIVITY_LABELS:
            block = self.top
        return key not in LIST_FIELDS and bool(block.data.get(key))

    def _one_line(self, key: str) -> bool:
        return key not in FREE_TEXT_FIELDS

    def _label_list(self) -> str:
        tables = (PROPOSAL_LABELS,) if self.proposal else (PLAN_LABELS, ACTIVITY_LABELS)
        names = []
        for table in tables:
            for key, labels in table.items():
                if key not in ("bat_dau", "ket_thuc") and labels[0] not in names:
                    names.append(labels[0])
        if not self.proposal:
            names.append(ACTIVITY_HEADER + " 1")
        return ", ".join(names)

    def _close(self, head: str) -> tuple[str, str] | None:
        """A label the head is probably a misspelling of: (label as the template writes it, key).

        Close means at most two letters apart in length and a similarity of 0.8 or more, or (from four
        letters on) one letter changed, added, removed or two swapped (spaces ignored), so "Kin phí"
        and "Mô ảt" are "Kinh phí" and "Mô tả" but "Ngân sách dự phòng" is not "Ngân sách".
        """
        options = dict(self._candidates())
        if not self.proposal:
            options[_HEADER_FOLDED] = ""
        squashed = {name.replace(" ", ""): name for name in options}
        bare = re.sub(r" ?(\d{1,4})$", "", head[:42])
        for candidate in (head[:42], bare):
            written = candidate.replace(" ", "")
            near = [name for name in squashed if abs(len(name) - len(written)) <= 2]
            match = difflib.get_close_matches(written, near, n=1, cutoff=0.8)
            if not match and len(written) >= 4:
                match = [name for name in near if _one_edit_apart(written, name)][:1]
            if match:
                folded_name = squashed[match[0]]
                key = options[folded_name]
                if key == "":
                    if candidate is bare and bare != head:
                        return ACTIVITY_HEADER, ""
                    continue
                return self._display(folded_name, key), key
        return None

    def _display(self, folded_name: str, key: str) -> str:
        tables = (PROPOSAL_LABELS,) if self.proposal else (PLAN_LABELS, ACTIVITY_LABELS)
        for table in tables:
            for name in table.get(key, ()):
                if " ".join(fold(nfc(name)).split()) == folded_name:
                    return name
        for alias, alias_key in _PLAN_ALIASES.items():
            if alias == folded_name and alias_key == key:
                return label_of("kinh_phi")
        return label_of(key, self.proposal)

    def _start_activity(self, number: int, title: str, hint_from: str | None = None) -> None:
        self.labelled = True
        block = _Block(index=len(self.activities), line=number)
        self.activities.append(block)
        if hint_from is not None:
            self._problem("plan.text.label_hint", number, block, written=hint_from, hint=ACTIVITY_HEADER)
        block.data["ten"] = title.strip(" :-–—.\t")
        block.lines["ten"] = number
        self.current, self.skipping = (block, "ten"), False

    def _field(self, number: int, key: str, value: str) -> None:
        self.labelled = True
        self.skipping = False
        block = self._scope()
        if not self.proposal:
            if self.activities and key in PLAN_LABELS and key not in ACTIVITY_LABELS:
                block = self.top  # "Ghi chú" after the last activity is the plan's note
            elif not self.activities and key in ACTIVITY_LABELS and key not in PLAN_LABELS:
                self._problem("plan.text.activity_field_outside", number, label=label_of(key))
                self.current, self.skipping = None, True
                return
        if key in LIST_FIELDS:
            block.data.setdefault(key, [])
            block.lines.setdefault(key, [])
            if value:
                self._add_items(block, key, number, _unbullet(value))
            self.current = (block, key)
            return
        if key == "ten" and not block.data.get("ten"):
            block.data["ten"], block.lines["ten"] = value, number
            self.current = (block, key)
            return
        if key in block.data and (block.data[key] or key in ("bat_dau", "ket_thuc", "thoi_gian")):
            self._problem("plan.text.duplicate", number, block, label=label_of(key, self.proposal),
                          first=block.lines.get(key))
            self.current, self.skipping = None, True
            return
        block.data[key], block.lines[key] = value, number
        self.current = (block, key)

    @staticmethod
    def _add_items(block: _Block, key: str, number: int, text: str) -> None:
        """New items of a list field; objectives written on one line may be separated by ";"."""
        parts = [p.strip() for p in text.split(";")] if key == "muc_tieu" else [text]
        for part in parts:
            if part:
                block.data[key].append(part)
                block.lines[key].append(number)

    def _continue(self, number: int, text: str) -> None:
        if self.skipping or not text.strip("-•*+–— ."):
            return
        if self.current is None:
            self.orphans.append(number)
            return
        block, key = self.current
        if key in LIST_FIELDS:
            items = block.data[key]
            starts_item = _BULLET.match(text) is not None or not text[:1].islower()
            if items and not starts_item:
                items[-1] = f"{items[-1]} {text}"
            else:
                self._add_items(block, key, number, _unbullet(text))
            return
        previous = block.data.get(key) or ""
        block.data[key] = f"{previous}\n{text}" if previous else text
        if not previous:
            block.lines[key] = number

    def _flush_orphans(self) -> None:
        if self.orphans:
            first, last = self.orphans[0], self.orphans[-1]
            key = "plan.text.orphan" if first == last else "plan.text.orphans"
            self.problems.append(TextProblem(key, {"first": first, "last": last}, first, None))
            self.orphans = []

    def result(self, source: list[str]) -> TextForm:
        self._flush_orphans()
        self.problems = [dataclasses.replace(p, params={**p.params, "quote": quote_line(source[p.line - 1])})
                         for p in self.problems]
        data, lines = self.top.data, self.top.lines
        if not self.proposal and self.activities:
            data["hoat_dong"] = [block.data for block in self.activities]
            lines["hoat_dong"] = [block.lines for block in self.activities]
        self.problems.sort(key=lambda p: p.line)
        return TextForm(data=data, lines=lines, problems=self.problems, labelled=self.labelled)


def _unbullet(text: str) -> str:
    match = _BULLET.match(text)
    return text[match.end():].strip() if match else text


def too_long(text: str) -> bool:
    return len(text) > MAX_TEXT


def _parse(text: str, proposal: bool) -> TextForm:
    parser = _Parser(proposal)
    source = nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(source, start=1):
        parser.line(number, raw)
    return parser.result(source)


def parse_plan_text(text: str) -> TextForm:
    """Read a plan written as labelled lines (see the module's docstring). Never raises; the caller
    checks :func:`too_long` first."""
    return _parse(text, proposal=False)


def parse_proposal_text(text: str) -> TextForm:
    """Read a "đặt hàng" proposal written as labelled lines."""
    return _parse(text, proposal=True)


# --------------------------------------------------------------------------- writing

# How the writer names each partner kind and kind of support: words the reader maps back to the same kind.
PARTNER_WORDS = {
    "co_quan_dai_dien": "cơ quan đại diện Việt Nam ở nước ngoài",
    "bo_ngoai_giao": "Bộ Ngoại giao",
    "bo_nganh": "Bộ, ngành Trung ương",
    "dia_phuong_nuoc_ngoai": "địa phương nước ngoài",
    "doanh_nghiep_nuoc_ngoai": "doanh nghiệp nước ngoài",
    "hiep_hoi_doanh_nghiep": "hiệp hội doanh nghiệp nước ngoài",
    "to_chuc_quoc_te": "tổ chức quốc tế",
    "kieu_bao": "kiều bào",
    "doanh_nghiep_trong_nuoc": "doanh nghiệp Việt Nam",
}
SUPPORT_WORDS = {
    "thong_tin": "cung cấp thông tin",
    "quy_tac_tieu_chuan": "quy tắc, tiêu chuẩn mới",
    "tu_van_chinh_sach": "tư vấn chính sách",
    "ket_nghia_doi_tac": "kết nghĩa, hợp tác với đối tác",
    "quang_ba_ket_noi": "quảng bá, kết nối",
}
RECIPIENT_WORDS = {"bo_ngoai_giao": "Bộ Ngoại giao", "co_quan_dai_dien": "cơ quan đại diện Việt Nam ở nước ngoài"}


def _date_text(value: Any) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def _number_text(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return repr(float(value)).replace(".", ",")


def _period_lines(start: Any, end: Any) -> list[str]:
    if start is not None and end is not None:
        return [f"Thời gian: {_date_text(start)} - {_date_text(end)}"]
    lines = []
    if start is not None:
        lines.append(f"Bắt đầu: {_date_text(start)}")
    if end is not None:
        lines.append(f"Kết thúc: {_date_text(end)}")
    return lines


def _indicator_line(indicator: Any) -> str:
    parts = [indicator.metric or ""]
    if indicator.target is not None:
        number = " ".join(x for x in (_number_text(indicator.target), indicator.unit or "") if x)
        parts = [f"{indicator.metric}: {number}" if indicator.metric else number]
    text = parts[0]
    if indicator.deadline is not None:
        text = f"{text}, hạn {_date_text(indicator.deadline)}" if text else f"hạn {_date_text(indicator.deadline)}"
    return f"Chỉ số: {text}"


def write_plan(plan: Any) -> str:
    """A :class:`grader.plan.Plan` as the text form (the reader gives the same record back)."""
    out: list[str] = []
    if plan.locality:
        out.append(f"Địa phương: {plan.locality}")
    out += _period_lines(plan.start, plan.end)
    if plan.total_budget is not None:
        out.append(f"Tổng kinh phí: {_number_text(plan.total_budget)} đồng")
    if plan.objectives:
        out.append("Mục tiêu:")
        out += [f"- {objective}" for objective in plan.objectives]
    if plan.note:
        out.append(f"Ghi chú: {plan.note}")
    for activity in plan.activities:
        out += ["", f"Hoạt động {activity.number}: {activity.title or ''}".rstrip()]
        if activity.description:
            out.append(f"Mô tả: {activity.description}")
        if activity.focus_areas:
            out.append("Nội dung trọng tâm: " + ", ".join(map(str, activity.focus_areas)))
        if activity.pillars:
            out.append("Trụ cột: " + ", ".join(map(str, activity.pillars)))
        if activity.partners:
            out.append("Đối tác: " + ", ".join(PARTNER_WORDS.get(p, p) for p in activity.partners))
        if activity.lead_unit:
            out.append(f"Chủ trì: {activity.lead_unit}")
        out += _period_lines(activity.start, activity.end)
        if activity.budget is not None:
            out.append(f"Kinh phí: {_number_text(activity.budget)} đồng")
        out += [_indicator_line(indicator) for indicator in activity.indicators]
        out.append("Ký kết: " + ("có" if activity.signs_agreements else "không"))
        for follow_up in activity.follow_ups:
            parts = [follow_up.action or ""]
            if follow_up.deadline is not None:
                parts.append(f"hạn {_date_text(follow_up.deadline)}")
            out.append("Theo dõi: " + ", ".join(p for p in parts if p))
    return "\n" + "\n".join(out) + "\n"


def write_proposal(proposal: Any) -> str:
    """A :class:`grader.plan.Proposal` as the text form."""
    out: list[str] = []
    if proposal.locality:
        out.append(f"Địa phương: {proposal.locality}")
    if proposal.recipient:
        out.append(f"Gửi đến: {RECIPIENT_WORDS.get(proposal.recipient, proposal.recipient)}")
    if proposal.market:
        out.append(f"Thị trường: {proposal.market}")
    if proposal.support:
        out.append("Loại hỗ trợ: " + "; ".join(SUPPORT_WORDS.get(s, s) for s in proposal.support))
    if proposal.request:
        out.append(f"Nội dung: {proposal.request}")
    if proposal.expected_result:
        out.append(f"Kết quả mong đợi: {proposal.expected_result}")
    if proposal.focus_areas:
        out.append("Nội dung trọng tâm: " + ", ".join(map(str, proposal.focus_areas)))
    if proposal.pillars:
        out.append("Trụ cột: " + ", ".join(map(str, proposal.pillars)))
    out += _period_lines(proposal.start, proposal.end)
    out += [_indicator_line(indicator) for indicator in proposal.indicators]
    if proposal.note:
        out.append(f"Ghi chú: {proposal.note}")
    return "\n" + "\n".join(out) + "\n"
