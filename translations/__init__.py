"""Translations: the status of each translated field in each language, the
dashboard, the translate screen, and the translators' XLIFF and PO files.

May import history/, media/, caching/, content/ and operations/."""
