# Control flow: if/elif/else, loops with break/continue/else, boolean conditions, assert.
def f(a, b, items):
    if a and b or not a:
        r = 1
    elif a is None:
        r = 2
    elif b:
        pass
    else:
        r = 3
    for i in items:
        if i % 2:
            continue
        if i > 10:
            break
        r += i
    else:
        r = -1
    while r > 0 and not b:
        r -= 1
        if r == 5:
            break
    else:
        r = 0
    while True:
        r += 1
        if r > 100:
            break
    assert r, "message"
    assert a
    return r if r else None


def g(x):
    for a, *b in x:
        for c in b:
            yield a, c
