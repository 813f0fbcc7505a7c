"""The admin's safety net: versions of every save (django-reversion), compare,
restore, recover, deletion in plain words, and clashes between editors.

May import content/ and the apps below it."""
