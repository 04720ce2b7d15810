"""Per-span encoding repairs from ftfy, shared by the mojibake and C1-control rules.

ftfy repairs a whole string and explains the repair as a list of steps ("encode as
Windows-1252, decode as UTF-8"). A wirefix finding needs a span, so each line that is not
plain ASCII is repaired on its own (as ``ftfy.fix_text`` does, line by line), and the
repaired line is compared with the original: every changed stretch becomes one repair with
the explanation of its line. Computed once per document and shared through ``Document.memo``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


from wirefix.cleaner.document import Document
from wirefix.cleaner.patterns import lazy_regex

# ftfy is imported only when a line may hold mojibake (it costs a cold `wirefix check` ~35
# ms). Mojibake of UTF-8 always holds the character a lead byte (0xC2-0xF4) decodes to in one
# of the single-byte encodings ftfy undoes, next to continuation bytes, which most of them
# decode to Latin-1 letters and signs; C1 controls (U+0080-U+009F) are repaired with it. The
# typographic marks of clean copy (curly quotes, dashes, ellipsis) are left out of the gate:
# MacRoman maps lead bytes to them, but its continuation bytes are Latin-1 letters, which
# stay in.
_SINGLE_BYTE_CODECS = ("latin-1", "cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257",
                       "iso-8859-2", "mac_roman", "cp437")
_TYPOGRAPHY = frozenset("‘’‚“”„–—…•′″")


@lru_cache(maxsize=None)
def mojibake_markers() -> frozenset[str]:
    """The mojibake markers (see above; no ASCII character is one). Built on first use:
    the first decoding in each of the ten encodings imports its codec's tables, about 10 ms
    of a cold start."""
    return (frozenset(bytes([b]).decode(codec, "ignore")
                      for codec in _SINGLE_BYTE_CODECS for b in range(0xC2, 0xF5))
            | frozenset(chr(c) for c in range(0x80, 0x100))) - _TYPOGRAPHY - {""}


def may_hold_mojibake(text: str) -> bool:
    """The cheap gate before ftfy: does ``text`` hold any mojibake marker?"""
    if text.isascii():
        return False
    # clean copy's only non-ASCII characters are often its typography, which holds no
    # marker: then the markers need not be built
    if _TYPOGRAPHY.issuperset(c for c in set(text) if not c.isascii()):
        return False
    return not mojibake_markers().isdisjoint(text)

# ftfy's names for the encodings it undoes, as an editor would say them.
ENCODING_NAMES = {
    "latin-1": "Latin-1",
    "sloppy-windows-1252": "Windows-1252",
    "sloppy-windows-1250": "Windows-1250",
    "sloppy-windows-1251": "Windows-1251",
    "sloppy-windows-1253": "Windows-1253",
    "sloppy-windows-1254": "Windows-1254",
    "sloppy-windows-1257": "Windows-1257",
    "iso-8859-2": "ISO 8859-2",
    "macroman": "Mac Roman",
    "cp437": "DOS code page 437",
    "utf-8": "UTF-8",
    "utf-8-variants": "UTF-8 (with Java or CESU-8 surrogates)",
    "windows-1252": "Windows-1252",
}
TRANSCODE_NOTES = {
    "restore_byte_a0": "a no-break space byte that had become a plain space was put back",
    "replace_lossy_sequences": "bytes lost in the round trip are shown as �",
    "fix_c1_controls": "C1 control characters were read as Windows-1252",
}
_C1 = lazy_regex(r"[\x80-\x9f]")
# Gaps shorter than this, without white space, join two changed stretches into one repair:
# one damaged word is one finding.
_JOIN_GAP = 2


@dataclass(frozen=True)
class Repair:
    start: int
    end: int
    replacement: str
    kind: str          # "mojibake" or "c1"
    explanation: str   # how the damage happened, in words


def explain(steps) -> str:
    """ftfy's explanation steps as one sentence fragment."""
    rounds: list[str] = []
    notes: list[str] = []
    pending_encode = None
    for action, parameter in steps:
        if action == "encode":
            pending_encode = parameter
        elif action == "decode":
            wrong = ENCODING_NAMES.get(pending_encode or "", pending_encode or "?")
            right = ENCODING_NAMES.get(parameter, parameter)
            rounds.append(f"{right} text read as {wrong}")
            pending_encode = None
        elif action == "transcode":
            notes.append(TRANSCODE_NOTES.get(parameter, parameter))
        elif action == "apply" and parameter == "decode_inconsistent_utf8":
            rounds.append("UTF-8 text read as Windows-1252 in part of a line")
        elif action == "apply":
            notes.append(parameter.replace("_", " "))
    if len(rounds) > 1 and len(set(rounds)) == 1:
        text = f"{rounds[0]}, {len(rounds)} times over"
    else:
        text = ", then ".join(rounds) or "a character read in the wrong encoding"
    if notes:
        text += " (" + "; ".join(dict.fromkeys(notes)) + ")"
    return text


def changed_stretches(old: str, new: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for each stretch of ``old`` that differs from ``new``.

    Neighbouring changes separated by a short run of non-space characters are merged, so
    that a damaged word gives one repair, and no two repairs touch.
    """
    import difflib   # only a line that ftfy changed needs it

    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    out: list[list] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        if out:
            prev = out[-1]
            gap = old[prev[1]:i1]
            if len(gap) <= _JOIN_GAP and not any(c.isspace() for c in gap):
                prev[1], prev[3] = i2, j2
                continue
        out.append([i1, i2, j1, j2])
    stretches = []
    for n, (i1, i2, j1, j2) in enumerate(out):
        repl = new[j1:j2]
        # A pure deletion ("â€" before a kept "�") reads better as a replacement of the
        # whole damaged sequence: take in the neighbouring kept character.
        if not repl and i2 < len(old) and not old[i2].isspace() \
                and (n + 1 == len(out) or out[n + 1][0] > i2 + 1):
            i2, repl = i2 + 1, old[i2]
        elif not repl and i1 > 0 and not old[i1 - 1].isspace() \
                and (not stretches or stretches[-1][1] < i1 - 1):
            i1, repl = i1 - 1, old[i1 - 1]
        stretches.append((i1, i2, repl))
    return stretches


# Aligning a repaired line with the original: difflib is cubic on long repetitive changes
# ("â€™ " a thousand times: 4 KB took 76 s). So a line is cut at its spaces and tabs, ftfy's
# plan is replayed on each piece (mojibake never spans an ASCII space: a UTF-8 sequence has
# no ASCII bytes), and difflib aligns only the pieces that changed, when they are short.
_SPACES = lazy_regex(r"([ \t]+)")
_PIECE_DIFF = 64           # a changed piece longer than this is one stretch (its changed middle)
_LINE_DIFF = 256           # a line that cannot be cut: difflib up to this length, else one stretch


def line_stretches(old: str, new: str, plan) -> list[tuple[int, int, str]]:
    """``changed_stretches(old, new)`` in time linear in the line, for a line ``old`` that
    ftfy repaired into ``new`` with ``plan``."""
    pieces = _replayed(old, new, plan)
    if pieces is None:     # the plan reads across a space (a no-break space byte put back)
        if len(old) + len(new) <= 2 * _LINE_DIFF:
            return changed_stretches(old, new)
        return _middle(old, new, 0)
    out: list[tuple[int, int, str]] = []
    pos = 0
    for before, after in pieces:
        if before != after:
            if len(before) + len(after) <= 2 * _PIECE_DIFF:
                out.extend((pos + s, pos + e, r) for s, e, r in changed_stretches(before, after))
            else:
                out.extend(_middle(before, after, pos))
        pos += len(before)
    return out


def _replayed(old: str, new: str, plan) -> list[tuple[str, str]] | None:
    """(piece, its repair) for each piece of ``old`` cut at spaces, or None when the pieces
    repaired one by one do not make ``new``."""
    import ftfy

    pieces = []
    for piece in _SPACES.split(old):
        if not piece or piece.isascii():
            pieces.append((piece, piece))
            continue
        try:
            pieces.append((piece, ftfy.apply_plan(piece, plan)))
        except (UnicodeError, ValueError):
            return None
    if "".join(after for _, after in pieces) != new:
        return None
    return pieces


def _middle(old: str, new: str, offset: int) -> list[tuple[int, int, str]]:
    """One stretch: what lies between the common start and the common end."""
    n = min(len(old), len(new))
    p = 0
    while p < n and old[p] == new[p]:
        p += 1
    q = 0
    while q < n - p and old[len(old) - 1 - q] == new[len(new) - 1 - q]:
        q += 1
    if p == len(old) - q and p == len(new) - q:
        return []
    return [(offset + p, offset + len(old) - q, new[p:len(new) - q])]


def _is_c1_repair(original: str, replacement: str) -> bool:
    if not original or _C1.sub("", original):
        return False
    try:
        return original.encode("latin-1").decode("windows-1252") == replacement
    except UnicodeDecodeError:
        return False


# "”" is E2 80 9D in UTF-8, and Windows-1252 has no character for 0x9D: a decoder that drops
# it leaves "â€" after the quoted words ("deal,â€ he said"). ftfy reads "â€" and the space
# after it as "†" (E2 80 A0, the space taken for a lost no-break space). After a visible
# character and before a space, a line end or a mark, the other bytes Windows-1252 lacks
# (0x81, 0x8D, 0x8F, 0x90: an em quad, a zero-width joiner, a direction mark, a hyphen)
# would sit between letters or emoji, so the closing quotation mark is the only reading.
# (After plain ASCII only: inside a garble of several layers the reading is lost; and "â€?"
# is a decoder that wrote "?" for the byte, which ftfy shows as "�".)
_DROPPED_CLOSER = lazy_regex(r"(?<=[!-~])â€(?=[ \t]|$|[.,;:!)\]'\"])")
_DROPPED_WHY = ("UTF-8 text read as Windows-1252, which dropped the byte 0x9D of “”” (it has "
                "no character for it)")


def _repairs(doc: Document) -> list[Repair]:
    text = doc.text
    out: list[Repair] = []
    for line in doc.lines:
        segment = text[line.start:line.end]
        if not may_hold_mojibake(segment):
            continue
        # the dropped-byte closers are repaired here; ftfy repairs the pieces between them
        pos = 0
        for m in _DROPPED_CLOSER.finditer(segment):
            out.extend(_piece_repairs(segment[pos:m.start()], line.start + pos))
            out.append(Repair(line.start + m.start(), line.start + m.end(), "”", "mojibake",
                              _DROPPED_WHY))
            pos = m.end()
        out.extend(_piece_repairs(segment[pos:], line.start + pos))
    return out


def _piece_repairs(segment: str, offset: int) -> list[Repair]:
    if not may_hold_mojibake(segment):
        return []
    import ftfy

    fixed, steps = ftfy.fix_encoding_and_explain(segment)
    if fixed == segment:
        return []
    # the C1 step explains only the C1 repairs, which have their own rule and message
    why = explain([step for step in steps if tuple(step) != ("transcode", "fix_c1_controls")])
    out = []
    for s, e, repl in line_stretches(segment, fixed, steps):
        kind = "c1" if _is_c1_repair(segment[s:e], repl) else "mojibake"
        out.append(Repair(offset + s, offset + e, repl, kind, why))
    return out


def encoding_repairs(doc: Document) -> list[Repair]:
    """Every encoding repair ftfy makes in ``doc``, in text order (computed once)."""
    return doc.memo("encoding.ftfy-repairs", _repairs)


def mojibake_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans that the mojibake repair will rewrite; other encoding rules keep out of them."""
    return [(r.start, r.end) for r in encoding_repairs(doc)]
