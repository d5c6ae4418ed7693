# Lists: append, index, slice, sort, comprehensions, insert and pop.
data = []
for i in range(800_000):
    data.append((i * 7919) % 10007)
data.sort()
squares = [x * x for x in data if x % 3]
window = 0
for i in range(0, len(data) - 10, 10):
    window += sum(data[i:i + 10])
stack = []
for i in range(600_000):
    stack.append(i)
    if i % 3 == 0:
        stack.pop()
by_key = sorted(range(300_000), key=lambda v: (v % 17, -v))
print(data[12345], len(squares), window, len(stack), by_key[:3])
