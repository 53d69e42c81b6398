"""Ingestion: encodings, front matter, HTML/JSON articles, discovery and its failure modes."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kantcheck.errors import UsageError
from kantcheck.ingest import discover, read_article, read_bytes
from kantcheck.ingest.read import dateline_date, normalize_date, split_front_matter
from kantcheck.models import ArticleErrorRecord

SEED = Path(__file__).resolve().parents[1] / "data" / "articles"
TEXT = "Putin arrived in Bishkek on Tuesday.\n"


def test_front_matter_fields_and_partial_date() -> None:
    art = read_bytes(
        b'---\ntitle: "T"\noutlet: IWPR\npublished: 2003-10\n---\n' + TEXT.encode(), "a.txt"
    )
    assert (art.title, art.outlet, art.published, art.published_source) == (
        "T",
        "IWPR",
        "2003-10",
        "front_matter",
    )
    assert art.body == TEXT
    assert art.id == "a"


def test_front_matter_full_date_and_id() -> None:
    art = read_bytes(b"---\npublished: 2025-11-26\nid: x1\n---\nBody.", "a.txt")
    assert art.published == "2025-11-26" and art.id == "x1" and art.body == "Body."


def test_seed_body_unchanged() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not shared.exists():
        pytest.skip("shared seeds not beside the repository")
    for path in SEED.glob("*.txt"):
        art = read_article(discover([str(path)])[0])
        assert not isinstance(art, ArticleErrorRecord)
        assert art.body == (shared / path.name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        TEXT.encode("utf-16-le"),
        "Путин прибыл в Бишкек во вторник, где его встретил Жапаров.\n".encode("cp1251"),
        "Café Zürich déjà vu, naïve façade über alles.\n".encode("latin-1"),
    ],
)
def test_encodings_decode(data: bytes) -> None:
    art = read_bytes(data, "x.txt")
    assert "\ufffd" not in art.body and art.body.strip()


def test_cp1251_is_cyrillic() -> None:
    text = "Президент Кыргызстана Садыр Жапаров встретил Владимира Путина в Бишкеке.\n"
    assert read_bytes(text.encode("cp1251"), "x.txt").body == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200, "binary"),
    ],
)
def test_bad_content_reasons(data: bytes, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        read_bytes(data, "x.txt")


def test_size_limit() -> None:
    with pytest.raises(ValueError, match="--max-bytes"):
        read_bytes(b"a" * 101, "x.txt", max_bytes=100)


def test_unterminated_front_matter_keeps_body() -> None:
    art = read_bytes(b"---\ntitle: x\nBody text here.", "x.txt")
    assert "unterminated" in art.warnings[0] and "Body text here." in art.body


def test_broken_front_matter_yaml_reported() -> None:
    art = read_bytes(b"---\ntitle: [unclosed\n---\nBody.", "x.txt")
    assert art.body == "Body." and "invalid front matter" in art.warnings[0]


def test_invalid_published_date_warns() -> None:
    art = read_bytes(b"---\npublished: 2025-13-45\n---\nBody.", "x.txt")
    assert art.published is None and "invalid published" in art.warnings[0]


def test_json_article() -> None:
    data = json.dumps(
        {"title": "T", "text": TEXT, "published": "2025-11-26", "outlet": "O"}
    ).encode()
    art = read_bytes(data, "a.json")
    assert (art.body, art.published, art.outlet) == (TEXT, "2025-11-26", "O")


def test_json_without_text_is_error() -> None:
    with pytest.raises(ValueError, match="text"):
        read_bytes(b'{"title": "x"}', "a.json")


def test_html_article_drops_scripts() -> None:
    html = (
        "<html><head><title>Visit</title><script>alert('x')</script></head><body><article>"
        "<p>Russian President Vladimir Putin arrived in Bishkek on Tuesday for a state visit "
        "that is expected to last three days, officials said.</p>"
        "<p>Kyrgyz President Sadyr Japarov welcomed him at the airport with an honour guard.</p>"
        "</article></body></html>"
    )
    art = read_bytes(html.encode(), "page.html")
    assert "Putin arrived in Bishkek" in art.body and "alert" not in art.body


def test_dateline_inferred_when_no_front_matter() -> None:
    art = read_bytes(b"Headline\n\n4 MINS READFeb 4, 2019 | 19:37 GMT\nText.", "x.txt")
    assert (art.published, art.published_source) == ("2019-02-04", "text")
    assert dateline_date("no date here") is None
    assert (
        dateline_date("Published: 4 February 2019, in a long line of other words here")
        == "2019-02-04"
    )


def test_date_inside_a_story_sentence_is_not_a_dateline() -> None:
    body = (
        "Profits rose\n\nProfits in the three months to December 31, 2004 rose by 12%, it said.\n"
    )
    assert dateline_date(body) is None


def test_normalize_date() -> None:
    assert normalize_date("2003-10") == "2003-10"
    assert normalize_date("2025-02-30") is None
    assert normalize_date(2019) == "2019"
    assert normalize_date("soon") is None


def test_discover_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.md").write_text("x")
    (tmp_path / "one.txt").write_text("x")
    (tmp_path / "image.png").write_bytes(b"x")
    (tmp_path / ".hidden.txt").write_text("x")
    paths = [Path(c.path).name for c in discover([str(tmp_path)])]
    assert paths == ["one.txt", "two.md"]


def test_discover_symlink_loop_and_dangling(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    os.symlink(tmp_path, tmp_path / "loop")
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    cands = discover([str(tmp_path)])
    problems = {Path(c.path).name: c.problem for c in cands if c.problem}
    assert "dangling symbolic link" in problems.values()
    assert any("loop" in (p or "") for p in problems.values())
    assert [Path(c.path).name for c in cands if not c.problem] == ["a.txt"]


def test_missing_path_is_usage_error() -> None:
    with pytest.raises(UsageError):
        discover(["/nonexistent/kantcheck"])


def test_unreadable_file_is_error_record(tmp_path: Path) -> None:
    cand = discover([str(tmp_path)])
    assert cand == []
    bad = tmp_path / "x.txt"
    bad.write_bytes(b"\x00\x01\x02\x03" * 100)
    got = read_article(discover([str(bad)])[0])
    assert isinstance(got, ArticleErrorRecord) and "binary" in got.error


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_read_bytes_never_crashes(data: bytes) -> None:
    try:
        art = read_bytes(data, "x.txt")
    except ValueError:
        return
    assert isinstance(art.body, str)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=500))
def test_front_matter_split_never_crashes(text: str) -> None:
    meta, body, _warnings = split_front_matter(text)
    assert isinstance(meta, dict) and isinstance(body, str)
