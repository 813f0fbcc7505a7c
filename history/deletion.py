"""What deleting an item takes with it, said the way staff think of it.

Django's own summary lists every row that goes, named after its model: the links of
a project to its cities appear as "Project-city relationships: 1" and "Project_cities
object (5)". Here the same rows are told apart:

- what belongs to the item and goes with it (its gallery images, its roles of
  partners), by their names;
- its links to other content, which stays ("its link to the city Brussels");
- other content that uses the item and would lose its link to it, or be deleted with
  it: said separately, since staff may not expect it.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _


@dataclass
class Deletion:
    goes: list = field(default_factory=list)
    """What belongs to the item and goes with it, one phrase per kind."""
    still_used: list = field(default_factory=list)
    """Other content that uses the item: it loses its link, or goes too."""
    counts: dict = field(default_factory=dict)
    protected: list = field(default_factory=list)
    """Content that uses the item and forbids deleting it while it does."""


def describe_deletion(objs, owned_models):
    """What deleting `objs` (all of one model) takes with it. `owned_models` are the
    models edited as part of the item (its admin's inlines)."""
    objs = list(objs)
    if not objs:
        return Deletion()
    collector = NestedObjects(using=router.db_for_write(type(objs[0])), origin=objs)
    collector.collect(objs)
    deletion = Deletion()
    roots = {(type(obj), obj.pk) for obj in objs}
    for model, instances in collector.data.items():
        instances = _in_their_order(
            model, [obj for obj in instances if (model, obj.pk) not in roots]
        )
        if instances:
            _describe(deletion, model, instances, roots, set(owned_models))
    deletion.protected = [_used_by(obj, roots) for obj in collector.protected]
    return deletion


def _in_their_order(model, instances):
    """The collector keeps rows in sets, in no lasting order: staff expect them in the
    order the admin shows them (a gallery by its order field)."""
    by_pk = {obj.pk: obj for obj in instances}
    if len(by_pk) < 2:
        return instances
    ordered = model._base_manager.filter(pk__in=by_pk).values_list("pk", flat=True)
    return [by_pk[pk] for pk in ordered if pk in by_pk]


def _describe(deletion, model, instances, roots, owned_models):
    if model._meta.auto_created:
        _describe_links(deletion, model, instances, roots)
    elif model in owned_models:
        _describe_owned(deletion, model, instances, roots)
    else:
        deletion.still_used.extend(
            _("the %(kind)s “%(name)s”, which belongs to it, is deleted too")
            % {"kind": model._meta.verbose_name, "name": obj}
            for obj in instances
        )
        deletion.counts[capfirst(model._meta.verbose_name_plural)] = len(instances)


def _describe_links(deletion, through, rows, roots):
    """Rows of a many-to-many table: the item's links to other content, or other
    content's links to the item."""
    owner = through._meta.auto_created
    for row in rows:
        own_side, other = _sides(row, roots)
        names = {"kind": other._meta.verbose_name, "name": other}
        if isinstance(own_side, owner):
            deletion.goes.append(_("its link to the %(kind)s “%(name)s”") % names)
        else:
            deletion.still_used.append(
                _("the %(kind)s “%(name)s” uses it: it stays, without this link") % names
            )
    label = _("Links to other content")
    deletion.counts[label] = deletion.counts.get(label, 0) + len(rows)


def _sides(row, roots):
    """The deleted item and the other end of one link row."""
    ends = [getattr(row, f.name) for f in row._meta.fields if f.many_to_one]
    own = next(end for end in ends if (type(end), end.pk) in roots)
    other = next(end for end in ends if end is not own)
    return own, other


def _describe_owned(deletion, model, instances, roots):
    """The item's inline rows: each one's own words when its model has them (a role of
    a partner is a link to that partner), else a count and their names."""
    phrases = defaultdict(list)
    for obj in instances:
        if hasattr(obj, "deletion_phrase"):
            deletion.goes.append(obj.deletion_phrase())
        else:
            phrases[model].append(obj)
    for owned, objs in phrases.items():
        deletion.goes.append(
            format_html(
                "{} {}: {}",
                len(objs),
                owned._meta.verbose_name if len(objs) == 1 else owned._meta.verbose_name_plural,
                ", ".join(f"“{obj}”" for obj in objs),
            )
        )
    deletion.counts[capfirst(model._meta.verbose_name_plural)] = len(instances)


def _used_by(obj, roots):
    """Protected content, named by what it belongs to: "the project La Pile (partner in
    the project: VGC (Funder))" rather than the row alone."""
    parents = [
        getattr(obj, f.name)
        for f in obj._meta.fields
        if f.many_to_one and (f.related_model, getattr(obj, f.attname)) not in roots
    ]
    if not parents:
        return _("the %(kind)s “%(name)s”") % {"kind": obj._meta.verbose_name, "name": obj}
    parent = parents[0]
    return _("the %(kind)s “%(name)s” uses it (%(detail)s)") % {
        "kind": parent._meta.verbose_name,
        "name": parent,
        "detail": f"{obj._meta.verbose_name}: {obj}",
    }
