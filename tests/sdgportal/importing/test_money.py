from decimal import Decimal

import pytest

from sdgportal.importing.money import find_amounts
from sdgportal.importing.records import Money, MoneyMention


def sum_of(text, fragment, amount, currency, *, approximate=False, conversion=False):
    """The mention of ``fragment``, the first time it occurs in ``text``."""
    offset = text.index(fragment)
    return MoneyMention(
        money=Money(Decimal(amount), currency),
        span=(offset, offset + len(fragment)),
        text=fragment,
        approximate=approximate,
        conversion=conversion,
    )


@pytest.mark.parametrize(
    ("text", "fragment", "amount", "currency"),
    [
        # English, currency after the number
        ("Grants worth 1.8 billion tenge were provided.", "1.8 billion tenge", "1800000000", "KZT"),
        ("A fund of 5 thousand dollars", "5 thousand dollars", "5000", "USD"),
        ("It cost 12,500.75 dollars.", "12,500.75 dollars", "12500.75", "USD"),
        ("a budget of 300 mln KZT", "300 mln KZT", "300000000", "KZT"),
        ("0.5 million euros were pledged", "0.5 million euros", "500000", "EUR"),
        ("paid 1 250 000 tenge in total", "1 250 000 tenge", "1250000", "KZT"),
        ("a grant of 2\u00a0400\u00a0000 tenge", "2\u00a0400\u00a0000 tenge", "2400000", "KZT"),
        ("a grant of 75\u2009000 tenge", "75\u2009000 tenge", "75000", "KZT"),
        ("with 20 million U.S. dollars", "20 million U.S. dollars", "20000000", "USD"),
        ("a loan of 3 billion rubles", "3 billion rubles", "3000000000", "RUB"),
        ("a prize of 10 000 ₸", "10 000 ₸", "10000", "KZT"),
        # English, currency before the number
        ("The Programme (US$ 5.3 million) operates", "US$ 5.3 million", "5300000", "USD"),
        ("contributions totalling USD 10 million", "USD 10 million", "10000000", "USD"),
        ("a contribution of $740,000.", "$740,000", "740000", "USD"),
        ("an extra €2 million", "€2 million", "2000000", "EUR"),
        ("EUR 1.5 million for water projects", "EUR 1.5 million", "1500000", "EUR"),
        ("KZT 2.4 billion was allocated", "KZT 2.4 billion", "2400000000", "KZT"),
        ("raised $5m last year", "$5m", "5000000", "USD"),
        ("a $2.5bn programme", "$2.5bn", "2500000000", "USD"),
        ("GBP 300,000 from the embassy", "GBP 300,000", "300000", "GBP"),
        # Russian and Kazakh
        ("выделено 2,5 млрд тенге на проекты", "2,5 млрд тенге", "2500000000", "KZT"),
        ("выделено 28 млрд тенге", "28 млрд тенге", "28000000000", "KZT"),
        ("грант 1 500 000 тенге", "1 500 000 тенге", "1500000", "KZT"),
        ("грант 1.500.000 тенге", "1.500.000 тенге", "1500000", "KZT"),
        ("грант 500 тыс. тенге", "500 тыс. тенге", "500000", "KZT"),
        ("займ 3 млн долларов США", "3 млн долларов США", "3000000", "USD"),
        ("займ 1,25 млн долл. США", "1,25 млн долл. США", "1250000", "USD"),
        ("10 млн евро от ЕС", "10 млн евро", "10000000", "EUR"),
        ("бюджет 4,5 миллиарда рублей", "4,5 миллиарда рублей", "4500000000", "RUB"),
        ("стоимость 2 000 000,50 тенге", "2 000 000,50 тенге", "2000000.50", "KZT"),
        ("150 млн теңге бөлінді", "150 млн теңге", "150000000", "KZT"),
        ("5 мың теңге", "5 мың теңге", "5000", "KZT"),
        ("5 млн АҚШ доллары", "5 млн АҚШ доллары", "5000000", "USD"),
        ("2 млн еуро бөлінді", "2 млн еуро", "2000000", "EUR"),
    ],
)
def test_find_amounts_reads_each_form(text, fragment, amount, currency):
    assert find_amounts(text) == [sum_of(text, fragment, amount, currency)]


@pytest.mark.parametrize(
    ("text", "fragment", "amount", "currency"),
    [
        ("over 4.3 million US dollars", "4.3 million US dollars", "4300000", "USD"),
        ("Approximately 305.4 million tenge", "305.4 million tenge", "305400000", "KZT"),
        ("about $1 million", "$1 million", "1000000", "USD"),
        ("around EUR 200,000", "EUR 200,000", "200000", "EUR"),
        ("nearly 2 billion tenge", "2 billion tenge", "2000000000", "KZT"),
        ("almost 900 000 tenge", "900 000 tenge", "900000", "KZT"),
        ("more than 50 million tenge", "50 million tenge", "50000000", "KZT"),
        ("grants of up to 3 million tenge", "3 million tenge", "3000000", "KZT"),
        ("Более 28 млрд тенге из возвращённых активов", "28 млрд тенге", "28000000000", "KZT"),
        ("свыше 1 млн тенге", "1 млн тенге", "1000000", "KZT"),
        ("около 1,5 млн тенге", "1,5 млн тенге", "1500000", "KZT"),
        ("порядка 300 млн тенге", "300 млн тенге", "300000000", "KZT"),
        ("2 млрд теңгеден астам бөлінді", "2 млрд теңгеден", "2000000000", "KZT"),
    ],
)
def test_find_amounts_marks_approximate_sums(text, fragment, amount, currency):
    assert find_amounts(text) == [sum_of(text, fragment, amount, currency, approximate=True)]


def test_find_amounts_marks_an_equivalent_in_brackets():
    text = (
        "In 2020, grants were provided worth 1.8 billion tenge (over 4.3 million US dollars). "
        "Approximately 305.4 million tenge ($740,000) was allocated."
    )

    assert find_amounts(text) == [
        sum_of(text, "1.8 billion tenge", "1800000000", "KZT"),
        sum_of(text, "4.3 million US dollars", "4300000", "USD", approximate=True, conversion=True),
        sum_of(text, "305.4 million tenge", "305400000", "KZT", approximate=True),
        sum_of(text, "$740,000", "740000", "USD", conversion=True),
    ]


def test_find_amounts_keeps_a_bracketed_sum_far_from_another_apart():
    text = "It received 2 million tenge. The fund (EUR 5,000 a year) is new."

    assert find_amounts(text) == [
        sum_of(text, "2 million tenge", "2000000", "KZT"),
        sum_of(text, "EUR 5,000", "5000", "EUR"),
    ]


def test_find_amounts_gives_a_code_after_a_year_to_the_sum_that_follows():
    text = "In 2023 USD 5 million was raised, in 2024 another 3 million tenge."

    assert find_amounts(text) == [
        sum_of(text, "USD 5 million", "5000000", "USD"),
        sum_of(text, "3 million tenge", "3000000", "KZT"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "575 million people will still be living in extreme poverty",
        "Total number of views was more than 30 000 for 8 months",
        "In 2020, 116 projects were funded",
        "SDG 16 and 17 Republican seminars",
        "1 in 3 women and 1.5 million girls",
        "over 1000 participants from 70 countries",
        "the Dollar Street exhibition and tenge exchange rates",
        "a 0 tenge fee",
    ],
)
def test_find_amounts_ignores_numbers_that_are_not_money(text):
    assert find_amounts(text) == []
