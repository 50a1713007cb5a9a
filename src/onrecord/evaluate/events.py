"""Score onrecord_events on PLOVER and PETRARCH-2 gold event records.

Two datasets, detected from the path (a file, or a folder holding it):
- ``PLOVER_GSR_CAMEO.json`` (openeventdata/PLOVER gold standard records, CAMEO-manual sentences, one
  event each, 2016 categories mapped to the current 16 as its README says). The predicted event for a
  record is the one whose trigger overlaps the gold event text, else the sentence's first event.
- ``PETR2_GSR_validation.xml`` (UniversalPetrarch validation records): CAMEO codes mapped to PLOVER
  with CAMEO2PLOVER-2021.txt; like PETRARCH-2 we expand compound actors into source-target pairs.
Countries: a participant's actor country (onrecord_actors), else a country name or demonym in its text.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..lexicons import lexicon_path, read_records

PLOVER_2016 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# Old CAMEO country codes in the gold data that differ from ISO 3166 alpha-3.
CAMEO_CODES = {"JAP": "JPN", "ITL": "ITA", "KSV": "XKX", "ROM": "ROU", "GMY": "DEU", "UNO": "IGO"}
COUNTRIES_TSV = lexicon_path("actors/countries.tsv")


def evaluate(path: str, **opts) -> dict:
    """Flat scores for the dataset found at ``path``, plus per-record ``details``."""
    target = Path(path)
    if target.is_dir():
        found = [p for name in ("PLOVER_GSR_CAMEO.json", "PETR2_GSR_validation.xml") for p in target.rglob(name)]
        if not found:
            raise FileNotFoundError(f"no PLOVER_GSR_CAMEO.json or PETR2_GSR_validation.xml under {path}")
        target = found[0]
    if target.suffix == ".xml":
        return evaluate_petrarch(target)
    return evaluate_plover(target)


def code_country(code: str | None) -> str | None:
    """The country of a CAMEO actor code ("IRQGOVMIL" -> IRQ); None for unknown ("---REB")."""
    if not code or code.startswith("---"):
        return None
    return CAMEO_CODES.get(code[:3], code[:3])


class Countries:
    """Country names, aliases and demonyms -> ISO3, from the actors lexicon (a fallback for the evaluator)."""

    def __init__(self, path: Path = COUNTRIES_TSV):
        self.names: dict[str, str] = {}
        if path.exists():
            for row in read_records(path, delimiter="\t"):
                iso = (row.get("country") or "").strip()
                for field in ("name", "aliases", "demonyms", "metonyms"):
                    for name in (row.get(field) or "").split("|"):
                        if name.strip() and iso:
                            self.names.setdefault(self.norm(name), iso)

    @staticmethod
    def norm(text: str) -> str:
        return " ".join(re.sub(r"(?:'s|’s)\b", "", text).lower().replace("the ", " ").split())

    def find_all(self, text: str) -> list[str | None]:
        """Countries of a participant's text; "US and British activists" names two."""
        parts = re.split(r"\s+and\s+|,\s*", text) if " and " in text else [text]
        return list(dict.fromkeys(self.find(part) for part in parts)) if len(parts) > 1 else [self.find(text)]

    def find(self, text: str) -> str | None:
        words = self.norm(text).split()
        for size in range(min(5, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                iso = self.names.get(" ".join(words[i:i + size]))
                if iso:
                    return iso
        return None


def actor_code(actor: dict) -> str | None:
    """ISO3 country, or CAMEO's IGO / NGO for international organizations, as the gold codes them."""
    sector = actor.get("sector") or ""
    if actor.get("country"):
        return CAMEO_CODES.get(actor["country"], actor["country"])
    if "international" in sector or actor.get("kind") == "bloc":
        return "IGO"
    return "NGO" if sector == "ngo" else None


def event_countries(event: dict, actors: dict, countries: Countries, side: str) -> list[str | None]:
    """Countries of an event's sources or targets: actor countries, else looked up in the texts."""
    from ..nlp.events.countries import acts_for_international_body

    ids = event.get(side, [])
    coded = [actor_code(actors.get(i, {})) for i in ids]
    if ids and all(actors.get(i, {}).get("kind") == "person" for i in ids) and acts_for_international_body(
            event.get(f"{side}_text", []), actors):
        coded = ["IGO"]  # "U.N. mediator X": CAMEO codes the office, not X's nationality
    found = [CAMEO_CODES.get(c, c) for c in event.get(f"{side}_countries") or []]  # the component's coding
    found += [c for c in coded if c in {"IGO", "NGO"}]  # international bodies have no country to code
    if not found:
        found = [c for c in coded if c]
    if not found:
        found = [CAMEO_CODES.get(c, c) if c else c for c in (c for t in event.get(f"{side}_text", []) for c in countries.find_all(t))]
    return list(dict.fromkeys(found)) or [None]


EVAL_COMPONENTS = ("onrecord_actors", "onrecord_events")  # what the scores depend on; the rest is not run


def analyze_texts(texts: list[str]) -> list[dict]:
    from ..model import Document
    from ..nlp.pipeline import analyze_documents, load_pipeline

    nlp = load_pipeline(components=EVAL_COMPONENTS)
    return [a.to_dict() for a in analyze_documents((Document(text=t) for t in texts), nlp=nlp)]


def read_plover(path: Path) -> list[dict]:
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    for r in records:
        r["type"] = PLOVER_2016.get(r["event"], r["event"])
        r["sources"] = {code_country(a.get("code")) for a in (r.get("source") or []) if isinstance(a, dict)} - {None}
        r["targets"] = {code_country(a.get("code")) for a in (r.get("target") or []) if isinstance(a, dict)} - {None}
    return records


def pick_event(events: list[dict], text: str, event_text: str | None) -> dict | None:
    """The event whose trigger overlaps the gold event words, else the first event."""
    if not events:
        return None
    words = [w for w in re.findall(r"\w+", (event_text or "").lower()) if len(w) > 2]
    for event in events:
        trigger = event["trigger"]["text"].lower()
        if any(w in trigger or trigger in w for w in words):
            return event
    return events[0]


def evaluate_plover(path: Path) -> dict:
    records = read_plover(path)
    analyses = analyze_texts([r["text"] for r in records])
    countries = Countries()
    hits = {"type": 0, "source": 0, "target": 0, "full": 0, "found": 0}
    n_source = n_target = 0
    details = []
    for record, analysis in zip(records, analyses):
        actors = {a["id"]: a for a in analysis["actors"]}
        event = pick_event(analysis["events"], record["text"], record.get("eventText"))
        kind = event["type"] if event else None
        src = set(event_countries(event, actors, countries, "source")) if event else set()
        tgt = set(event_countries(event, actors, countries, "target")) if event else set()
        ok_type = kind == record["type"]
        ok_source = bool(src & record["sources"]) if record["sources"] else None
        ok_target = bool(tgt & record["targets"]) if record["targets"] else None
        hits["found"] += event is not None
        hits["type"] += ok_type
        n_source += ok_source is not None
        hits["source"] += bool(ok_source)
        n_target += ok_target is not None
        hits["target"] += bool(ok_target)
        hits["full"] += ok_type and ok_source is not False and ok_target is not False
        details.append({"id": record["id"], "gold": record["type"], "predicted": kind,
                        "gold_source": sorted(record["sources"]), "source": sorted(c or "-" for c in src),
                        "gold_target": sorted(record["targets"]), "target": sorted(c or "-" for c in tgt),
                        "trigger": event["trigger"]["text"] if event else None})
    n = len(records)
    return {"dataset": "plover-gsr", "records": n, "event_found": hits["found"] / n,
            "type_accuracy": hits["type"] / n, "source_country_accuracy": hits["source"] / max(n_source, 1),
            "target_country_accuracy": hits["target"] / max(n_target, 1), "fully_right": hits["full"] / n,
            "details": details}


SENTENCE = re.compile(r'<Sentence\b([^>]*)>(.*?)(?=<Sentence\b|</Sentences>)', re.S)
CODING = re.compile(r"<EventCoding\b([^>]*)/>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


def cameo_to_plover(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER type, from CAMEO2PLOVER-2021.txt (lines "0311: AGREE, mode, context # label")."""
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if m:
            table[m.group(1)] = m.group(2)
    return table


def plover_type(code: str, table: dict[str, str]) -> str | None:
    for size in (len(code), 3, 2):
        if code[:size] in table and len(code[:size]) >= 2:
            return table[code[:size]] if code[:2] not in {"01", "02"} else None
    return None


def read_petrarch(path: Path) -> list[dict]:
    """Sentences (tolerant of the file's malformed XML) with gold events mapped to PLOVER."""
    mapping = path.parent.parent / "plover-gsr" / "CAMEO2PLOVER-2021.txt"
    table = cameo_to_plover(mapping)
    raw = path.read_text(encoding="utf-8")
    sentences = []
    for attrs, body in SENTENCE.findall(raw):
        info = dict(ATTR.findall(attrs))
        text = re.search(r"<Text>(.*?)</Text>", body, re.S)
        if not text or info.get("evaluate", "true") != "true":
            continue
        gold = []
        for coding in CODING.findall(body):
            c = dict(ATTR.findall(coding))
            kind = plover_type(c.get("eventcode", ""), table) if c.get("eventcode") else None
            if kind:
                gold.append((kind, code_country(c.get("sourcecode")), code_country(c.get("targetcode"))))
        sentences.append({"id": info.get("id"), "text": " ".join(text.group(1).split()), "gold": gold,
                          "unmapped": sum(1 for c in CODING.findall(body) if "eventcode" in c) - len(gold)})
    return sentences


def event_pairs(event: dict, actors: dict, countries: Countries) -> set[tuple]:
    sources = event_countries(event, actors, countries, "source")
    targets = event_countries(event, actors, countries, "target")
    mutual = event.get("reciprocal") and set(event.get("source", [])) & set(event.get("target", []))  # "X and Y met"
    pairs = {(event["type"], s, t) for s in sources for t in targets if not (mutual and s == t)}
    if event.get("reciprocal"):  # each side did it to the other: "X visited Z" is also Z hosting X
        pairs |= {(kind, t, s) for kind, s, t in pairs}
    return pairs


def describe(event: dict) -> str:
    """One line per predicted event for the details: type, trigger, sides as written and coded, rule."""
    return (f"{event['type']} '{event['trigger']['text']}' {event.get('source_text')}{event.get('source_countries')}"
            f" -> {event.get('target_text')}{event.get('target_countries')} [{event.get('rule')}]")


def evaluate_petrarch(path: Path) -> dict:
    sentences = read_petrarch(path)
    analyses = analyze_texts([s["text"] for s in sentences])
    countries = Countries()
    gold_n = right = typed = src = tgt = spurious = wrong = predicted = 0
    details = []
    for sentence, analysis in zip(sentences, analyses):
        actors = {a["id"]: a for a in analysis["actors"]}
        pairs = set().union(*(event_pairs(e, actors, countries) for e in analysis["events"])) if analysis["events"] else set()
        gold = set(sentence["gold"])
        gold_n += len(gold)
        right += len(gold & pairs)
        typed += sum(any(p[0] == g[0] for p in pairs) for g in gold)
        src += sum(any(p[0] == g[0] and p[1] == g[1] for p in pairs) for g in gold)
        tgt += sum(any(p[0] == g[0] and p[2] == g[2] for p in pairs) for g in gold)
        predicted += len(pairs)
        spurious += sum(1 for p in pairs if not any(p[0] == g[0] for g in gold))
        wrong += len(pairs - gold)
        details.append({"id": sentence["id"], "text": sentence["text"], "gold": sorted(map(str, gold)),
                        "predicted": sorted(map(str, pairs)), "events": [describe(e) for e in analysis["events"]]})
    return {"dataset": "petrarch2-gsr", "sentences": len(sentences), "gold_events": gold_n,
            "predicted_events": predicted, "fully_right": right / max(gold_n, 1),
            "type_accuracy": typed / max(gold_n, 1), "source_country_accuracy": src / max(gold_n, 1),
            "target_country_accuracy": tgt / max(gold_n, 1), "spurious_events": spurious,
            "spurious_per_gold_event": spurious / max(gold_n, 1),
            "predicted_not_in_gold": wrong, "details": details}
