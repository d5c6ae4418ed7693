# random.py on _random: the sequences of each distribution after seeding, as CPython gives them.
import random
for seed in [42, 0, -7, 2**100+3, 3.5, "hello", b"bytes", None]:
    if seed is None: continue
    random.seed(seed)
    print(seed, random.random(), random.randint(1, 100), random.choice('abcdefg'))
    l = list(range(20)); random.shuffle(l); print(l)
    print(random.sample(range(1000), 5), random.uniform(1, 2), random.gauss(0, 1))
    print(random.choices('abc', weights=[1, 2, 3], k=6), random.getrandbits(70), random.randrange(0, 10**30, 7))
    print(random.expovariate(2), random.triangular(), random.betavariate(2, 3), random.normalvariate())
r = random.Random(123); s = r.getstate(); a = [r.random() for _ in range(3)]; r.setstate(s); print(a == [r.random() for _ in range(3)], len(s), s[0], len(s[1]), s[1][-1])
print(random.Random(5).randbytes(10))
sr = random.SystemRandom(); x = sr.random(); print(0 <= x < 1, type(sr.getrandbits(100)))
random.seed(); print(0 <= random.random() < 1)
