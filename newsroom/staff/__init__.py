"""The staff's accounts: roles (groups and their rights), password rules and the admin's
login throttle."""
