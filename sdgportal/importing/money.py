"""Find sums of money in English, Russian and Kazakh text: "1.8 billion tenge", "$740,000".

A number is money only next to a currency word, code or sign. A mention's span covers the
amount and its currency, not a qualifier before it ("over", "около"): that sets ``approximate``.
"""

import re
from decimal import Decimal

from sdgportal.importing.records import Money, MoneyMention

_SPACES = "\u0020\u00a0\u2009\u202f"
# The first digit comes before the look-behind so the engine can skip from digit to digit.
_NUMBER = (
    r"\d(?<![\w.,]\d)"
    rf"(?:\d{{0,2}}(?:[,{_SPACES}]\d{{3}})+(?:[.,]\d+)?"  # 1,500,000  1 500 000,5
    r"|\d{0,2}(?:\.\d{3}){2,}(?:,\d+)?"  # 1.500.000
    r"|\d*(?:[.,]\d+)?)"  # 1.8  2,5  740000
)
_SCALES = {
    10**3: ("thousands", "thousand", "тысячи", "тысяча", "тысяч", "тыс.", "тыс", "мың", "k"),
    10**6: ("millions", "million", "миллионов", "миллиона", "миллион", "млн.", "млн", "mln"),
    10**9: ("billions", "billion", "миллиардов", "миллиарда", "миллиард", "млрд.", "млрд", "bln"),
    10**12: ("trillions", "trillion", "триллионов", "триллиона", "триллион", "трлн.", "трлн"),
}
_SHORT_SCALES = {"mn": 10**6, "m": 10**6, "bn": 10**9, "tn": 10**12}
_SCALE_OF = {word.rstrip("."): factor for factor, words in _SCALES.items() for word in words}
_SCALE_OF.update(_SHORT_SCALES)
_SCALE = "|".join(
    re.escape(word)
    for word in sorted([*_SCALE_OF, "тыс.", "млн.", "млрд.", "трлн."], key=len)[::-1]
)
_CYRILLIC_SCALE = re.compile(r"[а-яё]", re.IGNORECASE)
_SPACE = re.compile(f"[{_SPACES}]")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DIGIT_NEXT = re.compile(r"\s?\d")

# Currency words after the amount, most specific first; each maps to an ISO 4217 code.
_SUFFIXES = (
    ("USD", r"(?:US|U\.S\.|American)\s+dollars?|dollars?|USD|US\$|\$"),
    ("USD", r"доллар\w*(?:\s+США)?|долл\.(?:\s*США)?|АҚШ\s+доллар\w*"),
    ("KZT", r"tenge|тенге|теңге\w*|тг\.?|KZT|₸"),
    ("EUR", r"euros?|EUR|€|евро|еуро"),
    ("RUB", r"roubles?|rubles?|RUB|рубл\w*|руб\.|₽"),
    ("GBP", r"pounds?\s+sterling|GBP|£"),
    ("CNY", r"yuan|CNY|юан\w*"),
    ("CHF", r"Swiss\s+francs?|CHF"),
)
_PREFIXES = (
    ("USD", r"US\s?\$|USD|\$"),
    ("KZT", r"KZT|₸"),
    ("EUR", r"EUR|€"),
    ("RUB", r"RUB|₽"),
    ("GBP", r"GBP|£"),
    ("CNY", r"CNY"),
    ("CHF", r"CHF"),
)
_SUFFIX_GROUPS = "|".join(f"(?P<s{i}>{p})" for i, (_, p) in enumerate(_SUFFIXES))
_PREFIX_GROUPS = "|".join(f"(?P<p{i}>{p})" for i, (_, p) in enumerate(_PREFIXES))
_AMOUNT = re.compile(
    # A sum opens with a digit, a currency sign or a code: a cheap first test at each position.
    r"(?=[\d$€£₸₽UKERGC])"
    rf"(?:(?<![\w$€£₸₽])(?:{_PREFIX_GROUPS})\s?(?P<pnum>{_NUMBER})"
    rf"(?:\s?(?P<pscale>{_SCALE})(?!\w))?"
    rf"|(?P<snum>{_NUMBER})(?:\s*(?P<sscale>{_SCALE})(?!\w))?\s*(?:of\s+)?"
    rf"(?:{_SUFFIX_GROUPS})(?!\w))",
    re.IGNORECASE,
)
_APPROXIMATE_BEFORE = re.compile(
    r"(?:(?<!\w)(?:over|about|approximately|approx\.|around|nearly|almost|roughly|some|circa|"
    r"more\s+than|less\s+than|up\s+to|at\s+least|close\s+to|in\s+excess\s+of|(?:an\s+)?estimated|"
    r"свыше|около|более(?:\s+чем)?|порядка|почти|примерно|приблизительно|менее|не\s+менее|"
    r"не\s+более|до|шамамен)|[~≈<>])\s*\Z",
    re.IGNORECASE,
)
# Kazakh puts the qualifier after the sum: "1 млрд теңгеден астам" (more than 1 billion tenge).
_APPROXIMATE_AFTER = re.compile(r"\s+(?:астам|жуық|аса|шамасында)(?!\w)", re.IGNORECASE)
# An equivalent in brackets after a sum: "1.8 billion tenge (over 4.3 million US dollars)".
_CONVERSION_GAP = re.compile(r"\s*[(\[][^()\[\]\d\n]{0,30}")


def find_amounts(text: str) -> list[MoneyMention]:
    """Every sum of money in reading order, as an exact amount in an ISO 4217 currency."""
    mentions: list[MoneyMention] = []
    position = 0
    while match := _AMOUNT.search(text, position):
        position = match.end()
        if _year_before_prefix(text, match):
            position = match.end("snum")
            continue
        money = _money(match)
        if money is None:
            continue
        start, end = match.span()
        before = text[max(0, start - 30) : start]
        approximate = bool(
            _APPROXIMATE_BEFORE.search(before) or _APPROXIMATE_AFTER.match(text, end)
        )
        conversion = bool(mentions) and bool(
            _CONVERSION_GAP.fullmatch(text, mentions[-1].span[1], start)
        )
        mentions.append(
            MoneyMention(
                money=money,
                span=(start, end),
                text=text[start:end],
                approximate=approximate,
                conversion=conversion,
            )
        )
    return mentions


def _year_before_prefix(text: str, match: re.Match[str]) -> bool:
    """ "In 2023 USD 5 million…": the code belongs to the 5 million, not to the year."""
    return (
        match["snum"] is not None
        and match["sscale"] is None
        and _YEAR.fullmatch(match["snum"]) is not None
        and _DIGIT_NEXT.match(text, match.end()) is not None
    )


def _money(match: re.Match[str]) -> Money | None:
    groups = match.groupdict()
    if groups["pnum"] is not None:
        number, scale = groups["pnum"], groups["pscale"]
        currency = next(code for i, (code, _) in enumerate(_PREFIXES) if groups[f"p{i}"])
    else:
        number, scale = groups["snum"], groups["sscale"]
        currency = next(code for i, (code, _) in enumerate(_SUFFIXES) if groups[f"s{i}"])
    factor = _SCALE_OF[scale.lower().rstrip(".")] if scale else 1
    cyrillic = bool(scale and _CYRILLIC_SCALE.search(scale))
    amount = _decimal(number, decimal_comma=cyrillic) * factor
    if amount == 0:
        return None
    if amount == amount.to_integral_value():
        amount = amount.quantize(Decimal(1))
    return Money(amount=amount, currency=currency)


def _decimal(number: str, *, decimal_comma: bool) -> Decimal:
    """Read "1,500.5", "1 500,5", "1.500.000", "2,5": a lone comma before three digits groups
    thousands, unless the scale word is Russian or Kazakh ("1,500 млрд" is 1.5 billion)."""
    digits = _SPACE.sub("", number)
    if "," in digits and "." in digits:
        if digits.rfind(",") > digits.rfind("."):
            digits = digits.replace(".", "").replace(",", ".")
        else:
            digits = digits.replace(",", "")
    elif "," in digits:
        groups = digits.split(",")
        if len(groups) == 2 and (len(groups[1]) != 3 or decimal_comma):
            digits = digits.replace(",", ".")
        else:
            digits = digits.replace(",", "")
    elif digits.count(".") > 1:
        digits = digits.replace(".", "")
    return Decimal(digits)
