"""Persian text: normalisation on the way in, digits and slugs on the way out."""

import re
import unicodedata

from django.utils.text import slugify as django_slugify

ZWNJ = "\u200c"

LATIN_DIGITS = "0123456789"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"

_TO_PERSIAN_DIGITS = str.maketrans(LATIN_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)
_TO_LATIN_DIGITS = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)

# Arabic letters typed where Persian is meant (Arabic keyboards, old Windows layouts).
_LETTERS = str.maketrans(
    {
        "\u064a": "\u06cc",  # ي → ی
        "\u0649": "\u06cc",  # ى → ی
        "\u0643": "\u06a9",  # ك → ک
    }
)

# Characters that change how text is shown without being text: zero-width spaces and
# joiners (ZWNJ excepted: Persian spelling needs it), byte-order marks, soft hyphens and
# every bidirectional control, which can make a comment display other than it reads.
INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200d"  # zero-width space, zero-width joiner
    "\u200e\u200f"  # LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner and invisible operators
    "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
    "\u206a\u206b\u206c\u206d\u206e\u206f"  # deprecated format characters
    "\ufeff"  # byte-order mark / zero-width no-break space
)
# C0/C1 control characters other than tab, line feed and carriage return.
CONTROL = "".join(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
CONTROL += "".join(chr(c) for c in range(0x7F, 0xA0))
_DROP = str.maketrans(dict.fromkeys(INVISIBLE + CONTROL))

_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
# Every character normalize() would change; text without any is returned as it came.
_NEEDS_NORMALIZING = re.compile(
    "[\ufb50-\ufdff\ufe70-\ufefe\u064a\u0649\u0643\u0660-\u0669\u200c"
    + re.escape(INVISIBLE + CONTROL)
    + "]"
)
_ZWNJ_RUN = re.compile(f"{ZWNJ}{{2,}}")
_ZWNJ_BY_SPACE = re.compile(f" *{ZWNJ}+ +| +{ZWNJ}+ *")


def normalize(text: str) -> str:
    """Persian text as we store it.

    Arabic ي/ك become ی/ک, Arabic-Indic digits become Persian ones, Arabic presentation
    forms become plain letters, invisible and control characters other than ZWNJ are
    dropped and stray ZWNJs (doubled, or beside a space) are tidied.
    """
    if not text:
        return text
    text = unicodedata.normalize("NFC", text)
    if _NEEDS_NORMALIZING.search(text) is None:  # most text: one scan, no copies
        return text
    text = _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = text.translate(_LETTERS).translate(_DROP)
    text = text.translate(str.maketrans(ARABIC_DIGITS, PERSIAN_DIGITS))
    text = _ZWNJ_RUN.sub(ZWNJ, text)
    return _ZWNJ_BY_SPACE.sub(" ", text)


def to_persian_digits(value: object) -> str:
    """Latin and Arabic-Indic digits in `value` as Persian digits."""
    return str(value).translate(_TO_PERSIAN_DIGITS)


def to_latin_digits(value: object) -> str:
    """Persian and Arabic-Indic digits in `value` as Latin digits (for parsing)."""
    return str(value).translate(_TO_LATIN_DIGITS)


def slugify(text: str, max_length: int = 80) -> str:
    """A Unicode slug that keeps Persian letters: «ورزش ایران» → «ورزش-ایران»."""
    slug = django_slugify(normalize(text).replace(ZWNJ, ""), allow_unicode=True)
    return slug[:max_length].strip("-")


def format_decimal(value: float, places: int = 2) -> str:
    """0.3006 → «۰٫۳۰»: Persian digits and the Persian decimal separator."""
    return to_persian_digits(f"{value:.{places}f}").replace(".", "٫")


# Loose matching for search: one form for the many ways Persian gets typed.
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_FOLD_CHARS = {
    "آ": "ا", "أ": "ا", "إ": "ا", "ٱ": "ا", "ة": "ه", "ۀ": "ه", "ؤ": "و", "ئ": "ی",
    "ء": "", "ـ": "",
    **dict(zip(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2, strict=True)),
}  # fmt: skip
_NON_WORD = re.compile(r"[^\w]+")
_FOLDED_AWAY = re.compile("[" + "".join(_FOLD_CHARS) + "]")


def _fold_char(match: re.Match) -> str:
    # A regex with a lookup beats str.translate here: few characters change in long text.
    return _FOLD_CHARS[match.group()]


# Written apart, with a half-space or glued: «می شود», «می‌شود», «میشود» are one word here.
JOINING_PREFIXES = frozenset({"می", "نمی"})
JOINING_SUFFIXES = frozenset(
    {"ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان",
     "تر", "ترین", "ام", "ای", "ایم", "اید", "اند"}
)  # fmt: skip


def fold(text: str) -> str:
    """`text` reduced for matching: «می شود», «مي‌شود» and «میشود» all become «میشود».

    Normalised letters, no diacritics or tatweel, Latin digits, lower case, punctuation as
    spaces, and the prefixes and suffixes Persian writes with a ZWNJ joined to their word.
    """
    text = normalize(text or "")
    text = _DIACRITICS.sub("", text).replace(ZWNJ, "")
    text = _FOLDED_AWAY.sub(_fold_char, text)
    words = _NON_WORD.sub(" ", text.casefold()).split()
    joined: list[str] = []
    for word in words:
        if joined and (word in JOINING_SUFFIXES or joined[-1] in JOINING_PREFIXES):
            joined[-1] += word
        else:
            joined.append(word)
    return " ".join(joined)
