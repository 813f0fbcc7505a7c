# The same content as the SEO tests: pages and projects in chosen languages.
from tests.seo.conftest import make_page, make_project, tomorrow  # noqa: F401
