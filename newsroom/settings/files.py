"""Static files and uploads: on this machine, or uploads on S3-compatible storage."""

import os
from pathlib import Path
from urllib.parse import urlsplit

from newsroom.settings.environment import BASE_DIR, DEBUG, env_bool

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "newsroom.serving.storage.StaticStorage"
        )
    },
}
# Uploads served by Django itself, for a single box with nothing in front (`make serve`);
# behind a web server or with MEDIA_BUCKET, that serves them instead.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)

# The image library (articles/images): what an upload may weigh and measure. Renditions are
# made in the background (TASKS) by `manage.py db_worker`, which `make serve` starts.
IMAGE_MAX_BYTES = int(os.environ.get("IMAGE_MAX_BYTES", 20 * 1024 * 1024))
IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", 50_000_000))
# AVIF's encoder effort, 0 (smallest files, slowest) to 10 (fastest): renditions are made in
# the background, so 6 (four widths of a 1600 px picture in ≈ 1.3 s here; 8 and 10 took
# 0.25 and 0.16 s). The tests take 10: their pictures are not weighed byte by byte.
IMAGE_AVIF_SPEED = int(os.environ.get("IMAGE_AVIF_SPEED", 6))
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Uploaded images on S3-compatible storage, shared by every app server: MEDIA_BUCKET names
# the bucket (pip install -e '.[s3]'); the keys come as AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY. Public URLs without signatures, so every reader's page is the same.
MEDIA_BUCKET = os.environ.get("MEDIA_BUCKET", "")
MEDIA_ORIGINS = []  # where pages may load images from besides this site (the CSP)
if MEDIA_BUCKET:
    media_domain = os.environ.get("MEDIA_DOMAIN", "")  # a CDN or the bucket's own host
    media_endpoint = os.environ.get("MEDIA_ENDPOINT_URL", "")  # MinIO, Arvan, Liara…
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": media_endpoint or None,
            "region_name": os.environ.get("MEDIA_REGION") or None,
            "custom_domain": media_domain or None,
            "location": "media",
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    if media_domain:
        MEDIA_ORIGINS = [f"https://{media_domain}"]
    elif media_endpoint:
        MEDIA_ORIGINS = ["{0.scheme}://{0.netloc}".format(urlsplit(media_endpoint))]
    else:  # Amazon's own hosts for the bucket, global and regional
        MEDIA_ORIGINS = [f"https://{MEDIA_BUCKET}.s3.amazonaws.com"]
        if region := os.environ.get("MEDIA_REGION"):
            MEDIA_ORIGINS.append(f"https://{MEDIA_BUCKET}.s3.{region}.amazonaws.com")
