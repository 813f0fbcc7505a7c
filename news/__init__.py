"""News: what the organisation has to tell its neighbours and funders, in each language.

A kind of content (`News`, a `Content`), its list by date with an archive by year, its
Atom and RSS feeds per language, and the latest news that the home page and a project's
page show (`{% latest_news %}`). Imports projects (news tells of projects and partners)
and the services below; nothing imports it but the composition root."""
