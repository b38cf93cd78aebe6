"""The page cache: whole reader pages and parts of pages, kept under versions that the
database renews in the transaction of each change, so nothing stale is ever served.
It knows versions, not models: the apps renew them and say when the next change is due."""
