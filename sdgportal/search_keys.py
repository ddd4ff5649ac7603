"""Search keys: one Latin spelling for the ways a name is written (Назарбаев, Nazarbayev).

A key is lower-case ASCII words, each after one space: ``search_key("Қазақстан") ==
" kazakstan"``. Letters are spelled in Latin by anyascii (Kazakh letters included), then
a few rules fold the spellings that transliterations of Russian and Kazakh names vary in.
The same key is computed in Python for the search words and, from the same tables, by the
database for the records (``postgresql_function``; SQLite calls ``search_key``).
"""

import re
import string

from anyascii import anyascii

_RUSSIAN_AND_KAZAKH = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"
# Letters of the Kazakh Latin alphabet (2021) whose Cyrillic counterpart anyascii spells in two.
_KAZAKH_LATIN = {"ş": "sh", "ç": "ch", "ñ": "ng"}


def _latin(character: str) -> str:
    if not character.isalnum():
        return " "
    # ъ and ь, spelled ', vanish.
    return _KAZAKH_LATIN.get(character.lower()) or re.sub(
        "[^a-z0-9]", "", anyascii(character).lower()
    )


# Printable ASCII, the Russian and Kazakh alphabets, Latin-1 and Latin Extended-A letters
# (ä, ö, ş, ı…); the common ones first, as PostgreSQL's translate() looks them up in order.
LATIN_SPELLINGS: dict[str, str] = {
    character: _latin(character)
    for character in (
        string.ascii_lowercase
        + string.digits
        + " "
        + _RUSSIAN_AND_KAZAKH
        + string.ascii_uppercase
        + string.punctuation
        + _RUSSIAN_AND_KAZAKH.upper()
        + "".join(chr(code) for code in range(0xC0, 0x180) if chr(code).isalpha())
    )
}
_TO_LATIN = str.maketrans(LATIN_SPELLINGS)
COMBINING_ACCENTS = r"[\u0300-\u036f]"  # of decomposed letters (и + ̆ for й): dropped first

# Applied in order to the key: regular expressions that Python and PostgreSQL read alike, or
# plain text where they need none (replaced faster).
FOLDS = [
    ("zh", "j"),  # Zhanna, Janna, Жанна
    ("kh", "k"),  # Kazakhstan, Казахстан
    ("q", "k"),  # Qazaqstan, Қазақстан
    ("gh", "g"),  # Ghalym, Galym, Ғалым
    ("([^cpstw])h", r"\1k"),  # Ahmetov, Akhmetov (not sh, ch, th, ph, wh)
    (" ye", " e"),  # Yerlan, Erlan, Ерлан
    ("y", "i"),  # Aygerim, Aigerim; Almaty, Almati; Dmitriy, Dmitrii
    ("([aeiou])i([aeiou])", r"\1\2"),  # Nazarbayev, Nazarbaev; Mariya, Maria
    (r"([a-z])\1+", r"\1"),  # Zhanna, Jana; Kassym, Kasym
]


def _is_plain(pattern: str) -> bool:
    return re.fullmatch("[a-z ]+", pattern) is not None


def search_key(text: str) -> str:
    """The text's words spelled in Latin and folded, each after one space."""
    latin = re.sub(COMBINING_ACCENTS, "", text).translate(_TO_LATIN)
    key = "".join(f" {word}" for word in re.findall("[a-z0-9]+", latin))
    for pattern, replacement in FOLDS:
        if _is_plain(pattern):
            key = key.replace(pattern, replacement)
        else:
            key = re.sub(pattern, replacement, key)
    return key


def postgresql_function(name: str) -> str:
    """SQL creating the PostgreSQL function ``name(VARIADIC texts)``: their ``search_key``."""
    spelled = "t"
    for letter, spelling in LATIN_SPELLINGS.items():
        if len(spelling) != 1:
            spelled = f"replace({spelled}, {_literal(letter)}, {_literal(spelling)})"
    single = {
        letter: spelling for letter, spelling in LATIN_SPELLINGS.items() if len(spelling) == 1
    }
    folds = "".join(
        f"  t := replace(t, {_literal(pattern)}, {_literal(replacement)});\n"
        if _is_plain(pattern)
        else f"  t := regexp_replace(t, {_literal(pattern)}, {_literal(replacement)}, 'g');\n"
        for pattern, replacement in FOLDS
    )
    # translate() compares each character with its list in turn: it is slow, so it is spared
    # plain ASCII text, and lower case leads its list.
    return f"""CREATE OR REPLACE FUNCTION {name}(VARIADIC texts text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  t text := lower(array_to_string(texts, ' '));
BEGIN
  IF t ~ '[^\\x01-\\x7f]' THEN
    t := regexp_replace(t, {_literal(COMBINING_ACCENTS)}, '', 'g');
    t := translate({spelled}, {_literal("".join(single))}, {_literal("".join(single.values()))});
  END IF;
  t := rtrim(regexp_replace(' ' || t, '[^a-z0-9]+', ' ', 'g'));
  IF t = '' THEN
    RETURN t;
  END IF;
{folds}  RETURN t;
END $$"""


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
