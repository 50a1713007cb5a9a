"""Markdown: analyze the prose, not the markup. Syntax is removed; the first heading is the title."""
from __future__ import annotations

import re

from .text import document_from_text

HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.M)
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+", re.M)
QUOTE_MARK = re.compile(r"^\s*>\s?", re.M)


def markdown_to_text(markdown: str) -> str:
    text = HEADING.sub(r"\1", markdown)
    text = LINK.sub(r"\1", text)
    text = EMPHASIS.sub(r"\2", text)
    text = LIST_MARK.sub("", text)
    return QUOTE_MARK.sub("", text)


def document_from_markdown(markdown: str, **given):
    heading = HEADING.search(markdown)
    if heading and not given.get("title"):
        given["title"] = EMPHASIS.sub(r"\2", heading.group(1))
    return document_from_text(markdown_to_text(markdown), **given)
