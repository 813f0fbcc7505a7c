"""The site's English is British English, read in Brussels: "07/12/2026" is 7 December,
never July, on screen and as typed in a date field. Django's formats for English are
American (month first), so its British ones are taken instead."""

from django.conf.locale.en_GB.formats import *  # noqa: F403
