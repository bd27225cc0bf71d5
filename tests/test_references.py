"""References a reader can check in one click: authors, volume, pages, DOI, PMID or url."""

from __future__ import annotations

from pathlib import Path

import pytest

from personalize.core.answer import load_answer, parse_answer
from personalize.core.render import render
from personalize.errors import AnswerError

CONTENT = sorted((Path(__file__).resolve().parent.parent / "content").glob("*.md"))

SOURCE = """+++
id = "duffy"
question = "Why are some neutrophil counts low?"

[[references]]
id = "reich-2009"
kind = "review"
title = "Reduced neutrophil count in people of African descent."
authors = "Reich D, Nalls MA, Kao WH, et al."
container = "PLoS Genetics"
year = 2009
volume = 5
pages = "e1000360"
doi = "{doi}"
pmid = {pmid}
url = "{url}"
+++

The Duffy-null variant lowers the neutrophil count [@reich-2009].
"""


def source(doi="10.1371/journal.pgen.1000360", pmid="19180233", url="https://journals.plos.org/"):
    return SOURCE.format(doi=doi, pmid=pmid, url=url)


def problems(text):
    with pytest.raises(AnswerError) as info:
        parse_answer(text, source="duffy.md")
    return {p.field: p for p in info.value.problems}


def test_a_reference_keeps_authors_volume_pages_and_identifiers():
    ref = parse_answer(source()).references[0]
    assert ref.authors == "Reich D, Nalls MA, Kao WH, et al."
    assert (ref.volume, ref.pages) == ("5", "e1000360")
    assert ref.doi_url == "https://doi.org/10.1371/journal.pgen.1000360"
    assert ref.pubmed_url == "https://pubmed.ncbi.nlm.nih.gov/19180233/"
    assert ref.link == ref.doi_url  # the DOI first: it resolves to the publisher's page


@pytest.mark.parametrize("edit, field, words, line", [
    ({"doi": "https://doi.org/10.1371/journal.pgen.1000360"}, "doi", "not a DOI", 14),
    ({"doi": "doi:10.1056/x"}, "doi", "not a DOI", 14),
    ({"doi": "10.10/short-registrant"}, "doi", "not a DOI", 14),
    ({"pmid": '"PMC4475460"'}, "pmid", "not a PubMed id", 15),
    ({"pmid": '"259 46282"'}, "pmid", "not a PubMed id", 15),
    ({"url": "javascript:alert(1)"}, "url", "http:// or https://", 16),
    ({"url": "ftp://example.org/paper.pdf"}, "url", "http:// or https://", 16),
])
def test_a_bad_identifier_is_named_with_its_line_and_field(edit, field, words, line):
    found = problems(source(**edit))
    problem = found[f"references[0].{field}"]
    assert words in problem.message and problem.line == line and problem.hint


def test_a_stored_revision_with_a_bad_identifier_stays_readable_without_it():
    ref = parse_answer(source(doi="doi:10.1/x", pmid='"x1"', url="javascript:alert(1)"),
                       lenient=True).references[0]
    assert (ref.doi, ref.pmid, ref.url, ref.link) == ("", "", "", "")


def test_the_references_list_links_the_doi_pubmed_or_the_url(catalog):
    def html(**edit):
        answer = parse_answer(source(**edit), audiences=catalog.audiences)
        return render(answer, catalog.profiles["clinician"], catalog.lexicon("en")).html

    page = html()
    assert '<a href="https://doi.org/10.1371/journal.pgen.1000360" rel="noopener">Reduced' in page
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/19180233/"' in page and "PMID: 19180233" in page
    assert "Reich D, Nalls MA, Kao WH, et al.</span>" in page
    assert "PLoS Genetics, 2009;5:e1000360." in page
    pubmed_only = html(doi="", url="")
    pubmed = '<a href="https://pubmed.ncbi.nlm.nih.gov/19180233/" rel="noopener">Reduced'
    assert pubmed in pubmed_only
    label = html(doi="", pmid='""', url="https://www.accessdata.fda.gov/label.pdf")
    assert '<a href="https://www.accessdata.fda.gov/label.pdf" rel="noopener">Reduced' in label
    assert "doi:" not in label and "PMID" not in label


@pytest.mark.parametrize("path", CONTENT, ids=lambda p: p.stem)
def test_every_shipped_reference_can_be_checked_in_one_click(path, catalog):
    answer = load_answer(path, catalog.audiences)
    missing = [r.id for r in answer.references if not r.link]
    assert not missing, f"{path.name}: no DOI, PMID or url for {missing}"
    assert answer.status != "approved"  # no clinician has reviewed the shipped answers


def test_a_doi_cannot_break_out_of_its_link(catalog):
    answer = parse_answer(source(doi='10.1234/x\\"onmouseover=alert(1)<b>', pmid='""', url=""),
                          audiences=catalog.audiences)
    html = render(answer, catalog.profiles["clinician"], catalog.lexicon("en")).html
    assert 'href="https://doi.org/10.1234/x%22onmouseover%3Dalert(1)%3Cb%3E"' in html
    assert "doi:10.1234/x&#34;onmouseover=alert(1)&lt;b&gt;" in html
    assert "<b>" not in html and '"onmouseover' not in html
