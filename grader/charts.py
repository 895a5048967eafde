"""Matplotlib charts over the knowledge base and over plans, with Vietnamese labels.

Every function returns a :class:`matplotlib.figure.Figure` built without
pyplot's global state; in Jupyter the figure shows as a PNG when it is the
last value of a cell. Text uses DejaVu Sans, matplotlib's bundled font, which
covers every precomposed Vietnamese letter (tests/test_charts.py checks its
character map), so the charts render the same on any machine with the pip
install alone.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from grader.knowledge import knowledge
from grader.messages import t
from grader.plan import Plan, read_plan

FONT = "DejaVu Sans"
RED, GOLD, GREY = "#c8102e", "#f2a900", "#888888"
matplotlib.rcParams["font.family"] = FONT


def png_bytes(fig: Figure, dpi: int = 100) -> bytes:
    """The figure rendered as PNG."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    return buf.getvalue()


def _register_jupyter_display() -> None:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["image/png"].for_type(Figure, png_bytes)


_register_jupyter_display()


def _plan(plan: Plan | Any) -> Plan:
    return plan if isinstance(plan, Plan) else read_plan(plan)


def figures_chart(figure_ids: Sequence[str] | None = None) -> Figure:
    """The key figures, one panel each: its own axis in its own unit, titled with what it counts and when.

    Figures in different units (provinces, documents, attendances, proposals) and from different events
    never share an axis; each bar is labelled as its source states it (“gần 300 …”).
    """
    kb = knowledge()
    figs = [kb.figure(i) for i in figure_ids] if figure_ids else [
        kb.figure(i) for i in ("so_tinh_co_so_ngoai_vu", "van_ban_hop_tac_hai_nam", "luot_can_bo_boi_duong",
                               "de_xuat_kien_nghi_dia_phuong")
    ]
    fig = Figure(figsize=(10, 1.75 * len(figs) + 0.8))
    axes = fig.subplots(len(figs), 1, squeeze=False)[:, 0]
    for ax, f in zip(axes, figs, strict=True):
        ax.barh([0], [f.value], color=RED, height=0.5)
        ax.text(f.value, 0, f"  {f.display}", va="center", fontsize=9)
        ax.set_xlim(0, f.value * 1.6)
        ax.set_yticks([])
        ax.set_xlabel(f.unit, fontsize=8)
        ax.set_title(textwrap.fill(f.counts, 95) + "\n" + textwrap.fill(t("charts.figure_when", when=f.when), 95),
                     fontsize=8.5, loc="left")
        ax.spines[["top", "right", "left"]].set_visible(False)
    fig.suptitle(t("charts.figures_title"))
    fig.tight_layout()
    return fig


def timeline_chart() -> Figure:
    """Events whose year the sources print, in time order (evenly spaced); the undated ones listed apart."""
    kb = knowledge()
    dated = sorted((e for e in kb.events if e.year is not None),
                   key=lambda e: (e.year, e.month or 1, e.day or 1))
    undated = [e for e in kb.events if e.year is None]
    fig = Figure(figsize=(11, 5.6))
    ax = fig.add_axes((0.03, 0.36, 0.94, 0.56))
    ax.axhline(0, color=GREY, lw=1)
    for i, e in enumerate(dated):
        level = 1.0 if i % 2 == 0 else -1.0
        colour = RED if e.kind in ("ngoai_vu", "ngoai_giao") else GOLD
        ax.plot([i, i], [0, level * 0.55], color=colour, lw=1)
        ax.plot(i, 0, "o", color=colour, markersize=9)
        ax.text(i, level * 0.6, textwrap.fill(e.name, 26) + f"\n({e.date_text})", ha="center",
                va="bottom" if level > 0 else "top", fontsize=8)
    ax.set_xlim(-0.7, len(dated) - 0.3)
    ax.set_ylim(-2.1, 2.1)
    ax.axis("off")
    ax.set_title(t("charts.timeline_title"))
    note = "\n".join(f"• {e.name}: {e.date_text}" for e in undated)
    fig.text(0.03, 0.02, f"{t('charts.timeline_undated')}\n{note}", fontsize=8.5, va="bottom")
    return fig


def _pair_counts(pairs: Iterable[tuple[Sequence[int], Sequence[int]]]) -> list[list[int]]:
    """A 7 × 4 matrix counting, for each (focus areas, pillars) item, every focus area × pillar pair it serves."""
    kb = knowledge()
    counts = [[0] * len(kb.pillars) for _ in kb.focus_areas]
    for focus_areas, pillars in pairs:
        for f in focus_areas:
            for p in pillars:
                counts[f - 1][p - 1] += 1
    return counts


def coverage_counts(plans: Sequence[Plan | Any]) -> list[list[int]]:
    """A 7 × 4 matrix: how many activities serve each focus area (row) and pillar (column)."""
    return _pair_counts((a.focus_areas, a.pillars) for plan in plans for a in _plan(plan).activities)


def case_studies_heatmap() -> Figure:
    """Focus areas × pillars: how many of the sources' case studies illustrate each pair."""
    pairs = ((c.focus_areas, c.pillars) for c in knowledge().case_studies)
    return counts_heatmap(_pair_counts(pairs), t("charts.cases_title"), t("charts.case_count"))


def coverage_heatmap(plan: Plan | Any, title: str | None = None) -> Figure:
    """Focus areas × pillars: how many of the plan's activities serve each pair."""
    return counts_heatmap(coverage_counts([plan]), title or t("charts.coverage_title"))


def counts_heatmap(counts: list[list[int]], title: str, legend: str | None = None) -> Figure:
    """A focus-area × pillar heatmap of counts (for one plan or a whole cohort)."""
    kb = knowledge()
    fig = Figure(figsize=(8.5, 5.5))
    ax = fig.add_subplot()
    image = ax.imshow(counts, cmap="Reds", aspect="auto", vmin=0)
    ax.set_xticks(range(len(kb.pillars)), labels=[f"{p.number}. {p.title}" for p in kb.pillars], fontsize=8,
                  rotation=15, ha="right")
    ax.set_yticks(range(len(kb.focus_areas)), labels=[f"{f.number}. {f.title}" for f in kb.focus_areas], fontsize=8)
    peak = max((max(row) for row in counts), default=0)
    for i, row in enumerate(counts):
        for j, value in enumerate(row):
            ax.text(j, i, str(value), ha="center", va="center", fontsize=9,
                    color="white" if peak and value > peak / 2 else "black")
    ax.set_xlabel(t("charts.pillar_axis"))
    ax.set_ylabel(t("charts.focus_axis"))
    ax.set_title(title)
    fig.colorbar(image, ax=ax, label=legend or t("charts.activity_count"))
    fig.tight_layout()
    return fig


def gantt_chart(plan: Plan | Any) -> Figure:
    """The plan's activities as bars from start to end, with follow-up deadlines and the plan period."""
    p = _plan(plan)
    rows = [a for a in p.activities if a.start and a.end]
    fig = Figure(figsize=(10, 0.6 * max(len(rows), 1) + 1.8))
    ax = fig.add_subplot()
    for i, a in enumerate(rows):
        ax.barh(i, (a.end - a.start).days + 1, left=a.start, color=RED if a.signs_agreements else GOLD,  # type: ignore[operator]
                height=0.5)
        for fu in a.follow_ups:
            if fu.deadline:
                ax.plot(fu.deadline, i, marker="D", color="black", markersize=5)
    ax.set_yticks(range(len(rows)), labels=[f"{a.number}. {(a.title or '')[:60]}" for a in rows], fontsize=8)
    ax.invert_yaxis()
    if p.start and p.end:
        ax.axvspan(p.start, p.end, color=GREY, alpha=0.08)
        ax.set_xlim(p.start - dt.timedelta(days=15), p.end + dt.timedelta(days=60))
    ax.set_title(t("charts.gantt_title", locality=p.locality or "?"))
    ax.set_xlabel(f"{t('charts.gantt_axis')}\n{t('charts.gantt_legend')}", fontsize=9)
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig
