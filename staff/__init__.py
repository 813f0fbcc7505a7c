"""The admin as staff meet it: its site (login with a second factor, enrolment,
each person's language), the roles given to staff, accounts that keep their history,
and `ContentAdmin`, the one admin every kind of content subclasses.

May import translations/ and every app below it."""
