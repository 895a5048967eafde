"""``ngoaivu check-sources``: verify every citation in the knowledge base."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from grader.knowledge import SOURCE_DATA, KnowledgeError, load, verify_citations
from grader.messages import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check-sources",
        help="verify every knowledge-base quote against the source articles",
        description="Load source_data/ (articles.yaml, knowledge.yaml, articles/*.txt), validate its shape, "
        "and check that every quote occurs verbatim in its article (after NFC normalisation and "
        "whitespace collapsing) and that every figure's value appears in its quote.",
    )
    p.add_argument("--source-data", type=Path, default=SOURCE_DATA, help="folder holding the knowledge base")
    p.add_argument("-v", "--verbose", action="store_true", help="list every failure, not only the summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        kb = load(args.source_data)
    except KnowledgeError as exc:
        print(t("cli.check-sources.invalid", error=str(exc)), file=sys.stderr)
        return 1
    report = verify_citations(kb)
    for failure in report.failures:  # the knowledge base's own words: entry ids, quotes, figures
        print(f"  {failure}", file=sys.stderr)
    counts = {"entries": report.entries, "verified": report.quotes - len(report.failures), "quotes": report.quotes}
    print(t("cli.check-sources.ok", **counts) if report.ok
          else t("cli.check-sources.failed", problems=len(report.failures), **counts))
    return 0 if report.ok else 1
