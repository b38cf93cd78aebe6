from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "نیوزروم"

    def ready(self):
        from newsroom.staff import roles

        # Connected after django.contrib.auth's create_permissions (auth is ready first),
        # so the permissions it makes are there to be named.
        post_migrate.connect(roles.name_permissions, dispatch_uid="newsroom.name_permissions")
