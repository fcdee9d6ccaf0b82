"""Write a heap snapshot of this Python process in V8's format, for heapdot.

    import heapdot_dump
    heapdot_dump.dump("after.heapsnapshot")          # or "after.heapsnapshot.gz"
    heapdot_dump.install(signal.SIGUSR2, "/tmp/dumps")  # kill -USR2 <pid> writes the next one

Then every heapdot command reads it: `heapdot chain after.heapsnapshot ImageReqWrapper`,
`heapdot diff before.heapsnapshot after.heapsnapshot`, ...

The graph:
- nodes: every object the modules in sys.modules and the threads' frames reach (through
  gc.get_referents and the named attributes below), then what only C code holds (tracked objects
  nothing else reaches) under "(GC roots)"; None, True, False, Ellipsis, NotImplemented and the
  small ints (-5..256) are immortal singletons and left out, as V8 leaves out small integers;
- node types: `object` (named after the type's __qualname__; a module as Python prints it,
  `<module 'server' from '/srv/server.py'>`), `string` (its value, cut at 1024 characters),
  `number` (int and float, named by value), `closure` (functions, named by __qualname__, located
  at file:line), `code`, `hidden` (one per source file, so a function's location names its file);
- edges: module globals, instance __dict__ and __slots__ attributes, dict values (`property` for
  str keys, the key's repr otherwise, `element` for int keys), list/tuple/set/frozenset/deque
  items (`element`), closure variables (`context`), frame locals (`context`) and f_back (`property`),
  tracebacks (tb_frame, tb_next), exceptions (args, __traceback__, __context__, __cause__), bound
  methods (__self__, __func__), classes (their __dict__, __mro__, __bases__), weak references
  (`weak`); anything else an object references is a `hidden` edge numbered as gc lists it;
- a module's, an instance's and a class's __dict__ are folded into their owner (its entries are
  the owner's edges, its size counts in the owner's self size); self size is sys.getsizeof.

Ids: an object keeps its id across the dumps of one process while it lives. A new object at
the address of a dead one gets a new id when the old one could be weakly referenced (checked with
a weak reference); for objects that cannot be (dict, list, str, frames...), a new object of the
same type at the same address between two dumps keeps the old id. Reading an instance's __dict__
makes CPython 3.11+ create it if it was still stored inline.
"""

from __future__ import annotations

import gc
import gzip
import json
import mmap
import os
import signal
import struct
import sys
import tempfile
import threading
import types
import weakref
from array import array
from json.encoder import encode_basestring_ascii as _encode_string
from collections import deque
from functools import partial
from itertools import chain, islice, repeat

__all__ = ["dump", "install", "snapshot_id"]
__version__ = "0.1.0"

# V8's lists (Node 20), so heapdot and DevTools read the file as they read Node's.
NODE_TYPES = [
    "hidden", "array", "string", "object", "code", "closure", "regexp", "number", "native",
    "synthetic", "concatenated string", "sliced string", "symbol", "bigint", "object shape",
    "wasm object",
]  # fmt: skip
EDGE_TYPES = ["context", "element", "property", "internal", "hidden", "shortcut", "weak"]
HIDDEN, STRING, OBJECT, CODE, CLOSURE, NUMBER, SYNTHETIC = 0, 2, 3, 4, 5, 7, 9
CONTEXT, ELEMENT, PROPERTY, INTERNAL, HIDDEN_EDGE, SHORTCUT, WEAK = range(7)
NODE_FIELDS = 7
STRING_MAX = 1024
REPR_MAX = 80
CHUNK = 1 << 16
STRING_CHUNK = 4096
SPILL = 1 << 20  # edge numbers kept in memory before they go to the temporary file (4 MiB)
# The ordinal table (see _Snapshot.pages): pages of 1 MiB of addresses, a 4-byte slot per 16 bytes.
PAGE_SHIFT = 20
SLOT_SHIFT = 4
SLOT_MASK = (1 << (PAGE_SHIFT - SLOT_SHIFT)) - 1
PAGE_BYTES = 4 << (PAGE_SHIFT - SLOT_SHIFT)
LEFT_OUT = 0xFFFFFFFF  # the slot of what is no node (None, small ints, the dump's own objects)

_HERE = os.path.abspath(__file__)
_FUNCTION = types.FunctionType
_CODE = types.CodeType


class _Previous:
    """What the last dump kept to give the next one the same ids: addresses sorted, with ids."""

    def __init__(self) -> None:
        self.next_id = 101  # odd, as V8's ids of heap objects; 1..99 are the synthetic nodes'
        self.addresses = array("Q")
        self.ids = array("I")
        self.types = array("Q")
        self.refs: list = []
        self.count = 0


_STATE = _Previous()
_LOCK = threading.Lock()


def snapshot_id(obj: object) -> int | None:
    """The id `obj` had in the last dump (the `@id` heapdot prints), or None."""
    address = id(obj)
    try:
        at = _STATE.addresses.index(address)
    except ValueError:
        return None
    return _STATE.ids[at]


def dump(path: str, *, collect: bool = True) -> int:
    """Write a snapshot of this process to `path` (gzip when it ends in `.gz`); returns the node count.

    The file appears whole or not at all (written to `path + ".tmp"`, then renamed). The edges pass
    through an unnamed temporary file in the same folder; gzip is its quickest level (1).
    """
    global _STATE
    with _LOCK:
        # What the dump fills in once (the thread's repr guard, gzip's struct cache) is there before
        # it looks, or the next dump would count it as the program's new objects.
        repr([None])
        struct.pack("<L", 0)
        if collect:
            gc.collect()
        snapshot = _Snapshot(sys._getframe())
        try:
            tmp = path + ".tmp"
            snapshot.spill = tempfile.TemporaryFile(dir=os.path.dirname(os.path.abspath(path)))
            snapshot.walk()
            # gzip's quickest level: a tenth of the plain file's size, at a fraction of level 9's time.
            opener = partial(gzip.open, compresslevel=1) if path.endswith(".gz") else open
            try:
                with opener(tmp, "wb") as out:
                    ids = snapshot.write(out)
                os.replace(tmp, path)
            except BaseException:
                if os.path.exists(tmp):
                    os.remove(tmp)
                raise
            _STATE = snapshot.next_state(ids)
            return len(snapshot.objs)
        finally:
            snapshot.release()


def install(signum: int = signal.SIGUSR2, directory: str = ".", *, gz: bool = False):
    """On `signum`, write `directory/heapdot-<pid>-<n>.heapsnapshot` (n = 1, 2, ...); returns the handler.

    The dump runs in the main thread, between two bytecodes, as every Python signal handler does.
    """
    counter = [0]
    os.makedirs(directory, exist_ok=True)

    def handler(signum, frame):
        counter[0] += 1
        name = f"heapdot-{os.getpid()}-{counter[0]}.heapsnapshot" + (".gz" if gz else "")
        dump(os.path.join(directory, name))

    signal.signal(signum, handler)
    return handler


class _Snapshot:
    """One dump: the objects in discovery order (their ordinals) and the arrays written out."""

    def __init__(self, caller) -> None:
        # Every tracked object, before the dump makes any: what only C code holds is among them.
        self.tracked = gc.get_objects()
        self.objs: list = [None, None, None, None]  # root, (GC roots), (Stack roots), (C roots)
        # Ordinal by address: pages of 1 MiB of addresses, a slot per 16 bytes (no two objects
        # share one: each is at least 16 bytes). A page is an anonymous mapping: only the parts
        # the heap's objects use take memory, a quarter of what they cover at most, and it all
        # goes back to the system at the end (not to malloc's heap, which Python's objects skip).
        self.pages: dict = {}
        self.kinds = array("B", [SYNTHETIC] * 4)
        self.names = array("I", [0] * 4)
        self.sizes = array("Q", [0] * 4)
        self.counts = array("I", [0] * 4)
        self.edges = array("I")
        # Edges go to a temporary file as they come (a few MiB at a time): they are written after
        # the nodes, which are only known at the end of the walk.
        self.spill = None
        self.spilled = 0
        # Names (types, edges, functions), by index; strings' and numbers' own texts are not
        # deduplicated: they follow, one per node, in node order (`lazy` of them so far).
        self.string_index: dict = {}
        self.lazy = 0
        self.infos: dict = {}
        self.slots: dict = {}
        self.scripts: dict = {}
        self.locations = array("I")
        self.synthetic_edges: list = [[], [], [], []]
        self.cursor = 4
        for i, name in enumerate(["", "(GC roots)", "(Stack roots)", "(C roots)"]):
            self.names[i] = self.string(name)
        mark = self.mark
        for value in (None, True, False, Ellipsis, NotImplemented, *range(-5, 257)):
            mark(value, LEFT_OUT)
        for own in (self, self.__dict__, *self.__dict__.values(), _STATE, _STATE.__dict__,
                    *_STATE.__dict__.values()):  # fmt: skip
            mark(own, LEFT_OUT)
        for ref in _STATE.refs:
            if ref is not None:
                mark(ref, LEFT_OUT)
        frame = sys._getframe()
        while frame is not None and frame.f_code.co_filename == _HERE:
            mark(frame, LEFT_OUT)
            frame = frame.f_back
        self.first_frame = frame

    def release(self) -> None:
        if self.spill is not None:
            self.spill.close()
        self.objs = []
        self.pages = {}
        self.tracked = []

    # -- strings and nodes --------------------------------------------------------------------

    def string(self, text: str) -> int:
        at = self.string_index.get(text)
        if at is None:
            at = self.string_index[text] = len(self.string_index)
        return at

    def slot(self, address: int):
        """The page holding `address`'s ordinal (made when missing) and its slot there."""
        page = self.pages.get(address >> PAGE_SHIFT)
        if page is None:
            page = self.pages[address >> PAGE_SHIFT] = _page()
        return page, (address >> SLOT_SHIFT) & SLOT_MASK

    def known(self, obj) -> int:
        """The ordinal of `obj`, 0 when it has none yet (the root, ordinal 0, is never looked up)."""
        address = id(obj)
        page = self.pages.get(address >> PAGE_SHIFT)
        return 0 if page is None else page[(address >> SLOT_SHIFT) & SLOT_MASK]

    def mark(self, obj, at: int) -> None:
        page, slot = self.slot(id(obj))
        page[slot] = at

    def ordinal(self, obj) -> int:
        """The ordinal of `obj`, a new node when first seen; LEFT_OUT for what is left out."""
        page, slot = self.slot(id(obj))
        at = page[slot]
        if not at:
            objs = self.objs
            at = page[slot] = len(objs)
            objs.append(obj)
        return at

    def locate(self, at: int, code) -> None:
        filename = code.co_filename
        script = self.scripts.get(filename)
        if script is None:
            script = self.scripts[filename] = len(self.scripts) + 1
        self.locations.extend((at * NODE_FIELDS, script, max(code.co_firstlineno - 1, 0), 0))

    def fold(self, owner: int, inner) -> bool:
        """Counts `inner` (a __dict__) as part of `owner`, unless it is a node already."""
        page, slot = self.slot(id(inner))
        if page[slot]:
            return False
        page[slot] = owner
        self.sizes[owner] += sys.getsizeof(inner)
        return True

    # -- edges ----------------------------------------------------------------------------------

    def edge(self, kind: int, name: int, target) -> None:
        at = self.ordinal(target)
        if at != LEFT_OUT:
            self.edges.extend((kind, name, at * NODE_FIELDS))

    def named(self, kind: int, name: str, target) -> None:
        at = self.ordinal(target)
        if at != LEFT_OUT:
            self.edges.extend((kind, self.string(name), at * NODE_FIELDS))

    def items(self, mapping) -> None:
        """A dict's entries: str keys name `property` edges, int keys `element` edges."""
        # The hot loop of the dump: the page lookup is written out, not called.
        pages = self.pages
        page_of = pages.get
        objs = self.objs
        append = objs.append
        extend = self.edges.extend
        string_at = self.string_index.get
        string = self.string
        for key, value in mapping.items():
            address = id(value)
            page = page_of(address >> PAGE_SHIFT)
            if page is None:
                page = pages[address >> PAGE_SHIFT] = _page()
            slot = (address >> SLOT_SHIFT) & SLOT_MASK
            at = page[slot]
            if not at:
                at = page[slot] = len(objs)
                append(value)
            if at != LEFT_OUT:
                kind = type(key)
                if kind is str:
                    name = string_at(key)
                    extend((PROPERTY, string(key) if name is None else name, at * NODE_FIELDS))
                elif kind is int and 0 <= key < 0xFFFFFFFF:
                    extend((ELEMENT, key, at * NODE_FIELDS))
                else:
                    extend((PROPERTY, string(_short_repr(key)), at * NODE_FIELDS))

    def keys(self, mapping) -> None:
        """A plain dict also holds its keys (a cache's "k123" keys are its own)."""
        # Per item, like the hot loop above: the page lookup is written out here and in elements().
        pages = self.pages
        page_of = pages.get
        objs = self.objs
        append = objs.append
        extend = self.edges.extend
        key_name = self.string("key")
        for key in mapping:
            address = id(key)
            page = page_of(address >> PAGE_SHIFT)
            if page is None:
                page = pages[address >> PAGE_SHIFT] = _page()
            slot = (address >> SLOT_SHIFT) & SLOT_MASK
            at = page[slot]
            if not at:
                at = page[slot] = len(objs)
                append(key)
            if at != LEFT_OUT:
                extend((INTERNAL, key_name, at * NODE_FIELDS))

    def elements(self, sequence) -> None:
        pages = self.pages
        page_of = pages.get
        objs = self.objs
        append = objs.append
        extend = self.edges.extend
        for i, value in enumerate(sequence):
            address = id(value)
            page = page_of(address >> PAGE_SHIFT)
            if page is None:
                page = pages[address >> PAGE_SHIFT] = _page()
            slot = (address >> SLOT_SHIFT) & SLOT_MASK
            at = page[slot]
            if not at:
                at = page[slot] = len(objs)
                append(value)
            if at != LEFT_OUT:
                extend((ELEMENT, i, at * NODE_FIELDS))

    # -- the walk -------------------------------------------------------------------------------

    def walk(self) -> None:
        root = self.synthetic_edges[0]
        root.append((ELEMENT, 1, 1))
        self.synthetic_edges[1].extend([(ELEMENT, 1, 2), (ELEMENT, 2, 3)])
        modules = set()
        for name, module in sorted(sys.modules.items(), key=lambda item: item[0]):
            if module is None:
                continue
            at = self.ordinal(module)
            if at != LEFT_OUT and at not in modules:
                modules.add(at)
                root.append((SHORTCUT, self.string(name), at))
        frames = sys._current_frames()
        self.mark(frames, LEFT_OUT)
        names = {thread.ident: thread.name for thread in threading.enumerate()}
        for ident, frame in sorted(frames.items(), key=lambda item: item[0]):
            if ident == threading.get_ident():
                frame = self.first_frame
            if frame is None:
                continue
            at = self.ordinal(frame)
            if at != LEFT_OUT:
                thread = names.get(ident, f"thread {ident}")
                self.synthetic_edges[2].append((INTERNAL, self.string(thread), at))
        self.run()
        self.c_roots()
        self.tracked = []

    def c_roots(self) -> None:
        """Tracked objects nothing reached: those no other such object holds first, then the rest."""
        known = self.known
        page_of = self.pages.get
        # known(obj), written out: this runs once per tracked object.
        unseen = [
            obj
            for obj in self.tracked
            if (page := page_of(id(obj) >> PAGE_SHIFT)) is None
            or not page[(id(obj) >> SLOT_SHIFT) & SLOT_MASK]
        ]
        self.mark(unseen, LEFT_OUT)
        held = set()
        for obj in unseen:
            for referent in gc.get_referents(obj):
                held.add(id(referent))
        ordered = [obj for obj in unseen if id(obj) not in held]
        ordered.extend(obj for obj in unseen if id(obj) in held)
        held = None
        edges = self.synthetic_edges[3]
        name = self.string("held by C code")
        for obj in ordered:
            if known(obj):
                continue
            edges.append((INTERNAL, name, self.ordinal(obj)))
            self.run()

    def run(self) -> None:
        """Lists the edges of every node not done yet, in ordinal order (which grows meanwhile)."""
        objs = self.objs
        infos = self.infos
        edges = self.edges
        kind_of = self.kinds.append
        name_of = self.names.append
        size_of = self.sizes.append
        count_of = self.counts.append
        getsizeof = sys.getsizeof
        spill = self.spill
        at = self.cursor
        lazy = self.lazy
        # A list's iterator reads its length at each step: it goes on with the objects appended.
        # (Set to start at `at`: islice would step over all the done ones, once per C root.)
        pending = iter(objs)
        pending.__setstate__(at)
        for obj in pending:
            kind = type(obj)
            info = infos.get(kind)
            if info is None:
                info = infos[kind] = self.info_of(kind)
            code, name, handler = info
            kind_of(code)
            if name is not None:
                name_of(name)
            elif code == STRING or code == NUMBER:
                name_of(lazy)
                lazy += 1
            elif code == CLOSURE:
                name_of(self.string(getattr(obj, "__qualname__", None) or obj.__name__))
                self.locate(at, obj.__code__)
            elif code == CODE:
                name_of(self.string(getattr(obj, "co_qualname", obj.co_name)))
            else:
                name_of(self.string(_module_name(obj)))
            try:
                size_of(getsizeof(obj))
            except Exception:  # a broken __sizeof__ must not stop the dump
                size_of(0)
            if handler is None:
                count_of(0)
            else:
                before = len(edges)
                handler(at, obj)
                after = len(edges)
                count_of((after - before) // 3)
                if after >= SPILL and spill is not None:
                    edges.tofile(spill)
                    self.spilled += after
                    del edges[:]
            at += 1
        self.cursor = at
        self.lazy = lazy

    def info_of(self, kind) -> tuple:
        """A type's node type, name (None: each object's own) and edge lister."""
        if kind is str:
            return STRING, None, None
        if kind is int or kind is float:
            return NUMBER, None, None
        if kind is _FUNCTION:
            return CLOSURE, None, self.function
        if kind is _CODE:
            return CODE, None, self.code
        if kind is types.ModuleType:
            return OBJECT, None, self.module
        return OBJECT, self.string(_qualname(kind)), self.handler_of(kind)

    def handler_of(self, kind):
        """The method that lists an object's edges, by its type (None: a leaf)."""
        if kind in (str, int, float, bytes, bytearray, complex, bool, type(None), range):
            return None
        if kind is dict:
            return self.plain_dict
        if kind in (list, tuple, set, frozenset, deque):
            return self.sequence
        exact = {
            types.ModuleType: self.module,
            types.FunctionType: self.function,
            types.FrameType: self.frame,
            types.CodeType: self.code,
            types.CellType: self.cell,
            types.MethodType: self.method,
            types.TracebackType: self.traceback,
            type: self.klass,
        }.get(kind)
        if exact is not None:
            return exact
        if issubclass(kind, type):
            return self.klass
        if issubclass(kind, weakref.ref):
            return self.weak_reference
        if issubclass(kind, BaseException):
            return self.exception
        if issubclass(kind, (dict, list, tuple, set, frozenset, deque)):
            return self.container_instance
        if _has_dict(kind) or self.slot_names(kind):
            return self.instance
        return self.generic

    def slot_names(self, kind) -> tuple:
        names = self.slots.get(kind)
        if names is None:
            found = []
            for base in kind.__mro__:
                slots = base.__dict__.get("__slots__", ())
                if isinstance(slots, str):
                    slots = (slots,)
                for name in slots:
                    if name not in ("__dict__", "__weakref__"):
                        found.append(_mangle(base, name))
            names = self.slots[kind] = tuple(found)
        return names

    # -- handlers, one per kind of object --------------------------------------------------------

    def plain_dict(self, at, obj) -> None:
        self.items(obj)
        self.keys(obj)

    def sequence(self, at, obj) -> None:
        self.elements(obj)

    def generic(self, at, obj) -> None:
        edge = self.edge
        for i, referent in enumerate(gc.get_referents(obj)):
            edge(HIDDEN_EDGE, i, referent)

    def attributes(self, at, obj) -> None:
        """An instance's __dict__ (folded into it) and __slots__, and its class."""
        kind = type(obj)
        if kind.__dictoffset__ != 0:
            try:
                attributes = object.__getattribute__(obj, "__dict__")
            except Exception:
                attributes = None
            if isinstance(attributes, dict):
                if self.fold(at, attributes):
                    self.items(attributes)
                else:
                    self.named(INTERNAL, "__dict__", attributes)
        for name in self.slot_names(kind):
            try:
                value = object.__getattribute__(obj, name)
            except Exception:
                continue
            self.named(PROPERTY, name, value)
        self.named(INTERNAL, "__class__", kind)

    def instance(self, at, obj) -> None:
        self.attributes(at, obj)

    def container_instance(self, at, obj) -> None:
        if isinstance(obj, dict):
            self.items(obj)
        else:
            self.elements(obj)
        self.attributes(at, obj)

    def exception(self, at, obj) -> None:
        self.attributes(at, obj)
        named = self.named
        named(PROPERTY, "args", obj.args)
        for name in ("__traceback__", "__context__", "__cause__"):
            value = getattr(obj, name, None)
            if value is not None:
                named(PROPERTY, name, value)

    def module(self, at, obj) -> None:
        attributes = getattr(obj, "__dict__", None)
        if isinstance(attributes, dict) and self.fold(at, attributes):
            self.items(attributes)

    def klass(self, at, obj) -> None:
        named = self.named
        referents = gc.get_referents(obj)
        proxy = obj.__dict__
        inner = gc.get_referents(proxy)
        attributes = inner[0] if len(inner) == 1 and type(inner[0]) is dict else None
        if attributes is not None and self.fold(at, attributes):
            self.items(attributes)
        known = {id(attributes): None, id(obj.__mro__): "__mro__", id(obj.__bases__): "__bases__"}
        named(PROPERTY, "__mro__", obj.__mro__)
        named(PROPERTY, "__bases__", obj.__bases__)
        edge = self.edge
        for i, referent in enumerate(referents):
            if id(referent) not in known:
                edge(HIDDEN_EDGE, i, referent)

    def function(self, at, obj) -> None:
        code = obj.__code__
        cells = obj.__closure__
        if cells:
            for name, cell in zip(code.co_freevars, cells):
                try:
                    value = cell.cell_contents
                except ValueError:  # not assigned yet
                    continue
                self.named(CONTEXT, name, value)
        known = {id(cells): None}
        for name in ("__code__", "__globals__", "__defaults__", "__kwdefaults__", "__module__",
                     "__name__", "__qualname__", "__doc__"):  # fmt: skip
            value = getattr(obj, name, None)
            if value is not None and id(value) not in known:
                known[id(value)] = name
                self.named(INTERNAL, name, value)
        edge = self.edge
        for i, referent in enumerate(gc.get_referents(obj)):
            if id(referent) not in known:
                name = "__dict__" if type(referent) is dict else None
                if name is not None and self.fold(at, referent):
                    self.items(referent)
                else:
                    edge(HIDDEN_EDGE, i, referent)

    def code(self, at, obj) -> None:
        named = self.named
        for name in ("co_consts", "co_names", "co_name", "co_qualname"):
            value = getattr(obj, name, None)
            if value is not None:
                named(INTERNAL, name, value)
        named(INTERNAL, "co_filename", obj.co_filename)

    def frame(self, at, obj) -> None:
        named = self.named
        try:
            local = obj.f_locals
        except Exception:
            local = None
        if local is not None:
            if local is obj.f_globals:
                named(INTERNAL, "f_locals", local)
            else:
                if type(local) is dict:
                    self.fold(at, local)
                string = self.string
                edge = self.edge
                for name, value in local.items():
                    edge(CONTEXT, string(name) if type(name) is str else string(repr(name)), value)
        if obj.f_back is not None:
            named(PROPERTY, "f_back", obj.f_back)
        named(INTERNAL, "f_code", obj.f_code)
        named(INTERNAL, "f_globals", obj.f_globals)
        named(INTERNAL, "f_builtins", obj.f_builtins)
        if obj.f_trace is not None:
            named(INTERNAL, "f_trace", obj.f_trace)

    def traceback(self, at, obj) -> None:
        self.named(PROPERTY, "tb_frame", obj.tb_frame)
        if obj.tb_next is not None:
            self.named(PROPERTY, "tb_next", obj.tb_next)

    def method(self, at, obj) -> None:
        self.named(PROPERTY, "__self__", obj.__self__)
        self.named(PROPERTY, "__func__", obj.__func__)

    def cell(self, at, obj) -> None:
        try:
            self.named(PROPERTY, "cell_contents", obj.cell_contents)
        except ValueError:
            pass

    def weak_reference(self, at, obj) -> None:
        target = obj()
        if target is not None:
            self.named(WEAK, "referent", target)
        if _has_dict(type(obj)):
            self.attributes(at, obj)
        callback = obj.__callback__
        if callback is not None:
            self.named(INTERNAL, "__callback__", callback)

    # -- ids and output ---------------------------------------------------------------------------

    def assign_ids(self) -> array:
        """Ids: 1, 3, 5, 7 for the synthetic nodes, the last dump's for the objects it saw, else new."""
        count = len(self.objs)
        ids = array("I", bytes(4 * count))
        for i in range(4):
            ids[i] = 1 + 2 * i
        previous = _STATE
        objs = self.objs
        refs = previous.refs
        pages = self.pages
        for j, address in enumerate(previous.addresses):
            page = pages.get(address >> PAGE_SHIFT)
            at = 0 if page is None else page[(address >> SLOT_SHIFT) & SLOT_MASK]
            if at < 4 or at == LEFT_OUT:
                continue
            obj = objs[at]
            if id(obj) != address:  # a folded __dict__'s slot holds its owner's ordinal
                continue
            ref = refs[j]
            if ref is not None:
                if ref() is not obj:
                    continue
            elif id(type(obj)) != previous.types[j]:
                continue
            ids[at] = previous.ids[j]
        next_id = previous.next_id
        for at in range(4, count):
            if ids[at] == 0:
                ids[at] = next_id
                next_id += 2
        self.next_id = next_id
        return ids

    def next_state(self, ids: array) -> _Previous:
        """What the next dump needs (in ordinal order: it and snapshot_id scan it once)."""
        objs = self.objs
        state = _Previous()
        state.next_id = self.next_id
        state.addresses = array("Q", map(id, islice(objs, 4, None)))
        state.ids = ids[4:]
        state.types = array("Q", map(id, map(type, islice(objs, 4, None))))
        weakable = {}
        for kind in set(map(type, islice(objs, 4, None))):
            weakable[kind] = kind.__weakrefoffset__ != 0
        weak = _weak
        state.refs = [weak(obj) if weakable[type(obj)] else None for obj in islice(objs, 4, None)]
        state.count = len(objs)
        return state

    def write(self, out) -> array:
        """Writes the snapshot; returns the nodes' ids."""
        ids = self.assign_ids()
        # What only the walk needed goes before the output is written, to keep the peak low.
        self.pages = {}
        count = len(self.objs)
        kinds = self.kinds
        names = self.names
        # The texts of strings and numbers follow the other names, one per node.
        base = len(self.string_index)
        for at, code in enumerate(kinds):
            if code == STRING or code == NUMBER:
                names[at] += base
        synthetic = self.synthetic_edges
        for i in range(4):
            self.counts[i] = len(synthetic[i])
        edge_count = (self.spilled + len(self.edges)) // 3 + sum(len(e) for e in synthetic)
        meta = {
            "node_fields": ["type", "name", "id", "self_size", "edge_count", "trace_node_id",
                            "detachedness"],  # fmt: skip
            "node_types": [NODE_TYPES, "string", "number", "number", "number", "number", "number"],
            "edge_fields": ["type", "name_or_index", "to_node"],
            "edge_types": [EDGE_TYPES, "string_or_number", "node"],
            "trace_function_info_fields": ["function_id", "name", "script_name", "script_id",
                                           "line", "column"],  # fmt: skip
            "trace_node_fields": ["id", "function_info_index", "count", "size", "children"],
            "sample_fields": ["timestamp_us", "last_assigned_id"],
            "location_fields": ["object_index", "script_id", "line", "column"],
        }
        header = {"meta": meta, "node_count": count, "edge_count": edge_count, "trace_function_count": 0}
        put = out.write
        put(b'{"snapshot":' + json.dumps(header, separators=(",", ":")).encode() + b',\n"nodes":[')
        zeros = repeat(0)
        columns = zip(kinds, names, ids, self.sizes, self.counts, zeros, zeros)
        _numbers(put, chain.from_iterable(columns), count * NODE_FIELDS)
        put(b'],\n"edges":[')
        flat = [value for edges in synthetic for triple in edges for value in triple]
        for i in range(0, len(flat), 3):
            flat[i + 2] *= NODE_FIELDS
        spilled = chain.from_iterable(_unspill(self.spill, self.spilled))
        _numbers(put, chain(flat, spilled, self.edges), len(flat) + self.spilled + len(self.edges))
        self.edges = array("I")
        put(b'],\n"trace_function_infos":[],\n"trace_tree":[],\n"samples":[],\n"locations":[')
        _numbers(put, iter(self.locations), len(self.locations))
        put(b'],\n"strings":[')
        encode = _encode_string
        texts = chain(self.string_index, _texts(self.objs, kinds))
        total = base + self.lazy
        for start in range(0, total, STRING_CHUNK):
            part = ",".join(map(encode, islice(texts, STRING_CHUNK)))
            put((part if start == 0 else "," + part).encode())
        put(b"]}\n")
        # Only the objects and their ids are left for the next dump's state.
        self.kinds = self.names = self.sizes = self.counts = self.edges = array("B")
        self.string_index = {}
        return ids


def _texts(objs: list, kinds: array):
    """The names of string and number nodes, in node order."""
    for at, code in enumerate(kinds):
        if code == STRING:
            text = objs[at]
            yield text if len(text) <= STRING_MAX else text[:STRING_MAX]
        elif code == NUMBER:
            yield _number_text(objs[at])


def _page() -> memoryview:
    """A page of the ordinal table, all zeros (0: no ordinal yet)."""
    return memoryview(mmap.mmap(-1, PAGE_BYTES)).cast("I")


def _unspill(spill, count: int):
    """The numbers written to `spill`, a chunk at a time."""
    if spill is None:
        return
    spill.seek(0)
    while count > 0:
        part = array("I")
        part.fromfile(spill, min(CHUNK, count))
        count -= len(part)
        yield part


def _numbers(put, values, total: int) -> None:
    """Writes `total` numbers, comma-separated, a chunk at a time (never one big string)."""
    first = True
    for start in range(0, total, CHUNK):
        # A list's repr is the quickest way to print numbers; its spaces go.
        part = repr(list(islice(values, min(CHUNK, total - start))))[1:-1].replace(" ", "")
        put((part if first else "," + part).encode())
        first = False


def _number_text(value) -> str:
    try:
        text = repr(value)
    except ValueError:  # an int with more digits than sys.get_int_max_str_digits allows
        return "int"
    return text if len(text) <= STRING_MAX else text[:STRING_MAX]


def _short_repr(value) -> str:
    try:
        text = repr(value)
    except Exception:
        text = f"<{_qualname(type(value))}>"
    return text if len(text) <= REPR_MAX else text[: REPR_MAX - 1] + "…"


def _module_name(module) -> str:
    """As Python prints a module, `<module 'server' from '/srv/server.py'>`: heapdot's class is `<module>`."""
    name = getattr(module, "__name__", None)
    path = getattr(module, "__file__", None)
    text = f"<module {name!r}" if isinstance(name, str) else "<module"
    return f"{text} from {path!r}>" if isinstance(path, str) else text + ">"


def _qualname(kind) -> str:
    name = getattr(kind, "__qualname__", None)
    return name if isinstance(name, str) else getattr(kind, "__name__", "object")


def _has_dict(kind) -> bool:
    return kind.__dictoffset__ != 0


def _mangle(owner, name: str) -> str:
    if name.startswith("__") and not name.endswith("__"):
        return f"_{owner.__name__.lstrip('_')}{name}"
    return name


def _forget(ref) -> None:
    pass


def _weak(obj):
    # With a callback, a reference of the dump's own: weakref.ref(obj) alone returns the one the
    # program may hold already (a type's subclasses list), which the next dump would then leave out.
    try:
        return weakref.ref(obj, _forget)
    except TypeError:
        return None


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m heapdot_dump",
        description="Run a Python script, then write a heap snapshot of it in V8's format for heapdot "
        "(every heapdot command reads it). From code: heapdot_dump.dump(path) writes one now; "
        "heapdot_dump.install(signal.SIGUSR2, dir) writes dir/heapdot-<pid>-<n>.heapsnapshot "
        "on each signal.",
        epilog="examples:\n"
        "  python -m heapdot_dump -o after.heapsnapshot samples/python/leaky_image_service.py\n"
        "  python -m heapdot_dump --signal-dir dumps server.py   (then: kill -USR2 <pid>)\n"
        "  heapdot chain after.heapsnapshot ImageReqWrapper",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-o", "--output", help="snapshot written when the script ends (.gz: gzip)")
    parser.add_argument("--signal-dir", help="write a numbered snapshot into DIR on each SIGUSR2")
    parser.add_argument("--version", action="version", version=f"heapdot_dump {__version__}")
    parser.add_argument("script", help="the Python script to run, as `python script.py` would")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="its arguments")
    options = parser.parse_args(argv)
    if options.output is None and options.signal_dir is None:
        parser.error("nothing to write: give -o FILE, --signal-dir DIR or both")
    if options.signal_dir is not None:
        install(signal.SIGUSR2, options.signal_dir)
    sys.argv = [options.script, *options.args]
    sys.path.insert(0, os.path.dirname(os.path.abspath(options.script)))
    # The script imports heapdot_dump as this module, not a second copy with its own ids.
    sys.modules.setdefault("heapdot_dump", sys.modules[__name__])
    main_module = types.ModuleType("__main__")
    main_module.__file__ = options.script
    main_module.__builtins__ = __builtins__
    sys.modules["__main__"] = main_module
    with open(options.script, "rb") as source:
        code = compile(source.read(), options.script, "exec")
    try:
        exec(code, main_module.__dict__)
    finally:
        if options.output is not None:
            dump(options.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
