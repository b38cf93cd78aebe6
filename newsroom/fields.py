"""Model fields the apps share."""

import jdatetime
from django_jalali.db.models import jDateTimeField


class JalaliDateTimeField(jDateTimeField):
    """django-jalali's date-time field, stored the way Django stores any DateTimeField.

    The parent hands the database `str(aware_datetime)` with its local offset. PostgreSQL
    parses that, but SQLite compares datetimes as text, so «22:44+03:30» would sort after
    «20:00+00:00» and scheduled articles would appear hours late. Django's own adapter
    stores UTC.
    """

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        if isinstance(value, jdatetime.datetime):
            value = value.togregorian()
        return connection.ops.adapt_datetimefield_value(value)
