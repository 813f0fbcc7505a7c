"""What translations/status.py tells the rest of the site when texts change, for apps
above it (notifications/) to act on without translations/ knowing them.

- source_changed: a source text changed under translations made from it, which are
  out of date now. Sent with the item (a part's owner, for a gallery image's text) as
  `instance`, `records` (the TranslationRecords now out of date, each with its
  translator) and `user` (who saved, or None).
- translation_saved: a save wrote texts in a language other than their source's.
  Sent with `instance` (the item, as above), `language`, `fields` (base names) and
  `user` (who saved, or None).

Both are sent inside the save's transaction: receivers that reach the outside world
wait for the commit (transaction.on_commit)."""

from django.dispatch import Signal

source_changed = Signal()
translation_saved = Signal()
