"""The library entry point: paths in, a `Report` out. Never prints, never exits."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from kantcheck.gazetteer import DEFAULT_GAZETTEER, Gazetteer, load_gazetteer
from kantcheck.ingest import DEFAULT_MAX_BYTES, Article, discover, read_article
from kantcheck.models import ArticleErrorRecord, ArticleInfo, Claim, Report, ToolInfo
from kantcheck.version import __version__

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kantcheck.claims import PredicateVocab
    from kantcheck.compare import Rules

Progress = Callable[[int, int], None]
DEFAULT_STORE = Path(".kantcheck")


@dataclass
class ScanOptions:
    """Everything that changes a scan's output, in one place (and in the store fingerprint)."""

    gazetteer: Path | None = None
    model: str | None = None
    rules: Path | None = None
    predicates: Path | None = None
    store: Path | None = DEFAULT_STORE
    jobs: int = 1
    max_bytes: int = DEFAULT_MAX_BYTES
    progress: Progress | None = None
    warnings: list[str] = field(default_factory=list)


class Extractor:
    """The loaded pipeline and vocabularies: built once, used for every article."""

    def __init__(self, opts: ScanOptions) -> None:
        from kantcheck.claims import load_predicates
        from kantcheck.nlp.pipeline import build_pipeline

        self.gaz_path = opts.gazetteer or DEFAULT_GAZETTEER
        self.gazetteer, self.gaz_sha = load_gazetteer(self.gaz_path)
        self.vocab: PredicateVocab = load_predicates(opts.predicates)
        self.nlp: Language
        self.nlp, self.model_label = build_pipeline(opts.model, self.gaz_path)

    def extract(self, doc: Doc, article: Article) -> tuple[list[Claim], list[str]]:
        from kantcheck.claims import extract_claims

        claims = extract_claims(doc, article, self.gazetteer, self.vocab)
        entities = sorted({e._.entity_id for e in doc.ents if e._.entity_id})
        return claims, entities

    def results(
        self, articles: Sequence[Article], batch_size: int = 16
    ) -> Iterator[tuple[list[Claim], list[str]]]:
        """Claims and entities per article, in order; a long body is parsed in pieces.

        Each piece is parsed, its claims extracted and its Doc dropped before the next batch,
        so memory stays bounded by `batch_size` pieces whatever the article's length; evidence
        offsets are shifted back into the full body. An article that fits one piece is parsed
        exactly as before (`docs` + `extract`).
        """

        def pieces() -> Iterator[tuple[Doc, tuple[int, int]]]:
            for i, art in enumerate(articles):
                for offset, text in split_body(art.body):
                    doc = self.nlp.make_doc(text)
                    doc._.dct = art.published
                    yield doc, (i, offset)

        current = -1
        claims: list[Claim] = []
        entities: set[str] = set()

        def batches() -> Iterator[list[tuple[Doc, tuple[int, int]]]]:
            # by count and by characters: a batch of 16 pieces of 100,000 chars is a 1.6 MB parse
            batch: list[tuple[Doc, tuple[int, int]]] = []
            chars = 0
            for item in pieces():
                if batch and (
                    len(batch) >= batch_size or chars + len(item[0].text) > MAX_BATCH_CHARS
                ):
                    yield batch
                    batch, chars = [], 0
                batch.append(item)
                chars += len(item[0].text)
            if batch:
                yield batch

        parsed = (
            got
            for batch in batches()
            for got in self.nlp.pipe(batch, batch_size=len(batch), as_tuples=True)
        )
        for doc, (i, offset) in parsed:
            if i != current:
                if current >= 0:
                    yield claims, sorted(entities)
                for _skipped in range(current + 1, i):  # an empty body has no piece
                    yield [], []
                current, claims, entities = i, [], set()
            got, ents = self.extract(doc, articles[i])
            claims.extend(shift_claims(got, offset) if offset else got)
            entities.update(ents)
        if current >= 0:
            yield claims, sorted(entities)
        for _skipped in range(current + 1, len(articles)):
            yield [], []


# A piece of body text parsed as one Doc: spaCy refuses texts over nlp.max_length (1,000,000)
# and the parser's memory grows with the Doc; a run without a sentence end is cut as well, so
# that no "sentence" handed to the parser and the claim extractor is longer than MAX_RUN_CHARS.
MAX_PIECE_CHARS = 100_000
MAX_BATCH_CHARS = 200_000
MAX_RUN_CHARS = 5_000
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?\u3002][\"'\u201d\u2019)\]]*\s|\n")


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end a piece that starts at `start` and may not pass `limit`: the last paragraph
    break, else the last sentence end, else the last whitespace, else `limit` itself."""
    lo = start + (limit - start) // 2  # never a piece shorter than half the allowed size
    for rx in (_PARAGRAPH, _SENTENCE_END):
        last = None
        for m in rx.finditer(text, lo, limit):
            last = m
        if last is not None:
            return last.end()
    for j in range(limit - 1, lo, -1):
        if text[j].isspace():
            return j + 1
    return limit


def _cut_runs(text: str, start: int, end: int) -> list[int]:
    """Cut points inside text[start:end] so that no stretch without a sentence end exceeds
    MAX_RUN_CHARS (a 1 MB "sentence" of words without punctuation)."""
    cuts: list[int] = []
    pos = start
    while end - pos > MAX_RUN_CHARS:
        m = _SENTENCE_END.search(text, pos, pos + MAX_RUN_CHARS)
        if m is not None:
            pos = m.end()
            continue
        cut = pos + MAX_RUN_CHARS
        for j in range(cut - 1, pos + MAX_RUN_CHARS // 2, -1):
            if text[j].isspace():
                cut = j + 1
                break
        cuts.append(cut)
        pos = cut
    return cuts


def split_body(body: str, max_chars: int = MAX_PIECE_CHARS) -> list[tuple[int, str]]:
    """(offset, text) pieces that concatenate back to `body`; one piece for a normal article."""
    if len(body) <= max_chars and (len(body) <= MAX_RUN_CHARS or not _cut_runs(body, 0, len(body))):
        return [(0, body)] if body else []
    bounds = [0]
    while len(body) - bounds[-1] > max_chars:
        bounds.append(_cut(body, bounds[-1], bounds[-1] + max_chars))
    bounds.append(len(body))
    out: list[tuple[int, str]] = []
    for a, b in pairwise(bounds):
        cuts = [a, *_cut_runs(body, a, b), b]
        out.extend((x, body[x:y]) for x, y in pairwise(cuts) if y > x)
    return out


def shift_claims(claims: list[Claim], offset: int) -> list[Claim]:
    """Claims from a piece starting at `offset`: evidence offsets made relative to the body."""
    return [
        c.model_copy(
            update={
                "evidence": c.evidence.model_copy(
                    update={"start": c.evidence.start + offset, "end": c.evidence.end + offset}
                )
            }
        )
        for c in claims
    ]


@lru_cache(maxsize=2)
def _cached_extractor(
    model: str | None, gaz: Path | None, predicates: Path | None, key: str
) -> Extractor:
    return Extractor(ScanOptions(gazetteer=gaz, model=model, predicates=predicates))


def get_extractor(opts: ScanOptions) -> Extractor:
    """One pipeline per configuration and process: loading the model is the slow part."""
    key = file_sha(opts.gazetteer or DEFAULT_GAZETTEER) + file_sha(opts.predicates)
    return _cached_extractor(opts.model, opts.gazetteer, opts.predicates, key)


def file_sha(path: Path | None) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path and path.exists() else "-"


def fingerprint(model_label: str, opts: ScanOptions, gaz_sha: str) -> str:
    """What the cached claims depend on: model, kantcheck, gazetteer and predicate files."""
    from kantcheck.claims import DEFAULT_PREDICATES

    parts = [model_label, __version__, gaz_sha, file_sha(opts.predicates or DEFAULT_PREDICATES)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def read_all(
    paths: Sequence[str], max_bytes: int
) -> tuple[list[Article], list[ArticleErrorRecord]]:
    """Discover and read; ids made unique so that two files never share claims."""
    articles: list[Article] = []
    errors: list[ArticleErrorRecord] = []
    seen: dict[str, int] = {}
    for cand in discover(list(paths)):
        got = read_article(cand, max_bytes)
        if isinstance(got, ArticleErrorRecord):
            errors.append(got)
            continue
        if got.id in seen:
            seen[got.id] += 1
            new_id = f"{got.id}~{seen[got.id]}"
            got.warnings.append(f"article id {got.id!r} already used; renamed {new_id!r}")
            got.id = new_id
        else:
            seen[got.id] = 1
        articles.append(got)
    return articles, errors


@dataclass
class Extraction:
    """Per-article results, and what the report says about the tool that produced them."""

    results: dict[str, tuple[list[Claim], list[str]]]
    gazetteer: Gazetteer
    tool: ToolInfo


def extract_all(articles: Sequence[Article], opts: ScanOptions) -> Extraction:
    """Claims for every article: from the store where it has them, else from the pipeline.
    The model is loaded only when some article is not in the store."""
    from kantcheck.nlp.model import model_label
    from kantcheck.store import Store

    label = model_label(opts.model)
    gazetteer, gaz_sha = load_gazetteer(opts.gazetteer or DEFAULT_GAZETTEER)
    fp = fingerprint(label, opts, gaz_sha)
    store = Store(opts.store) if opts.store else None
    results: dict[str, tuple[list[Claim], list[str]]] = {}
    todo: list[Article] = []
    for art in articles:
        cached = store.get(art.sha256, fp, _store_key(art)) if store else None
        if cached is not None:
            results[art.id] = cached
        else:
            todo.append(art)
    done = len(results)
    if opts.progress:
        opts.progress(done, len(articles))
    if todo:
        extractor = get_extractor(opts)
        label = extractor.model_label
        for art, got in zip(todo, _run_extraction(extractor, todo, opts.jobs), strict=True):
            results[art.id] = got
            if store:
                store.put(art.sha256, fp, _store_key(art), *got)
            done += 1
            if opts.progress:
                opts.progress(done, len(articles))
    if store:
        opts.warnings.extend(store.warnings)
        store.close()
    tool = ToolInfo(version=__version__, model=label, gazetteer_sha256=gaz_sha)
    return Extraction(results, gazetteer, tool)


_WORKER: Extractor | None = None
CHUNK = 8


def _work(chunk: list[Article]) -> list[tuple[list[Claim], list[str]]]:
    assert _WORKER is not None
    return list(_WORKER.results(chunk))


def _run_extraction(
    extractor: Extractor, todo: list[Article], jobs: int
) -> Iterator[tuple[list[Claim], list[str]]]:
    """In order, one result per article; with jobs > 1, forked workers share the loaded model."""
    if jobs <= 1 or len(todo) < 2 * CHUNK:
        yield from extractor.results(todo)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORKER
    _WORKER = extractor
    chunks = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        for got in pool.map(_work, chunks):
            yield from got
    _WORKER = None


def _store_key(art: Article) -> str:
    return "\x1f".join([art.id, art.published or "", art.outlet or ""])


def scan(paths: Sequence[str | os.PathLike[str]], opts: ScanOptions | None = None) -> Report:
    """Scan articles and compare their claims. Raises only KantcheckError (bad configuration)."""
    from kantcheck.compare import compare, load_rules
    from kantcheck.report.build import build_report

    opts = opts or ScanOptions()
    rules: Rules = load_rules(opts.rules)
    articles, errors = read_all([str(p) for p in paths], opts.max_bytes)
    ex = extract_all(articles, opts)
    claims = [c for art in articles for c in ex.results[art.id][0]]
    infos = [art.info(ex.results[art.id][1]) for art in articles]
    findings = compare(claims, ex.gazetteer, rules, infos)
    return build_report(ex.tool, infos, claims, findings, errors)


def extract_claims_from_paths(
    paths: Sequence[str | os.PathLike[str]], opts: ScanOptions | None = None
) -> tuple[list[ArticleInfo], list[Claim], list[ArticleErrorRecord], ToolInfo]:
    """Extraction only (the `claims` command)."""
    opts = opts or ScanOptions()
    articles, errors = read_all([str(p) for p in paths], opts.max_bytes)
    ex = extract_all(articles, opts)
    claims = [c for art in articles for c in ex.results[art.id][0]]
    infos = [art.info(ex.results[art.id][1]) for art in articles]
    return infos, claims, errors, ex.tool


__all__ = ["Gazetteer", "ScanOptions", "extract_claims_from_paths", "scan"]
