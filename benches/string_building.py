# Building strings: concatenation, join, formatting, f-strings, methods.
def build():
    parts = []
    for i in range(700_000):
        parts.append(f"{i}:{i * 2:x}")
    joined = ",".join(parts)

    s = ""
    for i in range(500_000):
        s += chr(97 + i % 26)

    formatted = ["%d-%s-%.2f" % (i, "ab", i / 3) for i in range(300_000)]
    upper = sum(len(w.upper().replace("A", "bb")) for w in formatted)
    words = joined.split(",")
    return len(joined), s.count("z"), upper, len(words), words[-1]


print(*build())
