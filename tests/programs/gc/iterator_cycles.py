# Reference cycles through iterators, views, bound built-in methods, super objects, generic
# aliases and mapping proxies are found and freed by the collector: each case builds a cycle
# that passes through one such object, drops it, and checks with a weak reference that
# gc.collect() freed it.
import gc
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
    print(f"{name:24} freed: {r() is None}")


def through_list_iterator(n):
    box = [n]
    n.it = iter(box)


def through_tuple_iterator(n):
    n.it = iter((n,))


def through_reversed_list(n):
    box = [n]
    n.it = reversed(box)


def through_dict_iterators(n):
    d = {"n": n}
    n.keys = iter(d)
    n.values = iter(d.values())
    n.items = iter(d.items())
    n.rev = reversed(d)


def through_dict_views(n):
    d = {"n": n}
    n.views = (d.keys(), d.values(), d.items())


def through_set_iterator(n):
    s = {n}
    n.it = iter(s)


def through_enumerate(n):
    n.it = enumerate([n])


def through_zip_map_filter(n):
    n.z = zip([n], [1])
    n.m = map(id, [n])
    n.f = filter(None, [n])


def through_callable_iterator(n):
    n.it = iter(lambda: n, None)


class Seq:
    def __getitem__(self, i):
        if i > 2:
            raise IndexError(i)
        return i


def through_sequence_iterator(n):
    s = Seq()
    s.n = n
    n.it = iter(s)


class Rev:
    def __len__(self):
        return 1

    def __getitem__(self, i):
        return i


def through_reversed_sequence(n):
    r = Rev()
    r.n = n
    n.it = reversed(r)


def through_bound_builtin(n):
    box = [n]
    n.append = box.append


def through_method_wrapper(n):
    box = [n]
    n.wrapper = box.__len__


class Base:
    def hello(self):
        return "hello"


class Derived(Base):
    pass


def through_super(n):
    d = Derived()
    d.n = n
    n.sup = super(Derived, d)


def through_generic_alias(n):
    n.alias = list[n]


def through_union(n):
    class Local:
        pass

    Local.n = n
    n.union = Local | None


def through_mappingproxy(n):
    class Local:
        pass

    Local.n = n
    n.proxy = Local.__dict__


cases = [
    ("list iterator", through_list_iterator),
    ("tuple iterator", through_tuple_iterator),
    ("reversed list", through_reversed_list),
    ("dict iterators", through_dict_iterators),
    ("dict views", through_dict_views),
    ("set iterator", through_set_iterator),
    ("enumerate", through_enumerate),
    ("zip/map/filter", through_zip_map_filter),
    ("callable iterator", through_callable_iterator),
    ("sequence iterator", through_sequence_iterator),
    ("reversed sequence", through_reversed_sequence),
    ("bound builtin method", through_bound_builtin),
    ("method-wrapper", through_method_wrapper),
    ("super", through_super),
    ("generic alias", through_generic_alias),
    ("union", through_union),
    ("mappingproxy", through_mappingproxy),
]
for name, build in cases:
    check(name, build)

# The objects are tracked, as CPython's, and traverse what they hold.
box = []
it = iter(box)
print("list iterator tracked:", gc.is_tracked(it))
print("list iterator referents:", gc.get_referents(it) == [box])
m = box.append
print("bound method tracked:", gc.is_tracked(m))
print("bound method referents hold the list:", any(r is box for r in gc.get_referents(m)))
print("mappingproxy tracked:", gc.is_tracked(Node.__dict__))
print("generic alias tracked:", gc.is_tracked(list[int]))

# A cycle whose iterator is being consumed is not freed under it.
data = [1, 2, 3]
it = iter(data)
data.append(it)
del data
gc.collect()
print("still iterating:", next(it), next(it), next(it), next(it) is it)
