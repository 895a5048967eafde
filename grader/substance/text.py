"""Vietnamese text as the substance rules see it: tokens, syllables, real words.

A *real word* is a token that carries meaning in a Vietnamese plan: a
well-formed Vietnamese syllable that is not a function word or filler, a known
abbreviation (UNESCO, ASEAN, JETRO, ...), a proper name (a capitalised token),
or a number that counts something ("7 di sản"). Digits alone, single letters,
repeated tokens and keyboard filler ("abc", "xxx", "asdf") are not words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Vietnamese initial consonants (longest first) and finals of a syllable.
_INITIALS = ("ngh", "ng", "gh", "gi", "kh", "nh", "ph", "qu", "th", "tr", "ch",
             "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x")
_FINALS = ("ng", "nh", "ch", "c", "m", "n", "p", "t")
_VOWELS = "aăâeêioôơuưy"
# Vowel groups that Vietnamese spelling allows as the nucleus of a syllable (tone marks removed).
_NUCLEI = frozenset("""
a ă â e ê i o ô ơ u ư y
ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ ươ ưa ưi ưu uy ya yê
iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu
""".split())
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # grave, acute, tilde, hook above, dot below

# Abbreviations and names of organisations that count as words wherever they appear.
KNOWN_ABBREVIATIONS = frozenset("""
UNESCO ASEAN APEC EU JETRO KOTRA JICA KOICA ODA FDI FTA WTO WB ADB AIIB UNDP UNICEF UNFPA FAO WHO ILO IOM OECD
IMF USAID GIZ AFD KfW AmCham EuroCham KoCham JCCI KCCI VCCI VIETRADE MICE UBND HĐND TW NQ CT QĐ KH CPTPP EVFTA
RCEP UKVFTA VKFTA MOU MoU ICT AI CNTT BNG SNgV COP IPA EVIPA WEF GMS MRC KOVA DAAD JCI JBIC NEDO AOTS
""".split())

# Function words, pronouns and filler: well-formed syllables that carry no content of their own.
STOPWORDS = frozenset("""
và các của với cho tại để những được là có trong theo về từ đến này đó kia một hai ba nhiều đã sẽ đang cùng
nhằm như thì mà hoặc hay bằng vào ra lên trên dưới sau trước khi nên rất hơn nữa cũng đều qua giữa do bởi vì nếu
thêm mỗi từng mọi cả toàn bộ phần nào gì ai đâu sao thế vậy còn chưa không chỉ luôn lại ở đây nay thời gian
việc cái sự nhau mình ta chúng tôi bạn họ anh chị em ông bà v.v vân vân như trên cần phải hết lần
""".split())
FILLER = frozenset("""
abc xyz xxx asdf qwe qwerty test lorem ipsum blah bla hihi haha hehe ok okay aaa bbb ccc ddd zzz yyy todo tbd
placeholder
""".split())
# Number of a counted thing ("7 di sản", "34-NQ/TW"): a number counts as a word at most this often per text.
MAX_NUMBERS_AS_WORDS = 2
# Capitalised tokens that are neither Vietnamese syllables nor known names count at most this often per text.
MAX_UNKNOWN_NAMES = 3

_TOKEN = re.compile(r"[^\W_]+(?:[-/.][^\W_]+)*", re.UNICODE)


def nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "")


def _fold_table() -> dict[int, str]:
    table = {}
    for code in range(0x00C0, 0x1F00):
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        if base != char and base.isascii():
            table[code] = base.lower()
    table.update({ord("đ"): "d", ord("Đ"): "d"})
    return table


_FOLD = _fold_table()
_NON_WORD = re.compile(r"[\W_]+")


def fold(text: str | None) -> str:
    """Lower case without diacritics and with single spaces ("Thừa Thiên-Huế" -> "thua thien hue")."""
    if not text:
        return ""
    if len(text) <= 2000:
        return _fold_cached(text)
    return _fold(text)


def words_of(text: str | None, marked: bool) -> list[str]:
    """The syllables of a text, lower case; with their diacritics when ``marked`` (folded otherwise)."""
    if not marked:
        return fold(text).split()
    return [w for w in _NON_WORD.split(nfc(text).casefold()) if w]


def has_marks(text: str | None) -> bool:
    """True if the text is written with Vietnamese diacritics (then they tell "chợ" from "cho")."""
    return any(not c.isascii() and c.isalpha() for c in text or "")


@lru_cache(maxsize=16384)
def _fold_cached(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFC", text or "").casefold().translate(_FOLD)
    if not plain.isascii():  # combining marks left over (decomposed input): drop them
        plain = "".join(c for c in unicodedata.normalize("NFD", plain) if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", plain).split())


def tokens(text: str | None) -> list[str]:
    """The tokens of ``text`` as written (NFC): letters and digits, joined by inner '-', '/' or '.'."""
    return _TOKEN.findall(nfc(text))


def _strip_tones(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))


@lru_cache(maxsize=8192)
def is_syllable(token: str) -> bool:
    """True if ``token`` has the shape of one Vietnamese syllable (initial + vowel nucleus + final)."""
    word = _strip_tones(token.casefold())
    if not word or not word.isalpha():
        return False
    initial = next((i for i in _INITIALS if word.startswith(i) and len(word) > len(i)), "")
    rest = word[len(initial):]
    if initial == "gi" and rest[0] not in _VOWELS:  # "gì" -> g + i
        initial, rest = "g", word[1:]
    final = next((f for f in _FINALS if rest.endswith(f) and len(rest) > len(f)), "")
    nucleus = rest[: len(rest) - len(final)] if final else rest
    if initial == "qu":
        nucleus = "u" + nucleus if nucleus and nucleus[0] != "u" else nucleus
    if initial == "gi" and not nucleus:
        return True
    return nucleus in _NUCLEI


def _is_number(token: str) -> bool:
    return bool(re.fullmatch(r"\d+(?:[.,/-]\d+)*", token))


def _is_code(token: str) -> bool:
    """A document number such as 34-NQ/TW or 15-CT/TW: digits joined to known abbreviations."""
    parts = re.split(r"[-/.]", token)
    return len(parts) > 1 and _is_number(parts[0]) and all(p.upper() in _UPPER_ABBREVIATIONS for p in parts[1:])


_UPPER_ABBREVIATIONS = frozenset(a.upper() for a in KNOWN_ABBREVIATIONS)


def is_abbreviation(token: str) -> bool:
    return token.upper() in _UPPER_ABBREVIATIONS and (token.isupper() or token in KNOWN_ABBREVIATIONS)


def _is_name(token: str) -> bool:
    """A capitalised token of letters that is not a Vietnamese syllable (Tokyo, Osaka, Singapore)."""
    return (len(token) >= 3 and token[0].isupper() and token[1:].islower() and token.isalpha()
            and any(c in "aeiouy" for c in fold(token)) and fold(token) not in FILLER)


def real_words(text: str | None) -> list[str]:
    """The distinct real words of ``text``, in order, lower-cased (names keep their case).

    Counted: Vietnamese syllables other than function words and filler; known abbreviations; document
    numbers (34-NQ/TW); a few capitalised foreign names; a few numbers directly followed by a real word.
    """
    out: list[str] = []
    seen: set[str] = set()
    names = numbers = 0
    toks = tokens(text)
    for i, tok in enumerate(toks):
        low = tok.casefold()
        if low in seen:
            continue
        word: str | None = None
        if is_abbreviation(tok) or _is_code(tok):
            word = tok.upper()
        elif len(tok) > 1 and is_syllable(tok):
            if low not in STOPWORDS and fold(tok) not in FILLER:
                word = low
        elif _is_number(tok):
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if numbers < MAX_NUMBERS_AS_WORDS and nxt and len(nxt) > 1 and is_syllable(nxt) \
                    and nxt.casefold() not in STOPWORDS:
                numbers += 1
                word = tok
        elif _is_name(tok) and names < MAX_UNKNOWN_NAMES:
            names += 1
            word = tok
        if word is not None and word.casefold() not in seen:
            seen.add(word.casefold())
            seen.add(low)
            out.append(word)
    return out


def real_word_count(text: str | None) -> int:
    return len(real_words(text))


def content_syllables(text: str | None) -> set[str]:
    """Folded content syllables (no function words, no filler): the basis of overlap measures."""
    return {fold(w) for w in real_words(text)}


def shingles(text: str | None, size: int = 2, limit: int = 400) -> set[str]:
    """Word ``size``-grams of the folded text (first ``limit`` tokens): a bounded fingerprint."""
    words = fold(text).split()[:limit]
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def contains_phrase(folded_text: str, folded_phrase: str) -> bool:
    """True if the folded phrase occurs in the folded text on word boundaries."""
    return f" {folded_phrase} " in f" {folded_text} "


# The abbreviations officers write in a hurry, read as the words they stand for (so a terse plan reads as
# the sentence it is; the order model has seen the words, not the abbreviations).
ABBREVIATIONS = {
    "SNgV": "Sở Ngoại vụ", "BQL": "Ban quản lý", "SCT": "Sở Công Thương",
    "ĐSQ": "Đại sứ quán", "TLSQ": "Tổng Lãnh sự quán", "CQĐD": "cơ quan đại diện",
    "BNG": "Bộ Ngoại giao", "UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "DN": "doanh nghiệp",
    "NĐT": "nhà đầu tư", "DA": "dự án", "KCN": "khu công nghiệp", "KKT": "khu kinh tế", "XTĐT": "xúc tiến đầu tư",
    "XT": "xúc tiến",
    "XTTM": "xúc tiến thương mại", "KH&ĐT": "Kế hoạch và Đầu tư", "KHĐT": "Kế hoạch và Đầu tư", "DS": "danh sách",
    "VP": "văn phòng", "CB": "cán bộ", "HN": "hội nghị", "BĐS": "bất động sản", "VN": "Việt Nam", "TP": "thành phố",
    "HQ": "Hàn Quốc", "TQ": "Trung Quốc", "ĐH": "Đại học", "VH&TT": "Văn hoá và Thể thao",
    "CNTT": "công nghệ thông tin", "KT-XH": "kinh tế - xã hội", "MoU": "biên bản ghi nhớ", "MOU": "biên bản ghi nhớ",
}
_ABBREVIATION = re.compile(r"(?<![\w&])(" + "|".join(sorted(map(re.escape, ABBREVIATIONS), key=len, reverse=True))
                           + r")(?![\w&])")


def expand(text: str) -> str:
    """``text`` with the usual abbreviations of the trade written out (:data:`ABBREVIATIONS`)."""
    return _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1)], text)
