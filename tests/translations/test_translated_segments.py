"""Rich text translated segment by segment: a partial translation shows what it has and
the rest in a fallback language, marked with its `lang` and the notice; statuses count
segments; an edit of one source paragraph makes only that paragraph out of date; the
translators' files carry a unit per segment; translations written whole keep working."""

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from lxml import etree
from translate.storage import xliff

from content.models import fallback_chain, url_in
from content.segments import rebuild, split
from pages.models import Page
from tests.admin_forms import form_values, save_in_admin
from tests.factories import LANGUAGES, make_page, make_translator
from translations.admin import status_summary
from translations.files import apply, check_file, export_entries, write_file
from translations.markup import MarkupError, from_editable, to_editable
from translations.models import TranslationRecord
from translations.status import (
    COMPLETE,
    MISSING,
    STALE,
    field_status,
    object_status,
    segment_statuses,
)

pytestmark = pytest.mark.django_db

SOURCE, TARGET = LANGUAGES[:2]
# The language a TARGET visitor reads what is not translated yet in.
FALLBACK = fallback_chain(TARGET)[1]

THREE = (
    '<h2>Kop</h2><p>Eerste alinea met <a href="/nl/x/">een link</a>.</p>'
    "<ul><li><p>Een punt</p></li></ul>"
)


def translate_url(obj, language=TARGET):
    opts = obj._meta
    return reverse("admin:translate", args=[opts.app_label, opts.model_name, obj.pk, language])


@pytest.fixture
def translator(client, db):
    client.force_login(make_translator(TARGET))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def post(client, obj, **changes):
    """The translate screen sent back as a browser would, with `changes` typed in."""
    response = client.get(translate_url(obj))
    data = form_values(response.content.decode(), "translate_form")
    data.update({name: [value] for name, value in changes.items()})
    return client.post(translate_url(obj), data)


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def page_html(client, obj, language=TARGET):
    response = client.get(url_in(obj, language))
    assert response.status_code == 200
    return response.content.decode()


def segment_page(body=THREE, **fields):
    """A page written in SOURCE, with its FALLBACK text in the same shape."""
    english = re.sub(r">([^<]+)<", lambda m: f">{m[1]} ({FALLBACK})<", body)
    return make_page(
        "segmenten",
        languages=[SOURCE, FALLBACK],
        **{f"body_{SOURCE}": body, f"body_{FALLBACK}": english, **fields},
    )


def titled(page, language=TARGET):
    """The page with a title (and so an address) in `language`."""
    setattr(page, f"title_{language}", f"segmenten {language.upper()}")
    setattr(page, f"slug_{language}", f"segmenten-{language}")
    page.save()
    return fresh(page)


# What users asked for: About → translate one paragraph → the French page keeps the rest.


def test_one_paragraph_of_about_translated_leaves_the_rest_in_the_fallback(
    client, translator, about
):
    sources = split(getattr(about, f"body_{SOURCE}")).contents()
    assert len(sources) >= 20
    post(
        translator,
        about,
        **{f"title_{TARGET}": "À propos", f"body_{TARGET}-2": "Un seul paragraphe traduit."},
    )
    about = fresh(about)
    html = page_html(client, about)
    main = html[html.index("<main") :]
    assert "<p>Un seul paragraphe traduit.</p>" in main
    # Every other segment is there, in the fallback language, marked as such.
    fallback = getattr(about, f"body_{FALLBACK}")
    assert len(re.findall(rf'<(?:p|h2|li) lang="{FALLBACK}">', main)) == len(sources) - 1
    for content in split(fallback).contents()[2:]:
        assert content.split("<")[0][:40] in main
    # The text is French, with one notice saying which parts are not.
    assert main.count('class="fallback-notice"') == 1
    assert f'<div class="fallback" lang="{TARGET}">' in main
    counts = object_status(about, TARGET)
    body = segment_statuses(about, "body", TARGET)
    assert body.count(COMPLETE) == 1
    assert body.count(MISSING) == len(sources) - 1
    with translation.override("en"):
        assert status_summary(counts) == f"{counts[COMPLETE]} of {sum(counts.values())}"


def test_a_page_whose_translation_is_complete_is_shown_as_it_is(client, translator):
    page = titled(segment_page())
    post(
        translator,
        page,
        **{f"body_{TARGET}-1": "Titre", f"body_{TARGET}-2": 'Avec <a id="1">un lien</a>.'},
    )
    # The title and two of the three segments.
    assert status_summary(object_status(fresh(page), TARGET)) == "3 of 4"
    post(translator, page, **{f"body_{TARGET}-3": "Un point"})
    page = fresh(page)
    assert getattr(page, f"body_{TARGET}") == (
        '<h2>Titre</h2><p>Avec <a href="/nl/x/">un lien</a>.</p><ul><li><p>Un point</p></li></ul>'
    )
    assert status_summary(object_status(page, TARGET)) == "complete"
    html = page_html(client, page)
    assert "fallback-notice" not in html
    assert f'lang="{FALLBACK}">' not in html[html.index("<main") :]


def test_showing_a_complete_translation_never_splits_it(client, monkeypatch):
    page = titled(segment_page(), TARGET)
    setattr(page, f"body_{TARGET}", THREE.replace("Kop", "Titre"))
    page.save()

    def refuse(html):
        raise AssertionError("a complete translation was split")

    monkeypatch.setattr("content.models.fill_gaps", refuse)
    assert "Titre" in page_html(client, fresh(page))


# The translate screen.


def test_the_translate_screen_puts_each_segment_beside_its_source(translator):
    page = segment_page()
    html = translator.get(translate_url(page)).content.decode()
    for number, source in enumerate(split(THREE).contents(), start=1):
        assert f'name="body_{TARGET}-{number}"' in html
        assert f'lang="{SOURCE}">{source}</div>' in html
    # Links are typed as numbered codes, which the screen shows.
    assert "Eerste alinea met &lt;a id=&quot;1&quot;&gt;een link&lt;/a&gt;." in html


def test_a_segment_that_loses_its_link_is_refused_and_keeps_what_was_typed(translator):
    page = segment_page()
    response = post(translator, page, **{f"body_{TARGET}-2": "Sans le lien."})
    assert response.status_code == 200
    html = response.content.decode()
    assert "cannot be kept: type each link of the source once" in html
    assert "Sans le lien.</textarea>" in html
    assert not getattr(fresh(page), f"body_{TARGET}")


def test_typed_inline_codes_become_the_sources_markup():
    source = 'Zie <a href="/nl/x/" title="x">hier</a> en <strong>dit</strong>'
    assert to_editable(source) == 'Zie <a id="1">hier</a> en <strong>dit</strong>'
    assert from_editable('Voir <a id="1">ici</a> &amp; <em>ceci</em>', source) == (
        'Voir <a href="/nl/x/" title="x">ici</a> &amp; <em>ceci</em>'
    )
    for damaged in ("Voir ici", '<a id="2">ici</a>', '<p><a id="1">ici</a></p>'):
        with pytest.raises(MarkupError):
            from_editable(damaged, source)


# Out of date, segment by segment.


@pytest.fixture
def translated(translator):
    page = titled(segment_page())
    post(
        translator,
        page,
        **{
            f"body_{TARGET}-1": "Titre",
            f"body_{TARGET}-2": 'Avec <a id="1">un lien</a>.',
            f"body_{TARGET}-3": "Un point",
        },
    )
    page = fresh(page)
    assert segment_statuses(page, "body", TARGET) == [COMPLETE] * 3
    return page


def edit_source(page, old, new):
    setattr(page, f"body_{SOURCE}", getattr(page, f"body_{SOURCE}").replace(old, new))
    page.save()
    return fresh(page)


def test_an_edited_source_paragraph_makes_only_its_segment_stale(translator, translated):
    page = edit_source(translated, "Een punt", "Een ander punt")
    assert segment_statuses(page, "body", TARGET) == [COMPLETE, COMPLETE, STALE]
    assert status_summary(object_status(page, TARGET)) == "3 of 4, 1 out of date"
    html = translator.get(translate_url(page)).content.decode()
    assert html.count('name="still_correct"') == 1
    assert f'value="body_{TARGET}:3"' in html
    assert "Een <ins>ander</ins> punt" in html


def test_saving_another_segment_leaves_a_stale_one_stale(translator, translated):
    page = edit_source(translated, "Een punt", "Een ander punt")
    post(translator, page, **{f"body_{TARGET}-1": "Un titre"})
    assert segment_statuses(fresh(page), "body", TARGET) == [COMPLETE, COMPLETE, STALE]


def test_still_correct_clears_one_segment(translator, translated):
    page = edit_source(translated, "Een punt", "Een ander punt")
    edit_source(page, "Kop", "Nieuwe kop")
    post(translator, fresh(page), still_correct=f"body_{TARGET}:3")
    assert segment_statuses(fresh(page), "body", TARGET) == [STALE, COMPLETE, COMPLETE]


def test_a_paragraph_added_to_the_source_is_a_gap_the_fallback_fills(client, translated):
    page = translated
    for language in (SOURCE, FALLBACK):
        text = getattr(page, f"body_{language}")
        setattr(page, f"body_{language}", text.replace("<ul>", f"<p>Nieuw {language}</p><ul>"))
    page.save()
    page = fresh(page)
    assert split(getattr(page, f"body_{TARGET}")).contents()[2] == ""
    assert segment_statuses(page, "body", TARGET) == [COMPLETE, COMPLETE, MISSING, COMPLETE]
    html = page_html(client, page)
    assert f'<p lang="{FALLBACK}">Nieuw {FALLBACK}</p>' in html
    assert "<p>Un point</p>" in html


def test_a_paragraph_an_editor_adds_in_the_change_form_is_a_gap_in_each_translation(
    admin_client, translated
):
    source = getattr(translated, f"body_{SOURCE}").replace("<ul>", "<p>Nieuw</p><ul>")
    response = save_in_admin(admin_client, translated, **{f"body_{SOURCE}": source})
    assert response.status_code == 302
    page = fresh(translated)
    assert split(getattr(page, f"body_{TARGET}")).contents()[2] == ""
    assert segment_statuses(page, "body", TARGET) == [COMPLETE, COMPLETE, MISSING, COMPLETE]
    # The fallback, not edited, follows the same way: its new segment is a gap too.
    assert split(getattr(page, f"body_{FALLBACK}")).contents()[2] == ""


def test_a_paragraph_removed_from_the_source_leaves_the_others_as_they_were(translated):
    page = edit_source(translated, "<h2>Kop</h2>", "")
    assert split(getattr(page, f"body_{TARGET}")).contents() == [
        'Avec <a href="/nl/x/">un lien</a>.',
        "Un point",
    ]
    assert segment_statuses(page, "body", TARGET) == [COMPLETE, COMPLETE]


# Translations written whole, before segments.


def test_a_translation_written_whole_in_its_own_shape_stays_complete_and_as_it_is(
    client, translator
):
    page = titled(segment_page())
    whole = "<p>Tout le texte en un seul paragraphe.</p>"
    setattr(page, f"body_{TARGET}", whole)
    page.save()
    page = fresh(page)
    assert field_status(page, "body", TARGET) == COMPLETE
    assert segment_statuses(page, "body", TARGET) == [COMPLETE] * 3
    html = page_html(client, page)
    assert whole in html
    assert "fallback-notice" not in html
    screen = translator.get(translate_url(page)).content.decode()
    assert "This translation was written whole" in screen
    assert f'name="body_{TARGET}-1"' not in screen


def test_existing_records_get_their_segments_digests(translated):
    """The data migration: a record kept before segments counts segment by segment."""
    TranslationRecord.objects.update(segment_digests=[])
    migration = import_module("translations.migrations.0002_translation_records_per_segment")
    migration.digest_segments(apps, None)
    page = edit_source(fresh(translated), "Kop", "Andere kop")
    assert segment_statuses(page, "body", TARGET) == [STALE, COMPLETE, COMPLETE]


# The translators' files.


@pytest.fixture
def half_translated(translator):
    page = titled(segment_page())
    post(translator, page, **{f"body_{TARGET}-1": "Titre"})
    return fresh(page)


def exported(page, file_format):
    return write_file(
        export_entries(TARGET, {Page: Page.objects.filter(pk=page.pk)}), TARGET, file_format
    )


def test_an_xliff_export_has_a_unit_per_missing_segment_with_its_codes(half_translated):
    store = xliff.xlifffile.parsestring(exported(half_translated, "xliff"))
    ids = [unit.xmlelement.get("id") for unit in store.units]
    base = f"pages.page:{half_translated.pk}:body"
    assert [uid for uid in ids if uid.startswith(base)] == [f"{base}:2", f"{base}:3"]
    second = next(unit for unit in store.units if unit.xmlelement.get("id") == f"{base}:2")
    assert '<g id="1">een link</g>' in etree.tostring(second.xmlelement, encoding="unicode")


def test_an_xliff_unit_comes_back_into_its_own_segment(half_translated):
    content = exported(half_translated, "xliff").decode()
    base = f"pages.page:{half_translated.pk}:body:2"
    store = xliff.xlifffile.parsestring(content.encode())
    unit = next(unit for unit in store.units if unit.xmlelement.get("id") == base)
    source = unit.rich_source[0]
    translated_elem = source.copy()
    translated_elem.sub[0] = "Premier paragraphe avec "
    unit.rich_target = [translated_elem]
    unit.xmlelement.find(f"{{{unit.namespace}}}target").set("state", "translated")
    plan = check_file(bytes(store), None, TARGET)
    assert plan.errors == []
    assert [change.uid for change in plan.changes] == [base]
    apply(plan)
    page = fresh(half_translated)
    assert split(getattr(page, f"body_{TARGET}")).contents() == [
        "Titre",
        'Premier paragraphe avec <a href="/nl/x/">een link</a>.',
        "",
    ]
    assert segment_statuses(page, "body", TARGET) == [COMPLETE, COMPLETE, MISSING]


def test_a_unit_whose_link_code_was_dropped_is_refused_by_name(half_translated):
    content = exported(half_translated, "xliff").decode()
    base = f"pages.page:{half_translated.pk}:body:2"
    store = xliff.xlifffile.parsestring(content.encode())
    unit = next(unit for unit in store.units if unit.xmlelement.get("id") == base)
    unit.target = "Sans le lien."
    plan = check_file(bytes(store), None, TARGET)
    assert [uid for uid, _message in plan.errors] == [base]
    assert "segment 2 of 3" in plan.errors[0][1]


def test_a_po_entry_per_segment_comes_back_and_a_changed_structure_is_refused(
    half_translated,
):
    catalogue = exported(half_translated, "po").decode()
    base = f"pages.page:{half_translated.pk}:body"
    good = catalogue.replace(
        f'msgctxt "{base}:3"\nmsgid "Een punt"\nmsgstr ""',
        f'msgctxt "{base}:3"\nmsgid "Een punt"\nmsgstr "Un point"',
    )
    assert good != catalogue
    plan = check_file(good.encode(), None, TARGET)
    assert plan.errors == []
    apply(plan)
    assert split(getattr(fresh(half_translated), f"body_{TARGET}")).contents()[2] == "Un point"
    damaged = catalogue.replace(
        f'msgctxt "{base}:3"\nmsgid "Een punt"\nmsgstr ""',
        f'msgctxt "{base}:3"\nmsgid "Een punt"\nmsgstr "<strong>Un</strong> point"',
    )
    assert [uid for uid, _m in check_file(damaged.encode(), None, TARGET).errors] == [f"{base}:3"]


def test_a_gap_rebuilt_in_the_sources_shape():
    assert rebuild(THREE, ["A", "", "C"]).startswith("<h2>A</h2><p></p>")
