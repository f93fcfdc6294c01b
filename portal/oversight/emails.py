"""Internationalised e-mail addresses (RFC 6531): 测试@例子.中国 is an address people in China
are given. Django's EmailValidator accepts internationalised domains but only ASCII before the @;
this one also accepts letters and digits of any script there (no spaces, no invisible or control
characters). The outbox sends to such an address with SMTPUTF8 (services.outbox)."""

import re
import unicodedata

from django import forms
from django.core.validators import EmailValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# RFC 5322 atext plus any Unicode letter or digit (RFC 6531 UTF8-non-ascii, without the characters
# nobody can read or type back: spaces, controls, format characters).
_ATOM = r"[\w!#$%&'*+/=?^`{}|~\-]+"


@deconstructible
class InternationalEmailValidator(EmailValidator):
    message = _("请填写有效的电子邮箱地址，例如 zhangsan@example.com 或 张三@例子.中国。")
    user_regex = re.compile(rf"^{_ATOM}(?:\.{_ATOM})*\Z")


validate_international_email = InternationalEmailValidator()


def needs_smtputf8(address):
    """True for an address whose part before the @ is not ASCII (it can only be delivered by a mail
    server that offers SMTPUTF8; an internationalised domain alone is sent in its ASCII form)."""
    return not (address or "").rpartition("@")[0].isascii()


class InternationalEmailField(forms.EmailField):
    """An e-mail form field accepting internationalised addresses; full-width characters typed
    with a Chinese input method (ｚｈａｎｇ＠…) are read as their ASCII forms."""

    default_validators = [validate_international_email]

    def to_python(self, value):
        value = super().to_python(value)
        return unicodedata.normalize("NFKC", value) if value else value


class InternationalEmailModelField(models.EmailField):
    """A model EmailField that validates (and offers a form field for) internationalised addresses."""

    default_validators = [validate_international_email]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": InternationalEmailField, **kwargs})
