"""The outbox's worker, on Django's tasks framework (`manage.py db_worker`, django-tasks-db):
a task per delivery, enqueued when its row commits and again, with `run_after`, for each
retry; and the sweep (`manage.py outbox_sweep`) that writes the deliveries of scheduled
stories whose time came, and enqueues again any a crashed worker left behind."""

import datetime
import logging

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from articles.outbox import channels
from articles.outbox.models import Delivery

logger = logging.getLogger(__name__)


def schedule(pk: int, at: datetime.datetime | None = None) -> None:
    """Ask the worker to send delivery `pk`, at `at` if given. A backend that cannot wait
    (the tests' immediate one) is asked now; the row's time decides, and the sweep comes
    back to it."""
    if at is not None and deliver.get_backend().supports_defer:
        deliver.using(run_after=at).enqueue(pk)
    else:
        deliver.enqueue(pk)


def backoff(attempts: int) -> datetime.timedelta:
    """The wait after the `attempts`-th failed try: doubling from OUTBOX_BACKOFF_SECONDS,
    never over OUTBOX_BACKOFF_CAP_SECONDS."""
    seconds = settings.OUTBOX_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, settings.OUTBOX_BACKOFF_CAP_SECONDS))


@task()
def deliver(delivery_id: int) -> str:
    """Send one delivery, if it is ours to send (see DeliveryQuerySet.claim): answers what
    became of it, for the task's result."""
    now = timezone.now()
    attempt = Delivery.objects.claim(delivery_id, now)
    if attempt is None:
        return "not ours"  # sent, cancelled, not due, or in another worker's hands
    delivery = Delivery.objects.select_related(
        "article__section", "article__lead_image", "note"
    ).get(pk=delivery_id)
    # Only this attempt's own row is written: a worker whose lease ran out and who answers
    # late changes nothing a newer attempt wrote.
    mine = Delivery.objects.filter(pk=delivery_id, state=Delivery.State.SENDING, attempts=attempt)
    channel = channels.CHANNELS.get(delivery.channel)
    if channel is None or not channel.enabled:
        mine.update(state=Delivery.State.CANCELLED, lease_until=None, last_error="کانال خاموش است.")
        return "channel off"
    if not delivery.article.is_visible(now):
        mine.update(
            state=Delivery.State.CANCELLED,
            lease_until=None,
            last_error="خبر دیگر در سایت نیست.",
        )
        return "not visible"
    try:
        remote_id = channel.send(delivery.article, delivery.note)
    except channels.RetryAfter as wait:
        # The service said when: the try is not counted against the cap.
        retry_at = timezone.now() + datetime.timedelta(seconds=wait.seconds)
        _again(mine, delivery_id, retry_at, str(wait), attempts=attempt - 1)
        return "asked to wait"
    except channels.Temporary as error:
        if attempt >= settings.OUTBOX_MAX_ATTEMPTS:
            mine.update(state=Delivery.State.FAILED, lease_until=None, last_error=str(error)[:500])
            logger.warning("delivery %s failed after %s tries: %s", delivery_id, attempt, error)
            return "failed"
        _again(mine, delivery_id, timezone.now() + backoff(attempt), str(error))
        return "will retry"
    except channels.Permanent as error:
        mine.update(state=Delivery.State.FAILED, lease_until=None, last_error=str(error)[:500])
        logger.warning("delivery %s refused: %s", delivery_id, error)
        return "failed"
    # The one window for a duplicate: a crash between the service's answer above and this
    # UPDATE leaves the row held; when its lease runs out, another worker sends it again.
    mine.update(
        state=Delivery.State.SENT,
        lease_until=None,
        sent_at=timezone.now(),
        remote_id=remote_id[:64],
        last_error="",
    )
    return "sent"


def _again(mine, pk: int, at: datetime.datetime, error: str, **more) -> None:
    """Back in the queue until `at`, and the worker asked for it then."""
    if mine.update(
        state=Delivery.State.PENDING,
        next_try_at=at,
        lease_until=None,
        last_error=error[:500],
        **more,
    ):
        schedule(pk, at)


def sweep(now: datetime.datetime | None = None) -> int:
    """Record the deliveries of stories that fell due, and enqueue again those stranded:
    answers how many were enqueued again."""
    now = now or timezone.now()
    Delivery.objects.record_fallen_due(now)
    grace = datetime.timedelta(seconds=2 * settings.OUTBOX_SWEEP_SECONDS)
    stranded = list(Delivery.objects.stranded(now, grace).values_list("pk", flat=True))
    for pk in stranded:
        schedule(pk)
    return len(stranded)
