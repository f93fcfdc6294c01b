"""Demo data: every status, category and city; overdue and published cases; idempotent."""

import io
from collections import Counter

import pytest

from portal.core.demo import DemoContext
from portal.oversight import demo
from portal.oversight.models import Case, Category, HandlingBody, Kind, Status, StatusChange
from portal.reference.models import Region

pytestmark = pytest.mark.django_db


def test_small_demo_covers_everything_and_is_idempotent():
    ctx = DemoContext(size="small", stdout=io.StringIO(), progress=False)
    demo.seed(ctx)
    assert Case.objects.count() == 200
    assert HandlingBody.objects.count() == Region.objects.filter(level__lte=3).count()
    assert set(Case.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(Case.objects.values_list("category", flat=True)) == set(Category.values)
    # No category dominates the statistics page (the second round of cases once all took one: 117 of 200).
    counts = Counter(Case.objects.values_list("category", flat=True))
    assert max(counts.values()) <= 0.3 * Case.objects.count(), counts
    assert set(Case.objects.values_list("kind", flat=True)) == set(Kind.values)
    city_prefixes = {c.code[:4] for c in Region.objects.cities()}
    assert {code[:4] for code in Case.objects.values_list("region__code", flat=True)} == city_prefixes
    assert Case.objects.overdue().exists() and Case.objects.published().exists()
    late = [c for c in Case.objects.filter(answered_at__isnull=False) if not c.answered_on_time()]
    assert late
    assert StatusChange.objects.count() >= 200
    # Published summaries are redacted.
    for case in Case.objects.published()[:20]:
        assert case.contact_phone not in case.redacted_summary or not case.contact_phone
        assert "幸福路" not in case.redacted_summary
    usernames = [a[0] for a in ctx.accounts]
    assert "oversight_province" in usernames

    again = DemoContext(size="small", stdout=io.StringIO(), progress=False)
    demo.seed(again)
    assert Case.objects.count() == 200 and again.accounts == []
    assert HandlingBody.objects.count() == Region.objects.filter(level__lte=3).count()


def test_demo_cases_can_be_tracked_with_the_demo_code(client):
    demo.seed(DemoContext(size="small", stdout=io.StringIO(), progress=False))
    case = Case.objects.filter(status=Status.CLOSED).first()
    response = client.post("/oversight/track/", {"reference": case.reference, "access_code": demo.DEMO_ACCESS_CODE})
    assert response.status_code == 200 and case.public_answer in response.content.decode()


def test_demo_findings_open_exit_decisions_for_confirmed_subcontracting():
    from portal.oversight.models import CONFIRMED_FINDINGS
    from portal.providers.factories import ProviderFactory
    from portal.providers.models import ExitDecisionTask

    ProviderFactory.create_batch(5)
    demo.seed(DemoContext(size="small", stdout=io.StringIO(), progress=False))
    answered = Case.objects.filter(answered_at__isnull=False)
    assert set(answered.values_list("finding", flat=True)) == {"substantiated", "partly", "unsubstantiated"}
    confirmed = Case.objects.filter(category=Category.SUBCONTRACTING, finding__in=CONFIRMED_FINDINGS).exclude(
        provider_credit_code=""
    )
    assert confirmed.exists()
    assert set(ExitDecisionTask.objects.values_list("case_reference", flat=True)) == set(
        confirmed.values_list("reference", flat=True)
    )


def test_demo_register_carries_no_personal_data(client):
    """What the demo publishes passes the check a handler's publication passes, and the register
    page, search and API show none of the demo senders' details."""
    import json
    import unicodedata

    demo.seed(DemoContext(size="small", stdout=io.StringIO(), progress=False))
    published = list(Case.objects.published())
    assert published
    for case in published:
        assert case.publication_errors(case.redacted_summary, case.public_subject) == {}, case.reference
        case.full_clean()

    def compact(text):
        return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum() or ch == "@")

    pages = [
        client.get("/oversight/register/").content.decode(),
        json.dumps(client.get("/api/v1/oversight/register").json(), ensure_ascii=False),
    ]
    pages += [client.get(f"/oversight/register/{case.reference}/").content.decode() for case in published[:10]]
    text = compact("\n".join(pages))
    for case in published:
        for value in case.personal_values():
            if value:
                assert compact(value) not in text, (case.reference, value)
