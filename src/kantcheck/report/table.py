"""The terminal view: findings first (contradictions in red), evidence side by side, then a
summary and the articles with their linked entities."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kantcheck.models import Claim, Finding, Report

STYLES = {
    "contradiction": "bold red",
    "reference_mismatch": "magenta",
    "changed_over_time": "yellow",
    "corroboration": "green",
}
ORDER = ("contradiction", "reference_mismatch", "changed_over_time", "corroboration")
QUOTE_CHARS = 240


def _quote(claim: Claim) -> Text:
    sentence = " ".join(claim.evidence.sentence.split())
    if len(sentence) > QUOTE_CHARS:
        sentence = sentence[: QUOTE_CHARS - 1] + "…"
    head = Text(f"{claim.article_id}", style="bold")
    if claim.published:
        head.append(f" ({claim.published})", style="dim")
    if claim.attribution:
        who = claim.attribution.text or claim.attribution.speaker or "someone"
        head.append(f" — according to {who}", style="italic")
    return Text.assemble(head, "\n", Text(f"“{sentence}”"))


def _finding_panel(f: Finding, claims: dict[str, Claim]) -> Panel:
    sides = Table.grid(expand=True, padding=(0, 2))
    own = [claims[c] for c in f.claim_ids if c in claims]
    for _ in own[:4]:
        sides.add_column(ratio=1)
    if own:
        sides.add_row(*[_quote(c) for c in own[:4]])
    title = Text(f"{f.kind} · {f.severity} · {f.id}", style=STYLES[f.kind])
    if f.status != "new":
        title.append(f" · {f.status}", style="dim")
    body = Group(Text(f.explanation), Text(" vs ".join(f.values), style="dim"), sides)
    return Panel(body, title=title, title_align="left", border_style=STYLES[f.kind])


def print_table(report: Report, console: Console) -> None:
    claims = {c.id: c for c in report.claims}
    for kind in ORDER:
        found = [f for f in report.findings if f.kind == kind]
        if not found:
            continue
        console.rule(Text(f"{kind.replace('_', ' ')} ({len(found)})", style=STYLES[kind]))
        for f in found:
            console.print(_finding_panel(f, claims))
    arts = Table(title="Articles", show_lines=False)
    for col in ("id", "outlet", "published", "status", "claims", "linked entities"):
        arts.add_column(col, overflow="fold")
    per_article: dict[str, int] = {}
    for c in report.claims:
        per_article[c.article_id] = per_article.get(c.article_id, 0) + 1
    for a in report.articles:
        arts.add_row(
            a.id,
            a.outlet or "",
            a.published or "—",
            a.status,
            str(per_article.get(a.id, 0)),
            ", ".join(a.entities),
        )
    console.print(arts)
    if report.errors:
        errs = Table(title="Not processed", title_style="red")
        errs.add_column("path", overflow="fold")
        errs.add_column("reason", overflow="fold")
        for e in report.errors:
            errs.add_row(e.path, e.error)
        console.print(errs)
    s = report.summary
    kinds = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in s.findings_by_kind.items())
    console.print(
        f"{s.articles_ok}/{s.articles} articles, {s.claims} claims, "
        f"{s.findings} findings ({kinds}), "
        f"{s.errors} errors; failing: {s.failing}. Model: {report.tool.model}."
    )
