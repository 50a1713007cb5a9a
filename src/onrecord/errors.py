"""Error and warning codes, in one place.

Every failure a user can meet carries a code and a message that says what to do. Readers raise
``ReadError``; corpus runs catch it per document, report it, and go on with the rest.
"""
from __future__ import annotations

CODES = {
    "E101": "file is not text (binary content)",
    "E102": "path cannot be read",
    "E103": "document is empty",
    "E104": "file is too large",
    "E105": "broken JSONL line",
    "E106": "unsupported file type",
    "E107": "no main text found in HTML",
    "E108": "invalid publication date",
    "E109": "analysis failed",
    "E110": "a JSONL field has the wrong type",
    "E111": "text is not language",
    "E112": "not a regular file",
    "E140": "no such forecast in the ledger",  # E14x: the ledger
    "E141": "invalid outcome",
    "E142": "forecast is already resolved",
    "E143": "outcome file cannot be imported",
    "E144": "invalid correction",
    "W101": "text is not valid UTF-8; decoded with a fallback encoding",
    "W102": "quotation marks are unbalanced",
    "W103": "document was truncated",
    "W104": "no publication date found",
    "W120": "actors could not be resolved in this document",  # W12x: actors; one warning code per component
    "W130": "time expressions could not be read from this document",  # W13x: time
    "W140": "forecasts could not be read from this document",  # W14x: forecasts
    "W150": "claims could not be read from this document",  # W15x: claims
    "W160": "quotes could not be read from this document",  # W16x: quotes
    "W170": "events could not be read from this document",  # W17x: events
    "W180": "causal links could not be read from this document",  # W18x: causal links
}


class OnrecordError(Exception):
    """An error with a code from ``CODES`` and a message for the user."""

    def __init__(self, code: str, detail: str):
        self.code = code
        self.detail = detail
        super().__init__(f"{code} {CODES.get(code, 'error')}: {detail}")

    def as_dict(self) -> dict:
        return {"code": self.code, "message": str(self)}


class ReadError(OnrecordError):
    """A document could not be read; ``where`` names the file (and line) it came from."""

    def __init__(self, code: str, detail: str, where: str = ""):
        self.where = where
        super().__init__(code, f"{where}: {detail}" if where else detail)


def warning(code: str, detail: str) -> dict:
    """A warning as the plain dict the Doc and the JSON carry."""
    return {"code": code, "message": f"{code} {CODES.get(code, 'warning')}: {detail}"}
