"""Named places and organisations: where an activity happens and with whom.

Country names come from pycountry (ISO 3166-1 English names and their
Vietnamese translations, e.g. "Ấn-độ", "Nhật", "Thái Lan"), completed by the
short forms Vietnamese officials actually write ("Nhật Bản", "Hàn Quốc", "Hoa
Kỳ"). Vietnam's provinces come from pycountry's ISO 3166-2:VN subdivisions
(the 63 provinces of the plan period 2024-2025) and from the vietnam-provinces
package (the 34 provinces and cities since 2025). Foreign cities and regions
are the subdivisions of pycountry for the partner countries the sources name,
with their generic suffixes dropped ("Yunnan Sheng" is written "Yunnan"). The
neighbours' border provinces and their main cities, which Vietnamese officials
write in Vietnamese ("Vân Nam", "Côn Minh", "Viêng Chăn") and pycountry does not
translate, come from :data:`NEIGHBOUR_PLACES`, keyed by pycountry's own ISO
3166-2 codes. Everything is compared folded (no diacritics, no case, hyphens as
spaces).

Why one module: every source of names (pycountry, vietnam-provinces, the neighbours' list, the organisations)
feeds one folded index that a place is looked up in, and the lookup rules (longest match first, generic
suffixes, old and new province names) must see all of them at once; most lines are that index's data.
"""

from __future__ import annotations

import gettext
import importlib.util
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from grader.substance.text import KNOWN_ABBREVIATIONS, fold, nfc

# Short Vietnamese forms of partner countries that pycountry's translation spells differently.
VIETNAMESE_COUNTRY_FORMS = {
    "JP": ("Nhật Bản",), "KR": ("Hàn Quốc",), "US": ("Hoa Kỳ", "Mỹ"), "IN": ("Ấn Độ",), "ID": ("In-đô-nê-xi-a",),
    "GB": ("Anh", "Vương quốc Anh"), "DE": ("Đức",), "FR": ("Pháp",), "RU": ("Nga", "Liên bang Nga"),
    "CN": ("Trung Quốc",), "LA": ("Lào",), "KH": ("Campuchia", "Cam-pu-chia"),
    "AU": ("Úc", "Australia", "Ô-xtrây-li-a"),
    "NL": ("Hà Lan",), "IT": ("Italia", "Ý"), "SG": ("Xinh-ga-po",), "MY": ("Ma-lai-xi-a",), "TW": ("Đài Loan",),
    "AE": ("UAE", "Các Tiểu vương quốc Ả Rập Thống nhất"), "SA": ("Ả Rập Xê Út", "Saudi Arabia"),
    "NZ": ("New Zealand", "Niu Di-lân"), "PH": ("Philippines", "Phi-líp-pin"), "MM": ("Myanmar",),
    "BE": ("Bỉ",), "CH": ("Thụy Sĩ", "Thuỵ Sĩ"), "SE": ("Thụy Điển", "Thuỵ Điển"), "CZ": ("Séc", "Cộng hòa Séc"),
    "TR": ("Thổ Nhĩ Kỳ",), "BR": ("Bra-xin",), "CU": ("Cu Ba",), "IL": ("Israel", "I-xra-en"), "QA": ("Qatar",),
    "KW": ("Kuwait",), "HU": ("Hung-ga-ri",), "PL": ("Ba Lan",), "ES": ("Tây Ban Nha",), "PT": ("Bồ Đào Nha",),
}
# Regions and groupings that are a real market in the sources' sense ("các nước Trung Đông").
REGIONS = (
    "Trung Đông", "Đông Nam Á", "Đông Bắc Á", "Nam Á", "Trung Á", "Tây Á", "Bắc Mỹ", "Mỹ Latinh", "Mỹ La-tinh",
    "Nam Mỹ", "Châu Âu", "Tây Âu", "Đông Âu", "Bắc Âu", "Châu Phi", "Bắc Phi", "Châu Á", "Châu Đại Dương",
    "Liên minh châu Âu", "Vùng Vịnh", "Hồng Kông", "Ma Cao", "Scandinavia",
)
# Partner countries whose subdivisions (prefectures, provinces, states) count as named foreign localities.
PARTNER_COUNTRIES_FOR_CITIES = ("JP", "KR", "CN", "IN", "TH", "ID", "US", "FR", "DE", "AU", "LA", "KH", "SG",
                                "MY", "PH", "GB", "RU", "IT", "NL", "AE", "SA", "TW", "NZ", "CA", "BE", "CZ")
# Generic words of pycountry's subdivision names that nobody writes ("Guangxi Zhuangzu Zizhiqu" is "Guangxi").
SUBDIVISION_SUFFIXES = re.compile(r"\s+(?:Zhuangzu |Huizu |Uygur )?(?:Sheng|Zizhiqu|Shi|SAR)$")
# The neighbours' provinces (every Lao and Cambodian border province, China's Yunnan and Guangxi, and the
# provinces of the capitals and big cities officials travel to) and their main cities, as Vietnamese
# officials and the press write them, keyed by the ISO 3166-2 code pycountry gives the province (a test
# checks every code exists in pycountry). Sources of the names: the Vietnamese Wikipedia (vi.wikipedia.org),
# the titles and opening lines of its articles "Các tỉnh của Lào", "Phân cấp hành chính Campuchia", "Vân
# Nam", "Quảng Tây", "Côn Minh", "Nam Ninh" and of each province listed there (it keeps most Cambodian and
# several Lao provinces under their romanised names, given here as it writes them); for Lao provinces it
# titles in romanised form, the Vietnamese spellings of Vietnamese provincial and research documents on the
# twinned provinces (e.g. "Sê Kông" beside Quảng Nam, "Khăm Muộn" beside Quảng Bình), with the common variants.
NEIGHBOUR_PLACES: dict[str, tuple[str, ...]] = {
    # China: the two provinces on the border, their capitals and border cities, and the big cities
    "CN-YN": ("Vân Nam", "Yunnan", "Côn Minh", "Kunming", "Mông Tự", "Mengzi", "Hekou"),
    "CN-GX": ("Quảng Tây", "Guangxi", "Nam Ninh", "Nanning", "Bằng Tường", "Pingxiang", "Sùng Tả", "Chongzuo",
              "Bách Sắc", "Baise", "Phòng Thành Cảng", "Fangchenggang", "Khâm Châu", "Qinzhou", "Quế Lâm",
              "Guilin", "Dongxing"),
    "CN-GD": ("Quảng Đông", "Guangdong", "Quảng Châu", "Guangzhou", "Thâm Quyến", "Shenzhen"),
    "CN-HI": ("Hải Nam", "Hainan"),
    "CN-BJ": ("Bắc Kinh", "Beijing"),
    "CN-SH": ("Thượng Hải", "Shanghai"),
    "CN-CQ": ("Trùng Khánh", "Chongqing"),
    "CN-SC": ("Tứ Xuyên", "Sichuan", "Thành Đô", "Chengdu"),
    "CN-GZ": ("Quý Châu", "Guizhou"),
    # Laos: the capital and the ten provinces on the border with Vietnam, with their towns
    "LA-VT": ("Viêng Chăn", "Vientiane", "Thủ đô Viêng Chăn"),
    "LA-VI": ("Tỉnh Viêng Chăn",),
    "LA-PH": ("Phông Sa Lỳ", "Phongsaly", "Phongsali"),
    "LA-LP": ("Luông Pha Băng", "Luang Prabang", "Louangphabang"),
    "LA-HO": ("Hủa Phăn", "Houaphanh", "Houaphan", "Sầm Nưa", "Xam Neua", "Sam Neua"),
    "LA-XI": ("Xiêng Khoảng", "Xieng Khouang", "Xiangkhouang", "Phonsavan"),
    "LA-BL": ("Bolikhamxay", "Bolikhamxai", "Bôlykhămxay", "Bolikhamsai", "Borikhamxay", "Paksan"),
    "LA-KH": ("Khăm Muộn", "Khammouane", "Khammouan", "Thà Khẹc", "Thakhek"),
    "LA-SV": ("Xa Vẳn Nạ Khệt", "Savannakhet"),
    "LA-SL": ("Salavan", "Saravane"),
    "LA-XE": ("Sê Kông", "Xê Kông", "Sekong", "Xekong"),
    "LA-AT": ("Attapư", "Attapeu", "Attapu", "Attopeu"),
    "LA-CH": ("Chăm Pa Sắc", "Champasak", "Champassak", "Pắc Xế", "Pakse"),
    "LA-OU": ("U Đôm Xay", "Oudomxay", "Oudomxai"),
    "LA-LM": ("Luông Nậm Thà", "Luang Namtha"),
    # Cambodia: the capital and the provinces on the border with Vietnam, with their towns
    "KH-12": ("Phnôm Pênh", "Phnom Penh"),
    "KH-16": ("Ratanakiri", "Rattanakiri"),
    "KH-11": ("Mondulkiri", "Mondolkiri"),
    "KH-10": ("Kratié", "Kratie"),
    "KH-25": ("Tbong Khmum", "Tboung Khmum"),
    "KH-14": ("Prey Veng",),
    "KH-20": ("Svay Rieng", "Bavet"),
    "KH-21": ("Takéo", "Takeo"),
    "KH-7": ("Kampot",),
    "KH-8": ("Kandal",),
    "KH-3": ("Kampong Cham",),
    "KH-19": ("Stung Treng",),
    "KH-17": ("Siem Reap", "Xiêm Riệp"),
    "KH-2": ("Battambang", "Bát Đom Boong"),
    "KH-18": ("Sihanoukville", "Preah Sihanouk"),
}
# Names of bodies that are complete by themselves ("Bộ Ngoại giao", "Học viện Ngoại giao").
NAMED_BODIES = (
    "bộ ngoại giao", "cục ngoại vụ", "học viện ngoại giao", "cục lãnh sự", "cục lễ tân nhà nước",
    "ủy ban nhà nước về người việt nam ở nước ngoài", "uỷ ban nhà nước về người việt nam ở nước ngoài",
    "bộ công thương", "bộ kế hoạch và đầu tư", "bộ văn hóa, thể thao và du lịch", "bộ văn hoá, thể thao và du lịch",
    "bộ nội vụ", "bộ lao động", "cục xúc tiến thương mại", "cục đầu tư nước ngoài", "cục du lịch quốc gia",
    "liên hiệp các tổ chức hữu nghị", "phòng thương mại và công nghiệp việt nam", "ban đối ngoại trung ương",
    "thương vụ việt nam", "ngân hàng thế giới", "liên hợp quốc",
)
# Words that open the name of an organisation; a name follows that says which one ("Hiệp hội Doanh
# nghiệp Hàn Quốc", "Đại sứ quán Việt Nam tại Nhật Bản"): it holds a place or a known abbreviation.
ORGANISATION_HEADS = (
    "đại sứ quán", "tổng lãnh sự quán", "lãnh sự quán", "cơ quan đại diện", "thương vụ", "hiệp hội",
    "phòng thương mại", "tập đoàn", "tổng công ty", "công ty", "quỹ", "trường đại học", "đại học", "học viện",
    "viện", "văn phòng", "trung tâm", "hội doanh nhân", "hội doanh nghiệp", "hội người việt",
    "ban liên lạc", "chính quyền", "ủy ban nhân dân", "uỷ ban nhân dân", "hãng", "doanh nghiệp", "nhà đầu tư",
    "kiều bào", "cộng đồng người việt", "lao động", "hãng lữ hành", "doanh nhân", "các cơ quan đại diện",
)


@dataclass(frozen=True)
class Gazetteer:
    countries: frozenset[str]  # folded names
    regions: frozenset[str]
    provinces: frozenset[str]
    foreign_localities: frozenset[str]
    province_names: dict[str, str]  # folded -> display name (for messages)
    country_of: dict[str, str]  # folded country or foreign locality -> ISO 3166-1 alpha-2 code

    def all_places(self) -> frozenset[str]:
        return self.countries | self.regions | self.provinces | self.foreign_localities


def _variants(name: str) -> set[str]:
    """Folded forms of a name: whole, each comma part, without parentheses, hyphens as spaces."""
    out = set()
    base = re.sub(r"\(.*?\)", " ", nfc(name))
    for part in [base, *base.split(",")]:
        folded = fold(part)
        if len(folded) >= 2:
            out.add(folded)
    return out


GAZETTEER = Path(__file__).resolve().parent / "places.json"


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Every known country, region and province name, folded (loaded once per process).

    Read from ``places.json`` beside this module, which ``python -m grader.substance.places`` builds from
    pycountry and vietnam-provinces (a test checks it is up to date): reading it costs a few milliseconds,
    building it a few hundred.
    """
    try:
        data = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return build_gazetteer()
    return Gazetteer(
        countries=frozenset(data["countries"]),
        regions=frozenset(data["regions"]),
        provinces=frozenset(data["provinces"]),
        foreign_localities=frozenset(data["foreign_localities"]),
        province_names=dict(data["provinces"]),
        country_of=dict(data["country_of"]),
    )


def gazetteer_data(g: Gazetteer) -> dict[str, object]:
    """The gazetteer as plain, sorted data (what ``places.json`` holds)."""
    return {
        "countries": sorted(g.countries),
        "regions": sorted(g.regions),
        "provinces": dict(sorted(g.province_names.items())),
        "foreign_localities": sorted(g.foreign_localities),
        "country_of": dict(sorted(g.country_of.items())),
    }


def build_gazetteer() -> Gazetteer:
    """Build the gazetteer from pycountry (ISO 3166-1 and 3166-2, Vietnamese translations) and
    vietnam-provinces."""
    import pycountry

    try:
        vi = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["vi"])
    except OSError:  # no Vietnamese catalogue in this pycountry build: English names only
        vi = gettext.NullTranslations()
    countries: set[str] = set()
    country_of: dict[str, str] = {}
    for c in pycountry.countries:
        names: set[str] = set()
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names |= _variants(value) | _variants(vi.gettext(value))
        for form in VIETNAMESE_COUNTRY_FORMS.get(c.alpha_2, ()):
            names |= _variants(form)
        countries |= names
        for n in names:
            country_of.setdefault(n, c.alpha_2)
    countries -= {"viet nam", "vietnam"}  # the home country is no foreign market
    provinces: dict[str, str] = {}
    foreign: set[str] = set()
    for s in pycountry.subdivisions:
        if s.country_code == "VN":
            display = s.name.replace("-", " ").replace("Hồ Chí Minh", "Thành phố Hồ Chí Minh")
            for v in _variants(s.name):
                provinces[v] = display
        elif s.country_code in PARTNER_COUNTRIES_FOR_CITIES:
            # "Busan-gwangyeoksi" is written "Busan", "Yunnan Sheng" "Yunnan"
            names = {s.name, s.name.split("-")[0], SUBDIVISION_SUFFIXES.sub("", s.name)}
            for v in (v for n in names for v in _variants(n) if len(v) >= 4):
                foreign.add(v)
                country_of.setdefault(v, s.country_code)
    for code, written in NEIGHBOUR_PLACES.items():
        country = pycountry.subdivisions.get(code=code).country_code
        for v in (v for name in written for v in _variants(name) if len(v) >= 3):
            foreign.add(v)
            country_of[v] = country
    provinces.update(_new_provinces())
    for short in list(provinces):  # "thanh pho ha noi" is also "ha noi", "tp ho chi minh" also "ho chi minh"
        for prefix in ("thanh pho ", "tinh "):
            if short.startswith(prefix):
                provinces.setdefault(short[len(prefix):], provinces[short])
    provinces.setdefault("hue", "Thành phố Huế")
    provinces.setdefault("tp ho chi minh", "Thành phố Hồ Chí Minh")
    provinces.setdefault("tphcm", "Thành phố Hồ Chí Minh")
    provinces.setdefault("kien giang", "Kiên Giang")
    foreign -= set(provinces) | countries
    return Gazetteer(
        countries=frozenset(countries),
        regions=frozenset(fold(r) for r in REGIONS),
        provinces=frozenset(provinces),
        foreign_localities=frozenset(foreign),
        province_names=provinces,
        country_of=country_of,
    )


def _new_provinces() -> dict[str, str]:
    """The provinces and centrally governed cities of Vietnam since 2025 (vietnam-provinces), folded.

    Read from the package's data file without importing the package (whose import builds every ward).
    """
    spec = importlib.util.find_spec("vietnam_provinces")
    if spec is None or not spec.submodule_search_locations:  # optional at run time: pycountry's 63 remain
        return {}
    data = Path(next(iter(spec.submodule_search_locations))) / "data" / "nested-divisions.json"
    try:
        provinces = json.loads(data.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {fold(p["name"]): p["name"] for p in provinces if isinstance(p, dict) and p.get("name")}


def _ngrams(folded: str, longest: int = 9) -> list[str]:
    words = folded.split()
    return [" ".join(words[i:i + n]) for n in range(longest, 0, -1) for i in range(len(words) - n + 1)]


def _found(text: str | None, names: frozenset[str]) -> list[str]:
    return list(_found_cached(text or "", names))


@lru_cache(maxsize=256)
def _found_cached(text: str, names: frozenset[str]) -> tuple[str, ...]:
    """The names of ``names`` in ``text``, longest first (cached: several checks ask about the same text)."""
    folded = fold(text)
    if not folded:
        return ()
    hits: list[str] = []
    covered = f" {folded} "
    for gram in _ngrams(folded):
        if gram in names and f" {gram} " in covered:
            hits.append(gram)
            covered = covered.replace(f" {gram} ", " | ")
    return tuple(hits)


def _capitalised(text: str | None, hits: list[str]) -> list[str]:
    """Keep one-syllable names ("Anh", "Ý", "Nga") only where they are written with a capital letter:
    "tiếng Anh" names England's language, "anh" and "ý kiến" name nothing."""
    written = nfc(text)
    out = []
    for h in hits:
        if " " in h:
            out.append(h)
            continue
        span = _original_span(written, h)
        first = next((c for c in span or "" if c.isalpha()), "")
        if first.isupper():
            out.append(h)
    return out


def countries_in(text: str | None) -> list[str]:
    """Foreign countries named in ``text`` (folded names)."""
    return _capitalised(text, _found(text, gazetteer().countries))


def regions_in(text: str | None) -> list[str]:
    return _found(text, gazetteer().regions)


def provinces_in(text: str | None) -> list[str]:
    """Provinces or centrally governed cities of Vietnam named in ``text`` (folded names)."""
    return _capitalised(text, _found(text, gazetteer().provinces))


def foreign_localities_in(text: str | None) -> list[str]:
    """Foreign cities, prefectures or provinces named in ``text``; only capitalised mentions count."""
    hits = _found(text, gazetteer().foreign_localities)
    written = nfc(text)
    return [h for h in hits if re.search(r"\b[A-ZÀ-Ỹ]", _original_span(written, h) or "")]


def as_written(text: str, folded_name: str) -> str:
    """The words of ``text`` that name ``folded_name`` (a name :func:`places_in` found), as written ("UAE",
    not "uae"), or the folded name when the text's words do not give it back."""
    return _original_span(text, folded_name) or folded_name


def _original_span(text: str, folded_name: str) -> str | None:
    words = text.split()
    size = len(folded_name.split())
    for i in range(len(words) - size + 1):
        span = " ".join(words[i:i + size])
        if fold(span) == folded_name:
            return span
    return None


def is_province(name: str | None) -> bool:
    """True if ``name`` is a province or centrally governed city of Vietnam (old or new names)."""
    folded = fold(name)
    for prefix in ("tinh ", "thanh pho ", "tp "):
        if folded.startswith(prefix) and folded[len(prefix):] in gazetteer().provinces:
            return True
    return folded in gazetteer().provinces


# The provinces merged on 1/7/2025 (Nghị quyết 202/2025/QH15, 63 -> 34): each new province and the old ones it
# joined. The other eleven kept their borders (Thừa Thiên Huế became Thành phố Huế on 1/1/2025).
MERGED_2025 = {
    "Tuyên Quang": ("Hà Giang",), "Lào Cai": ("Yên Bái",), "Thái Nguyên": ("Bắc Kạn",),
    "Phú Thọ": ("Vĩnh Phúc", "Hòa Bình"), "Bắc Ninh": ("Bắc Giang",), "Hưng Yên": ("Thái Bình",),
    "Hải Phòng": ("Hải Dương",), "Ninh Bình": ("Hà Nam", "Nam Định"), "Quảng Trị": ("Quảng Bình",),
    "Đà Nẵng": ("Quảng Nam",), "Quảng Ngãi": ("Kon Tum",), "Gia Lai": ("Bình Định",),
    "Khánh Hòa": ("Ninh Thuận",), "Lâm Đồng": ("Đắk Nông", "Bình Thuận"), "Đắk Lắk": ("Phú Yên",),
    "Hồ Chí Minh": ("Bình Dương", "Bà Rịa - Vũng Tàu"), "Đồng Nai": ("Bình Phước",), "Tây Ninh": ("Long An",),
    "Cần Thơ": ("Sóc Trăng", "Hậu Giang"), "Vĩnh Long": ("Bến Tre", "Trà Vinh"), "Đồng Tháp": ("Tiền Giang",),
    "Cà Mau": ("Bạc Liêu",), "An Giang": ("Kiên Giang",), "Huế": ("Thừa Thiên Huế",),
}


def bare_province(name: str | None) -> str:
    """A province's name folded, without "tỉnh", "thành phố", "TP" in front ("Thành phố Huế" -> "hue")."""
    folded = fold(name)
    for prefix in ("tinh ", "thanh pho ", "tp "):
        folded = folded.removeprefix(prefix)
    return {"tphcm": "ho chi minh", "hcm": "ho chi minh"}.get(folded, folded)


@lru_cache(maxsize=64)
def home_names(locality: str | None) -> frozenset[str]:
    """The folded, bare names of a plan's own locality: as written, and every name of the province it is part
    of since 2025 or was made of (:data:`MERGED_2025`): "Bến Tre" -> {ben tre, vinh long, tra vinh}."""
    own = bare_province(locality)
    if not own:
        return frozenset()
    out = {own}
    for new, old in MERGED_2025.items():
        group = {bare_province(new), *(bare_province(o) for o in old)}
        if own in group:
            out |= group
    return frozenset(out)


def beyond(names: list[str] | tuple[str, ...], home: frozenset[str]) -> list[str]:
    """The places of ``names`` (folded, as :func:`places_in` gives them) outside the locality ``home``."""
    return [n for n in names if bare_province(n) not in home]


LOCAL_ABBREVIATIONS = frozenset({"ubnd", "hdnd", "sngv"})  # the province's People's Committee, Council, Sở Ngoại vụ


def local_body(organisation: str, home: frozenset[str]) -> bool:
    """The organisation is the locality's own, named only by the locality (:func:`organisations_in` names a
    body by the place after its head word): "ủy ban nhân dân tỉnh Bến Tre", "hãng du lịch Huế", "doanh nghiệp
    lữ hành của Huế", "UBND". A ministry, a mission, a foreign or another province's body is not."""
    if fold(organisation) in LOCAL_ABBREVIATIONS:
        return True
    named = _found(organisation, gazetteer().all_places())
    return bool(named) and not beyond(named, home)


def is_market(name: str | None) -> bool:
    """True if ``name`` names a foreign country, a region, or a foreign locality (a real market)."""
    folded = fold(name)
    g = gazetteer()
    if not folded:
        return False
    if folded in g.countries or folded in g.regions or folded in g.foreign_localities:
        return True
    return bool(countries_in(name) or regions_in(name) or foreign_localities_in(name))


def countries_meant(text: str | None) -> set[str]:
    """ISO codes of the countries a text names, directly or through one of their cities or provinces."""
    g = gazetteer()
    return {g.country_of[n] for n in countries_in(text) + foreign_localities_in(text) if n in g.country_of}


def same_market(market: str | None, text: str | None) -> bool:
    """True if ``text`` is about ``market``: it names the market, its country, or a place in that country."""
    if not market or not text:
        return False
    if f" {fold(market)} " in f" {fold(text)} ":
        return True
    if countries_meant(market) & countries_meant(text):
        return True
    return bool(set(regions_in(market)) & set(regions_in(text)))


def organisations_in(text: str | None) -> list[str]:
    """Named organisations and partners: known abbreviations, bodies named in full, or an organisation
    head word followed within a few words by a place or an abbreviation ("doanh nghiệp Nhật Bản")."""
    found: list[str] = []
    written = nfc(text)
    for abbr in KNOWN_ABBREVIATIONS:
        if len(abbr) >= 3 and abbr.upper() == abbr and re.search(rf"(?<!\w){re.escape(abbr)}(?!\w)", written):
            found.append(abbr)
    folded = fold(text)
    padded = f" {folded} "
    for body in NAMED_BODIES:
        if f" {fold(body)} " in padded:
            found.append(fold(body))
    if not folded:
        return found
    named = set(_found(text, gazetteer().all_places()))
    for head in ORGANISATION_HEADS:
        fh = fold(head)
        for m in re.finditer(rf"(?:^| ){re.escape(fh)}((?: \w+){{1,6}})", folded):
            tail = f" {m.group(1).strip()} "
            ends = [tail.index(f" {n} ") + len(n) + 1 for n in named if f" {n} " in tail]
            if ends:  # the name runs from the head word to the place it names
                found.append(f"{fh} {tail[:min(ends)].strip()}")
                break
    return found


def places_in(text: str | None) -> list[str]:
    """Every named place in ``text``: countries, regions, provinces of Vietnam, foreign localities."""
    return countries_in(text) + regions_in(text) + provinces_in(text) + foreign_localities_in(text)


def main() -> int:
    import sys

    GAZETTEER.write_text(json.dumps(gazetteer_data(build_gazetteer()), ensure_ascii=False, indent=0) + "\n",
                         encoding="utf-8")
    print(f"wrote {GAZETTEER}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
