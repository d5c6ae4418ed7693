# zip, enumerate, filter and map together in data processing.
names = ["ann", "bob", "cy"]
scores = [90, 75, 88]
print(dict(zip(names, scores)), list(enumerate(names, 1)))
print(list(filter(lambda p: p[1] > 80, zip(names, scores))), list(map(lambda n, s: f"{n}:{s}", names, scores)))
print(sorted(zip(scores, names), reverse=True)[0], [n for n, s in zip(names, scores, strict=True) if s < 80])
