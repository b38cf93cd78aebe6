"""The usefulness widget's endpoints: a plain form without JavaScript, JSON with it."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from articles.feedback.forms import FollowUpForm, VoteForm
from articles.feedback.models import FeedbackVote
from articles.models import Article
from newsroom.readers.guards import reader_form, wants_json
from newsroom.readers.identity import address_hash, reader_key, remember_reader
from newsroom.readers.limits import address_over_limit

CLOSED = "پرسش «آیا این خبر مفید بود؟» برای این خبر بسته است."
TOO_MANY = "در زمان کوتاهی رأی‌های زیادی از نشانی شما رسیده است؛ چند دقیقه دیگر دوباره تلاش کنید."
THANKS = "از پاسخ شما سپاسگزاریم."
NO_VOTE_YET = "توضیح برای پاسخ «خیر» است؛ ابتدا به پرسش پاسخ دهید."


def _article(code: int) -> Article:
    return get_object_or_404(
        Article.objects.published().only("pk", "code", "title", "slug", "feedback_enabled"),
        code=code,
    )


def _state(article: Article, vote: FeedbackVote | None, **extra) -> dict:
    tally = article.feedback_votes.tally()
    return {
        "vote": None if vote is None else ("yes" if vote.useful else "no"),
        "yes": tally.yes,
        "total": tally.total,
        "summary": tally.summary,
        **extra,
    }


def _refuse(request, article, status: int, message: str, form=None, follow_up=None):
    if wants_json(request):
        errors = form.errors.get_json_data() if form is not None else {}
        return JsonResponse({"error": message, "errors": errors}, status=status)
    return render(
        request,
        "articles/feedback.html",
        {
            "article": article,
            "error": message,
            "vote": _reader_vote(request, article),
            "follow_up": follow_up,
        },
        status=status,
    )


def _reader_vote(request: HttpRequest, article: Article) -> FeedbackVote | None:
    return FeedbackVote.objects.filter(article=article, reader=reader_key(request)).first()


def _guard(request: HttpRequest, article: Article):
    """The refusals every POST shares: switched off, or too many from one address."""
    if not article.feedback_enabled:
        return _refuse(request, article, 400, CLOSED)
    if address_over_limit(request, "feedback", *settings.FEEDBACK_RATE_LIMIT):
        return _refuse(request, article, 429, TOO_MANY)
    return None


@reader_form(methods=("GET", "POST"))
def feedback(request: HttpRequest, code: int) -> HttpResponse:
    """GET: this reader's answer and the tally. POST: record or change the answer."""
    article = _article(code)
    if request.method == "GET":
        vote = _reader_vote(request, article)
        if wants_json(request):
            return JsonResponse(_state(article, vote, enabled=article.feedback_enabled))
        return render(
            request,
            "articles/feedback.html",
            {
                "article": article,
                "vote": vote,
                "tally": article.feedback_votes.tally(),
                "follow_up": FollowUpForm(initial=_follow_up_initial(vote)),
            },
        )

    if refusal := _guard(request, article):
        return refusal
    form = VoteForm(request.POST)
    if not form.is_valid():
        return _refuse(request, article, 400, form.errors["useful"][0], form=form)
    vote = FeedbackVote.record(
        article,
        reader_key(request),
        form.cleaned_data["useful"],
        user=request.user if request.user.is_authenticated else None,
        address_hash=address_hash(request),
    )
    if wants_json(request):
        response = JsonResponse(_state(article, vote, message=THANKS))
    elif vote.useful:
        messages.success(request, f"{THANKS} {article.feedback_votes.tally().summary}.")
        response = redirect(article.get_absolute_url() + "#feedback")
    else:  # the follow-up form: why not?
        response = redirect("articles:feedback", code=article.code)
    return remember_reader(request, response)


@reader_form()
def feedback_follow_up(request: HttpRequest, code: int) -> HttpResponse:
    """After «خیر»: the reason and an optional note, stored with that vote."""
    article = _article(code)
    if refusal := _guard(request, article):
        return refusal
    vote = _reader_vote(request, article)
    form = FollowUpForm(request.POST)
    if vote is None or vote.useful:
        return _refuse(request, article, 400, NO_VOTE_YET, follow_up=form)
    if not form.is_valid():
        message = next(iter(form.errors.values()))[0]
        return _refuse(request, article, 400, message, form=form, follow_up=form)
    vote.add_follow_up(form.cleaned_data["reason"], form.cleaned_data["note"])
    if wants_json(request):
        return JsonResponse({"message": "توضیح شما ثبت شد؛ سپاسگزاریم."})
    messages.success(request, "توضیح شما ثبت شد؛ سپاسگزاریم.")
    return redirect(article.get_absolute_url() + "#feedback")


def _follow_up_initial(vote: FeedbackVote | None) -> dict:
    return {"reason": vote.reason, "note": vote.note} if vote and not vote.useful else {}
