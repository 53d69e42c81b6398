"""Who says so: direct quotes and reported speech, with the speaker linked to the gazetteer.

A claim inside quotation marks is `quoted`; one in the complement of a speech verb ("Japarov
said that ...", "according to X") is reported speech. A quote with no speech verb of its own
continues the previous quote of its paragraph ("'...,' Japarov said. '...'").
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kantcheck.claims.doctext import doc_text
from kantcheck.models import Attribution

from .arguments import clause_subject
from .coref import Mention, Resolver, phrase_text

PAIRS = {"“": "”", "«": "»", "„": "“"}
COMPLEMENT_DEPS = frozenset(
    ["ccomp", "xcomp", "dobj", "parataxis", "advcl", "conj", "dep", "npadvmod"]
)
MAX_QUOTE = 3000


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted passages (marks included); apostrophes are not quotes."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        close: int = -1
        if ch in PAIRS:
            close = text.find(PAIRS[ch], i + 1, i + MAX_QUOTE)
        elif ch == '"':
            if not _opens(text, i):
                i += 1  # a closing mark with no opening one (a quote from before)
                continue
            # News style leaves a quote open when it runs on into the next sentence or
            # paragraph ('"First part. "Second part," he said.'): a quote ends at its closing
            # mark, at the next opening mark, or at the end of its paragraph.
            j, limit = i + 1, min(n, i + MAX_QUOTE)
            while j < limit and text[j] != "\n" and text[j] != '"':
                j += 1
            if j < limit and text[j] == '"' and not _opens(text, j):
                spans.append((i, j + 1))
                i = j + 1
            else:
                if j > i + 1:
                    spans.append((i, j))
                i = j + 1 if j < n and text[j] == "\n" else j
            continue
        elif ch == "‘":
            j = i + 1
            while True:
                j = text.find("’", j, i + MAX_QUOTE)
                if j < 0 or not (j + 1 < n and text[j + 1].isalpha()):
                    break
                j += 1
            close = j
        if close > i:
            spans.append((i, close + 1))
            i = close + 1
        else:
            i += 1
    return spans


def _opens(text: str, i: int) -> bool:
    """A straight double quote that opens: after a space, a line start or a bracket, and
    before a word."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:") and not after.isspace()


@dataclass(frozen=True)
class Speaker:
    mention: Mention | None
    text: str

    @property
    def value(self) -> str:
        return self.mention.value if self.mention else " ".join(self.text.lower().split())


class Attributor:
    """Finds the speaker of any token; built once per article."""

    def __init__(
        self, doc: Doc, resolver: Resolver, speech_verbs: frozenset[str], according: frozenset[str]
    ) -> None:
        self.doc = doc
        self.resolver = resolver
        self.speech = speech_verbs
        self.according = according
        self.quotes = find_quotes(doc_text(doc))
        self.starts = [s for s, _ in self.quotes]
        self.quote_speaker: dict[int, Speaker | None] = {}
        prev: tuple[int, int] | None = None
        for span in self.quotes:
            speaker = self._speaker_near(span)
            if (
                speaker is None
                and prev is not None
                and "\n" not in doc_text(doc)[prev[1] : span[0]]
            ):
                speaker = self.quote_speaker.get(prev[0])
            self.quote_speaker[span[0]] = speaker
            prev = span

    def quote_at(self, char: int) -> tuple[int, int] | None:
        k = bisect_right(self.starts, char) - 1
        if k >= 0 and self.quotes[k][0] <= char < self.quotes[k][1]:
            return self.quotes[k]
        return None

    def _speaker_near(self, span: tuple[int, int]) -> Speaker | None:
        """The speech verb outside the quote, in a sentence the quote touches."""
        first = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        if first is None or len(first) == 0:
            return None
        sents = {first[0].sent.start: first[0].sent, first[-1].sent.start: first[-1].sent}
        for sent in sents.values():
            for tok in sent:
                if (
                    tok.lemma_.lower() in self.speech
                    and tok.pos_ == "VERB"
                    and self.quote_at(tok.idx) is None
                ):
                    found = self.speaker_of(tok)
                    if found is not None:
                        return found
        return None

    def speaker_of(self, verb: Token) -> Speaker | None:
        """The subject of a speech verb, resolved ("he" -> the last person named)."""
        subj = clause_subject(verb)
        if subj is None:
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return None
        return Speaker(self.resolver.resolve(subj), phrase_text(subj))

    def _postposed_frame(self, tok: Token) -> bool:
        """A speech verb after what it reports ("Guidance said X, Mr Thomas said."): the parser
        may hang it under the reported speech verb, but it is the sentence's outer frame."""
        if tok.lemma_.lower() not in self.speech or tok.pos_ != "VERB":
            return False
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return False
        head = tok.head
        if head.i == tok.i or head.i > tok.i or head.lemma_.lower() not in self.speech:
            return False
        edge = next(t.i for t in tok.subtree if not t.is_punct or t.i == tok.i)
        return edge > tok.sent.start and tok.doc[edge - 1].text in (",", '"', "”", "'")

    def according_to(self, tok: Token) -> Speaker | None:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lemma_.lower() in self.according:
                for to in prep.children:
                    for obj in to.children:
                        if obj.dep_ == "pobj":
                            return Speaker(self.resolver.resolve(obj), phrase_text(obj))
        return None

    def speech_acts(self, sent: Span) -> list[tuple[Token, Speaker]]:
        """Speech verbs (and "according to") of a sentence with their speakers."""
        acts: list[tuple[Token, Speaker]] = []
        for tok in sent:
            if (
                tok.lemma_.lower() in self.speech
                and tok.pos_ == "VERB"
                and self.quote_at(tok.idx) is None
            ):
                speaker = self.speaker_of(tok)
                if speaker is not None:
                    acts.append((tok, speaker))
        return acts

    def attribution(self, tok: Token) -> Attribution | None:
        """Who a claim triggered at `tok` is attributed to; None for the article's own voice."""
        quote = self.quote_at(tok.idx)
        node, steps = tok, 0
        if self._postposed_frame(tok):
            node = tok.doc[tok.sent.root.i]  # no speaker above the frame of its own sentence
        while node.head.i != node.i and steps < 10:
            via = node
            node = node.head
            steps += 1
            if (
                node.lemma_.lower() in self.speech
                and via.dep_ in COMPLEMENT_DEPS
                and node.pos_ == "VERB"
            ):
                speaker = self.speaker_of(node)
                if speaker is not None:
                    return _record(speaker, quote is not None)
            found = self.according_to(node)
            if found is not None:
                return _record(found, quote is not None)
        found = self.according_to(tok)
        if found is not None:
            return _record(found, quote is not None)
        if quote is not None:
            speaker = self.quote_speaker.get(quote[0])
            if speaker is None:
                return Attribution(speaker=None, quoted=True, text=None)
            return _record(speaker, True)
        return None


def _record(speaker: Speaker, quoted: bool) -> Attribution:
    return Attribution(speaker=speaker.value, quoted=quoted, text=speaker.text)
