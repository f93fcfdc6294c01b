"""One OCDS release per published notice, following the mapping in docs/domain.md section 4."""

import datetime as dt
import hashlib

from django.utils import timezone

from ..models import Method, NoticeKind

CURRENCY = "CNY"
LANGUAGE = "zh"

TAGS = {
    NoticeKind.INTENTION: "planning",
    NoticeKind.TENDER: "tender",
    NoticeKind.PREQUALIFICATION: "tender",
    NoticeKind.SINGLE_SOURCE: "tender",
    NoticeKind.CORRECTION: "tenderAmendment",
    NoticeKind.TERMINATION: "tenderCancellation",
    NoticeKind.RESULT: "award",
    NoticeKind.CONTRACT: "contract",
    NoticeKind.ACCEPTANCE: "implementation",
}

METHODS = {
    Method.OPEN: "open",
    Method.INVITED: "selective",
    Method.NEGOTIATION: "limited",
    Method.CONSULTATION: "limited",
    Method.INQUIRY: "limited",
    Method.SINGLE_SOURCE: "direct",
}

# Document types from the OCDS documentType codelist, by notice kind.
DOCUMENT_TYPES = {
    NoticeKind.INTENTION: "procurementPlan",
    NoticeKind.TENDER: "tenderNotice",
    NoticeKind.PREQUALIFICATION: "tenderNotice",
    NoticeKind.SINGLE_SOURCE: "tenderNotice",
    NoticeKind.CORRECTION: "clarifications",
    NoticeKind.TERMINATION: "tenderNotice",
    NoticeKind.RESULT: "awardNotice",
    NoticeKind.CONTRACT: "contractNotice",
    NoticeKind.ACCEPTANCE: "completionCertificate",
}


def rfc3339(value):
    """A date or datetime as an RFC 3339 date-time string (dates at local midnight)."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = timezone.make_aware(dt.datetime.combine(value, dt.time.min))
    elif timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value).isoformat()


def _amount(value):
    return {"amount": float(value), "currency": CURRENCY}


def _org_id(prefix, name):
    return f"{prefix}-{hashlib.sha1(name.encode()).hexdigest()[:10]}"


def buyer_party(project):
    return {
        "id": _org_id("ZJ-BUYER", f"{project.region.code}:{project.purchaser}"),
        "name": project.purchaser,
        "address": {"region": project.region.full_name, "countryName": "中国"},
        "contactPoint": {k: v for k, v in (("name", project.contact_name), ("telephone", project.contact_phone)) if v},
        "roles": ["buyer"],
    }


def supplier_party(notice):
    party = {"name": notice.supplier_name, "roles": ["supplier"]}
    if notice.supplier_credit_code:
        party["id"] = f"CN-USCC-{notice.supplier_credit_code}"
        party["identifier"] = {
            "scheme": "CN-USCC",
            "id": notice.supplier_credit_code,
            "legalName": notice.supplier_name,
        }
    else:
        party["id"] = _org_id("ZJ-SUPPLIER", notice.supplier_name)
    return party


def _release_id(notice):
    version = notice.latest_revision_id or int((notice.last_published_at or timezone.now()).timestamp())
    return f"{notice.project.ocid}-{notice.pk}-{version}"


def _documents(notice, notice_url):
    kind = notice.kind
    docs = [
        {
            "id": f"notice-{notice.pk}",
            "documentType": DOCUMENT_TYPES[kind],
            "title": notice.title,
            "url": notice_url,
            "datePublished": rfc3339(notice.last_published_at or notice.published_on),
            "format": "text/html",
            "language": LANGUAGE,
        },
        {
            "id": f"notice-{notice.pk}-pdf",
            "documentType": DOCUMENT_TYPES[kind],
            "title": f"{notice.title}（PDF）",
            "url": notice_url + "pdf/",
            "format": "application/pdf",
            "language": LANGUAGE,
        },
    ]
    for attachment in notice.documents.all():
        docs.append(
            {
                "id": f"attachment-{attachment.pk}",
                "title": attachment.display_title,
                "url": attachment.document.url,
                "format": "application/octet-stream",
                "language": LANGUAGE,
            }
        )
    return docs


def _tender(project, items):
    tender = {
        "id": project.project_number,
        "title": project.title,
        "description": project.summary,
        "procurementMethod": METHODS[project.method],
        "procurementMethodDetails": project.get_method_display(),
        "mainProcurementCategory": "services",
        "value": _amount(project.budget),
        "items": items,
    }
    if project.agency:
        tender["procuringEntity"] = {"id": _org_id("ZJ-AGENCY", project.agency), "name": project.agency}
    return tender


def build_release(notice, notice_url, items):
    """The release for one live notice. `items` is the project's OCDS item list (computed once per
    project by the caller, so that a package costs a bounded number of queries)."""
    project = notice.project
    kind = notice.kind
    buyer = buyer_party(project)
    parties = [buyer]
    release = {
        "ocid": project.ocid,
        "id": _release_id(notice),
        "date": rfc3339(notice.last_published_at or notice.published_on),
        "tag": [TAGS[kind]],
        "initiationType": "tender",
        "language": LANGUAGE,
        "buyer": {"id": buyer["id"], "name": buyer["name"]},
    }
    documents = _documents(notice, notice_url)
    if project.agency:
        parties.append(
            {"id": _org_id("ZJ-AGENCY", project.agency), "name": project.agency, "roles": ["procuringEntity"]}
        )

    if kind == NoticeKind.INTENTION:
        release["planning"] = {
            "rationale": project.summary or notice.title,
            "budget": {"amount": _amount(project.budget), "description": project.get_funding_display()},
            "documents": documents,
        }
        if notice.planned_start:
            release["planning"]["milestones"] = [
                {
                    "id": "planned-start",
                    "title": "预计采购时间",
                    "type": "engagement",
                    "dueDate": rfc3339(notice.planned_start),
                    "status": "scheduled",
                }
            ]
    elif kind in (NoticeKind.TENDER, NoticeKind.PREQUALIFICATION, NoticeKind.SINGLE_SOURCE, NoticeKind.CORRECTION):
        tender = _tender(project, items)
        tender["status"] = "active"
        tender["documents"] = documents
        start = notice.documents_from or notice.published_on
        if kind == NoticeKind.SINGLE_SOURCE:
            start, end = notice.publicity_start or notice.published_on, notice.publicity_end
        elif kind == NoticeKind.CORRECTION:
            end = notice.new_bid_deadline
            tender["amendments"] = [
                {
                    "id": f"amendment-{notice.pk}",
                    "date": rfc3339(notice.last_published_at or notice.published_on),
                    "description": notice.title,
                    "rationale": "更正公告",
                }
            ]
        else:
            end = notice.bid_deadline
        period = {k: rfc3339(v) for k, v in (("startDate", start), ("endDate", end)) if v}
        if period and kind != NoticeKind.CORRECTION:
            tender["tenderPeriod"] = period
        elif end:
            tender["tenderPeriod"] = {"endDate": rfc3339(end)}
        if notice.documents_until:
            tender["enquiryPeriod"] = {"endDate": rfc3339(notice.documents_until)}
        release["tender"] = tender
    elif kind == NoticeKind.TERMINATION:
        tender = _tender(project, items)
        tender.update(status="cancelled", statusDetails=notice.termination_reason, documents=documents)
        release["tender"] = tender
    elif kind == NoticeKind.RESULT:
        supplier = supplier_party(notice)
        parties.append(supplier)
        award = {
            "id": f"{project.project_number}-award",
            "title": notice.title,
            "status": "active",
            "date": rfc3339(notice.decision_date or notice.published_on),
            "suppliers": [{"id": supplier["id"], "name": supplier["name"]}],
            "items": items,
            "documents": documents,
        }
        if notice.amount is not None:
            award["value"] = _amount(notice.amount)
        release["awards"] = [award]
        release["tender"] = {"id": project.project_number, "status": "complete"}
    elif kind in (NoticeKind.CONTRACT, NoticeKind.ACCEPTANCE):
        contract = {"id": f"{project.project_number}-contract", "awardID": f"{project.project_number}-award"}
        if kind == NoticeKind.CONTRACT:
            if notice.supplier_name:
                parties.append(supplier_party(notice))
            contract.update(title=notice.title, status="active", documents=documents)
            if notice.amount is not None:
                contract["value"] = _amount(notice.amount)
            if notice.signed_on:
                contract["dateSigned"] = rfc3339(notice.signed_on)
            period = {
                k: rfc3339(v) for k, v in (("startDate", notice.contract_start), ("endDate", notice.contract_end)) if v
            }
            if period:
                contract["period"] = period
        else:
            contract["implementation"] = {"documents": documents}
            if notice.acceptance_result == "passed":
                contract["status"] = "terminated"
        release["contracts"] = [contract]
    release["parties"] = parties
    return release


def project_items(project, service_items):
    """The project's catalogue service items as OCDS items."""
    return [
        {
            "id": str(item.pk),
            "description": item.name,
            "classification": {"scheme": "ZJ-SASC", "id": str(item.pk), "description": item.name},
        }
        for item in service_items
    ]
