"""Injection strings: text that must stay text wherever data or metadata reach a page.

Shared by the unit tests of the escaping path (tests/core/test_text.py) and the browser test that
renders them through every path into a built page (tests/book/test_injection.py).
"""

PAYLOADS = [
    "<script>alert(document.title)</script>",
    '<img src=x onerror="alert(document.domain)">',
    "<svg onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    "[click me](javascript:alert(1))",
    '![x](x" onerror="alert(1))',
    "<javascript:alert(1)>",
    "<!--<script>",
    "</script><script>alert(1)</script>",
    "</div></section><h1>defaced</h1>",
    "{raw}`<script>alert(1)</script>`",
    "```{raw} html\n<script>alert(1)</script>\n```",
    ":::{raw} html\n<script>alert(1)</script>\n:::",
    "{{ substituted }}",
    "**bold** _em_ `code` # not a heading",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "| a | b |\n|---|---|",
    "back\\slash \\<b>",
    "$x$ and US$ 5",
]

# Addresses that must never become links.
BAD_URLS = ["javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)", "//evil.example/x", "java\nscript:alert(1)"]


def shown(payload: str) -> str:
    """What a reader should see for ``payload``: the same text, its line breaks as spaces."""
    return " ".join(payload.split())
