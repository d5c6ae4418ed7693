# Alignment of non-ASCII strings counts code points, not display width.
for word in ["abc", "é", "日本", "😀"]:
    print(f"[{word:>6}] [{word:<6}] [{word:^6}] {len(word)}")
print("|".join(s.center(5, "·") for s in ["a", "bb"]))
