"""A shim for django-modeltranslation 0.20: one multilingual queryset class per
queryset class, made once.

modeltranslation turns every queryset of a translated model into a multilingual one by
creating a new class, `class NewClass(old_cls, MultilingualQuerySet)`, each time a
manager hands one out when the model has a queryset class of its own (ours do:
published(), featured(), …). A project card asks for its cities and themes, so a page
with twelve cards created some thirty classes, which Python then had to collect. The
class made for a given queryset class is always the same, so it is made once here.
Remove this module when modeltranslation keeps its classes itself."""

import functools

from modeltranslation import manager


def make_multilingual_querysets_once():
    factory = manager.multilingual_queryset_factory
    if getattr(factory, "made_once", False):
        return
    made = functools.cache(lambda old_cls: factory(old_cls, instantiate=False))

    @functools.wraps(factory)
    def multilingual_queryset_factory(old_cls, instantiate=True):
        new_class = made(old_cls)
        return new_class() if instantiate else new_class

    multilingual_queryset_factory.made_once = True
    manager.multilingual_queryset_factory = multilingual_queryset_factory
