"""A complaint-submitting client for the load benchmarks: GET the form, read the CSRF token and the
Chinese arithmetic CAPTCHA (portal/core/captcha.py), answer it, POST, follow the redirect to
the receipt and read the reference number (受理编号).

The rate limit of submissions (5 an hour per client address) is not raised: every submission comes
from its own loopback address (127.x.y.z, all of 127.0.0.0/8 is loopback on Linux), as if from
different citizens, so production settings are measured unchanged.
"""

import html as htmllib
import http.client
import itertools
import re
import threading
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

FORM_PATH = "/oversight/complaints/new/"
NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
QUESTION = re.compile(r"([零一二三四五六七八九十两]+)\s*(加|减)\s*([零一二三四五六七八九十两]+)\s*等于几")
REFERENCE = re.compile(r'class="ov-code">\s*([A-Z]+-\d{4}-\d+)\s*<')

_addresses = itertools.count(1)
_addresses_lock = threading.Lock()


def next_source_address():
    """A fresh loopback address 127.a.b.c (skipping 127.0.0.x, used by the servers)."""
    with _addresses_lock:
        n = next(_addresses) + 256
    return f"127.{(n >> 16) & 255}.{(n >> 8) & 255}.{max(1, n & 255)}"


def chinese_to_int(text):
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (NUMERALS.get(tens, 1) if tens else 1) * 10 + (NUMERALS.get(ones, 0) if ones else 0)
    return NUMERALS[text]


def solve(page):
    """The answer to the CAPTCHA question on a form page."""
    match = QUESTION.search(page)
    if match is None:
        raise ValueError("no CAPTCHA question on the form")
    a, op, b = chinese_to_int(match.group(1)), match.group(2), chinese_to_int(match.group(3))
    return str(a + b if op == "加" else a - b)


def _input_value(page, name):
    tag = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', page)
    value = re.search(r'value="([^"]*)"', tag.group(0)) if tag else None
    if value is None:
        raise ValueError(f"no {name} on the form")
    return htmllib.unescape(value.group(1))


def _first_region(page):
    select = re.search(r'<select[^>]*name="region".*?</select>', page, re.S)
    values = re.findall(r'<option value="(\d+)"', select.group(0)) if select else []
    if not values:
        raise ValueError("no region choices on the form")
    return values[min(len(values) - 1, 1)]


def form_fields(page, answer, seq):
    """The POST body of a valid complaint from the form page (phone only: no e-mail is queued)."""
    return {
        "csrfmiddlewaretoken": _input_value(page, "csrfmiddlewaretoken"),
        "category": "quality",
        "subject_type": "provider",
        "region": _first_region(page),
        "subject_text": "某社会工作服务中心",
        "description": f"压力测试投诉第{seq}号：上门照料服务多次未按约定时间到达，请核查处理。",
        "contact_name": "测试用户",
        "contact_phone": "13800000000",
        "captcha_token": _input_value(page, "captcha_token"),
        "captcha_answer": answer,
        "website": "",
    }


class Browser:
    """One HTTP/1.1 connection from a chosen source address, with a cookie jar."""

    def __init__(self, base, source_address=None, timeout=60, keep_cookies=True):
        parts = urlsplit(base)
        self.keep_cookies = keep_cookies
        self.host, self.port = parts.hostname, parts.port
        self.source = (source_address, 0) if source_address else None
        self.timeout = timeout
        self.cookies = {}
        self.conn = None

    def _connection(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(
                self.host, self.port, timeout=self.timeout, source_address=self.source
            )
        return self.conn

    def request(self, method, path, body=None):
        """(status, headers dict with lower-case names, text); retries once on a closed connection."""
        headers = {"Host": f"{self.host}:{self.port}", "User-Agent": "portal-bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            body = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                conn = self._connection()
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt == 2:
                    raise
        for value in (response.headers.get_all("Set-Cookie") or []) if self.keep_cookies else []:
            cookie = SimpleCookie()
            cookie.load(value)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        if response.headers.get("Connection", "").lower() == "close":
            self.close()
        return response.status, {k.lower(): v for k, v in response.headers.items()}, data.decode("utf-8", "replace")

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def submit_complaint(base, seq, timeout=60):
    """One submission from a new address. Returns (outcome, reference or None, statuses).

    outcome: "acknowledged" (receipt with a reference), "rejected" (form answered 4xx), "5xx",
    or "unexpected" (any other answer)."""
    browser = Browser(base, next_source_address(), timeout=timeout)
    statuses = []
    try:
        status, _headers, page = browser.request("GET", FORM_PATH)
        statuses.append(status)
        if status >= 500:
            return "5xx", None, statuses
        if status != 200:
            return "unexpected", None, statuses
        status, headers, _page = browser.request("POST", FORM_PATH, form_fields(page, solve(page), seq))
        statuses.append(status)
        if status >= 500:
            return "5xx", None, statuses
        if status != 302:
            return "rejected", None, statuses
        location = urlsplit(headers.get("location", "")).path or "/oversight/receipt/"
        status, _headers, receipt = browser.request("GET", location)
        statuses.append(status)
        if status >= 500:
            return "5xx", None, statuses
        match = REFERENCE.search(receipt)
        return ("acknowledged", match.group(1), statuses) if status == 200 and match else ("unexpected", None, statuses)
    finally:
        browser.close()


def submission_load(base, seconds, concurrency):
    """`concurrency` threads submitting complaints for `seconds`. Returns the wrk-like figures."""
    stop_at = time.monotonic() + seconds
    latencies, outcomes, references = [], {}, []
    lock = threading.Lock()
    counter = itertools.count()

    def worker():
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                outcome, reference, _statuses = submit_complaint(base, next(counter))
            except (OSError, ValueError) as exc:
                outcome, reference = f"error: {type(exc).__name__}", None
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
                if reference:
                    references.append(reference)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.perf_counter() - started
    from harness import percentile

    acknowledged = outcomes.get("acknowledged", 0)
    return {
        "requests": len(latencies),
        "duration_s": duration,
        "rps": acknowledged / duration if duration else 0.0,
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "p99_ms": percentile(latencies, 99),
        "errors": len(latencies) - acknowledged,
        "non2xx": 0,
        "outcomes": outcomes,
        "references": references,
    }
