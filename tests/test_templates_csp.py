"""The site's templates work under a strict Content-Security-Policy: scripts and
styles come from static files only, so no inline code needs to be allowed."""

import re
from pathlib import Path

import pytest
from django.conf import settings

FOLDER = Path(settings.BASE_DIR) / "templates"
TEMPLATES = sorted(FOLDER.rglob("*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.I)
STYLE_BLOCK = re.compile(r"<style\b", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(FOLDER)))
def test_template_has_no_inline_script_style_or_event_handler(template):
    source = template.read_text()
    for pattern in (INLINE_SCRIPT, STYLE_ATTRIBUTE, STYLE_BLOCK, EVENT_HANDLER):
        assert not pattern.search(source), f"{template.relative_to(FOLDER)}: {pattern.pattern}"
