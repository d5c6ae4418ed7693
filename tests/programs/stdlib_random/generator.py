# _random.Random itself: the state tuple, getrandbits of any width, and its errors.
import _random
import random

r = _random.Random(2024)
print(r.random(), r.getrandbits(1), r.getrandbits(32), r.getrandbits(33), r.getrandbits(200))
print(r.getrandbits(0))
state = r.getstate()
print(type(state).__name__, len(state), state[-1], state[:3])
first = [r.random() for _ in range(3)]
r.setstate(state)
print(first == [r.random() for _ in range(3)])
r.seed(12345678901234567890123456789)
print(r.random())
r.seed(-12345678901234567890123456789)
print(r.random())
r.seed(3.5)
print(r.random())
r.seed(True)
print(r.random())
r.seed((1, 2))
print(r.random())
class MyInt(int):
    def __abs__(self):
        return 0
r.seed(MyInt(77))
a = r.random()
r.seed(77)
print(a == r.random())
print(_random.Random, _random.Random.__module__, _random.__doc__)


def attempt(f, *args, **kwargs):
    try:
        print(f(*args, **kwargs))
    except Exception as e:
        print(type(e).__name__, e)


for bad in [1.5, 2**40, -1, 'a']:
    attempt(r.getrandbits, bad)
for st in ['x', (1,) * 3, (1.0,) * 625, (-1,) * 625, (2**40,) * 625, (0,) * 624 + (625,),
           (0,) * 624 + (-1,), (0,) * 624 + (1.0,), (0,) * 624 + (2**70,)]:
    attempt(r.setstate, st)
attempt(_random.Random, 1, 2)
attempt(_random.Random, x=1)
attempt(r.seed, 1, 2)
attempt(r.seed, [1])


class Sub(_random.Random):
    def __init__(self, a, b=1):
        self.b = b


s = Sub(1, b=2)
s.seed(42)
print(s.b, s.random())
rr = random.Random(42)
print(rr.random(), rr.randrange(10**20), rr.getrandbits(64))
