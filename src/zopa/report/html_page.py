"""The frame of the HTML report: one self-contained page (inline CSS, inline SVG, no
scripts, no network), and the small builders its sections share. Every piece of text from
the scenario goes through `esc`; nothing here knows about analyses."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

CSS = """
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: #222; background: #fff; max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin-bottom: .25rem; }
h2 { font-size: 1.35rem; margin-top: 2.5rem; border-bottom: 1px solid #ddd; }
h3 { font-size: 1.1rem; margin-bottom: .25rem; }
p.lead { font-size: 1.1rem; color: #444; }
.verdict { font-size: 1.2rem; font-weight: 600; padding: .6rem 1rem; border-radius: .4rem; }
.yes { background: #e6f4e6; color: #185c18; } .no { background: #fbe9e9; color: #8a1c1c; }
table { border-collapse: collapse; margin: .75rem 0 1.25rem; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .7rem .3rem 0;
  border-bottom: 1px solid #eee; }
th { font-weight: 600; color: #555; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: #f4f4f4; padding: .05em .3em; border-radius: .2em; }
blockquote { margin: .3rem 0 .6rem 1rem; padding-left: .8rem; border-left: 3px solid #ccc;
  color: #444; font-style: italic; }
.muted { color: #777; font-size: .9rem; }
.pass { color: #185c18; font-weight: 600; } .fail { color: #8a1c1c; font-weight: 600; }
figure { margin: 1rem 0; } figure svg { width: 100%; height: auto; }
figcaption { color: #666; font-size: .9rem; }
ul.lines li { margin-bottom: .6rem; }
"""
"""The page's one style sheet, inline: the report opens the same anywhere, offline."""


def esc(text: object) -> str:
    """`text` safe inside HTML elements and attribute values."""
    return escape(str(text), quote=True)


def code(text: str) -> str:
    return f"<code>{esc(text)}</code>"


def paragraph(text: str, *, cls: str | None = None) -> str:
    """A paragraph of already-escaped HTML."""
    return f'<p class="{cls}">{text}</p>' if cls else f"<p>{text}</p>"


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: frozenset[int] = frozenset(),
) -> str:
    """A table of already-escaped cells; columns in `numeric` are right-aligned."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
            for i, c in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def figure(svg: str, caption: str) -> str:
    """An inline SVG picture with its caption (escaped here)."""
    return f"<figure>{svg}<figcaption>{esc(caption)}</figcaption></figure>"


def section(title: str, *parts: str) -> str:
    return f"<section><h2>{esc(title)}</h2>\n" + "\n".join(parts) + "\n</section>"


def page(title: str, parts: Sequence[str]) -> str:
    """The whole HTML document; the same parts always give the same bytes."""
    body = "\n".join(parts)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )
