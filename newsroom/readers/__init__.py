"""Who is reading: the anonymous reader cookie and hashed addresses (identity.py), flood
limits (limits.py, counted in tallies.py) and what guards a reader form's endpoint
(guards.py: same origin, a small body, never cached).

The usefulness widget and the comments both count "one per reader"; this is where a reader
is told apart, without storing who they are or where they came from.
"""
