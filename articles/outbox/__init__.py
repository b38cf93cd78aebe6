"""Publishing out, exactly once: each story that becomes visible to readers is posted once to
the newsroom's Telegram, Bale and Eitaa channels and announced to the feeds' WebSub hub
(models: the outbox; channels: the services; tasks: the worker and the sweep; admin: each
delivery's state, retried or cancelled by an editor). README, «Publishing to the channels»."""
