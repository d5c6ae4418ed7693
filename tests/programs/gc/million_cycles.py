# A million objects in reference cycles, dropped: the cycle collector frees them and the
# memory comes back (resident size read from /proc/self/statm).
import gc


def resident_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4


class Node:
    pass


def build(n):
    # Pairs of nodes that reference each other, and a list in a cycle with itself.
    nodes = []
    for i in range(n // 2):
        a = Node()
        b = Node()
        a.peer = b
        b.peer = a
        nodes.append(a)
    ring = [nodes]
    ring.append(ring)
    return ring


gc.collect()
gc.disable()
baseline = resident_kib()
ring = build(1_000_000)
grown = resident_kib()
del ring
found = gc.collect()
after = resident_kib()
gc.enable()
print("grew:", grown - baseline > 50_000)
print("collected a million:", found >= 1_000_000)
print("memory came back:", after - baseline < (grown - baseline) // 4)
