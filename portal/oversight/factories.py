"""factory_boy factories for oversight cases, their status histories and handling bodies (tests and
demo data)."""

import factory
from django.utils import timezone

from portal.reference.models import Region

from .models import Case, Category, HandlingBody, Kind, Status, StatusChange, SubjectType
from .services.deadlines import due
from .services.routing import route
from .services.submission import hash_access_code

DEFAULT_ACCESS_CODE = "ABCDE-23456"


class HandlingBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HandlingBody
        django_get_or_create = ("region",)

    region = factory.LazyFunction(lambda: Region.objects.get(code="330106"))
    name = factory.LazyAttribute(lambda o: f"{o.region.name}民政局监督投诉办理组")
    phone = "12345"


class CaseFactory(factory.django.DjangoModelFactory):
    """A case as submitted (status 'received'), with access code DEFAULT_ACCESS_CODE unless given."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    class Params:
        access_code = DEFAULT_ACCESS_CODE

    kind = Kind.COMPLAINT
    reference = factory.Sequence(lambda n: f"TS-2026-{900000 + n:06d}")
    access_code_hash = factory.LazyAttribute(lambda o: hash_access_code(o.reference, o.access_code))
    category = Category.QUALITY
    subject_type = SubjectType.PROVIDER
    region = factory.LazyFunction(lambda: Region.objects.get(code="330106"))
    subject_text = "某养老服务中心"
    description = "护理员多次未按约定时间上门服务，老人无人照料。"
    contact_name = "张三"
    contact_phone = "13812345678"
    contact_email = "zhangsan@example.com"
    consent_publish = True
    status = Status.RECEIVED
    received_at = factory.LazyFunction(timezone.now)
    due_date = factory.LazyAttribute(lambda o: due(o.kind, o.category, o.received_at).date)
    due_days = factory.LazyAttribute(lambda o: due(o.kind, o.category, o.received_at).days)
    due_official = factory.LazyAttribute(lambda o: due(o.kind, o.category, o.received_at).official)
    handling_body = factory.LazyAttribute(lambda o: route(o.region))

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            StatusChangeFactory(case=obj, to_status=Status.RECEIVED, at=obj.received_at)


class StatusChangeFactory(factory.django.DjangoModelFactory):
    """One entry of a case's status history: by default the sender's submission (no previous
    status, no handler, at the case's receipt). Give `case` to build it without a new case."""

    class Meta:
        model = StatusChange

    case = factory.SubFactory(CaseFactory, history=False)
    from_status = ""
    to_status = Status.RECEIVED
    at = factory.LazyAttribute(lambda o: o.case.received_at)
    by = None
    public_note = ""
