"""Readers turn files into Documents, guess the header of plain text, and report bad input by code."""
from __future__ import annotations

import json

import pytest

from onrecord.errors import ReadError
from onrecord.model import Document
from onrecord.read import read_paths
from onrecord.read.text import guess_header


def read_one(path, **given):
    (item,) = list(read_paths([str(path)], **given))
    return item


@pytest.mark.parametrize("text, title, author, role", [
    ("The long winter ahead\n\nJane Q. Rivera\n\nFormer ambassador to Poland\n\nThe talks failed again.",
     "The long winter ahead", "Jane Q. Rivera", "Former ambassador to Poland"),
    ("Why the ceasefire will not hold\nBy Tomas Ek\nSanctions did not work. They rarely do.",
     "Why the ceasefire will not hold", "Tomas Ek", None),
    ("The talks failed again. Nobody in the room expected anything else, and nobody was surprised at all.",
     None, None, None),
])
def test_plain_text_header_gives_title_byline_and_role(text, title, author, role):
    found_title, found_author = guess_header(text)
    assert found_title == title
    assert (found_author.name if found_author else None) == author
    assert (found_author.role if found_author else None) == role


def test_seed_header_is_read_from_its_first_three_lines(shared):
    document = read_one(shared / "seed" / "000_850c6bef7a7111c8.txt")
    assert document.title == "Putin has become a problem. The main indicator of Russia's defeat"
    assert [(a.name, a.role) for a in document.authors] == [("Andrey Piontkovskiy", "Russian political scientist")]
    assert document.published is None


def test_given_metadata_wins_over_guesses(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("A title\n\nAnna Berg\n\nThe talks failed.", encoding="utf-8")
    document = read_one(path, published="2021-03-04", title="Another title")
    assert (document.title, document.published) == ("Another title", "2021-03-04")


def test_markdown_loses_its_syntax_and_keeps_its_heading_as_title(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# The *real* cost\n\nThe [ministry](http://x.test) said **no**.\n", encoding="utf-8")
    document = read_one(path)
    assert document.title == "The real cost"
    assert "The ministry said no." in document.text and "**" not in document.text


def test_html_main_text_and_metadata_come_from_the_page(tmp_path):
    body = "".join(f"<p>The finance minister said on Monday that the budget will be cut by {n} percent next year, "
                   f"and the opposition promised to fight the plan in parliament.</p>" for n in range(2, 7))
    html = (f"<html><head><title>Budget cuts ahead</title><meta name='author' content='Lena Park'>"
            f"<meta property='og:site_name' content='Example Daily'></head><body><nav>Home | World</nav>"
            f"<article><h1>Budget cuts ahead</h1>{body}</article><footer>Copyright</footer></body></html>")
    path = tmp_path / "a.html"
    path.write_text(html, encoding="utf-8")
    document = read_one(path)
    assert isinstance(document, Document)
    assert document.title == "Budget cuts ahead"
    assert "budget will be cut" in document.text and "Copyright" not in document.text
    assert [a.name for a in document.authors] == ["Lena Park"]


def test_jsonl_fields_become_metadata_and_a_broken_line_is_reported_by_number(tmp_path):
    path = tmp_path / "c.jsonl"
    good = {"id": "x1", "title": "T", "author": "A. Writer", "outlet": "Daily", "published": "2020-01-02",
            "url": "http://x.test/1", "text": "The talks failed."}
    path.write_text(json.dumps(good) + "\n{broken\n" + json.dumps({**good, "text": "Second."}) + "\n",
                    encoding="utf-8")
    items = list(read_paths([str(path)]))
    assert [type(i).__name__ for i in items] == ["Document", "ReadError", "Document"]
    assert items[0].published == "2020-01-02" and items[0].outlet == "Daily"
    assert items[1].code == "E105" and "c.jsonl:2" in str(items[1])


@pytest.mark.parametrize("content, code", [
    (b"", "E103"),
    (b"   \n\n", "E103"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E101"),
])
def test_bad_files_get_a_coded_error(tmp_path, content, code):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    item = read_one(path)
    assert isinstance(item, ReadError) and item.code == code


def test_unreadable_path_is_an_error_not_a_crash(tmp_path):
    item = read_one(tmp_path / "missing.txt")
    assert isinstance(item, ReadError) and item.code == "E102"


def test_non_utf8_text_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("The minister’s café plan failed.".encode("cp1252"))
    document = read_one(path)
    assert "café" in document.text and "’" in document.text
    assert [n["code"] for n in document.notes] == ["W101"]


def test_huge_file_is_refused_with_a_clear_message(tmp_path, monkeypatch):
    import onrecord.read as read

    monkeypatch.setattr(read, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text("The talks failed. " * 100, encoding="utf-8")
    item = read_one(path)
    assert isinstance(item, ReadError) and item.code == "E104" and "limit" in str(item)


def test_bad_published_date_is_refused(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "The talks failed.", "published": "May 2022"}) + "\n", encoding="utf-8")
    item = read_one(path)
    assert isinstance(item, ReadError) and item.code == "E108"


def test_a_folder_yields_every_document_and_every_error(tmp_path):
    (tmp_path / "a.txt").write_text("The talks failed.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.md").write_text("# Head\n\nThe talks resumed.", encoding="utf-8")
    (tmp_path / "ignored.png").write_bytes(b"\x00")
    items = list(read_paths([str(tmp_path)]))
    assert sorted(type(i).__name__ for i in items) == ["Document", "Document", "ReadError"]
