"""The cache: whole public pages (pages.py), values and fragments (fragments.py), what an
edit invalidates (invalidation.py) and purges at the proxy (purge.py). Finds the kinds of
content through `content_models()`. May import content/ and operations/."""
