"""The editors' desk, the admin's first page: what needs each person today — drafts,
reviews, scheduled articles, the least useful of the week, recent activity (blocks.py),
registered as a desk block in articles/apps.py."""
