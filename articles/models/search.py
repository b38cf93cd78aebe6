"""An article's entry in the full-text index (articles/search.py fills and reads it)."""

from django.db import models
from django.db.models import Lookup
from django.utils.translation import gettext_lazy as _


class Document(models.Field):
    """The whole entry, as the database matches and ranks it: on PostgreSQL a weighted
    tsvector; on SQLite the column FTS5 names after its table, which stands for all of a
    row's text in MATCH and in bm25()."""


@Document.register_lookup
class Match(Lookup):
    """The entry holds what the query asks for: an FTS5 query on SQLite, a tsquery
    (`django.contrib.postgres.search.SearchQuery`) on PostgreSQL."""

    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", (*lhs_params, *rhs_params)

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} @@ {rhs}", (*lhs_params, *rhs_params)


class SearchEntry(models.Model):
    """The folded text of one article (every article, published or not), in the database's
    own full-text index. Migrations make and fill the table, each database its own way
    (0005, 0013), so Django neither creates nor alters it:

    - SQLite: an FTS5 table of `title` (kicker, title, tags) and `body` (lead, body,
      source), whose rowid is the article's id;
    - PostgreSQL: a table of the article's id, as `rowid`, and the tsvector of the same two
      texts, title words weighted A and the rest B, as `articles_search`, GIN-indexed.

    The columns carry SQLite's names on both, so that one model joins either to the article.
    Rows are written by articles/search.py, not through this model.
    """

    article = models.OneToOneField(
        "articles.Article",
        primary_key=True,
        # The index follows the article (articles/signals.py); no key, so TRUNCATE works.
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_column="rowid",
        related_name="search_entry",
    )
    document = Document(db_column="articles_search")

    class Meta:
        managed = False
        db_table = "articles_search"
        verbose_name = _("مدخل جست‌وجو")
        verbose_name_plural = _("مدخل‌های جست‌وجو")
        default_permissions = ()  # no one edits the index: it follows the articles

    def __str__(self) -> str:
        return f"search entry of article {self.pk}"
