"""The demo's township capacity figures (seeded by portal/disclosures/demo.py)."""

import datetime as dt

from django.utils import timezone

from portal.reference.data.area_codes import landline
from portal.reference.models import Region

from ..factories import TownshipCapacityFactory
from ..models.capacity import TownshipCapacity, required_posts

STREET_WORDS = ["人民路", "中山路", "解放路", "文化路", "建设路", "新华路", "和平路", "迎宾路"]


def _last_quarter_end(today):
    """The last day of the quarter before the one `today` is in (figures are reported quarterly)."""
    first_of_quarter = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return first_of_quarter - dt.timedelta(days=1)


def seed_capacity(ctx):
    """Capacity figures for every township: a realistic spread of recipients, most townships fully
    staffed, some short. Created in bulk; existing rows are left as they are."""

    rng = ctx.random
    done = set(TownshipCapacity.objects.values_list("township_id", flat=True))
    rows = []
    as_of = _last_quarter_end(timezone.localdate())
    for township in Region.objects.townships().exclude(pk__in=done).order_by("code"):
        recipients = int(rng.lognormvariate(6.0, 0.7))
        required = required_posts(recipients)
        filled = required if rng.random() > 0.18 else max(required - rng.randint(1, 2), 0)
        # Every field given: the factory builds the row without a query (inserted in bulk below).
        rows.append(
            TownshipCapacityFactory.build(
                township=township,
                window_address=f"{township.name}便民服务中心一楼社会救助窗口（{rng.choice(STREET_WORDS)}{rng.randint(1, 300)}号）",
                window_hours="周一至周五 8:30-12:00，14:00-17:30",
                window_phone=landline(rng, township.code),
                recipients=recipients,
                recipients_as_of=as_of,
                posts_filled=filled,
                provider_name=f"{township.name}社会工作服务中心" if filled else "",
            )
        )
    TownshipCapacity.objects.bulk_create(rows, batch_size=500)
    ctx.log(f"  township capacity: {len(rows)} created")
