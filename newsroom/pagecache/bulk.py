"""Bulk writes that Django's model signals do not see.

`QuerySet.update()` and `bulk_create()` (and `bulk_update()`, which updates) skip
`save()` and send no `post_save`: the admin's bulk actions and any script that uses them
would slip past whatever keeps the cache and the search index in step. A model whose rows
readers see uses a QuerySet made from `BulkChangeQuerySet`, which sends `bulk_change` in
the same transaction as the write; the apps receive it beside their other signals.
(`delete()` needs nothing: Django sends `post_delete` for each row where anyone listens.)
"""

from django.db import models, transaction
from django.dispatch import Signal

# Sent after the write, in its transaction. sender: the model; pks: the rows written;
# fields: the names of the fields written (None: whole rows, created).
bulk_change = Signal()


def batches(pks: list, size: int = 500):
    """`pks` a few hundred at a time: a query's parameters are limited (SQLite)."""
    for start in range(0, len(pks), size):
        yield pks[start : start + size]


class BulkChangeQuerySet(models.QuerySet):
    def update(self, **kwargs):
        with transaction.atomic(using=self.db):
            # Which rows, asked before the write: it may change what `self` selects.
            pks = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            if pks:
                bulk_change.send(sender=self.model, pks=pks, fields=set(kwargs))
            return count

    def bulk_create(self, objs, *args, **kwargs):
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            if created:
                # Without RETURNING (ignore_conflicts, some databases) the pks are not known.
                pks = [obj.pk for obj in created if obj.pk is not None]
                bulk_change.send(sender=self.model, pks=pks, fields=None)
            return created
