"""What the site tells search engines and link previews: each page's head
(canonical, hreflang, Open Graph, JSON-LD), the sitemaps' base classes, robots.txt and
the web manifest.

May import media/, caching/, content/ and operations/."""
