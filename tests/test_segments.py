"""Rich text as segments (content/segments.py): split into the paragraphs, headings, list
items and table cells a translator translates one by one, gaps filled from another
language with its `lang`, and translations following their source's new shape."""

from content.segments import aligned, fill_gaps, has_gaps, realign, rebuild, split

SOURCE = (
    "<h2>Titel</h2><p>Een <strong>eerste</strong> alinea met "
    '<a href="/nl/x/">een link</a>.</p>'
    "<ul><li><p>een</p></li><li>twee</li></ul>"
    "<table><tbody><tr><th>Kop</th><td><p>Cel</p></td></tr></tbody></table><hr><p>Slot</p>"
)
ENGLISH = (
    "<h2>Title</h2><p>A <strong>first</strong> paragraph with "
    '<a href="/en/x/">a link</a>.</p>'
    "<ul><li><p>one</p></li><li>two</li></ul>"
    "<table><tbody><tr><th>Head</th><td><p>Cell</p></td></tr></tbody></table><hr><p>End</p>"
)


def gaps_but(html, translated):
    """`html`'s shape with only the segments of `translated` ({index: text}) filled."""
    count = len(split(html).segments)
    return rebuild(html, [translated.get(index, "") for index in range(count)])


def test_headings_paragraphs_list_items_and_cells_are_segments():
    assert split(SOURCE).contents() == [
        "Titel",
        'Een <strong>eerste</strong> alinea met <a href="/nl/x/">een link</a>.',
        "een",
        "twee",
        "Kop",
        "Cel",
        "Slot",
    ]
    assert [segment.tag for segment in split(SOURCE).segments] == [
        "h2",
        "p",
        "p",
        "li",
        "th",
        "p",
        "p",
    ]


def test_two_texts_with_the_same_blocks_are_aligned_whatever_their_words():
    assert aligned(SOURCE, ENGLISH)
    assert not aligned(SOURCE, "<p>Alles in één alinea.</p>")
    assert not aligned(SOURCE, SOURCE.replace("<h2>Titel</h2>", "<p>Titel</p>"))


def test_text_outside_any_block_is_translated_whole():
    assert not split("Gewoon tekst zonder alinea").segmentable
    assert not split("<li>Los<ul><li>genest</li></ul></li>").segmentable
    assert split("<ul><li><p>Los</p><ul><li>genest</li></ul></li></ul>").segmentable


def test_an_empty_block_is_a_gap_and_a_complete_text_has_none():
    assert not has_gaps(SOURCE)
    assert has_gaps(gaps_but(SOURCE, {0: "Titre"}))
    assert has_gaps("<ul><li><p> &nbsp;</p></li></ul>")


def test_gaps_are_filled_from_the_first_aligned_language_and_marked_with_it():
    french = gaps_but(SOURCE, {1: 'Un <strong>premier</strong> <a href="/fr/x/">lien</a>.'})
    shown, used = fill_gaps(french, [("en", ENGLISH), ("nl", SOURCE)])
    assert used == ["en"]
    assert '<p>Un <strong>premier</strong> <a href="/fr/x/">lien</a>.</p>' in shown
    assert '<h2 lang="en">Title</h2>' in shown
    assert '<li><p lang="en">one</p></li><li lang="en">two</li>' in shown
    assert '<th lang="en">Head</th><td><p lang="en">Cell</p></td>' in shown
    assert shown.endswith('<hr><p lang="en">End</p>')


def test_a_language_not_aligned_is_passed_over_for_the_next():
    french = gaps_but(SOURCE, {0: "Titre"})
    shown, used = fill_gaps(french, [("en", "<p>Another shape</p>"), ("nl", SOURCE)])
    assert used == ["nl"]
    assert '<p lang="nl">Slot</p>' in shown


def test_gaps_nothing_aligned_can_fill_leave_the_text_to_another_language_whole():
    french = gaps_but(SOURCE, {0: "Titre"})
    assert fill_gaps(french, [("en", "<p>Another shape</p>")]) == (None, [])


def test_a_translation_follows_a_paragraph_added_to_its_source():
    french = gaps_but(SOURCE, {0: "Titre", 6: "Fin"})
    grown = SOURCE.replace("<hr>", "<p>Nieuw</p><hr>")
    followed = realign(french, SOURCE, grown)
    assert aligned(followed, grown)
    contents = split(followed).contents()
    assert contents[0] == "Titre"
    assert contents[6] == ""  # the new paragraph: a gap
    assert contents[7] == "Fin"


def test_a_translation_follows_a_paragraph_removed_or_edited_in_its_source():
    french = gaps_but(SOURCE, {0: "Titre", 2: "un", 6: "Fin"})
    edited = SOURCE.replace("<h2>Titel</h2>", "<h2>Andere titel</h2>")
    shrunk = edited.replace("<li>twee</li>", "")
    followed = realign(french, SOURCE, shrunk)
    # The edited heading keeps its translation (now out of date) in its place.
    assert split(followed).contents() == ["Titre", "", "un", "", "", "Fin"]


def test_a_translation_made_whole_keeps_its_own_shape():
    assert realign("<p>Tout en un.</p>", SOURCE, SOURCE + "<p>Meer</p>") is None


def test_a_gap_filled_from_a_recorded_source_when_asked():
    grown = SOURCE + "<p>Nieuw</p>"
    followed = realign(SOURCE, SOURCE, grown, filler=split(grown).contents().__getitem__)
    assert followed == grown
