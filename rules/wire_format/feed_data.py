"""Data for the feed-furniture rules: control codes, sign-offs and agency names.

Built once at import. This module holds no rules.
"""
from __future__ import annotations

# Control codes that old wire feeds framed stories with, by number, as an editor knows them.
CONTROL_CODES: dict[int, str] = {
    1: "SOH (start of heading)",
    2: "STX (start of text)",
    3: "ETX (end of text)",
    4: "EOT (end of transmission)",
    5: "ENQ (enquiry)",
    6: "ACK (acknowledge)",
    7: "BEL (bell)",
    8: "BS (backspace)",
    11: "VT (vertical tab)",
    12: "FF (form feed)",
    14: "SO (shift out)",
    15: "SI (shift in)",
    16: "DLE (data link escape)",
    17: "DC1", 18: "DC2", 19: "DC3", 20: "DC4",
    21: "NAK (negative acknowledge)",
    22: "SYN (synchronous idle)",
    23: "ETB (end of transmission block)",
    24: "CAN (cancel)",
    25: "EM (end of medium)",
    26: "SUB (substitute)",
    27: "ESC (escape)",
    28: "FS (file separator)",
    29: "GS (group separator)",
    30: "RS (record separator)",
    31: "US (unit separator)",
    127: "DEL (line noise)",
}

# Agency sign-offs that end a story, in the spellings feeds use. Matched as whole lines (or
# run on after the last sentence), with the teleprinter's "..." or a literal "^M" after them.
SIGN_OFFS: tuple[str, ...] = ("Reuter", "REUTER", "reuter", "Reuters", "REUTERS", "reuters")
# Take markers: "MORE" at the end of a take says the story continues in the next one.
TAKE_MARKERS: tuple[str, ...] = ("MORE", "More", "more")
# Classic end-of-copy marks, on a line of their own.
END_MARKS: tuple[str, ...] = ("-30-", "- 30 -", "###", "(END)", "ENDS")

# Wire agencies: the canonical short form of each, and the spellings that stand for it.
AGENCIES: dict[str, tuple[str, ...]] = {
    "AP": ("AP", "A.P.", "Associated Press", "ASSOCIATED PRESS"),
    "Reuters": ("Reuters", "REUTERS", "Reuter", "REUTER"),
    "AFP": ("AFP", "A.F.P.", "Agence France-Presse", "Agence France Presse"),
    "UPI": ("UPI", "U.P.I.", "United Press International"),
    "dpa": ("dpa", "DPA"),
    "Xinhua": ("Xinhua", "XINHUA"),
    "Kyodo": ("Kyodo", "KYODO"),
    "Bloomberg": ("Bloomberg", "BLOOMBERG"),
    "Canadian Press": ("Canadian Press", "CANADIAN PRESS"),
}
AGENCY_OF: dict[str, str] = {v: k for k, vs in AGENCIES.items() for v in vs}
