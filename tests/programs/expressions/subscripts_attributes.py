# Subscript and attribute expressions chained together, with method calls on results.
data = {"users": [{"name": "ann", "tags": ["a", "b"]}, {"name": "bob", "tags": []}]}
print(data["users"][0]["tags"][-1].upper(), data["users"][1]["name"].title(), len(data["users"][1]["tags"]))
print("a-b-c".split("-")[1:], [1, 2, 3][::-1][0], (1, (2, 3))[1][0], "xyz"[1].join("ab"))
print({"k": "v"}.get("k").upper(), str(10).zfill(4)[1:], [[1, 2], [3]][0][1:][0])
