"""Region choosers for the project form: the regions an editor may choose (their folder's region and
everything in it) grouped by city and county instead of one long list.

RegionChooserWidget (服务区域, several regions) renders checkboxes in a fieldset per city and county,
the townships of each county in a collapsed <details> (open when one of them is chosen). It works
without JavaScript; region-chooser.js adds city and county filters and a name search. The purchaser's
region (one region) is a <select> with an option group per county (grouped_region_choices)."""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from portal.core.forms import SELECT_PROMPT
from portal.reference.models import Region


def _tree(regions):
    """[{region, counties: [{region, townships: [...]}]}] for `regions` (Region objects, any mix of
    cities, counties and townships), in code order. A region whose parent is not among `regions`
    becomes a top-level group itself."""
    by_pk = {r.pk: r for r in regions}
    cities, counties = {}, {}
    for region in sorted(regions, key=lambda r: r.code):
        if region.level <= Region.Level.CITY:
            cities.setdefault(region.pk, {"region": region, "counties": []})
    for region in sorted(regions, key=lambda r: r.code):
        if region.level == Region.Level.COUNTY:
            node = {"region": region, "townships": []}
            counties[region.pk] = node
            parent = cities.get(region.parent_id)
            if parent is None:
                parent = cities.setdefault(
                    region.parent_id or 0, {"region": by_pk.get(region.parent_id), "counties": []}
                )
            parent["counties"].append(node)
    for region in sorted(regions, key=lambda r: r.code):
        if region.level == Region.Level.TOWNSHIP:
            county = counties.get(region.parent_id)
            if county is None:
                county = {"region": by_pk.get(region.parent_id), "townships": []}
                counties[region.parent_id] = county
                cities.setdefault(0, {"region": None, "counties": []})["counties"].append(county)
            county["townships"].append(region)
    return list(cities.values())


class RegionChooserWidget(forms.CheckboxSelectMultiple):
    template_name = "disclosures/admin/region_chooser.html"

    class Media:
        js = ["disclosures/admin/region-chooser.js"]
        css = {"all": ["disclosures/admin/editor.css"]}

    def render(self, name, value, attrs=None, renderer=None):
        # The template lives with the project's templates (templates/disclosures/admin/), which the
        # default form renderer does not search.
        return super().render(name, value, attrs, renderer=TemplatesSetting())

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = {}
        regions = []
        for _group, group_options, _index in context["widget"]["optgroups"]:
            for option in group_options:
                instance = getattr(option["value"], "instance", None)
                if instance is None:
                    continue
                options[instance.pk] = option
                regions.append(instance)
        tree = []
        for city in _tree(regions):
            counties = []
            for county in city["counties"]:
                townships = [options[t.pk] for t in county["townships"]]
                counties.append(
                    {
                        "region": county["region"],
                        "option": options.get(county["region"].pk) if county["region"] else None,
                        "label": _("%(name)s（全域）") % {"name": county["region"].name} if county["region"] else "",
                        "townships": townships,
                        "chosen": sum(1 for t in townships if t["selected"]),
                    }
                )
            city_region = city["region"]
            tree.append(
                {
                    "region": city_region,
                    "option": options.get(city_region.pk) if city_region else None,
                    "label": _("%(name)s（全市）") % {"name": city_region.name} if city_region else "",
                    "counties": counties,
                }
            )
        chosen = [r for r in regions if options[r.pk]["selected"]]
        context["widget"].update(
            {
                "tree": tree,
                "chosen": chosen,
                "show_city_filter": len(tree) > 1,
                "show_county_filter": sum(len(c["counties"]) for c in tree) > 1,
                "filter_id": context["widget"]["attrs"].get("id", name),
            }
        )
        return context


def grouped_region_choices(regions, blank_label=SELECT_PROMPT):
    """Choices for a <select> of one region: an option group per city (itself) and per county (itself
    and its townships)."""
    choices = [("", blank_label)]
    for city in _tree(list(regions)):
        if city["region"] is not None:
            label = city["region"].full_name
            if city["region"].level == Region.Level.CITY:
                choices.append((label, [(city["region"].pk, _("%(name)s（全市）") % {"name": city["region"].name})]))
            else:
                choices.append((label, [(city["region"].pk, city["region"].name)]))
        for county in city["counties"]:
            if county["region"] is None:
                group = [(t.pk, t.name) for t in county["townships"]]
                choices.append((_("其他"), group))
                continue
            group = [(county["region"].pk, _("%(name)s（全域）") % {"name": county["region"].name})]
            group += [(t.pk, t.name) for t in county["townships"]]
            choices.append((county["region"].full_name, group))
    return choices
