# ruff: noqa: E501
"""Precision fixes found by judging claims on BBC news (benchmarks/judgments/bbc25_claims.tsv):
each test is one error class, on invented sentences of the same shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from kantcheck.claims.attribution import find_quotes


@pytest.fixture(scope="module")
def claims_of(tmp_path_factory):  # type: ignore[no-untyped-def]
    from kantcheck.claims import extract_claims, load_predicates
    from kantcheck.gazetteer import DEFAULT_GAZETTEER, load_gazetteer
    from kantcheck.ingest import discover, read_article
    from kantcheck.nlp.pipeline import build_pipeline

    nlp, _ = build_pipeline()
    gaz, _ = load_gazetteer(DEFAULT_GAZETTEER)
    vocab = load_predicates()
    folder = tmp_path_factory.mktemp("arts")
    counter = iter(range(10_000))

    def run(text: str):  # type: ignore[no-untyped-def]
        path = Path(folder) / f"a{next(counter)}.txt"
        path.write_text(text, encoding="utf-8")
        article = read_article(next(iter(discover([str(path)]))))
        doc = nlp.make_doc(article.body)  # type: ignore[union-attr]
        doc._.dct = article.published  # type: ignore[union-attr]
        doc = next(iter(nlp.pipe([doc])))
        return extract_claims(doc, article, gaz, vocab)  # type: ignore[arg-type]

    return run


def _counts(claims):  # type: ignore[no-untyped-def]
    return {(c.subject, c.figure.value) for c in claims if c.predicate == "count"}


def test_straight_quotes_left_open_end_at_the_next_opening_or_the_paragraph() -> None:
    text = '"First part. "Second part," said Mr Stone. It was "rich", he said.\n"Open to the end\nPlain text "x" here.'
    quotes = [text[a:b] for a, b in find_quotes(text)]
    assert quotes == ['"First part. ', '"Second part,"', '"rich"', '"Open to the end', '"x"']


def test_years_prices_ranks_shares_and_names_are_not_counts(claims_of) -> None:  # type: ignore[no-untyped-def]
    claims = claims_of(
        "TimeWarner also has to restate 2000 and 2003 results following a probe.\n\n"
        "In August 2004 Chinese authorities shut down 700 websites and arrested 224 people.\n\n"
        "The shares closed up four pence at 274.5 pence.\n\n"
        "The deal propelled it into the global top three of drinks firms.\n\n"
        "About six out of 20 women work in jobs that are low-paid.\n\n"
        "Women hold less than 10% of the top positions in FTSE 100 companies.\n\n"
        "Now you have got about five or six young guys coming up at the same time.\n"
    )
    counts = _counts(claims)
    assert ("website", 700) in counts and ("people", 224) in counts
    for subject, value in counts:
        assert value not in (2000, 2003, 2004, 274.5, 4, 3, 20, 100, 5, 6), (subject, value)


def test_a_sentence_initial_pronoun_continues_the_previous_subject(claims_of) -> None:  # type: ignore[no-untyped-def]
    claims = claims_of(
        "Ed Balls, the former adviser, said there would be no spending spree.\n\n"
        "Mr Balls, who stepped down from his post, had suggested that Mr Brown would meet his rule. "
        "He said he hoped more would be done.\n\n"
        'During an interview, Mr Balls said he was sure Mr Brown\'s Budget would be safe. "We did not see that before 2001," he said.\n'
    )
    said = [c for c in claims if c.predicate == "said"]
    assert said and all(c.subject in ("ed balls", "mr balls", "balls") for c in said), [
        (c.subject, c.evidence.sentence) for c in said
    ]
    # the quote's year is not the date of the saying
    assert all(c.when is None for c in said)


def test_it_after_an_unnamed_subject_is_not_guessed(claims_of) -> None:  # type: ignore[no-untyped-def]
    claims = claims_of(
        "The firm bought a stake in AOL Europe last year.\n\n"
        "The company said it was unable to estimate the amount. It said sales would fall.\n"
    )
    assert not [c for c in claims if c.predicate == "said" and c.subject == "aol europe"]


def test_speech_verbs_need_something_said(claims_of) -> None:  # type: ignore[no-untyped-def]
    claims = claims_of(
        "The White House will announce its budget on Monday.\n\n"
        "Microsoft said it would buy Sybari Software.\n"
    )
    said = {c.subject for c in claims if c.predicate == "said"}
    assert "microsoft" in said and "the white house" not in said


def test_a_postposed_speech_frame_is_not_attributed_to_the_speech_it_reports(claims_of) -> None:  # type: ignore[no-untyped-def]
    claims = claims_of(
        'Government guidance said e-mails should only be deleted if they served "no current purpose", Mr Thomas said.\n'
    )
    thomas = [c for c in claims if c.predicate == "said" and c.subject == "thomas"]
    assert thomas and thomas[0].attribution is None


def test_dates_of_a_fronted_phrase_or_a_programme_name_are_not_the_claims(claims_of) -> None:  # type: ignore[no-untyped-def]
    claims = claims_of(
        "---\npublished: 2004-12-10\n---\n"
        "Looking ahead to its full year results to March 2005, BA warned that yields were expected to decline.\n\n"
        "During an interview with BBC Radio 4's Today programme, Mr Balls said he was sure the Budget would be safe.\n"
    )
    said = [c for c in claims if c.predicate == "said"]
    assert {c.subject for c in said} >= {"ba", "mr balls"}
    assert all(c.when is None for c in said), [(c.subject, c.when) for c in said]


def test_reflexive_establish_founds_nothing(claims_of) -> None:  # type: ignore[no-untyped-def]
    claims = claims_of(
        "---\npublished: 2005-01-15\n---\nViotti established himself as chief conductor of the orchestra in 1998.\n"
    )
    assert not [c for c in claims if c.predicate == "established"]


def test_units_of_data_time_and_power_are_not_counted_things(claims_of) -> None:  # type: ignore[no-untyped-def]
    claims = claims_of(
        "---\npublished: 2005-01-15\n---\nThe iPod mini holds 6GB of music. The match kicks off at 2115 GMT. "
        "The dam will generate 12,600 MW of power.\n"
    )
    assert not [c for c in claims if c.predicate == "count"]
