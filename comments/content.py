"""The comments' share of the content the articles' commands make (articles/plugins.py):
the demo's, the generated ones and the bench's."""

import argparse
import json
from pathlib import Path

from django.db import connection

from articles import demo
from articles.models import Article
from articles.plugins import GeneratedBatch
from comments.models import Comment, cooked_html
from newsroom.persian.text import normalize

# Readers' comments under the showcase article: published, waiting and a staff reply.
DEMO_COMMENTS = json.loads((Path(__file__).parent / "demo" / "comments.json").read_text("utf-8"))
NAMES = ["مریم", "علی", "سارا", "رضا", "زهرا", "حسین", "خواننده"]  # of generated commenters


def load_demo(users: dict) -> None:
    """The demo's comments, under the showcase article; once."""
    sample = Article.objects.get(title=normalize(demo.SAMPLE_ARTICLE["title"]))
    if sample.comments.exists():
        return
    for item in DEMO_COMMENTS:
        parent = Comment.objects.create(
            article=sample, name=item["name"], text=item["text"], status=item["status"]
        )
        for reply in item["replies"]:
            Comment.objects.create(
                article=sample,
                parent=parent,
                name=reply["name"],
                text=reply["text"],
                status=Comment.Status.APPROVED,
                is_staff_reply=reply.get("staff", False),
                user=users["editor"] if reply.get("staff") else None,
            )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--comments", type=float, default=2, help="comments per article, on average"
    )


def generate(batch: GeneratedBatch) -> int:
    """Approved comments under a batch of generated articles, straight to the table as the
    articles went; how many."""
    rng = batch.rng
    stamp = connection.ops.adapt_datetimefield_value(batch.now)
    written = [
        (pk, rng.choice(NAMES), demo.sentence(rng, rng.randint(5, 30)))
        for pk in batch.article_ids
        for _ in range(rng.randint(0, int(batch.options["comments"] * 2)))
    ]
    rows = [
        (pk, name, "", text, Comment.Status.APPROVED, "", False, "", "", stamp,
         cooked_html(name, False, batch.now, text))
        for pk, name, text in written
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {Comment._meta.db_table} (article_id, name, email, text, status,"
            " held, is_staff_reply, reader, address_hash, created_at, html)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
    return len(rows)


def load_bench(empty: Article, heavy: Article) -> None:
    """None under `empty`, 500 under `heavy`: 400 threads, 100 of them answered."""
    Comment.objects.filter(article__in=[empty, heavy]).delete()
    roots = Comment.objects.bulk_create(
        Comment(
            article=heavy,
            name="خواننده",
            text=f"نظر شماره {i} درباره این خبر",
            status="approved",
        )
        for i in range(400)
    )
    Comment.objects.bulk_create(
        Comment(article=heavy, parent=roots[i], name="پاسخ", text=f"پاسخ {i}", status="approved")
        for i in range(100)
    )
