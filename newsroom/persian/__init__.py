"""Persian for readers and editors: text (normalisation, digits, slugs), the Jalali calendar,
the copy-editor, form and model fields, the admin's date filters and the template filters."""
