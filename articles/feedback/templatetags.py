"""How the usefulness report writes its numbers for people: «۰٫۳۰», «۱۷٪», «—» for none."""

from django import template

from newsroom.persian.text import format_decimal, to_persian_digits

register = template.Library()

NONE = "—"


@register.filter
def fa_decimal(value: float | None, places: int = 2) -> str:
    """{{ score|fa_decimal }} → ۰٫۳۰ (the Persian decimal separator, never «.»)"""
    return NONE if value is None else format_decimal(value, places)


@register.filter
def fa_percent(value: float | None) -> str:
    """{{ percent|fa_percent }} → ۱۷٪ (a whole percent, the sign after the number)"""
    return NONE if value is None else f"{to_persian_digits(round(value))}٪"
