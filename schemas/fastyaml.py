"""A fast reader for the plain block YAML that catalogue files are written in.

:func:`schemas.yamlread.read_yaml` builds its tree from libyaml's event stream, which is
exact but makes a Python object of every event. This module reads the common subset line
by line with string methods and builds the same positioned tree (:mod:`schemas.tree`)
directly, about four times faster.

The contract is strict: :func:`fast_read` returns *exactly* what the event reader returns
(values, types, key order, ``.pos``, ``.keypos``, ``.itempos``), or raises
:class:`Unsupported` so that the caller falls back to the event reader. Anything outside the
subset, anything the event reader refuses (duplicate keys, tags, anchors, aliases, null
keys, nesting deeper than ``max_depth``) and anything in doubt raises :class:`Unsupported`;
the event reader then reports the error precisely.

The subset:

* comments, blank lines, one optional leading ``---``; ``\\n`` or ``\\r\\n`` line ends;
* block mappings whose keys are plain words (``[A-Za-z0-9_][A-Za-z0-9_.-]*``, not a null);
* block sequences, indented or at their key's indentation (``key:\\n- a``), compact
  (``- key: v``, ``- - v``) or not (``-`` then a nested block);
* plain scalars, also continued on more indented lines;
* single- and double-quoted scalars (the usual escapes), on one line or folded over several;
* literal and folded block scalars (``|``, ``|-``, ``|+``, ``>``...) without an explicit
  indentation indicator;
* flow collections on one line (``[a, "b c"]``, ``{soc: "15-1000", isco: "0110"}``,
  ``{product: [{figure: x}, 4]}``, ``[]``, ``{}``) of plain words, quoted scalars and
  flow collections.

Not in it (so read by libyaml): tabs anywhere, flow collections over several lines or with
a trailing comma or an empty value, plain flow items with ``#`` or ``: ``, complex keys
(``?``), quoted or unusual keys, directives, several documents, a byte-order mark, line
breaks other than ``\\n`` and ``\\r\\n``, control characters, and a root that is not a
block mapping or sequence.
"""

from __future__ import annotations

import re
from itertools import islice
from operator import itemgetter
from typing import Any

from schemas.memory import collector_paused
from schemas.tree import Pos, Value, YList, YMap

__all__ = ["Unsupported", "fast_read"]


class Unsupported(Exception):
    """The text uses YAML outside this reader's subset: read it with the event reader."""


_NULLS = frozenset(("~", "null", "Null", "NULL"))

_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,511}")
_KEY_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
# what may follow a complete value on its line: nothing, or a comment after a space
_TAIL = re.compile(r" *| +#.*")
_DOC_START = re.compile(r"---(?: *| +#.*)")
_BLOCK_HEAD = re.compile(r"([|>])([-+]?)(?: *| +#.*)")
# the body of a double-quoted scalar up to its closing quote, a lone backslash or the line end
_DQ_BODY = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*')
_SQ_BODY = re.compile(r"[^']*(?:''[^']*)*")
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.?)")
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
    "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_SPACES = re.compile(r" *")
# a plain scalar in a flow collection, kept simple: no `#`, and no `:` that could end it
_FLOW_PLAIN = r"""(?:[^-?:,\[\]{}#&*!|>'"%@` ]|-(?=[^ ,\[\]{}#:]))(?:[^,\[\]{}:#]|:(?=[^ ,?\[\]{}#]))*"""
_FLOW_SCALAR = re.compile(rf""""([^"\\]*(?:\\.[^"\\]*)*)"|'([^']*(?:''[^']*)*)'|({_FLOW_PLAIN})""")
_FLOW_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.-]{0,511}): +")
_FLOW_NEXT = re.compile(r" *(?:(,) *|([\]}]))")
# what no plain item of a flow collection split at ", " may start with
_BAD_FLOW_START = frozenset(("", " ", *"-?:,[]{}#&*!|>'\"%@`"))
_first = itemgetter(slice(0, 1))
# characters libyaml reads as themselves: no tabs, other line breaks, controls, BOM, surrogates
_ODD_CHAR = re.compile("[^\n -~\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_PRINTABLE_ASCII = bytes((10, *range(32, 127)))
# first characters that keep a value off the plain fast path (with "" and " ")
_SPECIAL = frozenset(("", " ", *"-?:,[]{}#&*!|>'\"%@`"))
_DEPTH_CAP = 1000
_dict_new = dict.__new__
_list_new = list.__new__


def fast_read(text: str, *, max_depth: int = 64) -> Value:
    """Read ``text`` into a positioned tree, or raise :class:`Unsupported`."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # libyaml counts \r\n as one line break, like \n
    try:
        with collector_paused():  # the tree has no cycles; collections while building it only cost time
            root = _parse(text.split("\n"), min(max_depth, _DEPTH_CAP))
    except Unsupported:
        raise
    except Exception as exc:  # pragma: no cover - a bug here must not cost a correct answer
        raise Unsupported(f"internal error: {type(exc).__name__}: {exc}") from exc
    # checked last, on what is left once the printable ASCII is taken out: fast, as catalogue
    # files are (nearly) all printable ASCII
    try:
        odd = text.encode().translate(None, _PRINTABLE_ASCII)
    except UnicodeEncodeError:  # a lone surrogate
        raise Unsupported("a character libyaml refuses") from None
    if odd and _ODD_CHAR.search(odd.decode()):
        raise Unsupported("a character outside the fast reader's subset (tab, control, BOM...)")
    return root


def _parse(lines: list[str], max_depth: int) -> Value:  # noqa: C901 - one flat loop, for speed
    nulls = _NULLS
    special = _SPECIAL
    key_start = _KEY_START
    new_map = _new_map
    new_list = _new_list
    dict_new = _dict_new
    list_new = _list_new
    bad_start = _BAD_FLOW_START
    first = _first
    good_keys: set[str] = set()  # keys already checked against _KEY
    root: Value = None
    node: Any
    key: Any
    value: Any
    frames: list[tuple[int, Any, bool, bool]] = []  # the containers enclosing `top`
    top: Any = None  # the innermost open container, a YMap or a YList
    top_ind = -1  # the column of `top`'s keys or dashes
    top_seq = False  # `top` is a YList
    top_loose = False  # `top` is a sequence at its parent key's column (`key:\n- a`)
    keypos: Any = None  # top.keypos, when `top` is a YMap
    # what the previous content line left open in top[slot]: nothing (0), a plain scalar
    # that more indented lines continue (1), a key (2) or an entry (3) without a value yet
    state = 0
    slot: Any = None
    sofar = ""  # state 1: the plain scalar so far
    last = 0  # state 1: the number of its last line
    started = False  # a `---` was seen
    numbered = enumerate(lines, 1)
    for lineno, line in numbered:
        s = line.lstrip(" ")
        ind = len(line) - len(s)

        # -- structure: which container the line belongs to
        if ind != top_ind:
            if not s:
                continue  # a blank line
            if s[0] == "#":
                if state == 1:
                    state = 0  # a comment ends a plain scalar
                continue
            if ind > top_ind:
                if state == 1:  # the plain scalar goes on
                    cut = s.find(" #")
                    text = (s if cut < 0 else s[:cut]).rstrip(" ")
                    if ": " in text or text[-1] == ":":
                        raise Unsupported("': ' in a plain scalar")
                    sofar += (" " if lineno - last == 1 else "\n" * (lineno - last - 1)) + text
                    top[slot] = sofar
                    last = lineno
                    if cut >= 0:
                        state = 0
                    continue
                if top is None:  # the document's root
                    if not started and ind == 0 and _DOC_START.fullmatch(s):
                        started = True
                        continue
                    if root is not None or max_depth <= 0:
                        raise Unsupported("content after the root node")
                elif state < 2:
                    raise Unsupported("unexpected indentation")
                elif len(frames) + 1 >= max_depth:
                    raise Unsupported("nesting too deep")
                # a block starts: the root, or the value of the open key or entry
                if s[0] == "-" and (len(s) == 1 or s[1] == " "):
                    node = list_new(YList)  # _new_list, inlined
                    node.itempos = []
                    keypos = None
                else:
                    node = dict_new(YMap)  # _new_map, inlined
                    node.keypos = keypos = {}
                node.pos = (lineno, ind + 1)
                if top is None:
                    root = node
                    started = True
                else:
                    top[slot] = node
                    if top_seq:
                        top.itempos[slot] = node.pos
                    frames.append((top_ind, top, top_seq, top_loose))
                top, top_ind, top_seq, top_loose = node, ind, keypos is None, False
            else:
                while ind < top_ind:
                    if not frames:
                        raise Unsupported("content after the root node")
                    top_ind, top, top_seq, top_loose = frames.pop()
                if ind != top_ind:
                    raise Unsupported("indentation that matches no enclosing block")
                keypos = None if top_seq else top.keypos
        elif state == 2 and s[:1] == "-" and (len(s) == 1 or s[1] == " "):
            # `key:` then `- entry` at the key's column: a sequence without indentation
            if len(frames) + 1 >= max_depth:
                raise Unsupported("nesting too deep")
            node = new_list((lineno, ind + 1))
            top[slot] = node
            frames.append((top_ind, top, top_seq, top_loose))
            top, top_seq, top_loose, keypos = node, True, True, None

        # -- fast paths for the common lines
        if top_seq:
            if s[:2] == "- ":
                value = s[2:]
                if value[:1] not in special:
                    if " #" not in value and ": " not in value and value[-1] not in ": ":  # `- plain`
                        slot = len(top)
                        top.append(None if value in nulls else value)
                        top.itempos.append((lineno, ind + 3))
                        state = 1
                        sofar = value
                        last = lineno
                        continue
                    key, sep, value = value.partition(": ")
                    if (  # `- key: plain`: a compact mapping as the entry
                        sep
                        and key in good_keys
                        and value[:1] not in special
                        and " #" not in value
                        and ": " not in value
                        and value[-1] not in ": "
                        and len(frames) + 1 < max_depth
                    ):
                        node = dict_new(YMap)  # as _new_map((lineno, ind + 3)), inlined
                        node.pos = (lineno, ind + 3)
                        node.keypos = {}
                        top.append(node)
                        top.itempos.append(node.pos)
                        frames.append((top_ind, top, top_seq, top_loose))
                        top, top_ind, top_seq, top_loose = node, ind + 2, False, False
                        keypos = node.keypos
                        keypos[key] = node.pos
                        node[key] = None if value in nulls else value
                        state = 1
                        slot = key
                        sofar = value
                        last = lineno
                        continue
            elif top_loose and s[:1] in key_start:  # a key of the mapping ends the sequence
                top_ind, top, top_seq, top_loose = frames.pop()
                keypos = top.keypos
        if not top_seq:
            key, sep, value = s.partition(": ")
            if sep:
                if key in good_keys and key not in top:  # `key: value`
                    keypos[key] = (lineno, ind + 1)
                    slot = key
                    c = value[:1]
                    if c not in special and " #" not in value and ": " not in value and value[-1] not in ": ":
                        top[key] = None if value in nulls else value
                        state = 1
                        sofar = value
                        last = lineno
                        continue
                    state = 0
                    if c == '"' and value[-1] == '"' and value.count('"') == 2 and "\\" not in value:
                        top[key] = value[1:-1]  # double-quoted, without escapes
                        continue
                    if c == "[" and value[-1] == "]" and len(frames) + 1 < max_depth:
                        inner = value[1:-1]
                        parts = inner.split(", ")
                        if (  # `key: [a, b c, d]`, the usual flow list (as in _flow, inlined)
                            "[" not in inner
                            and "]" not in inner
                            and "{" not in inner
                            and "}" not in inner
                            and "#" not in inner
                            and ":" not in inner
                            and bad_start.isdisjoint(map(first, parts))
                            and inner.count(",") == len(parts) - 1
                            and inner[-1] != " "
                            and "  " not in inner
                            and " ," not in inner
                        ):
                            node = list_new(YList)
                            at = len(line) - len(value) + 1
                            node.pos = (lineno, at)
                            node.itempos = itempos = []
                            at += 1
                            for part in parts:
                                itempos.append((lineno, at))
                                at += len(part) + 2
                            node.extend(parts)
                            if not nulls.isdisjoint(parts):
                                node[:] = [None if item in nulls else item for item in parts]
                            top[key] = node
                            continue
                    if (c == "[" or c == "{") and value[-1] in "]}":  # a flow collection
                        top[key], end = _flow(line, len(line) - len(value), lineno, max_depth - len(frames) - 1, good_keys)
                        if end != len(line) and not _TAIL.fullmatch(line, end):
                            raise Unsupported("something after a flow collection")
                        continue
                    top[key] = None
                    if c == " ":
                        value = value.lstrip(" ")
                    if not value or value[0] == "#":
                        state = 2
                        continue
                    ind = -2  # straight to the value, below
            elif s[-1:] == ":":
                key = s[:-1]
                if key in good_keys and key not in top:  # `key:`
                    keypos[key] = (lineno, ind + 1)
                    top[key] = None
                    slot = key
                    state = 2
                    continue

        # -- the general path, at the column of `top`
        if ind != -2:
            if not s:
                continue  # a blank line
            c = s[0]
            if c == "#":
                if state == 1:
                    state = 0
                continue
            key = None
            if c == "-" and (len(s) == 1 or s[1] == " "):  # an entry of `top`
                if not top_seq:
                    raise Unsupported("a sequence entry where a key was expected")
                value = s[1:].lstrip(" ")
                dash_col = ind
                while value[:1] == "-" and (len(value) == 1 or value[1] == " "):  # `- - a`
                    if len(frames) + 1 >= max_depth:
                        raise Unsupported("nesting too deep")
                    dash_col = len(line) - len(value)
                    node = new_list((lineno, dash_col + 1))
                    top.append(node)
                    top.itempos.append(node.pos)
                    frames.append((top_ind, top, top_seq, top_loose))
                    top, top_ind, top_seq, top_loose = node, dash_col, True, False
                    value = value[1:].lstrip(" ")
                rest = ""
                if value[:1] in key_start:
                    key, sep, rest = value.partition(": ")
                    if not sep:
                        key = value[:-1] if value[-1] == ":" else None
                    if key is not None and " #" in key:
                        key = None  # `- a # b: c` is `a` and a comment
                if key is None:
                    slot = len(top)
                    top.append(None)
                    if not value or value[0] == "#":
                        top.itempos.append((lineno, dash_col + 2))
                        state = 3
                        continue
                    top.itempos.append((lineno, len(line) - len(value) + 1))
                else:  # `- key: value`: a compact mapping is the entry
                    if len(frames) + 1 >= max_depth:
                        raise Unsupported("nesting too deep")
                    kcol = len(line) - len(value)
                    node = new_map((lineno, kcol + 1))
                    top.append(node)
                    top.itempos.append(node.pos)
                    frames.append((top_ind, top, top_seq, top_loose))
                    top, top_ind, top_seq, top_loose = node, kcol, False, False
                    keypos = node.keypos
                    value = rest
            else:  # a key of `top`
                if top_seq:
                    if not top_loose:
                        raise Unsupported("a key where a sequence entry was expected")
                    top_ind, top, top_seq, top_loose = frames.pop()
                    keypos = top.keypos
                key, sep, value = s.partition(": ")
                if not sep:
                    if s[-1] != ":":
                        raise Unsupported("a line that is neither a key nor a sequence entry")
                    key = s[:-1]
            if key is not None:
                if key not in good_keys and not _good_key(key, good_keys):
                    raise Unsupported(f"the key {key!r}")
                if key in top:
                    raise Unsupported("a duplicate key")
                keypos[key] = (lineno, top_ind + 1)
                slot = key
                top[key] = None
                if value[:1] == " ":
                    value = value.lstrip(" ")
                if not value or value[0] == "#":
                    state = 2
                    continue

        # -- the value: `value` (not empty, no leading space) goes to top[slot]
        c = value[0]
        if c not in special or (c in "-?:" and len(value) > 1 and value[1] != " "):
            cut = value.find(" #")
            if cut >= 0:
                value = value[:cut].rstrip(" ")
                state = 0
            else:
                if value[-1] == " ":
                    value = value.rstrip(" ")
                state = 1
                sofar = value
                last = lineno
            if ": " in value or value[-1] == ":":
                raise Unsupported("': ' in a plain scalar")
            top[slot] = None if value in nulls else value
            continue
        state = 0
        if c == '"' or c == "'":
            if value[-1] == c and value.count(c) == 2 and "\\" not in value:
                top[slot] = value[1:-1]  # closed on this line, without escapes
                continue
            top[slot], after = _quoted(lines, lineno - 1, len(line) - len(value), c == '"', top_ind)
        elif c == "[" or c == "{":
            top[slot], end = _flow(line, len(line) - len(value), lineno, max_depth - len(frames) - 1, good_keys)
            if not _TAIL.fullmatch(line, end):
                raise Unsupported("something after a flow collection")
            continue
        elif c == "|" or c == ">":
            head = _BLOCK_HEAD.fullmatch(value)
            if head is None:
                raise Unsupported("a block scalar header with an indentation indicator")
            top[slot], after = _block_scalar(lines, lineno, top_ind, head.group(1) == "|", head.group(2))
        else:
            raise Unsupported(f"a value starting with {c!r}")
        if after > lineno:  # skip the lines the scalar took
            next(islice(numbered, after - lineno, after - lineno), None)
    if root is None:
        raise Unsupported("an empty document")
    return root


def _good_key(key: str, keys: set[str]) -> bool:
    """Whether ``key`` is a plain word that is not a null (remembered in ``keys`` if so)."""
    if _KEY.fullmatch(key) is None or key in _NULLS:
        return False
    keys.add(key)
    return True


def _new_map(pos: Pos) -> YMap:
    """``YMap(pos)``, without the cost of calling ``__init__`` through ``super()``."""
    node = _dict_new(YMap)
    node.pos = pos
    node.keypos = {}
    return node


def _new_list(pos: Pos) -> YList:
    """``YList(pos)``, without the cost of calling ``__init__`` through ``super()``."""
    node = _list_new(YList)
    node.pos = pos
    node.itempos = []
    return node


def _flow(line: str, i: int, lineno: int, depth: int, keys: set[str]) -> tuple[YMap | YList, int]:
    """The one-line flow collection starting at ``line[i]`` (``[`` or ``{``), and the index after it.

    ``depth`` is how many more containers may open, this one included; ``keys`` holds keys
    already checked against ``_KEY`` (and takes new ones).
    """
    if depth <= 0:
        raise Unsupported("nesting too deep")
    node: Any
    value: Any
    if line[i] == "[":
        node = _new_list((lineno, i + 1))
        end = line.find("]", i)
        inner = line[i + 1 : end]
        if end > 0 and "[" not in inner and "{" not in inner and "}" not in inner and "#" not in inner and ":" not in inner:
            parts = inner.split(", ")
            if (  # the usual spelling, `[a, b c, d]`: split it
                _BAD_FLOW_START.isdisjoint(map(_first, parts))
                and inner.count(",") == len(parts) - 1
                and inner[-1] != " "
                and "  " not in inner
                and " ," not in inner
            ):
                itempos = node.itempos
                at = i + 2  # the 1-based column of the current item
                for part in parts:
                    itempos.append((lineno, at))
                    at += len(part) + 2
                node.extend(parts)
                if not _NULLS.isdisjoint(parts):
                    node[:] = [None if item in _NULLS else item for item in parts]
                return node, end + 1
        close = "]"
    else:
        node = _new_map((lineno, i + 1))
        end = line.find("}", i)
        inner = line[i + 1 : end]
        if end > 0 and "[" not in inner and "]" not in inner and "{" not in inner and "#" not in inner and "'" not in inner and "\\" not in inner:
            parts = inner.split(", ")
            if (  # the usual spelling, `{a: b, c: "d"}`: split it
                inner.count(",") == len(parts) - 1
                and inner.count(":") == len(parts)
                and inner[-1] != " "
                and "  " not in inner
                and " ," not in inner
            ):
                keypos = node.keypos
                at = i + 2  # the 1-based column of the current key
                for part in parts:
                    key, sep, value = part.partition(": ")
                    if not sep or key in node or (key not in keys and not _good_key(key, keys)):
                        break
                    if value[:1] == '"':
                        if value[-1] != '"' or value.count('"') != 2:
                            break
                        value = value[1:-1]
                    elif value[:1] in _BAD_FLOW_START or '"' in value:
                        break
                    elif value in _NULLS:
                        value = None
                    keypos[key] = (lineno, at)
                    node[key] = value
                    at += len(part) + 2
                else:
                    return node, end + 1
                node = _new_map((lineno, i + 1))  # something unusual: the careful way
        close = "}"
    i = _SPACES.match(line, i + 1).end()  # type: ignore[union-attr] # " *" always matches
    if line.startswith(close, i):
        return node, i + 1
    while True:
        if close == "}":
            m = _FLOW_KEY.match(line, i)
            if m is None:
                raise Unsupported("a flow mapping key outside the subset")
            key = m.group(1)
            if key in node or (key not in keys and not _good_key(key, keys)):
                raise Unsupported("a null or duplicate key")
            node.keypos[key] = (lineno, i + 1)
            i = m.end()
        start = i
        c = line[i : i + 1]
        if c == "[" or c == "{":
            value, i = _flow(line, i, lineno, depth - 1, keys)
        else:
            m = _FLOW_SCALAR.match(line, i)
            if m is None:
                raise Unsupported("a flow item outside the subset")
            double, single, bare = m.groups()
            if double is not None:
                value = _decode(double)
            elif single is not None:
                value = single.replace("''", "'")
            else:
                value = bare.rstrip(" ")
                if value in _NULLS:
                    value = None
            i = m.end()
        if close == "}":
            node[key] = value
        else:
            node.append(value)
            node.itempos.append((lineno, start + 1))
        m = _FLOW_NEXT.match(line, i)  # `, ` on to the next item, or the end
        if m is None:
            raise Unsupported("a flow collection outside the subset")
        if m.group(1) is None:
            if m.group(2) != close:
                raise Unsupported("a flow collection closed by the wrong bracket")
            return node, m.end()
        i = m.end()


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
    end = body.match(line, col + 1).end()  # type: ignore[union-attr] # always matches
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
        end = body.match(line, start).end()  # type: ignore[union-attr] # always matches
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
