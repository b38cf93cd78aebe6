from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """whitenoise's compressed, hashed static files, tolerant of dangling CSS references.

    django-jalali's jQuery UI theme names background images it does not ship; a strict
    manifest would refuse to collect static files at all because of them.

    Each file's address is looked up in the manifest once: a page asks for the same few on
    every render (the head's stylesheet, script, font and icon). A change of the static
    settings makes a new storage, and so starts afresh.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, bool], str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        key = (name, settings.DEBUG)  # with DEBUG on, files are named as they are
        found = self._urls.get(key)
        if found is None:
            found = self._urls[key] = super().url(name)
        return found

    def hashed_name(self, name, content=None, filename=None):
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:
            if content is None and not self.exists(self.clean_name(name)):
                return name
            raise
