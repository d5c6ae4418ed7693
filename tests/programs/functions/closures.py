# Closures capture variables, not values; cells shared between inner functions.
def make_pair():
    value = 0

    def get():
        return value

    def set_(v):
        nonlocal value
        value = v

    return get, set_


get, set_ = make_pair()
set_(42)
print(get(), get.__closure__[0].cell_contents, get.__code__.co_freevars)


def counter_factory():
    fns = []
    for i in range(3):
        fns.append(lambda: i)
    return fns


print([f() for f in counter_factory()])


def outer():
    x = 1

    def middle():
        def inner():
            return x
        return inner

    x = 2
    return middle()()


print(outer())


def unbound():
    def inner():
        return later
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
    later = 1
    return inner()


print(unbound())
