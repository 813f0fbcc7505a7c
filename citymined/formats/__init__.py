"""Date and number formats where Django's for a language do not suit this site's
readers (FORMAT_MODULE_PATH): one folder per language code, as in django/conf/locale."""
