"""Notifications: the e-mail staff get about translations. A translator hears, in a
daily digest, of the sources they translated that changed since; an editor hears when
a translation of an item they edited arrives. Listens to translations/signals.py;
mails go out from the background worker, never from a request.

May import staff/, translations/ and every app below them."""
