"""Path converters of the portal's URLs (registered in portal/urls.py)."""


class IdConverter:
    """A database id in a URL: 1 to 18 digits. Django's `int` converter takes any number of digits,
    and a number beyond a 64-bit column (99999999999999999999) fails in the database driver
    (OverflowError, a 500) instead of finding nothing: here it matches no URL, a 404."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)
