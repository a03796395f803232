#!/usr/bin/env python3
"""Writes the generated sections of the man pages from the program's own tables, so that the
pages and the program cannot drift apart:

    SETTINGS (tidings.conf.5)  from src/config/settings.def
    KEYS     (tidings.1)       from src/ui/actions.def: every key and what it does
    KEYS     (tidings.conf.5)  from src/ui/actions.def: the [keys] section, action names
    COLORS   (tidings.conf.5)  from src/ui/colors.def: the [colors] section

Each lives between the comment lines '.\\" BEGIN GENERATED NAME' and '.\\" END GENERATED NAME';
a table that does not exist (yet) leaves its block empty.

    man/gen-man.py SRCDIR            rewrite the pages in SRCDIR/man in place
    man/gen-man.py --check SRCDIR    exit 1, naming the page, when one is out of date
"""
import os
import re
import sys

TYPE_NAMES = {"BOOL": "boolean", "INT": "integer", "STRING": "string", "ENUM": "one of"}


def c_tokens(text):
    """The tokens of a C source: string literals (decoded), identifiers, numbers, punctuation."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    pattern = re.compile(r'"((?:[^"\\\n]|\\.)*)"|([A-Za-z_][A-Za-z0-9_]*)|(-?\d+)|(\S)')
    for m in pattern.finditer(text):
        if m.group(1) is not None:
            yield ("str", bytes(m.group(1), "utf-8").decode("unicode_escape")
                   .encode("latin-1").decode("utf-8"))
        elif m.group(2):
            yield ("id", m.group(2))
        elif m.group(3):
            yield ("num", m.group(3))
        else:
            yield ("punct", m.group(4))


def read_table(path, macro):
    """Each MACRO(...) of a table as a list of its arguments (adjacent string literals joined
    as C does, other arguments as their source text)."""
    with open(path, encoding="utf-8") as f:
        tokens = list(c_tokens(f.read()))
    rows, i = [], 0
    while i + 1 < len(tokens):
        if tokens[i] != ("id", macro) or tokens[i + 1] != ("punct", "("):
            i += 1
            continue
        i += 2
        args, current, depth = [], [], 0
        while True:
            kind, value = tokens[i]
            i += 1
            if kind == "punct" and value == "(":
                depth += 1
            elif kind == "punct" and value == ")":
                if depth == 0:
                    break
                depth -= 1
            if kind == "punct" and value == "," and depth == 0:
                args.append(current)
                current = []
            else:
                current.append((kind, value))
        args.append(current)
        rows.append(["".join(v for _, v in a) if all(k == "str" for k, _ in a)
                     else " ".join(v for _, v in a) for a in args])
    return rows


def esc(s):
    """Text for roff: backslashes and minus signs escaped, no control character at the start."""
    out = s.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + out if out[:1] in (".", "'") else out


def bold(s):
    return "\\fB%s\\fP" % esc(s)


def settings_block(rows):
    lines = []
    for ident, name, typ, default, lo, hi, choices, help_ in rows:
        if typ == "ENUM":
            kind = "one of " + ", ".join(bold(c) for c in choices.split("|"))
        elif typ == "INT":
            kind = "integer from %s to %s" % (lo, hi)
        else:
            kind = TYPE_NAMES[typ]
        lines += [".TP", ".B " + esc(name),
                  "(%s; default %s)" % (kind, bold(default) if default else "empty"),
                  ".br", esc(help_)]
    return lines


def keys_page1_block(rows):
    lines = [".SH KEYS",
             "The reader's keys; each can be changed in the",
             ".B [keys]",
             "section of",
             ".BR tidings.conf (5).",
             "A key named C\\-x is Control and x."]
    for ident, name, keys, help_ in rows:
        lines += [".TP", ".B " + esc(keys.replace(" ", ", ")),
                  "%s." % esc(help_.rstrip(".")) + " (" + esc(name) + ")"]
    return lines


def keys_page5_block(rows):
    lines = [".SH KEYS",
             "The",
             ".B [keys]",
             "section binds keys to the reader's actions:",
             ".B action = key [key...]",
             "replaces the action's keys. Keys are named as in the defaults below: a character,",
             "C\\-x for Control and x, or a name such as Up, PgDn, Home, Enter, Tab, Space or F1."]
    for ident, name, keys, help_ in rows:
        lines += [".TP", ".B " + esc(name),
                  "%s (default %s)." % (esc(help_.rstrip(".")),
                                        ", ".join(bold(k) for k in keys.split()))]
    return lines


def colors_block(rows):
    lines = [".SH COLORS",
             "The",
             ".B [colors]",
             "section sets the colour of each part of the reader:",
             ".B name = foreground background [attribute...]",
             "with colours such as default, black, red, green, yellow, blue, magenta, cyan and",
             "white, and attributes such as bold, underline and reverse, as in the defaults",
             "below. When",
             ".B NO_COLOR",
             "is set, or the terminal has no colour, only the attributes are used."]
    for row in rows:
        lines += [".TP", ".B " + esc(row[1]), "Default: " + bold(row[2]) + "."]
    return lines


# page -> [(block name, table file under SRCDIR, macro, generator)]
PAGES = {
    "man/tidings.1": [("KEYS", "src/ui/actions.def", "ACTION", keys_page1_block)],
    "man/tidings.conf.5": [
        ("SETTINGS", "src/config/settings.def", "SETTING", settings_block),
        ("KEYS", "src/ui/actions.def", "ACTION", keys_page5_block),
        ("COLORS", "src/ui/colors.def", "COLOR", colors_block),
    ],
}


def fill(lines, block, generated):
    begin = next((i for i, l in enumerate(lines)
                  if l.startswith('.\\" BEGIN GENERATED %s:' % block)), None)
    if begin is None:
        raise SystemExit("no '.\\\" BEGIN GENERATED %s' line in the page" % block)
    end = lines.index('.\\" END GENERATED %s' % block, begin)
    return lines[:begin + 1] + generated + lines[end:]


def main(argv):
    check = len(argv) > 1 and argv[1] == "--check"
    args = argv[2:] if check else argv[1:]
    if len(args) != 1:
        sys.exit(__doc__)
    srcdir, stale = args[0], []
    for page, blocks in PAGES.items():
        path = os.path.join(srcdir, page)
        with open(path, encoding="utf-8") as f:
            old = f.read().split("\n")
        new = old
        for block, table, macro, generate in blocks:
            table_path = os.path.join(srcdir, table)
            rows = read_table(table_path, macro) if os.path.exists(table_path) else None
            new = fill(new, block, generate(rows) if rows else [])
        if new == old:
            continue
        if check:
            stale.append(page)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(new))
    for page in stale:
        print("%s is out of date with the tables it documents: run 'make man-update' (or "
              "man/gen-man.py SRCDIR) and commit the result" % page, file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
