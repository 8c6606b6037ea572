"""Take the NL Design System tokens the site uses from the community's *voorbeeld* theme.

The NL Design System layers its design tokens: brand tokens (a municipality's palette), common tokens
(`--basis-*`: text, spacing, colours by purpose, focus, form controls) that point at the brand tokens, and
component tokens (`--utrecht-button-*`, `--utrecht-textbox-*`, `--nl-link-*`, ...) that point at the common ones.
The community publishes that whole set for an example municipality as
`@nl-design-system-unstable/voorbeeld-design-tokens` (EUPL-1.2, see LICENSE.md beside this file).

This script reads the package's `dist/theme.css` and writes `voorbeeld-tokens.css`: every common token and
the component tokens of the components the site draws (COMPONENTS), on `:root`. The brand layer is left out:
each `var(--voorbeeld-kleuren-...)` becomes `var(--trainingnet-kleuren-...)`, the palette that
`static/css/theme.css` defines, so the site keeps the NL Design System's structure with its own colours.

The output is committed; nothing runs at `make run` time and no npm is needed to serve the site. To update:

    cd "$(mktemp -d)" && npm pack @nl-design-system-unstable/voorbeeld-design-tokens@7.4.1 && tar xzf *.tgz
    python static/nl-design-system/build_tokens.py "$OLDPWD"/package/dist/theme.css   # from the repository root
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PACKAGE = "@nl-design-system-unstable/voorbeeld-design-tokens@7.4.1"

# The community components whose tokens the site's CSS (static/css/site.css) uses.
COMPONENTS = (
    "utrecht-button",
    "utrecht-textbox",
    "utrecht-textarea",
    "utrecht-select",
    "utrecht-checkbox",
    "utrecht-radio-button",
    "utrecht-form-label",
    "utrecht-form-field",
    "utrecht-form-fieldset",
    "utrecht-link",
    "nl-link",
    "utrecht-heading-1",
    "utrecht-heading-2",
    "utrecht-heading-3",
    "utrecht-paragraph",
    "utrecht-document",
    "utrecht-alert",
    "utrecht-skip-link",
    "utrecht-table",
    "utrecht-page-header",
    "utrecht-page-footer",
    "utrecht-status-badge",
)

DECLARATION = re.compile(r"^\s*(--[a-z0-9-]+)\s*:\s*(.+?);\s*(/\*.*\*/)?\s*$")


def wanted(name: str) -> bool:
    """Common tokens and the tokens of the components in COMPONENTS; not the brand palette."""
    token = name[2:]
    return token.startswith("basis-") or any(token == c or token.startswith(c + "-") for c in COMPONENTS)


def extract(theme_css: str) -> list[str]:
    """The wanted declarations of a theme file, brand references pointed at the Trainingnet palette."""
    lines = []
    for line in theme_css.splitlines():
        match = DECLARATION.match(line)
        if not match or not wanted(match.group(1)):
            continue
        value = match.group(2).replace("var(--voorbeeld-kleuren-", "var(--trainingnet-kleuren-")
        if "--voorbeeld-" in value:
            raise SystemExit(f"{match.group(1)} points at a brand token this script does not map: {value}")
        lines.append(f"  {match.group(1)}: {value};")
    return sorted(lines)


def main(path: str) -> None:
    out = Path(__file__).with_name("voorbeeld-tokens.css")
    declarations = extract(Path(path).read_text(encoding="utf-8"))
    header = (
        "/**\n"
        f" * NL Design System design tokens, taken from {PACKAGE}\n"
        " * by static/nl-design-system/build_tokens.py: the common (basis) tokens and the component tokens the site\n"
        " * uses.\n"
        " * Copyright (c) 2021 NL Design System Community. Licensed under the EUPL-1.2 (LICENSE.md beside this file).\n"
        " * Do not edit: change build_tokens.py or static/css/theme.css (the Trainingnet palette) instead.\n"
        " */\n"
    )
    out.write_text(header + ":root {\n" + "\n".join(declarations) + "\n}\n", encoding="utf-8")
    print(f"{out}: {len(declarations)} tokens")


if __name__ == "__main__":
    main(sys.argv[1])
