"""Hostile and careless input (issue 17): every bad record is reported with a code, the rest is kept,
and no input makes a reader hang, exhaust memory or invent a date."""
from __future__ import annotations

import codecs
import json
import os
import random
import threading

import pytest

from onrecord.errors import CODES, ReadError
from onrecord.model import Document
from onrecord.read import read_paths

TEXT = "The minister said the talks will resume next week, and the army will withdraw because the sanctions failed."


def read_all(path, **given):
    return list(read_paths([str(path)], **given))


@pytest.mark.parametrize("field, value", [
    ("author", 42), ("author", [None]), ("author", [42]), ("author", True), ("author", [["a"]]),
    ("author", {"name": 7}), ("title", {"x": 1}), ("title", ["T"]), ("outlet", 3.5), ("url", False),
    ("language", 1), ("text", 42), ("text", ["a"]), ("published", 20220502),
])
def test_a_wrong_typed_jsonl_field_fails_its_record_and_the_others_are_stored(tmp_path, field, value):
    path = tmp_path / "c.jsonl"
    good = {"text": TEXT, "author": "A. Writer", "title": "T"}
    lines = [good, {**good, "text": TEXT + " Two.", field: value}, {**good, "text": TEXT + " Three."}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    items = read_all(path)
    assert [type(i).__name__ for i in items] == ["Document", "ReadError", "Document"]
    assert items[1].code in ("E110", "E108") and "c.jsonl:2" in str(items[1])


def test_authors_may_be_names_objects_or_lists(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"text": TEXT, "authors": ["Ann Lee", {"name": "Bo Ek", "role": "editor"}]}) + "\n",
                    encoding="utf-8")
    (document,) = read_all(path)
    assert [(a.name, a.role) for a in document.authors] == [("Ann Lee", None), ("Bo Ek", "editor")]


@pytest.mark.parametrize("bom, codec", [
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_text_with_a_byte_order_mark_is_decoded_by_it(tmp_path, bom, codec):
    path = tmp_path / "a.txt"
    path.write_bytes(bom + ("Café talks – " + TEXT).encode(codec))
    (document,) = read_all(path)
    assert isinstance(document, Document) and document.text == "Café talks – " + TEXT and not document.notes


def test_random_bytes_without_nul_are_not_a_document(tmp_path):
    noise = bytes(b or 1 for b in random.Random(17).randbytes(200_000))
    path = tmp_path / "noise.txt"
    path.write_bytes(noise)
    (item,) = read_all(path)
    assert isinstance(item, ReadError) and item.code == "E111"


@pytest.mark.parametrize("text", [
    "x7$ 9@#k 3%^& " * 40,  # mostly symbols
    " ".join("qzkv xbrt plmn wvtr" for _ in range(30)),  # letters, but no word of the language
])
def test_text_that_is_mostly_not_language_is_refused(tmp_path, text):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    (item,) = read_all(path)
    assert isinstance(item, ReadError) and item.code == "E111"


def test_every_corpus_document_passes_the_language_check(shared):
    from onrecord.read.language import check_language

    for path in (shared / "data" / "corpus").glob("*/documents.jsonl"):
        for line in path.open(encoding="utf-8"):
            check_language(json.loads(line)["text"], str(path))  # raises E111 on failure


PAGE = ("<html><head><title>Outlook</title>{meta}</head><body><article><h1>Outlook</h1>"
        "<p>The finance minister said on Monday that the budget will be balanced {when}, and the opposition "
        "promised to fight the plan in parliament for many months to come.</p>"
        "<p>The finance minister said on Monday that the deficit will be cut, and the opposition promised to "
        "fight the plan in parliament with every means available to it.</p></article></body></html>")


@pytest.mark.parametrize("when", ["by 2025", "in 2019", "2019"])
def test_a_page_without_date_metadata_gets_no_date_from_its_body_and_a_warning(tmp_path, when):
    path = tmp_path / "a.html"
    path.write_text(PAGE.format(meta="", when=when), encoding="utf-8")
    (document,) = read_all(path)
    assert document.published is None
    assert [n["code"] for n in document.notes] == ["W104"]


def test_a_page_date_comes_from_its_metadata(tmp_path):
    path = tmp_path / "a.html"
    meta = '<meta property="article:published_time" content="2021-06-03T10:00:00Z">'
    path.write_text(PAGE.format(meta=meta, when="by 2025"), encoding="utf-8")
    (document,) = read_all(path)
    assert document.published == "2021-06-03" and not document.notes


@pytest.mark.parametrize("value", ["2022-05-02garbage", "2022-13-45", "2022-05-2", "May 2022", "2022-05-02 10"])
def test_a_published_date_with_anything_wrong_is_refused(tmp_path, value):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(ReadError) as raised:
        read_all(path, published=value)
    assert raised.value.code == "E108"


@pytest.mark.parametrize("value, date", [("2022-05-02", "2022-05-02"), ("2022-05-02T10:00:00Z", "2022-05-02")])
def test_iso_dates_and_times_are_read(tmp_path, value, date):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": TEXT, "published": value}) + "\n", encoding="utf-8")
    (document,) = read_all(path)
    assert document.published == date


def test_a_page_that_is_all_scripts_but_a_noscript_has_no_text(tmp_path):
    path = tmp_path / "app.html"
    path.write_text("<html><head><title>App</title><script>var a = 1;</script></head><body>"
                    "<script src='x.js'></script><noscript>Scripts enable js</noscript></body></html>",
                    encoding="utf-8")
    (item,) = read_all(path)
    assert isinstance(item, ReadError) and item.code == "E107"


def read_within(path, seconds: float):
    result = []
    worker = threading.Thread(target=lambda: result.extend(read_all(path)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"reading {path} did not end within {seconds} s"
    return result


def test_a_device_is_refused_at_once():
    (item,) = read_within("/dev/zero", 5)
    assert isinstance(item, ReadError) and item.code == "E112"


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (item,) = read_within(fifo, 5)
    assert isinstance(item, ReadError) and item.code == "E112"


def test_a_long_text_file_is_read_only_up_to_the_limit(tmp_path):
    from onrecord.model import MAX_CHARS
    from onrecord.read import READ_BYTES

    path = tmp_path / "long.txt"
    path.write_text((TEXT + " ") * (3 * READ_BYTES["text"] // len(TEXT)), encoding="utf-8")
    (document,) = read_all(path)
    assert MAX_CHARS < len(document.text) <= READ_BYTES["text"]


def test_a_jsonl_line_over_the_limit_is_skipped_in_bounded_memory(tmp_path, monkeypatch):
    import onrecord.read.jsonl as jsonl

    monkeypatch.setattr(jsonl, "MAX_LINE", 1000)
    monkeypatch.setattr(jsonl, "CHUNK", 100)
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": TEXT}) + "\n", encoding="utf-8")
    items = read_all(path)
    assert [getattr(i, "code", "doc") for i in items] == ["E104", "doc"] and "c.jsonl:1" in str(items[0])


def test_new_codes_are_listed_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for code in ("E110", "E111", "E112", "W104"):
        assert code in CODES and code in readme


def test_a_broken_jsonl_line_is_reported_in_plain_words(tmp_path):
    """A raw tab inside a JSON string: the message names the fault and its column once ("at column"), not
    json's own "Invalid control character at" followed by our "at column"."""
    from onrecord.read import read_paths

    path = tmp_path / "tab.jsonl"
    path.write_text('{"id": "a", "text": "one\ttwo three four five six seven eight"}\n', encoding="utf-8")
    (error,) = list(read_paths([str(path)]))
    assert error.code == "E105" and "Invalid control character at column" in str(error)
    assert " at at " not in str(error)
