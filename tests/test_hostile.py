"""Hostile input and faults through the real CLI: every file ends up `ok` or in `errors` with a
reason a person can act on, the seed articles keep their claims, nothing crashes or hangs.

The hostile folder is generated in tmp_path (no committed binaries): the five seed articles
mixed with empty, binary, mis-encoded, HTML, JSON, broken-metadata, oddly named, linked,
deeply nested and oversized files.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import random
import resource
import shutil
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from kantcheck.ingest import read_article
from kantcheck.ingest.discover import Candidate
from kantcheck.models import ArticleErrorRecord
from kantcheck.scanner import MAX_PIECE_CHARS, MAX_RUN_CHARS, split_body

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "data" / "articles"
KANTCHECK = [sys.executable, "-m", "kantcheck"]
SCRIPT_PAYLOAD = "xyzzyTrackerPayload_do_not_echo"
STORY = (
    "Russian President Vladimir Putin arrived in Bishkek on November 25, 2025 for a state visit. "
    "Kyrgyz President Sadyr Japarov welcomed him at the airport. The Russian airbase in Kant "
    "opened in 2003, officials said, and about 500 troops serve there.\n"
)
RU = (
    "Президент России Владимир Путин прибыл в Бишкек с государственным визитом. "
    "Президент Кыргызстана Садыр Жапаров встретил его в аэропорту. Российская авиабаза "
    "в Канте открылась в 2003 году.\n"
)
LATIN1 = (
    "Le président russe Vladimir Putin est arrivé à Bishkek pour une visite d'État. "
    "Le président kirghize Sadyr Japarov l'a accueilli à l'aéroport; la base aérienne de Kant "
    "a été ouverte en 2003, a déclaré un porte-parole à Zürich.\n"
)
HTML = f"""<!DOCTYPE html><html><head><title>Putin visits Kyrgyzstan</title>
<meta property="og:site_name" content="Example News">
<script>var t = "{SCRIPT_PAYLOAD}"; document.write(t);</script></head>
<body><nav>Home | World | Sport</nav><article><h1>Putin visits Kyrgyzstan</h1>
<p>{STORY}</p><p>The two leaders held talks on security and trade at the Ala-Archa residence,
according to the Kremlin press service, which published a statement after the meeting.</p>
<script>console.log("{SCRIPT_PAYLOAD}")</script></article>
<footer>Copyright Example News</footer></body></html>"""


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("article.txt", STORY * 50)
        zf.writestr("image.bin", random.Random(1).randbytes(2000))
    return buf.getvalue()


# file name (relative) -> substring the error reason must contain
EXPECTED_ERRORS = {
    "empty.txt": "empty file",
    "whitespace.txt": "empty file",
    "png_header.txt": "binary file",
    "random_bytes.txt": "binary file",
    "really_a_zip.txt": "binary file",
    "huge_70mb.txt": "larger than the limit of 5,000,000 bytes",
    "bad.json": "invalid JSON at line",
    "dangling.txt": "dangling symbolic link",
    "html_without_text.html": "HTML page without article text",
}
EXPECTED_OK = {
    "utf8_bom.txt": "Putin",
    "utf16le_bom.txt": "Putin",
    "utf16be_bom.txt": "Putin",
    "cp1251.txt": "Путин",
    "latin1.txt": "président",
    "news_page.html": "Japarov welcomed him",
    "article.json": "Japarov welcomed him",
    "unterminated_front_matter.txt": "Japarov",
    "invalid_yaml_front_matter.txt": "Japarov",
    "bad_date.txt": "Japarov",
    "yesterday_date.txt": "Japarov",
    "with space.txt": "Japarov",
    "ünïcødé статья.txt": "Japarov",
    "-x.txt": "Japarov",
    "one_sentence.txt": "Japarov",
}
EXPECTED_WARNINGS = {
    "unterminated_front_matter.txt": "unterminated front matter",
    "invalid_yaml_front_matter.txt": "invalid front matter at line",
    "bad_date.txt": "invalid published date '2025-13-45'",
    "yesterday_date.txt": "invalid published date 'yesterday'",
}
# the default battery uses a 200 KB "sentence" (parsing is ~5 s per 100 KB of word salad);
# the 1 MB one runs in test_one_megabyte_sentence_is_bounded (slow)
ONE_SENTENCE_BYTES = 200_000


def build_hostile(folder: Path) -> dict[str, Any]:
    """Write the hostile folder; returns what the filesystem allowed (newline names, ...)."""
    folder.mkdir(parents=True, exist_ok=True)
    for p in ARTICLES.glob("*.txt"):
        shutil.copy(p, folder / p.name)
    w = lambda name, data: (folder / name).write_bytes(data)  # noqa: E731
    w("empty.txt", b"")
    w("whitespace.txt", b"  \n\t\r\n   \n")
    w("png_header.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(2).randbytes(3000))
    w("random_bytes.txt", random.Random(3).randbytes(4096))
    w("really_a_zip.txt", _zip_bytes())
    w("utf8_bom.txt", codecs.BOM_UTF8 + STORY.encode())
    w("utf16le_bom.txt", codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"))
    w("utf16be_bom.txt", codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"))
    w("cp1251.txt", RU.encode("cp1251"))
    w("latin1.txt", LATIN1.encode("latin-1"))
    w("news_page.html", HTML.encode())
    w("html_without_text.html", f"<html><script>{SCRIPT_PAYLOAD}</script></html>".encode())
    w(
        "article.json",
        json.dumps({"title": "Visit", "text": STORY, "published": "2025-11-26"}).encode(),
    )
    w("bad.json", b'{"title": "Visit", "text": "unterminated')
    w(
        "unterminated_front_matter.txt",
        b"---\ntitle: Visit\npublished: 2025-11-26\n" + STORY.encode(),
    )
    w("invalid_yaml_front_matter.txt", b"---\ntitle: [unclosed\n  : : x\n---\n" + STORY.encode())
    w("bad_date.txt", b"---\npublished: 2025-13-45\n---\n" + STORY.encode())
    w("yesterday_date.txt", b"---\npublished: yesterday\n---\n" + STORY.encode())
    for name in ("with space.txt", "ünïcødé статья.txt", "-x.txt"):
        w(name, STORY.encode())
    made: dict[str, Any] = {"newline": False}
    try:
        w("new\nline.txt", STORY.encode())
        made["newline"] = True
    except OSError:
        pass
    # links: a folder linking to its parent (a loop) and a link to nothing
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.txt").write_bytes(STORY.encode())
    os.symlink("..", folder / "sub" / "loop")
    os.symlink("missing.txt", folder / "dangling.txt")
    # 100 nested folders with an article at the bottom
    deep = folder / "deep"
    for _ in range(100):
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "bottom.txt").write_bytes(STORY.encode())
    # 70 MB, sparse: a text head, then a hole
    with open(folder / "huge_70mb.txt", "wb") as fh:
        fh.write(STORY.encode())
        fh.truncate(70_000_000)
    w("one_sentence.txt", word_salad(ONE_SENTENCE_BYTES))
    return made


def word_salad(size: int) -> bytes:
    """A story, then one "sentence" of `size` bytes: words, no punctuation, no line break."""
    words = "Putin Japarov visited Kant airbase the troops in 2003 and officials said Bishkek talks"
    rnd = random.Random(4)
    parts: list[str] = []
    total = 0
    while total < size:
        word = rnd.choice(words.split())
        parts.append(word)
        total += len(word) + 1
    return (STORY + " ".join(parts)).encode()


def run_cli(*args: str, timeout: float = 300) -> tuple[int, str, str, float]:
    t0 = time.monotonic()
    proc = subprocess.run([*KANTCHECK, *args], capture_output=True, text=True, timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr, time.monotonic() - t0


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    pytest.importorskip("kantcheck.claims")
    folder = tmp_path_factory.mktemp("hostile") / "drop"
    made = build_hostile(folder)
    code, out, err, took = run_cli(
        "scan", str(folder), "--format", "json", "--no-store", timeout=240
    )
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "folder": folder,
        "made": made,
        "code": code,
        "out": out,
        "err": err,
        "took": took,
        "peak_mb": peak_kb / 1024,
    }


@pytest.fixture(scope="module")
def report(hostile: dict[str, Any]) -> dict[str, Any]:
    assert "Traceback" not in hostile["err"], hostile["err"][-3000:]
    return json.loads(hostile["out"])


def _by_name(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {Path(it["path"]).name: it for it in items}


@pytest.mark.model
def test_exit_code_follows_findings_and_stderr_is_clean(
    hostile: dict[str, Any], report: dict[str, Any]
) -> None:
    assert hostile["code"] in (0, 1), hostile["err"][-3000:]
    assert hostile["code"] == (1 if report["summary"]["failing"] else 0)
    assert "Traceback" not in hostile["err"]
    assert hostile["peak_mb"] < 2000, f"peak RSS {hostile['peak_mb']:.0f} MB"


@pytest.mark.model
def test_each_bad_file_is_an_error_with_its_reason(report: dict[str, Any]) -> None:
    errors = _by_name(report["errors"])
    for name, reason in EXPECTED_ERRORS.items():
        assert name in errors, f"{name} not in errors: {sorted(errors)}"
        assert reason in errors[name]["error"], (name, errors[name]["error"])
    assert "raise --max-bytes" in errors["huge_70mb.txt"]["error"]
    assert "70,000,000 bytes" in errors["huge_70mb.txt"]["error"]


@pytest.mark.model
def test_links_and_depth_are_reported(report: dict[str, Any]) -> None:
    reasons = [(e["path"], e["error"]) for e in report["errors"]]
    assert any(p.endswith("loop") and "symlink loop" in r for p, r in reasons), reasons
    deep = [(p, r) for p, r in reasons if "nested deeper than 64 levels" in r]
    assert len(deep) == 1 and "not searched" in deep[0][1], reasons
    assert _by_name(report["articles"])["inner.txt"]["status"] == "ok"


@pytest.mark.model
def test_every_file_is_accounted_for(hostile: dict[str, Any], report: dict[str, Any]) -> None:
    listed = {a["path"] for a in report["articles"]} | {e["path"] for e in report["errors"]}
    folder = hostile["folder"]
    for p in folder.rglob("*"):
        if p.suffix == ".txt" and p.is_file() and len(p.relative_to(folder).parts) <= 60:
            assert str(p) in listed, f"{p} neither processed nor reported"
    if hostile["made"]["newline"]:
        assert str(folder / "new\nline.txt") in listed


@pytest.mark.model
def test_good_odd_files_are_ok_and_decoded(report: dict[str, Any]) -> None:
    arts = _by_name(report["articles"])
    evidence = {}
    for c in report["claims"]:
        evidence.setdefault(c["article_id"], []).append(c["evidence"]["sentence"])
    for name, word in EXPECTED_OK.items():
        assert name in arts, f"{name} not processed: {sorted(arts)}"
        assert arts[name]["status"] == "ok"
        body = read_article(Candidate(arts[name]["path"]))
        assert not isinstance(body, ArticleErrorRecord) and word in body.body, name
    for name in (
        "utf8_bom.txt",
        "utf16le_bom.txt",
        "utf16be_bom.txt",
        "news_page.html",
        "article.json",
    ):
        sents = " ".join(evidence.get(arts[name]["id"], []))
        assert EXPECTED_OK[name] in sents, (name, sents[:300])
    assert arts["article.json"]["published"] == "2025-11-26"
    assert arts["news_page.html"]["title"] == "Putin visits Kyrgyzstan"


@pytest.mark.model
def test_metadata_problems_are_warnings_and_body_scanned(report: dict[str, Any]) -> None:
    arts = _by_name(report["articles"])
    for name, warning in EXPECTED_WARNINGS.items():
        assert any(warning in w for w in arts[name]["warnings"]), (name, arts[name]["warnings"])
        # at most a date found in the body (the unterminated block is body text)
        assert arts[name]["published"] in (None, "2025-11-25", "2025-11-26")
    ids = {c["article_id"] for c in report["claims"]}
    assert arts["unterminated_front_matter.txt"]["id"] in ids


@pytest.mark.model
def test_scripts_are_never_echoed(hostile: dict[str, Any]) -> None:
    assert SCRIPT_PAYLOAD not in hostile["out"]
    assert SCRIPT_PAYLOAD not in hostile["err"]
    assert "document.write" not in hostile["out"]


@pytest.mark.model
def test_seed_articles_keep_their_claims(report: dict[str, Any]) -> None:
    arts = _by_name(report["articles"])
    for p in ARTICLES.glob("*.txt"):
        assert arts[p.name]["status"] == "ok"
    code, out, err, _ = run_cli("scan", str(ARTICLES), "--format", "json", "--no-store", "-q")
    assert code in (0, 1), err
    seed_claims = json.loads(out)["claims"]
    assert seed_claims, "the seed articles give claims"
    alone: dict[str, list[str]] = {}
    for c in seed_claims:
        alone.setdefault(c["article_id"], []).append(c["id"])
    mixed: dict[str, list[str]] = {}
    for c in report["claims"]:
        mixed.setdefault(c["article_id"], []).append(c["id"])
    for aid, ids in alone.items():
        assert mixed.get(aid) == ids, aid
    mixed_seed = {a["id"] for a in report["articles"] if (ARTICLES / Path(a["path"]).name).exists()}
    assert {c["article_id"] for c in seed_claims} <= mixed_seed


@pytest.mark.model
def test_long_sentence_evidence_offsets_index_the_body(report: dict[str, Any]) -> None:
    art = _by_name(report["articles"])["one_sentence.txt"]
    body = Path(art["path"]).read_text(encoding="utf-8")
    claims = [c for c in report["claims"] if c["article_id"] == art["id"]]
    for c in claims:
        ev = c["evidence"]
        assert body[ev["start"] : ev["end"]] == ev["sentence"]
        assert ev["end"] - ev["start"] <= MAX_RUN_CHARS + 200


# ----------------------------------------------------------------------------- bounded pieces


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.parametrize(("size", "max_bytes"), [(1_000_000, None), (4_000_000, "5000000")])
def test_long_bodies_are_bounded(tmp_path: Path, size: int, max_bytes: str | None) -> None:
    """A 1 MB "sentence", and a 4 MB article of real paragraphs: time and peak memory bounded."""
    pytest.importorskip("kantcheck.claims")
    if size == 1_000_000:
        (tmp_path / "one_sentence_1mb.txt").write_bytes(word_salad(size))
    else:
        seed = "".join(p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt")))
        (tmp_path / "big.txt").write_text((seed * (size // len(seed) + 1))[:size])
    args = ["scan", str(tmp_path), "--format", "json", "--no-store", "-q", "--fail-on", "never"]
    code, out, err, took = run_cli(
        *args, *(["--max-bytes", max_bytes] if max_bytes else []), timeout=900
    )
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{size:,} bytes: {took:.1f} s, peak RSS of a child so far {peak_mb:.0f} MB")
    assert code == 0 and "Traceback" not in err, err[-2000:]
    rep = json.loads(out)
    assert rep["summary"]["articles_ok"] == 1 and not rep["errors"]
    assert peak_mb < 2000


def test_split_body_normal_article_is_one_piece() -> None:
    body = (ARTICLES / "002_4752c26e440b0d78.txt").read_text(encoding="utf-8")
    assert split_body(body) == [(0, body)]
    assert split_body("") == []


@pytest.mark.parametrize(
    "body",
    [
        ("A sentence about Kant. " * 40 + "\n\n") * 300,  # paragraphs
        "word " * 300_000,  # one 1.5 MB sentence, whitespace only
        "x" * 250_001,  # no break at all: hard cuts
        ("Short line\n" * 20_000) + "y" * 30_000 + " tail.",
    ],
)
def test_split_body_pieces_are_bounded_and_cover_the_body(body: str) -> None:
    pieces = split_body(body)
    assert "".join(t for _, t in pieces) == body
    pos = 0
    for offset, text in pieces:
        assert offset == pos and 0 < len(text) <= MAX_PIECE_CHARS
        pos += len(text)
    assert len(pieces) >= len(body) // MAX_PIECE_CHARS


def test_split_body_cuts_at_paragraphs_first() -> None:
    para = "The base opened in 2003. " * 200 + "\n\n"
    pieces = split_body(para * 100)
    assert all(t.endswith("\n\n") for _, t in pieces[:-1])


# ----------------------------------------------------------------------------- faults


def _empty_inputs(tmp_path: Path) -> tuple[Path, Path]:
    """The cheapest command that writes a report: `compare` on no claims, an empty gazetteer."""
    claims, gaz = tmp_path / "claims.jsonl", tmp_path / "gazetteer.yaml"
    claims.write_text("")
    gaz.write_text("entities: []\n")
    for p in (claims, gaz):
        p.chmod(0o644)
    return claims, gaz


def test_output_to_a_full_disk_is_a_clear_error(tmp_path: Path) -> None:
    """`-o /dev/full` as a device of our own (a copy of /dev/full), never the real one."""
    full = tmp_path / "full"
    try:
        os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except (PermissionError, OSError):
        pytest.skip("cannot create a /dev/full device here")
    claims, gaz = _empty_inputs(tmp_path)
    code, _out, err, _ = run_cli(
        "compare",
        str(claims),
        "--gazetteer",
        str(gaz),
        "--format",
        "json",
        "-o",
        str(full),
        timeout=120,
    )
    assert code == 2, (code, err)
    assert "No space left on device" in err and str(full) in err, err
    assert "Traceback" not in err
    assert stat.S_ISCHR(full.lstat().st_mode), "the device was replaced by a regular file"


def test_output_to_a_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    claims, gaz = _empty_inputs(tmp_path)
    target = ro / "report.json"
    if os.geteuid() == 0:  # root ignores permission bits: make the folder immutable instead
        if subprocess.run(["chattr", "+i", str(ro)], capture_output=True).returncode != 0:
            pytest.skip("running as root and chattr +i is not available")
    else:
        ro.chmod(0o555)
    try:
        code, _, err, _ = run_cli(
            "compare",
            str(claims),
            "--gazetteer",
            str(gaz),
            "--format",
            "json",
            "-o",
            str(target),
            timeout=120,
        )
        leftovers = list(ro.iterdir())
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(ro)], capture_output=True)
        ro.chmod(0o755)
    assert code == 2, err
    assert f"cannot write {target}" in err, err
    assert "Permission denied" in err or "Operation not permitted" in err, err
    assert "Traceback" not in err
    assert leftovers == []


@pytest.mark.model
def test_max_bytes_option_reports_the_file(tmp_path: Path) -> None:
    pytest.importorskip("kantcheck.claims")
    (tmp_path / "a.txt").write_text(STORY * 20)
    code, out, err, _ = run_cli(
        "scan", str(tmp_path), "--format", "json", "--no-store", "--max-bytes", "1000", timeout=240
    )
    assert code == 0 and "Traceback" not in err
    (error,) = json.loads(out)["errors"]
    assert (
        "larger than the limit of 1,000 bytes" in error["error"] and "--max-bytes" in error["error"]
    )
    assert "skipped:" in err
