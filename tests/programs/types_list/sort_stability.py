# Sort stability on many equal keys, and reverse keeping stability.
records = [(i % 4, i) for i in range(20)]
print(sorted(records, key=lambda r: r[0]))
print(sorted(records, key=lambda r: r[0], reverse=True))
big = [((i * 7919) % 101, i) for i in range(300)]
s = sorted(big, key=lambda r: r[0])
print(all(s[i][0] < s[i + 1][0] or (s[i][0] == s[i + 1][0] and s[i][1] < s[i + 1][1]) for i in range(len(s) - 1)))
print(s[:5], s[-3:])
