"""The newsroom itself: its name, news codes, listings, comments and the reader forms' limits."""

import os

from newsroom.settings.environment import env_bool, env_rate

SITE_NAME = os.environ.get("SITE_NAME", "نیوزروم")
SITE_DESCRIPTION = os.environ.get("SITE_DESCRIPTION", "تازه‌ترین اخبار ایران و جهان")
# The site's channels, each promoted under every article when set (newsroom/messengers.py).
EITAA_CHANNEL_URL = os.environ.get("EITAA_CHANNEL_URL", "")
BALE_CHANNEL_URL = os.environ.get("BALE_CHANNEL_URL", "")
RUBIKA_CHANNEL_URL = os.environ.get("RUBIKA_CHANNEL_URL", "")
TELEGRAM_CHANNEL_URL = os.environ.get("TELEGRAM_CHANNEL_URL", "")
NEWS_CODE_START = int(os.environ.get("NEWS_CODE_START", "100000"))
ARTICLES_PER_PAGE = 12
# `make bench` turns on a bare view to measure pages against.
BENCH = env_bool("BENCH")
# How many reverse proxies of ours stand before the app (for the reader's address).
NUM_PROXIES = int(os.environ.get("NUM_PROXIES", "0"))
# Page views are counted in each worker's memory and written this often (articles/popularity/).
VIEW_COUNT_PUSH_SECONDS = int(os.environ.get("VIEW_COUNT_PUSH_SECONDS", "5"))
# Usefulness votes: at most this many from one address in this many seconds.
FEEDBACK_RATE_LIMIT = env_rate("FEEDBACK_RATE_LIMIT", "20/600")
# The public JSON API (/api/v1/): at most this many requests from one address in this many
# seconds, cached answers included.
API_RATE_LIMIT = env_rate("API_RATE_LIMIT", "120/60")

# Comments. Pre-moderation by default; a site may trust a reader (their account or reader
# cookie, never a typed email) who already has COMMENTS_TRUST_AFTER approved comments.
COMMENTS_CLOSE_AFTER_DAYS = int(os.environ.get("COMMENTS_CLOSE_AFTER_DAYS", "30"))  # 0: never
COMMENTS_AUTO_APPROVE = env_bool("COMMENTS_AUTO_APPROVE", False)
COMMENTS_TRUST_AFTER = 3
COMMENTS_REPORT_THRESHOLD = 3
COMMENTS_RATE_LIMIT = env_rate("COMMENTS_RATE_LIMIT", "5/600")  # per address and per reader
COMMENTS_MIN_FILL_SECONDS = 3
COMMENTS_PER_PAGE = 30  # threads (a comment and its replies) per page

# A reader's form (a vote, a comment, a reaction, a report) is a few kilobytes of text and
# never a file: a bigger body is refused before it is read (newsroom/readers/guards.py).
READER_FORM_MAX_BYTES = 256 * 1024
