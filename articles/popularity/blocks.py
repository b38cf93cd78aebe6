"""What popularity shows on the articles' pages: «پربازدیدترین», registered as a ranking in
`ArticlesConfig.ready()` (articles/plugins.py)."""

from django.template import Context

from articles.popularity import counting


def most_read(context: Context) -> dict:
    """«پربازدیدترین»: the last 24 hours and the last 7 days."""
    ranked = counting.most_read_spans((24, 24 * 7))
    return {"day": ranked[24], "week": ranked[24 * 7]}
