# Dictionaries: insertion, lookup, update, deletion, iteration, string and int keys.
counts = {}
for i in range(1_500_000):
    key = i % 1009
    counts[key] = counts.get(key, 0) + 1

names = {}
for i in range(600_000):
    names["name" + str(i % 5000)] = i

total = 0
for key, value in counts.items():
    total += key * value
for i in range(0, 1009, 2):
    del counts[i]
merged = dict(names)
merged.update({str(i): i for i in range(300_000)})
print(total, len(counts), len(names), len(merged), sum(names.values()))
