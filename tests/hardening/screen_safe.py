#!/usr/bin/env python3
"""Checks that files hold nothing that could drive a terminal: exits 1 naming the first file
and what it found when one holds invalid UTF-8, a C0 control other than newline and tab, DEL,
a C1 control, or a bidirectional embedding, override or isolate (U+202A..E, U+2066..9). The
marks LRM, RLM and ALM (U+200E/F, U+061C) give one neutral character a direction and reach no
further; right-to-left text needs them, and core/text.c keeps them on purpose."""
import sys

BIDI = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}


def problem(data):
    for i, b in enumerate(data):
        if (b < 0x20 and b not in (0x0A, 0x09)) or b == 0x7F:
            return "control byte 0x%02x at offset %d: %r" % (b, i, data[max(0, i - 20):i + 20])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return "invalid UTF-8: %s" % e
    for i, c in enumerate(text):
        if 0x80 <= ord(c) <= 0x9F or ord(c) in BIDI:
            return "U+%04X at character %d: %r" % (ord(c), i, text[max(0, i - 20):i + 20])
    return None


status = 0
for name in sys.argv[1:]:
    with open(name, "rb") as f:
        why = problem(f.read())
    if why:
        print("%s: %s" % (name, why))
        status = 1
sys.exit(status)
