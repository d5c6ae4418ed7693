# Reference cycles through itertools objects, deque iterators, context variables and tokens,
# regular-expression patterns, matches and scanners, and io objects are found and freed by
# the collector: each case builds a cycle through one such object, drops it, and checks with
# a weak reference that gc.collect() freed it.
import collections
import contextvars
import gc
import io
import itertools
import re
import weakref


class Node:
    pass


def check(name, build):
    gc.collect()
    node = Node()
    build(node)
    r = weakref.ref(node)
    del node
    gc.collect()
    print(f"{name:22} freed: {r() is None}")
    if r() is not None:
        # Break the cycle by hand, so that the program leaves nothing behind.
        r().__dict__.clear()
        gc.collect()


def through_repeat(n):
    n.it = itertools.repeat(n)


def through_cycle(n):
    c = itertools.cycle([n])
    next(c)
    n.it = c


def through_accumulate(n):
    n.it = itertools.accumulate([n], lambda a, b: a, initial=n)


def through_chain(n):
    n.it = itertools.chain([n], [1])


def through_compress(n):
    n.it = itertools.compress([n], [1])


def through_while(n):
    n.a = itertools.takewhile(bool, [n])
    n.b = itertools.dropwhile(bool, [n])


def through_filterfalse(n):
    n.it = itertools.filterfalse(None, [n])


def through_groupby(n):
    g = itertools.groupby([n, n])
    key, group = next(g)
    n.g = g
    n.group = group


def through_islice(n):
    n.it = itertools.islice([n], 1)


def through_pairwise(n):
    p = itertools.pairwise([n, n, n])
    next(p)
    n.it = p


def through_starmap(n):
    n.it = itertools.starmap(print, [(n,)])


def through_zip_longest(n):
    n.it = itertools.zip_longest([n], [], fillvalue=n)


def through_product(n):
    n.it = itertools.product([n], [1])


def through_combinations(n):
    n.a = itertools.combinations([n], 1)
    n.b = itertools.permutations([n])
    n.c = itertools.combinations_with_replacement([n], 1)


def through_batched(n):
    n.it = itertools.batched([n], 1)


def through_deque_iterator(n):
    d = collections.deque([n])
    n.it = iter(d)
    n.rev = reversed(d)


def through_context_var(n):
    n.var = contextvars.ContextVar("v", default=n)


def through_token(n):
    var = contextvars.ContextVar("v")
    ctx = contextvars.Context()
    n.token = ctx.run(var.set, n)


def through_context(n):
    var = contextvars.ContextVar("v")
    ctx = contextvars.copy_context()
    ctx.run(var.set, n)
    n.ctx = ctx


class Text(str):
    pass


def through_match(n):
    s = Text("abc")
    s.n = n
    n.m = re.match("a", s)


# A scanner does not show the collector the string it scans (CPython's scanner_traverse
# visits only the pattern), so a cycle through that string is never freed.
def through_scanner_string(n):
    s = Text("abc")
    s.n = n
    n.scanner = re.compile("b").scanner(s)


def through_stringio(n):
    f = io.StringIO()
    f.n = n
    n.f = f


def through_text_wrapper(n):
    raw = io.BytesIO()
    t = io.TextIOWrapper(raw, encoding="utf-8")
    raw.n = n
    n.t = t


def through_buffered(n):
    raw = io.BytesIO(b"data")
    b = io.BufferedReader(raw)
    raw.n = n
    n.b = b


cases = [
    ("repeat", through_repeat),
    ("cycle", through_cycle),
    ("accumulate", through_accumulate),
    ("chain", through_chain),
    ("compress", through_compress),
    ("takewhile/dropwhile", through_while),
    ("filterfalse", through_filterfalse),
    ("groupby", through_groupby),
    ("islice", through_islice),
    ("pairwise", through_pairwise),
    ("starmap", through_starmap),
    ("zip_longest", through_zip_longest),
    ("product", through_product),
    ("combinations", through_combinations),
    ("batched", through_batched),
    ("deque iterators", through_deque_iterator),
    ("ContextVar", through_context_var),
    ("Token", through_token),
    ("Context", through_context),
    ("Match", through_match),
    ("Scanner's string", through_scanner_string),
    ("StringIO", through_stringio),
    ("TextIOWrapper", through_text_wrapper),
    ("BufferedReader", through_buffered),
]
for name, build in cases:
    check(name, build)

print("chain tracked:", gc.is_tracked(itertools.chain()))
print("match tracked:", gc.is_tracked(re.match("a", "a")))
