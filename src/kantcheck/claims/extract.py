"""Claims from one parsed article: triggers from the vocabulary, arguments from the parse.

One pass over the sentences that hold a trigger lemma (a set lookup per token); each trigger
is read with bounded climbs of the tree, and references go through bisects and a bounded
event memory, so an article costs O(n log n) in its tokens.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from kantcheck.claims.doctext import doc_text
from kantcheck.gazetteer import Gazetteer
from kantcheck.ingest import Article
from kantcheck.models import Attribution, Claim, EntityRef, Evidence, Figure, TimeValue

from .arguments import expand, noun_role, verb_role
from .attribution import Attributor
from .coref import NAMED_LABELS, Mention, Resolver, phrase_text
from .events import Event, EventMemory
from .offices import OfficeReader
from .predicates import BoundTrigger, PredicateVocab
from .quantities import figure_claims
from .timing import DateMention, Dates, Mood, mood, tense

BASE_CONFIDENCE = 0.9
SPEECH_CONTENT_DEPS = frozenset(["ccomp", "xcomp", "parataxis"])
EVENT_ROLES = frozenset(["event.agent", "event.destination", "event.patient", "event.key"])


@dataclass(frozen=True)
class Hit:
    """A trigger occurrence: the token, its vocabulary entry, and a light verb's noun."""

    token: Token
    bound: BoundTrigger
    noun: Token | None = None

    @property
    def anchor(self) -> Token:
        return self.token

    @property
    def is_noun(self) -> bool:
        return self.token.pos_ in ("NOUN", "PROPN")


@dataclass
class Draft:
    """A claim before it becomes a record: what the extractor found, unformatted."""

    predicate: str
    anchor: Token
    subject: Mention | None
    subject_text: str | None = None
    object: Mention | None = None
    object_text: str | None = None
    when: DateMention | None = None
    scene_date: bool = False
    figure: Figure | None = None
    place: Mention | None = None
    mood: Mood = field(default_factory=Mood)
    verb: str = ""
    event_key: str | None = None
    attribution: Attribution | None = None
    extra_args: list[Token] = field(default_factory=list)


class ArticleExtractor:
    def __init__(self, doc: Doc, article: Article, gaz: Gazetteer, vocab: PredicateVocab) -> None:
        self.doc = doc
        self.article = article
        self.gaz = gaz
        self.vocab = vocab
        self.resolver = Resolver(doc, gaz, vocab)
        self.speech = frozenset(vocab.speech.verbs)
        self.attributor = Attributor(
            doc, self.resolver, self.speech, frozenset(vocab.speech.according)
        )
        self.dates = Dates(doc)
        self.memory = EventMemory()
        self.offices = OfficeReader(gaz, self.resolver, vocab.counterpart_nouns)
        self.event_nouns = {
            lemma: b.trigger.event or b.predicate
            for lemma, bounds in vocab.noun_index.items()
            for b in bounds
            if b.trigger.event or b.trigger.takes_event_type
        }

    # -- the pass ----------------------------------------------------------------------------

    def run(self) -> list[Claim]:
        drafts: list[Draft] = []
        lemmas = self.vocab.trigger_lemmas
        for sent in self.doc.sents:
            has_trigger = any(t.lemma_.lower() in lemmas for t in sent)
            if has_trigger:
                drafts.extend(self._sentence(sent))
            drafts.extend(self._offices(sent))
        drafts.extend(self._figures())
        return self._records(drafts)

    def _hits(self, sent: Span) -> list[Hit]:
        hits: list[Hit] = []
        light_nouns: set[int] = set()
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX") and lemma in self.vocab.verb_index:
                for bound in self.vocab.verb_index[lemma]:
                    if bound.trigger.with_object:
                        noun = next(
                            (
                                c
                                for c in tok.children
                                if c.dep_ == "dobj"
                                and c.lemma_.lower() in bound.trigger.with_object
                            ),
                            None,
                        )
                        if noun is not None:
                            hits.append(Hit(tok, bound, noun))
                            light_nouns.add(noun.i)
                    elif bound.trigger.verbs:
                        hits.append(Hit(tok, bound))
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ != "NOUN" or lemma not in self.vocab.noun_index or tok.i in light_nouns:
                continue
            mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("amod", "compound")}
            for bound in self.vocab.noun_index[lemma]:
                if bound.trigger.modifiers and not mods & set(bound.trigger.modifiers):
                    continue
                hits.append(Hit(tok, bound))
                break
        return sorted(hits, key=lambda h: h.token.i)

    def _sentence(self, sent: Span) -> list[Draft]:
        hits = self._hits(sent)
        consumed = {n.i for h in hits for n in self._event_nouns_of(h)}
        drafts: list[Draft] = []
        for hit in hits:
            drafts.extend(self._trigger(hit, consumed))
        drafts.extend(self._said(sent))
        return drafts

    # -- events ------------------------------------------------------------------------------

    def _event_nouns_of(self, hit: Hit) -> list[Token]:
        """The event nouns a trigger is about ("the visit" in "the visit began")."""
        trig = hit.bound.trigger
        roles = set(trig.subject) | set(trig.object)
        if not (roles & EVENT_ROLES) or trig.takes_event_type:
            return []
        tok = hit.token
        cands: list[Token] = []
        if hit.is_noun:
            cands = noun_role(tok, "patient", None)
        else:
            cands = verb_role(tok, "agent") + verb_role(tok, "patient") + verb_role(tok, "place")
        return [c for c in cands if c.lemma_.lower() in self.event_nouns]

    def _event_for(self, noun: Token) -> Event | None:
        """The event a noun names: built from its own arguments, else the one it refers back to."""
        lemma = noun.lemma_.lower()
        kind = self.event_nouns.get(lemma)
        bounds = self.vocab.noun_index.get(lemma, [])
        if kind is None or not bounds:
            return None
        bound = bounds[0]
        agent = self._first(noun_role(noun, "agent", None))
        if bound.trigger.takes_event_type or (agent is None and _definite(noun)):
            if bound.trigger.takes_event_type:
                return self.memory.recent(noun.i, predicate=bound.predicate)
            return self.memory.recent(noun.i, kind=kind)
        if "named_event" in bound.trigger.subject:
            name = self._named_event(noun)
            return Event(kind, bound.predicate, noun.i, name=name) if name else None
        dest = self._first(noun_role(noun, "destination", None))
        patient = self._first(noun_role(noun, "patient", None))
        if dest is None and agent is not None:
            dest = self._destination_fallback(noun, kind, agent)
        return Event(kind, bound.predicate, noun.i, agent, dest, patient)

    def _destination_fallback(self, tok: Token, kind: str, agent: Mention) -> Mention | None:
        """Where a visit went when its phrase does not say: a trip to X in the same sentence,
        else the last visit of the same person the article described."""
        for other in tok.sent:
            if other.i != tok.i and self.event_nouns.get(other.lemma_.lower()) == kind:
                dest = self._first(noun_role(other, "destination", None))
                if dest is not None:
                    return dest
        ev = self.memory.recent(tok.i, kind=kind, agent=agent.value, with_destination=True)
        return ev.destination if ev else None

    def _named_event(self, noun: Token) -> str | None:
        """ "a summit of the CSTO", "the CSTO summit" -> "csto summit"."""
        owners = noun_role(noun, "patient", None) + [
            c for c in noun.children if c.dep_ == "compound"
        ]
        for tok in owners:
            found = self.resolver.entity(tok)
            if found is not None and found.kind == "organization":
                return f"{found.value} {noun.lemma_.lower()}"
        return None

    # -- one trigger -------------------------------------------------------------------------

    def _first(self, tokens: list[Token]) -> Mention | None:
        for tok in tokens:
            found = self.resolver.resolve(tok)
            if found is not None:
                return found
        return None

    def _role(self, hit: Hit, role: str, event: Event | None) -> list[Mention | str]:
        if role in EVENT_ROLES:
            if event is None:
                return []
            value = {
                "event.agent": event.agent,
                "event.destination": event.destination,
                "event.patient": event.patient or event.destination,
            }.get(role)
            if role == "event.key":
                return [event.key]
            # Participants taken from an event described elsewhere count as resolved references.
            return [replace(value, resolved=True)] if value is not None else []
        if role == "named_event":
            name = self._named_event(hit.token)
            return [name] if name else []
        if hit.is_noun:
            toks = noun_role(hit.token, role, None)
        else:
            toks = [t for t in verb_role(hit.token, role) if hit.noun is None or t.i != hit.noun.i]
            if not toks and hit.noun is not None:
                toks = noun_role(hit.noun, role, hit.token)
            if role == "agent":
                toks = [self._on_line(t, hit.token) for t in toks]
        out: list[Mention | str] = []
        for tok in expand(toks):
            found = self.resolver.resolve(tok)
            if found is not None:
                out.append(found)
        return out

    def _on_line(self, arg: Token, trigger: Token) -> Token:
        """A subject parsed into a headline above is replaced by the name that opens the
        trigger's own line ("Headline\n\nPresident Putin held talks")."""
        a, b = sorted((arg.idx, trigger.idx))
        if "\n" not in doc_text(self.doc)[a:b]:
            return arg
        line_start = doc_text(self.doc).rfind("\n", 0, trigger.idx) + 1
        for tok in trigger.sent:
            if line_start <= tok.idx < trigger.idx and tok.i in self.resolver.ent_at:
                ent = self.resolver.ent_at[tok.i]
                if ent.label_ in ("PERSON", "ORG", "GPE") and ent.root.i == tok.i:
                    return tok
        return arg

    def _fill(self, hit: Hit, roles: list[str], event: Event | None) -> list[Mention | str]:
        for role in roles:
            found = self._role(hit, role, event)
            if found:
                return found
        return []

    def _trigger(self, hit: Hit, consumed: set[int]) -> list[Draft]:
        trig = hit.bound.trigger
        tok = hit.token
        feel = mood(tok, self.vocab.modality, self.speech)
        if feel.irrealis:
            return []
        event: Event | None = None
        if trig.takes_event_type:
            event = self._event_for(tok)
        else:
            nouns = self._event_nouns_of(hit)
            event = self._event_for(nouns[0]) if nouns else None
            if trig.requires_event and event is None:
                return []
        subjects = self._fill(hit, list(trig.subject), event)
        objects = self._fill(hit, list(trig.object), event) if trig.object else []
        subjects = [s for s in subjects if _fits(s, trig.subject_types)]
        objects = [o for o in objects if _fits(o, trig.object_types)]
        if not objects and trig.event and "event.destination" in trig.object:
            agent = next((s for s in subjects if isinstance(s, Mention)), None)
            dest = self._destination_fallback(tok, trig.event, agent) if agent else None
            objects = [dest] if dest is not None else []
        if trig.object_required and not objects and not (trig.symmetric and len(subjects) > 1):
            return []
        if trig.event and not trig.takes_event_type:
            self._remember(hit, subjects, objects)
        if not trig.emit or not subjects:
            return []
        pairs: list[tuple[Mention | str, Mention | str | None]]
        if trig.symmetric and not objects and len(subjects) > 1:
            pairs = [(subjects[0], o) for o in subjects[1:]]
        else:
            others: list[Mention | str | None] = list(objects) or [None]
            pairs = [(s, o) for s in subjects for o in others]
        when, scene = self._when(hit)
        figure = (
            self._figure_in(tok, trig.figure_units) if hit.is_noun and trig.figure_units else None
        )
        if hit.is_noun and not self._noun_emits(hit, consumed, when, figure, scene):
            return []
        attribution = self.attributor.attribution(tok)
        drafts = []
        for subj, obj in pairs:
            if isinstance(subj, Mention) and not subj.named and not subj.resolved:
                continue
            drafts.append(
                Draft(
                    predicate=hit.bound.predicate,
                    anchor=tok,
                    subject=subj if isinstance(subj, Mention) else None,
                    subject_text=subj if isinstance(subj, str) else None,
                    object=obj if isinstance(obj, Mention) else None,
                    object_text=obj if isinstance(obj, str) else None,
                    when=when,
                    scene_date=scene,
                    figure=figure,
                    mood=feel,
                    verb=(hit.noun.lemma_.lower() if hit.noun is not None else tok.lemma_.lower()),
                    event_key=self._event_key(hit, subj, obj, event),
                    attribution=attribution,
                )
            )
        return drafts

    def _noun_emits(
        self,
        hit: Hit,
        consumed: set[int],
        when: DateMention | None,
        figure: Figure | None,
        scene: bool,
    ) -> bool:
        """A noun states a fact only with its own date or figure, or a named doer of its own
        ("Putin's visit to Kyrgyzstan"); "the visit" as the subject of "began" does not."""
        tok = hit.token
        own_date = when is not None and not scene and self._date_in(tok, when)
        if tok.i in consumed:
            return own_date or figure is not None
        if own_date or figure is not None:
            return True
        if hit.bound.trigger.takes_event_type:
            return False
        explicit = noun_role(tok, "agent", None) + noun_role(tok, "patient", None)
        if hit.bound.trigger.subject == ["named_event"]:
            return when is not None
        return any(
            (m := self.resolver.entity(t)) is not None and m.label != "NORP" for t in explicit
        )

    def _date_in(self, tok: Token, when: DateMention) -> bool:
        return when.root.i in {t.i for t in tok.subtree} or tok.head.i in range(
            when.span.start, when.span.end
        )

    def _remember(
        self, hit: Hit, subjects: list[Mention | str], objects: list[Mention | str]
    ) -> None:
        trig = hit.bound.trigger
        agent = (
            next((s for s in subjects if isinstance(s, Mention)), None)
            if "agent" in trig.subject
            else None
        )
        patient = (
            next((s for s in subjects if isinstance(s, Mention)), None)
            if "patient" in trig.subject
            else None
        )
        dest = next((o for o in objects if isinstance(o, Mention)), None)
        if trig.event == "visit" and dest is None and agent is not None:
            dest = self._destination_fallback(hit.token, "visit", agent)
        name = self._named_event(hit.token) if "named_event" in trig.subject else None
        self.memory.add(
            Event(
                trig.event or hit.bound.predicate,
                hit.bound.predicate,
                hit.token.i,
                agent,
                dest,
                patient,
                name,
            )
        )

    def _event_key(
        self, hit: Hit, subj: Mention | str, obj: Mention | str | None, event: Event | None
    ) -> str:
        kind = hit.bound.trigger.event or hit.bound.trigger.requires_event or hit.bound.predicate
        parts = [
            kind,
            *(x.value if isinstance(x, Mention) else x for x in (subj, obj) if x is not None),
        ]
        if event is not None and hit.bound.trigger.requires_event:
            parts = [
                event.kind,
                *(m.value for m in (event.agent, event.destination) if m is not None),
            ]
        return ":".join(parts)

    def _when(self, hit: Hit) -> tuple[DateMention | None, bool]:
        tok = hit.token
        found = self.dates.attached(tok, hit.is_noun)
        if found is None and hit.noun is not None:
            found = self.dates.attached(hit.noun, True)
        if found is not None:
            return found, False
        found = self.dates.sentence_only(tok.sent)
        if found is not None:
            return found, False
        scene = self.dates.scene.get(tok.sent.start)
        return (scene, True) if scene is not None else (None, False)

    def _figure_in(self, tok: Token, units: list[str]) -> Figure | None:
        """A figure inside the trigger's own phrase ("a three-day visit")."""
        left, right = tok.left_edge.i, tok.i
        for mention in self.doc._.figures or []:
            if left <= mention.token_start <= right and mention.figure.unit in units:
                return mention.figure
        return None

    # -- speech, offices, figures ------------------------------------------------------------

    def _said(self, sent: Span) -> list[Draft]:
        drafts = []
        for verb, speaker in self.attributor.speech_acts(sent):
            m = speaker.mention
            if m is None or not (m.id or m.label in ("PERSON", "ORG")):
                continue
            feel = mood(verb, self.vocab.modality, self.speech)
            if feel.irrealis:
                continue
            if not self._states_content(verb):
                continue
            when = self.dates.attached(verb, False)
            if when is not None and self.attributor.quote_at(when.span.start_char) is not None:
                when = None  # '"... before 2001," he said': the quote's date, not the saying's
            drafts.append(
                Draft(
                    "said",
                    verb,
                    m,
                    when=when,
                    mood=feel,
                    verb=verb.lemma_.lower(),
                    event_key=f"said:{m.value}",
                    attribution=self.attributor.attribution(verb),
                )
            )
        return drafts

    def _states_content(self, verb: Token) -> bool:
        """A speech verb with something said: a clause or a quote ("BA warned that ...",
        '"...," he said'), not a thing announced ("the White House will announce its
        budget") or reported ("which it had reported as revenue")."""
        if any(c.dep_ in SPEECH_CONTENT_DEPS for c in verb.children):
            return True
        if verb.dep_ in SPEECH_CONTENT_DEPS and verb.i > verb.head.i:
            return True  # the frame after its content: "X happened, Mr Thomas said."
        if any(c.dep_ == "punct" and c.text == ":" for c in verb.children):
            return True
        return any(t.is_quote for t in verb.sent)

    def _offices(self, sent: Span) -> list[Draft]:
        drafts = []
        for found in self.offices.read(sent):
            verb = found.token.head
            if mood(found.token, self.vocab.modality, self.speech).irrealis:
                when = None  # "Putin might discuss it during his March visit": not his date
            else:
                when = self.dates.attached(verb, False) if verb.pos_ in ("VERB", "AUX") else None
                when = when or self.dates.main_clause(sent)
            drafts.append(
                Draft(
                    "holds_office",
                    found.token,
                    found.person,
                    object_text=found.office,
                    when=when,
                    verb=found.how,
                    event_key=f"office:{found.office}",
                    attribution=self.attributor.attribution(found.token),
                )
            )
        return drafts

    def _figures(self) -> list[Draft]:
        drafts = []
        for fc in figure_claims(self.doc, self.resolver, self.vocab):
            feel = mood(fc.anchor, self.vocab.modality, self.speech)
            if feel.irrealis:
                continue
            when = self.dates.attached(fc.anchor, fc.anchor.pos_ == "NOUN")
            drafts.append(
                Draft(
                    fc.predicate,
                    fc.anchor,
                    fc.subject,
                    subject_text=fc.subject_text,
                    object=fc.object,
                    figure=fc.figure,
                    when=when,
                    mood=feel,
                    verb=fc.anchor.lemma_.lower(),
                    attribution=self.attributor.attribution(fc.anchor),
                )
            )
        return drafts

    # -- records -----------------------------------------------------------------------------

    def _records(self, drafts: list[Draft]) -> list[Claim]:
        claims: dict[str, Claim] = {}
        for draft in drafts:
            claim = self._record(draft)
            if claim is not None and claim.id not in claims:
                claims[claim.id] = claim
        return sorted(claims.values(), key=lambda c: (c.evidence.start, c.predicate, c.id))

    def _record(self, d: Draft) -> Claim | None:
        evidence = _evidence(self.doc, d.anchor)
        if evidence is None:
            return None
        subject = d.subject.value if d.subject else d.subject_text
        obj = d.object.value if d.object else d.object_text
        if subject is None:
            return None
        sent = d.anchor.sent
        for m in (d.subject, d.object):
            # An argument read off another line is a parse across a headline: not stated here.
            if m is None or not (sent.start <= m.position < sent.end):
                continue
            if not (evidence.start <= self.doc[m.position].idx < evidence.end):
                return None
        when: TimeValue | None = d.when.value if d.when else None
        planned = d.mood.future
        qualifiers = {
            "verb": d.verb,
            "tense": tense(d.anchor, when, self.article.published, planned),
        }
        if d.event_key:
            qualifiers["event"] = d.event_key
        if d.mood.negated:
            qualifiers["negated"] = "true"
        if d.mood.hedged:
            qualifiers["hedged"] = "true"
        confidence = BASE_CONFIDENCE
        for m in (d.subject, d.object):
            if m is not None and m.resolved:
                confidence *= 0.8
        if d.mood.hedged:
            confidence *= 0.7
        if d.scene_date:
            confidence *= 0.8
        if planned:
            confidence *= 0.85
        key = json.dumps(
            [
                self.article.id,
                d.predicate,
                evidence.start,
                evidence.end,
                subject,
                obj,
                when.value if when else None,
                d.figure.value if d.figure else None,
            ],
            ensure_ascii=False,
        )
        return Claim(
            id="c_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
            article_id=self.article.id,
            predicate=d.predicate,
            subject=subject,
            object=obj,
            when=when,
            figure=d.figure,
            place=d.place.value if d.place else None,
            entities=self._entities(evidence, [d.subject, d.object]),
            evidence=evidence,
            attribution=d.attribution,
            confidence=round(confidence, 3),
            published=self.article.published,
            outlet=self.article.outlet,
            qualifiers=qualifiers,
        )

    def _entities(self, evidence: Evidence, args: list[Mention | None]) -> list[EntityRef]:
        refs: list[EntityRef] = []
        span = self.doc.char_span(evidence.start, evidence.end, alignment_mode="expand")
        for ent in span.ents if span is not None else []:
            if ent.label_ in NAMED_LABELS:
                refs.append(EntityRef(text=ent.text, id=ent._.entity_id, label=ent.label_))
        for m in args:
            if m is not None and m.resolved:
                refs.append(EntityRef(text=m.text, id=m.id, label=m.label))
        seen: set[tuple[str, str | None, str | None]] = set()
        out = []
        for r in refs:
            k = (r.text, r.id, r.label)
            if k not in seen:
                seen.add(k)
                out.append(r)
        return out


def _fits(arg: Mention | str, kinds: Sequence[str]) -> bool:
    if not kinds or isinstance(arg, str):
        return True
    return arg.kind is None or arg.kind in kinds


def _definite(noun: Token) -> bool:
    return any(
        c.dep_ in ("det", "poss")
        and c.lower_ in ("the", "this", "that", "its", "his", "her", "their")
        for c in noun.children
    )


def _evidence(doc: Doc, anchor: Token) -> Evidence | None:
    """The anchor's sentence, cut at line breaks (headlines and datelines are not part of it)."""
    sent = anchor.sent
    text = doc_text(doc)
    start, end = sent.start_char, sent.end_char
    nl = text.rfind("\n", start, anchor.idx)
    if nl >= 0:
        start = nl + 1
    nl = text.find("\n", anchor.idx, end)
    if nl >= 0:
        end = nl
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return Evidence(sentence=text[start:end], start=start, end=end)


def extract(doc: Doc, article: Article, gaz: Gazetteer, vocab: PredicateVocab) -> list[Claim]:
    return ArticleExtractor(doc, article, gaz, vocab).run()


__all__ = ["extract", "phrase_text"]
