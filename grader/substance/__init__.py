"""Judging what a plan SAYS, in Vietnamese: real words, slogans, who/what/where, cue words, plausibility.

Small rules, each its own function with its own catalogue message
(``grader/messages/substance.yaml``):

- :mod:`grader.substance.text`: tokens, Vietnamese syllables, real words;
- :mod:`grader.substance.places`: countries, regions, provinces of Vietnam, foreign localities, organisations;
- :mod:`grader.substance.boilerplate`: the slogans of the sources and lessons;
- :mod:`grader.substance.cues`: cue words of focus areas, pillars and partner kinds;
- :mod:`grader.substance.plausibility`: units, targets, kinds of activity and their budgets;
- :mod:`grader.substance.reading`: whether the words are put together as Vietnamese sentences (word order),
  and whether a text is a list of names rather than a sentence about work.

:func:`profile` reads one activity once (cached) for every check that needs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from grader.plan import Activity
from grader.substance import boilerplate, copies, cues, lexicon, places, plausibility, reading
from grader.substance.text import fold, real_words

MIN_REAL_WORDS = 6  # a description with fewer real words says nothing about the work
MAX_SLOGAN_SHARE = 0.5  # a description whose real words are more than half slogans is boilerplate
MIN_OWN_WORDS = 5  # ... and it needs this many real words of its own, outside the slogans
MIN_DETAIL_WORDS = 18  # a description with some detail runs to about this many real words ...
MIN_NAMES_FOR_DETAIL = 3  # ... and holds a quantity ("12 dự án") or this many named places and partners
MIN_FLUENCY = 0.3  # below this share of known words, the description is a salad of syllables
GOOD_FLUENCY = 0.45  # a concrete description reads as the trade's language at least this much
MAX_NOISE = 0.3  # more than this share of content syllables forming no known word: noise, not a description
MAX_UNKNOWN_RUN = 5  # more syllables in a row that form no known word make a salad, not a sentence
SCATTERED_UNKNOWN = 2  # unknown syllables at most this many in a row are scattered, not a run of noise


# Words that stand where a name should be: "quốc gia" (a country), "nước bạn", "nước sở tại"; an organisation
# "tại thành phố lớn nhất nước bạn" or "của nước sở tại" names no one (the red team's made-up bodies).
VAGUE_PLACES = frozenset({"quoc gia", "nuoc ban", "nuoc so tai", "the gioi", "quoc te", "khu vuc", "nuoc ngoai"})
VAGUE_TAILS = ("nuoc ban", "nuoc so tai", "thanh pho lon", "cac nuoc", "nuoc ngoai", "doi tac tiem nang",
               "thi truong trong diem", "quoc gia")


@dataclass(frozen=True)
class Profile:
    """What an activity's own words say (title, description, indicators' phrases)."""

    words: int  # real words of the description
    own_words: tuple[str, ...]  # folded real words of title + description outside the slogans
    slogan_share: float  # share of the description's real words that are slogans
    text: str  # folded title + description + indicator phrases, slogans cut out (for cue words)
    kind: plausibility.ActivityKind | None  # what is done (hội nghị, đoàn, lớp, ấn phẩm, ...)
    places: tuple[str, ...]  # where: named countries, regions, provinces, foreign localities
    organisations: tuple[str, ...]  # with whom, by name
    fluency: float  # share of the description's syllables that form words of the trade (grader.substance.lexicon)
    unknown_run: int  # longest run of syllables in a row that form no known word
    noise: float  # share of the title's and description's content syllables that form no known word
    on_topic: bool  # the title or description says something of foreign affairs (a cue word or a kind of work)
    action: bool  # the description says what someone will do (a verb of the work)
    quantity: bool  # the description counts something ("12 dự án", "15 doanh nghiệp")
    own: str = ""  # title and description as written
    order: reading.Reading = reading.Reading(0, 0.0, 1.0)  # the activity's free texts read as sentences
    counted_result: bool = False  # an indicator counts what the work yields ("100 cán bộ tham dự")
    names_only: bool = False  # the description is a list of names and numbers, not a sentence about work
    salad: bool = False  # the description strings words together with nothing linking them

    @property
    def fluent(self) -> bool:
        """Enough of the words are the trade's (grader.substance.lexicon; abbreviations such as SNgV, DN, KCN are
        read as the words they stand for)."""
        return self.fluency >= MIN_FLUENCY

    @property
    def noisy(self) -> bool:
        """Many syllables form no known word (keyboard salad), unless the words clearly read as sentences and the
        unknown ones come one or two at a time (a product, a fair: "gạo, cá tra", "Seafood Expo"), not in runs
        ("mây trời sông núi gió mưa")."""
        if self.unknown_run > MAX_UNKNOWN_RUN:
            return True
        return self.noise > MAX_NOISE and not (self.order.clearly and self.unknown_run <= SCATTERED_UNKNOWN)

    @property
    def well_worded(self) -> bool:
        """Fluent beyond the minimum: most words are the trade's."""
        return self.fluency >= GOOD_FLUENCY

    @property
    def named(self) -> bool:
        """The activity's own words name a partner, a place or an organisation, or count something (in the
        description, or in an indicator: "100 cán bộ tham dự" is a sketchy activity, not a vague one)."""
        return self.describes_named or self.counted_result

    @property
    def describes_named(self) -> bool:
        """The title or description itself names a partner, a place or an organisation, or counts something
        (an activity counted only in its indicator is sketchy: it counts, but a plan of such is vague)."""
        return bool(self.places or self.organisations or self.quantity)

    def names_beyond(self, locality: str | None) -> bool:
        """:attr:`describes_named`, with the plan's own locality left out of a description long enough to give
        detail (:data:`MIN_DETAIL_WORDS`): it counts something, or names a place outside ``locality`` (its old
        and new names are one, :func:`grader.substance.places.home_names`), or an organisation that is not the
        locality's own (its departments, its People's Committee, "doanh nghiệp của Huế"). Thirty words about
        "Huế", "Sở Du lịch" and "Đại Nội" name no partner; "đón đoàn JETRO tại Huế" names one. In a one-line
        draft ("Quảng bá du lịch di sản Huế trên mạng xã hội") the locality says what the work is about, and the
        detail criteria already price the line's brevity."""
        if self.quantity or (self.words < MIN_DETAIL_WORDS and self.describes_named):
            return True
        home = places.home_names(locality)
        if places.beyond(self.places, home):
            return True
        return any(not places.local_body(o, home) for o in self.organisations)

    @property
    def meaningful(self) -> bool:
        """The description has real words (digits, letters, filler and repeats do not count), says what
        someone will do, reads as sentences rather than a salad of words, and is about foreign affairs."""
        return (self.words >= MIN_REAL_WORDS and self.fluent and self.on_topic and self.action
                and not self.noisy and self.order.reads
                and not self.names_only and not self.salad)

    @property
    def detailed(self) -> bool:
        """The description goes beyond a one-line label: some length, and a quantity or several names."""
        names = len(set(self.places) | set(self.organisations))
        return self.words >= MIN_DETAIL_WORDS and (self.quantity or names >= MIN_NAMES_FOR_DETAIL)

    @property
    def why_not_meaningful(self) -> str | None:
        """The catalogue key saying why the description does not count as one (None when it does)."""
        if self.words < MIN_REAL_WORDS:
            return "substance.no_real_words"
        if self.names_only:
            return "substance.names_only"
        if not self.fluent or self.noisy:
            return "substance.not_fluent"
        if not self.order.reads or self.salad:
            return "substance.word_order"
        if not self.on_topic:
            return "substance.off_topic"
        if not self.action:
            return "substance.no_action"
        return None

    @property
    def boilerplate(self) -> bool:
        """The description is mostly slogans, or has too few words of its own."""
        return self.slogan_share > MAX_SLOGAN_SHARE or len(self.own_words) < MIN_OWN_WORDS

    @property
    def course_copy(self) -> bool:
        """Title and description are a near-copy of text the course shows (:mod:`grader.substance.copies`)."""
        return copies.is_course_copy(self.own, self.places)

    @property
    def retold(self) -> float:
        """How much title and description retell the source articles in other words
        (:func:`grader.substance.copies.retold_share`)."""
        return copies.retold_share(self.own, self.places)

    @property
    def copied(self) -> bool:
        """The activity repeats an example the course shows, and copies are discounted here (at grading)."""
        return copies.enforced() and self.course_copy

    @property
    def counts(self) -> bool:
        """The activity is a real activity: meaningful, not boilerplate, not a copy of the course's own
        examples. Only such activities earn credit in the criteria about dates, indicators, tags,
        partners, budgets and follow-up."""
        return self.meaningful and not self.boilerplate and not self.copied and self.named

    @property
    def why_not_counted(self) -> str | None:
        """The catalogue key saying why the activity earns nothing (None when it counts)."""
        why = self.why_not_meaningful
        if why is not None:
            return why
        if self.boilerplate:
            return "substance.slogans_only"
        if self.copied:
            return "substance.course_copy"
        if not self.named:
            return "substance.generic"
        return None


# A number that counts something: "12 dự án", "1.000 lượt khách" (not a date such as 9/2024 or a year).
_QUANTITY = re.compile(r"(?<![\d/.,])\d{1,3}(?:[.,]\d{3})*(?![\d/])\s+(?!năm\b|tháng\b)[^\W\d_]")


@lru_cache(maxsize=512)
def profile(a: Activity) -> Profile:
    """The substance of one activity (cached: activities are immutable). The trade's abbreviations (SNgV, ĐSQ,
    DN, KCN, ...) are read as the words they stand for (:func:`grader.substance.reading.expand`)."""
    title, description = reading.expand(a.title or ""), reading.expand(a.description or "")
    own = f"{title}. {description}"
    analysis = boilerplate.analyse(description)
    own_analysis = boilerplate.analyse(own)
    metrics = reading.expand(" ".join(i.metric or "" for i in a.indicators))
    named = tuple(n for n in places.places_in(own) if n not in VAGUE_PLACES)
    organisations = tuple(o for o in places.organisations_in(own) if not any(v in fold(o) for v in VAGUE_TAILS))
    kind = plausibility.activity_kind(title, description)
    folded = fold(own)
    topical = kind is not None or any(cues.focus_area_supported(n, folded) for n in cues.FOCUS_AREA_CUES) \
        or any(cues.pillar_supported(n, folded) for n in cues.PILLAR_CUES)
    reading_ = lexicon.read(own, named + organisations)
    free = (a.title, a.description, *(i.metric for i in a.indicators), *(f.action for f in a.follow_ups))
    return Profile(
        words=len(real_words(description)),
        own_words=own_analysis.rest,
        slogan_share=analysis.share,
        text=f"{boilerplate.without_slogans(own)} | {boilerplate.without_slogans(metrics)}",
        kind=kind,
        places=named,
        organisations=organisations,
        fluency=reading_.fluency,
        unknown_run=reading_.unknown_run,
        noise=reading_.noise,
        action=cues.has_action(description),
        quantity=bool(_QUANTITY.search(description)),
        counted_result=bool(_QUANTITY.search(metrics)),
        on_topic=topical,
        own=own,
        order=reading.read_all(free),
        names_only=reading.content_of(a.description).list_of_names,
        salad=reading.content_of(a.description).salad,
    )


def related(phrase: str | None, a: Activity) -> bool:
    """True if ``phrase`` (an indicator or a follow-up) shares a content word with the activity's title or
    description, slogans aside (words compared with their diacritics: "đường" is not "dưỡng")."""
    def words(text: str | None) -> set[str]:
        return {w.casefold() for w in real_words(text) if not w[0].isdigit()}

    own = words(boilerplate.without_slogans_text(f"{a.title or ''}. {a.description or ''}"))
    generic = {"tỉnh", "sở", "hoạt", "động", "công", "tác", "kế", "hoạch"}
    return bool((words(phrase) & own) - generic)
