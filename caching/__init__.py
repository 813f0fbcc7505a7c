"""The cache: whole public pages (pages.py), values and fragments many pages show
(fragments.py), which pages an edit invalidates (invalidation.py), and the purge of
those addresses at the proxy in front (purge.py). Finds the kinds of content through
`content_models()`.

May import content/ and operations/."""
