"""Speaker labels: a name and a colon that attribute the rest of a line.

Headlines attribute this way ("Rivera: Talks Will Resume Next Week", "Poll: Most Voters Undecided"),
and so do transcripts ('"MODERATOR: Let us begin."'). PolNeAR annotates both as attributions with the
colon as the cue. Section headings and editorial notes ("Update:", "The Latest:", "Source:") are no
speakers: a label must name an actor (a person, an organization, a poll) or be a transcript's
upper-case name.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..context import text_of, upstream

LABEL = re.compile(r"^[ \t]*([\"“]?)([A-Z][^:\n.!?\"“”]{0,40}?):[ \t]+(?=\S)", re.MULTILINE)
NOT_SPEAKERS = {"update", "updated", "correction", "clarification", "note", "editor's note", "editor’s note",
                "source", "sources", "related", "read more", "watch", "photo", "video", "the latest", "warning",
                "breaking", "q", "a", "question", "answer", "transcript", "exclusive", "opinion", "analysis"}
POLL_WORDS = {"poll", "polls", "survey", "study", "report", "analysis"}
SPEAKER_ENTS = {"PERSON", "ORG", "NORP", "GPE"}


def labelled_lines(doc: Doc) -> list[tuple[Span, tuple[int, int], bool]]:
    """(speaker label, content offsets, is a transcript turn) for each line opened by a speaker label."""
    text = text_of(doc)
    found = []
    for m in LABEL.finditer(text):
        label = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if label is None or not _names_a_speaker(label, m.group(2)):
            continue
        stop = text.find("\n", m.end())
        stop = len(text) if stop < 0 else stop
        found.append((label, (m.end(), stop), bool(m.group(1)) or m.group(2).isupper()))
    return found


def _names_a_speaker(label: Span, words: str) -> bool:
    """A transcript's upper-case name, a named entity or actor mention, or a poll; no verb, no heading."""
    if words.lower().strip() in NOT_SPEAKERS or len(label) > 6:
        return False
    if words.isupper() and len(words) > 1:  # 'MODERATOR:', 'SEN. SMITH:'
        return True
    if any(t.pos_ in {"VERB", "AUX"} for t in label):
        return False  # 'He said:' is a cue before a quote, read elsewhere
    ents = [e for e in label.ents if e.label_ in SPEAKER_ENTS]
    mentions = upstream(label.doc, "onrecord_mentions")
    named = any(m["start"] == label.start_char for m in mentions) or len(label) <= 2 and all(t.pos_ == "PROPN" for t in label)
    return bool(ents and ents[0].start == label.start) or named or label[0].lower_ in POLL_WORDS
