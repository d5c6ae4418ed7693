# Method calls on instances: plain, inherited, super() chains, bound methods.
class Base:
    def __init__(self):
        self.n = 0

    def step(self, k):
        self.n += k
        return self.n


class Derived(Base):
    def step(self, k):
        return super().step(k + 1)

    def twice(self, k):
        self.step(k)
        return self.step(k)


objects = [Base(), Derived()]
for i in range(1_000_000):
    objects[0].step(i)
    objects[1].twice(i)
bound = objects[0].step
for i in range(800_000):
    bound(1)
print(objects[0].n, objects[1].n)
