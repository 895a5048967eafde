"""Vietnamese ways of writing values, read the same way in both forms of a plan (text and data).

A provincial officer writes dates as ``30/6/2024``, money as ``7.450.000.000 đồng``
or ``3,2 tỷ đồng``, yes/no as ``có``/``không`` and partners in words
(``đại sứ quán``, ``nhà đầu tư Nhật Bản``). This module turns those into the
values of :mod:`grader.plan`'s records. Every reader here is total: it returns
``None`` (or lists what it could not read) instead of raising, and costs time
linear in the length of its input.

Matching of words is case- and diacritic-insensitive (:func:`fold`), so
``Đại sứ quán``, ``dai su quan`` and ``ĐẠI SỨ QUÁN`` are the same.

Why one module of this size: every reader of a Vietnamese value lives here, so that the text form and
the data form read a value the same way. Its sections (numbers, dates, yes/no, kinds in words,
indicators) are each short, share the folding and the number words, and the indicator reader is built
from the number and date readers above it.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
import unicodedata
from collections.abc import Iterable
from fractions import Fraction
from functools import lru_cache
from typing import Any

from grader.messages import short_value

MAX_VND = 10**15  # a sanity bound for budgets (one million billion đồng)
MAX_TEXT = 100_000  # characters (a full bt5 plan is about 8.000): longer answers are refused with a message

# --------------------------------------------------------------------------- folding


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
    for code in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[:1].lower()
        if len(base) == 1 and base != char:
            table[code] = base
    table[ord("đ")] = table[ord("Đ")] = "d"
    return table


_FOLD = _fold_table()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower case without Vietnamese diacritics, one character for one (``"Đại sứ"`` -> ``"dai su"``).

    The text should be NFC-normalised first (:func:`nfc`) so that positions match.
    """
    if text.isascii():
        return text.lower()
    return _fold_short(text) if len(text) <= 64 else text.translate(_FOLD)


@lru_cache(maxsize=4096)
def _fold_short(text: str) -> str:
    return text.translate(_FOLD)


def _squash(text: str) -> str:
    return " ".join(fold(nfc(text)).split())


# --------------------------------------------------------------------------- describing values


def short(value: Any, limit: int = 40) -> str:
    """A short, safe description of a value for a message (the catalogue's :func:`short_value`)."""
    return short_value(value, limit)


# --------------------------------------------------------------------------- numbers


_NUMBER_TOKEN = r"\d{1,3}(?:[.\s_]\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d+(?:_\d+)*(?:[.,]\d+)?"


def number_token(token: str) -> Fraction | None:
    """One written number: ``"7.450.000"``, ``"2,5"``, ``"1.5"``, ``"800_000_000"``, ``"5 000"``.

    A dot followed by groups of three digits separates thousands (Vietnamese style);
    a comma is the decimal mark, unless it separates several groups of three digits.
    """
    token = token.strip()
    if len(token) > 40:  # no plan needs a number this long; refuse before converting it
        return None
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", token):
        return Fraction(token.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?: \d{3})+(?:,\d+)?", token):
        return Fraction(token.replace(" ", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?", token):
        return Fraction(token.replace(",", ""))
    if re.fullmatch(r"\d+(?:_\d+)*", token):
        return Fraction(token.replace("_", ""))
    if re.fullmatch(r"\d+[.,]\d+", token):
        return Fraction(token.replace(",", "."))
    return None


def _is_bool(value: Any) -> bool:
    """A Python or NumPy truth value (NumPy's is not a subclass of bool)."""
    kind = type(value)
    return isinstance(value, bool) or (kind.__module__ == "numpy" and kind.__name__ in ("bool", "bool_"))


def _finite_real(value: Any) -> Fraction | None:
    """A Python or NumPy number (not a bool), as an exact fraction; None for NaN, inf and non-numbers."""
    if _is_bool(value):
        return None
    if isinstance(value, numbers.Integral):
        return Fraction(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if not math.isfinite(number):
            return None
        return Fraction(number)
    return None


def is_non_finite(value: Any) -> bool:
    """True for NaN and infinities (Python or NumPy floats)."""
    return isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral) \
        and not math.isfinite(float(value))


def _plain(number: Fraction) -> int | float:
    return int(number) if number.denominator == 1 else float(number)


def parse_number(value: Any) -> int | float | None:
    """A target number: ``10``, ``2.5``, ``"10"``, ``"2,5"``, ``"5.000"``, ``"mười"`` -> 10, 2.5, 10, 2.5, 5000, 10."""
    exact = _finite_real(value)
    if exact is None and isinstance(value, str):
        text = " ".join(nfc(value).split())
        if len(text) <= 40:
            exact = number_token(text)
            words = _word_numbers(text) if exact is None else []
            if len(words) == 1 and words[0][:2] == (0, len(text)):
                exact = Fraction(words[0][2])
    if exact is None or abs(exact) > MAX_VND:
        return None
    return _plain(exact)


_MULTIPLIERS = {"ty": 10**9, "ti": 10**9, "trieu": 10**6, "tr": 10**6, "nghin": 10**3, "ngan": 10**3, "k": 10**3}
_AMOUNT_PART = re.compile(rf"\s*({_NUMBER_TOKEN})\s*(ty|ti|trieu|tr|nghin|ngan|k)?\b\s*")
_CURRENCY = re.compile(r"\s*(?:dong|vnd|vnđ|d)\s*\.?\s*$")


def parse_amount(value: Any) -> int | None:
    """An amount of money in đồng: ``800_000_000``, ``"7.450.000.000 đồng"``, ``"3,2 tỷ đồng"``,
    ``"800 triệu đồng"``, ``"1 tỷ 200 triệu"``. None unless it is a whole, non-negative number of đồng."""
    exact = _finite_real(value)
    if exact is None and isinstance(value, str) and len(value) <= 80:
        text = _CURRENCY.sub("", fold(nfc(value)).strip())
        total, position, parts = Fraction(0), 0, 0
        while position < len(text):
            match = _AMOUNT_PART.match(text, position)
            if not match or match.end() == position:
                break
            number = number_token(match.group(1))
            if number is None:
                break
            total += number * _MULTIPLIERS.get(match.group(2) or "", 1)
            position, parts = match.end(), parts + 1
        if parts and position == len(text):
            exact = total
    if exact is None or exact < 0 or exact > MAX_VND or exact.denominator != 1:
        return None
    return int(exact)


def format_amount(amount: int) -> str:
    """``3200000000`` -> ``"3.200.000.000"`` (the Vietnamese way)."""
    return f"{amount:,}".replace(",", ".")


# --------------------------------------------------------------------------- dates

_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})")
_YMD = re.compile(r"(\d{4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})")
_WORDS = re.compile(r"(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam|,|/)?\s*(\d{4})")
_MONTH = re.compile(r"(?:thang\s*)?(\d{1,2})\s*(?:[/.\-]|\s*nam\s)\s*(\d{4})")
_YEAR = re.compile(r"(?:nam\s*)?(\d{4})")
_QUARTER = re.compile(r"quy\s*(iv|iii|ii|i|[1-4])\s*(?:[/.\-]|\s*nam\s|\s)\s*(\d{4})")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# A date written anywhere in a longer text (used to find periods and deadlines).
DATE_PATTERN = (
    r"(?:ngay\s*)?\d{1,2}\s*thang\s*\d{1,2}\s*(?:nam|,|/)?\s*\d{4}"
    r"|(?:ngay\s*)?\d{4}\s*-\s*\d{1,2}\s*-\s*\d{1,2}"
    r"|(?:ngay\s*)?\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?:\d{4}|\d{2})(?!\d)"
)


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    if year < 100:
        year += 2000
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date | None:
    if not 1 <= month <= 12:
        return None
    following = dt.date(year + month // 12, month % 12 + 1, 1) if 1900 <= year <= 2100 else None
    return following - dt.timedelta(days=1) if following else None


def parse_date(value: Any, *, end: bool = False) -> dt.date | None:
    """A date: ``30/6/2024``, ``30/06/2024``, ``2024-06-30``, ``30 tháng 6 năm 2024``, a date object.

    A month (``6/2024``, ``tháng 6/2024``), a quarter (``quý II/2024``) or a year (``2024``)
    alone means its first day, or its last day when ``end`` is true (an end date or a deadline).
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or len(value) > 60:
        return None
    text = " ".join(fold(nfc(value)).split()).strip(" .,;")
    text = re.sub(r"^(?:tu ngay|den ngay|ngay|tu|den het|den|han)\s*:?\s*", "", text)
    if match := _DMY.fullmatch(text):
        day, month, year = map(int, match.groups())
        return _make_date(year, month, day)
    if match := _YMD.fullmatch(text):
        year, month, day = map(int, match.groups())
        return _make_date(year, month, day)
    if match := _WORDS.fullmatch(text):
        day, month, year = map(int, match.groups())
        return _make_date(year, month, day)
    if match := _MONTH.fullmatch(text):
        month, year = map(int, match.groups())
        if not 1 <= month <= 12 or not 1900 <= year <= 2100:
            return None
        return _month_end(year, month) if end else dt.date(year, month, 1)
    if match := _QUARTER.fullmatch(text):
        quarter, year = _ROMAN.get(match.group(1)) or int(match.group(1)), int(match.group(2))
        if not 1900 <= year <= 2100:
            return None
        return _month_end(year, 3 * quarter) if end else dt.date(year, 3 * quarter - 2, 1)
    if match := _YEAR.fullmatch(text):
        year = int(match.group(1))
        if not 1900 <= year <= 2100:
            return None
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    return None


def parse_period(text: str) -> tuple[str, str, dt.date | None, dt.date | None] | None:
    """A period as written and read: (start as written, end as written, start, end); None if it is not one.

    ``"01/03/2024 - 30/06/2024"``; ``"1/3 - 30/6/2024"`` and ``"tháng 3 - tháng 6/2024"`` (the start
    takes the end's year); a single month, quarter or year is the whole of it (``"quý II/2024"``,
    ``"tháng 6/2024"``, ``"năm 2024"``); a single day is a one-day period.
    """
    if not isinstance(text, str) or len(text) > 120:
        return None
    ends = split_period(text)
    if ends is None:
        start, end = parse_date(text), parse_date(text, end=True)
        return (text.strip(), text.strip(), start, end) if start is not None else None
    first, last = ends
    start, end = parse_date(first), parse_date(last, end=True)
    if start is None and end is not None and not re.search(r"\d{4}", first):
        start = parse_date(f"{first}/{end.year}")
    return first, last, start, end


def format_date(date: dt.date) -> str:
    return f"{date.day:02d}/{date.month:02d}/{date.year}"


_PERIOD_GAP = re.compile(r"\s+[-–—]\s+|\s*[–—→]\s*|\s+(?:den|toi)\s+(?:het\s+|ngay\s+)?")


def split_period(text: str) -> tuple[str, str] | None:
    """``"01/03/2024 - 30/06/2024"`` (or ``"từ ... đến ..."``, ``"2024 - 2025"``) -> its two ends, as written."""
    text = " ".join(nfc(text).split())
    folded = fold(text)
    found = [(m.start(), m.end()) for m in re.finditer(DATE_PATTERN, folded)]
    if len(found) == 2:
        return text[found[0][0]:found[0][1]], text[found[1][0]:found[1][1]]
    years = re.fullmatch(r"(?:tu )?(?:nam )?(\d{4}) ?(?:-|–|—|den|toi) ?(?:nam )?(\d{4})", folded)
    if years:
        return years.group(1), years.group(2)
    gaps = list(_PERIOD_GAP.finditer(folded))
    if len(gaps) == 1:
        start = re.sub(r"^(?:tu ngay|tu)\s+", "", folded[:gaps[0].start()])
        return text[gaps[0].start() - len(start):gaps[0].start()].strip(), text[gaps[0].end():].strip()
    return None


# --------------------------------------------------------------------------- yes / no

_YES = {"co", "yes", "true", "x", "dung", "co ky", "co ky ket"}
_NO = {"khong", "no", "false", "ko", "k", "chua", "none"}


def parse_yes_no(value: Any) -> bool | None:
    """``True``/``False``, ``"có"``/``"không"`` (and ``"có, ký biên bản ghi nhớ"``...) -> bool; else None."""
    if _is_bool(value):
        return bool(value)
    if not isinstance(value, str) or len(value) > 200:
        return None
    words = re.findall(r"\w+", fold(nfc(value)))
    if not words:
        return None
    if words[0] in _YES:
        return True
    if words[0] in _NO:
        return False
    return None


# --------------------------------------------------------------------------- kinds in words

def _rules(rows: Iterable[tuple[str, str]]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(rf"(?<!\w)(?:{pattern})(?!\w)"), kind) for pattern, kind in rows)


# Partner kinds (ids of source_data/knowledge.yaml ``partner_kinds``) from the words trainees use.
# Order matters: the first rule that matches a partner decides its kind.
PARTNER_RULES = _rules([
    (r"bo ngoai giao|bng|cuc ngoai vu|cuc le tan|cuc lanh su|hoc vien ngoai giao"
     r"|uy ban nha nuoc ve nguoi viet nam o nuoc ngoai|vu ngoai giao kinh te|cuc ngoai giao kinh te", "bo_ngoai_giao"),
    (r"co quan dai dien(?: viet nam)?(?: (?:o|tai) nuoc ngoai)?|cqdd|dai su quan|tong lanh su quan|lanh su quan"
     r"|phai doan|dai su|tong lanh su|dsq|tlsq|lsq"  # the usual abbreviations (ĐSQ, TLSQ, LSQ)
     r"|thuong vu|tham tan thuong mai|truong co quan dai dien", "co_quan_dai_dien"),
    (r"(?:doanh nghiep|nha dau tu|hiep hoi doanh nghiep|cong ty) (?:viet nam|trong nuoc|cua tinh|trong tinh"
     r"|dia phuong|noi dia|tinh)|doanh nghiep viet", "doanh_nghiep_trong_nuoc"),
    (r"hiep hoi(?: cac)?(?: doanh nghiep| doanh nhan| nha dau tu)?(?: nuoc ngoai)?|phong thuong mai"
     r"|phong cong nghiep|amcham|eurocham|kocham", "hiep_hoi_doanh_nghiep"),
    (r"to chuc quoc te|to chuc phi chinh phu|phi chinh phu|lien hop quoc|unesco|undp|unicef|who|fao|ilo|iom"
     r"|ngan hang the gioi|world bank|adb|ngan hang phat trien chau a|jica|koica|kfw|giz|usaid|asean|apec|wto|imf"
     r"|lien minh chau au|eu", "to_chuc_quoc_te"),
    (r"(?:doanh nhan|doanh nghiep|tri thuc|cong dong) kieu bao|kieu bao|viet kieu|nguoi viet nam o nuoc ngoai"
     r"|nguoi viet o nuoc ngoai|cong dong nguoi viet|nguoi viet"
     r"|hoi nguoi viet", "kieu_bao"),
    (r"bo nganh|bo, nganh|bo nganh trung uong|bo cong thuong|bo ke hoach va dau tu|bo ke hoach|bo tai chinh"
     r"|bo van hoa|bo giao duc|bo nong nghiep|bo noi vu|bo cong an|bo quoc phong|bo tai nguyen"
     r"|bo thong tin|bo khoa hoc|bo giao thong|bo xay dung|bo y te|bo lao dong|bo tu phap|co quan trung uong"
     r"|tong cuc du lich|cuc du lich quoc gia|cuc xuc tien|cuc dau tu nuoc ngoai|chinh phu", "bo_nganh"),
    (r"dia phuong nuoc ngoai|ket nghia|tinh ban|thanh pho ban|dia phuong ban|dia phuong doi tac|tinh doi tac"
     r"|thanh pho doi tac|chinh quyen dia phuong|chinh quyen (?:tinh|thanh pho|bang|vung)", "dia_phuong_nuoc_ngoai"),
    (r"doanh nghiep|nha dau tu|tap doan|cong ty|hang lu hanh|hang hang khong|doanh nhan|quy dau tu"
     r"|nha phan phoi|nha nhap khau|doi tac nuoc ngoai", "doanh_nghiep_nuoc_ngoai"),
])
# A foreign country's embassy in Việt Nam is not a Vietnamese representative mission abroad.
_FOREIGN_MISSION = re.compile(r"(?<!\w)(?:tai|o) (?:viet nam|vn|ha noi|thanh pho ho chi minh|tp\.? ?hcm)(?!\w)")

SUPPORT_RULES = _rules([
    (r"(?:(?:cung cap )?thong tin (?:ve )?)?(?:cac )?(?:quy tac|tieu chuan|quan tri|xu huong moi)",
     "quy_tac_tieu_chuan"),
    (r"tu van|chinh sach|kinh nghiem quoc te", "tu_van_chinh_sach"),
    (r"ket nghia|thiet lap quan he|tap doan da quoc gia|hop tac voi|doi tac", "ket_nghia_doi_tac"),
    (r"quang ba|ket noi|xuc tien|su kien|giao luu", "quang_ba_ket_noi"),
    (r"thong tin|dien bien|tinh hinh|du bao", "thong_tin"),
])
# The items of article 003's list, by their numbers: "(i)" ... "(v)" or 1 ... 5.
SUPPORT_NUMBERS = {"i": "thong_tin", "ii": "quy_tac_tieu_chuan", "iii": "tu_van_chinh_sach",
                   "iv": "ket_nghia_doi_tac", "v": "quang_ba_ket_noi",
                   "1": "thong_tin", "2": "quy_tac_tieu_chuan", "3": "tu_van_chinh_sach",
                   "4": "ket_nghia_doi_tac", "5": "quang_ba_ket_noi"}

PILLAR_RULES = _rules([
    (r"ngoai giao chinh tri|chinh tri", "1"),
    (r"ngoai giao kinh te|kinh te", "2"),
    (r"ngoai giao van hoa|van hoa", "3"),
    (r"nguoi viet nam o nuoc ngoai|kieu bao|bao ho cong dan|cong tac nguoi viet", "4"),
])

FOCUS_RULES = _rules([
    (r"the che hoa|duong loi doi ngoai|duong loi", "1"),
    (r"nang cao nhan thuc|nhan thuc|vai tro tien phong|tien phong", "2"),
    (r"ngoai giao kinh te|kinh te", "3"),
    (r"doi moi phuong thuc|ket noi|quang ba", "4"),
    (r"xay dung ke hoach|ke hoach cu the|ke hoach", "5"),
    (r"linh vuc chuyen nganh|chuyen nganh", "6"),
    (r"dau tu nguon luc|nguon luc|dao tao can bo|dao tao", "7"),
])

RECIPIENT_KINDS = ("bo_ngoai_giao", "co_quan_dai_dien")

_SPLIT = re.compile(r"\s*(?:[,;\n+&]|(?<!\w)va(?!\w)|(?<!\w)cung(?!\w))\s*")


def _pieces(value: Any) -> tuple[list[Any], list[tuple[str, str]]]:
    """The items of a list-or-text value: non-text items, and text items split at commas, "và"...

    Text pieces come as (folded, as written) pairs; "Bộ, ngành" stays one piece.
    """
    items = list(value) if isinstance(value, list | tuple) else [value]
    others: list[Any] = []
    pieces: list[tuple[str, str]] = []
    for item in items:
        if not isinstance(item, str):
            others.append(item)
            continue
        text = nfc(item)
        folded = fold(text)
        position = 0
        bounds = []
        for match in _SPLIT.finditer(folded):
            bounds.append((position, match.start()))
            position = match.end()
        bounds.append((position, len(folded)))
        for start, end in bounds:
            piece = " ".join(folded[start:end].split())
            written = " ".join(text[start:end].split())
            if pieces and pieces[-1][0] == "bo" and piece.startswith("nganh"):
                pieces[-1] = ("bo nganh" + piece[5:], pieces[-1][1] + ", " + written)
            elif piece.strip(" -•*.()"):
                pieces.append((piece, written))
    return others, pieces


def _kinds(piece: str, rules: tuple[tuple[re.Pattern[str], str], ...], ids: Iterable[str]) -> list[str]:
    """Every kind named in one piece, in the order written.

    Rules are tried in order and a later rule never matches inside an earlier match, so
    "hiệp hội doanh nghiệp Hàn Quốc" is one association, while "cơ quan đại diện doanh
    nghiệp nước ngoài" (a comma forgotten) is two kinds.
    """
    piece = piece.strip(" -•*.")
    as_id = piece.replace(" ", "_")
    if as_id in ids:
        return [as_id]
    if rules is SUPPORT_RULES and (number := re.fullmatch(r"\(?([iv]{1,3}|\d)\)?", piece)):
        kind = SUPPORT_NUMBERS.get(number.group(1))
        return [kind] if kind else []
    spans: list[tuple[int, int, str]] = []
    for pattern, kind in rules:
        for match in pattern.finditer(piece):
            if all(match.end() <= start or match.start() >= end for start, end, _ in spans):
                spans.append((match.start(), match.end(), kind))
    if _FOREIGN_MISSION.search(piece):
        spans = [span for span in spans if span[2] != "co_quan_dai_dien"]
    out: list[str] = []
    for _, _, kind in sorted(spans):
        if kind not in out:
            out.append(kind)
    return out


def parse_kinds(value: Any, rules: tuple[tuple[re.Pattern[str], str], ...], ids: tuple[str, ...],
                ) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    """Kinds written as codes or in words (a list, or text separated by commas or "và").

    Returns the kinds recognised (in order, without repeats) and the pieces that name none.
    """
    others, pieces = _pieces(value)
    found: list[str] = []
    unknown: list[Any] = list(others)
    for piece, written in pieces:
        kinds = _kinds(piece, rules, ids)
        if not kinds:
            unknown.append(written)
        found += [kind for kind in kinds if kind not in found]
    return tuple(found), tuple(unknown)


def parse_partners(value: Any, ids: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    """Partner kinds from words.

    ``"đại sứ quán, doanh nghiệp Nhật Bản"`` -> (co_quan_dai_dien, doanh_nghiep_nuoc_ngoai).
    """
    return parse_kinds(value, PARTNER_RULES, ids)


def parse_support(value: Any, ids: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    """Kinds of support (exercise 4) from words: ``"cung cấp thông tin, quảng bá kết nối"``."""
    return parse_kinds(value, SUPPORT_RULES, ids)


def parse_recipient(value: Any) -> str | None:
    """Who a proposal is sent to: ``"Bộ Ngoại giao"`` or a representative mission (``"Đại sứ quán ... tại Ấn Độ"``)."""
    if isinstance(value, list | tuple) and len(value) == 1:
        value = value[0]
    if not isinstance(value, str) or len(value) > 300:
        return None
    kinds, _unknown = parse_kinds([value.replace(",", " ").replace(";", " ")], PARTNER_RULES, RECIPIENT_KINDS)
    return kinds[0] if len(kinds) == 1 and kinds[0] in RECIPIENT_KINDS else None


def parse_numbers(value: Any, rules: tuple[tuple[re.Pattern[str], str], ...] = ()) -> tuple[list[int], list[Any]]:
    """Numbered choices (focus areas, pillars): ``[3, 4]``, ``"3, 4"``, ``"3 và 4"``, ``"kinh tế"`` (with rules).

    Returns the numbers read (in order) and the items that are not numbers.
    """
    items = list(value) if isinstance(value, list | tuple) else [value]
    found: list[int] = []
    unknown: list[Any] = []
    for item in items:
        if isinstance(item, str):
            _, pieces = _pieces(item)
            for piece, written in pieces:
                digits = re.findall(r"\d+", piece)
                if digits:
                    found += [int(d) if len(d) < 6 else -1 for d in digits]
                    continue
                kinds = _kinds(piece, rules, ())
                if not kinds:
                    unknown.append(written)
                found += [int(kind) for kind in kinds]
            continue
        exact = _finite_real(item)
        if exact is not None and exact.denominator == 1 and abs(exact) < 10**6:
            found.append(int(exact))
        else:
            unknown.append(item)
    return found, unknown


# --------------------------------------------------------------------------- indicators

# Units of an indicator's target. True: counted (the target is a whole number); False: measured.
UNITS: dict[str, bool] = {
    # counted
    "nhà đầu tư": True, "doanh nghiệp": True, "doanh nhân": True, "tập đoàn": True, "công ty": True,
    "dự án": True, "dự án đầu tư": True, "đoàn": True, "đoàn công tác": True, "đoàn khách": True,
    "lượt khách": True, "lượt khách quốc tế": True, "lượt du khách": True, "lượt người": True,
    "lượt cán bộ": True, "lượt kiều bào": True, "lượt doanh nghiệp": True, "lượt": True,
    "khách": True, "du khách": True, "khách quốc tế": True,
    "sự kiện": True, "hội nghị": True, "hội thảo": True, "diễn đàn": True, "hội chợ": True, "triển lãm": True,
    "tuần văn hoá": True, "chương trình": True, "hoạt động": True, "buổi": True, "cuộc": True, "chuyến": True,
    "văn bản": True, "biên bản ghi nhớ": True, "biên bản": True, "thoả thuận": True, "thoả thuận hợp tác": True,
    "hợp đồng": True, "cam kết": True, "đề xuất": True, "đặt hàng": True, "kiến nghị": True, "báo cáo": True,
    "người": True, "cán bộ": True, "học viên": True, "chuyên gia": True, "kiều bào": True, "sinh viên": True,
    "khoá": True, "khoá học": True, "khoá bồi dưỡng": True, "lớp": True, "lớp bồi dưỡng": True,
    "đối tác": True, "địa phương": True, "tỉnh": True, "thành phố": True, "quốc gia": True, "nước": True,
    "thị trường": True, "hiệp hội": True, "tổ chức": True,
    "hãng lữ hành": True, "hãng": True, "tour": True, "tuyến": True, "tuyến du lịch": True, "đường bay": True,
    "chuyến bay": True, "gian hàng": True, "sản phẩm": True, "ấn phẩm": True, "bài viết": True, "tin bài": True,
    "video": True, "phóng sự": True, "học bổng": True, "suất học bổng": True, "di sản": True,
    "cơ quan đại diện": True, "cơ quan": True, "hồ sơ": True, "tài liệu": True, "cẩm nang": True, "bản tin": True,
    "kế hoạch": True, "đề án": True, "quyết định": True, "mô hình": True, "phiên": True, "cuộc gặp": True,
    "cuộc làm việc": True, "lượt truy cập": True, "lượt xem": True, "tình nguyện viên": True, "công dân": True,
    "lao động": True, "trường hợp": True, "giấy chứng nhận": True, "lượt doanh nhân": True,
    # measured
    "%": False, "phần trăm": False, "tỷ đồng": False, "triệu đồng": False, "đồng": False,
    "triệu USD": False, "tỷ USD": False, "nghìn USD": False, "USD": False, "ha": False, "héc-ta": False,
    "tấn": False, "km": False,
}
_UNIT_BY_FOLD = {" ".join(fold(nfc(u)).split()): u for u in UNITS}
_UNIT_RE = re.compile(
    r"\s*(" + "|".join(re.escape(u) for u in sorted(_UNIT_BY_FOLD, key=len, reverse=True)) + r")(?!\w)"
)
_TARGET_RE = re.compile(rf"(?<![\w/.,])({_NUMBER_TOKEN})(?![\w/])")
_DEADLINE_WORD = re.compile(r"(?<!\w)(han chot|thoi han|han|truoc ngay|truoc|den het ngay|den het|den ngay|den)"
                            r"(?!\w)\s*:?\s*")
_DATE_AT_END = re.compile(rf"[\s,;(\-–]*({DATE_PATTERN})\s*\)?\s*\.?\s*$")


def is_counted(unit: str | None) -> bool | None:
    """Whether targets in this unit are counts (True), measures (False) or unknown (None)."""
    if not unit:
        return None
    canonical = _UNIT_BY_FOLD.get(" ".join(fold(nfc(unit)).split()))
    return UNITS[canonical] if canonical else None


def match_unit(text: str) -> str | None:
    """The unit a text starts with (``"nhà đầu tư Nhật Bản ..."`` -> ``"nhà đầu tư"``), from :data:`UNITS`."""
    match = _UNIT_RE.match(fold(nfc(text)))
    return _UNIT_BY_FOLD[match.group(1)] if match else None


def split_deadline(text: str) -> tuple[str, str | None]:
    """``"10 nhà đầu tư ..., hạn 30/06/2024"`` -> (``"10 nhà đầu tư ..."``, ``"30/06/2024"``).

    The deadline is what follows the last "hạn" (also "thời hạn", "hạn chót") when it
    starts like a date, or a date at the end after "trước", "đến" or a comma. Returns
    the deadline as written (it may not be a valid date: the caller says so), or None.
    """
    text = " ".join(nfc(text).split())
    folded = fold(text)
    for match in reversed(list(_DEADLINE_WORD.finditer(folded))):
        rest = text[match.end():].strip().rstrip(".)").strip()
        head = text[:match.start()].rstrip(" ,;:(-–—")
        if match.group(1) in ("han", "han chot", "thoi han"):
            if re.match(r"(?:\d|ngay|thang|nam|quy|cuoi|het|dau|giua)", fold(rest)):
                return head, rest
        elif parse_date(rest, end=True) is not None:
            return head, rest
    tail_start = max(0, len(folded) - 60)
    match = _DATE_AT_END.search(folded, tail_start)
    if match and re.search(r"[,;(]\s*$", folded[:match.start(1)]):
        return text[:match.start()].rstrip(" ,;:(-–—"), text[match.start(1):match.end(1)]
    return text, None


# Numbers written in words ("mười doanh nghiệp", "sáu mươi lăm", "hai trăm"), with their diacritics.
_DIGIT_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
_AFTER_TENS = {"mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5}  # only after "mươi"/"mười": "hai mươi mốt", "mười lăm"
_GROUPS = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
_NUMBER_WORDS = set(_DIGIT_WORDS) | set(_AFTER_TENS) | set(_GROUPS) | {"mười", "mươi", "trăm", "linh", "lẻ"}
_MULTIPLIER_RE = re.compile(r"\s*(nghin|ngan|trieu|ty|ti)(?!\w)")


def _word_numbers(text: str) -> list[tuple[int, int, int]]:
    """Numbers written in words in ``text`` (NFC, any case): (start, end, value) for each run of number words."""
    out: list[tuple[int, int, int]] = []
    words = [(m.start(), m.end(), m.group(0).lower()) for m in re.finditer(r"[^\W\d_]+", text)]
    i = 0
    while i < len(words):
        start, _, word = words[i]
        if word not in _DIGIT_WORDS and word != "mười" or (word == "một" and i + 1 < len(words)
                                                               and words[i + 1][2] == "số"):
            i += 1
            continue
        total = current = last = 0
        previous = ""
        j = i
        while j < len(words) and words[j][2] in _NUMBER_WORDS:
            word = words[j][2]
            if word in _DIGIT_WORDS:
                last = _DIGIT_WORDS[word]
                current += last
            elif word in _AFTER_TENS and previous in ("mươi", "mười"):
                last = _AFTER_TENS[word]
                current += last
            elif word == "mười":
                current += 10
                last = 0
            elif word == "mươi" and previous in _DIGIT_WORDS:
                current += last * 9
            elif word == "trăm":
                current = current * 100 if current else 100
            elif word in _GROUPS:
                total += (current or 1) * _GROUPS[word]
                current = 0
            elif word not in ("linh", "lẻ"):
                break
            previous = word
            j += 1
        value = total + current
        if j > i and value > 0:
            out.append((start, words[j - 1][1], value))
        i = max(j, i + 1)
    return out


def parse_target(phrase: str) -> tuple[int | float | None, str | None]:
    """The target number and its unit in an indicator's phrase.

    ``"10 nhà đầu tư Nhật Bản đến khảo sát"`` -> (10, "nhà đầu tư"); ``"tăng 20% khách"`` -> (20, "%");
    ``"1,5 nghìn lượt khách"`` -> (1500, "lượt khách"); ``"mười doanh nghiệp"`` -> (10, "doanh nghiệp").
    A number followed by a known unit wins (digits first, then words); otherwise the first
    number in digits that is not a year, with the word after it as its unit.
    """
    text = " ".join(nfc(phrase).split())
    folded = fold(text)
    fallback: tuple[int | float | None, str | None] | None = None
    for match in _TARGET_RE.finditer(folded):
        number = number_token(match.group(1))
        if number is None:
            continue
        after = folded[match.end():]
        unit = _UNIT_RE.match(after)
        if unit:
            return _plain(number), _UNIT_BY_FOLD[unit.group(1)]
        multiplier = _MULTIPLIER_RE.match(after)
        if multiplier and (unit := _UNIT_RE.match(after, multiplier.end())):
            return _plain(number * _MULTIPLIERS[multiplier.group(1)]), _UNIT_BY_FOLD[unit.group(1)]
        before = folded[max(0, match.start() - 6):match.start()]
        if fallback is None and not re.search(r"(?<!\w)nam\s*$", before):
            word = re.match(r"\s*([^\W\d_]+)", text[match.end():])
            fallback = (_plain(number), word.group(1) if word else None)
    if len(text) <= 2000:
        for _, end, value in _word_numbers(text):
            if unit := _UNIT_RE.match(folded, end):
                return value, _UNIT_BY_FOLD[unit.group(1)]
    return fallback if fallback is not None else (None, None)


def parse_indicator(text: str) -> tuple[str, int | float | None, str | None, str | None]:
    """An indicator written in one line: (metric phrase, target, unit, deadline as written or None).

    Two ways of writing are understood: the number inside the phrase
    (``"10 nhà đầu tư Nhật Bản đến khảo sát, hạn 30/06/2024"``: the metric is the whole
    phrase), or the metric, a colon, then the number and its unit
    (``"Số nhà đầu tư đến khảo sát: 10 nhà đầu tư, hạn 30/06/2024"``).
    """
    phrase, deadline = split_deadline(text)
    phrase = " ".join(phrase.split())
    head, colon, after = phrase.rpartition(":")
    if colon and head.strip():
        match = re.fullmatch(rf"\s*({_NUMBER_TOKEN})\s*((?:[^\W\d_]|%)[\w\s%-]*)?\s*\.?", fold(after))
        if match and (number := number_token(match.group(1))) is not None:
            rest = after[match.start(2):match.end(2)].strip() if match.group(2) else ""
            unit = match_unit(rest) if rest else None
            if unit is None or len(unit) == len(rest):  # "<metric>: <number> <unit>"
                return head.strip(), _plain(number), unit or rest or None, deadline
    target, unit = parse_target(phrase)
    return phrase, target, unit, deadline
