# Creating and dropping many small objects: instances, tuples, lists, dicts.
class Node:
    def __init__(self, value, next_node):
        self.value = value
        self.next = next_node


def build(n):
    head = None
    for i in range(n):
        head = Node(i, head)
    return head


total = 0
for _ in range(16):
    head = build(50_000)
    while head is not None:
        total += head.value
        head = head.next
pairs = [(i, str(i)) for i in range(400_000)]
dicts = [{"k": i, "v": i * 2} for i in range(200_000)]
print(total, len(pairs), sum(d["v"] for d in dicts))
