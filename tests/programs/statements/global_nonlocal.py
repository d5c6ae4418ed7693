# global and nonlocal declarations; UnboundLocalError when assignment makes a name local.
counter = 0


def bump():
    global counter
    counter += 1


def make():
    total = 0

    def add(n):
        nonlocal total
        total += n
        return total

    return add


bump()
bump()
add = make()
add(5)
print(counter, add(10))


def broken():
    print(counter)
    counter = 5


try:
    broken()
except UnboundLocalError as e:
    print(type(e).__name__, e)


def creates_global():
    global made_here
    made_here = "yes"


creates_global()
print(made_here)
