# return, break and continue leave a with block through __exit__.
class CM:
    def __init__(self, n):
        self.n = n

    def __enter__(self):
        return self.n

    def __exit__(self, *a):
        print("exit", self.n)


def f():
    with CM(1) as n:
        return n * 10


print(f())
for i in range(3):
    with CM(i):
        if i == 0:
            continue
        if i == 2:
            break
        print("body", i)
