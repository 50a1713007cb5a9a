"""onrecord_events: who did what to whom, when and where, coded in PLOVER.

Triggers come from the PLOVER lexicons (lexicons/plover/*.tsv, matchers built once); participants
from the dependency parse resolved to actors (onrecord_actors); dates from onrecord_time; quotes from
onrecord_quotes say who reports an event. Each event carries its lexicon row as provenance.
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from . import args
from . import telling as ctx
from .countries import code_countries
from ..context import annotate_safely, declare, text_of, tokens_where, upstream
from .lexicon import (CONFLICT_TYPES, COOPERATIVE_TYPES, LEXICON_DIR, VERBAL_TYPES, Row, TriggerMatcher,
                      trigger_rows)

# "X and Y agreed / met / cooperated": with no other party named, each is the other's partner.
# An event marked reciprocal was done by each side to the other (its targets acted on its sources too).
RECIPROCAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT"})

declare("onrecord_events", "onrecord_actors", "onrecord_mentions", "onrecord_times", "onrecord_quotes")


class EventCoder:
    """Find PLOVER triggers, then code each: participants, polarity, modality, reporter, date, place."""

    def __init__(self, nlp: Language, name: str = "onrecord_events", *, lexicon_dir: str | None = None):
        self.name = name
        self.vocab, self.lexicon_dir = nlp.vocab, str(lexicon_dir or LEXICON_DIR)
        self.rows: list[Row] = trigger_rows(Path(self.lexicon_dir))
        self.matcher = TriggerMatcher(nlp.vocab, self.rows)
        self.rows.append(OBLIGATION)

    def __call__(self, doc: Doc) -> Doc:
        return annotate_safely(self, doc, "W170", "onrecord_events")

    def to_disk(self, path, *, exclude=tuple()) -> None:
        """Save the lexicon files the component was built from, so a saved pipeline carries its patterns."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for source in Path(self.lexicon_dir).glob("*.tsv"):
            (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")

    def from_disk(self, path, *, exclude=tuple()) -> "EventCoder":
        self.lexicon_dir = str(path)
        self.rows = [*trigger_rows(Path(path)), OBLIGATION]
        self.matcher = TriggerMatcher(self.vocab, self.rows[:-1])
        return self

    def match(self, doc: Doc) -> list[tuple[Span, Row]]:
        """Trigger spans with their lexicon row; of overlapping matches the longest wins."""
        spans = [Span(doc, start, end, label=str(row)) for row, start, end in self.matcher(doc)]
        spans += [Span(doc, t.i, t.i + 1, label=str(len(self.rows) - 1)) for t in obligations(doc)]
        return [(span, self.rows[int(span.label_)]) for span in filter_spans(spans)]

    def set_annotations(self, doc: Doc, matches: list[tuple[Span, Row]]) -> None:
        mentions = args.Mentions(doc)
        quotes = [q for q in upstream(doc, "onrecord_quotes") if q.get("content")]
        events = [e for e in (self.code(span, row, mentions, quotes) for span, row in matches) if e]
        events = drop_embedded(doc, events)
        attach_dates(doc, events, upstream(doc, "onrecord_times"))
        actors = {a["id"]: a for a in upstream(doc, "onrecord_actors")}
        for number, event in enumerate(events, 1):
            event["id"] = f"e{number}"
            event.pop("_head")
            code_countries(event, text_of(doc), actors)
        doc._.onrecord_events = events

    def code(self, span: Span, row: Row, mentions: args.Mentions, quotes: list[dict]) -> dict | None:
        head = trigger_head(span)
        if row.pos == "verb":
            sources, targets = args.verb_arguments(head, list(span), bool(row.flag("swap")))
            targets = [span[-1], *targets] if row.flag("object") else targets  # "received a delegation"
            targets = [*args.prep_objects([head], {"from"}), *targets] if row.flag("from") else targets
        else:
            sources, targets = args.noun_arguments(head, row.flag("of") == "source")
        source = [p for p in args.resolve(sources, mentions) if p["agent"]]
        target = [p for p in args.resolve(targets, mentions)
                  if p["agent"] and (p["id"] is None or p["id"] not in {s["id"] for s in source})]
        place = ctx.location_of(head, list(span))
        location = place.text if place is not None else None
        if not source + target and not (row.pos == "noun" and location):
            return None
        target = target or implied_targets(row, head, source, place, mentions)
        reciprocal = bool(row.flag("recip") or row.type in RECIPROCAL_TYPES)
        chain = ctx.clause_chain(head)
        event = {"type": row.type, "mode": row.mode or None, "polarity": ctx.polarity(head, chain),
                 "modality": ctx.modality(head, chain), "reported_by": "author", "location": location,
                 "date": None, "reciprocal": reciprocal, "rule": f"plover:{row.where}", "_head": head.i,
                 "trigger": [span.start_char, span.end_char],
                 "sentence": [span.sent.start_char, span.sent.end_char]}
        reverse(event, head, chain)
        report(event, head, span, mentions, quotes, source, target)
        return event


def implied_targets(row: Row, head: Token, source: list, place: Span | None, mentions) -> list[dict]:
    """Recipients not attached to the trigger: inside a verbal act's content ("threatened to deliver blows
    to the US"), a protest's purpose ("to protest Sweden's decision"), or the place of a meeting or rally."""
    target = []
    if row.type in VERBAL_TYPES:
        target = [p for p in args.resolve(args.complement_targets(head), mentions) if p["agent"]]
    if row.type == "PROTEST" and not target:
        target = [p for p in args.resolve(args.purpose_targets(head), mentions) if p["agent"]]
    if not target and place is not None and row.type in {"PROTEST", "CONSULT"}:  # CAMEO codes the host place
        ids = [m[2] for m in mentions.within(place.start_char, place.end_char)]
        target = [{"id": ids[0] if ids else None, "ids": ids[:1], "text": place.text, "agent": True, "place": True}]
    return target


def trigger_head(span: Span) -> Token:
    """The token of a multi-word trigger that heads it in the parse ("rush to the aid" -> rush)."""
    return span.root


# "X said that Y must ...": PLOVER (after CAMEO 10) codes a stated obligation as X's REQUEST to Y.
OBLIGATION = Row("REQUEST", "verb", "", "", frozenset(), "rule:obligation")
OBLIGING_AUX = {"must", "should"}


def obligations(doc: Doc) -> list[Token]:
    """Content-clause verbs carrying must/should under a verb of saying, found with a token attribute scan."""
    heads = {t.head.i for t in tokens_where(doc, lower=OBLIGING_AUX) if t.dep_ == "aux"}
    return [doc[i] for i in heads if doc[i].dep_ == "ccomp" and doc[i].head.lemma_ in ctx.SPEECH | ctx.DECLARING]


def speaker_of(head: Token, span: Span, mentions, quotes: list[dict]) -> tuple:
    """(speaker, addressee, verb of saying) of the clause or quote that holds a trigger."""
    speaker, addressee = None, None
    verb = ctx.speech_verb(head)
    if verb is not None:
        subject, _ = args.subject_and_voice(verb)
        speaker = args.participant(subject, mentions) if subject is not None else None
        to = ctx.addressee(verb)
        addressee = args.participant(to, mentions) if to is not None else None
    for q in quotes:
        s, e = q["content"]
        if s <= span.start_char < e and q.get("speaker"):
            speaker = {"id": q["speaker"], "text": q.get("speaker_text") or q["speaker"], "agent": True}
    return speaker, addressee, verb


def report(event: dict, head, span: Span, mentions, quotes: list[dict], source: list, target: list) -> None:
    """Who reports the event; an intent stated by its speaker becomes PLOVER's AGREE or THREATEN."""
    speaker, addressee, verb = speaker_of(head, span, mentions, quotes)
    if speaker is not None:
        event["reported_by"] = speaker["id"] or "author"
        event["reported_by_text"] = speaker["text"]
        if event["modality"] == "actual":
            event["modality"] = "reported"
    willing = any(t.lemma_ in ctx.INTENT for t in ctx.clause_chain(head)[1:]) and not any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in head.children)
    victim = speaker is not None and speaker["id"] and verb is not None and verb.lemma_ in ctx.SPEECH and any(
        speaker["id"] in p.get("ids", [p["id"]]) for p in target if not p.get("place")) and event["type"] in {
        "ASSAULT", "COERCE"}  # "Israel said a mortar was fired at it": a complaint of aggression
    if speaker is not None and verb is not None and event["type"] in CONFLICT_TYPES and (
            verb.lemma_ in ctx.CLAIMING or victim):
        target = [p for p in source if p["text"].lower() not in args.PERSONAL] or target
        source = [speaker]  # "X claimed that Y attacked Z", "X said Y attacked it": X accuses Y (CAMEO 112)
        recode(event, "ACCUSE", "claim", "actual")
    elif verb is not None and speaker is not None and any(
            c.dep_ == "aux" and c.lower_ in OBLIGING_AUX for c in head.children) and head.head.i == verb.i:
        target = [p for p in source if p["text"].lower() not in args.PERSONAL] or target
        source = [speaker]
        recode(event, "REQUEST", "obligation", "actual")
    elif event["modality"] in {"future", "hypothetical"} and (speaker is not None or willing):
        own = [p for p in source if not p["text"].lower() in args.PERSONAL]
        source = own or ([speaker] if speaker else source)
        target = target or ([addressee] if addressee else [])
        if event["polarity"] == "negated" and speaker is not None:
            recode(event, "REJECT", "refusal", "reported")  # "said it will not accept": a refusal
        elif event["polarity"] == "asserted" and event["type"] in CONFLICT_TYPES | COOPERATIVE_TYPES:
            # PLOVER (after CAMEO 03x/13x): stated intent to cooperate is AGREE, to do harm is THREATEN;
            # the threatened or promised act itself may never happen, hence hypothetical.
            recode(event, "THREATEN" if event["type"] in CONFLICT_TYPES else "AGREE", "intent", "hypothetical")
    set_participants(event, source, target)


def set_participants(event: dict, source: list, target: list) -> None:
    """Actor ids and texts of both sides; a reciprocal event lists each side as the other's target."""
    event["source"] = unique(i for p in source for i in p.get("ids", [p["id"]]) if i)
    event["target"] = [i for i in unique(i for p in target for i in p.get("ids", [p["id"]]) if i)
                       if i not in event["source"]]
    event["source_text"] = [p["text"] for p in source]
    event["target_text"] = [p["text"] for p in target]
    place_only = bool(target) and all(p.get("place") for p in target)
    event["reciprocal"] = bool(event["reciprocal"] and (place_only or not event["target_text"])
                               and len(event["source"]) > 1)
    if event["reciprocal"]:  # "X and Y met (in Z)": each met the other (and Z hosted them)
        event["target"] = unique([*event["source"], *event["target"]])
        event["target_text"] = [*event["source_text"], *event["target_text"]]
    elif event["type"] == "CONSULT" and event["mode"] == "visit" and event["target_text"]:
        event["reciprocal"] = True  # a visit is hosted: CAMEO codes 042 (visit) with 043 (host) the other way


# Verbs that undo what their object names: "lifted the curfew", "suspended military aid", "called off the strike".
UNDOING = frozenset({"lift", "end", "cancel", "suspend", "halt", "cut", "ease", "remove", "revoke", "prohibit",
                     "freeze", "reduce", "call", "abandon", "drop", "scrap", "postpone"})
PREVENTING = frozenset({"prevent", "block", "ban", "disperse", "forbid", "break"})
UNDONE = {"SANCTION": "RETREAT", "COERCE": "CONCEDE", "PROTEST": "CONCEDE", "ASSAULT": "RETREAT",
          "THREATEN": "RETREAT", **{t: "SANCTION" for t in ("AID", "CONSULT", "COOPERATE", "SUPPORT", "AGREE")}}


def reverse(event: dict, head: Token, chain: list[Token]) -> None:
    """Code the act done to a named event: ending a curfew is a concession, ending aid a sanction."""
    verb = None
    if head.pos_ in {"NOUN", "PROPN"}:
        t = head.head if head.dep_ in {"compound", "conj"} else head
        verb = t.head if t.dep_ in {"dobj", "nsubjpass"} and t.head.pos_ == "VERB" else None
    called_off = verb is not None and (verb.lemma_ != "call" or any(c.lower_ == "off" for c in verb.children))
    if called_off and verb.lemma_ in UNDOING:
        kind = "RETREAT" if head.lemma_ in {"blockade", "siege", "embargo"} else UNDONE.get(event["type"])
        if kind:
            recode(event, kind, "undo", event["modality"])
    elif verb is not None and verb.lemma_ in PREVENTING and event["type"] in {"PROTEST", "CONSULT"}:
        recode(event, "COERCE", "prevent", event["modality"])
    elif any(t.lemma_ == "fail" for t in chain[1:]) and event["type"] in COOPERATIVE_TYPES | {"AGREE"}:
        recode(event, "REJECT", "failure", event["modality"])


def recode(event: dict, type_: str, why: str, modality: str) -> None:
    event["rule"] = f"{why}:{event['type']}:" + event["rule"]
    event["type"], event["modality"], event["polarity"] = type_, modality, "asserted"


def unique(ids) -> list[str]:
    return list(dict.fromkeys(ids))


def drop_embedded(doc: Doc, events: list[dict]) -> list[dict]:
    """Drop an event that is only the content of a verbal act ("threatened to use nuclear weapons")."""
    verbal = {e["_head"] for e in events if e["type"] in VERBAL_TYPES}
    keep = []
    for event in events:
        t, embedded = doc[event["_head"]], False
        for _ in range(3):
            if t.head.i == t.i or t.dep_ not in {"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj"}:
                break
            t = t.head
            if t.i in verbal:
                embedded = True
                break
        if not embedded:
            keep.append(event)
        else:  # "offered to hand over to Britain": the act's recipient is the content's recipient
            governor = next(e for e in events if e["_head"] == t.i)
            if not governor["target_text"]:
                governor["target"], governor["target_text"] = event["target"], event["target_text"]
    return keep


def attach_dates(doc: Doc, events: list[dict], times: list[dict]) -> None:
    """Give each dated time expression to the nearest event trigger of its sentence (in the parse)."""
    for time in times:
        date = ctx.date_of(time)
        span = doc.char_span(time["start"], time["end"], alignment_mode="expand") if date else None
        if span is None:
            continue
        candidates = [e for e in events if e["sentence"][0] <= span.start_char < e["sentence"][1]]
        if not candidates:
            continue
        distance, event = min(((ctx.tree_distance(span.root, doc[e["_head"]]), e) for e in candidates),
                              key=lambda pair: pair[0])
        if distance <= 5 and event["date"] is None:
            event["date"] = date


@Language.factory("onrecord_events", assigns=["doc._.onrecord_events"],
                  requires=["token.dep", "token.lemma", "doc._.onrecord_actors", "doc._.onrecord_mentions",
                            "doc._.onrecord_times", "doc._.onrecord_quotes"],
                  default_config={"lexicon_dir": None})
def make_events(nlp: Language, name: str, lexicon_dir: str | None):
    return EventCoder(nlp, name, lexicon_dir=lexicon_dir)
