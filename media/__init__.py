"""The library: pictures and documents uploaded once, described in every language and
chosen wherever they are used (covers, galleries, logos, rich text, a page's documents);
their upload checks, resized copies (made by the background worker, cut around the focal
point), choosers, where each is used, and safe downloads.

May import caching/, content/ and operations/."""
