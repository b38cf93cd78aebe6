"""The background work of the library, on Django's tasks framework: `manage.py db_worker`
runs it in production (django-tasks-db), the tests run it as it is enqueued."""

from django.tasks import task

from articles.images.models import Image


@task()
def make_renditions(image_id: int) -> None:
    image = Image.objects.filter(pk=image_id).first()
    if image is None or image.renditions_current:
        return  # deleted since, or made already (the task was enqueued twice)
    image.make_renditions()


def enqueue_renditions(sender, instance: Image, **kwargs) -> None:
    """post_save: a new file or focal point needs renditions. Enqueued in the saving
    transaction, so the database backend's task row exists exactly when the image does;
    until the worker is done, pages show the stored original."""
    if instance.file and not instance.renditions_current:
        make_renditions.enqueue(instance.pk)


def delete_files(sender, instance: Image, **kwargs) -> None:
    """post_delete: the original and its renditions go with the row."""
    storage = instance.file.storage
    for made in instance.renditions.get("files", []):
        storage.delete(made["name"])
    if instance.file:
        storage.delete(instance.file.name)
