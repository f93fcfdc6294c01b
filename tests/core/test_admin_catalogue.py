"""The admin's Chinese: the project catalogue (locale/zh_Hans) completes what the installed Wagtail
leaves untranslated, in Python and in the admin's JavaScript; the committed .mo files are compiled
from the .po files; the few Wagtail templates overridden for hard-coded English stay copies of the
installed ones."""

import ast
import gettext
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import wagtail
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"
WAGTAIL = Path(wagtail.__file__).parent
# The Wagtail apps in INSTALLED_APPS whose strings editors meet, and Django's auth (password rules)
# and humanize (times of workflow steps).
APPS = [
    "wagtail",
    "wagtail/admin",
    "wagtail/users",
    "wagtail/snippets",
    "wagtail/images",
    "wagtail/documents",
    "wagtail/embeds",
    "wagtail/sites",
    "wagtail/search",
    "wagtail/contrib/forms",
    "wagtail/contrib/redirects",
    "wagtail/contrib/settings",
]


# Strings whose Chinese is the same text ("URL", "ID", "Wagtail API v2").
SAME_IN_CHINESE = {"URL", "ID", "API", "Wagtail"}


def po_entries(path):
    """(context, msgid, plural) of every entry of a .po file."""
    entries, current, key = [], {}, None

    def flush():
        if current.get("msgid"):
            entries.append((current.get("msgctxt"), current["msgid"], current.get("msgid_plural")))
        current.clear()

    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            key = None
        elif line.startswith("#"):
            continue
        elif match := re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line):
            key = match[1]
            current[key] = ast.literal_eval(match[2])
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
    flush()
    return entries


def english_catalogue(app, domain="django"):
    path = WAGTAIL.parent / app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
    if app.startswith("django/"):
        import django

        path = Path(django.__file__).parent.parent / app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
    return po_entries(path)


def test_every_wagtail_string_has_a_chinese_translation():
    missing = []
    with translation.override("zh-hans"):
        for app in [*APPS, "django/contrib/auth", "django/contrib/humanize"]:
            for context, msgid, plural in english_catalogue(app):
                if plural:
                    text = translation.npgettext(context, msgid, plural, 2) if context else None
                    text = text or translation.ngettext(msgid, plural, 2)
                    same = text == plural
                else:
                    text = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
                    same = text == msgid
                words = set(re.findall(r"[A-Za-z]{2,}", re.sub(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>", "", msgid)))
                if same and words - SAME_IN_CHINESE:
                    missing.append(f"{app}: {msgid!r}")
    assert not missing, f"{len(missing)} strings without a Chinese translation:\n" + "\n".join(missing[:50])


def test_the_admin_javascript_catalogue_is_complete(client):
    response = client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)[1])
    missing = [
        msgid
        for context, msgid, plural in english_catalogue("wagtail/admin", "djangojs")
        if (f"{context}\x04{msgid}" if context else msgid) not in catalogue
    ]
    assert not missing, f"JavaScript strings without a Chinese translation: {missing}"


def test_corrected_translations_replace_wagtails():
    """Chinese quotation marks and no stray space ("批准 和发布"); messages name the object."""
    with translation.override("zh-hans"):
        assert translation.gettext("%(label)s and Publish") % {"label": "批准"} == "批准并发布"
        assert (
            translation.gettext("Page '%(page_title)s' has been updated.") % {"page_title": "西湖区采购意向"}
            == "页面“西湖区采购意向”已更新。"
        )
        assert translation.gettext("Search all pages…") == "搜索全部页面…"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (Debian package gettext) is not installed")
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_committed_mo_files_are_compiled_from_the_po_files(tmp_path, domain):
    compiled = tmp_path / f"{domain}.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(LOCALE / f"{domain}.po")], check=True)
    with open(compiled, "rb") as fresh, open(LOCALE / f"{domain}.mo", "rb") as committed:
        assert gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(fresh)._catalog, (
            f"locale/zh_Hans/LC_MESSAGES/{domain}.mo is stale: run `make messages`"
        )


# Wagtail templates with hard-coded English, overridden in templates/wagtailadmin/: each is the
# installed template with exactly these replacements (a Wagtail upgrade that changes one fails here).
OVERRIDES = {
    "wagtailadmin/home.html": [('value="Search"', 'value="{% translate "Search" %}"')],
    "wagtailadmin/shared/header.html": [('value="Search"', 'value="{% translate "Search" %}"')],
    "wagtailadmin/shared/headers/_actions.html": [
        ("{# Actions divider #}", "{% load i18n %}{# Actions divider #}"),
        ('aria-label="Actions"', 'aria-label="{% translate "Actions" %}"'),
    ],
    "wagtailadmin/panels/read_only_output.html": [
        ('<div class="w-field__textoutput"', '{% load i18n %}<div class="w-field__textoutput"'),
        (
            "    {{ display_value }}\n",
            '    {% if display_value is True %}{% translate "是" %}{% elif display_value is False %}'
            '{% translate "否" %}{% else %}{{ display_value }}{% endif %}\n',
        ),
    ],
    "wagtailadmin/tables/cell.html": [
        ("<td ", "{% load i18n %}<td "),
        (
            "{% if value is not None %}{{ value }}{% endif %}",
            '{% if value is True %}{% translate "是" %}{% elif value is False %}{% translate "否" %}'
            "{% elif value is not None %}{{ value }}{% endif %}",
        ),
    ],
    "wagtailadmin/tables/column_header.html": [
        (
            "{% load wagtailadmin_tags %}",
            "{% load i18n wagtailadmin_tags %}{% translate column.label as label %}"
            "{% blocktranslate asvar ascending_title_text %}Sort by '{{ label }}' in ascending order."
            "{% endblocktranslate %}{% blocktranslate asvar descending_title_text %}Sort by '{{ label }}' "
            "in descending order.{% endblocktranslate %}",
        ),
        ("{{ column.label }}", "{{ label }}"),
    ],
}


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_overridden_wagtail_templates_are_the_installed_ones_translated(name):
    upstream = (WAGTAIL / "admin" / "templates" / name).read_text(encoding="utf-8")
    for old, new in OVERRIDES[name]:
        assert old in upstream, f"{name}: Wagtail changed {old!r}; update the override"
        upstream = upstream.replace(old, new)
    ours = (Path(settings.BASE_DIR) / "templates" / name).read_text(encoding="utf-8")
    assert ours == upstream
