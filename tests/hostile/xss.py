"""What a hostile author types, and how a visitor's page is searched for anything it
could make a browser run: shared by the suites that store hostile text (in every field,
through the translators' import)."""

from html.parser import HTMLParser

PAYLOADS = [
    "<script>alert(1)</script>",
    "<script src=//evil.example/x.js></script>",
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)">',
    "<img src=javascript:alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="#" onclick="alert(1)">x</a>',
    '<a href="https://example.org" onmouseover="alert(1)">x</a>',
    "<p onclick=alert(1)>x</p>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="x:expression(alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    '<button formaction="javascript:alert(1)">x</button>',
    "<base href=javascript:alert(1)//>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<style>@import 'javascript:alert(1)';</style>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<isindex action=javascript:alert(1) type=image>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>alert(1)//<</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "{{ request }}{% debug %}",
    "${alert(1)}",
    "javascript:alert(1)",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    "<template><script>alert(1)</script></template>",
    "<xmp><script>alert(1)</script></xmp>",
]
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcset", "poster", "xlink:href"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "form"}


class Audit(HTMLParser):
    """What in a page could run a visitor's browser: script elements not the site's,
    event handlers, script addresses, embedding elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not self._our_script(attrs):
            self.problems.append(f"<script {attrs}>")
        if tag in FORBIDDEN_TAGS and not (tag == "form" and self._our_form(attrs)):
            self.problems.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and runs_script(value or ""):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "http-equiv":
                self.problems.append(f"<{tag} http-equiv>")

    @staticmethod
    def _our_script(attrs):
        return attrs.get("type") == "application/ld+json" or (attrs.get("src") or "").startswith(
            "/static/"
        )

    @staticmethod
    def _our_form(attrs):
        # The site's search form, and nothing else, posts or gets anywhere.
        return (attrs.get("action") or "").startswith("/") and "search" in attrs.get("class", "")


def runs_script(value):
    squeezed = "".join(value.split()).lower()
    return squeezed.startswith(("javascript:", "vbscript:", "data:text"))


def problems_in(html):
    """What in `html` could run a visitor's browser (empty when nothing)."""
    audit = Audit()
    audit.feed(html)
    return audit.problems
