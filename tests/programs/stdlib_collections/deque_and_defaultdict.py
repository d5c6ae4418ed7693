# collections.deque and collections.defaultdict (from _collections): methods, bounded deques,
# reprs, errors, copying, subclasses, default factories and the | operator.
from collections import deque, defaultdict
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
d = deque([1,2,3]); print(d, deque(), deque('ab', maxlen=2), deque([], 0), deque(maxlen=None))
t(lambda: deque().pop()); t(lambda: deque().popleft()); t(lambda: d[5]); t(lambda: d.__setitem__(5, 1)); t(lambda: d.__delitem__(5)); t(lambda: d['a']); t(lambda: d[1:2])
t(lambda: d.remove(9)); t(lambda: d.index(9)); t(lambda: d.index(1, 1)); t(lambda: deque([1], maxlen=-1)); t(lambda: deque([1], maxlen='a')); t(lambda: deque(1)); t(lambda: deque([1], 2, 3)); t(lambda: deque(x=1))
def mut():
    x = deque([1,2,3])
    for i in x: x.append(1)
t(mut)
x = deque(range(5)); x.rotate(2); print(x); x.rotate(-3); print(x); x.extendleft('ab'); print(x); x.reverse(); print(x)
print(x.count(1), len(x), bool(deque()), 3 in x, x.copy(), x.maxlen, deque(maxlen=3).maxlen)
b = deque(range(5), maxlen=3); print(b); b.append(9); print(b); b.appendleft(7); print(b); b.extend([1,2]); print(b); b.insert(1, 5) if False else None
x = deque([1,2,3]); x[0] = 9; del x[1]; print(x, x[-1]); x += [4]; print(x); x *= 2; print(x); x.clear(); print(x)
print(list(reversed(deque([1,2,3]))), type(iter(deque())), type(reversed(deque())))
y = deque(); y.append(y); print(y)
t(lambda: deque().rotate('a')); t(lambda: deque([1]).remove()); t(lambda: deque.append()); t(lambda: deque([1]).insert(1)); 
print(deque([1,2,3]).index(2), deque([1,2,3,2]).index(2, 2), deque([1,2,3]).index(3, -1), deque([1,2,3]).insert(10, 4))
z = deque([1,2,3]); z.insert(-10, 0); z.insert(10, 9); print(z)
class D(deque): pass
print(D([1]), repr(D([1], 3)))
import copy; print(copy.copy(deque([1], 2)), copy.deepcopy(deque([[1]])))
print(deque.__module__, deque.__name__, deque([1]).__reduce__()[:3])
t(lambda: deque([1]).__init__([2,3])); q = deque([1]); q.__init__([2,3]); print(q)
dd = defaultdict(list); dd['a'].append(1); print(dd, dd.default_factory, defaultdict(), defaultdict(None, {1:2}, x=3))
t(lambda: defaultdict(1)); t(lambda: defaultdict()['x']); t(lambda: defaultdict(list, 1, 2))
print(dd.copy(), type(dd.copy()), copy.copy(dd), copy.deepcopy(dd), dd | {'b': 1}, {'c': 1} | dd, dd.__reduce__()[:2])
class E(defaultdict): pass
print(E(int), E(int)['q'])
dd.default_factory = None; t(lambda: dd['zz']); del dd.default_factory; print(dd.default_factory)
r = defaultdict(); r.default_factory = lambda: r; r[1]; print(repr(r)[:20])
print(isinstance(dd, dict), defaultdict.__module__, defaultdict.__name__, defaultdict.__mro__)
t(lambda: defaultdict(int).__missing__(1)); t(lambda: defaultdict().__missing__(1))
e = defaultdict(int); e.get('k'); print(e, 'k' in e)
