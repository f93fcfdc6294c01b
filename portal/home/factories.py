"""factory_boy factories for the home app's pages and for user accounts (used by tests and by
seed_demo)."""

import factory
import wagtail_factories
from django.conf import settings

from .models import SectionPage, StandardPage


class SectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"栏目{n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    show_in_menus = True
    intro = "<p>按地区分级发布的信息。</p>"

    class Meta:
        model = SectionPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"社会救助工作动态第{n}期")
    slug = factory.Sequence(lambda n: f"page-{n}")
    summary = "各地推进政府购买社会救助服务的工作进展。"
    body = factory.LazyAttribute(lambda o: [("paragraph", f"<p>{o.summary}</p>")])

    class Meta:
        model = StandardPage


class UserFactory(factory.django.DjangoModelFactory):
    """A user account, its password hashed as set_password() hashes it: unusable (no login by
    password) unless `password` is given. `superuser=True` makes a superuser, as createsuperuser
    does (staff and superuser). Groups and permissions are added by the caller."""

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.gov.cn")
    password = factory.django.Password(None)

    class Meta:
        model = settings.AUTH_USER_MODEL

    class Params:
        superuser = factory.Trait(is_staff=True, is_superuser=True)
