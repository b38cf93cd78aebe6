import pytest

from newsroom.persian.text import ZWNJ, normalize, slugify, to_latin_digits, to_persian_digits


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("علي كريمي", "علی کریمی"),  # Arabic yeh and kaf
        ("مصطفى", "مصطفی"),  # alef maksura
        ("سال ٢٠٢٦", "سال ۲۰۲۶"),  # Arabic-Indic digits
        ("ﻛﺘﺎﺏ", "کتاب"),  # presentation forms, as pasted from old PDFs
        (f"می{ZWNJ}شود", f"می{ZWNJ}شود"),  # ZWNJ is Persian spelling: kept
        (f"می{ZWNJ}{ZWNJ}شود", f"می{ZWNJ}شود"),
        (f"کتاب {ZWNJ}ها", "کتاب ها"),
        ("a\u200bb\u200dc\ufeffd", "abcd"),  # zero-width space, joiner, BOM
        ("\u202eخبر\u202c", "خبر"),  # right-to-left override
        ("\u2066x\u2069\u200e\u200f\u061c", "x"),  # isolates and marks
        ("null\x00byte\x07", "nullbyte"),
        ("line\nbreak\ttab", "line\nbreak\ttab"),
    ],
)
def test_normalize_stores_persian_as_persian(typed, stored):
    assert normalize(typed) == stored


def test_digits_convert_both_ways():
    assert to_persian_digits(545469) == "۵۴۵۴۶۹"
    assert to_persian_digits("ساعت 22:44") == "ساعت ۲۲:۴۴"
    assert to_latin_digits("۵۴۵٤۶۹") == "545469"


def test_slugify_keeps_persian_letters():
    assert slugify("«کرمانشاه» به شبکه شهرهای یادگیرنده یونسکو پیوست") == (
        "کرمانشاه-به-شبکه-شهرهای-یادگیرنده-یونسکو-پیوست"
    )
    assert slugify(f"ورزش{ZWNJ}ها و بازي‌ها") == "ورزشها-و-بازیها"


@pytest.mark.parametrize("typed", ["۱۲", "١٢", "12", " ۱۲ "])
def test_a_whole_number_is_typed_in_any_digits_and_shown_in_persian(typed):
    from newsroom.persian.forms import PersianIntegerField

    field = PersianIntegerField(min_value=0)
    assert field.clean(typed) == 12
    assert field.widget.format_value(12) == "۱۲"


def test_a_whole_number_out_of_range_is_refused_in_persian():
    from django.core.exceptions import ValidationError

    from newsroom.persian.forms import PersianIntegerField

    field = PersianIntegerField(min_value=1, max_value=30)
    for typed, message in [("۰", "۱ یا بیشتر"), ("۳۱", "تا ۳۰"), ("دو", "عددی صحیح")]:
        with pytest.raises(ValidationError) as refused:
            field.clean(typed)
        assert message in refused.value.messages[0]
