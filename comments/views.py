"""Readers' side of comments: post, reply, 👍/👎 and «گزارش تخلف».

Every form works as a plain POST that comes back to the article, and as JSON for the
page's script. The forms are CSRF-exempt so the article page can be cached for everyone;
see newsroom.readers.guards.same_origin for what protects them instead.
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from articles.models import Article
from comments.blocks import comment_html, shown_comment
from comments.forms import CommentForm, started_placeholder
from comments.models import Comment, CommentReaction, CommentReport
from newsroom.readers.guards import reader_form, wants_json
from newsroom.readers.identity import address_hash, reader_key, remember_reader
from newsroom.readers.limits import address_over_limit, reader_over_limit

PENDING = "نظر شما ثبت شد و پس از تأیید منتشر می‌شود."
PUBLISHED = "نظر شما ثبت و منتشر شد."
CLOSED = "امکان ارسال نظر برای این خبر بسته شده است."
TOO_MANY = "در چند دقیقه گذشته نظرهای زیادی فرستاده‌اید؛ کمی بعد دوباره بفرستید. متن شما محفوظ است."
BAD_PARENT = "نظری که به آن پاسخ می‌دهید در این خبر پیدا نشد."
STAFF_REPLY_NOT_REPORTABLE = "پاسخ تحریریه را نمی‌توان گزارش کرد؛ نظر خود را درباره آن بنویسید."


def _article(code: int) -> Article:
    return get_object_or_404(Article.objects.published().select_related("section"), code=code)


def _approved_comment(comment_id: int) -> Comment:
    return get_object_or_404(
        Comment.objects.approved().filter(article__in=Article.objects.published()),
        pk=comment_id,
    )


def _form_page(request, article, form, status, error="", parent=None):
    """The form again, everything typed still in it, with what went wrong."""
    if wants_json(request):
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        # A fresh fill-time stamp for the page's script (FillTimeMiddleware writes it), as the
        # form shown again gets one.
        started = started_placeholder(article.code)
        return JsonResponse(
            {"error": error or _first_error(form), "errors": errors, "started": started},
            status=status,
        )
    return render(
        request,
        "comments/form_page.html",
        {"article": article, "form": form, "error": error, "parent": parent},
        status=status,
    )


def _first_error(form) -> str:
    for errors in form.errors.values():
        return str(errors[0])
    return ""


@reader_form()
def post_comment(request: HttpRequest, code: int) -> HttpResponse:
    article = _article(code)
    form = CommentForm(request.POST, article_code=article.code)
    if not article.accepts_comments():
        return _form_page(request, article, form, 400, CLOSED)
    if not form.is_valid():
        return _form_page(request, article, form, 400)

    parent = None
    if form.cleaned_data["parent"]:
        parent = (
            Comment.objects.approved()
            .filter(article=article, pk=form.cleaned_data["parent"])
            .select_related("parent")
            .first()
        )
        if parent is None:
            return _form_page(request, article, form, 400, BAD_PARENT)
        parent = parent.parent or parent  # replies nest one level

    reader = reader_key(request)
    limit, period = settings.COMMENTS_RATE_LIMIT
    if address_over_limit(request, "comments", limit, period) or reader_over_limit(
        reader, "comments", limit, period
    ):
        return _form_page(request, article, form, 429, TOO_MANY, parent)

    if form.is_bot:  # looks accepted, stores nothing
        return _posted(request, article, None)

    comment = Comment(
        article=article,
        parent=parent,
        name=form.cleaned_data["name"],
        email=form.cleaned_data["email"],
        text=form.cleaned_data["text"],
        user=request.user if request.user.is_authenticated else None,
        reader=reader,
        address_hash=address_hash(request),
    )
    comment.apply_rules()
    comment.save()
    return remember_reader(request, _posted(request, article, comment))


def _posted(request, article, comment: Comment | None) -> HttpResponse:
    published = comment is not None and comment.status == Comment.Status.APPROVED
    message = PUBLISHED if published else PENDING
    if wants_json(request):
        data = {"message": message, "published": published}
        if published:
            data["html"] = comment_html(shown_comment(comment.as_row()), open=False)
            data["parent"] = comment.parent_id
        return JsonResponse(data, status=201)
    messages.success(request, message)
    anchor = f"#comment-{comment.pk}" if published else "#comments"
    return redirect(article.get_absolute_url() + anchor)


@never_cache
@require_GET
def started(request: HttpRequest, code: int) -> JsonResponse:
    """A fresh fill-time stamp for the form of article `code`, which the page's script asks
    for as the reader starts to write: a page kept at the edge carries the time it was built,
    not the time this reader got it (FillTimeMiddleware writes the stamp in)."""
    return JsonResponse({"started": started_placeholder(code)})


@never_cache
@require_GET
def reply_form(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Without JavaScript, «پاسخ» opens the form under the comment on a page of its own."""
    parent = _approved_comment(comment_id)
    article = parent.article
    if not article.accepts_comments():
        return render(
            request, "comments/form_page.html", {"article": article, "error": CLOSED}, status=400
        )
    form = CommentForm(initial={"parent": parent.pk}, article_code=article.code)
    return render(
        request, "comments/form_page.html", {"article": article, "form": form, "parent": parent}
    )


@reader_form()
def react(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _approved_comment(comment_id)
    values = {"like": CommentReaction.LIKE, "dislike": CommentReaction.DISLIKE}
    value = values.get(request.POST.get("value", ""))
    if value is None:
        return _small_answer(request, comment, 400, "واکنش باید 👍 یا 👎 باشد.")
    if address_over_limit(request, "reactions", *settings.FEEDBACK_RATE_LIMIT):
        return _small_answer(request, comment, 429, "واکنش‌های زیادی فرستاده‌اید؛ کمی بعد.")
    CommentReaction.record(comment, reader_key(request), value)
    counts = Comment.objects.with_reactions().values("likes", "dislikes").get(pk=comment.pk)
    response = _small_answer(request, comment, 200, "واکنش شما ثبت شد.", **counts)
    return remember_reader(request, response)


@reader_form()
def report(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = _approved_comment(comment_id)
    if comment.is_staff_reply:
        return _small_answer(request, comment, 400, STAFF_REPLY_NOT_REPORTABLE)
    if address_over_limit(request, "reports", *settings.COMMENTS_RATE_LIMIT):
        return _small_answer(request, comment, 429, "گزارش‌های زیادی فرستاده‌اید؛ کمی بعد.")
    CommentReport.record(comment, reader_key(request), address_hash(request))
    response = _small_answer(request, comment, 200, "گزارش شما ثبت شد و بررسی می‌شود؛ سپاسگزاریم.")
    return remember_reader(request, response)


def _small_answer(request, comment, status: int, message: str, **data) -> HttpResponse:
    if wants_json(request):
        key = "message" if status < 400 else "error"
        return JsonResponse({key: message, **data}, status=status)
    if status >= 400:
        return render(
            request,
            "comments/message.html",
            {"message": message, "article": comment.article},
            status=status,
        )
    messages.success(request, message)
    return redirect(comment.article.get_absolute_url() + f"#comment-{comment.pk}")
