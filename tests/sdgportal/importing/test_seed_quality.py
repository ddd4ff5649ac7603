"""The extraction measured against the hand-made annotation of the five seed documents."""

from pathlib import Path

import pytest
from django.conf import settings

from sdgportal.importing.evaluation import RECORD_TYPES, load_gold, score
from sdgportal.importing.extract import extract_document
from sdgportal.importing.reading import read_document

GOLD = Path(__file__).parent / "gold"


@pytest.fixture(scope="module")
def scores():
    seeds = sorted(Path(settings.SEEDS_DIR).glob("*.txt"))
    documents = [extract_document(path.name, read_document(path)) for path in seeds]
    return score(documents, load_gold(GOLD))


@pytest.mark.parametrize("record_type", RECORD_TYPES)
def test_precision_and_recall_on_the_seeds_reach_nine_tenths(scores, record_type):
    result = scores[record_type]

    assert (result.precision >= 0.9, result.recall >= 0.9) == (True, True), (
        f"{record_type}: precision {result.precision:.2f}, recall {result.recall:.2f}"
    )
