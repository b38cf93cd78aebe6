"""The background tasks' app (django-tasks-db), as the newsroom installs it: named in Persian
where the admin lists permissions, and without its own admin pages, which are in English.
The queue is the operator's: `manage.py db_worker` runs it, `prune_db_task_results` clears it
(README, «Background tasks and pictures»)."""

from django_tasks_db.apps import TasksAppConfig


class TasksConfig(TasksAppConfig):
    verbose_name = "صف کارهای پس‌زمینه"

    def ready(self):
        super().ready()
        from django.contrib import admin
        from django_tasks_db.models import DBTaskResult

        # The admin registers every app's admin.py before any other app is ready.
        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)
