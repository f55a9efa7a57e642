"""Vietnamese names sort in Vietnamese order on SQLite and PostgreSQL."""

import random

import pytest

from tests.factories import make_federation, make_superior
from unions.collation import vi_sort_key
from unions.models import Unit, UnitKind

# Vietnamese dictionary order: A < Ă < Â < B … D < Đ < E < Ê … O < Ô < Ơ … U < Ư … Y.
EXPECTED = ["An", "Ăn", "Ân", "Bình", "Dào", "Đoàn", "Em", "Êm", "Ong", "Ông", "Ơn", "Uyên", "Ưng", "Xuân", "Yên"]


def shuffled(words: list[str]) -> list[str]:
    """The words in another order (fixed seed), so sorting has work to do."""
    mixed = random.Random(143).sample(words, len(words))
    assert mixed != words
    return mixed


def test_the_python_key_orders_letters_as_vietnamese_does():
    assert sorted(shuffled(EXPECTED), key=vi_sort_key) == EXPECTED


def test_tones_only_break_ties_after_the_letters():
    words = ["ma", "mà", "mả", "mã", "má", "mạ", "mai"]
    assert sorted(shuffled(words), key=vi_sort_key) == words


def test_decomposed_text_sorts_like_composed_text():
    import unicodedata

    assert vi_sort_key(unicodedata.normalize("NFD", "Đoàn Kết")) == vi_sort_key("Đoàn Kết")


@pytest.mark.django_db
def test_the_database_orders_unit_names_in_vietnamese_order():
    federation = make_federation(name="Liên đoàn")
    for name in reversed(EXPECTED):
        make_superior(federation, name=name)
    names = list(Unit.objects.filter(kind=UnitKind.SUPERIOR).vi_ordered().values_list("name", flat=True))
    assert names == EXPECTED


@pytest.mark.django_db
def test_the_default_ordering_of_units_is_vietnamese():
    federation = make_federation(name="Liên đoàn")
    for name in ["Đoàn Kết", "Dào San", "Zơ", "Ăn"]:
        make_superior(federation, name=name)
    names = list(Unit.objects.filter(kind=UnitKind.SUPERIOR).values_list("name", flat=True))
    assert names == ["Ăn", "Dào San", "Đoàn Kết", "Zơ"]


@pytest.mark.django_db
def test_both_databases_agree_on_tones_case_spaces_and_digits():
    words = ["1a", "a b", "a1", "ab", "ma", "Ma", "mà", "mả", "mã", "má", "mạ", "mai"]
    federation = make_federation(name="Liên đoàn")
    for name in reversed(words):
        make_superior(federation, name=name)
    names = list(Unit.objects.filter(kind=UnitKind.SUPERIOR).vi_ordered().values_list("name", flat=True))
    assert names == words == sorted(shuffled(words), key=vi_sort_key)
