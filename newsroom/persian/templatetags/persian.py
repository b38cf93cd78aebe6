"""Presentation filters for Persian readers, available in every template."""

from django import template

from newsroom.persian.jalali import format_date, format_datetime, isoformat
from newsroom.persian.text import to_persian_digits

register = template.Library()


@register.filter
def fa_digits(value: object) -> str:
    """{{ article.code|fa_digits }} → ۵۴۵۴۶۹"""
    if value is None or value == "":
        return ""
    return to_persian_digits(value)


@register.filter
def jalali(value) -> str:
    """{{ article.published_at|jalali }} → سه‌شنبه ۳ آذر ۱۴۰۵ - ۲۲:۴۴"""
    return format_datetime(value) if value else ""


@register.filter
def jalali_date(value) -> str:
    """{{ article.published_at|jalali_date }} → ۳ آذر ۱۴۰۵"""
    return format_date(value) if value else ""


@register.filter
def iso(value) -> str:
    """{{ article.published_at|iso }} → 2026-11-24T22:44:00+03:30 (for machines)"""
    return isoformat(value) if value else ""
