"""The fast YAML reader gives exactly the event reader's tree, or steps aside.

``schemas.fastyaml.fast_read`` must return the very tree ``_read_yaml_events`` builds (values,
types, key order, ``.pos``, ``.keypos``, ``.itempos``) or raise ``Unsupported``; it must never
return a tree where the event reader refuses the text. The property tests render random
catalogue-like data in many YAML spellings and compare the two readers; the strict one only
uses spellings of the fast reader's subset and also requires the fast reader to take them.

More examples: ``FASTYAML_EXAMPLES=2000 pytest tests/test_fastyaml.py``.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from schemas.fastyaml import Unsupported, fast_read
from schemas.tree import YList, YMap
from schemas.yamlread import YamlProblem, _read_yaml_events, read_yaml

EXAMPLES = int(os.environ.get("FASTYAML_EXAMPLES", "100"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# -- comparing trees ---------------------------------------------------------------------


def difference(a: object, b: object, path: str = "$") -> str | None:
    """Where two positioned trees differ (types, values, key order, positions), or None."""
    if type(a) is not type(b):
        return f"{path}: {type(a).__name__} {a!r} != {type(b).__name__} {b!r}"
    if isinstance(a, YMap):
        assert isinstance(b, YMap)
        if a.pos != b.pos:
            return f"{path}: pos {a.pos} != {b.pos}"
        if list(a) != list(b):
            return f"{path}: keys {list(a)} != {list(b)}"
        if a.keypos != b.keypos or list(a.keypos) != list(b.keypos):
            return f"{path}: keypos {a.keypos} != {b.keypos}"
        for key in a:
            found = difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, YList):
        assert isinstance(b, YList)
        if a.pos != b.pos:
            return f"{path}: pos {a.pos} != {b.pos}"
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)}"
        if a.itempos != b.itempos:
            return f"{path}: itempos {a.itempos} != {b.itempos}"
        for index, (x, y) in enumerate(zip(a, b)):
            found = difference(x, y, f"{path}[{index}]")
            if found:
                return found
        return None
    return None if a == b else f"{path}: {a!r} != {b!r}"


def agree(text: str, max_depth: int = 64) -> bool:
    """Assert the fast reader agrees with the event reader on ``text``; True if it read it."""
    try:
        fast = fast_read(text, max_depth=max_depth)
    except Unsupported as exc:
        assert not str(exc).startswith("internal error"), f"{exc}\n{text}"
        return False
    try:
        slow = _read_yaml_events(text, max_depth=max_depth)
    except YamlProblem as problem:
        pytest.fail(f"the fast reader read what the event reader refuses ({problem.code} {problem})\n{text}")
    found = difference(fast, slow)
    assert found is None, f"{found}\n--- text ---\n{text}"
    return True


def same(text: str, max_depth: int = 64) -> None:
    """Assert the fast reader reads ``text`` and agrees with the event reader."""
    assert agree(text, max_depth), f"the fast reader should take this:\n{text}"


def refused(text: str) -> None:
    """Assert the fast reader steps aside (and read_yaml still answers like the event reader)."""
    with pytest.raises(Unsupported):
        fast_read(text)
    try:
        slow = _read_yaml_events(text)
    except YamlProblem as problem:
        with pytest.raises(YamlProblem) as caught:
            read_yaml(text)
        assert (caught.value.code, caught.value.line, caught.value.column) == (problem.code, problem.line, problem.column)
    else:
        assert difference(read_yaml(text), slow) is None


# -- rendering random data as YAML -----------------------------------------------------

GOOD_KEYS = ["id", "title", "url", "year", "cites", "source", "text", "a", "b", "x_1", "k.v", "n-2", "0110", "NO", "true"]
ODD_KEYS = ["null", "NULL", "~", "a b", "-x", "é", '"q"', "x:", "?", "", "a#b", "a #b", "'s'", "[k]"]
TRICKY = [
    "NO", "yes", "0110", "1.5", "-1", "1e3", "2024-01-31", "~", "null", "Null", "NULL", "", " ", "a: b",
    "a:b", "x:", ":x", "?x", "? x", "-x", "- x", "-", "--", "---", "...", "# x", "a #b", "a#b", "'q'",
    '"q"', "it's", 'say "hi"', "[a]", "{a: b}", "a, b", "a,b", "a  b", " lead", "trail ", "é", "Zürich",
    "😀", "\\", "\\n", "|", ">", "%", "@x", "`x`", "!x", "&x", "*x", "a\nb", "a\n\nb\n", "line\n",
    "\n", "\ttab", "\x85", "\u2028", "\ufeff", "\x07", "http://x.org/a?b=1#c", "15:30", "a - b", "a: ",
]  # fmt: skip
ALPHABET = st.sampled_from(list("abcXYZ019 -_.:#,'\"[]{}?!&*|>%@`~\\/é😀\n\t"))
SCALARS = st.one_of(st.sampled_from(TRICKY), st.text(ALPHABET, max_size=10), st.none())


def trees(scalars: st.SearchStrategy, keys: st.SearchStrategy) -> st.SearchStrategy:
    """Nested mappings (as lists of pairs: keys may repeat) and lists of ``scalars``."""

    def grow(children: st.SearchStrategy) -> st.SearchStrategy:
        return st.one_of(
            st.lists(children, max_size=4).map(lambda items: ("list", items)),
            st.lists(st.tuples(keys, children), max_size=4).map(lambda pairs: ("map", pairs)),
        )

    return st.recursive(scalars, grow, max_leaves=16)


WILD_KEYS = st.sampled_from(GOOD_KEYS * 12 + ODD_KEYS)
WILD_TREES = trees(SCALARS, WILD_KEYS)
ROOTS = st.one_of(
    st.lists(st.tuples(WILD_KEYS, WILD_TREES), min_size=1, max_size=4).map(
        lambda pairs: ("map", pairs)
    ),
    st.lists(WILD_TREES, min_size=1, max_size=4).map(lambda items: ("list", items)),
)

PLAIN_START_BAD = set("-?:,[]{}#&*!|>'\"%@` ")
PRINTABLE = re.compile("[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*")
NULL_WORDS = {"~", "null", "Null", "NULL"}


def plain_ok(text: str, flow: bool = False) -> bool:
    """Whether ``text`` reads back as itself written plain (conservatively, as the fast reader)."""
    if not text or text in NULL_WORDS or not PRINTABLE.fullmatch(text) or "\n" in text:
        return False
    if text[0] in PLAIN_START_BAD and not (text[0] in "-?:" and len(text) > 1 and text[1] != " " and not flow):
        return False
    if ": " in text or " #" in text or text[-1] in ": " or "\t" in text:
        return False
    if flow and (set(text) & set(",[]{}#:") or text[0] in PLAIN_START_BAD):
        return False
    return not text.startswith(("---", "..."))


def double_quoted(text: str, draw: st.DrawFn) -> str:
    """``text`` as a double-quoted scalar, with a random choice of escapes."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append(draw(st.sampled_from(["\\t", "\\x09", "\\u0009"])))
        elif not PRINTABLE.fullmatch(char) or code in (0x85, 0xA0, 0x2028, 0x2029):
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        elif char == "/" and draw(st.booleans()):
            out.append("\\/")
        elif char == " " and draw(st.integers(0, 5)) == 0:
            out.append("\\ ")
        elif code < 0x80 and draw(st.integers(0, 9)) == 0:
            out.append(f"\\x{code:02x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


class Renderer:
    """Writes a tree as block YAML; ``strict`` keeps to valid spellings of the fast subset."""

    def __init__(self, draw: st.DrawFn, strict: bool) -> None:
        self.draw = draw
        self.strict = strict
        # how often a wild document still spells a choice carefully (valid, in the subset)
        self.care = 1.0 if strict else draw(st.sampled_from([0.0, 0.5, 0.8, 0.95]))
        self.step = draw(st.sampled_from([2, 4]))
        # (text, whether a comment line may follow it)
        self.lines: list[tuple[str, bool]] = []

    def choose(self, options: list[Any]) -> Any:
        return self.draw(st.sampled_from(options))

    def careful(self) -> bool:
        if self.care >= 1.0:
            return True
        return self.care > 0 and self.draw(st.floats(0, 1)) < self.care

    def comment(self) -> str:
        if self.draw(st.integers(0, 5)):
            return ""
        return self.choose([" # note", "  #", " # a: b", "#x"][: 3 if self.careful() else 4])

    # scalars in block context, after "key:" or "-": the text to put after the indicator
    def scalar(self, value: str | None, indent: int) -> list[str]:
        """The spelling of a scalar: its first line (after ``key: ``) and any more lines."""
        if value is None:
            return [self.choose(["", "~", "null", "Null", "NULL"])]
        styles = ["plain", "single", "double", "literal", "folded", "plain-lines", "quoted-lines"]
        style = self.choose(styles)
        if self.careful():
            if style == "plain" and not plain_ok(value):
                style = "double"
            if style == "single" and (not PRINTABLE.fullmatch(value) or "\n" in value):
                style = "double"
            if style in ("literal", "folded") and not self.literal_ok(value):
                style = "double"
            if style == "plain-lines" and not (plain_ok(value) and " " in value):
                style = "double"
        pad = " " * (indent + self.step)
        if style == "plain":
            return [value.replace("\n", "\n" + pad)]
        if style == "single":
            return ["'" + value.replace("'", "''").replace("\n", "\n\n" + pad) + "'"]
        if style == "double":
            return [double_quoted(value, self.draw)]
        if style in ("literal", "folded"):
            chomp = "-" if not value.endswith("\n") else "+" if value.endswith("\n\n") or value == "\n" else ""
            chomp = self.choose([chomp, chomp, "", "-", "+"] + ([] if self.careful() else ["2", "-1"]))
            body = value[:-1] if value.endswith("\n") else value
            head = ("|" if style == "literal" else ">") + chomp + self.comment()
            return [head] + [(pad + line) if line else "" for line in body.split("\n")]
        if style == "plain-lines":
            return self.folded(value, pad)
        single = self.draw(st.booleans())
        if (not PRINTABLE.fullmatch(value) or "\n" in value) and self.careful():
            single = False
        text = "'" + value.replace("'", "''") + "'" if single else double_quoted(value, self.draw)
        return self.folded(text, pad)

    def literal_ok(self, value: str) -> bool:
        lines = value.split("\n")
        content = [line for line in lines if line]
        return (
            bool(content)
            and not content[0].startswith(" ")
            and bool(PRINTABLE.fullmatch(value))
            and all(line.strip(" ") or not line for line in lines)
            and not value.endswith("\n\n\n")
        )

    def folded(self, text: str, pad: str) -> list[str]:
        """``text`` broken at some single spaces onto more indented lines."""
        spots = [
            i
            for i in range(1, len(text) - 1)
            if text[i] == " " and text[i - 1] not in " \\" and text[i + 1] not in " #"
        ]
        if not self.careful():
            spots = [i for i in range(1, len(text) - 1) if text[i] == " "]
        chosen = sorted(set(self.draw(st.lists(st.sampled_from(spots), max_size=3)))) if spots else []
        out, start = [], 0
        for spot in chosen:
            out.append(text[start:spot])
            start = spot + 1
        out.append(text[start:])
        return [out[0]] + [pad + part for part in out[1:]]

    def flow_scalar(self, value: str | None) -> str:
        if value is None:
            return self.choose(["~", "null"])
        style = self.choose(["plain", "single", "double"])
        careful = self.careful()
        if careful and style == "plain" and not plain_ok(value, flow=True):
            style = "double"
        if careful and style == "single" and (not PRINTABLE.fullmatch(value) or "\n" in value):
            style = "double"
        if style == "plain":
            return value
        if style == "single":
            return "'" + value.replace("'", "''") + "'"
        return double_quoted(value, self.draw)

    def flow(self, node: object) -> str:
        if not isinstance(node, tuple):
            return self.flow_scalar(node)  # type: ignore[arg-type]
        kind, children = node
        comma = self.choose([", ", ", ", ",", " , ", ",  "])
        if kind == "list":
            inner = comma.join(self.flow(child) for child in children)
            return "[" + inner + "]" if not inner or self.draw(st.booleans()) else "[ " + inner + " ]"
        inner = comma.join(f"{key}: {self.flow(child)}" for key, child in children)
        return "{" + inner + "}"

    def flowable(self, node: object, depth: int = 0) -> bool:
        if not isinstance(node, tuple):
            return True
        kind, children = node
        if depth > 2 or len(children) > 5:
            return False
        if kind == "map":
            keys = [key for key, _ in children]
            if len(set(keys)) != len(keys) or not all(key in GOOD_KEYS for key in keys):
                return not self.careful()
            children = [child for _, child in children]
        return all(self.flowable(child, depth + 1) for child in children)

    # blocks
    def block(self, node: tuple, indent: int) -> None:  # type: ignore[type-arg]
        kind, children = node
        if kind == "map":
            for key, child in children:
                self.entry(" " * indent + key + ":", child, indent)
        else:
            for child in children:
                self.item(child, indent)

    def entry(self, head: str, child: object, indent: int) -> None:
        if isinstance(child, tuple):
            kind, grandchildren = child
            if not grandchildren or (self.flowable(child) and self.draw(st.integers(0, 3)) == 0):
                self.lines.append((head + " " + self.flow(child) + self.comment(), True))
                return
            self.lines.append((head + self.comment(), True))
            if kind == "list" and self.draw(st.booleans()):
                self.block(child, indent)  # a list at its key's indentation
            else:
                self.block(child, indent + self.step)
            return
        parts = self.scalar(child, indent)  # type: ignore[arg-type]
        gap = self.choose([" ", " ", "  "]) if parts[0] else self.choose(["", " "])
        single = len(parts) == 1 and "\n" not in parts[0]
        tail = self.comment() if single and not parts[0].startswith(("|", ">")) else ""
        if not parts[0] and self.draw(st.booleans()):
            tail = " # empty"
        self.lines.append((head + gap + parts[0] + tail, single))
        for line in parts[1:]:
            self.lines.append((line, False))
        if parts[1:]:
            self.lines[-1] = (self.lines[-1][0], True)

    def item(self, child: object, indent: int) -> None:
        if isinstance(child, tuple) and child[1] and self.draw(st.integers(0, 3)):
            # a compact entry: the child's first line takes the dash
            width = self.choose([2, 2, 2, 3, 4])
            start = len(self.lines)
            self.block(child, indent + width)
            first, ok = self.lines[start]
            self.lines[start] = (" " * indent + "-" + " " * (width - 1) + first[indent + width :], ok)
            return
        self.entry(" " * indent + "-", child, indent)

    def render(self, root: tuple) -> str:  # type: ignore[type-arg]
        base = self.choose([0, 0, 0, 1, 2])
        self.block(root, base)
        out = []
        if self.draw(st.integers(0, 4)) == 0:
            out.append("---")
        if self.draw(st.integers(0, 4)) == 0:
            out.append("# a catalogue")
        for line, may_follow in self.lines:
            out.append(line)
            if may_follow and self.draw(st.integers(0, 8)) == 0:
                out.append(self.choose(["", "# note", "  # indented note", "    #"]))
            if not self.careful() and self.draw(st.integers(0, 20)) == 0:
                out.append(self.choose(["  ", "", "\t", " x"]))
        text = "\n".join(out) + self.choose(["\n", "\n", "", "\n\n"])
        if self.draw(st.integers(0, 10)) == 0:
            text = text.replace("\n", "\r\n")
        return text


@st.composite
def wild_documents(draw: st.DrawFn) -> tuple[str, int]:
    root = draw(ROOTS)
    text = Renderer(draw, strict=False).render(root)
    return text, draw(st.sampled_from([64] * 12 + [1, 2, 3, 4, 5]))


STRICT_SCALARS = st.one_of(
    st.sampled_from([t for t in TRICKY if "\t" not in t]), st.text(ALPHABET.filter(lambda c: c != "\t"), max_size=10), st.none()
)
STRICT_TREES = trees(STRICT_SCALARS, st.sampled_from(GOOD_KEYS))


@st.composite
def strict_documents(draw: st.DrawFn) -> str:
    keys = draw(st.lists(st.sampled_from(GOOD_KEYS), min_size=1, max_size=4, unique=True))
    if draw(st.booleans()):
        root: tuple = ("map", [(key, draw(STRICT_TREES)) for key in keys])  # type: ignore[type-arg]
    else:
        root = ("list", draw(st.lists(STRICT_TREES, min_size=1, max_size=4)))

    def unique(node: object) -> object:  # maps in strict documents have unique keys
        if not isinstance(node, tuple):
            return node
        kind, children = node
        if kind == "list":
            return ("list", [unique(child) for child in children])
        seen: dict[str, object] = {}
        for key, child in children:
            seen.setdefault(key, unique(child))
        return ("map", list(seen.items()))

    return Renderer(draw, strict=True).render(unique(root))  # type: ignore[arg-type]


@PROPERTY
@given(wild_documents())
def test_fast_reader_never_disagrees(document: tuple[str, int]) -> None:
    text, max_depth = document
    event("fast" if agree(text, max_depth) else "fallback")


@PROPERTY
@given(strict_documents())
def test_fast_reader_takes_its_subset(text: str) -> None:
    same(text)


# -- each construct of the subset --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: two words\nc: 'q'\nd: \"e\"\n",
        "# head\n\n---\na: 1  # trailing\n\n  # indented comment\nb:\n",
        "--- # start\na: x\n",
        "a:\n  b:\n    c: d\n  e: f\n",
        "a:\n- x\n- y\nb: z\n",
        "a:\n  - x\n  -   y\n",
        "- a: 1\n  b: 2\n- c: 3\n",
        "-   a: 1\n    b: 2\n",
        "- - a\n  - b\n- -   c\n",
        "-\n  a: 1\n-\n  - x\n- \n-\n",
        "a:\n- b: 1\n  c:\n  - d\n  e: f\ng: h\n",
        "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: ''\ng: \"\"\nh: '~'\ni: \"null\"\n",
        "a: NO\nb: 0110\nc: 1.50\nd: 2024-01-31\ne: true\n",
        "a: -x\nb: ?x\nc: :x\nd: a:b\ne: a#b\nf: x # y: z\n",
        "a: it's\nb: say \"hi\"\nc: a[b]{c}\nd: a, b\n",
        "a: 'it''s'\nb: '  padded  '\nc: 'a # b'\n",
        'a: "tab\\there\\n"\nb: "\\u00e9\\x41\\U0001F600\\\\\\"\\/\\0\\a\\b\\e\\v\\f\\r\\ \\N\\_\\L\\P"\n',
        "a: [b, 'c d', \"e\", ~, null]\nb: []\nc: [ ]\nd: {}\ne: { }\n",
        "a: [x,y , z ]  # note\n",
        "a: {b: c, d: \"e\", f: [g, h], i: {j: k}}\n",
        "- {skill: a, importance: 2.6}\n- [b, c]\n- {}\n",
        "a: {b: http://x.org/p, c: 15:30, d: it's}\n",
        'codes: {soc: "15-1000", onet: "15-1000.01", isco: "0110"}\n',
        "derive: {product: [{figure: a-week}, 4]}\nb: {sum: [{figure: x}, {figure: y}]}\n",
        "skills:\n  - plain-id\n  - {skill: x, importance: 2.6, level: 3.4}\n",
        'a: [Dell\'Acqua, x"y, a b]\nb: [a"] # "]\nc: {d: "x}", e: f}\nd: ["a]", b]\n',
        "a: [~, null, 'null', \"~\"]\nb: {c: ~, d: null}\n",
        "a: [ a , b ]\nb: {c:  d , e: f }\nc: [a,b]\nd: [[], {}, [[x]]]\n",
        "a: é\nb: 😀 x\nc: [Zürich, São]\nd: {e: naïve}\n",
        "a: one\n  two\n\n  three\n    four\nb: x\n",
        "- one\n  two\n- three\n",
        "a:\n- one\n  - two\n",
        "a: one\n  two # end\nb: x\n",
        "a: |\n  line 1\n    indented\n\n  line 3\nb: |-\n  x\nc: |+\n  y\n\nd: x\n",
        "a: |\n  # not a comment\n  x\nb: >\n  folded\n  text\n\n  para\n   more\n  end\n",
        "- |\n  x\n- >-\n  y\n  z\n",
        "a: | # note\n  x\nb: |\nc: |+\n\nd: x\n",
        "a: 'one\n  two\n\n  three'\nb: \"x\\\n  y \\\n  z\"\n",
        "a: \"one\n\n  two\"\n",
        "  a: 1\n  b:\n  - 2\n",
        "a: 1\r\nb:\r\n- 2\r\n",
        "a: 1",
        "key.with-dots_1: v\n2024: year\n",
    ],
)
def test_the_subset(text: str) -> None:
    same(text)


def test_positions() -> None:
    tree = fast_read("# c\na: 1\nb:\n  - x\n  - k: v\n    j: w\nc: [p,  q]\nd:\ne: {f: g}\n")
    assert isinstance(tree, YMap)
    assert tree.pos == (2, 1)
    assert tree.keypos == {"a": (2, 1), "b": (3, 1), "c": (7, 1), "d": (8, 1), "e": (9, 1)}
    assert tree["b"].pos == (4, 3)
    assert tree["b"].itempos == [(4, 5), (5, 5)]
    assert tree["b"][1].keypos == {"k": (5, 5), "j": (6, 5)}
    assert tree["c"].pos == (7, 4)
    assert tree["c"].itempos == [(7, 5), (7, 9)]
    assert tree["d"] is None
    assert tree["e"].keypos == {"f": (9, 5)}


def test_depth_limit() -> None:
    text = "a:\n  b:\n    c: [d]\n"  # four containers
    same(text, max_depth=4)
    for depth in (3, 1, 0):
        with pytest.raises(Unsupported):
            fast_read(text, max_depth=depth)
        with pytest.raises(YamlProblem):
            read_yaml(text, max_depth=depth)


# -- what the fast reader leaves to libyaml ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "---\n",
        "just a scalar\n",
        '"quoted root"\n',
        "[a, b]\n",
        "{a: b}\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\n...\n",
        "\ufeffa: 1\n",
        "a: 1\tb\n",
        "a:\n\t- b\n",
        "a: b\x85c\n",
        "a: b\u2028c\n",
        "a: b\rc\n",
        "a: \x07\n",
        "? a\n: b\n",
        "a b: c\n",
        '"a": b\n',
        "'a': b\n",
        "a : b\n",
        "null: x\n",
        "~: x\n",
        "a: b: c\n",
        "a: b:\n",
        "a: !!str x\n",
        "a: !tag x\n",
        "a: &anchor x\nb: *anchor\n",
        "a: *alias\n",
        "a: 1\na: 2\n",
        "- a: 1\n  a: 2\n",
        "a: {b: 1, b: 2}\n",
        "a: [b,\n  c]\n",
        "a: {b: c,\n  d: e}\n",
        "a: [b, ]\n",
        "a: {b: c, }\n",
        "a: {b: }\n",
        "a: {b}\n",
        "a: {b:c}\n",
        "a: [b: c]\n",
        "a: [b #c]\n",
        "a: [x:]\n",
        "a: {b: [c}]\n",
        "a: [[b], c\n",
        "a: |2\n   x\n",
        "a: >1\n  x\n",
        "a: \"\\q\"\n",
        "a: \"\\ud800\"\n",
        "a: \"open\n",
        "a: 'open\n",
        "a: x\n  # comment\n  y\n",
        "a:\n  x\n",
        "a:\n  'x'\n",
        "a:\n  b: 1\n c: 2\n",
        "a: 1\n  b: 2\n",
        "- a\nb: 1\n",
        "a: 1\n- b\n",
        "a: - b\n",
        "a: \"x\" y\n",
        "a: [b] c\n",
        "a: @x\n",
        "a: `x`\n",
        "a: %x\n",
    ],
)
def test_left_to_libyaml(text: str) -> None:
    refused(text)


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ("a: 1\nb: 2\na: 3\n", "EV103", 3, 1),
        ("records:\n  - id: x\n    id: y\n", "EV103", 3, 5),
        ("a: {b: 1, b: 2}\n", "EV103", 1, 11),
        ("a: &x 1\nb: 2\n", "EV100", 1, 4),
        ("a: 1\nb: *x\n", "EV100", 2, 4),
        ("a: !!python/object:os.system x\n", "EV100", 1, 4),
        ("a: !x 1\n", "EV100", 1, 4),
        ("a: 1\n---\nb: 2\n", "EV100", 2, 1),
        ("null: 1\n", "EV100", 1, 1),
        ("a:\n  b:\n    c: d\n", "EV100", 3, 5),
    ],
)
def test_read_yaml_still_refuses(text: str, code: str, line: int, column: int) -> None:
    with pytest.raises(YamlProblem) as caught:
        read_yaml(text, max_depth=2 if "c: d" in text else 64)
    assert (caught.value.code, caught.value.line, caught.value.column) == (code, line, column)


def test_read_yaml_uses_both_paths() -> None:
    fast = "a: [b, {c: d}]\ne: |\n  f\n"
    slow = "a: &x [b]\n"
    assert difference(read_yaml(fast), _read_yaml_events(fast)) is None
    with pytest.raises(Unsupported):
        fast_read(slow)
    with pytest.raises(YamlProblem):
        read_yaml(slow)
    odd = "a: >2\n   x\n"
    assert read_yaml(odd) == {"a": " x\n"}


def test_json_text_goes_through_libyaml() -> None:
    text = json.dumps({"a": [1, "b", None], "c": {"d": True}}, indent=2)
    with pytest.raises(Unsupported):
        fast_read(text)
    assert read_yaml(text) == {"a": ["1", "b", None], "c": {"d": "true"}}


def test_garbage_collector_is_restored() -> None:
    import gc

    assert gc.isenabled()
    fast_read("a: 1\n")
    assert gc.isenabled()
    with pytest.raises(Unsupported):
        fast_read("a: &x 1\n")
    assert gc.isenabled()
