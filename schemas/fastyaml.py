"""A fast reader for the plain block YAML that catalogue files are written in.

:func:`schemas.yamlread.read_yaml` builds its tree from libyaml's event stream, which is
exact but makes a Python object of every event. This module reads the common subset
line by line (one precompiled regex per line) and builds the same positioned tree
(:mod:`schemas.tree`) directly, several times faster.

The contract is strict: :func:`fast_read` returns *exactly* what the event reader returns
(values, types, ``.pos``, ``.keypos``, ``.itempos``), or raises :class:`Unsupported` so the
caller falls back to the event reader. Anything outside the subset, anything the event
reader would refuse (duplicate keys, tags, anchors, aliases, null keys, too deep nesting)
and anything in doubt raises :class:`Unsupported`; the event reader then reports the
error precisely.

The subset:

* comments, blank lines, one optional leading ``---``; ``\\r\\n`` line ends;
* block mappings whose keys are plain words (``[A-Za-z0-9_][A-Za-z0-9_.-]*``);
* block sequences, indented or at their key's indentation, compact (``- key: v``,
  ``- - v``) or not (``-`` then a nested block);
* plain scalars, continued over more indented lines too;
* single- and double-quoted scalars, on one line or folded over several;
* literal and folded block scalars (``|``, ``|-``, ``|+``, ``>``...) without an explicit
  indentation indicator;
* flow sequences on one line of plain or quoted scalars (``[a, "b c"]``, ``[]``) and the
  empty flow mapping ``{}``.

Not in it: tabs anywhere, flow mappings with content, nested or multi-line flow
collections, complex keys (``?``), quoted or unusual keys, directives, several documents,
a byte-order mark, line breaks other than ``\\n`` and ``\\r\\n``, and a scalar at the root.
"""

from __future__ import annotations

import re

from schemas.tree import Pos, Value, YList, YMap

__all__ = ["Unsupported", "fast_read"]


class Unsupported(Exception):
    """The text uses YAML outside this reader's subset: read it with the event reader."""


_NULLS = frozenset(("~", "null", "Null", "NULL"))

# indentation, dashes of block entries ("- ", "- - ", "-"), a plain key and its colon, the rest
_LINE = re.compile(r"( *)((?:-(?: +|$))*)(?:([A-Za-z0-9_][A-Za-z0-9_.-]{0,511}):(?: +|$))?(.*)")
# what may follow a complete value on its line: nothing, or a comment after a space
_TAIL = re.compile(r" *| +#.*")
_DOC_START = re.compile(r"---(?: *| +#.*)")
_BLOCK_HEAD = re.compile(r"([|>])([-+]?)(?: *| +#.*)")
_EMPTY_MAP = re.compile(r"\{ *\}")
# the body of a double-quoted scalar up to its closing quote, a lone backslash or the line end
_DQ_BODY = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*')
_SQ_BODY = re.compile(r"[^']*(?:''[^']*)*")
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.?)")
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
    "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
# a flow sequence item: quoted, or plain without anything that could make it mean more
_FLOW_ITEM = re.compile(
    r""""([^"\\]*(?:\\.[^"\\]*)*)"|'([^']*(?:''[^']*)*)'"""
    r"""|((?:[^-?:,\[\]{}#&*!|>'"%@` ]|-(?=[^ ,\[\]{}#:]))[^,\[\]{}:#]*)"""
)
_SPACES = re.compile(r" *")
# characters libyaml reads as themselves: no tabs, other line breaks, controls, BOM, surrogates
_ODD_CHAR = re.compile("[^\n -~\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_ODD_ASCII = re.compile("[^\n -~]")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_DEPTH_CAP = 1000


def fast_read(text: str, *, max_depth: int = 64) -> Value:
    """Read ``text`` into a positioned tree, or raise :class:`Unsupported`."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # libyaml counts \r\n as one line break, like \n
    try:
        root = _parse(text.split("\n"), min(max_depth, _DEPTH_CAP))
    except (IndexError, KeyError, ValueError, TypeError, RecursionError) as exc:  # pragma: no cover
        raise Unsupported(f"unexpected input ({type(exc).__name__})") from None
    # checked last: catalogue files are (nearly) always clean, and the check is a scan
    if (_ODD_ASCII if text.isascii() else _ODD_CHAR).search(text):
        raise Unsupported("a character outside the fast reader's subset (tab, control, BOM...)")
    return root


def _parse(lines: list[str], max_depth: int) -> Value:  # noqa: C901 - one loop, kept flat for speed
    match = _LINE.match
    nulls = _NULLS
    indicators = _INDICATORS
    root: Value = None
    frames: list[tuple[int, YMap | YList, bool, bool]] = []  # enclosing containers of `top`
    top: YMap | YList | None = None
    top_ind = -1  # column of `top`'s keys or dashes
    top_seq = False  # `top` is a YList
    top_loose = False  # `top` is a sequence at its parent key's indentation
    # a key or item whose value is empty so far: (container, key or index, indicator column)
    pending: tuple[YMap | YList, str | int, int] | None = None
    # the last value, if it is a plain scalar a more indented line may continue:
    # (container, key or index, text so far, index of its last line)
    plain: tuple[YMap | YList, str | int, str, int] | None = None
    started = False  # a `---` or content was seen
    skip = 0  # lines before this index were consumed by a multi-line scalar
    for i, line in enumerate(lines):
        if i < skip:
            continue
        m = match(line)
        ind = m.end(1)
        dashes = m.group(2)
        key = m.group(3)
        rest = m.group(4)
        if not dashes and key is None:
            if not rest:
                continue  # blank
            if rest[0] == "#":
                plain = None  # a comment ends a plain scalar
                continue
        if plain is not None:
            if ind > top_ind:  # continuation of a multi-line plain scalar
                text, ended = _continue_plain(line[ind:])
                container, slot, sofar, last = plain
                joined = sofar + ("\n" * (i - last - 1) if i - last > 1 else " ") + text
                container[slot] = joined  # type: ignore[index]
                plain = None if ended else (container, slot, joined, i)
                continue
            plain = None
        lineno = i + 1
        if top is None:  # the document's first node
            if root is not None or max_depth <= 0:
                raise Unsupported("content after the root node")
            if not dashes and key is None:
                if not started and ind == 0 and _DOC_START.fullmatch(rest):
                    started = True
                    continue
                raise Unsupported("a root that is not a block mapping or sequence")
            started = True
            top = root = YList((lineno, ind + 1)) if dashes else YMap((lineno, ind + 1))
            top_ind, top_seq, top_loose = ind, bool(dashes), False
        elif pending is not None:
            container, slot, pind = pending
            pending = None
            if ind > pind:  # the value is the block that starts on this line
                if not dashes and key is None:
                    raise Unsupported("a scalar on the line after its key")
                if len(frames) + 1 >= max_depth:
                    raise Unsupported("nesting too deep")
                node: YMap | YList = YList((lineno, ind + 1)) if dashes else YMap((lineno, ind + 1))
                container[slot] = node  # type: ignore[index]
                if top_seq:
                    container.itempos[slot] = node.pos  # type: ignore[union-attr,index]
                frames.append((top_ind, top, top_seq, top_loose))  # type: ignore[arg-type]
                top, top_ind, top_seq, top_loose = node, ind, bool(dashes), False
            elif ind == pind and dashes and not top_seq:  # `key:` then `- item` at the key's column
                if len(frames) + 1 >= max_depth:
                    raise Unsupported("nesting too deep")
                node = YList((lineno, ind + 1))
                container[slot] = node  # type: ignore[index]
                frames.append((top_ind, top, top_seq, top_loose))  # type: ignore[arg-type]
                top, top_ind, top_seq, top_loose = node, ind, True, True
        if ind != top_ind:
            if ind > top_ind:
                raise Unsupported("unexpected indentation")
            while ind < top_ind:
                if not frames:
                    raise Unsupported("content after the root node")
                top_ind, top, top_seq, top_loose = frames.pop()
            if ind != top_ind:
                raise Unsupported("indentation that matches no enclosing block")
        if top_seq:
            if not dashes:
                if top_loose and key is not None:
                    top_ind, top, top_seq, top_loose = frames.pop()
                else:
                    raise Unsupported("a key where a sequence entry was expected")
        elif dashes:
            raise Unsupported("a sequence entry where a key was expected")
        if not dashes and key is None:
            raise Unsupported("a line that is neither a key nor a sequence entry")

        # -- the line's nodes: dashes (entries of `top` and compact nested sequences), a key
        if dashes:
            if len(dashes) > 2 and dashes.count("-") > 1:  # `- - a`: compact nested sequences
                cols = [ind + k for k, ch in enumerate(dashes) if ch == "-"]
                for col in cols[1:]:
                    if len(frames) + 1 >= max_depth:
                        raise Unsupported("nesting too deep")
                    node = YList((lineno, col + 1))
                    top.append(node)  # type: ignore[union-attr]
                    top.itempos.append(node.pos)  # type: ignore[union-attr]
                    frames.append((top_ind, top, top_seq, top_loose))  # type: ignore[arg-type]
                    top, top_ind, top_seq, top_loose = node, col, True, False
            dash_col = top_ind
            vcol = m.start(4) if key is None else m.start(3)
            if key is not None:  # `- key: value`: a compact mapping as the entry
                if len(frames) + 1 >= max_depth:
                    raise Unsupported("nesting too deep")
                node = YMap((lineno, vcol + 1))
                top.append(node)  # type: ignore[union-attr]
                top.itempos.append(node.pos)  # type: ignore[union-attr]
                frames.append((top_ind, top, top_seq, top_loose))  # type: ignore[arg-type]
                top, top_ind, top_seq, top_loose = node, vcol, False, False
            else:
                slot: str | int = len(top)  # type: ignore[arg-type]
                if not rest or rest[0] == "#":
                    top.append(None)  # type: ignore[union-attr]
                    top.itempos.append((lineno, dash_col + 2))  # type: ignore[union-attr]
                    pending = (top, slot, dash_col)  # type: ignore[assignment]
                    continue
                vcol = m.start(4)
                top.itempos.append((lineno, vcol + 1))  # type: ignore[union-attr]
                top.append(None)  # type: ignore[union-attr]
                container = top  # type: ignore[assignment]
        if key is not None:
            if key in top or key in nulls:  # type: ignore[operator]
                raise Unsupported("a duplicate or null key")
            kcol = top_ind
            top.keypos[key] = (lineno, kcol + 1)  # type: ignore[union-attr]
            if not rest or rest[0] == "#":
                top[key] = None  # type: ignore[index]
                pending = (top, key, kcol)  # type: ignore[assignment]
                continue
            slot = key
            container = top  # type: ignore[assignment]
            vcol = m.start(4)

        # -- the value: `rest`, at column `vcol`, into container[slot]
        c = rest[0]
        if c not in indicators or (c in "-?:" and len(rest) > 1 and rest[1] != " "):
            cut = rest.find(" #")
            value = (rest if cut < 0 else rest[:cut]).rstrip(" ")
            if ": " in value or value[-1] == ":":
                raise Unsupported("': ' in a plain scalar")
            if value in nulls:
                container[slot] = None  # type: ignore[index]
            else:
                container[slot] = value  # type: ignore[index]
            if cut < 0:
                plain = (container, slot, value, i)
            continue
        if c == '"' or c == "'":
            value, skip = _quoted(lines, i, vcol, c == '"', top_ind)
            container[slot] = value  # type: ignore[index]
        elif c == "[":
            if len(frames) + 1 >= max_depth:
                raise Unsupported("nesting too deep")
            container[slot] = _flow_sequence(rest, lineno, vcol)  # type: ignore[index]
        elif c == "{":
            if len(frames) + 1 >= max_depth:
                raise Unsupported("nesting too deep")
            closing = _EMPTY_MAP.match(rest)
            if closing is None or not _TAIL.fullmatch(rest, closing.end()):
                raise Unsupported("a flow mapping with content")
            container[slot] = YMap((lineno, vcol + 1))  # type: ignore[index]
        elif c == "|" or c == ">":
            head = _BLOCK_HEAD.fullmatch(rest)
            if head is None:
                raise Unsupported("a block scalar header with an indentation indicator")
            value, skip = _block_scalar(lines, i + 1, top_ind, head.group(1) == "|", head.group(2))
            container[slot] = value  # type: ignore[index]
        else:
            raise Unsupported(f"a value starting with {c!r}")
    if root is None:
        raise Unsupported("an empty document")
    return root


def _continue_plain(text: str) -> tuple[str, bool]:
    """A continuation line's part of a plain scalar, and whether a comment ends the scalar there."""
    cut = text.find(" #")
    value = (text if cut < 0 else text[:cut]).rstrip(" ")
    if ": " in value or value[-1] == ":":
        raise Unsupported("': ' in a plain scalar")
    return value, cut >= 0


def _flow_sequence(rest: str, lineno: int, col: int) -> YList:
    """A one-line flow sequence of scalars starting at ``rest[0]``, at 0-based column ``col``."""
    node = YList((lineno, col + 1))
    pos = _SPACES.match(rest, 1).end()
    if rest.startswith("]", pos):
        end = pos + 1
    else:
        while True:
            m = _FLOW_ITEM.match(rest, pos)
            if m is None:
                raise Unsupported("a flow sequence item outside the subset")
            double, single, bare = m.groups()
            value: str | None
            if double is not None:
                value = _decode(double)
            elif single is not None:
                value = single.replace("''", "'")
            else:
                value = bare.rstrip(" ")
                if value in _NULLS:
                    value = None
            node.append(value)
            node.itempos.append((lineno, col + pos + 1))
            pos = _SPACES.match(rest, m.end()).end()
            if rest.startswith(",", pos):
                pos = _SPACES.match(rest, pos + 1).end()
                continue
            if rest.startswith("]", pos):
                end = pos + 1
                break
            raise Unsupported("a flow sequence outside the subset")
    if not _TAIL.fullmatch(rest, end):
        raise Unsupported("something after a flow sequence")
    return node


def _decode(body: str) -> str:
    """Replace the escapes of a double-quoted scalar's body."""
    if "\\" not in body:
        return body
    return _ESCAPE.sub(_unescape, body)


def _unescape(m: re.Match[str]) -> str:
    code = m.group(1)
    if len(code) > 1:
        point = int(code[1:], 16)
        if 0xD800 <= point <= 0xDFFF or point > 0x10FFFF:
            raise Unsupported("an escape for an invalid code point")
        return chr(point)
    try:
        return _ESCAPES[code]
    except KeyError:
        raise Unsupported(f"the escape \\{code}") from None


def _quoted(lines: list[str], i: int, col: int, double: bool, indent: int) -> tuple[str, int]:
    """The quoted scalar starting at ``lines[i][col]``, and the index of the line after it."""
    body = _DQ_BODY if double else _SQ_BODY
    quote = '"' if double else "'"
    line = lines[i]
    end = body.match(line, col + 1).end()
    if end < len(line) and line[end] == quote:  # closed on its line
        if not _TAIL.fullmatch(line, end + 1):
            raise Unsupported("something after a quoted scalar")
        text = line[col + 1 : end]
        return (_decode(text) if double else text.replace("''", "'")), 0
    # folded over several lines: a break is a space, n empty lines are n line breaks
    first = line[col + 1 :]
    pieces = []
    escaped = _escaped_break(first) if double else False
    pieces.append(_trim_end(first, double, escaped))
    blanks = 0
    j = i + 1
    while True:
        if j >= len(lines):
            raise Unsupported("an unclosed quoted scalar")
        line = lines[j]
        start = len(line) - len(line.lstrip(" "))
        if start == len(line):
            blanks += 1
            j += 1
            continue
        if start <= indent:
            raise Unsupported("a quoted scalar continued at a lower indentation")
        joint = "\n" * blanks if (escaped or blanks) else " "
        blanks = 0
        end = body.match(line, start).end()
        if end < len(line) and line[end] == quote:
            if not _TAIL.fullmatch(line, end + 1):
                raise Unsupported("something after a quoted scalar")
            pieces.append(joint)
            pieces.append(line[start:end] if double else line[start:end].replace("''", "'"))
            break
        part = line[start:]
        escaped = _escaped_break(part) if double else False
        pieces.append(joint)
        pieces.append(_trim_end(part, double, escaped))
        j += 1
    if double:
        # escapes are decoded piece by piece: a joint never completes an escape
        return "".join(_decode(p) for p in pieces), j + 1
    return "".join(pieces), j + 1


def _escaped_break(part: str) -> bool:
    """Whether a double-quoted line ends with an unescaped backslash (an escaped line break)."""
    return (len(part) - len(part.rstrip("\\"))) % 2 == 1


def _trim_end(part: str, double: bool, escaped: bool) -> str:
    """A line's text before a folded break: trailing spaces go, unless escaped."""
    if escaped:
        return part[:-1]
    if not double:
        return part.rstrip(" ").replace("''", "'")
    kept = part.rstrip(" ")
    if len(kept) < len(part) and _escaped_break(kept):
        kept += " "  # the last backslash escaped a space
    return kept


def _block_scalar(lines: list[str], j: int, indent: int, literal: bool, chomp: str) -> tuple[str, int]:
    """A ``|``/``>`` block scalar whose content starts at ``lines[j]``, and the index after it.

    Follows libyaml's ``yaml_parser_scan_block_scalar``: the content's indentation is that of
    its first non-empty line (or of a longer empty line before it), at least ``indent + 1``.
    """
    n = len(lines)
    last = n - 1  # lines[last] has no line break after it
    # leading empty lines: each break is kept; their length counts for the indentation
    max_indent = 0
    trailing = 0
    while j < n:
        line = lines[j]
        stripped = line.lstrip(" ")
        width = len(line) - len(stripped)
        if width > max_indent:
            max_indent = width
        if stripped:
            break
        if j < last:
            trailing += 1
        j += 1
    block = max(max_indent, indent + 1, 1)
    out: list[str] = []
    leading_break = ""
    leading_blank = False
    while j < n:
        line = lines[j]
        if len(line) <= block:
            if line.strip(" "):
                break  # less indented content: the scalar is over
            if j < last:
                trailing += 1  # an empty line
            j += 1
            continue
        if line[:block].strip(" "):
            break
        text = line[block:]
        trailing_blank = text[0] == " "
        if not literal and leading_break and not leading_blank and not trailing_blank:
            if not trailing:
                out.append(" ")
        else:
            out.append(leading_break)
        out.append("\n" * trailing)
        trailing = 0
        leading_blank = trailing_blank
        out.append(text)
        leading_break = "\n" if j < last else ""
        j += 1
    if chomp != "-":
        out.append(leading_break)
    if chomp == "+":
        out.append("\n" * trailing)
    return "".join(out), j
