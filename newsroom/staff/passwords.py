"""Django's password rules, their numbers in Persian digits."""

from django.contrib.auth import password_validation

from newsroom.persian.text import to_persian_digits


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, which writes its minimum into the help text and the error with %d."""

    def get_help_text(self) -> str:
        return to_persian_digits(super().get_help_text())

    def get_error_message(self) -> str:
        # The error's `min_length` parameter is left for who reads the code; the text has none.
        return to_persian_digits(super().get_error_message())
