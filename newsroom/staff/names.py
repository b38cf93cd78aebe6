"""How staff are named where people read it: their full name (Persian, as they gave it),
their username only where they gave none."""


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()
