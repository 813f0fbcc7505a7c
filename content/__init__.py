"""What every kind of content shares: `Content` (title, slug, text, publishing),
`published()`, "exists in language X", `url_in()`, `content_models()`, the rich-text field,
`{% translated %}`, former addresses, the organisation's details, the initial content's
log, the search vectors every kind carries, and the detail view every kind uses.

The base of the house: imports Django and libraries only."""
