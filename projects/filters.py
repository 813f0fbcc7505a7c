"""The projects list's filters: which GET parameters are valid, how they narrow the
list, and how many projects each option would show (a fixed number of queries)."""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import City, Theme

ONGOING, PAST = "ongoing", "past"


class KeptChoiceField(forms.ModelChoiceField):
    """A city or theme named by its slug, found in the process's copy of them
    (`model.all_cached()`): checking a filter costs no query."""

    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(model.objects.all(), to_field_name="slug", **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        for item in self.model.all_cached():
            if item.slug == value:
                return item
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class ProjectFilterForm(forms.Form):
    theme = KeptChoiceField(Theme, required=False)
    city = KeptChoiceField(City, required=False)
    period = forms.ChoiceField(choices=[(ONGOING, _("Ongoing")), (PAST, _("Past"))], required=False)

    def filter(self, projects, skip=None):
        """`projects` narrowed by every chosen filter except `skip`."""
        data = self.cleaned_data
        if data.get("theme") and skip != "theme":
            projects = projects.filter(themes=data["theme"])
        if data.get("city") and skip != "city":
            projects = projects.filter(cities=data["city"])
        if data.get("period") and skip != "period":
            projects = projects.filter(end_year__isnull=data["period"] == ONGOING)
        return projects

    def query(self, **change):
        """The list's query string for the chosen filters with `change` made to them
        (None removes one): always in the fields' order, without a page number or any
        parameter of another kind, so that each choice of filters has one address
        (crawlers and the page cache see it once, not once per order of choosing)."""
        values = {name: getattr(value, "slug", value) for name, value in self.cleaned_data.items()}
        values.update(change)
        query = urlencode([(name, values[name]) for name in self.fields if values.get(name)])
        return f"?{query}" if query else ""

    def is_filtered(self):
        return any(self.cleaned_data.values())

    def chosen(self):
        """The chosen filters, as a key: `city=…:period=…:theme=…`."""
        return ":".join(
            f"{name}={getattr(value, 'slug', value) or ''}"
            for name, value in sorted(self.cleaned_data.items())
        )

    def count(self):
        """How many projects the chosen filters leave, read from the period's counts
        (facets() works them out anyway): the list needs no count of its own."""
        chosen = self.cleaned_data.get("period")
        if chosen:
            return self.period_counts[chosen]
        return self.period_counts[ONGOING] + self.period_counts[PAST]

    def facets(self, projects):
        """Each filter's options with the number of projects it would leave, given the
        other filters already chosen. Options that would leave nothing are left out."""
        data = self.cleaned_data
        groups = []
        for name, model in (("theme", Theme), ("city", City)):
            matching = self.filter(projects, skip=name).values("pk")
            options = model.objects.annotate(
                count=Count("projects", filter=Q(projects__in=matching), distinct=True)
            )
            groups.append(
                {
                    "name": name,
                    "label": model._meta.verbose_name_plural,
                    "options": [
                        self._option(name, o.slug, o, o.count, o == data.get(name))
                        for o in options
                        if o.count or o == data.get(name)
                    ],
                }
            )
        counts = self.period_counts = self.filter(projects, skip="period").aggregate(
            **{
                ONGOING: Count("pk", filter=Q(end_year__isnull=True), distinct=True),
                PAST: Count("pk", filter=Q(end_year__isnull=False), distinct=True),
            }
        )
        groups.append(
            {
                "name": "period",
                "label": _("Period"),
                "options": [
                    self._option("period", value, label, counts[value], value == data.get("period"))
                    for value, label in self.fields["period"].choices
                    if counts[value] or value == data.get("period")
                ],
            }
        )
        return groups

    def _option(self, name, value, label, count, selected):
        """`label` is a translated string, or the theme or city it names."""
        # Choosing a chosen option again removes it; either way the list starts at page 1.
        return {
            "label": label,
            "named_object": not isinstance(label, str | Promise),
            "count": count,
            "selected": selected,
            "query": self.query(**{name: None if selected else value}),
        }
