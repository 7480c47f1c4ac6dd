"""The page's example questions each find passages in the records the project ships: none names
a date, place or order that the records lack."""
import pytest


from rag import Searcher, update_index
from ui.app import EXAMPLES


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    from conftest import BigramEncoder, shipped_seeds
    encoder = BigramEncoder()
    folder = tmp_path_factory.mktemp("shipped")
    index = folder / "index"
    update_index(shipped_seeds(folder), index, encoder=encoder, model=encoder.name, progress=None)
    return Searcher(index, encoder=encoder)


@pytest.mark.parametrize("question", EXAMPLES)
def test_each_example_finds_passages_in_the_shipped_records(question, shipped):
    hits, understood = shipped.ask(question, k=3)
    assert hits and not understood.nothing_passes and not understood.unmatched_date
    assert understood.session_order is None or understood.order_date
    if "几次" in question:          # how often: every session holding the term, within the span
        assert understood.filters == {"date_from": "2020-01-01"} and understood.term_dates
    if "部分" in question:          # the outline example: the poverty speech's four parts
        assert understood.outline is not None and len(understood.outline.headings) == 4
