"""The usefulness votes' share of the content the articles' commands make
(articles/plugins.py): the demo's readers' answers, so the report and the desk's
«کم‌فایده‌ترین» have something to show."""

from articles import demo
from articles.feedback.models import FeedbackVote
from articles.models import Article

# Why readers said «خیر», in turn, and now and then in their own words.
NOTES = [
    "عدد جمعیت با خبر دیروز همین خبرگزاری نمی‌خواند.",
    "معلوم نیست طرح از کی اجرا می‌شود.",
    "",
]


def load_demo(users: dict) -> None:
    """Readers' votes on every published demo article, some mostly «بله», a few mostly
    «خیر» with their reasons; once."""
    if FeedbackVote.objects.filter(reader__startswith="a:demo:").exists():
        return
    articles = (
        Article.objects.published().filter(title__in=demo.published_titles()).order_by("code")
    )
    reasons = [reason for reason in FeedbackVote.Reason if reason != FeedbackVote.Reason.OTHER]
    for n, article in enumerate(articles):
        total = 4 + (n * 7) % 23  # a few under the report's five-vote threshold
        useful_share = 0.25 if n % 5 == 3 else 0.6 + (n % 4) / 10
        for i in range(total):
            vote = FeedbackVote.record(article, f"a:demo:{n}:{i}", i < useful_share * total)
            if not vote.useful:
                vote.add_follow_up(reasons[i % len(reasons)], NOTES[i % len(NOTES)])
