"""The contract through the real CLI: commands, formats, exit codes, stdout/stderr separation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kantcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "data" / "articles"
KANTCHECK = [sys.executable, "-m", "kantcheck"]


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return res.exit_code, res.stdout, res.stderr


def test_version_is_fast_and_does_not_import_spacy() -> None:
    code = "import sys, kantcheck.cli; assert 'spacy' not in sys.modules, 'spacy imported'"
    subprocess.run([sys.executable, "-c", code], check=True)
    out = subprocess.run([*KANTCHECK, "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("kantcheck, version ")


def test_help_lists_commands_and_examples() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for cmd in ("scan", "claims", "compare", "timex", "schema", "gazetteer"):
        assert cmd in out
    assert "Examples:" in out and "Exit codes" in out


@pytest.mark.parametrize("which", ["report", "claim", "finding"])
def test_schema_is_json_schema(which: str) -> None:
    code, out, _ = run("schema", which)
    assert code == 0
    schema = json.loads(out)
    assert schema["type"] == "object" and "properties" in schema


def test_report_schema_has_contract_fields() -> None:
    schema = json.loads(run("schema")[1])
    assert {"schema_version", "tool", "articles", "claims", "findings", "errors", "summary"} <= set(
        schema["properties"]
    )


def test_gazetteer_check_ok() -> None:
    code, out, _ = run("gazetteer", "check")
    assert code == 0 and "ok" in out


def test_gazetteer_check_broken_names_line(tmp_path: Path) -> None:
    bad = tmp_path / "g.yaml"
    bad.write_text(
        "entities:\n"
        "  - id: kant\n"
        "    type: place\n"
        "    name: Kant\n"
        "    source: test\n"
        "  - id: bishkek\n"
        "    type: citty\n"
        "    name: Bishkek\n"
        "    source: test\n"
    )
    code, _, err = run("gazetteer", "check", str(bad))
    assert code == 2
    assert f"{bad}:7:" in err and "type" in err


def test_gazetteer_check_invalid_yaml(tmp_path: Path) -> None:
    bad = tmp_path / "g.yaml"
    bad.write_text("entities:\n  - id: [unclosed\n")
    code, _, err = run("gazetteer", "check", str(bad))
    assert code == 2 and f"{bad}:" in err and "Traceback" not in err


def test_missing_path_exit_2() -> None:
    code, _, err = run("scan", "/nonexistent/folder", "--no-store")
    assert code == 2 and "no such file" in err


def test_bad_option_exit_2() -> None:
    code, _, _ = run("scan", str(ARTICLES), "--format", "xml")
    assert code == 2


def test_missing_model_exit_2_with_hint() -> None:
    code, _, err = run("scan", str(ARTICLES), "--no-store", "--model", "no_such_model_pkg")
    assert code == 2 and "pip install" in err


@pytest.mark.model
def test_scan_json_contract(seed_report) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(
        "scan", str(ARTICLES), "--no-store", "--format", "json", "--fail-on", "never"
    )
    assert code == 0
    report = json.loads(out)
    assert report["schema_version"] == "1"
    assert report["tool"]["name"] == "kantcheck" and report["tool"]["model"]
    assert len(report["tool"]["gazetteer_sha256"]) == 64
    assert len(report["articles"]) == 5
    assert all(a["status"] == "ok" for a in report["articles"])
    published = {a["id"]: a["published"] for a in report["articles"]}
    assert published == {
        "000_3bcc98d2bb5dc343": "2025-11-27",
        "001_5937e69cfba3e3de": "2003-10",
        "002_4752c26e440b0d78": "2025-11-27",
        "003_1df80d7caf5b845f": "2025-11-26",
        "004_9d69e2eae6bda25e": "2019-02-04",
    }
    for key in ("claims", "findings", "errors", "summary"):
        assert key in report
    assert any("kant_air_base" in a["entities"] for a in report["articles"])


@pytest.mark.model
def test_piped_default_is_json_and_stderr_separate() -> None:
    proc = subprocess.run(
        [*KANTCHECK, "scan", str(ARTICLES), "--no-store"], capture_output=True, text=True
    )
    assert proc.returncode in (0, 1)
    json.loads(proc.stdout)


@pytest.mark.model
def test_jsonl_one_record_per_line(seed_report) -> None:  # type: ignore[no-untyped-def]
    _code, out, _ = run(
        "scan", str(ARTICLES), "--no-store", "--format", "jsonl", "--fail-on", "never"
    )
    lines = [json.loads(x) for x in out.splitlines()]
    kinds = [x["type"] for x in lines]
    assert kinds == sorted(kinds)  # claims first, then findings
    assert kinds.count("claim") == len(seed_report.claims)


@pytest.mark.model
def test_table_and_markdown_render() -> None:
    code, out, _ = run(
        "scan", str(ARTICLES), "--no-store", "--format", "table", "--fail-on", "never"
    )
    assert code == 0 and "Articles" in out and "kant_air_base" in out
    code, out, _ = run(
        "scan", str(ARTICLES), "--no-store", "--format", "markdown", "--fail-on", "never"
    )
    assert code == 0 and out.startswith("## kantcheck report")


@pytest.mark.model
def test_output_file_written(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    code, out, _ = run("scan", str(ARTICLES), "--no-store", "-o", str(target), "--fail-on", "never")
    assert code == 0 and out == "" and json.loads(target.read_text())["articles"]
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


@pytest.mark.model
def test_output_unwritable_is_clear_error(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        if os.access(ro, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        code, _, err = run("scan", str(ARTICLES), "--no-store", "-o", str(ro / "r.json"))
        assert code == 2 and "cannot write" in err
    finally:
        ro.chmod(0o700)


@pytest.mark.model
def test_stdin_article() -> None:
    text = (ARTICLES / "003_1df80d7caf5b845f.txt").read_text()
    code, out, _ = run("claims", "-", "--no-store", "--format", "json", input=text)
    assert code == 0
    report = json.loads(out)
    assert (
        report["articles"][0]["id"] == "stdin"
        and report["articles"][0]["published"] == "2025-11-26"
    )


@pytest.mark.model
def test_timex_command_json() -> None:
    code, out, _ = run(
        "timex", "Putin's visit commenced on Tuesday.", "--dct", "2025-11-26", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["dct"] == "2025-11-26"
    [tx] = [t for t in data["timexes"] if t["text"] == "Tuesday"]
    assert tx["value"] == "2025-11-25" and tx["type"] == "DATE"
    text = "Putin's visit commenced on Tuesday."
    assert text[tx["start"] : tx["end"]] == "Tuesday"


def test_timex_bad_dct_exit_2() -> None:
    code, _, err = run("timex", "today", "--dct", "yesterday")
    assert code == 2 and "--dct" in err


@pytest.mark.model
def test_compare_reads_claims_from_stdin() -> None:
    code, out, _ = run("claims", str(ARTICLES), "--no-store", "--format", "jsonl")
    assert code == 0
    code2, out2, _ = run("compare", "-", "--format", "json", "--fail-on", "never", input=out)
    assert code2 == 0
    findings = json.loads(out2)["findings"]
    _code3, out3, _ = run(
        "scan", str(ARTICLES), "--no-store", "--format", "json", "--fail-on", "never"
    )
    assert [f["id"] for f in findings] == [f["id"] for f in json.loads(out3)["findings"]]


def test_compare_bad_input_exit_2() -> None:
    code, _, err = run("compare", "-", input='{"type": "claim", "id": 3}\nnot json\n')
    assert code == 2 and "-:1" in err


@pytest.mark.model
def test_jobs_two_gives_identical_output(tmp_path: Path) -> None:
    """Forked workers must not change a byte of the report (18 articles: more than one chunk)."""
    for i in range(18):
        src = sorted(ARTICLES.glob("*.txt"))[i % 5]
        (tmp_path / f"copy{i:02d}_{src.name}").write_text(
            src.read_text(encoding="utf-8"), encoding="utf-8"
        )
    args = ["scan", str(tmp_path), "--no-store", "--format", "json", "--fail-on", "never"]
    one = run(*args, "--jobs", "1")
    two = run(*args, "--jobs", "2")
    assert one[0] == two[0] == 0
    assert one[1] == two[1]
    assert len(json.loads(one[1])["articles"]) == 18


@pytest.mark.model
def test_article_date_from_dateline_and_front_matter_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Talks in Bishkek\n\nFeb 4, 2019 | 19:37 GMT\n"
        "Russian Foreign Minister Sergei Lavrov said on Monday that Russia is ready to talk.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.md").write_text(
        "---\nid: my-stable-id\noutlet: Somewhere\n---\nPutin arrived in Bishkek on Tuesday.\n",
        encoding="utf-8",
    )
    code, out, _ = run("scan", str(tmp_path), "--no-store", "--format", "json")
    assert code == 0
    arts = {a["id"]: a for a in json.loads(out)["articles"]}
    assert arts["a"]["published"] == "2019-02-04" and arts["a"]["published_source"] == "text"
    assert (
        arts["my-stable-id"]["published"] is None
        and arts["my-stable-id"]["published_source"] is None
    )
    claims = json.loads(out)["claims"]
    for c in claims:
        if c["article_id"] == "my-stable-id" and c["when"]:
            assert c["when"]["value"].startswith("XXXX"), c["when"]  # no date: never guessed


@pytest.mark.model
def test_default_format_is_table_on_a_terminal() -> None:
    """Standard output a terminal: the rich table; the same command piped gives JSON."""
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [*KANTCHECK, "scan", str(ARTICLES), "--no-store", "--quiet"],
        stdout=follower,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "160"},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(300)
    os.close(leader)
    out = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 1  # the seeds' founding contradiction
    assert "Articles" in out and "contradiction" in out and not out.lstrip().startswith("{")


def test_gazetteer_reference_errors_name_their_lines(tmp_path: Path) -> None:
    bad = tmp_path / "g.yaml"
    bad.write_text(
        "entities:\n"
        "  - {id: kant, type: place, name: Kant, source: t}\n"
        "  - {id: kant, type: place, name: Kant again, source: t}\n"
        "offices:\n"
        "  - id: p\n"
        "    name: P\n"
        "    holders:\n"
        "      - {person: kant, start: 2001, source: t}\n"
        "      - {person: nobody, start: 2002, source: t}\n"
    )
    code, _, err = run("gazetteer", "check", str(bad))
    assert code == 2
    assert f"{bad}:3: entities.1.id -> duplicate entity id 'kant'" in err
    assert f"{bad}:9: offices.0.holders.1.person -> unknown entity 'nobody'" in err
