# *args and **kwargs collect extras; keyword order is preserved; passing through.
def collect(a, *args, b=0, **kwargs):
    return a, args, b, kwargs


print(collect(1), collect(1, 2, 3), collect(1, b=2, z=3, y=4), collect(*[1, 2], **{"b": 5, "c": 6}))


def passthrough(*args, **kwargs):
    return collect(*args, **kwargs)


print(passthrough(9, 8, q=1))
print(type(collect(1, 2)[1]).__name__, type(collect(1, k=1)[3]).__name__)
