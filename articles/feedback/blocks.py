"""What the feedback shows on the article page: the question, registered as an article block
in `ArticlesConfig.ready()` (articles/plugins.py)."""

import functools

from django.template import Context
from django.template.loader import render_to_string

from articles.feedback.forms import FollowUpForm


def usefulness_question(context: Context) -> dict:
    """«آیا این خبر مفید بود؟» at the end of the article: the same HTML for every reader."""
    return {"article": context["article"], "follow_up_fields": empty_follow_up_fields}


@functools.cache
def empty_follow_up_fields() -> str:
    """«چه چیزی کم بود؟», empty: the same HTML on every article, rendered once per process."""
    return render_to_string(
        "includes/feedback_follow_up_fields.html", {"form": FollowUpForm(auto_id="feedback_%s")}
    )
