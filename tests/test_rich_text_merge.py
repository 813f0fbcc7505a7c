"""Two people's changes to one rich text are merged paragraph by paragraph where they
touched different blocks, and not at all where they touched the same one."""

from history.merging import blocks, merge

TEXT = "<p>One.</p>\n<h2>Two</h2>\n<ul><li>a</li><li>b</li></ul><p>Three <strong>x</strong>.</p>"


def test_a_text_is_cut_into_its_top_level_blocks():
    assert blocks(TEXT) == [
        "<p>One.</p>",
        "<h2>Two</h2>",
        "<ul><li>a</li><li>b</li></ul>",
        "<p>Three <strong>x</strong>.</p>",
    ]


def test_changes_to_different_blocks_are_both_kept():
    theirs = TEXT.replace("One.", "One, theirs.")
    yours = "<p>Zero.</p>" + TEXT.replace("<li>b</li>", "<li>b</li><li>c</li>")
    assert merge(TEXT, theirs, yours) == (
        "<p>Zero.</p><p>One, theirs.</p><h2>Two</h2><ul><li>a</li><li>b</li><li>c</li></ul>"
        "<p>Three <strong>x</strong>.</p>"
    )


def test_the_same_change_on_both_sides_is_kept_once():
    both = TEXT + "<p>Four.</p>"
    assert merge(TEXT, both, both) == "".join(blocks(both))


def test_changes_to_the_same_block_or_place_are_not_merged():
    assert merge(TEXT, TEXT.replace("One.", "Un."), TEXT.replace("One.", "Een.")) is None
    assert merge(TEXT, TEXT + "<p>Theirs.</p>", TEXT + "<p>Yours.</p>") is None
    assert merge("", "<p>Theirs.</p>", "<p>Yours.</p>") is None
