# Infinite generators combined with itertools: islice, count, takewhile, chain, accumulate.
import itertools


def naturals():
    n = 0
    while True:
        yield n
        n += 1


def primes():
    found = []
    for n in itertools.count(2):
        if all(n % p for p in found):
            found.append(n)
            yield n


print(list(itertools.islice(naturals(), 5)), list(itertools.islice(primes(), 10)))
print(list(itertools.takewhile(lambda x: x < 5, naturals())), list(itertools.chain("ab", [1])))
print(list(itertools.accumulate([1, 2, 3, 4])), list(itertools.zip_longest("ab", "x", fillvalue="-")))
print(list(itertools.product("ab", repeat=2)), list(itertools.permutations([1, 2, 3], 2))[:4], list(itertools.combinations(range(4), 2)))
print([(k, list(g)) for k, g in itertools.groupby("aabbbc")])
